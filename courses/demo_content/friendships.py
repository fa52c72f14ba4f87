"""Demo content for the "Friendships and disagreeing well" module (years 7 and 8).

The programme's one module on no sensitive topic: everyday friendship and disagreement, in
person and in group chats. It may be taught in class or set as self-paced work.
"""

from courses.demo_content.services import (
    CHILDLINE_WHATEVER_WORRIES_YOU,
    SHOUT_WITH_WEBSITE,
    THE_MIX_FRIENDSHIPS_AND_BULLYING,
)

_SIGNPOSTING_INTRO = (
    "Friendships can be hard work sometimes, and that is normal. If something is worrying "
    "you, talk to a trusted adult, such as a parent, carer or teacher, or to your school's "
    "designated safeguarding lead (the member of staff whose job is to keep pupils safe). "
    "You can also contact these free services."
)

_GROUND_RULES_INTRO = (
    "We talk about made-up characters, not about ourselves or people we know. "
    "Listen to each other, disagree kindly and it is fine to pass."
)

_LIKERT_LABELS = ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"]


def _signposting() -> tuple[str, dict]:
    return (
        "signposting",
        {
            "heading": "Where to get help",
            "intro": _SIGNPOSTING_INTRO,
            "services": [
                dict(CHILDLINE_WHATEVER_WORRIES_YOU),
                dict(THE_MIX_FRIENDSHIPS_AND_BULLYING),
                dict(SHOUT_WITH_WEBSITE),
            ],
        },
    )


