"""The evaluators' pseudonymised long-format export: one row per quiz or survey answer.

Pupils appear only by their research key (a random UUID); no names, login
codes, class names or codes, staff or free text are read, let alone written.
Pupils who are opted out or withdrawn (``Pupil.objects.in_evaluation()``) are
left out entirely, whatever the date of their answers.

The answers are read in two queries (quiz answers, then survey answers), each
joined to everything a row needs and streamed with ``.iterator()``, so memory
and the number of queries stay the same for any number of pupils. Item details
(reverse scoring, subscale, scale range, question type) come from each
version's frozen definition, read once for all versions.

Free-text survey items are left out: what a pupil writes can identify them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from django.db.models import QuerySet

from courses.models import QuizVersion, SurveyVersion
from learning.models import QuizAnswer, SurveyAnswer
from reports import evaluator_attrition
from reports.export_files import Sheet
from schools.models import Pupil

CHUNK_SIZE = 2000

COLUMNS: list[tuple[str, str, str]] = [
    ("research_key", "The pupil's pseudonymous research key (a random identifier, the same in every export).", "text"),
    ("school_urn", "The school's unique reference number (URN) in Get Information about Schools.", "integer"),
    ("district_code", "The school's administrative district code (GIAS); empty if not recorded.", "text"),
    ("district_name", "The school's administrative district.", "text"),
    ("academic_year", "The academic year of the class the module was assigned to (2026 = 2026 to 2027).", "integer"),
    ("year_group", "The class's year group (7 to 13).", "integer"),
    ("gender", "The pupil's gender as recorded by the school: female, male, other or not_recorded.", "text"),
    ("assignment_id", "The assignment (one module set for one class); the same id is one class's module.", "integer"),
    ("module", "The module's key (its page slug).", "text"),
    ("instrument_type", "quiz (scored knowledge questions) or survey (attitude items).", "text"),
    ("instrument_key", "The quiz's or survey's stable key.", "text"),
    ("instrument_version", "The version of the instrument answered (its frozen questions and scoring).", "integer"),
    ("wave", "pre (before the first lesson), post (after the last) or follow_up.", "text"),
    ("attempt_number", "Quizzes: 1 for the pupil's first attempt at this wave. Surveys: always 1.", "integer"),
    (
        "counts_for_evaluation",
        "true for the attempt used in evaluation (the first); later quiz attempts are practice.",
        "boolean",
    ),
    ("item_key", "The question's or item's stable key within the instrument.", "text"),
    ("item_type", "Quizzes: single_choice, multiple_choice or true_false. Surveys: likert.", "text"),
    ("subscale", "Survey items: the scale the item belongs to. Empty for quizzes.", "text"),
    ("scale_min", "Survey items: the lowest point of the Likert scale.", "integer"),
    ("scale_max", "Survey items: the highest point of the Likert scale.", "integer"),
    (
        "reverse_scored",
        "Survey items: true if the item is reverse scored (score = scale_min + scale_max - raw_value).",
        "boolean",
    ),
    (
        "raw_value",
        "Surveys: the Likert point chosen, as given (not reverse scored); empty if skipped. Quizzes: points scored.",
        "integer",
    ),
    ("correct", "Quizzes: true if the answer was correct. Empty for surveys.", "boolean"),
    ("selected", "Quizzes: the choice keys picked, separated by semicolons. Empty for surveys.", "text"),
    ("skipped", "Survey items: true if the pupil was shown the item and left it out.", "boolean"),
    ("started_at", "When the pupil opened the quiz or survey (UTC, ISO 8601); empty if not recorded.", "datetime"),
    ("submitted_at", "When the answers were submitted (UTC, ISO 8601).", "datetime"),
]
HEADER = [name for name, _, _ in COLUMNS]

NOT_RECORDED_GENDER = "not_recorded"


@dataclass(frozen=True)
class EvaluatorFilters:
    """What an evaluator export is limited to; None means everything."""

    academic_year: int | None = None
    module_id: int | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> EvaluatorFilters:
        def number(key: str) -> int | None:
            value = data.get(key)
            return int(value) if isinstance(value, int | str) and value != "" else None

        return cls(academic_year=number("academic_year"), module_id=number("module_id"))

    def as_dict(self) -> dict[str, int]:
        return {key: value for key, value in vars(self).items() if value is not None}


@dataclass(frozen=True)
class ItemInfo:
    item_type: str
    subscale: str = ""
    scale_min: int | None = None
    scale_max: int | None = None
    reverse: bool | None = None


@dataclass
class Definitions:
    """Each version's items by key, read once (content: a few dozen rows whatever the number of pupils)."""

    quiz: dict[int, dict[str, ItemInfo]] = field(default_factory=dict)
    survey: dict[int, dict[str, ItemInfo]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Definitions:
        found = cls()
        for pk, definition in QuizVersion.objects.values_list("pk", "definition"):
            found.quiz[pk] = {
                entry["key"]: ItemInfo(item_type=entry.get("type", ""))
                for entry in (definition or {}).get("questions", [])
            }
        for pk, definition in SurveyVersion.objects.values_list("pk", "definition"):
            items = {}
            for entry in (definition or {}).get("items", []):
                if entry.get("type") == "likert":
                    items[entry["key"]] = ItemInfo(
                        item_type="likert",
                        subscale=entry.get("subscale") or "",
                        scale_min=int(entry["min"]),
                        scale_max=int(entry["max"]),
                        reverse=bool(entry.get("reverse")),
                    )
                else:
                    items[entry["key"]] = ItemInfo(item_type=entry.get("type", "free_text"))
            found.survey[pk] = items
        return found


def _timestamp(value: datetime.datetime | None) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="seconds") if value is not None else ""


