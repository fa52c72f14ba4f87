"""The pages every pupil opens all lesson long cost a fixed, small number of queries, and what is
kept between requests is never another pupil's and never an old version of a published lesson."""

import json
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import QuizAnswer, QuizAttempt
from tests.learning.conftest import lessons_done
from tests.learning.pupil_client import lesson_url, sign_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_sessions(settings):
    """Sessions read through the cache, as whenever the cache is shared (REDIS_URL)."""
    settings.SESSION_ENGINE = "config.session_store"


@pytest.fixture
def self_paced(course):
    course.assignment.delivery = "self_paced"
    course.assignment.save()
    return course


def statements(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def test_a_slide_seen_before_costs_two_queries_and_writes_nothing(client, self_paced, shared_sessions):
    sign_in(client, self_paced.pupil)
    client.get(lesson_url(self_paced, 0, 2))  # first view: the position is stored

    with CaptureQueriesContext(connection) as captured:
        response = client.get(lesson_url(self_paced, 0, 1))
    assert response.status_code == 200
    sql = statements(captured)
    # Who the pupil is; which of their assignments this is, with where they are in the lesson.
    assert len(sql) == 2, sql
    assert not [s for s in sql if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_moving_on_to_a_new_slide_stores_the_position(client, self_paced, shared_sessions):
    from learning.models import LessonProgress

    sign_in(client, self_paced.pupil)
    client.get(lesson_url(self_paced, 0, 1))
    client.get(lesson_url(self_paced, 0, 2))
    row = LessonProgress.objects.get(pupil=self_paced.pupil, lesson=self_paced.lessons[0])
    assert row.last_position == 2
    client.get(lesson_url(self_paced, 0, 1))
    row.refresh_from_db()
    assert row.last_position == 2, "going back never moves the position back"


def test_moving_on_stores_the_place_and_the_summary_in_eleven_statements(client, self_paced, shared_sessions):
    from django.test import Client

    from learning.models import LessonProgress, ModuleProgress

    classmate = Client()
    sign_in(classmate, self_paced.other_pupil)
    classmate.get(lesson_url(self_paced, 1, 1))  # the lesson's slides are kept from here on
    sign_in(client, self_paced.pupil)
    client.get(lesson_url(self_paced, 0, 1))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(lesson_url(self_paced, 1, 2)).status_code == 200  # a lesson not opened before
    sql = statements(captured)
    # Pupil, assignment, their place (read by the page); the summary locked, the place read
    # again under the lock and stored; lessons, quiz attempts, surveys and the first answer in a
    # lesson read for the summary; the summary written. (The test's transaction turns the
    # service's own into a savepoint.)
    work = [s for s in sql if not s.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(work) <= 11, work
    assert len(sql) - len(work) <= 2, "no savepoint of its own for the new row"
    assert LessonProgress.objects.get(pupil=self_paced.pupil, lesson=self_paced.lessons[1]).last_position == 2
    summary = ModuleProgress.objects.get(pupil=self_paced.pupil, assignment=self_paced.assignment)
    assert summary.lesson_states.endswith(":11"), "both lessons started, kept on the summary"


def test_a_pupil_sees_a_published_change_to_a_slide_at_once(client, self_paced):
    lesson = self_paced.lessons[0]
    sign_in(client, self_paced.pupil)
    assert "treating people as equals" in client.get(lesson_url(self_paced, 0, 2)).content.decode()

    lesson.body = json.dumps([{"type": "text", "value": "<p>Everyone can say no.</p>"}])
    lesson.save_revision().publish()

    html = client.get(lesson_url(self_paced, 0, 2)).content.decode()
    assert "Everyone can say no." in html and "treating people as equals" not in html


def test_an_unpublished_draft_never_reaches_pupils(client, self_paced):
    lesson = self_paced.lessons[0]
    sign_in(client, self_paced.pupil)
    client.get(lesson_url(self_paced, 0, 2))
    lesson.body = json.dumps([{"type": "text", "value": "<p>Draft wording.</p>"}])
    lesson.save_revision()
    assert "Draft wording" not in client.get(lesson_url(self_paced, 0, 2)).content.decode()


def test_a_lesson_unpublished_is_gone_from_the_module_at_once(client, self_paced):
    sign_in(client, self_paced.pupil)
    assert client.get(lesson_url(self_paced, 1, 1)).status_code == 200
    self_paced.lessons[1].unpublish()
    assert client.get(lesson_url(self_paced, 1, 1)).status_code == 404


def test_one_pupils_answer_never_shows_on_anothers_slide(client, self_paced, interactive_lesson):
    sign_in(client, self_paced.pupil)
    client.post(lesson_url(self_paced, 0, 2), {"action": "check", "choice": "1"})
    mine = client.get(lesson_url(self_paced, 0, 2)).content.decode()
    assert "Not quite." in mine

    client.post("/pupil/logout/")
    sign_in(client, self_paced.other_pupil)
    theirs = client.get(lesson_url(self_paced, 0, 2)).content.decode()
    assert "Not quite." not in theirs and "Yes, that&#x27;s right." not in theirs
    assert "Ava" not in theirs, "nor the other pupil's name"


def quiz_form(client, course) -> dict:
    html = client.get(url("quiz", course.assignment.pk)).content.decode()
    return {
        "version": re.search(r'name="version" value="(\d+)"', html).group(1),
        "key": re.search(r'name="key" value="([0-9a-f-]+)"', html).group(1),
        "answer-q1": "a",
        "answer-q2": "b",
    }


def test_a_quiz_submission_is_a_handful_of_statements(client, course, shared_sessions):
    lessons_done(course)
    sign_in(client, course.pupil)
    form = quiz_form(client, course)
    client.post(url("quiz", course.assignment.pk), {**quiz_form(client, course), "key": str(uuid.uuid4())})

    with CaptureQueriesContext(connection) as captured:
        response = client.post(url("quiz", course.assignment.pk), form)
    assert response.status_code == 302
    sql = statements(captured)
    writes = [s for s in sql if s.lstrip().upper().startswith(("INSERT", "UPDATE", "WITH"))]
    answer_inserts = [s for s in writes if 'INSERT INTO "learning_quizanswer"' in s]
    assert len(answer_inserts) == 1, "the answers go in one statement"
    together = connection.vendor == "postgresql"
    if together:
        assert 'INSERT INTO "learning_quizattempt"' in answer_inserts[0], "with the attempt, on PostgreSQL"
    assert len([s for s in writes if "learning_moduleprogress" in s]) == 1, "one summary update"
    assert not [s for s in writes if "courses_quizversion" in s], "a locked version is not written again"
    # Pupil, assignment; the summary locked; the key and the pupil's attempts together; the
    # attempt and its answers (one statement on PostgreSQL); lessons and surveys read for the
    # summary; the summary written. (The test runs in a transaction, so the service's own becomes
    # a savepoint here: left out.)
    work = [s for s in sql if not s.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(work) <= (8 if together else 9), work
    assert len(sql) - len(work) <= 2, "no savepoint of its own for the insert"
    assert not [s for s in sql if s.lstrip().upper().startswith('SELECT "SCHOOLS_CLASSMEMBERSHIP"')], (
        "the pupil's class is not checked again"
    )
    assert QuizAttempt.objects.filter(pupil=course.pupil).count() == 2
    assert QuizAnswer.objects.filter(attempt__pupil=course.pupil).count() == 4


def test_the_class_grid_reads_each_kind_of_row_once(client, course, shared_sessions):
    from learning.services.lessons import complete_lesson, record_position

    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0], taught_in_class=True)
    record_position(pupil=course.other_pupil, assignment=course.assignment, lesson=course.lessons[1], position=2)
    client.force_login(course.teacher)
    grid = url("class_progress", course.assignment.school_class_id)
    client.get(grid)  # the module's lessons are kept from here on

    with CaptureQueriesContext(connection) as captured:
        response = client.get(grid)
    html = response.content.decode()
    assert response.status_code == 200 and "Taught" in html and "Started" in html
    sql = statements(captured)
    lesson_rows = [s for s in sql if "learning_lessonprogress" in s]
    assert not lesson_rows, "every pupil's lessons come with their summary (learning.lesson_states)"
    assert not [s for s in sql if "courses_lessonpage" in s], "the lessons come from the kept content"
    assert len(sql) <= 9, sql


def test_the_pupils_home_costs_four_queries_however_many_modules(client, course, programme, shared_sessions):
    from django.utils import timezone

    from learning.services.lessons import complete_lesson
    from schools.models import Assignment
    from tests.factories import ModulePageFactory

    complete_lesson(pupil=course.other_pupil, assignment=course.assignment, lesson=course.lessons[0])
    klass = course.assignment.school_class
    for _ in range(3):
        Assignment.objects.create(
            school_class=klass, module=ModulePageFactory(parent=programme), opens_on=timezone.localdate()
        )
    sign_in(client, course.pupil)
    client.get(url("pupil_home"))  # the modules are kept from here on

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("pupil_home"))
    html = response.content.decode()
    sql = statements(captured)
    # Who the pupil is, their open assignments, their summaries, a class lesson running.
    assert len(sql) == 4, sql
    assert not [s for s in sql if "wagtailcore_page" in s and "classroom_livesession" not in s], "modules are kept"
    assert html.count('class="card"') == 4
    assert "50%" not in html and "1 of 2 lessons" not in html, "the other pupil's progress is not shown"


def test_a_pupils_module_page_costs_five_queries_and_writes_nothing(client, course, shared_sessions):
    from learning.services.lessons import complete_lesson

    course.assignment.include_surveys = False  # (the before-and-after questions add their own)
    course.assignment.save()
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    sign_in(client, course.pupil)
    client.get(url("assignment", course.assignment.pk))

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("assignment", course.assignment.pk))
    assert response.status_code == 200
    sql = statements(captured)
    # Who the pupil is, the assignment, their lessons, their summary, their quiz attempts.
    assert len(sql) == 5, sql
    assert not [s for s in sql if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_a_pupil_whose_assignment_belongs_to_another_class_gets_404(client, course, programme):
    from django.utils import timezone

    from schools.models import Assignment
    from tests.factories import ModulePageFactory, SchoolFactory, school_class, staff

    elsewhere = SchoolFactory()
    theirs = Assignment.objects.create(
        school_class=school_class(elsewhere, staff(elsewhere), name="7Z"),
        module=ModulePageFactory(parent=programme),
        opens_on=timezone.localdate(),
    )
    sign_in(client, course.pupil)
    assert client.get(url("assignment", theirs.pk)).status_code == 404
    assert client.get(url("quiz", theirs.pk)).status_code == 404
