"""The default ground rules that open every lesson.

Each class can agree its own (classroom delivery); these are the starting point,
following safe-practice guidance for teaching RSHE. They say plainly what stays in the
room and what cannot: an adult who learns that someone may be at risk of harm must pass
it on, and the question box hides a name from the teacher but not from the safeguarding
lead once a question is passed on for someone's safety.
"""

DEFAULT_GROUND_RULES: tuple[str, ...] = (
    "Everyone has the right to pass: you never have to answer or share.",
    "No personal questions, of anyone, including staff. No personal stories: talk about the characters, "
    "not about real people.",
    "Respect each other: listen, and challenge ideas, not people.",
    "What is said here stays here, with one exception: if an adult hears that someone may be at risk of harm, "
    "they must tell the safeguarding lead at school, to keep them safe.",
    "You can ask a question without your name in the question box. Your teacher will not see who asked, but "
    "if a question makes them worried that someone is not safe, the safeguarding lead can find out.",
    "If anything worries you, talk to a trusted adult after the lesson.",
)
