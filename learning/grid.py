"""The class progress grid: pupils x lessons, quiz and surveys, from the stored summaries.

A fixed number of queries whatever the class size (pupils, module progress, lesson
progress, lessons: one each); the grid itself is put together in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from courses.models import LessonPage
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

    @property
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
    return Pupil.objects.filter(memberships__school_class=school_class, memberships__removed_at__isnull=True).order_by(
        "last_name", "first_name", "pk"
    )


def build_grid(*, assignment: Assignment, school_class: SchoolClass) -> Grid:
    """The grid of the pupils now in ``school_class`` for ``assignment``. Four queries.

    ``assignment.module`` should already be loaded (select_related) so the lessons
    query needs nothing more.
    """
    pupils = list(current_pupils(school_class))
    lessons = list(LessonPage.objects.live().child_of(assignment.module).order_by("path").only("pk", "title"))
    summaries = {summary.pupil_id: summary for summary in ModuleProgress.objects.filter(assignment=assignment)}
    cells: dict[tuple[int, int], Cell] = {}
    for pupil_id, lesson_id, completed_at, taught in LessonProgress.objects.filter(assignment=assignment).values_list(
        "pupil_id", "lesson_id", "completed_at", "taught_in_class"
    ):
        if completed_at is None:
            cells[pupil_id, lesson_id] = STARTED_LESSON
        else:
            cells[pupil_id, lesson_id] = TAUGHT_LESSON if taught else DONE_LESSON
    rows = [
        GridRow(
            pupil=pupil,
            lessons=[cells.get((pupil.pk, lesson.pk), NOT_STARTED_LESSON) for lesson in lessons],
            progress=summaries.get(pupil.pk),
        )
        for pupil in pupils
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
