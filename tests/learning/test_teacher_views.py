import csv
import io
import uuid
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.versioning import record_version
from learning.models import LessonProgress, ModuleProgress, QuizAttempt
from learning.services.lessons import complete_lesson, record_position
from learning.services.quizzes import submit_quiz_attempt
from schools.models import Assignment, AuditAction, AuditEvent
from tests.factories import ModulePageFactory, SchoolFactory, pupil, school_class, staff, stream
from tests.learning.conftest import all_right, lessons_done

pytestmark = pytest.mark.django_db


def grid_url(course, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("learning:class_progress", args=[course.assignment.school_class_id]) + (f"?{query}" if query else "")


def csv_url(course):
    return reverse("learning:class_progress_csv", args=[course.assignment.school_class_id]) + (
        f"?assignment={course.assignment.pk}"
    )


def items_url(course):
    return reverse("learning:item_analysis", args=[course.assignment.school_class_id, course.assignment.pk])


def reset_url(course, who=None):
    return reverse(
        "learning:reset_progress",
        args=[course.assignment.school_class_id, course.assignment.pk, (who or course.pupil).pk],
    )


def quiz(course, who, answers, wave="post"):
    """The pupil's quiz; for the end-of-module quiz, after every lesson is taught to them (when it opens)."""
    if wave == "post":
        lessons_done(course, who)
    return submit_quiz_attempt(
        pupil=who, assignment=course.assignment, version=course.version, answers=answers, key=uuid.uuid4(), wave=wave
    )


def grid_rows(response) -> dict[str, list[str]]:
    """Pupil name -> the text of each cell of their row."""
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for tr in soup.select("table tbody tr"):
        name = tr.find("th", scope="row").get_text(strip=True)
        rows[name] = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
    return rows


def row_order(response) -> list[str]:
    return list(grid_rows(response))


def add_pupils(klass, count):
    for n in range(count):
        pupil(klass, f"Pupil{n:03d}", "Z")


# --- The grid ------------------------------------------------------------------------------------


def test_grid_shows_each_status_as_text(client, course):
    klass = course.assignment.school_class
    pupil(klass, "Cara", "C")
    # Ava: both lessons done (one taught in class), quiz passed at the second try: completed.
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0], taught_in_class=True)
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[1])
    quiz(course, course.pupil, {"q1": ["a"], "q2": ["a"]})
    quiz(course, course.pupil, all_right())
    # Ben: started the first lesson only.
    record_position(pupil=course.other_pupil, assignment=course.assignment, lesson=course.lessons[0], position=2)
    client.force_login(course.teacher)

    response = client.get(grid_url(course))

    rows = grid_rows(response)
    ava, ben, cara_row = rows["Ava B"], rows["Ben B"], rows["Cara C"]
    assert ava[:9] == ["Taught", "Done", "1 / 2", "2 / 2", "Passed", "Not done", "Not done", "Completed", ava[8]]
    assert ava[8] != "Not completed"
    assert ben[:8] == [
        "Started",
        "Not started",
        "Not taken",
        "Not taken",
        "Not taken",
        "Not done",
        "Not done",
        "In progress",
    ]
    assert cara_row[:8] == [
        "Not started",
        "Not started",
        "Not taken",
        "Not taken",
        "Not taken",
        "Not done",
        "Not done",
        "Not started",
    ]
    assert ben[8] == "Not completed"
    soup = BeautifulSoup(response.content, "html.parser")
    region = soup.select_one("div[role=region]")
    assert region["tabindex"] == "0" and region["aria-label"]
    assert region.find("table").find("caption").get_text(strip=True)
    headers = [th.get_text(strip=True) for th in region.select("thead th[scope=col]")]
    assert headers[1:3] == [f"1. {course.lessons[0].title}", f"2. {course.lessons[1].title}"]


def test_quiz_failed_shows_not_passed(client, course):
    quiz(course, course.pupil, {"q1": ["b"]})
    client.force_login(course.teacher)
    assert grid_rows(client.get(grid_url(course)))["Ava B"][4] == "Not passed"


