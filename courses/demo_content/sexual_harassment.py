"""Demo module: Understanding sexual harassment (three teacher-led lessons, quiz and survey)."""

from courses.demo_content.services import (
    CEOP_ASKING_FOR_IMAGES,
    CHILDLINE_COUNSELLOR,
    NSPCC_CALL_FOR_ADVICE_LOWERCASE_NAME,
    POLICE_EMERGENCY,
    POLICE_NON_EMERGENCY,
    RAPE_CRISIS,
    REPORT_HARMFUL_CONTENT,
    REPORT_REMOVE_NOT_IN_TROUBLE,
    SHOUT_UPSET_OR_CANT_COPE,
    THE_MIX_ABOUT_ANYTHING,
)

SIGNPOST_INTRO = (
    "If anything in this lesson has worried you, about yourself or someone else, you do not "
    "have to deal with it alone. You can talk to a trusted adult, such as a parent or carer, a "
    "teacher, or your school's designated safeguarding lead (DSL). You can also contact these "
    "free services."
)

LIKERT_LABELS = ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"]


def _likert(key: str, text: str, subscale: str, reverse: bool = False) -> dict:
    return {
        "key": key,
        "text": text,
        "min": 1,
        "max": 5,
        "labels": list(LIKERT_LABELS),
        "reverse": reverse,
        "subscale": subscale,
    }


