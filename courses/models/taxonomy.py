from django.db import models


class RSHETheme(models.TextChoices):
    """The themes of the RSHE statutory guidance for secondary schools."""

    FAMILIES = "families", "Families"
    RESPECTFUL_RELATIONSHIPS = "respectful", "Respectful relationships, including friendships"
    ONLINE_AND_MEDIA = "online", "Online safety and awareness"
    BEING_SAFE = "safe", "Being safe"
    INTIMATE_RELATIONSHIPS = "intimate", "Intimate and sexual relationships, including sexual health"


class RSHETopicQuerySet(models.QuerySet):
    def sensitive(self):
        return self.filter(is_sensitive=True)


class RSHETopic(models.Model):
    """A topic of the RSHE statutory guidance a module can cover.

    Seeded by a data migration, including the topics the July 2025 guidance
    added; editors may add more. A sensitive topic makes a module teacher-led.
    """

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    theme = models.CharField(max_length=20, choices=RSHETheme.choices)
    is_sensitive = models.BooleanField(
        default=False,
        help_text="Modules covering this topic must be taught by a teacher, never set as home learning.",
    )
    added_in_2025 = models.BooleanField("added by the July 2025 guidance", default=False)

    objects = RSHETopicQuerySet.as_manager()

    class Meta:
        ordering = ["theme", "name"]
        verbose_name = "RSHE topic"

    def __str__(self) -> str:
        return self.name
