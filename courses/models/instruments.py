"""Quizzes and surveys, and their frozen versions.

Editors edit the instrument (a snippet). Its questions are recorded as a
numbered version; once any pupil has answered a version it is locked, and a
later edit makes a new version instead of changing the old one. The rule is
applied by :func:`courses.versioning.record_version`.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import StreamField
from wagtail.search import index

from courses.blocks import QUIZ_QUESTION_BLOCKS, SURVEY_ITEM_BLOCKS

CHOICE_LETTERS = "abcdefghij"


class Instrument(index.Indexed, models.Model):
    key = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Stable identifier used in exports. Do not change it once pupils have answered.",
    )
    title = models.CharField(max_length=150)
    intro = models.TextField(blank=True, help_text="Shown to pupils before they start.")
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        abstract = True
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        keys = [child.value["key"] for child in self.questions]
        if not keys:
            raise ValidationError({"questions": "Add at least one question."})
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValidationError({"questions": f"Each question needs its own key; repeated: {', '.join(duplicates)}."})
        self._refuse_untagged_sensitive_topics()

    def _refuse_untagged_sensitive_topics(self) -> None:
        """A quiz or survey of a module may not use a sensitive topic's key terms the module is not tagged with.

        Quizzes and surveys take effect when saved (there is no draft), so the rule applies on every save.
        """
        from courses.sensitive_content import (
            find_mentions,
            instrument_source,
            sensitive_topics,
            tagged_sensitive_topic_ids,
            untagged_mentions,
            untagged_message,
        )

        if self.pk is None:
            return
        label = f"this {self._meta.verbose_name}"
        mentions = find_mentions([instrument_source(self, label)], sensitive_topics())
        for module in self.modules.all():
            missing = untagged_mentions(mentions, tagged_sensitive_topic_ids(module))
            if missing:
                fix = f"Tick these topics on the module “{module.title}” and publish it first, or change the wording."
                raise ValidationError({"questions": untagged_message(missing, fix=fix, refused="saved")})

    @property
    def current_version(self):
        """The newest version: the one new attempts use."""
        return self.versions.order_by("-number").first()


class Quiz(Instrument):
    """A scored knowledge quiz, used before the module and again at its end."""

    pass_mark = models.PositiveSmallIntegerField("pass mark (%)", default=70, validators=[MaxValueValidator(100)])
    questions = StreamField(QUIZ_QUESTION_BLOCKS, use_json_field=True)

    panels = [
        HelpPanel(
            content=(
                "Editing the questions or pass mark of a quiz that pupils have answered "
                "creates a new version; earlier answers keep the version they were given."
            )
        ),
        FieldPanel("title"),
        FieldPanel("key"),
        FieldPanel("intro"),
        FieldPanel("pass_mark"),
        FieldPanel("questions"),
    ]

    class Meta(Instrument.Meta):
        verbose_name = "quiz"
        verbose_name_plural = "quizzes"

    def definition(self) -> dict:
        """The questions and scoring as plain data: what a version freezes."""
        questions = []
        for child in self.questions:
            value = child.value
            if child.block_type == "true_false":
                choices = [
                    {"key": "true", "text": "True", "correct": value["answer"] == "true"},
                    {"key": "false", "text": "False", "correct": value["answer"] == "false"},
                ]
            else:
                choices = [
                    {"key": CHOICE_LETTERS[i], "text": c["text"], "correct": bool(c["correct"])}
                    for i, c in enumerate(value["choices"])
                ]
            questions.append(
                {
                    "key": value["key"],
                    "type": child.block_type,
                    "text": value["text"],
                    "choices": choices,
                    "feedback": value["feedback"],
                    "points": 1,
                }
            )
        return {"pass_mark": self.pass_mark, "questions": questions}


class Survey(Instrument):
    """An attitude or behaviour survey, taken before (pre) and after (post) a module."""

    questions = StreamField(SURVEY_ITEM_BLOCKS, use_json_field=True, verbose_name="items")

    panels = [
        HelpPanel(
            content=(
                "Editing the items of a survey that pupils have answered creates a new "
                "version; earlier answers keep the version they were given."
            )
        ),
        FieldPanel("title"),
        FieldPanel("key"),
        FieldPanel("intro"),
        FieldPanel("questions"),
    ]

    class Meta(Instrument.Meta):
        verbose_name = "survey"

    def definition(self) -> dict:
        """The items and scoring as plain data: what a version freezes.

        ``sensitive`` (disclosure-sensitive) is written only on flagged items: absent
        means not flagged, so a survey saved unchanged still equals the versions frozen
        before the flag existed.
        """
        items = []
        for child in self.questions:
            value = child.value
            if child.block_type == "likert":
                item = {
                    "key": value["key"],
                    "type": "likert",
                    "text": value["text"],
                    "min": value["minimum"],
                    "max": value["maximum"],
                    "labels": list(value["labels"]),
                    "reverse": bool(value["reverse_scored"]),
                    "subscale": value["subscale"],
                }
            else:
                item = {
                    "key": value["key"],
                    "type": "free_text",
                    "text": value["prompt"],
                    "optional": bool(value["optional"]),
                }
            if value.get("sensitive"):
                item["sensitive"] = True
            items.append(item)
        return {"items": items}


class VersionQuerySet(models.QuerySet):
    def locked(self):
        return self.filter(locked_at__isnull=False)


class InstrumentVersion(models.Model):
    number = models.PositiveIntegerField()
    definition = models.JSONField(help_text="The frozen questions and scoring.")
    created_at = models.DateTimeField(auto_now_add=True)
    locked_at = models.DateTimeField(null=True, blank=True, help_text="When a pupil first answered this version.")
    frozen_at = models.DateTimeField(
        null=True, blank=True, help_text="When an evaluation protocol that names this version was frozen."
    )

    objects = VersionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["number"]

    @property
    def is_locked(self) -> bool:
        """A version is locked once anyone has answered it or a frozen evaluation protocol names it.

        Either way it can never change again: an edit makes the next version.
        """
        return self.locked_at is not None or self.frozen_at is not None

    def freeze(self) -> None:
        """Keep the version as it is for an evaluation protocol frozen now (called by the protocol's service)."""
        if self.frozen_at is not None:
            return
        now = timezone.now()
        if type(self).objects.filter(pk=self.pk, frozen_at__isnull=True).update(frozen_at=now):
            self.frozen_at = now

    def lock(self) -> None:
        """Mark the version as answered. Call in the transaction that stores the answer.

        The conditional update takes no row lock once the version is locked, so a
        whole class submitting at once does not queue on it.
        """
        if self.locked_at is not None:
            return  # known to be locked already: nothing to write
        now = timezone.now()
        updated = type(self).objects.filter(pk=self.pk, locked_at__isnull=True).update(locked_at=now)
        if updated:
            self.locked_at = now

    @property
    def question_keys(self) -> list[str]:
        entries = self.definition.get("questions") or self.definition.get("items") or []
        return [entry["key"] for entry in entries]


class QuizVersion(InstrumentVersion):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="versions")

    class Meta(InstrumentVersion.Meta):
        constraints = [models.UniqueConstraint(fields=["quiz", "number"], name="unique_quiz_version_number")]

    def __str__(self) -> str:
        return f"{self.quiz} v{self.number}"

    @property
    def instrument(self) -> Quiz:
        return self.quiz


class SurveyVersion(InstrumentVersion):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")

    class Meta(InstrumentVersion.Meta):
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="unique_survey_version_number")]

    def __str__(self) -> str:
        return f"{self.survey} v{self.number}"

    @property
    def instrument(self) -> Survey:
        return self.survey