MODULE = {
    "slug": "understanding-sexual-harassment",
    "title": "Understanding sexual harassment",
    "summary": (
        "What sexual harassment is, in person and online, what the law says, and how to "
        "challenge myths and get help for yourself or a friend."
    ),
    "min_year": 8,
    "max_year": 11,
    "estimated_minutes": 150,
    "is_sensitive": True,
    "delivery_mode": "teacher_led",
    "rshe_topics": [
        "sexual-harassment",
        "respect-and-stereotypes",
        "consent",
        "online-safety",
        "sharing-nudes",
        "deepfakes",
        "image-based-abuse",
        "abuse-grooming-and-exploitation",
        "violence-against-women-and-girls",
        "the-law",
        "getting-help",
    ],
    "content_warning": (
        "This module talks about sexual harassment in person and online, including unwanted "
        "sexual comments and images. Nothing in it is graphic, and every lesson ends with "
        "information about where to get help."
    ),
    "learning_outcomes": [
        ("Pupils can explain what sexual harassment is and recognise examples of it, in person and online."),
        (
            "Pupils can explain the difference between banter and harassment, and why the "
            "effect on the other person matters more than whether it was meant as a joke."
        ),
        (
            "Pupils can describe what the law in England and Wales says about upskirting, nude "
            "images of under-18s and sharing intimate images without consent."
        ),
        ("Pupils can challenge common myths and victim-blaming, and name ways to get help for themselves or a friend."),
    ],
    "teacher_overview": (
        "<p>Ofsted's 2021 review of sexual abuse in schools and colleges found that sexual "
        "harassment, in person and online, had become so normal for many young people that "
        "they saw little point in reporting it. This module helps pupils to name sexual "
        "harassment, understand the law, reject myths and victim-blaming, and know how to get "
        "help. It has three 50-minute lessons, taught in order by a teacher.</p>"
        "<h3>Before you teach</h3>"
        "<ul>"
        "<li>Tell your designated safeguarding lead (DSL) when you will teach each lesson, and "
        "ask whether any pupils may be affected, so you can plan support.</li>"
        "<li>Re-read your school's child protection policy and Part 5 of Keeping Children Safe "
        "in Education (child-on-child sexual violence and sexual harassment). If a pupil "
        "discloses, listen, do not promise to keep a secret, and pass it on to the DSL the "
        "same day.</li>"
        "<li>Know how pupils can report harassment at your school, so you can tell them.</li>"
        "<li>Set up the anonymous question box.</li>"
        "</ul>"
        "<h3>During the lessons</h3>"
        "<ul>"
        "<li>Use distancing: every activity is about made-up characters. Never ask pupils about "
        "their own experiences, and do not let them name people in school.</li>"
        "<li>Anyone of any gender can be harassed. Girls are targeted most often, so say so, "
        "but keep the focus on behaviour: most young people do not harass anyone, and "
        "everyone can help to stop it. Challenge blame of any group calmly.</li>"
        "<li>Never show real images or messages. Ask pupils to complete the pre survey before "
        "lesson 1, and the quiz and post survey after lesson 3.</li>"
        "</ul>"
    ),
    "key_vocabulary": [
        (
            "Sexual harassment",
            (
                "Unwanted behaviour of a sexual nature, in person or online, that makes someone "
                "feel upset, scared, embarrassed or uncomfortable."
            ),
        ),
        (
            "Consent",
            (
                "Agreeing to something by choice, when you are free and able to make that "
                "choice. You can change your mind at any time."
            ),
        ),
        (
            "Banter",
            (
                "Friendly joking that everyone involved enjoys. It stops being banter when "
                "someone is hurt, upset or made to feel small."
            ),
        ),
        (
            "Victim-blaming",
            (
                "Wrongly saying that the person who was harmed caused it, for example because "
                "of what they wore or posted."
            ),
        ),
        (
            "Cyberflashing",
            "Sending someone a photo or video of anyone's genitals to alarm, upset or humiliate "
            "them, or for sexual gratification without caring whether it upsets them. It is a "
            "crime (Sexual Offences Act 2003, section 66A).",
        ),
        (
            "Upskirting",
            ("Taking a photo or video up someone's clothes without their consent. It is a crime."),
        ),
        (
            "Trusted adult",
            ("An adult you feel safe with who can listen and help, such as a parent, carer or teacher."),
        ),
        (
            "Designated safeguarding lead (DSL)",
            ("The member of staff in a school whose job is to keep pupils safe and get them help."),
        ),
    ],
    "send_adaptations": (
        "<ul>"
        "<li>Pre-teach the key vocabulary with simple definitions and pictures. A "
        "traffic-light card (OK, not sure, not OK) helps pupils answer without speaking.</li>"
        "<li>Print the scenarios and read them aloud. Let pupils answer by pointing to a choice "
        "or holding up a letter card.</li>"
        "<li>Break activities into short steps with a visible timer, and give sentence "
        'starters such as "I think Mia might feel..." and "A good friend could...".</li>'
        "<li>Some pupils may find it hard to read social situations or tell jokes from "
        "harassment. Check understanding one-to-one, brief support staff beforehand, and agree "
        "a quiet way to take a break.</li>"
        "</ul>"
    ),
    "eal_adaptations": (
        "<ul>"
        "<li>Give pupils the key vocabulary list before the lesson, and let them add words in "
        "their home language if that helps.</li>"
        "<li>Use visuals and the myth-or-fact cards so that the main ideas do not depend on "
        "reading.</li>"
        '<li>Explain words such as "banter", "rating" and "cyberflashing", which may not '
        "translate directly.</li>"
        "<li>Make clear that the laws described are the laws in England and Wales, which may be "
        "different from other countries. Do not ask pupils to interpret sensitive content for "
        "classmates.</li>"
        "</ul>"
    ),
    "review_by": "2027-07-31",
    "lessons": [
        # ------------------------------------------------------------------ Lesson 1
        {
            "slug": "what-is-sexual-harassment",
            "title": "What is sexual harassment?",
            "summary": (
                "Pupils learn what sexual harassment is, what it can look like, and how it is different from banter."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today we are talking about sexual harassment and how to treat each "
                            "other with respect. Let's agree how we will keep this a safe space "
                            "for everyone."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Agree or recap the ground rules: we listen, we don't name "
                            "people or talk about people we know, anyone can pass, and we can "
                            "use the anonymous question box.</p>"
                            "<p>Tell pupils that all the stories are about made-up characters, "
                            "and that the lesson ends with where to get help.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>What is sexual harassment?</h3>"
                        "<p>Sexual harassment is unwanted behaviour of a sexual nature. It can "
                        "make someone feel upset, scared, embarrassed or small.</p>"
                        "<p>It can happen in person or online. It can happen to anyone, of any "
                        "gender, and it is never OK.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>What can it look like?</h3>"
                        "<ul>"
                        "<li>Sexual comments or jokes about someone's body</li>"
                        "<li>Touching, grabbing or pulling at someone's clothes without "
                        "consent</li>"
                        "<li>Spreading sexual rumours about someone</li>"
                        "<li>Sending sexual messages or pictures nobody asked for</li>"
                        "<li>Rating people's looks or bodies, in person or online</li>"
                        "</ul>"
                    ),
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p><b>Where do you stand?</b> Read out short behaviours, for "
                            'example "commenting on a friend\'s new trainers", "whistling at '
                            'someone in the corridor", "rating classmates in a group '
                            'chat". Pupils hold up a traffic-light card: OK, not sure, or not '
                            "OK.</p>"
                            "<p>Discuss one or two that split the class. Draw out that the "
                            "same words can feel very different depending on who says them, "
                            "how often, and how they make the other person feel.</p>"
                        ),
                        "minutes": 10,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Banter or harassment?</h3>"
                        "<p>Banter is friendly joking that everyone enjoys. It stops being "
                        "banter when:</p>"
                        "<ul>"
                        "<li>someone is upset or uncomfortable</li>"
                        "<li>it is about their body or about sex</li>"
                        "<li>it carries on after they have shown they don't like it</li>"
                        "<li>one person or group has more power, like a crowd against one</li>"
                        "</ul>"
                    ),
                ),
                (
                    "key_message",
                    {
                        "heading": "It's about how it lands",
                        "message": (
                            "What matters is how the behaviour makes the other person feel, "
                            'not whether it was "just a joke". Everyone has the right to '
                            "feel safe at school and online."
                        ),
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Read the scenario aloud. Pupils vote for a choice (hands, "
                            "cards or devices), then reveal the feedback for every choice.</p>"
                            "<p>Use the discussion in small groups, then take feedback. Keep "
                            "the focus on Jay's behaviour and on the group laughing, not on "
                            "what Mia should have done.</p>"
                        ),
                        "minutes": 15,
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "Mia and Jay",
                        "characters": "Mia and Jay (both 14, made-up characters)",
                        "situation": (
                            "<p>Most days, Jay makes comments about Mia's body when she walks "
                            "past in the corridor. Jay's friends laugh. Mia looks away and "
                            "walks faster.</p>"
                            "<p>When a teacher asks about it, Jay says: \"It's just banter. "
                            "She knows I'm joking.\"</p>"
                        ),
                        "question": "Which of these best describes what is happening?",
                        "choices": [
                            {
                                "text": "It's banter, because Jay says it's a joke.",
                                "feedback": (
                                    "Calling it a joke doesn't make it OK. Mia is not "
                                    "enjoying it, it is about her body, and it keeps "
                                    "happening. That is not banter."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "It's Mia's fault for not telling Jay to stop.",
                                "feedback": (
                                    "It is never Mia's fault. She may not feel safe to speak "
                                    "up in front of a group, and her body language already "
                                    "shows she doesn't like it. Jay is responsible for Jay's "
                                    "behaviour."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": (
                                    "It's sexual harassment: it's unwanted, it's about her "
                                    "body, and it keeps happening."
                                ),
                                "feedback": (
                                    "Yes. Even if Jay says it's a joke, the comments are "
                                    "unwanted and sexual. The school should help it stop, and "
                                    "help Jay understand the effect."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "It only matters if Mia reports it.",
                                "feedback": (
                                    "Harassment matters whether or not it is reported. Adults "
                                    "and other pupils who notice it can help, for example by "
                                    "telling a teacher."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": 'Why might Jay say that the comments are "just banter"?',
                        "follow_up": [
                            "How might Mia be feeling, even if she doesn't say anything?",
                            "What could Jay's friends do instead of laughing?",
                            "What might help Jay understand how the comments land?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which of these is an example of sexual harassment?",
                        "choices": [
                            {
                                "text": "Telling a friend you like their new trainers.",
                                "correct": False,
                            },
                            {
                                "text": (
                                    "Making comments about someone's body after they've shown they don't like it."
                                ),
                                "correct": True,
                            },
                            {
                                "text": "Asking someone if they want to sit together at lunch.",
                                "correct": False,
                            },
                            {
                                "text": "Disagreeing with someone in a class debate.",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Comments about someone's body that are unwanted, especially when "
                            "they keep happening, are sexual harassment. The other choices are "
                            "everyday, respectful behaviour."
                        ),
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Run the knowledge check as a quick vote, then give a quiet "
                            "minute for the reflection. Pupils do not share it.</p>"
                            "<p>Finish on the signposting slide. Tell pupils how they can "
                            "report harassment at your school, and remind them they can speak "
                            "to you or the DSL after the lesson.</p>"
                        ),
                        "minutes": 10,
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Imagine a school where everyone feels safe from sexual comments "
                            "and jokes. What would be different there?"
                        ),
                        "hint": (
                            "Think about corridors, group chats and the lunch queue. You don't "
                            "need to share your answer."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": SIGNPOST_INTRO,
                        "services": [
                            dict(CHILDLINE_COUNSELLOR),
                            dict(THE_MIX_ABOUT_ANYTHING),
                            dict(SHOUT_UPSET_OR_CANT_COPE),
                            dict(NSPCC_CALL_FOR_ADVICE_LOWERCASE_NAME),
                            dict(POLICE_EMERGENCY),
                            dict(POLICE_NON_EMERGENCY),
                        ],
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ Lesson 2
        {
            "slug": "harassment-online-and-the-law",
            "title": "Harassment online and the law",
            "summary": (
                "Pupils learn what online sexual harassment can look like, what to do if it "
                "happens, and what the law says."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today we are looking at sexual harassment online and what the law "
                            "says. Some of this is sensitive, so let's remind ourselves of our "
                            "ground rules."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Recap the ground rules and lesson 1: sexual harassment is "
                            "unwanted behaviour of a sexual nature, and how it lands matters "
                            "more than whether it was meant as a joke.</p>"
                            "<p>Never show real images, messages or screenshots. Pupils "
                            "may be worried about something that has already happened: "
                            "reassure them that help is available and pass concerns to the "
                            "DSL.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Harassment online</h3>"
                        "<ul>"
                        "<li>Unwanted sexual messages or comments</li>"
                        "<li>Being sent nude pictures you didn't ask for</li>"
                        "<li>Being pressured to send nude pictures</li>"
                        "<li>Editing someone's photo to make it sexual</li>"
                        "<li>Rating or ranking people's looks in chats or posts</li>"
                        "</ul>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>If you're sent something you didn't want</h3>"
                        "<ul>"
                        "<li>Don't forward it or screenshot it, even to show someone.</li>"
                        "<li>Block and report the account on the app.</li>"
                        "<li>Tell a trusted adult. They can help you report it.</li>"
                        "<li>If it's from an adult, or someone you don't know, it can be "
                        "reported to CEOP.</li>"
                        "<li>Remember: it is not your fault.</li>"
                        "</ul>"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Someone posts a nude photo of a classmate in a group chat. What is "
                            "the best thing for the others in the chat to do?"
                        ),
                        "choices": [
                            {
                                "text": "Forward it to a friend to ask what to do.",
                                "correct": False,
                            },
                            {"text": "Screenshot it so there is proof.", "correct": False},
                            {
                                "text": "Don't share it, and tell a trusted adult straight away.",
                                "correct": True,
                            },
                            {
                                "text": "Reply with a joke so it seems less serious.",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Forwarding or screenshotting the photo spreads it further and "
                            "could be a crime. A trusted adult can help get it removed and "
                            "support the classmate."
                        ),
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Teach the next three slides calmly and factually. The aim is "
                            "for pupils to know the law protects them, not to frighten them.</p>"
                            "<p>For your information: when a young person shares a nude image "
                            "of themselves or another young person, the police can record the "
                            "crime but decide that taking further action is not in the public "
                            "interest (known as Outcome 21). Schools should follow the UKCIS "
                            "guidance on sharing nudes and semi-nudes and involve the DSL.</p>"
                        ),
                        "minutes": 10,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Nude images and the law</h3>"
                        "<ul>"
                        "<li>Creating, having or sharing an indecent image of anyone under "
                        "18 is illegal, even if they agreed, and even if it is of yourself. "
                        "Nudes and semi-nudes of under-18s usually count as indecent.</li>"
                        "<li>But young people in this situation are treated as needing help "
                        "and support. The police aim not to criminalise them.</li>"
                        "<li>Report Remove can help get images of under-18s taken down.</li>"
                        "</ul>"
                    ),
                ),
                (
                    "text",
                    (
                        "<h3>More laws that protect people</h3>"
                        "<ul>"
                        "<li>Sharing, or threatening to share, intimate images of anyone "
                        "without consent is a crime. This includes fake images made with AI "
                        "(deepfakes) (Online Safety Act 2023).</li>"
                        "<li>Sending someone a photo or video of anyone's genitals "
                        "(cyberflashing) is a crime if it is meant to cause alarm, distress "
                        "or humiliation, or is done for sexual gratification without caring "
                        "whether it does (Sexual Offences Act 2003, section 66A, added by "
                        "the Online Safety Act 2023).</li>"
                        "<li>Upskirting is a crime (Voyeurism (Offences) Act 2019).</li>"
                        "</ul>"
                    ),
                ),
                (
                    "key_message",
                    {
                        "heading": "The law is there to protect people",
                        "message": (
                            "If someone shares, threatens or pressures, the person harmed is "
                            "never to blame. Telling a trusted adult is the best step, and "
                            "there is help to get images removed."
                        ),
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Read the scenario aloud and let pupils vote, then reveal the "
                            "feedback for each choice. Stress that Sami will not get into "
                            "trouble for being sent something.</p>"
                            "<p>Use the discussion in small groups. If pupils suggest Sami "
                            "should have had a private account, gently turn the focus back to "
                            "the sender's behaviour.</p>"
                        ),
                        "minutes": 15,
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "Sami's message request",
                        "characters": "Sami (14, a made-up character)",
                        "situation": (
                            "<p>Sami gets a message request from an account Sami doesn't know. "
                            'It contains a nude picture and the words: "Your turn. Send one '
                            'back."</p>'
                            "<p>Sami feels shocked and embarrassed, and isn't sure what to "
                            "do.</p>"
                        ),
                        "question": "What would be the best thing for Sami to do?",
                        "choices": [
                            {
                                "text": "Send a photo back so the account leaves Sami alone.",
                                "feedback": (
                                    "It's understandable to want it to stop. But sending a "
                                    "photo is unlikely to make the pressure stop, and Sami "
                                    "doesn't have to do anything the account says."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Delete it and tell nobody, in case Sami gets in trouble.",
                                "feedback": (
                                    "Sami won't get into trouble for being sent something. "
                                    "Keeping it secret means Sami has to deal with it alone. "
                                    "Telling someone means the account can be reported."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": ("Don't reply. Block and report the account, and tell a trusted adult."),
                                "feedback": (
                                    "Yes. A trusted adult can help Sami report the account, "
                                    "including to CEOP, because the sender may be an adult. "
                                    "None of this is Sami's fault."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Forward it to friends to warn them about the account.",
                                "feedback": (
                                    "Warning friends is a kind thought, but forwarding the "
                                    "picture spreads it and could be a crime. Telling a "
                                    "trusted adult is a safer way to protect others."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": "Why might Sami feel worried about telling an adult?",
                        "follow_up": [
                            "What could a trusted adult say to make it easier for Sami?",
                            "Why is none of this Sami's fault?",
                            "What could a friend do if Sami told them about it?",
                        ],
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "What are three things someone could do if they were sent something "
                            "online that they didn't want?"
                        ),
                        "hint": (
                            "Think about the apps, the people and the services from today's "
                            "lesson. You don't need to share your answer."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": SIGNPOST_INTRO,
                        "services": [
                            dict(CHILDLINE_COUNSELLOR),
                            dict(REPORT_REMOVE_NOT_IN_TROUBLE),
                            dict(REPORT_HARMFUL_CONTENT),
                            dict(RAPE_CRISIS),
                            dict(CEOP_ASKING_FOR_IMAGES),
                            dict(THE_MIX_ABOUT_ANYTHING),
                            dict(SHOUT_UPSET_OR_CANT_COPE),
                            dict(POLICE_EMERGENCY),
                            dict(POLICE_NON_EMERGENCY),
                        ],
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ Lesson 3
        {
            "slug": "myths-excuses-and-getting-help",
            "title": "Myths, excuses and getting help",
            "summary": (
                "Pupils challenge myths and victim-blaming about sexual harassment and practise "
                "supporting a friend to get help."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today we are looking at myths and excuses about sexual harassment, "
                            "and how to support each other. Let's remember our ground rules and "
                            "look after each other."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Recap the ground rules. Ask pupils to recall one thing from "
                            "each of the last two lessons (what harassment is, and what to do "
                            "if you're sent something unwanted).</p>"
                            "<p>Be ready for comments that blame a whole gender. Calmly move "
                            "the focus back to behaviour and to what everyone can do.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Why does harassment happen?</h3>"
                        "<p>Sexual harassment is about disrespect and power, not about "
                        'liking someone. It can be kept going by ideas like "take it as a '
                        'compliment" or "that\'s just what boys are like".</p>'
                        "<p>Those ideas are wrong. Most young people never harass anyone, and "
                        "everyone can help to stop it.</p>"
                    ),
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p><b>Myth or fact?</b> Give groups the statements from the next "
                            "slide on cards, without the answers. Groups decide whether each "
                            "is a myth or a fact and say why.</p>"
                            "<p>Reveal the slide and discuss any surprises. Make clear that "
                            "all four are myths.</p>"
                        ),
                        "minutes": 10,
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Myth or fact?</h3>"
                        "<ul>"
                        "<li><b>\"It's just banter.\"</b> Myth: if it's unwanted and sexual, "
                        "it's harassment.</li>"
                        '<li><b>"Only girls get harassed."</b> Myth: girls are targeted most, '
                        "but it can happen to anyone.</li>"
                        "<li><b>\"If they didn't say stop, it's fine.\"</b> Myth: people don't "
                        "always feel safe to say stop.</li>"
                        '<li><b>"What they wore or posted means they asked for it."</b> Myth: '
                        "nobody asks to be harassed.</li>"
                        "</ul>"
                    ),
                ),
                (
                    "key_message",
                    {
                        "heading": "It's never the fault of the person harassed",
                        "message": (
                            "Nothing someone wears, says or posts makes harassment their "
                            "fault. The person doing the harassing is responsible for it."
                        ),
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Read the scenario aloud and let pupils vote, then reveal the "
                            "feedback. Point out that Kit is blaming themself, which is very "
                            "common, and that Lola's first words matter a lot.</p>"
                            "<p>Use the discussion in small groups. Ask groups to agree one "
                            "thing the school could do to make reporting easier, and pass "
                            "good ideas on to the school's leaders.</p>"
                        ),
                        "minutes": 15,
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "Kit and Lola",
                        "characters": "Kit and Lola (both 15, made-up characters)",
                        "situation": (
                            "<p>Kit tells their friend Lola that someone from another class "
                            "keeps leaving sexual comments under Kit's photos online.</p>"
                            "<p>Kit says: \"Maybe it's my fault for posting that photo from the "
                            'beach."</p>'
                        ),
                        "question": "What would be the most helpful thing for Lola to say?",
                        "choices": [
                            {
                                "text": '"You probably shouldn\'t have posted it."',
                                "feedback": (
                                    "This is victim-blaming, even if Lola means well. It could "
                                    "make Kit feel worse and less likely to tell anyone else. "
                                    "The person leaving the comments is responsible."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": ('"It\'s not your fault. Shall we tell a trusted adult together?"'),
                                "feedback": (
                                    "Yes. Lola believes Kit, takes the blame away, and offers "
                                    "practical support. A trusted adult can help Kit report "
                                    "the comments and make them stop."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": '"Just ignore it. They\'ll get bored."',
                                "feedback": (
                                    "Lola may be trying to help Kit feel better. But "
                                    "harassment often carries on when it is ignored, and Kit "
                                    "deserves support to make it stop."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": '"Let\'s post something mean about them back."',
                                "feedback": (
                                    "Wanting to stand up for a friend is good. But getting "
                                    "back at someone can make things worse for Kit. Reporting "
                                    "it and telling an adult is safer."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": "Why might Kit think the comments are their own fault?",
                        "follow_up": [
                            "What might make it hard for Kit to tell an adult?",
                            "How could Lola keep supporting Kit over the next few weeks?",
                            "What could a school do to make it easier to report harassment?",
                        ],
                    },
                ),
                (
                    "text",
                    (
                        "<h3>Worried about your own behaviour?</h3>"
                        "<p>Sometimes people join in with comments or jokes without thinking "
                        "about how they land.</p>"
                        "<p>If you realise you've made someone uncomfortable, you can stop, "
                        "say sorry and do things differently. Talking to a trusted adult or "
                        "Childline can help.</p>"
                    ),
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which of these statements is true?",
                        "choices": [
                            {
                                "text": "Sexual harassment only happens to girls.",
                                "correct": False,
                            },
                            {
                                "text": "If someone didn't say stop, it can't be harassment.",
                                "correct": False,
                            },
                            {
                                "text": (
                                    "The person doing the harassing is responsible for it, not the person harassed."
                                ),
                                "correct": True,
                            },
                            {
                                "text": "Harassment only counts if it happens in person.",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Harassment is always the responsibility of the person doing it. It "
                            "can happen to anyone, in person or online, and people don't always "
                            "feel safe to say stop."
                        ),
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Plenary: run the knowledge check, then give a quiet minute for "
                            "the reflection. Remind pupils how to report harassment at your "
                            "school and about the question box.</p>"
                            "<p>After this lesson, set the module quiz and the post survey. "
                            "Follow up any concerns with the DSL the same day.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "What is one thing a friend group, a class or a school could do so "
                            "that everyone feels safe from sexual harassment?"
                        ),
                        "hint": (
                            "It could be something small, like not laughing along, or "
                            "something bigger, like a clear way to report. You don't need to "
                            "share your answer."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": SIGNPOST_INTRO,
                        "services": [
                            dict(CHILDLINE_COUNSELLOR),
                            dict(THE_MIX_ABOUT_ANYTHING),
                            dict(SHOUT_UPSET_OR_CANT_COPE),
                            dict(REPORT_REMOVE_NOT_IN_TROUBLE),
                            dict(REPORT_HARMFUL_CONTENT),
                            dict(RAPE_CRISIS),
                            dict(CEOP_ASKING_FOR_IMAGES),
                            dict(NSPCC_CALL_FOR_ADVICE_LOWERCASE_NAME),
                            dict(POLICE_EMERGENCY),
                            dict(POLICE_NON_EMERGENCY),
                        ],
                    },
                ),
            ],
        },
    ],
    "quiz": {
        "key": "understanding-sexual-harassment-quiz",
        "title": "Understanding sexual harassment: quiz",
        "intro": (
            "Eight questions about what you have learned in this module. Read each question "
            "carefully. Some questions ask you to choose all the answers that apply."
        ),
        "pass_mark": 70,
        "questions": [
            {
                "key": "ush-q1",
                "type": "single",
                "text": "Which of these best describes sexual harassment?",
                "choices": [
                    {
                        "text": (
                            "Unwanted behaviour of a sexual nature that makes someone feel "
                            "upset, scared or uncomfortable"
                        ),
                        "correct": True,
                    },
                    {"text": "Any joke between friends", "correct": False},
                    {"text": "Only touching, never words or messages", "correct": False},
                    {"text": "Something that only happens between adults", "correct": False},
                ],
                "feedback": (
                    "Sexual harassment is unwanted behaviour of a sexual nature. It can be "
                    "words, touching, messages or pictures, in person or online, and it can "
                    "happen to people of any age."
                ),
            },
            {
                "key": "ush-q2",
                "type": "true_false",
                "text": 'If someone says "it was just a joke", it can\'t be sexual harassment.',
                "answer": False,
                "feedback": (
                    "False. What matters is how the behaviour affects the other person. "
                    "Calling it a joke does not make unwanted sexual comments OK."
                ),
            },
            {
                "key": "ush-q3",
                "type": "multiple",
                "text": "Which of these could be sexual harassment? Choose all that apply.",
                "choices": [
                    {"text": "Making comments about someone's body", "correct": True},
                    {"text": "Sending a sexual picture someone didn't ask for", "correct": True},
                    {"text": "Rating classmates' looks in a group chat", "correct": True},
                    {"text": "Telling a friend you like their new haircut", "correct": False},
                ],
                "feedback": (
                    "Comments about bodies, unwanted sexual pictures and rating people's looks "
                    "can all be sexual harassment. A friendly, non-sexual compliment is not."
                ),
            },
            {
                "key": "ush-q4",
                "type": "true_false",
                "text": ("Taking a photo up someone's skirt or clothes without their consent (upskirting) is a crime."),
                "answer": True,
                "feedback": (
                    "True. Upskirting has been a crime in England and Wales since the Voyeurism (Offences) Act 2019."
                ),
            },
            {
                "key": "ush-q5",
                "type": "single",
                "text": "Which of these statements about nude images of under-18s is true?",
                "choices": [
                    {
                        "text": "It is only illegal if the image is shared with lots of people.",
                        "correct": False,
                    },
                    {"text": "It is legal if both people agree.", "correct": False},
                    {
                        "text": (
                            "Creating, having or sharing one is illegal, even if the person "
                            "agreed, but young people involved are given help and support."
                        ),
                        "correct": True,
                    },
                    {"text": "It is only illegal for adults.", "correct": False},
                ],
                "feedback": (
                    "Creating, having or sharing a nude or semi-nude image of anyone under 18 "
                    "is illegal, even if they agreed. The law is there to protect young "
                    "people, and the police aim not to criminalise them. Report Remove can "
                    "help get images taken down."
                ),
            },
            {
                "key": "ush-q6",
                "type": "single",
                "text": ("Someone is sent a nude picture they didn't ask for. What is the best thing for them to do?"),
                "choices": [
                    {
                        "text": (
                            "Don't forward or screenshot it, block and report the account, and tell a trusted adult."
                        ),
                        "correct": True,
                    },
                    {"text": "Forward it to friends as a warning.", "correct": False},
                    {"text": "Screenshot it so there is proof.", "correct": False},
                    {"text": "Keep it secret in case they get into trouble.", "correct": False},
                ],
                "feedback": (
                    "Forwarding or screenshotting spreads the picture and could be a crime. "
                    "Blocking, reporting and telling a trusted adult is safest. The person who "
                    "was sent it is not in trouble and is not to blame."
                ),
            },
            {
                "key": "ush-q7",
                "type": "multiple",
                "text": "Which of these statements are myths (not true)? Choose all that apply.",
                "choices": [
                    {"text": "Only girls can be sexually harassed.", "correct": True},
                    {
                        "text": "What someone wears can make harassment their fault.",
                        "correct": True,
                    },
                    {"text": "If someone doesn't say stop, it must be fine.", "correct": True},
                    {
                        "text": "Anyone can get help from a trusted adult or Childline.",
                        "correct": False,
                    },
                ],
                "feedback": (
                    "The first three are myths. Anyone can be harassed, it is never the fault "
                    "of the person harassed, and people don't always feel safe to say stop. "
                    "The last statement is true: help is there for everyone."
                ),
            },
            {
                "key": "ush-q8",
                "type": "true_false",
                "text": (
                    "Threatening to share an intimate image of someone without their consent is "
                    "a crime, even if the image is a fake made with AI (a deepfake)."
                ),
                "answer": True,
                "feedback": (
                    "True. Under the Online Safety Act 2023, sharing or threatening to share "
                    "an intimate image without consent is a crime, and this includes "
                    "deepfakes."
                ),
            },
        ],
    },
    "survey": {
        "key": "understanding-sexual-harassment-survey",
        "title": "Understanding sexual harassment: what do you think?",
        "intro": (
            "This is not a test and there are no right or wrong answers. Tell us how much you "
            "agree with each statement. Your answers help us make these lessons better."
        ),
        "items": [
            _likert(
                "ush-a1",
                "Everyone has the right to feel safe from sexual comments at school.",
                "attitudes",
            ),
            _likert(
                "ush-a2",
                "Sexual comments about someone's body are just banter.",
                "attitudes",
                reverse=True,
            ),
            _likert(
                "ush-a3",
                "Rating people's looks in a group chat is harmless fun.",
                "attitudes",
                reverse=True,
            ),
            _likert(
                "ush-a4",
                "How a comment makes someone feel matters more than whether it was a joke.",
                "attitudes",
            ),
            _likert(
                "ush-a5",
                "Sending someone a sexual picture they did not ask for is never OK.",
                "attitudes",
            ),
            _likert(
                "ush-a6",
                "I can tell the difference between friendly banter and sexual harassment.",
                "confidence",
            ),
            _likert(
                "ush-a7",
                "I know what a young person should do if they are sent an unwanted sexual picture.",
                "confidence",
            ),
            _likert(
                "ush-a8",
                "I know how a pupil can report sexual harassment at my school.",
                "confidence",
            ),
            _likert(
                "ush-a9",
                "I would find it hard to tell an adult if I knew someone was being harassed.",
                "confidence",
                reverse=True,
            ),
            _likert(
                "ush-a10",
                "I could support a friend who said they were being harassed.",
                "confidence",
            ),
        ],
        "free_text": [
            {
                "key": "ush-f1",
                "prompt": (
                    "Is there anything else you would like to tell us about these lessons, or "
                    "anything you would like to learn more about?"
                ),
                "optional": True,
                # An open box after lessons on harassment invites pupils to say what happened to them.
                "sensitive": True,
            }
        ],
    },
}