def test_grid_takes_the_same_number_of_queries_for_5_and_50_pupils(client, course, programme):
    def count_queries(klass_assignment):
        client.force_login(course.teacher)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                reverse("learning:class_progress", args=[klass_assignment.school_class_id])
                + f"?assignment={klass_assignment.pk}"
            )
        assert response.status_code == 200
        return len(queries), len(grid_rows(response))

    small_class = course.assignment.school_class
    add_pupils(small_class, 3)
    big_class = school_class(small_class.school, course.teacher, name="10B", year_group=10)
    add_pupils(big_class, 50)
    big = Assignment.objects.create(
        school_class=big_class, module=course.assignment.module, opens_on=timezone.localdate()
    )
    for klass, assignment in ((small_class, course.assignment), (big_class, big)):
        members = list(klass.memberships.select_related("pupil"))
        for membership in members[::2]:
            complete_lesson(pupil=membership.pupil, assignment=assignment, lesson=course.lessons[0])
        for membership in members[::3]:
            for lesson in course.lessons:
                complete_lesson(pupil=membership.pupil, assignment=assignment, lesson=lesson)
            submit_quiz_attempt(
                pupil=membership.pupil,
                assignment=assignment,
                version=course.version,
                answers=all_right(),
                key=uuid.uuid4(),
            )

    # Warms the site's cached page links (read once per process), and logs each grid's first
    # view, so both views measured below are repeats within the access log's window.
    count_queries(course.assignment)
    count_queries(big)
    small_count, small_rows = count_queries(course.assignment)
    big_count, big_rows = count_queries(big)

    assert (small_rows, big_rows) == (5, 50)
    assert small_count == big_count


def test_grid_filters_by_status(client, course):
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    client.force_login(course.teacher)
    assert row_order(client.get(grid_url(course, status="in_progress"))) == ["Ava B"]
    assert row_order(client.get(grid_url(course, status="not_started"))) == ["Ben B"]
    assert "No pupils match this filter" in client.get(grid_url(course, status="completed")).content.decode()
    assert row_order(client.get(grid_url(course, status="nonsense"))) == ["Ava B", "Ben B"]


def test_grid_sorts_by_name_progress_and_score(client, course):
    klass = course.assignment.school_class
    cara, _ = pupil(klass, "Cara", "A")  # First by surname.
    complete_lesson(pupil=cara, assignment=course.assignment, lesson=course.lessons[0])
    lessons_done(course, course.pupil)  # Every lesson, no quiz yet.
    quiz(course, course.other_pupil, {"q1": ["a"]})  # Every lesson and the quiz: completed.
    client.force_login(course.teacher)
    assert row_order(client.get(grid_url(course, sort="name"))) == ["Cara A", "Ava B", "Ben B"]
    assert row_order(client.get(grid_url(course, sort="progress"))) == ["Ben B", "Ava B", "Cara A"]
    assert row_order(client.get(grid_url(course, sort="score"))) == ["Ben B", "Cara A", "Ava B"]


def test_grid_defaults_to_the_newest_assignment_and_can_choose_another(client, course, programme):
    newer = Assignment.objects.create(
        school_class=course.assignment.school_class,
        module=ModulePageFactory(parent=programme, title="Healthy friendships"),
        opens_on=timezone.localdate() + timedelta(days=7),
    )
    client.force_login(course.teacher)
    response = client.get(grid_url(course).split("?")[0])
    assert (
        BeautifulSoup(response.content, "html.parser")
        .find("caption")
        .get_text(strip=True)
        .startswith("Healthy friendships")
    )
    assert newer.pk
    response = client.get(grid_url(course, assignment=course.assignment.pk))
    assert course.assignment.module.title in response.content.decode()


def test_assignment_of_another_class_is_404(client, course, programme):
    other_class = school_class(course.assignment.school_class.school, course.teacher, name="7X", year_group=7)
    stray = Assignment.objects.create(
        school_class=other_class, module=course.assignment.module, opens_on=timezone.localdate()
    )
    client.force_login(course.teacher)
    assert client.get(grid_url(course, assignment=stray.pk)).status_code == 404


def test_pupil_who_left_the_class_is_not_in_the_grid(client, course):
    course.other_pupil.memberships.update(removed_at=timezone.now())
    client.force_login(course.teacher)
    assert row_order(client.get(grid_url(course))) == ["Ava B"]


# --- Who may see it ------------------------------------------------------------------------------


def all_urls(course):
    return [grid_url(course), csv_url(course), items_url(course), reset_url(course)]


def test_another_schools_teacher_gets_404_everywhere(client, course):
    client.force_login(staff(SchoolFactory()))
    for url in all_urls(course):
        assert client.get(url).status_code == 404, url
    response = client.post(reset_url(course), {"reason": "Trying to reset another school's pupil"})
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORTED).exists()


def test_same_school_teacher_who_does_not_teach_the_class_gets_404(client, course):
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    client.force_login(staff(course.assignment.school_class.school))
    for url in all_urls(course):
        assert client.get(url).status_code == 404, url
    client.post(reset_url(course), {"reason": "Trying to reset a pupil I do not teach"})
    assert LessonProgress.objects.count() == 1


