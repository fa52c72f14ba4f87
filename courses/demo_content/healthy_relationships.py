"""Demo content for the "Healthy relationships and consent" module (years 8 to 10)."""

from courses.demo_content.services import (
    CEOP_NCA,
    CEOP_THREATS_TO_SHARE_IMAGES_NCA,
    CHILDLINE_CALL_CHAT_OR_EMAIL,
    CHILDLINE_RELATIONSHIPS_AND_CONSENT,
    DOMESTIC_ABUSE_HELPLINE_ADVICE,
    GALOP,
    MENS_ADVICE_LINE,
    NSPCC,
    POLICE,
    REPORT_REMOVE_YOUNG_PEOPLE,
    RESPECT_PHONELINE_PARTNER,
    SHOUT,
    THE_MIX_RELATIONSHIPS,
    THE_MIX_RELATIONSHIPS_AND_ONLINE_LIFE,
)

MODULE = {
    "slug": "healthy-relationships-and-consent",
    "title": "Healthy relationships and consent",
    "summary": (
        "Three teacher-led lessons on what makes a relationship healthy, what consent "
        "means (including the law), and how to respect boundaries online and offline."
    ),
    "min_year": 8,
    "max_year": 10,
    "estimated_minutes": 150,
    "is_sensitive": True,
    "delivery_mode": "teacher_led",
    "rshe_topics": [
        "healthy-relationships",
        "consent",
        "online-safety",
        "sharing-nudes",
        "deepfakes",
        "image-based-abuse",
        "sexual-harassment",
        "domestic-abuse-and-coercive-control",
        "getting-help",
        "the-law",
    ],
    "content_warning": (
        "This module talks about relationships, consent, pressure, controlling behaviour "
        "and sharing images online. Each lesson ends with places you can go for help if "
        "anything worries you."
    ),
    "learning_outcomes": [
        "Pupils can describe what a healthy friendship or relationship looks like, "
        "including respect, trust and boundaries.",
        "Pupils can explain what consent means, that it can be withdrawn at any time, and "
        "that the age of consent in England and Wales is 16.",
        "Pupils can recognise pressure and controlling behaviour, online and offline, and "
        "describe respectful ways to say no and to hear no.",
        "Pupils can name trusted adults and national services they could go to for help, "
        "for themselves or for a friend.",
    ],
    "teacher_overview": (
        "<p>This module helps pupils in years 8 to 10 understand what healthy relationships "
        "look like, what consent means, and how to respect boundaries online and offline. "
        "It is about all kinds of relationships: family, friends and romantic partners, of "
        "any gender.</p>"
        "<h3>Before you teach</h3>"
        "<ul>"
        "<li>Read your school's safeguarding and RSHE policies and tell the designated "
        "safeguarding lead (DSL) when you are teaching this module.</li>"
        "<li>Some pupils may have lived through things covered here. Let pupils know in "
        "advance what the lessons are about, and agree a quiet way for anyone to take a "
        "short break.</li>"
        "<li>Set up an anonymous question box so pupils can ask things they would not ask "
        "in front of the class.</li>"
        "</ul>"
        "<h3>During the lessons</h3>"
        "<ul>"
        "<li>All scenarios use made-up characters. Keep discussion on the characters. Never "
        "ask pupils about their own relationships or experiences.</li>"
        "<li>Use non-judgemental language. Responsibility always lies with the person who "
        "pressures, controls or harms, never with the person it happens to.</li>"
        "<li>Avoid language that blames boys or any group. Most people of every gender want "
        "respectful relationships, and anyone can be affected.</li>"
        "<li>If a pupil discloses something, stay calm, listen, do not promise to keep it "
        "secret, and follow your school's safeguarding procedures straight away.</li>"
        "</ul>"
        "<p>Each lesson is planned for about 50 minutes. Teacher notes give suggested "
        "timings; adapt them to your class.</p>"
    ),
    "key_vocabulary": [
        ("Respect", "Treating someone as if their feelings, choices and rights matter."),
        (
            "Boundary",
            "A limit a person sets about what they are comfortable with, for example "
            "about touch, time, messages or photos.",
        ),
        (
            "Consent",
            "Agreeing by choice, with the freedom and ability to make that choice. "
            "Consent can be taken back at any time.",
        ),
        (
            "Age of consent",
            "The age at which the law says a person can agree to sexual activity. "
            "In England and Wales it is 16 for everyone.",
        ),
        (
            "Pressure",
            "Trying to make someone do something they do not want to do, for example by "
            "asking again and again, guilt-tripping or threatening.",
        ),
        (
            "Coercive control",
            "A pattern of behaviour that scares, threatens, puts down or controls a "
            "partner or family member. It can be a crime.",
        ),
        (
            "Deepfake",
            "A fake picture or video made with technology such as AI to look like a real person.",
        ),
        (
            "Trusted adult",
            "An adult you feel safe talking to, such as a parent or carer, teacher, school "
            "nurse or the designated safeguarding lead.",
        ),
    ],
    "send_adaptations": (
        "<ul>"
        "<li>Share the key vocabulary with pictures or symbols before the lesson, and keep "
        "it on display during the lesson.</li>"
        "<li>Give scenarios as printed cards that can be read aloud, and allow pupils to "
        "point to or sort answer cards instead of writing.</li>"
        "<li>Use clear, literal language. Explain that a scenario is a made-up story, and "
        "check understanding of ideas like 'pressure' with simple examples.</li>"
        "<li>Plan a quiet space and a 'time out' card, and agree with support staff who "
        "will check in with any pupil who seems upset.</li>"
        "</ul>"
    ),
    "eal_adaptations": (
        "<ul>"
        "<li>Pre-teach key words (consent, boundary, pressure, respect) with simple "
        "definitions, pictures and, where possible, translations.</li>"
        "<li>Give sentence starters for discussion, such as 'I think Jordan could...' or "
        "'A respectful thing to say is...'.</li>"
        "<li>Pair pupils with a supportive partner, and let them share ideas in their first "
        "language before speaking in English.</li>"
        "<li>Check that helpline details are understood, and remind pupils that Childline "
        "can arrange an interpreter if needed.</li>"
        "</ul>"
    ),
    "review_by": "2027-07-31",
    "lessons": [
        # ------------------------------------------------------------------
        # Lesson 1
        # ------------------------------------------------------------------
        {
            "slug": "what-makes-a-relationship-healthy",
            "title": "What makes a relationship healthy?",
            "summary": (
                "Pupils explore respect, trust and boundaries in friendships and "
                "romantic relationships, and learn to spot warning signs."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today we are talking about friendships and relationships. "
                            "We will talk about made-up characters, not about ourselves "
                            "or people we know."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Go through the ground rules and point out the anonymous "
                            "question box. As a warm-up, ask pupils to write on sticky "
                            "notes one word that describes a good friend. Collect a few "
                            "and read them out.</p>"
                            "<p>Remind pupils they can take a short break if they need "
                            "one.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Relationships in our lives</h3>"
                        "<p>We all have lots of relationships: with family, friends, "
                        "classmates, people we talk to online and, for some people, a "
                        "boyfriend, girlfriend or partner.</p>"
                        "<p>Every one of these relationships should make us feel safe "
                        "and respected.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>Signs of a healthy relationship</h3>"
                        "<ul>"
                        "<li><b>Respect:</b> your feelings and choices matter.</li>"
                        "<li><b>Trust:</b> you can rely on each other.</li>"
                        "<li><b>Honesty:</b> you can talk openly.</li>"
                        "<li><b>Kindness:</b> you feel good, not put down.</li>"
                        "<li><b>Freedom:</b> you can still see other friends and do "
                        "things you enjoy.</li>"
                        "</ul>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>What are boundaries?</h3>"
                        "<p>A boundary is a limit about what you are comfortable with. "
                        "Boundaries can be about touch, time, messages, photos or "
                        "privacy.</p>"
                        "<p>Everyone's boundaries are different, and they can change. "
                        "In a healthy relationship, people ask, listen and respect each "
                        "other's boundaries.</p>"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which of these is a sign of a healthy relationship?",
                        "choices": [
                            {
                                "text": "One person decides who the other can see.",
                                "correct": False,
                            },
                            {
                                "text": "Both people can say no without being afraid.",
                                "correct": True,
                            },
                            {
                                "text": "One person always has to reply to messages straight away.",
                                "correct": False,
                            },
                            {
                                "text": "Jokes that put the other person down in front of friends.",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "In a healthy relationship, both people feel safe to say no "
                            "and to have their own friends, time and space. Controlling "
                            "who someone sees, demanding instant replies and put-downs "
                            "are warning signs."
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Warning signs</h3>"
                        "<ul>"
                        "<li>Checking someone's phone or asking for their passwords</li>"
                        "<li>Telling them who they can and cannot see</li>"
                        "<li>Regular put-downs, threats or making them feel scared</li>"
                        "<li>Calling jealousy 'love' or 'caring'</li>"
                        "</ul>"
                        "<p>Controlling or coercive behaviour by a partner, an ex-partner "
                        "or a family member can be a crime under the Serious Crime Act "
                        "2015 (section 76).</p>"
                    ),
                ),
                (
                    "key_message",
                    {
                        "heading": "Everyone deserves respect",
                        "message": (
                            "A healthy relationship makes you feel safe, free and "
                            "respected. If someone is controlling or hurting you, it is "
                            "never your fault, and you can get help."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "Jordan and Sam",
                        "characters": "Jordan and Sam (both 15), and their friend Priya",
                        "situation": (
                            "<p>Jordan and Sam have been going out for two months. At "
                            "first it was great. Now Sam wants Jordan's phone password "
                            "and gets upset when Jordan spends time with friends. Sam "
                            "says, 'If you really loved me, you wouldn't need anyone "
                            "else.'</p>"
                            "<p>Jordan tells Priya they feel confused and a bit "
                            "worried.</p>"
                        ),
                        "question": "What would be the most helpful thing for Priya to do?",
                        "choices": [
                            {
                                "text": "Tell Jordan it's normal and Sam just cares a lot.",
                                "feedback": (
                                    "Sam may have strong feelings, but asking for "
                                    "passwords and limiting friends are signs of "
                                    "control, not care. Jordan's worries are worth "
                                    "taking seriously."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Listen, say it isn't Jordan's fault, and suggest talking to a trusted adult.",
                                "feedback": (
                                    "Yes. Priya can listen without judging, remind "
                                    "Jordan they deserve respect, and help them get "
                                    "support from a trusted adult or a service such "
                                    "as Childline."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Post about Sam in the group chat so everyone knows.",
                                "feedback": (
                                    "This could make things worse for Jordan and "
                                    "becomes online bullying. It is better to support "
                                    "Jordan privately and involve a trusted adult."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Tell Jordan to stop moaning and sort it out alone.",
                                "feedback": (
                                    "Jordan was brave to talk about it. Being told to "
                                    "sort it out alone could stop them asking for "
                                    "help again. Nobody should have to deal with this "
                                    "on their own."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Read the scenario aloud. Give pairs two minutes to "
                            "choose an answer, then reveal the feedback for each "
                            "choice.</p>"
                            "<p>Stress that Sam's behaviour is Sam's responsibility, "
                            "not Jordan's. Keep the discussion on the characters; if "
                            "pupils start sharing personal stories, gently steer back "
                            "and follow up privately if needed.</p>"
                        ),
                        "minutes": 15,
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": ("Why might it be hard for Jordan to notice that Sam's behaviour is controlling?"),
                        "follow_up": [
                            "What could Sam do instead if they feel jealous or unsure?",
                            "How could Jordan's friends show they care without taking over?",
                            "What would a respectful version of this relationship look like?",
                        ],
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Write down three things that you think every healthy "
                            "friendship or relationship should have."
                        ),
                        "hint": (
                            "Think about respect, trust, honesty, kindness and "
                            "boundaries. You will not be asked to share this."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": (
                            "If anything in this lesson worries you, for yourself or a "
                            "friend, talk to a trusted adult such as a parent or carer, "
                            "a teacher or the school's designated safeguarding lead. "
                            "You can also contact these services."
                        ),
                        "services": [
                            dict(CHILDLINE_CALL_CHAT_OR_EMAIL),
                            dict(THE_MIX_RELATIONSHIPS),
                            dict(SHOUT),
                            dict(DOMESTIC_ABUSE_HELPLINE_ADVICE),
                            dict(MENS_ADVICE_LINE),
                            dict(GALOP),
                            dict(RESPECT_PHONELINE_PARTNER),
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
            "slug": "understanding-consent",
            "title": "Understanding consent",
            "summary": (
                "Pupils learn what consent means, what the law says, how to recognise "
                "pressure, and how to say no and hear no respectfully."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today we are talking about consent. Some of this may feel "
                            "awkward, and that is OK. Please keep to our ground rules so "
                            "everyone feels safe."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Recap the ground rules and the question box. Start with "
                            "everyday examples of consent (borrowing a pen, taking a "
                            "photo, giving a hug) before moving on to relationships.</p>"
                            "<p>Be clear and calm about the law. The law is there to "
                            "protect young people, not to frighten them.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>What is consent?</h3>"
                        "<p>Consent means agreeing to something by choice. We ask for "
                        "consent every day: before borrowing something, taking a photo "
                        "of someone or giving them a hug.</p>"
                        "<p>The law says a person consents if they agree by choice, and "
                        "have the freedom and the ability to make that choice.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>Consent is...</h3>"
                        "<ul>"
                        "<li><b>Freely given:</b> no pressure, tricks or threats.</li>"
                        "<li><b>Reversible:</b> anyone can change their mind at any "
                        "time.</li>"
                        "<li><b>Specific:</b> yes to one thing is not yes to "
                        "everything.</li>"
                        "<li><b>Clear:</b> silence or 'maybe' is not a yes.</li>"
                        "</ul>"
                        "<p>Someone who is asleep, unconscious or very drunk cannot "
                        "consent.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>What does the law say?</h3>"
                        "<ul>"
                        "<li>In England and Wales, the age of consent to sexual activity "
                        "is 16. It is the same for everyone, whatever their gender or "
                        "sexuality.</li>"
                        "<li>By law, a child under 13 can never consent.</li>"
                        "<li>The law is there to protect young people. Anyone who has "
                        "been pressured or hurt is never to blame.</li>"
                        "</ul>"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": ("What is the age of consent to sexual activity in England and Wales?"),
                        "choices": [
                            {"text": "14", "correct": False},
                            {"text": "16", "correct": True},
                            {"text": "18", "correct": False},
                            {
                                "text": "It depends on the person's gender.",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "The age of consent is 16 for everyone, whatever their "
                            "gender or sexuality. Even over 16, consent must still be "
                            "freely given every time."
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<h3>What does pressure look like?</h3>"
                        "<ul>"
                        "<li>Asking again and again after someone says no</li>"
                        "<li>Guilt trips, like 'If you loved me, you would'</li>"
                        "<li>Saying 'Everyone else is doing it'</li>"
                        "<li>Threatening to end things or tell other people</li>"
                        "</ul>"
                        "<p>If someone is pressured into saying yes, that is not real "
                        "consent.</p>"
                    ),
                ),
                (
                    "scenario",
                    {
                        "title": "Ellis and Rowan",
                        "characters": "Ellis and Rowan (both 16)",
                        "situation": (
                            "<p>Ellis and Rowan have been going out for a month. Rowan "
                            "wants things to get more physical. Ellis has said, 'I'm "
                            "not ready.'</p>"
                            "<p>Rowan keeps bringing it up and says, 'Everyone else our "
                            "age is doing it.'</p>"
                        ),
                        "question": "What would be the respectful thing for Rowan to do?",
                        "choices": [
                            {
                                "text": "Keep asking until Ellis says yes.",
                                "feedback": (
                                    "Asking again and again is pressure. A yes that "
                                    "comes from being worn down is not freely given, "
                                    "so it is not real consent."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Say 'That's OK' and stop bringing it up.",
                                "feedback": (
                                    "Yes. Rowan is respecting Ellis's answer. If "
                                    "Ellis ever wants to talk about it, Ellis can "
                                    "bring it up when they feel ready."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Go quiet and sulk so Ellis feels bad.",
                                "feedback": (
                                    "Sulking to make someone feel guilty is another "
                                    "kind of pressure. Rowan's feelings are valid, but "
                                    "they should not be used to change Ellis's mind."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Ask friends to persuade Ellis.",
                                "feedback": (
                                    "This puts even more pressure on Ellis and shares "
                                    "something private. A decision about Ellis's body "
                                    "belongs to Ellis alone."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Saying no and hearing no</h3>"
                        "<p><b>Saying no:</b> 'No.' 'I'm not ready.' 'I don't want "
                        "to.' You do not have to give a reason.</p>"
                        "<p><b>Hearing no:</b> accept it, don't keep asking, and check "
                        "in: 'Are you OK with this?' Hearing no can feel "
                        "disappointing, but it is not a rejection of you as a "
                        "person.</p>"
                    ),
                ),
                (
                    "key_message",
                    {
                        "heading": "Only a free yes means yes",
                        "message": (
                            "No, silence, 'maybe' or a yes given under pressure is not "
                            "consent. Anyone can change their mind at any time, and "
                            "that must be respected."
                        ),
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Run the scenario in small groups, then take feedback. "
                            "Point out that Rowan's feelings are understandable, but "
                            "respecting Ellis's answer is Rowan's responsibility.</p>"
                            "<p>Use the discussion to practise respectful phrases for "
                            "checking in and for accepting a no. Keep it about Ellis "
                            "and Rowan, not the class.</p>"
                        ),
                        "minutes": 15,
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": ("Why might Ellis find it hard to keep saying no to Rowan?"),
                        "follow_up": [
                            "What could Rowan say to show they respect Ellis's answer?",
                            "If Rowan's friends are joking about it, what could they say instead?",
                            "How can someone cope with feeling disappointed without pressuring a partner?",
                        ],
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Write one respectful way someone could check that the "
                            "other person is happy, and one respectful way to respond "
                            "to a no."
                        ),
                        "hint": (
                            "For example: 'Is this OK?' or 'No problem, thanks for "
                            "telling me.' You will not be asked to share this."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": (
                            "If you are worried about yourself or a friend, talk to a "
                            "trusted adult such as a parent or carer, a teacher or the "
                            "school's designated safeguarding lead. You can also "
                            "contact these services."
                        ),
                        "services": [
                            dict(CHILDLINE_RELATIONSHIPS_AND_CONSENT),
                            dict(CEOP_NCA),
                            dict(NSPCC),
                            dict(SHOUT),
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
            "slug": "respecting-boundaries-online-and-offline",
            "title": "Respecting boundaries online and offline",
            "summary": (
                "Pupils learn to ask first, recognise pressure on messaging apps, "
                "understand the law on images, and know what to do if a boundary is "
                "pushed."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today we are talking about boundaries online and offline, "
                            "including photos and messages. Remember: we talk about "
                            "the characters, not ourselves or people we know."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Recap consent from the last lesson: freely given, can "
                            "be changed, specific. Ask pupils for examples of "
                            "boundaries that apply online, such as tagging or sharing "
                            "screenshots.</p>"
                            "<p>Some pupils may be worried about images they have sent "
                            "or received. Make clear before the lesson that they can "
                            "speak to you or the DSL privately, and that the aim is to "
                            "help.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Boundaries are everywhere</h3>"
                        "<p>Boundaries apply offline and online. They can be about "
                        "touch and personal space, and also about passwords, sharing "
                        "your location, photos, and how quickly you reply to "
                        "messages.</p>"
                        "<p>A good rule for both: <b>ask first, and accept the "
                        "answer.</b></p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>Asking first</h3>"
                        "<ul>"
                        "<li>Before taking or posting a photo of someone</li>"
                        "<li>Before tagging someone or sharing their location</li>"
                        "<li>Before forwarding a message or screenshot</li>"
                        "<li>Before a hug or other touch</li>"
                        "</ul>"
                        "<p>If the answer is no or 'not sure', the answer is no.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>Pressure on messaging apps</h3>"
                        "<ul>"
                        "<li>Sending message after message until someone replies</li>"
                        "<li>Demanding to know where someone is all the time</li>"
                        "<li>Asking again and again for photos</li>"
                        "<li>Saying 'It will disappear', when screenshots can be "
                        "taken</li>"
                        "</ul>"
                        "<p>Pressure online is still pressure.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>Images and the law</h3>"
                        "<ul>"
                        "<li>Taking, having or sharing an indecent image of anyone under "
                        "18 is illegal, even if they agreed, and nudes and semi-nudes of "
                        "under-18s usually count as indecent. The police "
                        "aim to help young people, not to criminalise them.</li>"
                        "<li>Sharing, or threatening to share, an intimate image "
                        "without consent is a crime. This includes deepfakes.</li>"
                        "<li>Taking a photo up someone's clothing (upskirting) is a "
                        "crime.</li>"
                        "</ul>"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": ("Two 15-year-olds both agree to swap nude photos. What does the law say?"),
                        "choices": [
                            {
                                "text": "It's legal because they both agreed.",
                                "correct": False,
                            },
                            {
                                "text": "It's illegal, because they are both under 18.",
                                "correct": True,
                            },
                            {
                                "text": "It's legal if the photos are on a disappearing app.",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Nude or semi-nude images of anyone under 18 are illegal, "
                            "even if everyone agreed. Young people in this situation "
                            "need help and support, and the police aim not to "
                            "criminalise them. Report Remove can help get images taken "
                            "down."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "Mia and Kai",
                        "characters": "Mia and Kai (both 14)",
                        "situation": (
                            "<p>Mia and Kai met at a youth club and have been messaging "
                            "for a few weeks. Lately Kai keeps asking Mia to send a "
                            "'private' photo. Mia has said no twice.</p>"
                            "<p>Kai messages: 'Go on, it'll disappear. If you don't, "
                            "I'll think you don't trust me.'</p>"
                        ),
                        "question": "What could Mia do?",
                        "choices": [
                            {
                                "text": "Send a photo so Kai stops asking.",
                                "feedback": (
                                    "It's understandable to feel worn down, and if "
                                    "someone does send an image under pressure it is "
                                    "never their fault. But Mia has already said no, "
                                    "and Kai is not respecting that. There are better "
                                    "ways to make the pressure stop."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Say no again, stop replying, block or report Kai, and tell a trusted adult.",
                                "feedback": (
                                    "Yes. Mia doesn't owe Kai anything. Blocking and "
                                    "reporting on the app and talking to a trusted "
                                    "adult or Childline can help her feel safer."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Ignore it and hope Kai gets bored.",
                                "feedback": (
                                    "Not replying is OK, but Mia shouldn't have to "
                                    "cope alone. Telling a trusted adult means "
                                    "someone can help if the pressure carries on."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Keep chatting to Kai as normal to avoid an argument.",
                                "feedback": (
                                    "Mia may want to avoid upsetting anyone, but "
                                    "Kai's messages are pressure. Mia's boundary "
                                    "matters more than keeping things smooth."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Work through the scenario as a class, revealing the "
                            "feedback one choice at a time. Make clear that "
                            "responsibility sits with Kai, who is pushing a boundary, "
                            "not with Mia.</p>"
                            "<p>Then run the discussion in small groups. Listen for "
                            "pupils who seem worried and follow up privately after the "
                            "lesson.</p>"
                        ),
                        "minutes": 15,
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": (
                            "Why might Kai say things like 'It'll disappear' or 'I'll think you don't trust me'?"
                        ),
                        "follow_up": [
                            "How could these messages make Mia feel?",
                            "If one of Kai's friends saw these messages, what could they say to Kai?",
                            "What would it look like for Kai to respect Mia's no?",
                        ],
                    },
                ),
                (
                    "text",
                    (
                        "<h3>If someone pushes a boundary</h3>"
                        "<ul>"
                        "<li>Say no, if it feels safe. You don't need a reason.</li>"
                        "<li>Stop replying, then block and report on the app.</li>"
                        "<li>Never forward or save a nude image, even as proof.</li>"
                        "<li>Tell a trusted adult. Report Remove can help get an image "
                        "taken down.</li>"
                        "</ul>"
                    ),
                ),
                (
                    "key_message",
                    {
                        "heading": "Ask first, accept the answer",
                        "message": (
                            "Online or offline, everyone has the right to set "
                            "boundaries. If someone pushes yours, it is not your fault, "
                            "and it is never too late to get help."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Write down one thing you could say to a friend who was "
                            "being pressured online, and one trusted adult they could "
                            "talk to."
                        ),
                        "hint": (
                            "For example: 'That's not OK, let's tell someone.' You will not be asked to share this."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": (
                            "If you are worried about something that has happened "
                            "online or offline, talk to a trusted adult such as a "
                            "parent or carer, a teacher or the school's designated "
                            "safeguarding lead. You can also contact these services."
                        ),
                        "services": [
                            dict(CHILDLINE_CALL_CHAT_OR_EMAIL),
                            dict(REPORT_REMOVE_YOUNG_PEOPLE),
                            dict(CEOP_THREATS_TO_SHARE_IMAGES_NCA),
                            dict(THE_MIX_RELATIONSHIPS_AND_ONLINE_LIFE),
                            dict(SHOUT),
                            dict(POLICE),
                        ],
                    },
                ),
            ],
        },
    ],
    "quiz": {
        "key": "healthy-relationships-quiz",
        "title": "Healthy relationships and consent: check your understanding",
        "intro": (
            "Eight questions about what you have learned. Read each one carefully. You can try again if you want to."
        ),
        "pass_mark": 70,
        "questions": [
            {
                "key": "hrc-q1",
                "type": "single",
                "text": "Which is the best description of consent?",
                "choices": [
                    {
                        "text": "Agreeing by choice, with the freedom and ability to choose.",
                        "correct": True,
                    },
                    {"text": "Not saying no.", "correct": False},
                    {
                        "text": "Saying yes once, which then counts for ever.",
                        "correct": False,
                    },
                    {
                        "text": "Agreeing after being asked lots of times.",
                        "correct": False,
                    },
                ],
                "feedback": (
                    "Consent means agreeing by choice, with the freedom and ability to "
                    "make that choice. Silence is not consent, a yes can be taken back, "
                    "and a yes that comes from pressure is not freely given."
                ),
            },
            {
                "key": "hrc-q2",
                "type": "true_false",
                "text": (
                    "In England and Wales, the age of consent is 16 for everyone, whatever their gender or sexuality."
                ),
                "answer": True,
                "feedback": ("True. The age of consent is 16 for everyone. The law is there to protect young people."),
            },
            {
                "key": "hrc-q3",
                "type": "multiple",
                "text": "Which of these are signs of a healthy relationship? Choose all that apply.",
                "choices": [
                    {"text": "Both people feel able to say no.", "correct": True},
                    {"text": "Each person can spend time with friends.", "correct": True},
                    {"text": "One person checks the other's phone.", "correct": False},
                    {"text": "They are honest with each other.", "correct": True},
                ],
                "feedback": (
                    "Healthy relationships are built on respect, trust and honesty, and "
                    "both people keep their own friends and can say no. Checking "
                    "someone's phone without asking is a sign of control."
                ),
            },
            {
                "key": "hrc-q4",
                "type": "true_false",
                "text": "If someone has said yes, they cannot change their mind.",
                "answer": False,
                "feedback": (
                    "False. Anyone can change their mind at any time, even if they said "
                    "yes before. When someone changes their mind, the other person must "
                    "stop and respect that."
                ),
            },
            {
                "key": "hrc-q5",
                "type": "single",
                "text": ("Which statement about nude or semi-nude images of under-18s is true?"),
                "choices": [
                    {
                        "text": "They are legal if the person in the photo agreed.",
                        "correct": False,
                    },
                    {
                        "text": "Taking, having or sharing them is illegal, but young "
                        "people are offered help and support.",
                        "correct": True,
                    },
                    {
                        "text": "They are legal if they are sent on a disappearing app.",
                        "correct": False,
                    },
                    {
                        "text": "Only the person who shares them further can get help.",
                        "correct": False,
                    },
                ],
                "feedback": (
                    "Nude or semi-nude images of anyone under 18 are illegal, even if the "
                    "person agreed. The police aim not to criminalise young people, and "
                    "Report Remove from Childline and the Internet Watch Foundation can "
                    "help get images taken down."
                ),
            },
            {
                "key": "hrc-q6",
                "type": "multiple",
                "text": "Which of these are examples of controlling behaviour? Choose all that apply.",
                "choices": [
                    {
                        "text": "Telling a partner who they are allowed to see.",
                        "correct": True,
                    },
                    {
                        "text": "Demanding to know where a partner is all the time.",
                        "correct": True,
                    },
                    {
                        "text": "Asking a partner how their day went.",
                        "correct": False,
                    },
                    {
                        "text": "Threatening to share a partner's secrets if they leave.",
                        "correct": True,
                    },
                ],
                "feedback": (
                    "Limiting who someone sees, tracking them all the time and making "
                    "threats are controlling. Coercive or controlling behaviour in a "
                    "relationship or family can be a crime. Asking about someone's day "
                    "is just caring."
                ),
            },
            {
                "key": "hrc-q7",
                "type": "single",
                "text": (
                    "Ben sees a nude photo of a classmate being shared in a group chat. "
                    "What is the best thing for Ben to do?"
                ),
                "choices": [
                    {
                        "text": "Forward it to a teacher as proof.",
                        "correct": False,
                    },
                    {
                        "text": "Not share or save it, and tell a trusted adult.",
                        "correct": True,
                    },
                    {
                        "text": "Ignore it, because it is not his problem.",
                        "correct": False,
                    },
                    {
                        "text": "Reply with a joke so it doesn't feel so serious.",
                        "correct": False,
                    },
                ],
                "feedback": (
                    "Ben should not share, forward or save the image, even as proof. "
                    "Telling a trusted adult, such as the designated safeguarding lead, "
                    "means the classmate can get help and the image can be removed."
                ),
            },
            {
                "key": "hrc-q8",
                "type": "true_false",
                "text": (
                    "Sharing, or threatening to share, an intimate image of someone "
                    "without their consent is a crime, even if the image is a deepfake."
                ),
                "answer": True,
                "feedback": (
                    "True. Under the Online Safety Act 2023, sharing or threatening to "
                    "share an intimate image without consent is a crime, and this "
                    "includes fake images such as deepfakes."
                ),
            },
        ],
    },
    "survey": {
        "key": "healthy-relationships-survey",
        "title": "Healthy relationships and consent: what do you think?",
        "intro": (
            "There are no right or wrong answers. Please say how much you agree with each "
            "statement. Your answers help us improve these lessons."
        ),
        "items": [
            {
                "key": "hrc-a1",
                "text": "Everyone has the right to say no, at any time, in any relationship.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "hrc-a2",
                "text": "It is OK to check a partner's phone without asking.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "hrc-a3",
                "text": "If someone says no, it is fine to keep asking until they say yes.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "hrc-a4",
                "text": "You should ask before posting a photo of someone online.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "hrc-a5",
                "text": ("Wanting to know where a partner is all the time shows that you really care."),
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "hrc-a6",
                "text": "I could explain what consent means.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "hrc-a7",
                "text": "I would feel able to say no if someone pressured me.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "hrc-a8",
                "text": "I would not know where to get help with a worry about a relationship.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": True,
                "subscale": "confidence",
            },
            {
                "key": "hrc-a9",
                "text": "I know how to block and report someone on an app.",
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "hrc-a10",
                "text": ("I would feel able to talk to a trusted adult if I was worried about a friend."),
                "min": 1,
                "max": 5,
                "labels": ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"],
                "reverse": False,
                "subscale": "confidence",
            },
        ],
        "free_text": [
            {
                "key": "hrc-f1",
                "prompt": (
                    "Is there anything else you would like to learn about healthy "
                    "relationships and consent? Please don't include names."
                ),
                "optional": True,
            }
        ],
    },
}
