"""Demo module: "Coercive control and recognising abuse" (years 10 to 11, teacher-led)."""

from courses.demo_content.services import (
    CEOP_CHILD_PROTECTION_EXPERTS,
    CHILDLINE_PHONE_OR_CHAT,
    DOMESTIC_ABUSE_HELPLINE_CONFIDENTIAL,
    GALOP,
    KENT_DOMESTIC_ABUSE,
    MENS_ADVICE_LINE,
    NSPCC,
    POLICE,
    REPORT_REMOVE_SEMI_NUDE,
    RESPECT_PHONELINE_PARTNER_OR_FAMILY,
    SHOUT_SHORT,
    THE_MIX_ANYTHING_ON_YOUR_MIND,
)

MODULE = {
    "slug": "coercive-control-and-recognising-abuse",
    "title": "Coercive control and recognising abuse",
    "summary": (
        "Pupils learn the difference between care and control, how coercive control "
        "builds up over time, what the law says, and how to get help or support a friend."
    ),
    "min_year": 10,
    "max_year": 11,
    "estimated_minutes": 150,
    "is_sensitive": True,
    "delivery_mode": "teacher_led",
    "rshe_topics": [
        "healthy-relationships",
        "domestic-abuse-and-coercive-control",
        "abuse-grooming-and-exploitation",
        "consent",
        "sharing-nudes",
        "deepfakes",
        "image-based-abuse",
        "online-safety",
        "the-law",
        "getting-help",
    ],
    "content_warning": (
        "This module talks about controlling behaviour and abuse in relationships and "
        "families. If anything feels difficult, you can take a break, and you can talk to "
        "a trusted adult or contact Childline on 0800 1111 at any time."
    ),
    "learning_outcomes": [
        "Pupils can explain the difference between caring behaviour and controlling behaviour.",
        "Pupils can recognise red flags of coercive control, including emotional, digital and financial abuse.",
        "Pupils can describe what the law in England and Wales says about coercive control "
        "and sharing intimate images, and explain why abuse is never the victim's fault.",
        "Pupils can describe how to respond if a friend confides in them, and name trusted "
        "adults and services that can help.",
    ],
    "teacher_overview": (
        "<p>This module helps pupils in Years 10 and 11 notice controlling behaviour early. "
        "Many young people see jealousy, phone checking or constant messaging as signs of "
        "love. The three lessons move from spotting red flags, to understanding coercive "
        "control as a pattern and a crime, to knowing how to get help and support a "
        "friend.</p>"
        "<p><b>Before you teach:</b></p>"
        "<ul>"
        "<li>Tell your designated safeguarding lead (DSL) when the lessons will run.</li>"
        "<li>Check with pastoral staff whether any pupils are known to be affected by "
        "domestic abuse. Speak to them privately beforehand and agree a plan, such as a "
        "time-out card or a safe place to go.</li>"
        "<li>Set up an anonymous question box, and follow up questions in the next "
        "lesson.</li>"
        "</ul>"
        "<p><b>During the lessons:</b> keep discussion about the made-up characters, not "
        "pupils' own lives. Never promise to keep a secret. If a pupil discloses, listen "
        "calmly, do not ask leading questions, and follow your school's child protection "
        "policy and Keeping Children Safe in Education, reporting to the DSL the same "
        "day.</p>"
        "<p>Each lesson takes about 50 minutes. Teacher notes give suggested timings. Use "
        "the quiz and survey at the end of the module to check learning and "
        "confidence.</p>"
    ),
    "key_vocabulary": [
        (
            "Coercive control",
            "A pattern of behaviour over time that scares, hurts, shames or limits "
            "someone, so that they lose their freedom and feel they have to obey.",
        ),
        (
            "Red flag",
            "A warning sign that a relationship may be unhealthy or unsafe.",
        ),
        (
            "Isolation",
            "Cutting someone off from friends, family or other support, so they depend on one person.",
        ),
        (
            "Digital abuse",
            "Using phones, apps or the internet to control, track, threaten or shame someone.",
        ),
        (
            "Financial abuse",
            "Controlling someone's money or things, for example taking their wages or "
            "deciding what they can buy. Also called economic abuse.",
        ),
        (
            "Confide",
            "To tell someone you trust something private or worrying.",
        ),
        (
            "Designated safeguarding lead (DSL)",
            "The member of staff in a school whose job is to keep pupils safe and to get them help.",
        ),
    ],
    "send_adaptations": (
        "<ul>"
        "<li>Give a printed care-or-control card sort with simple pictures or symbols, "
        "and let pupils sort physically rather than write.</li>"
        "<li>Pre-teach key words (control, pattern, isolate, confide) with short, "
        "concrete examples before each lesson.</li>"
        "<li>Break scenarios into short chunks and read them aloud. Check understanding "
        "with simple yes or no questions before moving on.</li>"
        "<li>Offer a quiet space and a time-out card, and give a clear, visual list of "
        "who to talk to that pupils can keep.</li>"
        "</ul>"
    ),
    "eal_adaptations": (
        "<ul>"
        "<li>Give a word bank with the key vocabulary, a simple definition and a "
        "translation where possible.</li>"
        '<li>Use sentence starters for discussion, for example "I think this is control '
        'because..." and "A good friend would...".</li>'
        "<li>Pair pupils with a supportive partner and allow discussion in home "
        "languages first.</li>"
        "<li>Check that pupils understand that help services are free and confidential, "
        "and show them where to find them.</li>"
        "</ul>"
    ),
    "review_by": "2026-10-31",
    "lessons": [
        # ------------------------------------------------------------------
        # Lesson 1
        # ------------------------------------------------------------------
        {
            "slug": "jealousy-control-and-red-flags",
            "title": "Jealousy, control and red flags",
            "summary": (
                "Pupils explore the difference between care and control and learn to spot early warning signs."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today we are talking about relationships, so let's agree how "
                            "we keep this space safe and respectful. We talk about the "
                            "characters, not people we know. Nobody has to share anything "
                            "personal."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Agree or revisit ground rules: respect others' views, no "
                            "personal stories, no names, the right to pass, and ask "
                            "questions without embarrassment. Point out the anonymous "
                            "question box.</p>"
                            "<p>Remind pupils that you cannot keep a secret if someone "
                            "might be at risk, and that they can talk to you or the DSL "
                            "after the lesson.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Care or control?</h3>"
                        "<p>People who care about you want you to be happy, safe and "
                        "free to be yourself. They trust you, respect your choices and "
                        "are glad you have friends. Control is different. Control is "
                        "when someone tries to decide what you do, who you see or how "
                        "you feel, and makes you worried about what happens if you "
                        "don't go along with it.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>What about jealousy?</h3>"
                        "<p>Everyone feels jealous sometimes. It is a normal feeling. "
                        "What matters is what someone does with it. Talking about it "
                        "calmly is healthy. Using jealousy as a reason to check up on "
                        "someone, blame them or stop them seeing people is not. "
                        "Jealousy is not proof of love.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>Red flags to look out for</h3>"
                        "<ul>"
                        "<li>Checking your phone or demanding your passwords</li>"
                        "<li>Wanting to know where you are all the time</li>"
                        "<li>Making you feel guilty for seeing friends or family</li>"
                        '<li>Put-downs, even when they are called "just a joke"</li>'
                        "<li>Telling you what to wear or who to talk to</li>"
                        "<li>Getting angry if you don't reply straight away</li>"
                        "</ul>"
                    ),
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p><b>Card sort:</b> in pairs, pupils sort behaviour cards "
                            'into "care", "control" and "it depends". Examples: '
                            '"asks if you got home safely", "reads your messages while '
                            'you sleep", "says your friends are a bad influence", '
                            '"supports you going to a party", "sulks until you cancel '
                            'plans".</p>'
                            '<p>Take feedback on the "it depends" cards. Draw out that '
                            "the same action can feel different when it happens once, or "
                            "when it happens again and again and the person feels they "
                            "have no choice.</p>"
                        ),
                        "minutes": 10,
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "Ellie and Jess",
                        "characters": "Ellie and Jess (made-up characters), both 15",
                        "situation": (
                            "<p>Ellie and Jess have been going out for two months. Jess "
                            "often asks to see Ellie's phone and gets upset when Ellie "
                            'messages her friend Sara. Jess says, "If you really loved '
                            "me, you wouldn't need other friends.\" Ellie has started "
                            "skipping netball to spend every evening with Jess.</p>"
                        ),
                        "question": "What would be the healthiest next step for Ellie?",
                        "choices": [
                            {
                                "text": "Stop talking to Sara so that Jess won't be upset.",
                                "feedback": (
                                    "This might feel easier for now, but it means Ellie "
                                    "loses a friend and more of her freedom. In a healthy "
                                    "relationship, you don't have to give up friends to "
                                    "keep someone happy."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": (
                                    "Talk to a trusted adult or friend about how Jess's behaviour is making her feel."
                                ),
                                "feedback": (
                                    "Good choice. Ellie deserves support. Talking to "
                                    "someone she trusts can help her see the pattern and "
                                    "work out what to do, without having to sort it out "
                                    "on her own."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": ("Hand over her phone whenever Jess asks, to prove she is loyal."),
                                "feedback": (
                                    "Ellie doesn't need to prove anything. Trust can't be "
                                    "built by checking. Giving in can make the checking "
                                    "happen more, not less."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Ignore it, because jealousy just shows Jess cares.",
                                "feedback": (
                                    "Jealousy is a normal feeling, but using it to control "
                                    "someone is a red flag. Jess's behaviour is about "
                                    "control, not care."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": (
                            "Which of Jess's actions are red flags? Why might Ellie find "
                            "it hard to see them as a problem?"
                        ),
                        "follow_up": [
                            "How might Sara notice that something has changed for Ellie?",
                            "What would a caring way for Jess to handle her jealousy look like?",
                            "If Jess wanted to change her behaviour, where could she get help?",
                        ],
                    },
                ),
                (
                    "key_message",
                    {
                        "heading": "Care gives freedom. Control takes it away.",
                        "message": (
                            "In a healthy relationship you can see your friends, have "
                            "privacy and say no without being scared. If someone "
                            "notices controlling habits in themselves, they can choose "
                            "to change, and there is help for that too."
                        ),
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which of these is most likely to be a red flag?",
                        "choices": [
                            {
                                "text": "A partner asks if you got home safely after a party.",
                                "correct": False,
                            },
                            {
                                "text": "A partner gets angry when you spend time with friends.",
                                "correct": True,
                            },
                            {
                                "text": "A partner says they missed you while you were away.",
                                "correct": False,
                            },
                            {
                                "text": "A partner encourages you to join a new club.",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Getting angry when someone sees friends is a way of "
                            "isolating them. The other examples show care and respect."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Think of one sentence you could say to explain the "
                            "difference between care and control to a younger pupil."
                        ),
                        "hint": (
                            "Think about freedom, trust and whether someone feels scared "
                            "to say no. You don't need to share your answer."
                        ),
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Give pupils two minutes for the reflection in silence. "
                            "Then go through the help slide slowly and point out the "
                            "Respect Phoneline for anyone worried about their own "
                            "behaviour.</p>"
                            "<p>Stay in the room for a few minutes at the end so that "
                            "pupils can speak to you privately.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": (
                            "If anything today worried you, about yourself or someone "
                            "else, talk to a trusted adult or our school's designated "
                            "safeguarding lead. You can also contact these services."
                        ),
                        "services": [
                            dict(CHILDLINE_PHONE_OR_CHAT),
                            dict(THE_MIX_ANYTHING_ON_YOUR_MIND),
                            dict(SHOUT_SHORT),
                            dict(RESPECT_PHONELINE_PARTNER_OR_FAMILY),
                            dict(POLICE),
                        ],
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 2
        # ------------------------------------------------------------------
        {
            "slug": "coercive-control-and-the-law",
            "title": "Coercive control and the law",
            "content_warning": "This lesson talks about controlling behaviour by partners and family members, and about domestic abuse at home.",
            "summary": (
                "Pupils learn how coercive control builds up over time, the forms it can take, and what the law says."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Let's remind ourselves of our ground rules. This topic can "
                            "feel close to home for some people, so be kind, talk about "
                            "the characters, and take a break if you need one."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Recap lesson 1: ask pupils for three red flags and answer "
                            "any questions from the question box.</p>"
                            "<p>Some pupils may live with domestic abuse at home. Avoid "
                            "asking for personal examples and watch for pupils who "
                            "become quiet or upset. Follow up privately and tell the DSL "
                            "about any concerns.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>What is coercive control?</h3>"
                        "<p>Coercive control is a <b>pattern</b> of behaviour, not one "
                        "argument. Lots of small actions build up over time: rules, "
                        "threats, put-downs and checking up. Bit by bit, the person "
                        "being controlled loses confidence, friends and freedom, and "
                        "starts to feel they must obey.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>Forms it can take</h3>"
                        "<ul>"
                        "<li><b>Emotional:</b> put-downs, blame, guilt trips, threats</li>"
                        "<li><b>Digital:</b> tracking location, demanding passwords, "
                        "non-stop messages</li>"
                        "<li><b>Financial:</b> taking someone's money or deciding what "
                        "they can buy</li>"
                        "<li><b>Isolation:</b> cutting someone off from friends and "
                        "family</li>"
                        "</ul>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>Coercive control is a crime</h3>"
                        "<p>In England and Wales, controlling or coercive behaviour "
                        "between partners, ex-partners or family members is a crime "
                        "under the Serious Crime Act 2015 (section 76). Whatever your "
                        "age, controlling behaviour in a relationship is serious, and "
                        "you deserve help.</p>"
                        "<p>Children who see or hear domestic abuse at home, or live "
                        "with its effects, are victims of it in their own right "
                        "(Domestic Abuse Act 2021, section 3). If that is happening to "
                        "you, it is not your fault, and you can get help.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>Images and the law</h3>"
                        "<ul>"
                        "<li>Sharing, or threatening to share, an intimate image of "
                        "someone without their consent is a crime. This includes fake "
                        "images such as deepfakes (Online Safety Act 2023).</li>"
                        "<li>Creating, having or sharing an indecent image of anyone "
                        "under 18 is illegal, even if they agreed, and nudes and "
                        "semi-nudes of under-18s usually count as indecent. Young people "
                        "are treated as needing help and support, and the police aim "
                        "not to criminalise them.</li>"
                        "</ul>"
                    ),
                ),
                (
                    "key_message",
                    {
                        "heading": "Anyone can be affected. It is never their fault.",
                        "message": (
                            "Coercive control can happen to anyone, of any gender, in any "
                            "kind of relationship. The person using control is "
                            "responsible for it. The person being controlled is never to "
                            "blame."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "Kai and Ruby",
                        "characters": "Kai and Ruby (made-up characters), both 16",
                        "situation": (
                            "<p>Kai has a Saturday job. His girlfriend Ruby asks him to "
                            'share his location "so she knows he\'s safe". Now she '
                            "messages him when he goes anywhere new, asks for his "
                            'wages to "look after", and says no one else would put up '
                            "with him. Kai tells himself it's normal.</p>"
                        ),
                        "question": "What is the best way to describe what is happening?",
                        "choices": [
                            {
                                "text": ("Ruby is just being caring because she worries about Kai."),
                                "feedback": (
                                    "Caring people respect your privacy and your money. "
                                    "Tracking, taking wages and put-downs together are "
                                    "signs of control, not care."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": (
                                    "It could be coercive control: a pattern of digital, "
                                    "financial and emotional control."
                                ),
                                "feedback": (
                                    "Yes. Each action on its own might seem small, but "
                                    "together they form a pattern that is taking away "
                                    "Kai's freedom and confidence. Kai deserves support."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": ("It's fine, because boys can't be controlled by a girlfriend."),
                                "feedback": (
                                    "Anyone can experience control or abuse, whatever "
                                    "their gender. Myths like this can stop people from "
                                    "getting help."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "It's Kai's fault for agreeing to share his location.",
                                "feedback": (
                                    "It is never the fault of the person being "
                                    "controlled. Ruby is responsible for how she uses "
                                    "the information."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": (
                            "Why might Kai tell himself that Ruby's behaviour is normal? "
                            "What might make it hard for him to tell someone?"
                        ),
                        "follow_up": [
                            'How could the idea that "boys should cope on their own" affect Kai?',
                            "What could a friend notice that Kai might not?",
                            "Who could Kai talk to?",
                        ],
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Run the scenario as a whole class vote, then discuss in "
                            "small groups. Take short feedback.</p>"
                            '<p>Challenge myths calmly, for example "it only happens to '
                            'girls" or "they should just leave". Explain that leaving '
                            "can be hard and frightening, and that controlling behaviour "
                            "is the problem, not the person being controlled. Avoid any "
                            "suggestion that all boys or all girls behave in one way.</p>"
                            "<p>For background: the legal definition of domestic abuse "
                            "(Domestic Abuse Act 2021) covers people aged 16 and over. "
                            "Abuse in younger people's relationships is still a "
                            "safeguarding concern and must be reported to the DSL.</p>"
                        ),
                        "minutes": 15,
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which statement about coercive control is true?",
                        "choices": [
                            {
                                "text": "It is always one big, violent incident.",
                                "correct": False,
                            },
                            {
                                "text": "It is a pattern of controlling behaviour over time.",
                                "correct": True,
                            },
                            {
                                "text": "It is not against the law in England and Wales.",
                                "correct": False,
                            },
                            {
                                "text": "It only happens to adults who live together.",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Coercive control is a pattern that builds up over time. It "
                            "does not have to include violence, and between partners, "
                            "ex-partners or family members it is a crime (Serious Crime "
                            "Act 2015, section 76). Young people's relationships are "
                            "covered too."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Why do you think the law treats a pattern of control as a "
                            "crime, even when there is no violence?"
                        ),
                        "hint": (
                            "Think about how the person being controlled might feel day "
                            "after day. You don't need to share your answer."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": (
                            "If you are worried about yourself or someone else, talk to a "
                            "trusted adult or our school's designated safeguarding lead. "
                            "These services can also help."
                        ),
                        "services": [
                            dict(CHILDLINE_PHONE_OR_CHAT),
                            dict(REPORT_REMOVE_SEMI_NUDE),
                            dict(DOMESTIC_ABUSE_HELPLINE_CONFIDENTIAL),
                            dict(MENS_ADVICE_LINE),
                            dict(GALOP),
                            dict(KENT_DOMESTIC_ABUSE),
                            dict(NSPCC),
                            dict(RESPECT_PHONELINE_PARTNER_OR_FAMILY),
                            dict(POLICE),
                        ],
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 3
        # ------------------------------------------------------------------
        {
            "slug": "getting-help-and-helping-a-friend",
            "title": "Getting help and helping a friend",
            "summary": ("Pupils practise how to respond if a friend confides in them and learn where to get help."),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today is about how we can help each other. Remember our "
                            "ground rules: talk about the characters, respect each other, "
                            "and you can pass at any time."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Quick starter: pupils write on mini whiteboards one thing "
                            "they learned about coercive control last lesson. Answer "
                            "questions from the question box.</p>"
                            "<p>Explain that today's lesson is about helping, and that "
                            "the most important message is: you don't have to sort it "
                            "out on your own.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Why telling someone can be hard</h3>"
                        "<p>People being controlled often find it hard to speak up. "
                        "They might feel embarrassed, scared of what will happen, or "
                        "worried they won't be believed. They may still love the "
                        "person. None of this means they are weak. It shows why a kind, "
                        "calm response matters so much.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>If a friend confides in you</h3>"
                        "<ul>"
                        "<li><b>Listen</b> without interrupting or judging.</li>"
                        "<li><b>Believe them</b> and thank them for telling you.</li>"
                        "<li><b>Say it's not their fault.</b></li>"
                        "<li><b>Don't confront</b> the other person yourself.</li>"
                        "<li><b>Get help together</b> from a trusted adult.</li>"
                        "</ul>"
                    ),
                ),
                (
                    "key_message",
                    {
                        "heading": "Some secrets should not be kept",
                        "message": (
                            "If a friend might be at risk of harm, telling a trusted "
                            "adult is the right thing to do, even if they asked you not "
                            "to. It is not betraying them. It is helping to keep them "
                            "safe."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "Zoe and Amira",
                        "characters": ("Zoe, Amira and Amira's boyfriend Callum (made-up characters), all in Year 11"),
                        "situation": (
                            "<p>Amira tells her best friend Zoe that Callum checks her "
                            "messages, decides who she can follow online and says he'll "
                            "share a private photo if she ends things. Amira says, "
                            "\"Please don't tell anyone. I'll sort it out.\"</p>"
                        ),
                        "question": "What should Zoe do?",
                        "choices": [
                            {
                                "text": "Keep the secret, because Amira asked her to.",
                                "feedback": (
                                    "Zoe wants to be loyal, but Callum's threat means "
                                    "Amira could be at risk. This is a secret that should "
                                    "not be kept."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Message Callum and tell him to leave Amira alone.",
                                "feedback": (
                                    "This could make things worse for Amira and put Zoe "
                                    "at risk too. It's better to let trusted adults deal "
                                    "with Callum's behaviour."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": (
                                    "Listen, tell Amira it's not her fault, and explain "
                                    "that she needs to tell a trusted adult, offering to "
                                    "go with her."
                                ),
                                "feedback": (
                                    "Good choice. Zoe is being a caring friend and making "
                                    "sure Amira gets proper help. Threatening to share "
                                    "an intimate image is a crime, and adults can help "
                                    "stop it."
                                ),
                                "recommended": True,
                            },
                        ],
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": (
                            "How might Zoe feel when Amira asks her to keep the secret? "
                            "What could Zoe say to Amira to explain why she needs to tell "
                            "someone?"
                        ),
                        "follow_up": [
                            "Which trusted adults could Zoe and Amira go to?",
                            "How could Zoe keep supporting Amira afterwards?",
                            "Who could Zoe talk to if she feels worried herself?",
                        ],
                    },
                ),
                (
                    "text",
                    (
                        "<h3>What happens when you tell?</h3>"
                        "<p>You can talk to any trusted adult, such as a teacher, a "
                        "parent or carer, or our school's designated safeguarding lead. "
                        "They will listen and take you seriously. If someone is at risk, "
                        "they may need to share it with people who can help, and they "
                        "will tell you what happens next.</p>"
                    ),
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p><b>Support map:</b> in small groups, pupils draw a map "
                            "of people and services Amira and Zoe could go to: friends, "
                            "family, school staff, the DSL, Childline and the police. "
                            "Ask groups to add what each one can do.</p>"
                            "<p>Then ask pairs to role-play Zoe's first words to Amira "
                            'using the "If a friend confides in you" list. Keep role '
                            "play about the characters, and stop it if anyone seems "
                            "upset.</p>"
                        ),
                        "minutes": 15,
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "A friend tells you something worrying about their "
                            "relationship. What is the best first thing to do?"
                        ),
                        "choices": [
                            {
                                "text": "Tell them they are overreacting.",
                                "correct": False,
                            },
                            {
                                "text": "Listen calmly and believe them.",
                                "correct": True,
                            },
                            {
                                "text": "Post about it so other people can help.",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Listening and believing your friend helps them feel safe. "
                            "Then you can help them get support from a trusted adult."
                        ),
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": ("Which service can a young person call free, at any time of day or night?"),
                        "choices": [
                            {
                                "text": "Childline on 0800 1111",
                                "correct": True,
                            },
                            {
                                "text": "The school office",
                                "correct": False,
                            },
                            {
                                "text": "101, for emergencies only",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Childline is free and open 24 hours. 101 is for police "
                            "matters that are not emergencies; in an emergency, call "
                            "999."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Name two trusted adults or services someone could go to if "
                            "they were worried about a relationship."
                        ),
                        "hint": (
                            "Think of people in school, at home and the services on the "
                            "next slide. You don't need to share your answer."
                        ),
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Close by going through the help slide. Remind pupils "
                            "they can speak to you or the DSL at any time. Then set the "
                            "module quiz and survey, in class or as homework.</p>"
                            "<p>Make sure the survey is anonymous where possible, and "
                            "remind pupils not to write personal stories in the free "
                            "text box.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": (
                            "You never have to deal with this alone. Talk to a trusted "
                            "adult or our school's designated safeguarding lead, or "
                            "contact one of these services."
                        ),
                        "services": [
                            dict(CHILDLINE_PHONE_OR_CHAT),
                            dict(REPORT_REMOVE_SEMI_NUDE),
                            dict(CEOP_CHILD_PROTECTION_EXPERTS),
                            dict(THE_MIX_ANYTHING_ON_YOUR_MIND),
                            dict(SHOUT_SHORT),
                            dict(DOMESTIC_ABUSE_HELPLINE_CONFIDENTIAL),
                            dict(MENS_ADVICE_LINE),
                            dict(GALOP),
                            dict(KENT_DOMESTIC_ABUSE),
                            dict(NSPCC),
                            dict(RESPECT_PHONELINE_PARTNER_OR_FAMILY),
                            dict(POLICE),
                        ],
                    },
                ),
            ],
        },
    ],
    "quiz": {
        "key": "coercive-control-quiz",
        "title": "Coercive control and recognising abuse: quiz",
        "intro": (
            "Check what you have learned in this module. There are 8 questions. There is "
            "no pass or fail, and you can try again."
        ),
        "pass_mark": 70,
        "questions": [
            {
                "key": "ccr-q1",
                "type": "single",
                "text": "Which of these best describes coercive control?",
                "choices": [
                    {"text": "One argument between partners.", "correct": False},
                    {
                        "text": "A pattern of behaviour over time that takes away someone's freedom.",
                        "correct": True,
                    },
                    {"text": "Feeling jealous now and then.", "correct": False},
                    {"text": "Disagreeing about what film to watch.", "correct": False},
                ],
                "feedback": (
                    "Coercive control is a pattern. Many small actions build up over time "
                    "until the person feels scared, isolated or that they must obey."
                ),
            },
            {
                "key": "ccr-q2",
                "type": "true_false",
                "text": (
                    "Controlling or coercive behaviour in an intimate or family relationship "
                    "is a crime in England and Wales."
                ),
                "answer": True,
                "feedback": ("True. It is a crime under section 76 of the Serious Crime Act 2015."),
            },
            {
                "key": "ccr-q3",
                "type": "multiple",
                "text": ("Which of these could be red flags in a relationship? Choose all that apply."),
                "choices": [
                    {"text": "Checking someone's phone without asking.", "correct": True},
                    {"text": "Stopping someone from seeing their friends.", "correct": True},
                    {"text": 'Regular put-downs, called "just a joke".', "correct": True},
                    {"text": "Asking how someone's day went.", "correct": False},
                ],
                "feedback": (
                    "Checking phones, isolating someone from friends and put-downs are all "
                    "red flags. Asking about someone's day is a normal, caring thing to do."
                ),
            },
            {
                "key": "ccr-q4",
                "type": "true_false",
                "text": "Only girls and women can experience coercive control.",
                "answer": False,
                "feedback": ("False. Anyone can be affected, whatever their gender, age or type of relationship."),
            },
            {
                "key": "ccr-q5",
                "type": "single",
                "text": (
                    "A friend tells you their partner is threatening them and asks you to "
                    "keep it secret. What should you do?"
                ),
                "choices": [
                    {"text": "Keep the secret, because they asked you to.", "correct": False},
                    {
                        "text": "Listen, say it's not their fault, and tell a trusted adult.",
                        "correct": True,
                    },
                    {"text": "Confront the partner yourself.", "correct": False},
                    {"text": "Tell everyone in your group chat.", "correct": False},
                ],
                "feedback": (
                    "If someone might be at risk, it is right to tell a trusted adult. "
                    "You can offer to go with your friend. Confronting the partner could "
                    "make things worse."
                ),
            },
            {
                "key": "ccr-q6",
                "type": "multiple",
                "text": "Which of these are examples of digital abuse? Choose all that apply.",
                "choices": [
                    {
                        "text": "Tracking someone's location without them agreeing.",
                        "correct": True,
                    },
                    {"text": "Demanding someone's passwords.", "correct": True},
                    {"text": "Threatening to share a private photo.", "correct": True},
                    {"text": "Sending a message to wish someone good luck.", "correct": False},
                ],
                "feedback": (
                    "Tracking, demanding passwords and threatening to share images are all "
                    "ways of using technology to control someone. A good luck message is "
                    "kind, not controlling."
                ),
            },
            {
                "key": "ccr-q7",
                "type": "true_false",
                "text": (
                    "Sharing an intimate image of someone without their consent is a crime, "
                    "even if the image is a fake such as a deepfake."
                ),
                "answer": True,
                "feedback": (
                    "True. Under the Online Safety Act 2023, sharing or threatening to share "
                    "an intimate image without consent is a crime, including fake images."
                ),
            },
            {
                "key": "ccr-q8",
                "type": "single",
                "text": "If someone is being controlled in a relationship, whose fault is it?",
                "choices": [
                    {"text": "The person being controlled.", "correct": False},
                    {"text": "The person using controlling behaviour.", "correct": True},
                    {"text": "Their friends, for not noticing.", "correct": False},
                ],
                "feedback": (
                    "The person using control is responsible for their behaviour. It is "
                    "never the fault of the person being controlled."
                ),
            },
        ],
    },
    "survey": {
        "key": "coercive-control-survey",
        "title": "Coercive control and recognising abuse: what do you think?",
        "intro": (
            "Tell us what you think about these statements. There are no right or wrong "
            "answers, and please don't write your name or anything personal."
        ),
        "items": [
            {
                "key": "ccr-a1",
                "text": ("In a healthy relationship, both people can spend time with their own friends."),
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "ccr-a2",
                "text": "It is OK to check a partner's phone without asking.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "ccr-a3",
                "text": "Jealousy shows how much someone really cares.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "ccr-a4",
                "text": ("Controlling behaviour can happen in any kind of relationship, whatever people's gender."),
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "ccr-a5",
                "text": ("If someone stays with a controlling partner, it is partly their own fault."),
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "ccr-a6",
                "text": "I can spot the warning signs of a controlling relationship.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "ccr-a7",
                "text": ("I know how to respond if a friend tells me something worrying about their relationship."),
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "ccr-a8",
                "text": "I would not know where to get help about abuse in a relationship.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": True,
                "subscale": "confidence",
            },
            {
                "key": "ccr-a9",
                "text": "I know who the trusted adults in my school are.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "ccr-a10",
                "text": ("I would feel able to tell a trusted adult if I was worried a friend was at risk."),
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "confidence",
            },
        ],
        "free_text": [
            {
                "key": "ccr-f1",
                "prompt": (
                    "Is there anything else you would like to learn about respectful "
                    "relationships or getting help? Please don't include names or "
                    "personal stories."
                ),
                "optional": True,
            }
        ],
    },
}
