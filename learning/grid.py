"""The class progress grid: pupils x lessons, quiz and surveys, from the stored summaries.

A fixed number of queries whatever the class size (pupils and their summaries, which keep
each pupil's lesson states, ``learning.lesson_states``; the lessons are kept per published
revision); the grid itself is put together in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.db.models import Case, IntegerField, Value, When

from config.prepared_query import PreparedQuery
from courses.lesson_deck import module_lessons
from courses.models import LessonPage
from learning import lesson_states
from learning.models import LessonProgress, ModuleProgress
from schools.models import Assignment, Pupil, SchoolClass


class RowStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"

    choices = [
        (NOT_STARTED, "Not started"),
        (IN_PROGRESS, "In progress"),
        (COMPLETED, "Completed"),
    ]
    labels = dict(choices)
    colours = {NOT_STARTED: "grey", IN_PROGRESS: "blue", COMPLETED: "green"}


SORTS = [("name", "Name"), ("progress", "Progress, most first"), ("score", "First quiz score, highest first")]


@dataclass(frozen=True)
class Cell:
    """One status, always as words; the colour only repeats them."""

    label: str
    colour: str


NOT_STARTED_LESSON = Cell("Not started", "grey")
STARTED_LESSON = Cell("Started", "blue")
DONE_LESSON = Cell("Done", "green")
TAUGHT_LESSON = Cell("Taught", "green")


@dataclass
class GridRow:
    pupil: Pupil
    lessons: list[Cell]
    progress: ModuleProgress | None

    @cached_property
    def status(self) -> str:
        progress = self.progress
        if progress is not None and progress.completed_at is not None:
            return RowStatus.COMPLETED
        if any(cell is not NOT_STARTED_LESSON for cell in self.lessons) or (
            progress is not None and (progress.first_activity_at is not None or progress.quiz_attempts)
        ):
            return RowStatus.IN_PROGRESS
        return RowStatus.NOT_STARTED

    @property
    def status_cell(self) -> Cell:
        return Cell(RowStatus.labels[self.status], RowStatus.colours[self.status])

    @property
    def percent(self) -> int:
        return self.progress.percent if self.progress is not None else 0

    @property
    def quiz_taken(self) -> bool:
        return self._scored is not None

    @property
    def _scored(self) -> ModuleProgress | None:
        """The summary, when the pupil has taken the quiz."""
        if self.progress is None or self.progress.first_score is None:
            return None
        return self.progress

    @property
    def first_share(self) -> float | None:
        """First-attempt score as a share of the maximum, for sorting."""
        scored = self._scored
        if scored is None or scored.first_score is None or not scored.max_score:
            return None
        return scored.first_score / scored.max_score

    @property
    def first_score(self) -> str:
        scored = self._scored
        return f"{scored.first_score} / {scored.max_score}" if scored else "Not taken"

    @property
    def best_score(self) -> str:
        scored = self._scored
        return f"{scored.best_score} / {scored.max_score}" if scored else "Not taken"

    @property
    def passed_cell(self) -> Cell:
        scored = self._scored
        if scored is None:
            return Cell("Not taken", "grey")
        return Cell("Passed", "green") if scored.passed else Cell("Not passed", "orange")

    @property
    def pre_survey_cell(self) -> Cell:
        return _done(self.progress is not None and self.progress.pre_survey_done)

    @property
    def post_survey_cell(self) -> Cell:
        return _done(self.progress is not None and self.progress.post_survey_done)

    @property
    def completed_at(self) -> datetime | None:
        return self.progress.completed_at if self.progress is not None else None


def _done(done: bool) -> Cell:
    return Cell("Done", "green") if done else Cell("Not done", "grey")


@dataclass
class Grid:
    assignment: Assignment
    lessons: list[LessonPage]
    rows: list[GridRow]
    has_quiz: bool
    has_surveys: bool

    @property
    def counts(self) -> dict[str, int]:
        """How many pupils are at each status (before any filter)."""
        counts = dict.fromkeys(RowStatus.labels, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts


def current_pupils(school_class: SchoolClass):
    """The pupils now in the class, in register order."""
    return pupils_now_in(school_class.pk)


def pupils_now_in(class_id: int):
    return Pupil.objects.in_class(class_id).order_by("last_name", "first_name", "pk")


# A lesson's status as a small number computed by the database, so a class of a thousand pupils
# and two hundred lessons reads two hundred thousand short rows rather than as many dates.
STARTED, DONE, TAUGHT = 1, 2, 3
CELLS = {STARTED: STARTED_LESSON, DONE: DONE_LESSON, TAUGHT: TAUGHT_LESSON}
LESSON_STATUS = Case(
    When(completed_at__isnull=True, then=Value(STARTED)),
    When(taught_in_class=True, then=Value(TAUGHT)),
    default=Value(DONE),
    output_field=IntegerField(),
)


# The grid's three reads, compiled once (``config.prepared_query``).
CLASS_PUPILS = PreparedQuery(
    lambda class_id: pupils_now_in(class_id).only("pk", "first_name", "last_name"), class_id=int
)
SUMMARIES = PreparedQuery(
    lambda assignment_id: ModuleProgress.objects.filter(assignment_id=assignment_id), assignment_id=int
)
LESSON_STATUSES = PreparedQuery(
    lambda assignment_id: (
        LessonProgress.objects.filter(assignment_id=assignment_id)
        .annotate(status=LESSON_STATUS)
        .values_list("pupil_id", "lesson_id", "status")
    ),
    assignment_id=int,
)


def lesson_cells(assignment: Assignment, lessons: list[LessonPage]) -> dict[int, list[Cell]]:
    """Each pupil's cells in lesson order (pupils with no lesson started are left out). One query."""
    column = {lesson.pk: index for index, lesson in enumerate(lessons)}
    cells: dict[int, list[Cell]] = {}
    blank = [NOT_STARTED_LESSON] * len(lessons)
    # The rows as the driver made them: the ORM's per-row work would cost more than the rest.
    for pupil_id, lesson_id, status in LESSON_STATUSES.run(assignment_id=assignment.pk):
        index = column.get(lesson_id)
        if index is not None:
            row = cells.get(pupil_id)
            if row is None:
                row = cells[pupil_id] = blank.copy()
            row[index] = CELLS[status]
    return cells


