import re

from django.core.exceptions import ValidationError
from django.db import models

# A key term: words of letters (with hyphens or apostrophes inside), one space between words,
# and an optional * at the end meaning "any ending" (nude* matches nude and nudes).
KEY_TERM = re.compile(r"^[a-z][a-z'\-]*( [a-z][a-z'\-]*)*\*?$")
KEY_TERM_MIN_LETTERS = 3
PREFIX_TERM_MIN_LETTERS = 4


class RSHETheme(models.TextChoices):
    """The themes of the RSHE statutory guidance for secondary schools."""

    FAMILIES = "families", "Families"
    RESPECTFUL_RELATIONSHIPS = "respectful", "Respectful relationships, including friendships"
    ONLINE_AND_MEDIA = "online", "Online safety and awareness"
    BEING_SAFE = "safe", "Being safe"
    INTIMATE_RELATIONSHIPS = "intimate", "Intimate and sexual relationships, including sexual health"


class GuidanceStatus(models.TextChoices):
    """Where a topic stands in the statutory guidance: 2019, and what the July 2025 revision did."""

    IN_2019 = "2019", "In the 2019 guidance"
    EXPANDED_2025 = "expanded_2025", "In the 2019 guidance, expanded in July 2025"
    ADDED_2025 = "added_2025", "Added by the July 2025 guidance"


class RSHETopicQuerySet(models.QuerySet):
    def sensitive(self):
        return self.filter(is_sensitive=True)


def parse_key_terms(text: str) -> list[str]:
    """The key terms written one a line: trimmed, lower case, single spaces, blank lines left out."""
    return [" ".join(line.split()).lower() for line in text.splitlines() if line.strip()]


def key_term_problems(terms: list[str]) -> list[str]:
    """What is wrong with a list of key terms, in words an editor can act on (empty: nothing)."""
    problems = []
    seen: set[str] = set()
    for term in terms:
        letters = sum(ch.isalpha() for ch in term)
        if not KEY_TERM.match(term):
            problems.append(
                f"“{term}”: use letters, spaces, hyphens and apostrophes only, with * allowed only at the end."
            )
        elif term.endswith("*") and letters < PREFIX_TERM_MIN_LETTERS:
            problems.append(f"“{term}”: a term ending in * needs at least {PREFIX_TERM_MIN_LETTERS} letters before it.")
        elif letters < KEY_TERM_MIN_LETTERS:
            problems.append(f"“{term}”: a term needs at least {KEY_TERM_MIN_LETTERS} letters.")
        if term in seen:
            problems.append(f"“{term}” is listed twice.")
        seen.add(term)
    return problems


class RSHETopic(models.Model):
    """A topic of the RSHE statutory guidance a module can cover.

    Seeded by data migrations; editors may add more. A sensitive topic makes a module
    teacher-led only, and its key terms let the platform notice when a module's lessons,
    quiz or survey cover it without the topic being ticked (``courses.sensitive_content``).
    """

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    theme = models.CharField(max_length=20, choices=RSHETheme.choices)
    is_sensitive = models.BooleanField(
        default=False,
        help_text="Modules covering this topic must be taught by a teacher, never set as home learning.",
    )
    guidance = models.CharField(
        "in the statutory guidance",
        max_length=20,
        choices=GuidanceStatus.choices,
        default=GuidanceStatus.IN_2019,
        blank=True,
    )
    key_terms = models.TextField(
        blank=True,
        help_text=(
            "Words and phrases that show a module covers this topic, one a line. End a term with * "
            "to match any ending (nude* matches nude and nudes). A sensitive topic needs at least one. "
            "A module whose lessons, quiz or survey use one of them cannot be published without this "
            "topic ticked."
        ),
    )

    objects = RSHETopicQuerySet.as_manager()

    class Meta:
        ordering = ["theme", "name"]
        verbose_name = "RSHE topic"

    def __str__(self) -> str:
        return self.name

    @property
    def terms(self) -> list[str]:
        return parse_key_terms(self.key_terms)

    def clean(self):
        super().clean()
        terms = self.terms
        problems = key_term_problems(terms)
        if self.is_sensitive and not terms:
            problems.append("A sensitive topic needs at least one key term, so modules that cover it are noticed.")
        if problems:
            raise ValidationError({"key_terms": problems})
        self.key_terms = "\n".join(terms)