def test_school_lead_sees_the_grid(client, course):
    client.force_login(staff(course.assignment.school_class.school, role="school_lead"))
    assert client.get(grid_url(course)).status_code == 200


def test_anonymous_visitor_is_sent_to_sign_in(client, course):
    response = client.get(grid_url(course))
    assert response.status_code == 302 and "login" in response["Location"]


# --- Item analysis -------------------------------------------------------------------------------


def test_item_analysis_hand_checked(client, course):
    klass = course.assignment.school_class
    cara, _ = pupil(klass, "Cara", "C")
    dev, _ = pupil(klass, "Dev", "D")
    # q1 (right answer a): 3 right, 1 wrong (c). q2 (right answer b): 1 right, 2 chose a, 1 chose c.
    # Not counted: a pre-wave attempt, a second (practice) attempt, and a pupil who left.
    quiz(course, cara, {"q1": ["b"], "q2": ["c"]}, wave="pre")
    quiz(course, course.pupil, {"q1": ["a"], "q2": ["b"]})
    quiz(course, course.other_pupil, {"q1": ["a"], "q2": ["a"]})
    quiz(course, cara, {"q1": ["a"], "q2": ["a"]})
    quiz(course, dev, {"q1": ["c"], "q2": ["c"]})
    quiz(course, dev, all_right())
    left, _ = pupil(klass, "Eve", "E")
    quiz(course, left, {"q1": ["b"], "q2": ["c"]})
    left.memberships.update(removed_at=timezone.now())
    client.force_login(course.teacher)

    response = client.get(items_url(course))

    soup = BeautifulSoup(response.content, "html.parser")
    rows = [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])] for tr in soup.select("tbody tr")]
    assert rows == [
        [
            "Question q2?",
            "4",
            "25%",
            "Not a right answer Choice 0: chosen by 2 of 4 (50%) "
            "Right answer Choice 1: chosen by 1 of 4 (25%) "
            "Not a right answer Choice 2: chosen by 1 of 4 (25%)",
        ],
        [
            "Question q1?",
            "4",
            "75%",
            "Right answer Choice 0: chosen by 3 of 4 (75%) "
            "Not a right answer Choice 1: chosen by 0 of 4 (0%) "
            "Not a right answer Choice 2: chosen by 1 of 4 (25%)",
        ],
    ]


def test_item_analysis_never_calls_a_right_option_of_a_choose_all_question_wrong(client, course):
    """Four pupils on "Who could Jo tell?" (right: a trusted adult, a helpline; wrong: nobody).

    Ava ticks both right ones (correct); Ben ticks only the adult, Cara the adult and nobody,
    Dev only the helpline (all three wrong). The adult was chosen by 3 of 4, the helpline by
    2 of 4, nobody by 1 of 4; 1 of 4 (25 %) got the question right.
    """
    quiz_page = course.version.quiz
    quiz_page.questions = stream(
        [
            (
                "multiple_choice",
                {
                    "key": "q1",
                    "text": "Who could Jo tell?",
                    "choices": [
                        {"text": "Tell a trusted adult", "correct": True},
                        {"text": "Call a helpline", "correct": True},
                        {"text": "Nobody", "correct": False},
                    ],
                    "feedback": "Both can help.",
                },
            )
        ]
    )
    quiz_page.save()
    course.version = record_version(instrument=quiz_page)
    klass = course.assignment.school_class
    cara, _ = pupil(klass, "Cara", "C")
    dev, _ = pupil(klass, "Dev", "D")
    for who, chosen in ((course.pupil, ["a", "b"]), (course.other_pupil, ["a"]), (cara, ["a", "c"]), (dev, ["b"])):
        quiz(course, who, {"q1": chosen})
    client.force_login(course.teacher)

    soup = BeautifulSoup(client.get(items_url(course)).content, "html.parser")
    (row,) = soup.select("tbody tr")
    options = [li.get_text(" ", strip=True) for li in row.select(".option-rates li")]
    assert options == [
        "Right answer Tell a trusted adult: chosen by 3 of 4 (75%)",
        "Right answer Call a helpline: chosen by 2 of 4 (50%)",
        "Not a right answer Nobody: chosen by 1 of 4 (25%)",
    ]
    assert [cell.get_text(strip=True) for cell in row.find_all("td")][:2] == ["4", "25%"]
    assert "Choose all the right answers" in row.find("th").get_text()
    assert "wrong answer" not in soup.get_text().lower()


def test_item_analysis_with_no_attempts(client, course):
    client.force_login(course.teacher)
    assert "No pupil in this class has taken the quiz yet" in client.get(items_url(course)).content.decode()


