"""Modules and their lessons."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from courses.blocks import LESSON_BLOCKS
from courses.forms import LessonPageForm, ModulePageForm
from courses.help_services import ages_of_year_groups, pupil_services
from courses.slide_preview import slide_number, slide_preview_modes

from .pages import BODY_FEATURES, ProgrammePage

YEAR_GROUPS = [(year, f"Year {year}") for year in range(7, 14)]
KEY_STAGES = (("KS3", 7, 9), ("KS4", 10, 11), ("KS5", 12, 13))

DEFAULT_DSL_REMINDER = (
    "Before you teach this module, tell your designated safeguarding lead (DSL) when it "
    "will be taught, and check with them about any pupils who may be affected by the topic "
    "(for example pupils with experience of abuse at home or in a relationship). Agree how "
    "those pupils will be supported, and remind the class how to get help."
)


class DeliveryMode(models.TextChoices):
    TEACHER_LED = "teacher_led", "Teacher-led (taught in class)"
    TEACHER_LED_OR_SELF_PACED = "teacher_led_or_self_paced", "Teacher-led or self-paced"


class ModulePageQuerySet(PageQuerySet):
    def overdue_for_review(self, today: date | None = None):
        return self.filter(review_by__lt=today or timezone.localdate())

    def for_year(self, year: int):
        return self.filter(min_year__lte=year, max_year__gte=year)


class ModulePage(RoutablePageMixin, Page):
    """A unit of teaching: its lessons are its children."""

    summary = models.CharField(max_length=250, help_text="One or two sentences for listings.")
    min_year = models.PositiveSmallIntegerField("from year", choices=YEAR_GROUPS, default=7)
    max_year = models.PositiveSmallIntegerField("to year", choices=YEAR_GROUPS, default=11)
    estimated_minutes = models.PositiveSmallIntegerField(default=50, help_text="Teaching time for the whole module.")
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(max_length=250, label="Outcome"))],
        blank=True,
        use_json_field=True,
    )
    content_warning = models.TextField(
        blank=True, help_text="Shown before the module, to pupils, teachers and parents."
    )
    rshe_topics = ParentalManyToManyField(
        "courses.RSHETopic", blank=True, related_name="modules", verbose_name="RSHE topics"
    )
    is_sensitive = models.BooleanField(
        "sensitive topic",
        default=False,
        help_text=(
            "Abuse, consent, image sharing, coercive control and similar: taught by a teacher "
            "in class, never set as home learning. Sensitive RSHE topics set this too."
        ),
    )
    delivery_mode = models.CharField(max_length=30, choices=DeliveryMode.choices, default=DeliveryMode.TEACHER_LED)
    review_by = models.DateField(help_text="When the content must next be checked and re-approved.")

    teacher_overview = RichTextField(features=BODY_FEATURES, blank=True)
    key_vocabulary = StreamField(
        [
            (
                "term",
                blocks.StructBlock(
                    [("term", blocks.CharBlock(max_length=80)), ("definition", blocks.TextBlock())],
                    icon="snippet",
                ),
            )
        ],
        blank=True,
        use_json_field=True,
    )
    send_adaptations = RichTextField("SEND adaptations", features=BODY_FEATURES, blank=True)
    eal_adaptations = RichTextField("EAL adaptations", features=BODY_FEATURES, blank=True)
    dsl_reminder = models.TextField("safeguarding reminder", default=DEFAULT_DSL_REMINDER)

    knowledge_quiz = models.ForeignKey(
        "courses.Quiz", null=True, blank=True, on_delete=models.PROTECT, related_name="modules"
    )
    attitude_survey = models.ForeignKey(
        "courses.Survey",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="modules",
        help_text="Taken before the first lesson (pre) and after the last (post).",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("min_year"), FieldPanel("max_year")], heading="Year groups"),
        FieldPanel("estimated_minutes"),
        FieldPanel("learning_outcomes"),
        FieldPanel("content_warning"),
        MultiFieldPanel(
            [
                FieldPanel("rshe_topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("is_sensitive"),
                FieldPanel("delivery_mode"),
            ],
            heading="Topics and delivery",
        ),
        FieldPanel("review_by"),
    ]
    guidance_panels = [
        HelpPanel(content="Shown to teachers before they teach. Never shown to pupils as a lesson."),
        FieldPanel("teacher_overview"),
        FieldPanel("key_vocabulary"),
        FieldPanel("send_adaptations"),
        FieldPanel("eal_adaptations"),
        FieldPanel("dsl_reminder"),
    ]
    evaluation_panels = [FieldPanel("knowledge_quiz"), FieldPanel("attitude_survey")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(guidance_panels, heading="Before you teach"),
            ObjectList(evaluation_panels, heading="Quiz and survey"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("content_warning"),
        index.FilterField("review_by"),
    ]

    parent_page_types = ["courses.ProgrammePage"]
    subpage_types = ["courses.LessonPage"]

    objects = PageManager.from_queryset(ModulePageQuerySet)()
    base_form_class = ModulePageForm

    @property
    def sensitive_topics(self) -> list[str]:
        """The sensitive topics the module covers: ticked, or found in its text, lessons, quiz or survey."""
        from courses.sensitive_content import covered_sensitive_topics

        return covered_sensitive_topics(self)

    @property
    def teacher_led_only(self) -> bool:
        """Sensitive modules (flagged, tagged with a sensitive topic, or whose content uses a
        sensitive topic's key terms) are never self-paced, whatever the editor ticked."""
        return self.is_sensitive or bool(self.sensitive_topics)

    @property
    def allows_self_paced(self) -> bool:
        """What the editor chose. Whether pupils may work alone is ``can_be_self_paced``."""
        return self.delivery_mode == DeliveryMode.TEACHER_LED_OR_SELF_PACED

    @property
    def can_be_self_paced(self) -> bool:
        """Self-paced work is allowed by the editor and the module covers no sensitive topic."""
        return self.allows_self_paced and not self.teacher_led_only

    @property
    def key_stages(self) -> list[str]:
        return [name for name, low, high in KEY_STAGES if self.min_year <= high and self.max_year >= low]

    @property
    def is_overdue_for_review(self) -> bool:
        return self.review_by < timezone.localdate()

    def clean(self):
        super().clean()
        errors = {}
        if self.min_year and self.max_year and self.min_year > self.max_year:
            errors["max_year"] = "The last year group must not be before the first."
        if self.allows_self_paced and self.teacher_led_only:
            topics = ", ".join(self.sensitive_topics) or "a topic marked sensitive"
            errors["delivery_mode"] = (
                f"This module covers a sensitive topic ({topics}), so it can only be teacher-led: "
                "safe-practice guidance advises against setting it as home learning."
            )
        if errors:
            raise ValidationError(errors)

    def lessons(self):
        return LessonPage.objects.live().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.lessons()
        context["topics"] = self.rshe_topics.all()
        return context

    @path("parents/", name="parents")
    def parents_view(self, request):
        """Every lesson and the blank quiz and survey, for parents (no teacher notes)."""
        lessons = list(self.lessons())
        programme = self.get_parent().specific
        return TemplateResponse(
            request,
            "courses/module_parents.html",
            {
                "page": self,
                "self": self,
                "lessons": [(lesson, lesson.slides(programme=programme, for_pupils=True)) for lesson in lessons],
                "quiz": _current_definition(self.knowledge_quiz),
                "survey": _current_definition(self.attitude_survey),
                "topics": self.rshe_topics.all(),
            },
        )


def _current_definition(instrument):
    """The questions pupils are given now: the newest version, else the draft."""
    if instrument is None:
        return None
    version = instrument.current_version
    definition = version.definition if version else instrument.definition()
    return {"title": instrument.title, "intro": instrument.intro, **definition}


def _for_pupils_aged(slide: "Slide", ages: tuple[int, int]) -> "Slide":
    """A help slide listing only the services for pupils of these ages."""
    bound: Any = slide.bound_block
    value = bound.value
    services = pupil_services(value["services"], *ages)
    kept = blocks.StructValue(
        bound.block, [("heading", value["heading"]), ("intro", value["intro"]), ("services", services)]
    )
    return Slide(slide.block_type, bound.block.bind(kept), slide.id, slide.added_automatically)


@dataclass(frozen=True)
class Slide:
    """One top-level block of a lesson, as shown on screen or projected."""

    block_type: str
    bound_block: object
    id: str
    added_automatically: bool = False


class LessonPage(Page):
    """One lesson: each top-level block of its body is a slide."""

    summary = models.CharField(max_length=250, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(default=50)
    content_warning = models.TextField(
        blank=True,
        help_text=(
            "What this lesson covers that may upset someone, in a sentence. Shown with the module's warning on the "
            "first slide, in the presenter view and on pupils' screens in a live lesson."
        ),
    )
    body = StreamField(LESSON_BLOCKS, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("content_warning"),
        HelpPanel(
            content=(
                "Each block is one slide when the lesson is presented in class. A ground-rules "
                "reminder is added at the start and signposting at the end if you leave them out."
            )
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("content_warning"),
        index.SearchField("body"),
    ]

    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    base_form_class = LessonPageForm

    def get_programme(self) -> ProgrammePage | None:
        return ProgrammePage.objects.ancestor_of(self).first()

    def pupil_ages(self) -> tuple[int, int]:
        """The youngest and oldest pupils the lesson's module is written for (from its year groups)."""
        years = (
            ModulePage.objects.filter(path=self.path[: -self.steplen]).values_list("min_year", "max_year").first()
            if self.path
            else None
        )
        return ages_of_year_groups(*years) if years else ages_of_year_groups(7, 13)

    def slides(self, *, programme: ProgrammePage | None = None, for_pupils: bool = True) -> list[Slide]:
        """The lesson as slides: ground rules first and signposting last, always.

        Teacher notes are left out when ``for_pupils`` (pupil, parent and public views). Every
        "where to get help" slide lists only the services for every pupil of the module's year
        groups (``courses.help_services``): slides are shown to pupils, projected or on a device.
        """
        stream_block = self.body.stream_block
        slides = [
            Slide(child.block_type, child, child.id)
            for child in self.body
            if not (for_pupils and child.block_type == "teacher_notes")
        ]
        if not slides or slides[0].block_type != "ground_rules":
            block = stream_block.child_blocks["ground_rules"]
            slides.insert(0, Slide("ground_rules", block.bind(block.to_python({})), "ground-rules", True))
        if slides[-1].block_type != "signposting":
            block = stream_block.child_blocks["signposting"]
            programme = programme or self.get_programme()
            services = [dict(child.value) for child in programme.help_services] if programme else []
            value = block.to_python({"heading": "Where to get help", "services": services})
            slides.append(Slide("signposting", block.bind(value), "signposting", True))
        ages = self.pupil_ages()
        return [_for_pupils_aged(slide, ages) if slide.block_type == "signposting" else slide for slide in slides]

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        """The whole lesson, then each slide on its own as it is projected."""
        return slide_preview_modes(self.body)

    def get_preview_template(self, request, mode_name: str) -> str:
        if mode_name:
            return "courses/lesson_slide_preview.html"
        return super().get_preview_template(request, mode_name)

    def get_preview_context(self, request, mode_name: str) -> dict:
        context = super().get_preview_context(request, mode_name)
        number = slide_number(mode_name, len(context["slides"]))
        if number is not None:
            context.update(slide=context["slides"][number - 1], slide_number=number, slide_count=len(context["slides"]))
        return context

    def help_services(self, programme: ProgrammePage | None = None) -> list:
        """Every service the lesson's help slide names, before any is left off for the pupils' ages."""
        services = [
            service for child in self.body if child.block_type == "signposting" for service in child.value["services"]
        ]
        if not services:
            programme = programme or self.get_programme()
            services = [child.value for child in programme.help_services] if programme else []
        return services

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        module = self.get_parent().specific
        siblings = list(module.lessons().only("id", "title", "url_path", "path", "depth"))
        index_ = next((i for i, lesson in enumerate(siblings) if lesson.pk == self.pk), None)
        context.update(
            module=module,
            slides=self.slides(programme=module.get_parent().specific, for_pupils=True),
            lesson_number=(index_ + 1) if index_ is not None else None,
            lesson_count=len(siblings),
            previous_lesson=siblings[index_ - 1] if index_ else None,
            next_lesson=siblings[index_ + 1] if index_ is not None and index_ + 1 < len(siblings) else None,
        )
        return context
