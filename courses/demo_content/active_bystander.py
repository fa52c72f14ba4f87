"""Demo content for the "Being an active bystander" module (years 7 to 9)."""

from courses.demo_content.services import (
    CEOP_SEXUAL_TALK_OR_GROOMING,
    CHILDLINE_WHATEVER_WORRIES_YOU,
    NSPCC_CALL_FOR_ADVICE,
    POLICE_CRIME_HAPPENING,
    REPORT_REMOVE_WITH_CHILDLINE_SUPPORT,
    SHOUT_WITH_WEBSITE,
    THE_MIX_FRIENDSHIPS_AND_BULLYING,
)

_SIGNPOSTING_INTRO = (
    "If anything in this lesson has worried you, or you have seen something that does "
    "not feel right, you do not have to deal with it alone. Talk to a trusted adult, "
    "such as a parent, carer or teacher, or to your school's designated safeguarding "
    "lead (the member of staff whose job is to keep pupils safe). You can also "
    "contact these free services."
)

_GROUND_RULES_INTRO = (
    "We talk about made-up characters, not about ourselves or people we know. "
    "Listen to each other, disagree kindly and it is fine to pass. If something "
    "worries you, you can talk to a trusted adult afterwards."
)

# Answer scale for every survey statement. Each item gets its own copy via list(...).
_LIKERT_LABELS = ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"]