def test_item_analysis_makes_no_query_per_question(client, course, django_assert_max_num_queries):
    for who in (course.pupil, course.other_pupil):
        quiz(course, who, all_right())
    client.force_login(course.teacher)
    with django_assert_max_num_queries(8):
        client.get(items_url(course))


# --- CSV export ----------------------------------------------------------------------------------


def test_csv_export_streams_the_grid_and_is_audited(client, course):
    course.pupil.first_name = "=cmd"
    course.pupil.save()
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    quiz(course, course.pupil, all_right())
    client.force_login(course.teacher)

    response = client.get(csv_url(course))

    assert response.streaming
    assert response["Content-Disposition"].startswith("attachment; filename=")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Pupil",
        course.lessons[0].title,
        course.lessons[1].title,
        "Quiz first score",
        "Quiz best score",
        "Passed",
        "Pre survey",
        "Post survey",
        "Status",
        "Completed on",
    ]
    assert len(rows) == 3
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["'=cmd B"][1:6] == ["Done", "Taught", "2 / 2", "2 / 2", "Passed"]
    assert by_name["Ben B"][-2:] == ["Not started", ""]
    event = AuditEvent.objects.get(action=AuditAction.EXPORTED)
    assert event.school == course.assignment.school_class.school
    assert event.actor == course.teacher
    assert course.assignment.school_class.name in event.summary


# --- Resetting lesson progress ---------------------------------------------------------------------


def test_reset_needs_a_reason(client, course):
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    client.force_login(course.teacher)
    for reason in ("", "too short"):
        response = client.post(reset_url(course), {"reason": reason})
        assert response.status_code == 200
        assert 'class="govuk-error-summary"' in response.content.decode()
    response = client.post(reset_url(course), {"reason": "x" * 301})
    assert "300 characters or fewer" in response.content.decode()
    assert LessonProgress.objects.count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.PROGRESS_RESET).exists()


def test_reset_deletes_lesson_progress_keeps_quiz_attempts_and_is_audited(client, course):
    for lesson in course.lessons:
        complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=lesson)
        complete_lesson(pupil=course.other_pupil, assignment=course.assignment, lesson=lesson)
    quiz(course, course.pupil, all_right())
    assert ModuleProgress.objects.get(pupil=course.pupil).is_complete
    client.force_login(course.teacher)
    reason = "Pupil clicked through the lessons without reading them"

    assert client.get(reset_url(course)).status_code == 200
    response = client.post(reset_url(course), {"reason": reason})

    assert response.status_code == 302
    assert not LessonProgress.objects.filter(pupil=course.pupil).exists()
    assert LessonProgress.objects.filter(pupil=course.other_pupil).count() == 2
    assert QuizAttempt.objects.filter(pupil=course.pupil).count() == 1
    progress = ModuleProgress.objects.get(pupil=course.pupil)
    assert (progress.lessons_done, progress.completed_at, progress.first_score) == (0, None, 2)
    event = AuditEvent.objects.get(action=AuditAction.PROGRESS_RESET)
    assert event.detail["reason"] == reason
    assert event.actor == course.teacher and event.target_id == str(course.pupil.pk)


def test_reset_of_archived_class_is_refused(client, course):
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    course.assignment.school_class.archived_at = timezone.now()
    course.assignment.school_class.save()
    client.force_login(course.teacher)
    response = client.post(reset_url(course), {"reason": "A perfectly good reason"})
    assert response.status_code == 403
    assert LessonProgress.objects.count() == 1


def test_reset_of_a_pupil_not_in_the_class_is_404(client, course):
    other_class = school_class(course.assignment.school_class.school, course.teacher, name="7X", year_group=7)
    stranger, _ = pupil(other_class, "Zed", "Z")
    client.force_login(course.teacher)
    response = client.post(reset_url(course, stranger), {"reason": "A perfectly good reason"})
    assert response.status_code == 404


def test_the_grid_has_a_compact_view_that_keeps_the_filters(client, course):
    client.force_login(course.teacher)
    full = client.get(grid_url(course, status="not_started", sort="name")).content.decode()
    assert "site-width-wide" in full, "the grid's page uses the whole width"
    assert 'href="?status=not_started&amp;sort=name&amp;view=compact">Show a compact grid</a>' in full
    compact = client.get(grid_url(course, status="not_started", view="compact")).content.decode()
    assert "progress-grid--compact" in compact
    assert '<input type="hidden" name="view" value="compact">' in compact, "the filters keep the view"
    assert f"Lesson 1: {course.lessons[0].title}" in compact
    assert 'href="?status=not_started&amp;view=full">Show the full grid</a>' in compact