MODULE = {
    "slug": "friendships-and-disagreeing-well",
    "title": "Friendships and disagreeing well",
    "summary": (
        "What makes a good friend, and how to disagree, make up and look after each other in person and in group chats."
    ),
    "min_year": 7,
    "max_year": 8,
    "estimated_minutes": 90,
    "is_sensitive": False,
    "delivery_mode": "teacher_led_or_self_paced",
    "rshe_topics": ["healthy-relationships", "bullying-and-online-bullying", "getting-help"],
    "content_warning": (
        "This module talks about friendships, falling out and group chats. If anything in it "
        "worries you, talk to a trusted adult or contact Childline on 0800 1111."
    ),
    "learning_outcomes": [
        "Pupils can describe what makes a friendship healthy, and recognise when a friendship is not working.",
        "Pupils can use 'pause, check, choose' to disagree without falling out, in person and online.",
        "Pupils can name trusted adults and services they can talk to about friendship worries.",
    ],
    "teacher_overview": (
        "<p>Starting secondary school changes friendships quickly. This short module gives "
        "pupils in Years 7 and 8 words for what a good friendship feels like, and a simple "
        "way to handle disagreements: <b>pause, check, choose</b>. It works in class or as "
        "self-paced work, because it covers no sensitive topic.</p>"
        "<p>All scenarios use made-up characters. Each lesson takes about 45 minutes. "
        "Remind pupils of the ground rules. If a conversation about friendships turns to "
        "something more worrying, follow your school's safeguarding procedures.</p>"
    ),
    "key_vocabulary": [
        ("Friendship", "A relationship between people who like, trust and look out for each other."),
        ("Give and take", "Both friends listen, share and make room for what the other person wants."),
        ("Disagreement", "When people think or want different things. It is a normal part of friendship."),
        ("Pause, check, choose", "Stop before you reply, check how you and they feel, then choose what to do."),
        ("Group chat", "A message thread shared by several people, where everyone can read what is sent."),
    ],
    "send_adaptations": (
        "<ul>"
        "<li>Give pupils a card with the three steps (pause, check, choose) and a symbol for each.</li>"
        "<li>Read scenarios aloud and break them into steps: what happened, how each person "
        "feels, what they could do.</li>"
        "<li>Offer sentence starters such as 'A good friend ...' and 'I could reply ...'.</li>"
        "</ul>"
    ),
    "eal_adaptations": (
        "<ul>"
        "<li>Pre-teach the key vocabulary with pictures, and explain phrases such as "
        "'falling out', 'make up' and 'left on read'.</li>"
        "<li>Let pupils talk about the scenarios in a shared home language before sharing in English.</li>"
        "</ul>"
    ),
    "review_by": "2027-09-30",
    "lessons": [
        # ------------------------------------------------------------------ 1
        {
            "slug": "what-makes-a-good-friend",
            "title": "What makes a good friend?",
            "summary": "The qualities of a good friendship, and signs that a friendship is not working.",
            "estimated_minutes": 45,
            "body": [
                ("ground_rules", {"intro": _GROUND_RULES_INTRO}),
                (
                    "teacher_notes",
                    {
                        "notes": (
                            "<p>Agree the ground rules. Starter: pupils write three words that "
                            "describe a good friend, on their own, then share with a partner.</p>"
                        ),
                        "minutes": 5,
                    },
                ),
                (
                    "text",
                    "<h3>What makes a good friend?</h3>"
                    "<p>Good friends are different from each other, but good friendships "
                    "usually have some things in common:</p>"
                    "<ul>"
                    "<li><b>Trust:</b> you can be yourself, and they keep private things private.</li>"
                    "<li><b>Kindness:</b> they are pleased when things go well for you.</li>"
                    "<li><b>Give and take:</b> you both listen, and you both get a say.</li>"
                    "<li><b>Respect:</b> it is OK to have other friends and different opinions.</li>"
                    "</ul>",
                ),
                (
                    "key_message",
                    {
                        "heading": "A friendship should feel mostly good",
                        "message": (
                            "Every friendship has bad days. But if you often feel worried, "
                            "left out or put down, it is worth talking to someone you trust."
                        ),
                    },
                ),
                (
                    "scenario",
                    {
                        "title": "The new group",
                        "characters": "Leo and Maya (made-up characters)",
                        "situation": (
                            "<p>Leo and Maya have been friends since primary school. At "
                            "secondary school, Maya has started sitting with a new group at "
                            "lunch. Leo feels left out and wonders whether Maya still wants "
                            "to be friends.</p>"
                        ),
                        "question": "What could Leo do?",
                        "choices": [
                            {
                                "text": "Ignore Maya from now on, so she knows how it feels.",
                                "feedback": (
                                    "This is understandable when you feel hurt, but it can end "
                                    "a friendship over a misunderstanding. Maya may not know "
                                    "how Leo feels."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Tell Maya, calmly and in private, that he misses hanging out.",
                                "feedback": (
                                    "A good choice. Saying how you feel, without blaming, gives "
                                    "Maya the chance to explain and to find a way to stay friends."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Ask if he can sit with the new group too, and also get to know other people.",
                                "feedback": (
                                    "Also a good choice. Friendships can grow to include new "
                                    "people, and having more than one friend is healthy for everyone."
                                ),
                                "recommended": True,
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "Which of these is a sign of a healthy friendship?",
                        "choices": [
                            {"text": "Your friend gets annoyed when you talk to anyone else", "correct": False},
                            {"text": "You both listen to each other and both get a say", "correct": True},
                            {"text": "You always have to agree with your friend", "correct": False},
                        ],
                        "explanation": (
                            "Give and take is part of a healthy friendship. Good friends are "
                            "fine with you having other friends and your own opinions."
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": "What is one thing you could do this week to be a good friend?",
                        "hint": "Something small counts: checking in, listening or including someone.",
                    },
                ),
                _signposting(),
            ],
        },
        # ------------------------------------------------------------------ 2
        {
            "slug": "disagreeing-without-falling-out",
            "title": "Disagreeing without falling out",
            "summary": "Pause, check, choose: handling disagreements in person and in group chats.",
            "estimated_minutes": 45,
            "body": [
                ("ground_rules", {"intro": _GROUND_RULES_INTRO}),
                (
                    "text",
                    "<h3>Disagreeing is normal</h3>"
                    "<p>Friends will not always want the same things. Disagreeing is not "
                    "the problem; what matters is how you do it.</p>"
                    "<p>Try <b>pause, check, choose</b>:</p>"
                    "<ol>"
                    "<li><b>Pause:</b> wait before you reply, especially if you feel cross.</li>"
                    "<li><b>Check:</b> how do you feel? How might they feel? Could you have "
                    "misunderstood?</li>"
                    "<li><b>Choose:</b> pick a reply that says what you think without putting "
                    "them down, or talk face to face.</li>"
                    "</ol>",
                ),
                (
                    "text",
                    "<h3>Group chats are different</h3>"
                    "<p>In a group chat, everyone can read every message, messages can be "
                    "screenshotted, and it is hard to tell someone's tone. A disagreement "
                    "between two people can quickly turn into everyone joining in.</p>"
                    "<p>If a chat is getting heated, it is fine to step away, to message one "
                    "person privately, or to say 'Let's talk about this tomorrow.'</p>",
                ),
                (
                    "scenario",
                    {
                        "title": "Saturday plans",
                        "characters": "Priya, Tom and Jade (made-up characters)",
                        "situation": (
                            "<p>In their group chat, Priya suggests going to the park on "
                            "Saturday. Tom replies 'that's so boring lol'. Priya feels "
                            "embarrassed in front of everyone. Jade sees both messages.</p>"
                        ),
                        "question": "What could Jade do?",
                        "choices": [
                            {
                                "text": "Send a laughing emoji so the chat stays fun.",
                                "feedback": (
                                    "This may feel harmless, but it can make Priya feel that "
                                    "everyone is laughing at her idea."
                                ),
                                "recommended": False,
                            },
                            {
                                "text": "Reply 'I'd be up for the park, or we could do both?'",
                                "feedback": (
                                    "A good choice. It backs Priya up without attacking Tom, and "
                                    "moves the chat on to finding a plan."
                                ),
                                "recommended": True,
                            },
                            {
                                "text": "Message Priya privately to check she is OK.",
                                "feedback": (
                                    "Also a good choice. A private message shows Priya someone "
                                    "noticed, without turning the chat into an argument."
                                ),
                                "recommended": True,
                            },
                        ],
                    },
                ),
                (
                    "knowledge_check",
                    {
                        "question": "What is the first step of 'pause, check, choose'?",
                        "choices": [
                            {"text": "Reply straight away so nobody thinks you are ignoring them", "correct": False},
                            {"text": "Wait before you reply, especially if you feel cross", "correct": True},
                            {"text": "Ask everyone in the chat who is right", "correct": False},
                        ],
                        "explanation": (
                            "Pausing gives you time to calm down and think, so you are less "
                            "likely to send something you regret."
                        ),
                    },
                ),
                (
                    "discussion",
                    {
                        "prompt": "Why can a disagreement get bigger in a group chat than face to face?",
                        "follow_up": [
                            "What makes tone hard to read in a message?",
                            "What could someone say to calm a chat down?",
                        ],
                    },
                ),
                (
                    "reflection",
                    {
                        "prompt": "Write a reply Tom could send to make things right with Priya.",
                        "hint": "Think about how to say sorry and still share an opinion.",
                    },
                ),
                _signposting(),
            ],
        },
    ],
    "quiz": {
        "key": "friendships-quiz",
        "title": "Friendships and disagreeing well: check what you know",
        "intro": "Six questions about what you have learned. You can try again.",
        "pass_mark": 70,
        "questions": [
            {
                "key": "frd-q1",
                "type": "single",
                "text": "Which of these is part of a healthy friendship?",
                "choices": [
                    {"text": "Give and take: you both listen and both get a say", "correct": True},
                    {"text": "One friend always decides what you do", "correct": False},
                    {"text": "You are only allowed one friend", "correct": False},
                ],
                "feedback": "Healthy friendships have give and take, trust, kindness and respect.",
            },
            {
                "key": "frd-q2",
                "type": "true_false",
                "text": "Good friends never disagree.",
                "answer": False,
                "feedback": "False. Disagreeing is normal. What matters is how you do it.",
            },
            {
                "key": "frd-q3",
                "type": "multiple",
                "text": "Which are the three steps of 'pause, check, choose'? Choose all that apply.",
                "choices": [
                    {"text": "Pause before you reply", "correct": True},
                    {"text": "Check how you and they feel", "correct": True},
                    {"text": "Choose a reply that does not put them down", "correct": True},
                    {"text": "Post about it so everyone knows", "correct": False},
                ],
                "feedback": "Pause, check how everyone feels, then choose a kind and honest reply.",
            },
            {
                "key": "frd-q4",
                "type": "true_false",
                "text": "In a group chat, everyone can read every message, and messages can be screenshotted.",
                "answer": True,
                "feedback": "True. That is why a small disagreement can grow quickly in a group chat.",
            },
            {
                "key": "frd-q5",
                "type": "single",
                "text": "Leo feels left out because his friend sits with a new group. What is a good first step?",
                "choices": [
                    {"text": "Ignore his friend from now on", "correct": False},
                    {"text": "Tell his friend calmly, in private, how he feels", "correct": True},
                    {"text": "Say unkind things about the new group", "correct": False},
                ],
                "feedback": "Saying how you feel, without blaming, gives your friend the chance to explain.",
            },
            {
                "key": "frd-q6",
                "type": "single",
                "text": "A friendship often leaves you feeling worried or put down. What could you do?",
                "choices": [
                    {"text": "Keep it to yourself, because it is your fault", "correct": False},
                    {"text": "Talk to a trusted adult or a service like Childline", "correct": True},
                    {"text": "Nothing: all friendships feel like that", "correct": False},
                ],
                "feedback": "It is not your fault. A trusted adult or Childline (0800 1111) can help you think it through.",
            },
        ],
    },
    "survey": {
        "key": "friendships-survey",
        "title": "Friendships and disagreeing well: what do you think?",
        "intro": "There are no right or wrong answers. Tell us how much you agree with each statement.",
        "items": [
            {
                "key": "frd-a1",
                "text": "It is OK for friends to have different opinions.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "frd-a2",
                "text": "A real friend would never want to spend time with other people.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "frd-a3",
                "text": "Laughing along with a mean message in a group chat is harmless.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": True,
                "subscale": "attitudes",
            },
            {
                "key": "frd-a4",
                "text": "Saying sorry after a disagreement makes a friendship stronger.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "attitudes",
            },
            {
                "key": "frd-a5",
                "text": "I know how to disagree with a friend without falling out.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "frd-a6",
                "text": "I would know what to do if a group chat got unkind.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "confidence",
            },
            {
                "key": "frd-a7",
                "text": "I would not know who to talk to if a friendship was worrying me.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": True,
                "subscale": "confidence",
            },
            {
                "key": "frd-a8",
                "text": "I feel able to check in with a friend who seems left out.",
                "min": 1,
                "max": 5,
                "labels": list(_LIKERT_LABELS),
                "reverse": False,
                "subscale": "confidence",
            },
        ],
        "free_text": [
            {
                "key": "frd-f1",
                "prompt": "Is there anything else you would like to learn about friendships?",
                "optional": True,
            },
        ],
    },
}