def _scope(queryset, prefix: str, filters: EvaluatorFilters):
    """Answers of in-evaluation pupils, limited by the filters. ``prefix`` leads to the attempt or response."""
    queryset = queryset.filter(**{f"{prefix}pupil__in": Pupil.objects.in_evaluation().values("pk")})
    if filters.academic_year is not None:
        queryset = queryset.filter(**{f"{prefix}assignment__school_class__academic_year": filters.academic_year})
    if filters.module_id is not None:
        queryset = queryset.filter(**{f"{prefix}assignment__module_id": filters.module_id})
    return queryset


def _context_fields(prefix: str) -> list[str]:
    """The pupil, school and assignment columns, read through ``prefix`` in the same query."""
    school = f"{prefix}assignment__school_class__school__"
    return [
        f"{prefix}pupil__research_key",
        f"{school}urn",
        f"{school}district__code",
        f"{school}district__name",
        f"{prefix}assignment__school_class__academic_year",
        f"{prefix}assignment__school_class__year_group",
        f"{prefix}pupil__gender",
        f"{prefix}assignment_id",
        f"{prefix}assignment__module__slug",
    ]


def _context(values: tuple) -> list[object]:
    research_key, urn, district_code, district_name, academic_year, year_group, gender, assignment_id, module = values
    return [
        str(research_key),
        urn,
        district_code or "",
        district_name or "",
        academic_year,
        year_group,
        gender or NOT_RECORDED_GENDER,
        assignment_id,
        module,
    ]


def quiz_answers(filters: EvaluatorFilters) -> QuerySet[QuizAnswer]:
    return _scope(QuizAnswer.objects.all(), "attempt__", filters)


def survey_answers(filters: EvaluatorFilters) -> QuerySet[SurveyAnswer]:
    # Answered free text has no value and is not skipped; it is never read.
    return _scope(SurveyAnswer.objects.all(), "response__", filters).exclude(value__isnull=True, skipped=False)


def count_rows(filters: EvaluatorFilters) -> int:
    """About how many rows the export will have (two counts; skipped free-text items are dropped later)."""
    return quiz_answers(filters).count() + survey_answers(filters).count()


