"""Anonymous questions demo pupils ask in a live lesson, and what their teacher does with each.

Each entry is (question, outcome, written answer). Outcomes: "writing" (answered in writing
for the class), "in_class" (answered aloud), "hidden" (off topic), "dsl" (a worry about
someone's safety, passed to the designated safeguarding lead) and "new" (not answered yet).
"""

from __future__ import annotations

PICTURE_SHARED = (
    "What if a friend shares a picture of someone without asking?",
    "writing",
    "Sharing a picture of someone without asking can really hurt them, even if it was meant as a joke. "
    "Don't pass it on, ask your friend to delete it, and check the person in the picture is OK.\n\n"
    "If it is a nude or sexual picture of anyone under 18, don't look at it or send it on: tell a trusted "
    "adult straight away. Sharing it is against the law, and school can help get it taken down. "
    "Childline's Report Remove tool can help too.",
)

QUESTIONS: dict[str, list[tuple[str, str, str]]] = {
    "healthy-relationships-and-consent": [
        (
            "How do you know if someone is really giving consent?",
            "writing",
            "Consent is a clear yes, given freely. Someone can only really agree if they could say no without "
            "being pressured, guilt-tripped or scared of what happens next. Going quiet, not saying no, or "
            "saying yes after being pushed is not consent.\n\n"
            "If you are not sure, ask and keep checking in, and respect the answer. Anyone can change their "
            "mind at any time.",
        ),
        PICTURE_SHARED,
        ("Is it still consent if someone says yes because they're scared to say no?", "in_class", ""),
        ("Can we watch a film next lesson instead?", "hidden", ""),
        (
            "My friend's boyfriend checks her phone all the time and she says she gets in trouble if she "
            "doesn't reply straight away. She seems scared of him. What should I do?",
            "dsl",
            "",
        ),
        ("What can you do if someone keeps messaging you after you've told them to stop?", "new", ""),
    ],
    "coercive-control-and-recognising-abuse": [
        (
            "What's the difference between someone being jealous and being controlling?",
            "writing",
            "Feeling jealous sometimes is normal. What matters is what someone does with it. Talking about "
            "feelings is OK. Checking your phone, telling you who you can see, or making you feel scared or "
            "guilty so you do what they want is control, and control is never a sign of love.",
        ),
        PICTURE_SHARED,
        ("Is it controlling if a partner always wants to know where you are?", "in_class", ""),
        ("Can we do this lesson outside next time?", "hidden", ""),
        (
            "Someone I know isn't allowed to see their friends any more because their partner gets angry. "
            "They seem really down. What should I do?",
            "dsl",
            "",
        ),
        ("How do you help a friend who doesn't think anything is wrong?", "new", ""),
    ],
}

DEFAULT_QUESTIONS: list[tuple[str, str, str]] = [
    PICTURE_SHARED,
    (
        "How can you help if you see someone being picked on online but you don't know them?",
        "writing",
        "You can still help: don't like or share the posts, report them to the app, and if it feels safe, "
        "send the person a kind message so they know someone is on their side. Tell a trusted adult if it "
        "carries on or it is someone from our school.",
    ),
    ("What if stepping in makes things worse?", "in_class", ""),
    ("Can we have more time on the laptops?", "hidden", ""),
    (
        "Some older kids keep waiting for my friend after school and he says he's scared to walk home. "
        "What should I do?",
        "dsl",
        "",
    ),
    ("Is it snitching to tell a teacher?", "new", ""),
]


def questions_for(module_slug: str) -> list[tuple[str, str, str]]:
    """The questions a class asks in a lesson of this module."""
    return QUESTIONS.get(module_slug, DEFAULT_QUESTIONS)