STATE_CELLS = {
    lesson_states.NOT_STARTED: NOT_STARTED_LESSON,
    lesson_states.STARTED: STARTED_LESSON,
    lesson_states.DONE: DONE_LESSON,
    lesson_states.TAUGHT: TAUGHT_LESSON,
}


def kept_lesson_cells(summaries: Iterable[ModuleProgress], lessons: list[LessonPage]) -> dict[int, list[Cell]]:
    """Each pupil's cells from the states kept on their summary, for the pupils whose summary was
    written for these lessons (``learning.lesson_states``). No query."""
    signature = lesson_states.lessons_signature(lesson.pk for lesson in lessons)
    cells: dict[int, list[Cell]] = {}
    for summary in summaries:
        states = lesson_states.decode(summary.lesson_states, signature)
        if states is not None:
            cells[summary.pupil_id] = [STATE_CELLS[state] for state in states]
    return cells


def build_grid(*, assignment: Assignment, school_class: SchoolClass) -> Grid:
    """The grid of the pupils now in ``school_class`` for ``assignment``. Two queries (the
    module's lessons are kept per published revision, ``courses.lesson_deck``, and each pupil's
    lesson states on their summary), a third while some summaries were written for lessons
    the module no longer has.

    ``assignment.module`` should already be loaded.
    """
    pupils = CLASS_PUPILS.run(class_id=school_class.pk)
    lessons = module_lessons(assignment.module)
    summaries = {summary.pupil_id: summary for summary in SUMMARIES.run(assignment_id=assignment.pk)}
    cells = kept_lesson_cells(summaries.values(), lessons)
    if len(cells) < len(summaries):
        # Summaries written for other lessons (the module changed since): their lesson rows.
        cells = {**lesson_cells(assignment, lessons), **cells}
    nothing = [NOT_STARTED_LESSON] * len(lessons)
    rows = [
        GridRow(pupil=pupil, lessons=cells.get(pupil.pk, nothing), progress=summaries.get(pupil.pk)) for pupil in pupils
    ]
    return Grid(
        assignment=assignment,
        lessons=lessons,
        rows=rows,
        has_quiz=assignment.module.knowledge_quiz_id is not None,
        has_surveys=assignment.include_surveys,
    )


def filter_rows(rows: list[GridRow], status: str | None) -> list[GridRow]:
    if status not in RowStatus.labels:
        return rows
    return [row for row in rows if row.status == status]


def sort_rows(rows: list[GridRow], sort: str | None) -> list[GridRow]:
    """Name (the register order), most progress first, or highest first quiz score first.

    Ties keep the register order (the sort is stable); pupils without a score go last.
    """
    if sort == "progress":
        return sorted(rows, key=lambda row: (-row.percent, row.status != RowStatus.COMPLETED))
    if sort == "score":
        return sorted(rows, key=lambda row: (row.first_share is None, -(row.first_share or 0)))
    return list(rows)
