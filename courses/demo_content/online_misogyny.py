"""Demo content: the "Online misogyny and image sharing" module (Years 9 to 11)."""

from courses.demo_content.services import (
    CEOP,
    CEOP_THREATS_TO_SHARE_IMAGES,
    CHILDLINE_ABOUT_ANYTHING,
    CHILDLINE_CALL_OR_CHAT,
    DOMESTIC_ABUSE_HELPLINE_PARTNER_OR_FAMILY,
    NSPCC,
    NSPCC_PARENTS_AND_CARERS,
    POLICE,
    REPORT_HARMFUL_CONTENT,
    REPORT_REMOVE_UNDER_18S,
    RESPECT_PHONELINE_FOR_ANYONE,
    SHORE,
    SHOUT,
    THE_MIX_ANY_ISSUE_LIFE_ONLINE,
    THE_MIX_ANY_ISSUE_RELATIONSHIPS_AND_LIFE_ONLINE,
)

MODULE = {
    "slug": "online-misogyny-and-image-sharing",
    "title": "Online misogyny and image sharing",
    "summary": (
        "Three teacher-led lessons on spotting and challenging misogyny online, "
        "understanding the law and getting help around nude image sharing, and "
        "staying respectful in a world of AI-made fake images."
    ),
    "min_year": 9,
    "max_year": 11,
    "estimated_minutes": 150,
    "is_sensitive": True,
    "delivery_mode": "teacher_led",
    "rshe_topics": [
        "misogyny",
        "incel-culture",
        "respect-and-stereotypes",
        "online-safety",
        "sharing-nudes",
        "deepfakes",
        "image-based-abuse",
        "abuse-grooming-and-exploitation",
        "consent",
        "sexual-harassment",
        "violence-against-women-and-girls",
        "the-law",
        "getting-help",
    ],
    "content_warning": (
        "These lessons talk about hateful attitudes towards women and girls online, "
        "nude image sharing, blackmail and fake sexual images. If anything feels "
        "upsetting, you can take a break and talk to a trusted adult at any time."
    ),
    "learning_outcomes": [
        "Pupils can explain what misogyny is and how some online content and "
        "algorithms can push hateful ideas about women and girls.",
        "Pupils can spot common tricks used in extreme online content and describe safe ways to challenge it.",
        "Pupils can explain the law on nude images of under-18s and on sharing "
        "intimate images, including deepfakes, without consent.",
        "Pupils know what to do and where to get help if an image is shared, if "
        "someone is being pressured or threatened, or if a fake image is made.",
    ],
    "teacher_overview": (
        "<p>Many young people meet misogynistic content, pressure to share nude "
        "images and AI-made fake images online. This module helps pupils recognise "
        "these harms, understand the law in England and Wales, and know how to get "
        "help. It is designed to be taught in order, as three lessons of about 50 "
        "minutes each, by a teacher who knows the class.</p>"
        "<h3>Before you teach</h3>"
        "<ul>"
        "<li>Tell your designated safeguarding lead (DSL) when the lessons will run, "
        "and check whether any pupil has been affected by these issues. Those pupils "
        "may need a heads-up, a different task or a check-in.</li>"
        "<li>Read the UK Council for Internet Safety (UKCIS) guidance <i>Sharing nudes "
        "and semi-nudes: advice for education settings</i> and your school's child "
        "protection policy.</li>"
        "<li>Set up an anonymous question box so pupils can ask things they would "
        "not ask in front of the class.</li>"
        "</ul>"
        "<h3>How to run it</h3>"
        "<ul>"
        "<li>All activities use made-up characters. Never ask pupils about their own "
        "experiences, and stop anyone who starts to share a personal story in front "
        "of the class. Offer to talk to them afterwards.</li>"
        "<li>Do not show real clips from online influencers, real nude or fake "
        "images, or 'nudify' apps. Do not name real influencers. Focus on the tricks "
        "and ideas, not on personalities.</li>"
        "<li>Keep the tone non-judgemental. The problem is harmful ideas and "
        "behaviour, not boys or any other group. Many boys are worried about this "
        "content too, and they are an important part of the solution.</li>"
        "<li>Any disclosure must go to the DSL straight away, following your "
        "school's policy.</li>"
        "</ul>"
    ),
    "key_vocabulary": [
        (
            "Misogyny",
            "Dislike of, hatred of or prejudice against women and girls. It can be "
            "shown in words, jokes, attitudes or actions.",
        ),
        (
            "Manosphere",
            "A loose mix of websites, forums, videos and influencers about men and "
            "masculinity. Much of it spreads negative or hateful ideas about women.",
        ),
        (
            "Incel",
            "Short for 'involuntary celibate'. Used by some online groups of men who "
            "feel they cannot get a partner and often blame women for it.",
        ),
        (
            "Algorithm",
            "A set of rules an app uses to choose what to show you next, based on "
            "what you watch, like, share and comment on.",
        ),
        (
            "Echo chamber",
            "A space online where you only see opinions that match one view, so that "
            "view starts to seem normal or true.",
        ),
        (
            "Nude or semi-nude image",
            "A photo or video of someone naked or partly naked. The law says an indecent "
            "image of anyone under 18 is illegal to make, have or share, even if they agreed; "
            "nudes and semi-nudes of under-18s usually count as indecent.",
        ),
        (
            "Deepfake",
            "A fake image, video or sound clip made or changed with AI so that it looks or sounds like a real person.",
        ),
        (
            "Consent",
            "Agreeing to something freely and by choice, with the freedom to say no or change your mind at any time.",
        ),
    ],
    "send_adaptations": (
        "<ul>"
        "<li>Pre-teach the key vocabulary with simple picture cards, and keep a "
        "word bank on the desk or board for the whole lesson.</li>"
        "<li>Give scenarios as short printed cards with the choices numbered, and "
        "allow pupils to point, sort or use coloured cards instead of writing.</li>"
        "<li>Turn the 'what to do' steps into a simple visual checklist (Stop, Don't "
        "share, Tell an adult, Report) that pupils can keep.</li>"
        "<li>Check understanding one-to-one, as some pupils may take phrases like "
        "'going viral' or 'rabbit hole' literally. Plan a calm, quiet exit option "
        "and a named adult to go to.</li>"
        "</ul>"
    ),
    "eal_adaptations": (
        "<ul>"
        "<li>Provide a glossary of the key vocabulary with simple definitions, and "
        "translations where possible, before the first lesson.</li>"
        "<li>Explain slang and online terms (for example 'nudes', 'feed', 'group "
        "chat') clearly, as these are often not in dictionaries.</li>"
        "<li>Pair pupils with a supportive partner who shares their language for "
        "discussion tasks, and give sentence starters such as 'I think ... "
        "should ... because ...'.</li>"
        "<li>Make sure pupils and families know that help services such as Childline "
        "are free and confidential, and that Childline can be contacted online as "
        "well as by phone.</li>"
        "</ul>"
    ),
    "review_by": "2027-03-31",
    "lessons": [
        # ------------------------------------------------------------------
        # Lesson 1: Misogyny online
        # ------------------------------------------------------------------
        {
            "slug": "misogyny-online",
            "title": "Misogyny online",
            "summary": (
                "What misogyny is, how some online content and algorithms push it, "
                "and how to spot and safely challenge it."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today we are talking about hateful ideas about women and "
                            "girls online. We will talk about made-up characters, not "
                            "ourselves or people we know. Listen to each other, "
                            "challenge ideas, not people, and you can always ask a "
                            "question privately."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Start by agreeing ground rules and pointing out the "
                            "anonymous question box. Ask pupils, in pairs, to list "
                            "places online where people get advice about dating, "
                            "fitness or 'being a man'. Take a few answers without "
                            "judging them.</p>"
                            "<p>Do not name or show real influencers. If pupils name "
                            "someone, say: 'We're not going to focus on one person. "
                            "Let's look at the ideas and tricks instead.'</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    "<h3>What is misogyny?</h3>"
                    "<p>Misogyny means disliking, hating or looking down on women and "
                    "girls because they are women and girls. Online, it can look "
                    "like:</p>"
                    "<ul>"
                    "<li>'Jokes' that say women are stupid, worth less or only good "
                    "for their looks</li>"
                    "<li>Comments that treat girls as prizes or property</li>"
                    "<li>Rating, shaming or threatening women and girls</li>"
                    "</ul>",
                ),
                (
                    "text",
                    "<h3>What is the 'manosphere'?</h3>"
                    "<p>The 'manosphere' is a mix of websites, forums and videos "
                    "about being a man. Some of it starts with things like fitness, "
                    "money or confidence. But much of it teaches that women are the "
                    "enemy.</p>"
                    "<p>'Incel' groups are one part. Members say they cannot get a "
                    "partner and often blame women. Some of these spaces spread "
                    "hatred and even praise violence.</p>",
                ),
                (
                    "key_message",
                    {
                        "heading": "Real feelings, wrong answers",
                        "message": (
                            "Feeling lonely, unsure or left out is normal and real. "
                            "Content that tells you to blame or hate women does not "
                            "fix those feelings. Most boys and men reject these "
                            "ideas, and talking to someone you trust really helps."
                        ),
                    },
                ),
                (
                    "text",
                    "<h3>How algorithms push extreme content</h3>"
                    "<p>Apps want you to keep watching. Their algorithms learn what "
                    "holds your attention and show you more of it.</p>"
                    "<ul>"
                    "<li>Shocking or angry videos get lots of views and comments</li>"
                    "<li>So the app may show you more extreme videos, step by "
                    "step</li>"
                    "<li>Soon your feed can feel like 'everyone' thinks the same</li>"
                    "</ul>"
                    "<p>This is sometimes called a 'rabbit hole' or an 'echo "
                    "chamber'.</p>",
                ),
                (
                    "knowledge_check",
                    {
                        "question": ("Why might an app show someone more and more extreme videos about women?"),
                        "choices": [
                            {
                                "text": "Because the videos must be true if lots of people watch them",
                                "correct": False,
                            },
                            {
                                "text": "Because the algorithm shows more of whatever "
                                "keeps people watching and reacting",
                                "correct": True,
                            },
                            {
                                "text": "Because the person asked the app to show them extreme videos",
                                "correct": False,
                            },
                            {
                                "text": "Because apps check every video to make sure it is fair",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Algorithms learn what keeps you watching, liking and "
                            "commenting. Angry or shocking content often does this, "
                            "so you may be shown more of it. Lots of views does not "
                            "make something true."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "Kai's feed",
                        "characters": "Kai and Sam, both in Year 10",
                        "situation": (
                            "<p>Kai started watching gym videos to get stronger. After "
                            "a few weeks, his feed is full of videos saying girls only "
                            "care about money and that 'real men' control their "
                            "girlfriends.</p>"
                            "<p>In the group chat, Kai posts one of the videos and "
                            "writes, 'This guy is right, girls are all the same.' His "
                            "friend Sam feels uncomfortable.</p>"
                        ),
                        "question": "What could Sam do?",
                        "choices": [
                            {
                                "text": "Send a laughing emoji so he doesn't look awkward.",
                                "feedback": (
                                    "This is easy to do, but it tells Kai and the "
                                    "group that the message is OK. Others in the chat "
                                    "may feel uncomfortable too and stay quiet."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Message Kai privately: 'You OK? Not sure "
                                "about that guy, he makes money from making people "
                                "angry.'",
                                "feedback": (
                                    "A calm, private message is a good way to "
                                    "challenge the idea without shaming Kai. It shows "
                                    "Sam cares and gives Kai space to think again."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Post insults about Kai in the chat so everyone laughs at him.",
                                "feedback": (
                                    "Humiliating Kai is likely to make him defensive "
                                    "and may push him further towards these videos. "
                                    "Challenge the idea, not the person."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Ignore it. It's only a video.",
                                "feedback": (
                                    "Sam does not have to do everything, but ignoring "
                                    "it can let hateful ideas seem normal. If Sam is "
                                    "worried, he could also talk to a trusted adult."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": ("Why do you think Kai started to agree with the videos in his feed?"),
                        "follow_up": [
                            "How might girls in the group chat feel when they read Kai's message?",
                            "What could help Kai see other points of view?",
                            "Who could Sam talk to if he stays worried about Kai?",
                        ],
                    },
                ),
                (
                    "text",
                    "<h3>Spot the tricks</h3>"
                    "<p>Ask yourself: is this content…</p>"
                    "<ul>"
                    "<li>Saying 'all women' or 'all men' are one way?</li>"
                    "<li>Making me feel angry, scared or like a failure?</li>"
                    "<li>Telling me feelings or kindness are weak?</li>"
                    "<li>Selling me something, like a course or a secret?</li>"
                    "<li>Using 'jokes' to make hate seem normal?</li>"
                    "</ul>"
                    "<p>If yes, pause. Tap 'not interested', unfollow or report.</p>",
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Run the scenario with a show of hands or coloured "
                            "cards, then the discussion in small groups. Take "
                            "feedback and link answers back to the 'Spot the tricks' "
                            "checklist.</p>"
                            "<p>If a pupil agrees with a misogynistic view, stay calm "
                            "and curious: 'What makes you think that?' and 'Is that "
                            "true of every woman?' Avoid shaming them in front of the "
                            "class. If you are worried about a pupil's views or "
                            "wellbeing, speak to the DSL.</p>"
                        ),
                        "minutes": 20,
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": ("Think of one thing someone could do to keep their feed healthy and varied."),
                        "hint": (
                            "You could think about following different kinds of "
                            "people, tapping 'not interested', or taking a break."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": (
                            "If anything today has worried you, talk to a trusted "
                            "adult, like a parent, carer or teacher, or to your "
                            "school's designated safeguarding lead. You can also "
                            "contact these services."
                        ),
                        "services": [
                            dict(CHILDLINE_ABOUT_ANYTHING),
                            dict(THE_MIX_ANY_ISSUE_RELATIONSHIPS_AND_LIFE_ONLINE),
                            dict(SHOUT),
                            dict(RESPECT_PHONELINE_FOR_ANYONE),
                            dict(NSPCC),
                            dict(POLICE),
                        ],
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 2: Nudes and image sharing
        # ------------------------------------------------------------------
        {
            "slug": "nudes-and-image-sharing",
            "title": "Nudes and image sharing",
            "content_warning": "This lesson is about nude images, what the law says about them and what to do if one is shared.",
            "summary": (
                "Why people get pressured to send nudes, what the law says for "
                "under-18s, and what to do if an image is shared."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today we are talking about nude images. We will talk "
                            "about made-up characters only. Nobody will be asked "
                            "about their own life. If something worries you, talk to "
                            "me or another trusted adult after the lesson."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Remind pupils of the ground rules and the anonymous "
                            "question box. Explain that the lesson is about staying "
                            "safe and getting help, not about getting anyone into "
                            "trouble.</p>"
                            "<p>Be ready for disclosures. If a pupil tells you an "
                            "image has been shared, do not view, copy, forward or "
                            "save it, and do not ask them to show you. Pass it to "
                            "the DSL straight away, following the UKCIS guidance and "
                            "your school's policy.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    "<h3>Why do people get pressured?</h3>"
                    "<p>People can be pushed to send a nude in lots of ways:</p>"
                    "<ul>"
                    "<li>Flattery: 'You're so fit, just one pic'</li>"
                    "<li>Guilt: 'If you loved me, you would'</li>"
                    "<li>Myths: 'Everyone does it'</li>"
                    "<li>Threats: 'Send one or I'll tell everyone you did'</li>"
                    "</ul>"
                    "<p>Pressure can come from a partner, a friend or a stranger "
                    "with a fake profile. It can happen to anyone, of any gender.</p>",
                ),
                (
                    "key_message",
                    {
                        "heading": "Pressure is never OK",
                        "message": (
                            "Nobody has the right to pressure you into sending an "
                            "image. You can always say no. If someone shares or "
                            "misuses an image, the blame is on them, never on the "
                            "person in the picture."
                        ),
                    },
                ),
                (
                    "text",
                    "<h3>What does the law say?</h3>"
                    "<ul>"
                    "<li>The age of consent for sex is 16.</li>"
                    "<li>But making, having or sharing an indecent image of anyone "
                    "under 18 is illegal, even if they agreed, and even if it is of "
                    "yourself. Nudes and semi-nudes of under-18s usually count as "
                    "indecent.</li>"
                    "<li>Sharing, or threatening to share, an intimate image of "
                    "anyone without their consent is a crime.</li>"
                    "</ul>"
                    "<p>The law is there to protect young people. The police aim to "
                    "help and support under-18s, not to criminalise them.</p>",
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Two 16-year-olds are in a relationship. One agrees to "
                            "send the other a nude photo. What does the law say?"
                        ),
                        "choices": [
                            {
                                "text": "It is legal because they are both over the age of consent",
                                "correct": False,
                            },
                            {
                                "text": "It is legal as long as they both agreed",
                                "correct": False,
                            },
                            {
                                "text": "It is illegal, because nude images of anyone under 18 are against the law",
                                "correct": True,
                            },
                        ],
                        "explanation": (
                            "The age of consent is 16, but the law on images is "
                            "different. Making, having or sharing a nude image of "
                            "anyone under 18 is illegal, even if they agreed. Young "
                            "people in this situation are treated as needing help "
                            "and support."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "The group chat",
                        "characters": "Amira, Theo and Jess, all in Year 10",
                        "situation": (
                            "<p>Amira sent a private picture to someone she trusted. "
                            "Now it has been posted in a big group chat. Theo sees "
                            "it. Some people are adding laughing emojis and saying "
                            "'forward it on'.</p>"
                            "<p>Theo knows Amira's friend Jess.</p>"
                        ),
                        "question": "What is the best thing for Theo to do?",
                        "choices": [
                            {
                                "text": "Forward it to a few friends. It's already out there.",
                                "feedback": (
                                    "Forwarding it harms Amira even more, and "
                                    "sharing a nude image of an under-18 is "
                                    "illegal. Every share makes it spread further."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Don't share it, leave the chat, and tell a "
                                "trusted adult or the safeguarding lead.",
                                "feedback": (
                                    "This is the best choice. Theo stops it spreading "
                                    "through him, and an adult can help get the "
                                    "image removed and support Amira. He could also "
                                    "let Jess know so Amira has a friend with her."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Post, 'Her fault for sending it.'",
                                "feedback": (
                                    "This is victim-blaming. Amira trusted someone. "
                                    "The people who shared it without her consent "
                                    "are the ones doing wrong."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Take a screenshot to show a teacher as proof.",
                                "feedback": (
                                    "Theo means well, but saving a copy means he has "
                                    "the image too. He should tell an adult what he "
                                    "saw and where, without copying it."
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
                            "Why do you think people in the group chat were adding "
                            "emojis and asking to forward the picture?"
                        ),
                        "follow_up": [
                            "How might Amira feel right now?",
                            "What could the people in the chat do instead?",
                            "What could Jess say to support Amira?",
                        ],
                    },
                ),
                (
                    "text",
                    "<h3>If an image has been shared</h3>"
                    "<ul>"
                    "<li><b>Don't forward it</b>, and don't save or screenshot it.</li>"
                    "<li><b>Tell a trusted adult</b> or your school's safeguarding "
                    "lead. You will not be in trouble for asking for help.</li>"
                    "<li><b>Use Report Remove</b>, from Childline and the Internet "
                    "Watch Foundation, to get a nude image of an under-18 taken "
                    "down.</li>"
                    "<li><b>Report</b> the post on the app, or to CEOP if an adult "
                    "is involved.</li>"
                    "</ul>",
                ),
                (
                    "text",
                    "<h3>If someone threatens to share</h3>"
                    "<p>Some criminals use fake profiles to get an image, then ask "
                    "for money or more pictures. This is called sextortion. It is a "
                    "crime, and it is never the victim's fault.</p>"
                    "<ul>"
                    "<li>Don't pay and don't send anything more.</li>"
                    "<li>Stop replying and block them, but don't delete the chat.</li>"
                    "<li>Tell a trusted adult and report to CEOP or the police.</li>"
                    "</ul>",
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Run the scenario and discussion in small groups, then "
                            "take feedback. Draw out that the bystanders have power: "
                            "not sharing, leaving the chat and telling an adult all "
                            "help.</p>"
                            "<p>Challenge any victim-blaming gently: 'Who made the "
                            "choice to share it without consent?' Stress that "
                            "pupils who ask for help will be supported. Spend time "
                            "on the 'what to do' slides so every pupil leaves knowing "
                            "the steps.</p>"
                        ),
                        "minutes": 20,
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "If a friend came to you worried about a picture, what is one thing you could say to them?"
                        ),
                        "hint": (
                            "Think about words that are kind and not blaming, like "
                            "'It's not your fault' or 'Let's find someone who can "
                            "help'."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": (
                            "You are never on your own with this. Talk to a trusted "
                            "adult, like a parent, carer or teacher, or to your "
                            "school's designated safeguarding lead. These services "
                            "can help too."
                        ),
                        "services": [
                            dict(CHILDLINE_CALL_OR_CHAT),
                            dict(REPORT_REMOVE_UNDER_18S),
                            dict(SHORE),
                            dict(REPORT_HARMFUL_CONTENT),
                            dict(CEOP_THREATS_TO_SHARE_IMAGES),
                            dict(SHOUT),
                            dict(DOMESTIC_ABUSE_HELPLINE_PARTNER_OR_FAMILY),
                            dict(NSPCC_PARENTS_AND_CARERS),
                            dict(POLICE),
                        ],
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------
        # Lesson 3: Deepfakes and respect online
        # ------------------------------------------------------------------
        {
            "slug": "deepfakes-and-respect-online",
            "title": "Deepfakes and respect online",
            "content_warning": "This lesson includes a story about a fake sexual image made with AI.",
            "summary": (
                "What AI-made fake images are, the harm they cause, what the law "
                "says, how to report them and how to be a good digital citizen."
            ),
            "estimated_minutes": 50,
            "body": [
                (
                    "ground_rules",
                    {
                        "intro": (
                            "Today we are talking about fake images made with AI. We "
                            "will use made-up characters and we will not look at any "
                            "real fake images. Be respectful, and talk to a trusted "
                            "adult if anything worries you."
                        )
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Recap the last lesson: the law on nude images of "
                            "under-18s and the 'what to do' steps. Then ask pairs: "
                            "'What can AI do with photos now?' Keep examples "
                            "harmless, such as face filters or funny edits.</p>"
                            "<p>Do not show real deepfakes or name or demonstrate "
                            "'nudify' apps or websites, as this could lead pupils to "
                            "them.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    "<h3>What is a deepfake?</h3>"
                    "<p>A deepfake is a fake image, video or voice clip made with AI. "
                    "It can make it look like a real person said or did something "
                    "they never did.</p>"
                    "<p>Some apps can even take an ordinary photo and make a fake "
                    "nude image from it. The person in the photo never agreed and "
                    "may not even know.</p>",
                ),
                (
                    "text",
                    "<h3>Fake image, real harm</h3>"
                    "<p>People sometimes say a deepfake is 'only a joke' or 'not "
                    "really them'. But for the person in it:</p>"
                    "<ul>"
                    "<li>It can feel just as upsetting as a real image</li>"
                    "<li>Others may believe it is real</li>"
                    "<li>It can spread fast and be hard to remove</li>"
                    "</ul>"
                    "<p>Most sexual deepfakes target women and girls.</p>",
                ),
                (
                    "key_message",
                    {
                        "heading": "It's fake, but the harm is real",
                        "message": (
                            "Making or sharing a fake sexual image of someone is "
                            "abuse, not a joke. The person in the image has done "
                            "nothing wrong. They deserve support, not blame."
                        ),
                    },
                ),
                (
                    "text",
                    "<h3>What does the law say?</h3>"
                    "<ul>"
                    "<li>An indecent image of anyone under 18 is illegal to make, "
                    "have or share, even if it is fake or made with AI. Nude and "
                    "sexual images of under-18s usually count as indecent.</li>"
                    "<li>Sharing, or threatening to share, an intimate image of "
                    "someone without consent is a crime. This includes deepfakes "
                    "(Online Safety Act 2023).</li>"
                    "<li>Taking a picture up someone's skirt or clothes without "
                    "consent, called upskirting, is also a crime.</li>"
                    "</ul>",
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Someone uses an app to make a fake nude image of a "
                            "classmate and shares it. Which statement is true?"
                        ),
                        "choices": [
                            {
                                "text": "It's not illegal because the image is fake",
                                "correct": False,
                            },
                            {
                                "text": "It's illegal, and it causes real harm to the classmate",
                                "correct": True,
                            },
                            {
                                "text": "It's fine if it was only shared with a few friends",
                                "correct": False,
                            },
                            {
                                "text": "It's the classmate's fault for posting photos online",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "A nude image of anyone under 18 is illegal, even if it "
                            "is fake. Sharing intimate images without consent, "
                            "including deepfakes, is also a crime. The person in the "
                            "image is never to blame."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "The fake picture",
                        "characters": "Priya, Noah and Ellis, all in Year 11",
                        "situation": (
                            "<p>Ellis used an AI app to make a fake sexual picture of "
                            "Priya using a photo from her social media. He sent it to "
                            "a few people 'as a joke'.</p>"
                            "<p>Noah receives it. He knows it is fake. Priya doesn't "
                            "know it exists yet.</p>"
                        ),
                        "question": "What should Noah do?",
                        "choices": [
                            {
                                "text": "Nothing. It's fake, so it doesn't matter.",
                                "feedback": (
                                    "Even though it's fake, it can seriously hurt "
                                    "Priya and it is illegal. Doing nothing lets it "
                                    "keep spreading."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Don't share it, tell a trusted adult or "
                                "the safeguarding lead, and report it on the app.",
                                "feedback": (
                                    "This is the best choice. An adult can act to "
                                    "stop it spreading, get it removed and make sure "
                                    "Priya is supported."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Send it to Priya so she knows about it.",
                                "feedback": (
                                    "Noah may want to warn Priya, but sending her the "
                                    "image means sharing it again and could be very "
                                    "upsetting. It's better to tell an adult who can "
                                    "help her in a safe way."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Reply 'lol' so Ellis doesn't think he's boring.",
                                "feedback": (
                                    "Laughing along tells Ellis this is OK and "
                                    "encourages him to do it again. Noah can say no "
                                    "to being part of it."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": ("Ellis called the picture 'a joke'. Why might someone tell themselves that?"),
                        "follow_up": [
                            "How might Priya feel if she finds out?",
                            "What could the people who received it do to help?",
                            "What might stop someone like Ellis doing this again?",
                        ],
                    },
                ),
                (
                    "text",
                    "<h3>Being a good digital citizen</h3>"
                    "<ul>"
                    "<li>Ask before you post or edit a photo of someone else.</li>"
                    "<li>Never make or share fake images of real people to embarrass "
                    "them.</li>"
                    "<li>Don't like, comment on or forward hurtful content.</li>"
                    "<li>Report it, and tell a trusted adult.</li>"
                    "<li>Check in with the person it's about. Be kind.</li>"
                    "</ul>",
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Run the scenario with coloured cards or a show of "
                            "hands, then the discussion in small groups. Highlight "
                            "that anyone who receives a fake image can help stop it "
                            "spreading.</p>"
                            "<p>Finish with the reflection, then give out the "
                            "end-of-module quiz and survey. Remind pupils that the "
                            "survey is anonymous and about views, not about their "
                            "own experiences. Leave the signposting slide up at the "
                            "end and remind pupils of the question box.</p>"
                        ),
                        "minutes": 25,
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "What is one way you could help make your online spaces more respectful for everyone?"
                        ),
                        "hint": (
                            "Think about small actions, like asking before posting "
                            "a photo or not forwarding hurtful posts."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": (
                            "If a fake image is made of you or someone you know, you "
                            "are not to blame. Talk to a trusted adult, like a "
                            "parent, carer or teacher, or to your school's "
                            "designated safeguarding lead. These services can help."
                        ),
                        "services": [
                            dict(CHILDLINE_CALL_OR_CHAT),
                            dict(REPORT_REMOVE_UNDER_18S),
                            dict(SHORE),
                            dict(REPORT_HARMFUL_CONTENT),
                            dict(CEOP),
                            dict(THE_MIX_ANY_ISSUE_LIFE_ONLINE),
                            dict(SHOUT),
                            dict(NSPCC_PARENTS_AND_CARERS),
                            dict(POLICE),
                        ],
                    },
                ),
            ],
        },
    ],
    "quiz": {
        "key": "online-misogyny-quiz",
        "title": "Online misogyny and image sharing: quiz",
        "intro": (
            "Check what you have learned. Read each question carefully. Some questions have more than one right answer."
        ),
        "pass_mark": 70,
        "questions": [
            {
                "key": "omi-q1",
                "type": "single",
                "text": "What does 'misogyny' mean?",
                "choices": [
                    {
                        "text": ("Dislike of, hatred of or prejudice against women and girls"),
                        "correct": True,
                    },
                    {"text": "Being careful about what you post online", "correct": False},
                    {"text": "A type of social media app", "correct": False},
                    {"text": "Disagreeing with a friend", "correct": False},
                ],
                "feedback": (
                    "Misogyny means disliking, hating or looking down on women and "
                    "girls. It can show up in jokes, comments and actions online and "
                    "offline."
                ),
            },
            {
                "key": "omi-q2",
                "type": "multiple",
                "text": ("Which of these are warning signs of extreme content online? Choose all that apply."),
                "choices": [
                    {"text": "It says all women or all men are the same", "correct": True},
                    {
                        "text": ("It tries to make you feel angry or like a failure"),
                        "correct": True,
                    },
                    {"text": "It shows lots of different points of view", "correct": False},
                    {"text": "It uses 'jokes' to make hate seem normal", "correct": True},
                ],
                "feedback": (
                    "Extreme content often makes sweeping claims about whole groups, "
                    "stirs up strong feelings and uses humour to make hate seem "
                    "normal. Content that shows many points of view is usually a "
                    "healthier sign."
                ),
            },
            {
                "key": "omi-q3",
                "type": "true_false",
                "text": "If lots of people watch a video, it must be true.",
                "answer": False,
                "feedback": (
                    "False. Algorithms push content that keeps people watching, and "
                    "shocking or angry videos often do this. Popular does not mean "
                    "true."
                ),
            },
            {
                "key": "omi-q4",
                "type": "true_false",
                "text": ("It is legal for two 16-year-olds to send each other nude images if they both agree."),
                "answer": False,
                "feedback": (
                    "False. The age of consent is 16, but making, having or sharing a "
                    "nude or semi-nude image of anyone under 18 is illegal, even if "
                    "they agreed. Young people are treated as needing help and "
                    "support, not as criminals."
                ),
            },
            {
                "key": "omi-q5",
                "type": "single",
                "text": (
                    "A nude picture of a classmate is posted in a group chat you are in. What is the best thing to do?"
                ),
                "choices": [
                    {
                        "text": ("Forward it so other people know what's happening"),
                        "correct": False,
                    },
                    {"text": "Screenshot it to keep as proof", "correct": False},
                    {
                        "text": ("Don't share it, and tell a trusted adult or the safeguarding lead"),
                        "correct": True,
                    },
                    {"text": "Ignore it because it's not your business", "correct": False},
                ],
                "feedback": (
                    "Don't forward or save the image. Tell a trusted adult or your "
                    "school's safeguarding lead, who can help get it removed and "
                    "support your classmate."
                ),
            },
            {
                "key": "omi-q6",
                "type": "multiple",
                "text": (
                    "Someone online threatens to share a picture unless they are "
                    "paid. What should the person being threatened do? Choose all "
                    "that apply."
                ),
                "choices": [
                    {"text": "Stop replying and block the account", "correct": True},
                    {"text": "Pay quickly so it goes away", "correct": False},
                    {"text": "Tell a trusted adult", "correct": True},
                    {"text": "Report it to CEOP or the police", "correct": True},
                ],
                "feedback": (
                    "Don't pay or send anything more. Paying rarely makes it stop. "
                    "Stop replying, block, keep the chat, tell a trusted adult and "
                    "report it to CEOP or the police. It is never the victim's "
                    "fault."
                ),
            },
            {
                "key": "omi-q7",
                "type": "single",
                "text": "What is Report Remove?",
                "choices": [
                    {
                        "text": "A button that deletes your whole social media account",
                        "correct": False,
                    },
                    {
                        "text": (
                            "A tool from Childline and the Internet Watch "
                            "Foundation that helps under-18s get nude images of "
                            "themselves removed"
                        ),
                        "correct": True,
                    },
                    {"text": "A way to find out who shared an image", "correct": False},
                    {"text": "An app for making fake images", "correct": False},
                ],
                "feedback": (
                    "Report Remove is run by Childline and the Internet Watch "
                    "Foundation. It helps young people under 18 get nude images of "
                    "themselves taken down from the internet, and Childline can "
                    "offer support too."
                ),
            },
            {
                "key": "omi-q8",
                "type": "true_false",
                "text": (
                    "Sharing a deepfake sexual image of someone without their "
                    "consent is not a crime, because the image is fake."
                ),
                "answer": False,
                "feedback": (
                    "False. Under the Online Safety Act 2023, sharing or threatening "
                    "to share an intimate image without consent is a crime, and this "
                    "includes deepfakes. A sexual image of anyone under 18 is illegal "
                    "even if it is fake."
                ),
            },
        ],
    },
    "survey": {
        "key": "online-misogyny-survey",
        "title": "Online misogyny and image sharing: what do you think?",
        "intro": (
            "This short survey is anonymous. There are no right or wrong answers. "
            "Tell us how much you agree with each statement."
        ),
        "items": [
            {
                "key": "omi-a1",
                "text": "Jokes that put women and girls down can cause real harm.",
                "min": 1,
                "max": 5,
                "labels": [
                    "Strongly disagree",
                    "Disagree",
                    "Not sure",
                    "Agree",
                    "Strongly agree",
                ],
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "omi-a2",
                "text": ("If someone sends a nude picture, it is partly their fault if it gets shared."),
                "min": 1,
                "max": 5,
                "labels": [
                    "Strongly disagree",
                    "Disagree",
                    "Not sure",
                    "Agree",
                    "Strongly agree",
                ],
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "omi-a3",
                "text": "Making a fake picture of someone as a joke is harmless.",
                "min": 1,
                "max": 5,
                "labels": [
                    "Strongly disagree",
                    "Disagree",
                    "Not sure",
                    "Agree",
                    "Strongly agree",
                ],
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "omi-a4",
                "text": "Everyone deserves respect online, whatever their gender.",
                "min": 1,
                "max": 5,
                "labels": [
                    "Strongly disagree",
                    "Disagree",
                    "Not sure",
                    "Agree",
                    "Strongly agree",
                ],
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "omi-a5",
                "text": ("It is OK to forward a private picture if lots of people have already seen it."),
                "min": 1,
                "max": 5,
                "labels": [
                    "Strongly disagree",
                    "Disagree",
                    "Not sure",
                    "Agree",
                    "Strongly agree",
                ],
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "omi-a6",
                "text": "I know how to report a post or account that spreads hate.",
                "min": 1,
                "max": 5,
                "labels": [
                    "Strongly disagree",
                    "Disagree",
                    "Not sure",
                    "Agree",
                    "Strongly agree",
                ],
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "omi-a7",
                "text": ("I know what to do if a nude picture of someone under 18 is shared online."),
                "min": 1,
                "max": 5,
                "labels": [
                    "Strongly disagree",
                    "Disagree",
                    "Not sure",
                    "Agree",
                    "Strongly agree",
                ],
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "omi-a8",
                "text": ("I know where a young person could get help if they were being pressured to send a picture."),
                "min": 1,
                "max": 5,
                "labels": [
                    "Strongly disagree",
                    "Disagree",
                    "Not sure",
                    "Agree",
                    "Strongly agree",
                ],
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "omi-a9",
                "text": ("I can spot when online content is trying to make me angry or afraid."),
                "min": 1,
                "max": 5,
                "labels": [
                    "Strongly disagree",
                    "Disagree",
                    "Not sure",
                    "Agree",
                    "Strongly agree",
                ],
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "omi-a10",
                "text": ("I would not know how to support a friend if a fake picture of them was shared."),
                "min": 1,
                "max": 5,
                "labels": [
                    "Strongly disagree",
                    "Disagree",
                    "Not sure",
                    "Agree",
                    "Strongly agree",
                ],
                "reverse": True,
                "subscale": "confidence",
            },
        ],
        "free_text": [
            {
                "key": "omi-f1",
                "prompt": ("Is there anything else you would like to say or ask about these lessons?"),
                "optional": True,
            }
        ],
    },
}
