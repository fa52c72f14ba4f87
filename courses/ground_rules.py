"""The default ground rules that open every lesson.

Each class can agree its own (classroom delivery); these are the starting point,
following safe-practice guidance for teaching RSHE.
"""

DEFAULT_GROUND_RULES: tuple[str, ...] = (
    "Everyone has the right to pass: you never have to answer or share.",
    "No names and no personal stories: talk about the characters, not about real people.",
    "Respect each other: listen, and challenge ideas, not people.",
    "You can ask questions anonymously.",
    "If anything worries you, talk to a trusted adult after the lesson.",
)