MODULE = {
    "slug": "being-an-active-bystander",
    "title": "Being an active bystander",
    "summary": (
        "What stops people stepping in when someone is treated badly, and the 4 Ds "
        "for helping safely, in person and online."
    ),
    "min_year": 7,
    "max_year": 9,
    "estimated_minutes": 150,
    "is_sensitive": True,
    "delivery_mode": "teacher_led",
    "rshe_topics": [
        "respect-and-stereotypes",
        "bullying-and-online-bullying",
        "misogyny",
        "violence-against-women-and-girls",
        "online-safety",
        "sharing-nudes",
        "getting-help",
    ],
    "content_warning": (
        "This module talks about bullying, sexist comments and people being treated "
        "unkindly, in person and online. If anything in it worries you, talk to a "
        "trusted adult or contact Childline on 0800 1111."
    ),
    "learning_outcomes": [
        "Pupils can explain what a bystander is and give three reasons why people sometimes do not step in.",
        "Pupils can describe the 4 Ds (direct, distract, delegate, delay) and choose a "
        "safe way to help in an everyday situation.",
        "Pupils can use reporting and blocking tools and describe how to support someone who is being targeted online.",
        "Pupils can explain why their own safety comes first and name trusted adults "
        "and services they can go to for help.",
    ],
    "teacher_overview": (
        "<p>Most young people say they dislike bullying, sexist 'banter' and "
        "harassment, yet few feel able to do anything when they see it. This module "
        "gives pupils in Years 7 to 9 a simple, safe toolkit. It starts with why "
        "people stay silent, then teaches the 4 Ds (direct, distract, delegate, "
        "delay), then applies them online.</p>"
        "<p>The message throughout is that <b>small, safe actions count</b> and that "
        "pupils should <b>never put themselves in danger</b>. Getting help from an "
        "adult is a strong choice, not a weak one. Avoid any suggestion that the "
        "person targeted is to blame, and avoid framing boys as a group as the "
        "problem: the aim is for everyone to see themselves as someone who can "
        "help.</p>"
        "<p>All scenarios use made-up characters so pupils can talk about the "
        "situation without sharing their own experiences. Each lesson takes about 50 "
        "minutes and is taught in class: lesson 3 covers the law on nude images and the "
        "module touches on misogyny, so it is never set as home learning. Remind pupils of "
        "the ground rules, and follow your school's safeguarding procedures if a pupil "
        "makes a disclosure.</p>"
    ),
    "key_vocabulary": [
        (
            "Bystander",
            "Someone who sees or hears something happening to another person, but is "
            "not the one doing it or the one it is happening to.",
        ),
        (
            "Active bystander",
            "A bystander who chooses to do something safe to help, instead of ignoring it or joining in.",
        ),
        (
            "Diffusion of responsibility",
            "When lots of people see something, each person feels less responsible "
            "and thinks someone else will deal with it.",
        ),
        (
            "The 4 Ds",
            "Four safe ways to step in: direct, distract, delegate and delay.",
        ),
        (
            "Banter",
            "Friendly joking that everyone enjoys. If a 'joke' hurts, puts someone "
            "down or targets who they are, it is not banter.",
        ),
        (
            "Sexism",
            "Treating someone unfairly or putting them down because of their sex or "
            "gender. Misogyny is hatred of, or prejudice against, women and girls.",
        ),
        (
            "Harassment",
            "Unwanted behaviour that makes someone feel upset, scared or "
            "uncomfortable, often happening again and again.",
        ),
        (
            "Reporting",
            "Telling a trusted adult, or using a tool on an app or website, so that "
            "someone with the power to help knows what is happening.",
        ),
    ],
    "send_adaptations": (
        "<ul>"
        "<li>Print the 4 Ds as a visual prompt card (a symbol for each D) that pupils "
        "can keep on the desk and use to answer scenario questions.</li>"
        "<li>Act out scenarios with simple role-play or figures, and give pupils "
        "sentence starters such as 'I could ...' and 'A safe adult to tell is "
        "...'.</li>"
        "<li>Break each scenario into steps: what is happening, how might each person "
        "feel, what could the bystander do. Allow extra thinking time and use "
        "pointing or choice cards instead of speaking aloud.</li>"
        "<li>Check understanding of non-literal language such as 'banter', 'step in' "
        "and 'pile on', and give a quiet space or time out card for anyone who "
        "finds the topic upsetting.</li>"
        "</ul>"
    ),
    "eal_adaptations": (
        "<ul>"
        "<li>Pre-teach the key vocabulary with pictures and, where possible, "
        "translations in home languages before the first lesson.</li>"
        "<li>Explain idioms and slang that appear in the lessons, such as 'banter', "
        "'step in', 'group chat' and 'pile on'.</li>"
        "<li>Pair pupils with a supportive partner who shares a language, and let "
        "them discuss scenarios in their home language before sharing in "
        "English.</li>"
        "<li>Provide short sentence frames for discussion and reflection, for "
        "example 'Josh could ... because ...'.</li>"
        "</ul>"
    ),
    "review_by": "2027-09-30",
    "lessons": [
        # ------------------------------------------------------------------ 1
        {
            "slug": "what-is-a-bystander",
            "title": "What is a bystander?",
            "summary": (
                "What a bystander is, and the reasons people often do not step in when someone is treated badly."
            ),
            "estimated_minutes": 50,
            "body": [
                ("ground_rules", {"intro": _GROUND_RULES_INTRO}),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Go through the ground rules and agree them with the "
                            "class. Starter: ask pupils to write down, on their own, "
                            "one word for how it might feel to be picked on while "
                            "lots of people watch. Collect a few words without "
                            "names.</p>"
                            "<p>Remind pupils that we talk about made-up characters, "
                            "not real people. If a pupil makes a disclosure, follow "
                            "your school's safeguarding procedures and tell the "
                            "designated safeguarding lead.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    "<h3>What is a bystander?</h3>"
                    "<p>A <b>bystander</b> is someone who sees or hears something "
                    "happening to another person. They are not the one doing it, and "
                    "it is not happening to them.</p>"
                    "<p>Bystanders have a lot of power. What they do next can make "
                    "things better or worse. An <b>active bystander</b> is someone "
                    "who chooses to do something safe to help.</p>",
                ),
                (
                    "text",
                    "<h3>Why don't people step in?</h3>"
                    "<ul>"
                    "<li><b>Someone else will do it.</b> When lots of people are "
                    "watching, each person feels less responsible. This is called "
                    "<b>diffusion of responsibility</b>.</li>"
                    "<li><b>Fear.</b> People worry they will be picked on next, lose "
                    "friends or get hurt.</li>"
                    "<li><b>Not sure it is serious.</b> People tell themselves it is "
                    "'just a joke' or 'none of my business'.</li>"
                    "<li><b>Not knowing what to do.</b> People want to help, but do "
                    "not know how.</li>"
                    "</ul>",
                ),
                (
                    "key_message",
                    {
                        "heading": "Everyone can help",
                        "message": (
                            "If everyone waits for someone else, nobody helps. You "
                            "do not have to be brave or loud to make a difference. "
                            "A small, safe action counts."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "The lunch queue",
                        "characters": "Sam, Amira and Josh (made-up characters)",
                        "situation": (
                            "<p>In the lunch queue, a few pupils keep copying the way "
                            "Sam talks and laughing loudly. Sam is looking at the "
                            "floor. Lots of people can hear it, but nobody says "
                            "anything.</p>"
                            "<p>Amira and Josh are standing nearby. Josh whispers, "
                            "'Someone should say something.'</p>"
                        ),
                        "question": "What could Amira and Josh do?",
                        "choices": [
                            {
                                "text": "Wait. There are loads of people here, so someone else will sort it out.",
                                "feedback": (
                                    "This is diffusion of responsibility. Everyone "
                                    "in the queue may be thinking the same thing, so "
                                    "nobody helps and Sam is left on his own."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Laugh along so they do not become the next target.",
                                "feedback": (
                                    "Feeling scared is understandable, but laughing "
                                    "along tells Sam that everyone is against him and "
                                    "tells the others it is OK. There are safer "
                                    "choices that do not mean joining in."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Go over and say, 'Sam, come and sit with us,' so he can move away.",
                                "feedback": (
                                    "A great choice. It is calm, it does not start an "
                                    "argument, and it shows Sam he is not alone. It "
                                    "also gets him out of the situation."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Tell the teacher on lunch duty what is happening.",
                                "feedback": (
                                    "Also a great choice. Getting an adult involved "
                                    "is safe and sensible, and the teacher can deal "
                                    "with the people doing it."
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
                            "Lots of people in the lunch queue heard what was "
                            "happening to Sam. Why do you think nobody said "
                            "anything?"
                        ),
                        "follow_up": [
                            "How might Sam feel when nobody helps?",
                            "What might Amira and Josh be worried about?",
                            "How might things change if just one person did something small?",
                        ],
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Read the scenario aloud, then give pupils 2 minutes "
                            "to choose an option on their own before revealing the "
                            "feedback. Run the discussion in pairs, then take "
                            "feedback from the class.</p>"
                            "<p>Draw out the four reasons on the 'Why don't people "
                            "step in?' slide, and name fear as completely normal. "
                            "Stress that doing nothing is not the same as agreeing, "
                            "but there is almost always something safe you can do. "
                            "Keep the focus on Amira and Josh, not on pupils' own "
                            "experiences.</p>"
                        ),
                        "minutes": 20,
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "Lots of people saw Sam being laughed at, but each "
                            "person thought someone else would help. What is this "
                            "called?"
                        ),
                        "choices": [
                            {"text": "Banter", "correct": False},
                            {"text": "Diffusion of responsibility", "correct": True},
                            {"text": "Being an active bystander", "correct": False},
                            {"text": "Peer support", "correct": False},
                        ],
                        "explanation": (
                            "Diffusion of responsibility means that the more people "
                            "who see something, the less responsible each person "
                            "feels. Knowing about it helps you notice it and decide "
                            "to act."
                        ),
                    },
                ),
                (
                    "text",
                    "<h3>Is it serious enough?</h3>"
                    "<p>If you are not sure whether something is 'just a joke', ask "
                    "yourself:</p>"
                    "<ul>"
                    "<li>Is everyone laughing, or is one person not enjoying it?</li>"
                    "<li>Is it about who someone is, such as their gender, looks, "
                    "race, religion, disability or sexuality?</li>"
                    "<li>Would they feel OK if a teacher or parent saw it?</li>"
                    "</ul>"
                    "<p>If you are still not sure, it is fine to check in with the "
                    "person or ask an adult.</p>",
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Think about the reasons people do not step in. Which one "
                            "do you think would be the hardest to get past, and what "
                            "could help someone get past it?"
                        ),
                        "hint": (
                            "You do not need to write about anything that has "
                            "happened to you. Think about people in general, or "
                            "about Amira and Josh."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": _SIGNPOSTING_INTRO,
                        "services": [
                            dict(CHILDLINE_WHATEVER_WORRIES_YOU),
                            dict(THE_MIX_FRIENDSHIPS_AND_BULLYING),
                            dict(SHOUT_WITH_WEBSITE),
                            dict(NSPCC_CALL_FOR_ADVICE),
                        ],
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 2
        {
            "slug": "the-4-ds-of-stepping-in-safely",
            "title": "The 4 Ds of stepping in safely",
            "summary": ("Four safe ways to help (direct, distract, delegate, delay) and how to choose between them."),
            "estimated_minutes": 50,
            "body": [
                ("ground_rules", {"intro": _GROUND_RULES_INTRO}),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Recap last lesson: ask pupils to name one reason "
                            "people do not step in. Then introduce the 4 Ds. A "
                            "quick way to help them remember is to give each D a "
                            "hand signal, or to put the four words up on the "
                            "board.</p>"
                        ),
                        "minutes": 8,
                    },
                ),
                (
                    "text",
                    "<h3>The 4 Ds</h3>"
                    "<p>There is more than one way to help. Pick the one that is "
                    "safest for you:</p>"
                    "<ul>"
                    "<li><b>Direct</b>: say something yourself.</li>"
                    "<li><b>Distract</b>: interrupt or change what is happening.</li>"
                    "<li><b>Delegate</b>: get someone else to help.</li>"
                    "<li><b>Delay</b>: check in with the person afterwards.</li>"
                    "</ul>",
                ),
                (
                    "text",
                    "<h3>Direct and distract</h3>"
                    "<p><b>Direct</b> means calmly saying something, such as 'Not "
                    "funny' or 'Leave it, mate'. Keep it short and do not start an "
                    "argument. Only do this if it feels safe.</p>"
                    "<p><b>Distract</b> means interrupting without a fuss. You could "
                    "change the subject, ask the person a question or invite them "
                    "somewhere else. It is quiet, but it works.</p>",
                ),
                (
                    "text",
                    "<h3>Delegate and delay</h3>"
                    "<p><b>Delegate</b> means getting help from someone who can do "
                    "more, such as a teacher, a parent, a bus driver or shop staff. "
                    "If someone is in danger, call 999.</p>"
                    "<p><b>Delay</b> means checking in later: 'I saw what happened. "
                    "Are you OK? Do you want help telling someone?' It is never too "
                    "late to help.</p>",
                ),
                (
                    "key_message",
                    {
                        "heading": "Your safety comes first",
                        "message": (
                            "You never have to put yourself in danger. If saying "
                            "something feels risky, choose distract, delegate or "
                            "delay instead. Every one of the 4 Ds is a real way to "
                            "help."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "Just banter?",
                        "characters": "Leo, Kai and Maya (made-up characters)",
                        "situation": (
                            "<p>At lunch, a group of friends are talking about the "
                            "school football team. Leo says, 'Maya should not even "
                            "be on the team. Girls are rubbish at football.' A few "
                            "people laugh. Maya goes quiet.</p>"
                            "<p>Kai is friends with everyone at the table. He does "
                            "not think it is funny.</p>"
                        ),
                        "question": "What could Kai do?",
                        "choices": [
                            {
                                "text": "Laugh along. It is just banter and Maya should be able to take a joke.",
                                "feedback": (
                                    "It is not banter if the person it is about is "
                                    "not enjoying it. Putting someone down because "
                                    "of their gender is sexist. Maya has done "
                                    "nothing wrong."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Say calmly, 'Not funny, Leo. Maya scored twice last week.'",
                                "feedback": (
                                    "Direct. Kai is with friends and it feels safe, "
                                    "so a short, calm comment works well. He does "
                                    "not need to shout or make Leo look bad, just "
                                    "show that he does not agree."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Change the subject: 'Maya, are you playing on Saturday?'",
                                "feedback": (
                                    "Distract. This moves the conversation on and "
                                    "includes Maya, without a big scene. Kai could "
                                    "also have a quiet word with Leo later."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Say nothing now and never mention it.",
                                "feedback": (
                                    "Staying silent can make Leo think everyone "
                                    "agrees, and Maya may feel alone. If Kai did not "
                                    "feel able to say anything at the time, he could "
                                    "still check in with Maya later (delay)."
                                ),
                                "recommended": False,
                            },
                        ],
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "At the bus stop",
                        "characters": "Ruby, Hana and Ollie (made-up characters)",
                        "situation": (
                            "<p>After school, Ruby and Ollie are waiting at the bus "
                            "stop. A man they do not know is standing close to Hana, "
                            "a girl from their year. He keeps making comments about "
                            "how she looks and asking for her number. Hana has "
                            "stepped away and looks uncomfortable, but he keeps "
                            "going.</p>"
                        ),
                        "question": "What is the safest way for Ruby and Ollie to help?",
                        "choices": [
                            {
                                "text": "Walk up to the man and argue with him loudly.",
                                "feedback": (
                                    "Standing up for Hana is a kind instinct, but "
                                    "arguing with an adult stranger could put all "
                                    "three of them in danger. A safer choice will "
                                    "help Hana just as much."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Go and stand with Hana and say, 'Hi Hana! Is this the bus for town?'",
                                "feedback": (
                                    "Distract. Joining Hana as friends gives her "
                                    "people to stand with and often makes this kind "
                                    "of behaviour stop, without any argument."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Tell the bus driver or a nearby adult, and "
                                "call 999 if they think Hana is in danger.",
                                "feedback": (
                                    "Delegate. Getting help from an adult is a "
                                    "strong and safe choice. Hana has done nothing "
                                    "wrong, and she deserves to feel safe."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Look at their phones and pretend they have not noticed.",
                                "feedback": (
                                    "It is understandable to feel awkward, but "
                                    "Hana may feel completely alone. Even if they do "
                                    "nothing at the time, they could check in with "
                                    "her afterwards (delay) and tell an adult."
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
                            "Kai and Ruby were in very different situations. Why "
                            "might 'direct' be a good choice for Kai, but not for "
                            "Ruby?"
                        ),
                        "follow_up": [
                            "What makes a situation feel safe or unsafe to step into?",
                            "Who are the adults Ruby and Ollie could have turned to?",
                            "How might Maya and Hana feel if someone helped them?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": (
                            "In the class group chat, people keep sending laughing "
                            "emojis about a photo of Dev tripping over in PE. That "
                            "evening, Nadia sends Dev a private message: 'Saw the "
                            "chat. That was not OK. Are you alright?' Which of the "
                            "4 Ds is Nadia using?"
                        ),
                        "choices": [
                            {"text": "Direct", "correct": False},
                            {"text": "Distract", "correct": False},
                            {"text": "Delegate", "correct": False},
                            {"text": "Delay", "correct": True},
                        ],
                        "explanation": (
                            "Nadia is checking in with Dev afterwards, which is "
                            "delay. It shows Dev he is not alone. She could also "
                            "offer to help him tell a trusted adult (delegate)."
                        ),
                    },
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Work through the two scenarios in small groups. Ask "
                            "each group to say which D each choice is, and which "
                            "they would recommend and why. Then run the discussion "
                            "as a class.</p>"
                            "<p>Make sure pupils understand that there is not always "
                            "one 'right' D: the best choice depends on how safe it "
                            "is. Challenge any comments that blame Hana or Maya. If "
                            "pupils say 'boys always do this', gently widen it: "
                            "anyone can make hurtful comments, and anyone can be an "
                            "active bystander.</p>"
                        ),
                        "minutes": 25,
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": ("Which of the 4 Ds do you think would feel easiest to use, and why?"),
                        "hint": (
                            "There is no wrong answer. Think about the characters "
                            "in today's lesson and which D suited each situation."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": _SIGNPOSTING_INTRO,
                        "services": [
                            dict(CHILDLINE_WHATEVER_WORRIES_YOU),
                            dict(THE_MIX_FRIENDSHIPS_AND_BULLYING),
                            dict(SHOUT_WITH_WEBSITE),
                            dict(POLICE_CRIME_HAPPENING),
                        ],
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 3
        {
            "slug": "speaking-up-online-and-staying-safe",
            "title": "Speaking up online and staying safe",
            "summary": (
                "Using the 4 Ds online: reporting tools, supporting the person targeted and keeping yourself safe."
            ),
            "estimated_minutes": 50,
            "body": [
                ("ground_rules", {"intro": _GROUND_RULES_INTRO}),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Recap the 4 Ds. Ask pupils, in pairs, to list the "
                            "ways people can react to a post (like, comment, share, "
                            "screenshot, report, scroll past). Do not ask which "
                            "apps they use or what they have seen online.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    "<h3>Being a bystander online</h3>"
                    "<p>Online, hundreds of people can see something hurtful at "
                    "once, and it can be shared or screenshotted in seconds. It is "
                    "easy to scroll past and think someone else will deal with it.</p>"
                    "<p>But every like, laughing emoji or share adds to the hurt. "
                    "Choosing <b>not</b> to join in is already a good start.</p>",
                ),
                (
                    "text",
                    "<h3>Use the tools</h3>"
                    "<ul>"
                    "<li><b>Report</b> the post or account. Reports are usually "
                    "anonymous, so the person who posted will not know it was "
                    "you.</li>"
                    "<li><b>Block or mute</b> people who are being unkind.</li>"
                    "<li><b>Keep evidence</b> of bullying messages, such as a "
                    "screenshot, to show a trusted adult.</li>"
                    "<li><b>Tell a trusted adult</b>. They can help with reporting "
                    "and with what happens next.</li>"
                    "</ul>",
                ),
                (
                    "text",
                    "<h3>Supporting the person targeted</h3>"
                    "<ul>"
                    "<li>Send a private message: 'I saw that. It was not OK. Are you "
                    "alright?'</li>"
                    "<li>Do not reply to insults with more insults. It can make "
                    "things worse.</li>"
                    "<li>Offer to go with them to tell a trusted adult.</li>"
                    "<li>Keep checking in. Being there matters.</li>"
                    "</ul>",
                ),
                (
                    "key_message",
                    {
                        "heading": "Never put yourself in danger",
                        "message": (
                            "Do not arrange to meet anyone to 'sort it out', do not "
                            "share your personal details, and do not send anything "
                            "you would not want everyone to see. You do not have to "
                            "fix it alone. Telling an adult is a strong choice."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "The comments section",
                        "characters": "Jess, Eli and Tariq (made-up characters)",
                        "situation": (
                            "<p>Eli posts a video of himself singing. Soon, people "
                            "from school start leaving mean comments and laughing "
                            "emojis. One account keeps posting the video with rude "
                            "captions.</p>"
                            "<p>Jess sees it. Her friend Tariq messages her: 'Have "
                            "you seen Eli's video? Add a comment, it is funny.'</p>"
                        ),
                        "question": "What could Jess do?",
                        "choices": [
                            {
                                "text": "Add a laughing emoji. Everyone else is, so one more will not matter.",
                                "feedback": (
                                    "Every reaction adds to the pile-on. To Eli, it "
                                    "can look like the whole school is laughing at "
                                    "him. Jess does not have to join in."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Report the comments and the account, then "
                                "message Eli privately to check he is OK.",
                                "feedback": (
                                    "A great choice. Reporting is usually anonymous "
                                    "and can get the posts removed, and a private "
                                    "message shows Eli someone is on his side."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Reply to Tariq: 'Nah, not funny. Leave it.' and tell a trusted adult.",
                                "feedback": (
                                    "Also a good choice. A short, calm reply to a "
                                    "friend is direct and low risk, and an adult "
                                    "can help stop the pile-on."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Post angry insults at the people making the comments.",
                                "feedback": (
                                    "Jess wants to stand up for Eli, which is good, "
                                    "but insults usually make things worse and could "
                                    "turn the pile-on towards her. Reporting and "
                                    "telling an adult are safer."
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
                            "Why might Jess find it hard to say no to Tariq? What could make it easier for her?"
                        ),
                        "follow_up": [
                            "How might Eli feel when he reads the comments?",
                            "How might one kind message change things for Eli?",
                            "Which trusted adults could Jess tell?",
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": ("Which of these could put Jess in danger, and should be avoided?"),
                        "choices": [
                            {
                                "text": "Reporting the account that is posting the video",
                                "correct": False,
                            },
                            {
                                "text": "Arranging to meet the person behind the account to sort it out",
                                "correct": True,
                            },
                            {
                                "text": "Telling a parent, carer or teacher",
                                "correct": False,
                            },
                            {
                                "text": "Sending Eli a kind private message",
                                "correct": False,
                            },
                        ],
                        "explanation": (
                            "Meeting someone to 'sort it out' could put Jess at risk, "
                            "especially if she does not know who is really behind "
                            "the account. Reporting, telling an adult and checking "
                            "in with Eli are all safe ways to help."
                        ),
                    },
                ),
                (
                    "text",
                    "<h3>If an image is shared that should not be</h3>"
                    "<p>If someone shares a nude or semi-nude image of anyone under "
                    "18, <b>do not</b> forward it, save it or screenshot it. Sharing "
                    "it is against the law, even if the person in it agreed to it "
                    "being taken.</p>"
                    "<p>Tell a trusted adult straight away. The person in the image "
                    "can use <b>Report Remove</b> to help get it taken down. They "
                    "have done nothing wrong and deserve support.</p>",
                ),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Use the scenario and discussion in pairs or small "
                            "groups, then the knowledge check as a whole class. "
                            "Keep the slide about images brief and factual: the aim "
                            "is that pupils know not to share and to tell an adult, "
                            "and that the young person in the image is treated as "
                            "someone who needs help and support. If you can, show "
                            "the reporting and blocking options on one or two "
                            "common apps.</p>"
                            "<p>Finish with the reflection and make sure every pupil "
                            "sees the signposting slide. Remind the class who the "
                            "designated safeguarding lead is.</p>"
                        ),
                        "minutes": 30,
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": (
                            "Write down one thing an active bystander could do "
                            "online, and one thing they should never do to keep "
                            "themselves safe."
                        ),
                        "hint": (
                            "Think about reporting tools, checking in with the "
                            "person, telling an adult and the key message about "
                            "safety."
                        ),
                    },
                ),
                (
                    "signposting",
                    {
                        "heading": "Where to get help",
                        "intro": _SIGNPOSTING_INTRO,
                        "services": [
                            dict(CHILDLINE_WHATEVER_WORRIES_YOU),
                            dict(REPORT_REMOVE_WITH_CHILDLINE_SUPPORT),
                            dict(CEOP_SEXUAL_TALK_OR_GROOMING),
                            dict(THE_MIX_FRIENDSHIPS_AND_BULLYING),
                            dict(NSPCC_CALL_FOR_ADVICE),
                        ],
                    },
                ),
            ],
        },
    ],
    "quiz": {
        "key": "being-an-active-bystander-quiz",
        "title": "Being an active bystander: check what you know",
        "intro": (
            "Eight questions about what you have learned. Some questions have more than "
            "one right answer. There is no pass or fail, and you can try again."
        ),
        "pass_mark": 70,
        "questions": [
            {
                "key": "abs-q1",
                "type": "single",
                "text": "What is a bystander?",
                "choices": [
                    {
                        "text": "Someone who sees or hears something happening to another person",
                        "correct": True,
                    },
                    {"text": "Someone who starts trouble", "correct": False},
                    {"text": "A teacher on lunch duty", "correct": False},
                    {"text": "Someone who is being picked on", "correct": False},
                ],
                "feedback": (
                    "A bystander sees or hears something happening to someone else. "
                    "They are not doing it, and it is not happening to them, but what "
                    "they do next can really help."
                ),
            },
            {
                "key": "abs-q2",
                "type": "multiple",
                "text": "Which of these are the 4 Ds of being an active bystander? Choose all that apply.",
                "choices": [
                    {"text": "Direct", "correct": True},
                    {"text": "Distract", "correct": True},
                    {"text": "Dare", "correct": False},
                    {"text": "Delegate", "correct": True},
                    {"text": "Delay", "correct": True},
                    {"text": "Deny", "correct": False},
                ],
                "feedback": (
                    "The 4 Ds are direct (say something), distract (interrupt), "
                    "delegate (get someone else to help) and delay (check in "
                    "afterwards)."
                ),
            },
            {
                "key": "abs-q3",
                "type": "true_false",
                "text": "The more people who see something wrong happening, the more "
                "likely it is that someone will help.",
                "answer": False,
                "feedback": (
                    "False. When lots of people are watching, each person often "
                    "thinks someone else will help. This is called diffusion of "
                    "responsibility, and it means nobody acts."
                ),
            },
            {
                "key": "abs-q4",
                "type": "single",
                "text": "Ruby sees an adult stranger making comments to Hana at the bus "
                "stop. Hana looks uncomfortable. What is the safest way for Ruby to "
                "help?",
                "choices": [
                    {"text": "Shout at the man to go away", "correct": False},
                    {
                        "text": "Go and stand with Hana and chat to her, and tell the bus driver",
                        "correct": True,
                    },
                    {"text": "Film it to post online later", "correct": False},
                    {"text": "Ignore it because it is not her business", "correct": False},
                ],
                "feedback": (
                    "Distracting (standing with Hana and chatting) and delegating "
                    "(telling an adult such as the bus driver) help Hana without "
                    "putting Ruby in danger. If someone is in danger, call 999."
                ),
            },
            {
                "key": "abs-q5",
                "type": "true_false",
                "text": "Adding a laughing emoji to a post that makes fun of someone can add to the hurt.",
                "answer": True,
                "feedback": (
                    "True. Every like, laughing emoji or share makes a pile-on "
                    "bigger and can make the person feel everyone is against them."
                ),
            },
            {
                "key": "abs-q6",
                "type": "multiple",
                "text": "Which of these are safe ways to help someone who is being "
                "targeted online? Choose all that apply.",
                "choices": [
                    {"text": "Report the post or account", "correct": True},
                    {
                        "text": "Send them a private message to check they are OK",
                        "correct": True,
                    },
                    {"text": "Tell a trusted adult", "correct": True},
                    {
                        "text": "Post insults back at the people being unkind",
                        "correct": False,
                    },
                    {
                        "text": "Share the post so more people see how bad it is",
                        "correct": False,
                    },
                ],
                "feedback": (
                    "Reporting, checking in privately and telling a trusted adult are "
                    "all safe. Posting insults or sharing the post usually makes "
                    "things worse and spreads the hurt further."
                ),
            },
            {
                "key": "abs-q7",
                "type": "true_false",
                "text": "It is against the law to share an indecent image of anyone under "
                "18, such as a nude, even if they agreed to it being taken.",
                "answer": True,
                "feedback": (
                    "True. Do not forward, save or screenshot it, and tell a trusted "
                    "adult. The person in the image can use Report Remove to help get "
                    "it taken down. Young people in this situation are treated as "
                    "needing help and support."
                ),
            },
            {
                "key": "abs-q8",
                "type": "single",
                "text": "What is the most important thing to think about before you step in?",
                "choices": [
                    {"text": "Whether people will think you are cool", "correct": False},
                    {
                        "text": "Whether it is safe for you. If not, choose a safer D or get help.",
                        "correct": True,
                    },
                    {"text": "Whether the person deserved it", "correct": False},
                    {"text": "Whether anyone else has done something yet", "correct": False},
                ],
                "feedback": (
                    "Your safety comes first. Nobody deserves to be treated badly, and "
                    "you do not need to wait for others. If stepping in directly "
                    "feels risky, distract, delegate or delay instead."
                ),
            },
        ],
    },
    "survey": {
        "key": "being-an-active-bystander-survey",
        "title": "Being an active bystander: what do you think?",
        "intro": (
            "There are no right or wrong answers. Tell us how much you agree with each "
            "statement. Your answers help us improve the lessons."
        ),
        "items": [
            {
                "key": "abs-a1",
                "text": "If someone is being picked on, it is everyone's job to help in a safe way.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "abs-a2",
                "text": "Sexist jokes are just banter and do not really hurt anyone.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "abs-a3",
                "text": "If lots of people see something wrong, it is fine to leave it for someone else to deal with.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "abs-a4",
                "text": "Reporting a hurtful post online is a good thing to do.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "abs-a5",
                "text": "Checking in with someone who has been treated badly can make a real difference.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "abs-a6",
                "text": "I know several safe ways to help when someone is being treated badly.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "abs-a7",
                "text": "I would know how to report or block hurtful content online.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "abs-a8",
                "text": "I would not know which adult to tell if I saw someone being treated badly.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": True,
                "subscale": "confidence",
            },
            {
                "key": "abs-a9",
                "text": "I feel able to support a friend who is being laughed at online.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "abs-a10",
                "text": "I would feel too awkward to do anything if a friend made a sexist joke.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": True,
                "subscale": "confidence",
            },
        ],
        "free_text": [
            {
                "key": "abs-f1",
                "prompt": (
                    "Is there anything else you would like to tell us about these "
                    "lessons, or anything you would like to learn more about?"
                ),
                "optional": True,
            },
        ],
    },
}