def _quiz_rows(filters: EvaluatorFilters, definitions: Definitions) -> Iterator[list[object]]:
    fields = [
        *_context_fields("attempt__"),
        "attempt__quiz_version_id",
        "attempt__quiz_version__quiz__key",
        "attempt__quiz_version__number",
        "attempt__wave",
        "attempt__number",
        "attempt__counts_for_evaluation",
        "question_key",
        "points",
        "correct",
        "selected",
        "attempt__started_at",
        "attempt__submitted_at",
    ]
    rows = quiz_answers(filters).order_by("pk").values_list(*fields)
    for values in rows.iterator(chunk_size=CHUNK_SIZE):
        (
            version_id,
            key,
            number,
            wave,
            attempt,
            counts,
            item,
            points,
            correct,
            selected,
            started,
            submitted,
        ) = values[9:]
        info = definitions.quiz.get(version_id, {}).get(item) or ItemInfo(item_type="")
        yield [
            *_context(values[:9]),
            "quiz",
            key,
            number,
            wave,
            attempt,
            counts,
            item,
            info.item_type,
            "",
            None,
            None,
            None,
            points,
            correct,
            ";".join(str(choice) for choice in selected or []),
            None,
            _timestamp(started),
            _timestamp(submitted),
        ]


def _survey_rows(filters: EvaluatorFilters, definitions: Definitions) -> Iterator[list[object]]:
    fields = [
        *_context_fields("response__"),
        "response__survey_version_id",
        "response__survey_version__survey__key",
        "response__survey_version__number",
        "response__wave",
        "item_key",
        "value",
        "skipped",
        "response__started_at",
        "response__submitted_at",
    ]
    rows = survey_answers(filters).order_by("pk").values_list(*fields)
    for values in rows.iterator(chunk_size=CHUNK_SIZE):
        version_id, key, number, wave, item, value, skipped, started, submitted = values[9:]
        info = definitions.survey.get(version_id, {}).get(item)
        if info is None or info.item_type != "likert":
            continue
        yield [
            *_context(values[:9]),
            "survey",
            key,
            number,
            wave,
            1,
            True,
            item,
            info.item_type,
            info.subscale,
            info.scale_min,
            info.scale_max,
            info.reverse,
            value,
            None,
            "",
            skipped,
            _timestamp(started),
            _timestamp(submitted),
        ]


def answer_rows(filters: EvaluatorFilters) -> Iterator[list[object]]:
    """Every row of the export, quiz answers first, in ``HEADER`` order. Two streamed queries plus two small ones."""
    definitions = Definitions.load()
    yield from _quiz_rows(filters, definitions)
    yield from _survey_rows(filters, definitions)


def about_rows(filters: EvaluatorFilters, *, generated_at: datetime.datetime, module: str = "") -> list[list[str]]:
    return [
        ["Export", "Pseudonymised quiz and survey answers, one row per answer (long format)."],
        ["Generated at", _timestamp(generated_at)],
        ["Academic year", str(filters.academic_year) if filters.academic_year is not None else "All"],
        ["Module", module or "All"],
        [
            "Left out",
            "Pupils opted out of the evaluation by a parent or carer, pupils who withdrew, and free-text answers.",
        ],
        ["Scoring", "Raw values are as given: reverse score items marked reverse_scored before computing scales."],
    ]


def evaluator_sheets(filters: EvaluatorFilters, *, generated_at: datetime.datetime, module: str = "") -> list[Sheet]:
    """The export's tables: the answers, the data dictionary, the attrition flow, and a note of what it covers."""
    dictionary = [list(c) for c in COLUMNS] + evaluator_attrition.dictionary_rows()
    flow = evaluator_attrition.flow_rows(academic_year=filters.academic_year, module_id=filters.module_id)
    return [
        Sheet("Responses", "responses.csv", HEADER, answer_rows(filters), counts_for_progress=True),
        Sheet("Data dictionary", "data_dictionary.csv", ["column", "meaning", "type"], dictionary),
        Sheet("Attrition flow", "attrition_flow.csv", evaluator_attrition.HEADER, flow),
        Sheet("About", "about.csv", ["item", "value"], about_rows(filters, generated_at=generated_at, module=module)),
    ]
