"""The class grid reads each pupil's lesson states from their summary, and they always agree with
the lesson rows: after every kind of event, and after the module's lessons change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.grid import build_grid, kept_lesson_cells, lesson_cells
from learning.models import ModuleProgress
from learning.services.lessons import complete_lesson, record_position
from learning.services.resets import reset_lesson_progress
from tests.factories import LessonPageFactory
from tests.learning.test_quiz_submission import submit

pytestmark = pytest.mark.django_db


def grid_cells(course) -> dict[int, list[str]]:
    grid = build_grid(assignment=course.assignment, school_class=course.assignment.school_class)
    return {row.pupil.pk: [cell.label for cell in row.lessons] for row in grid.rows}


def from_rows(course) -> dict[int, list[str]]:
    lessons = list(course.assignment.module.specific.lessons())
    cells = lesson_cells(course.assignment, lessons)
    blank = ["Not started"] * len(lessons)
    return {
        pupil.pk: [cell.label for cell in cells[pupil.pk]] if pupil.pk in cells else blank
        for pupil in (course.pupil, course.other_pupil)
    }


def test_every_kind_of_event_keeps_the_summary_in_step_with_the_lesson_rows(course):
    first, second = course.lessons
    record_position(pupil=course.pupil, assignment=course.assignment, lesson=first, position=2)
    assert (
        grid_cells(course)
        == from_rows(course)
        == {
            course.pupil.pk: ["Started", "Not started"],
            course.other_pupil.pk: ["Not started", "Not started"],
        }
    )
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=first)
    complete_lesson(pupil=course.other_pupil, assignment=course.assignment, lesson=second, taught_in_class=True)
    assert (
        grid_cells(course)
        == from_rows(course)
        == {
            course.pupil.pk: ["Done", "Not started"],
            course.other_pupil.pk: ["Not started", "Taught"],
        }
    )
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=second)
    submit(course)  # the end-of-module quiz, open once every lesson is done
    assert grid_cells(course) == from_rows(course)
    assert grid_cells(course)[course.pupil.pk] == ["Done", "Done"]
    reset_lesson_progress(
        pupil=course.pupil, assignment=course.assignment, actor=course.teacher, reason="Started on the wrong device"
    )
    assert grid_cells(course) == from_rows(course)
    assert grid_cells(course)[course.pupil.pk] == ["Not started", "Not started"]


def test_the_grid_reads_no_lesson_rows_while_the_summaries_are_up_to_date(course):
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    grid_cells(course)  # the module's lessons are kept from here on
    with CaptureQueriesContext(connection) as queries:
        cells = grid_cells(course)
    assert cells[course.pupil.pk] == ["Done", "Not started"]
    assert not [q for q in queries.captured_queries if "learning_lessonprogress" in q["sql"]]
    assert len(queries.captured_queries) == 2, "the pupils, their summaries"


def test_a_lesson_added_to_the_module_shows_at_once_from_the_lesson_rows(course):
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[1])
    LessonPageFactory(parent=course.assignment.module)  # published: the module now has three lessons
    with CaptureQueriesContext(connection) as queries:
        cells = grid_cells(course)
    assert cells[course.pupil.pk] == ["Not started", "Done", "Not started"]
    assert cells == from_rows(course)
    assert [q for q in queries.captured_queries if "learning_lessonprogress" in q["sql"]], "read from the rows"

    record_position(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0], position=1)
    assert grid_cells(course)[course.pupil.pk] == ["Started", "Done", "Not started"]


def test_summaries_kept_before_the_states_were_are_read_from_the_lesson_rows(course):
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    ModuleProgress.objects.update(lesson_states="")
    assert grid_cells(course) == from_rows(course)
    assert grid_cells(course)[course.pupil.pk] == ["Done", "Not started"]
    assert kept_lesson_cells(ModuleProgress.objects.all(), list(course.lessons)) == {}
