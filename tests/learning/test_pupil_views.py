import re
import uuid
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from courses.versioning import record_version
from learning.models import LessonProgress, ModuleProgress, QuizAnswer, QuizAttempt
from learning.services.lessons import complete_lesson, record_lesson_taught, record_position
from schools.models import Assignment
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    QuizFactory,
    SchoolFactory,
    pupil,
    school_class,
    single_choice,
    staff,
    stream,
)
from tests.learning.conftest import lessons_done
from tests.learning.pupil_client import lesson_url, sign_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def self_paced(course):
    course.assignment.delivery = "self_paced"
    course.assignment.save()
    return course.assignment


def quiz_form(client, course):
    html = client.get(url("quiz", course.assignment.pk)).content.decode()
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    key = re.search(r'name="key" value="([0-9a-f-]+)"', html).group(1)
    return {"version": version, "key": key}


def right_answers(course):
    return {**quiz_form_fields(course), "answer-q1": "a", "answer-q2": "b"}


def quiz_form_fields(course):
    return {"version": str(course.version.pk), "key": str(uuid.uuid4())}


@pytest.fixture
def outsider(course):
    """A pupil of another school."""
    school = SchoolFactory()
    klass = school_class(school, staff(school), name="9X")
    found, code = pupil(klass, "Dan")
    return found, klass, code


# --- Home ------------------------------------------------------------------------------------------


def test_sign_in_lands_on_the_home_page_with_assignments_and_progress(client, course):
    course.assignment.due_on = timezone.localdate() + timedelta(days=7)
    course.assignment.save()
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    response = sign_in(client, course.pupil)
    assert response["Location"] == url("pupil_home") == "/pupil/"
    home = client.get(url("pupil_home"))
    html = home.content.decode()
    assert course.assignment.module.title in html
    assert "50%" in html and "1 of 2 lessons" in html
    assert "Taught in class" in html
    assert "Carry on" in html
    assert course.assignment.due_on.strftime("%-d %B") in html
    assert "no-store" in home["Cache-Control"]


def test_home_says_what_to_do_next(client, course):
    sign_in(client, course.pupil)
    assert ">Start<" in client.get(url("pupil_home")).content.decode()
    record_lesson_taught(assignment=course.assignment, lesson=course.lessons[0], pupils=[course.pupil])
    record_lesson_taught(assignment=course.assignment, lesson=course.lessons[1], pupils=[course.pupil])
    html = client.get(url("pupil_home")).content.decode()
    assert "Take the quiz" in html and url("quiz", course.assignment.pk) in html
    client.post(url("quiz", course.assignment.pk), right_answers(course))
    html = client.get(url("pupil_home")).content.decode()
    assert "Finished work" in html and url("certificate", course.assignment.pk) in html
    assert "Take the quiz" not in html


def test_home_says_all_work_is_finished_rather_than_nothing_to_do(client, course):
    sign_in(client, course.pupil)
    assert "You have nothing to do yet" not in client.get(url("pupil_home")).content.decode()
    Assignment.objects.filter(pk=course.assignment.pk).update(opens_on=timezone.localdate() + timedelta(days=3))
    assert "You have nothing to do yet" in client.get(url("pupil_home")).content.decode()
    Assignment.objects.filter(pk=course.assignment.pk).update(opens_on=timezone.localdate())
    lessons_done(course)
    client.post(url("quiz", course.assignment.pk), right_answers(course))
    html = client.get(url("pupil_home")).content.decode()
    assert "You have finished all your work" in html
    assert "You have nothing to do yet" not in html


@pytest.mark.parametrize("count", [1, 5])
def test_home_needs_the_same_queries_for_any_number_of_assignments(
    client, course, programme, count, django_assert_max_num_queries
):
    klass = course.assignment.school_class
    for _ in range(count - 1):
        module = ModulePageFactory(parent=programme)
        lesson = LessonPageFactory(parent=module)
        assignment = Assignment.objects.create(school_class=klass, module=module, opens_on=timezone.localdate())
        complete_lesson(pupil=course.pupil, assignment=assignment, lesson=lesson)
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    sign_in(client, course.pupil)
    # Session, pupil, assignments, their modules, their progress, whether a live class lesson
    # has started, and the footer's links (the modules and the links are kept once read).
    with django_assert_max_num_queries(7):
        response = client.get(url("pupil_home"))
    assert response.content.decode().count('class="card"') == count


def test_home_hides_assignments_not_yet_open(client, course):
    course.assignment.opens_on = timezone.localdate() + timedelta(days=1)
    course.assignment.save()
    sign_in(client, course.pupil)
    assert course.assignment.module.title not in client.get(url("pupil_home")).content.decode()
    assert client.get(url("assignment", course.assignment.pk)).status_code == 404


def test_pages_need_a_signed_in_pupil(client, course):
    response = client.get(url("pupil_home"))
    assert response.status_code == 302 and response["Location"] == reverse("schools:pupil_login")


# --- Module page and lesson player -----------------------------------------------------------------


def test_in_class_module_shows_lessons_as_taught_in_class_and_has_no_player(client, course):
    sign_in(client, course.pupil)
    html = client.get(url("assignment", course.assignment.pk)).content.decode()
    assert "Coming up in class" in html
    assert lesson_url(course, 0) not in html
    assert client.get(lesson_url(course, 0)).status_code == 404
    assert client.post(lesson_url(course, 0, 3), {"action": "finish"}).status_code == 404
    assert not LessonProgress.objects.exists()
    record_lesson_taught(assignment=course.assignment, lesson=course.lessons[0], pupils=[course.pupil])
    html = client.get(url("assignment", course.assignment.pk)).content.decode()
    assert html.count("Taught in class</strong>") == 1 + 1  # the module's tag and the taught lesson


def test_a_pupil_who_missed_an_in_class_lesson_can_catch_up_alone_when_the_module_allows(client, course):
    module = course.assignment.module
    module.delivery_mode = "teacher_led_or_self_paced"
    module.save()
    record_lesson_taught(assignment=course.assignment, lesson=course.lessons[0], pupils=[course.other_pupil])
    sign_in(client, course.pupil)
    html = client.get(url("assignment", course.assignment.pk)).content.decode()
    assert html.count("Missed it? Catch up on your own") == 2
    assert lesson_url(course, 0) in html and lesson_url(course, 1) in html
    assert client.get(lesson_url(course, 0)).status_code == 200
    assert client.post(lesson_url(course, 0, 3), {"action": "finish"}).status_code == 302
    row = LessonProgress.objects.get(pupil=course.pupil, lesson=course.lessons[0])
    assert row.completed_at is not None and not row.taught_in_class
    html = client.get(url("assignment", course.assignment.pk)).content.decode()
    assert html.count("Missed it? Catch up on your own") == 1, "the lesson caught up needs no link"
    assert "Caught up</strong>" in html


def test_self_paced_module_links_each_lesson_to_the_player(client, course):
    self_paced(course)
    sign_in(client, course.pupil)
    html = client.get(url("assignment", course.assignment.pk)).content.decode()
    assert lesson_url(course, 0) in html and lesson_url(course, 1) in html
    assert url("quiz", course.assignment.pk) in html


def test_player_shows_one_slide_and_remembers_how_far_the_pupil_got(client, course):
    self_paced(course)
    sign_in(client, course.pupil)
    response = client.get(lesson_url(course, 0, 2))
    html = response.content.decode()
    assert "Slide 2 of 3" in html
    assert "Respect means treating people as equals." in html
    assert "?slide=1" in html and "?slide=3" in html
    assert "Finish lesson" not in html
    assert "no-store" in response["Cache-Control"]
    row = LessonProgress.objects.get(pupil=course.pupil, lesson=course.lessons[0])
    assert row.last_position == 2 and row.completed_at is None
    client.get(lesson_url(course, 0, 1))
    row.refresh_from_db()
    assert row.last_position == 2, "going back does not lose the place"


def test_player_resumes_where_the_pupil_left_off(client, course):
    self_paced(course)
    record_position(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0], position=2)
    sign_in(client, course.pupil)
    assert "Slide 2 of 3" in client.get(lesson_url(course, 0)).content.decode()
    assert "Slide 1 of 3" in client.get(lesson_url(course, 1)).content.decode()
    assert "Slide 3 of 3" in client.get(lesson_url(course, 0, 99)).content.decode()


def test_finishing_a_lesson_completes_it_and_moves_on(client, course):
    self_paced(course)
    sign_in(client, course.pupil)
    last = client.get(lesson_url(course, 0, 3)).content.decode()
    assert "Finish lesson" in last
    response = client.post(lesson_url(course, 0, 3), {"action": "finish"}, follow=True)
    finished = url("lesson_finished", course.assignment.pk, course.lessons[0].pk)
    assert response.redirect_chain == [(finished, 302)]
    page = response.content.decode()
    assert "Lesson finished" in page and f"You have finished lesson 1: {course.lessons[0].title}" in page
    assert "You have done 1 of 2 lessons" in page
    assert f'href="{lesson_url(course, 1)}">Start lesson 2: {course.lessons[1].title}</a>' in page
    assert LessonProgress.objects.get(lesson=course.lessons[0]).completed_at is not None
    progress = ModuleProgress.objects.get(pupil=course.pupil, assignment=course.assignment)
    assert (progress.lessons_done, progress.percent) == (1, 50)
    last = client.post(lesson_url(course, 1, 3), {"action": "finish"}, follow=True).content.decode()
    assert "That was the last lesson." in last and "Start lesson" not in last
    assert f'href="{url("assignment", course.assignment.pk)}">Back to all lessons' in last
    progress.refresh_from_db()
    assert progress.percent == 100 and not progress.is_complete, "the quiz is still to do"


def test_the_finished_page_is_not_found_before_the_lesson_is_finished(client, course, outsider):
    self_paced(course)
    sign_in(client, course.pupil)
    finished = url("lesson_finished", course.assignment.pk, course.lessons[0].pk)
    assert client.get(finished).status_code == 404
    client.post(lesson_url(course, 0, 3), {"action": "finish"})
    assert client.get(finished).status_code == 200
    client.cookies.clear()
    sign_in(client, outsider[0], outsider[1], outsider[2])
    assert client.get(finished).status_code == 404, "another school's pupil cannot see it"


def test_finish_from_a_middle_slide_does_not_complete_the_lesson(client, course):
    self_paced(course)
    sign_in(client, course.pupil)
    response = client.post(lesson_url(course, 0, 1), {"action": "finish"})
    assert response.status_code == 302
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_lesson_of_another_module_is_not_found(client, course, programme):
    self_paced(course)
    stranger = LessonPageFactory(parent=ModulePageFactory(parent=programme))
    sign_in(client, course.pupil)
    assert client.get(url("lesson", course.assignment.pk, stranger.pk)).status_code == 404
    assert not LessonProgress.objects.exists()


def test_knowledge_check_is_answered_and_explained(client, course, interactive_lesson):
    sign_in(client, course.pupil)
    html = client.get(lesson_url(course, 0, 2)).content.decode()
    assert 'type="radio"' in html and "Can someone change their mind?" in html
    assert "Anyone can change their mind." not in html, "the explanation comes after answering"
    html = client.post(lesson_url(course, 0, 2), {"action": "check", "choice": "1"}).content.decode()
    assert "Not quite." in html and "The answer is: Yes, at any time" in html
    assert "Anyone can change their mind." in html
    html = client.post(lesson_url(course, 0, 2), {"action": "check", "choice": "0"}).content.decode()
    assert "Yes, that's right." in html and "Not quite." not in html


def test_knowledge_check_without_an_answer_asks_for_one(client, course, interactive_lesson):
    sign_in(client, course.pupil)
    for choice in ("", "7", "x"):
        response = client.post(lesson_url(course, 0, 2), {"action": "check", "choice": choice})
        assert response.status_code == 400
        assert "govuk-error-summary" in response.content.decode()


def test_scenario_shows_the_feedback_for_the_choice_made(client, course, interactive_lesson):
    sign_in(client, course.pupil)
    html = client.get(lesson_url(course, 0, 3)).content.decode()
    assert "Support helps." not in html
    html = client.post(lesson_url(course, 0, 3), {"action": "choose", "choice": "1"}).content.decode()
    assert "You chose: Message Priya" in html and "Support helps." in html and "A good choice" in html
    assert "Priya may feel alone." not in html


# --- Quiz ------------------------------------------------------------------------------------------


def test_quiz_form_carries_the_version_and_a_fresh_key(client, course):
    sign_in(client, course.pupil)
    lessons_done(course)
    html = client.get(url("quiz", course.assignment.pk)).content.decode()
    assert f'name="version" value="{course.version.pk}"' in html
    first = quiz_form(client, course)["key"]
    second = quiz_form(client, course)["key"]
    assert uuid.UUID(first) and first != second
    assert 'name="answer-q1"' in html and 'type="radio"' in html


def test_submitting_stores_one_attempt_and_shows_the_result(client, course):
    sign_in(client, course.pupil)
    lessons_done(course)
    form = {**quiz_form(client, course), "answer-q1": "a", "answer-q2": "a"}
    response = client.post(url("quiz", course.assignment.pk), form)
    attempt = QuizAttempt.objects.get()
    result_url = url("quiz_result", course.assignment.pk, attempt.pk)
    assert response.status_code == 302 and response["Location"] == result_url
    assert (attempt.pupil, attempt.score, attempt.wave) == (course.pupil, 1, "post")
    html = client.get(result_url).content.decode()
    assert "1 out of 2" in html
    assert "Not passed yet" in html and ">Finished<" in html, "every lesson done and the quiz taken"
    assert "Your first try: this is the one that counts." in html
    assert html.count("Right answer") == 2 and "Because." in html


def test_the_same_submission_again_stores_nothing_new(client, course):
    sign_in(client, course.pupil)
    lessons_done(course)
    form = right_answers(course)
    first = client.post(url("quiz", course.assignment.pk), form)
    again = client.post(url("quiz", course.assignment.pk), form)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert QuizAttempt.objects.count() == 1 and QuizAnswer.objects.count() == 2


@pytest.mark.parametrize(
    "tamper",
    [
        {"answer-q1": "z"},
        {"answer-q1": ["a", "b"]},
        {"answer-q9": "a"},
        {"key": "not-a-key"},
        {"key": ""},
        {"version": "999999"},
    ],
)
def test_tampered_submission_is_refused_and_nothing_stored(client, course, tamper):
    sign_in(client, course.pupil)
    response = client.post(url("quiz", course.assignment.pk), {**right_answers(course), **tamper})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert not QuizAttempt.objects.exists() and not QuizAnswer.objects.exists()
    course.version.refresh_from_db()
    assert not course.version.is_locked


def test_version_of_another_quiz_is_refused(client, course):
    other = record_version(instrument=QuizFactory())
    sign_in(client, course.pupil)
    response = client.post(url("quiz", course.assignment.pk), {**right_answers(course), "version": other.pk})
    assert response.status_code == 400 and "This quiz has changed" in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_later_attempts_are_practice(client, course):
    sign_in(client, course.pupil)
    lessons_done(course)
    client.post(url("quiz", course.assignment.pk), {**quiz_form_fields(course), "answer-q1": "a", "blanks": "send"})
    assert "This try is for practice" in client.get(url("quiz", course.assignment.pk)).content.decode()
    client.post(url("quiz", course.assignment.pk), right_answers(course))
    html = client.get(url("pupil_results")).content.decode()
    assert "End of the module: first try" in html and "This is the try that counts." in html
    assert "Practice (try 2)" in html
    assert "1 out of 2" in html and "2 out of 2" in html


def test_results_say_what_the_quiz_before_the_lessons_is_for(client, course):
    """No pass mark and no "the one that counts" on the baseline; it comes before the end quiz's tries."""
    course.assignment.include_surveys = True
    course.assignment.save()
    sign_in(client, course.pupil)
    client.post(url("pre_quiz", course.assignment.pk), {**quiz_form_fields(course), "answer-q1": "b", "blanks": "send"})
    lessons_done(course)
    client.post(url("quiz", course.assignment.pk), {**quiz_form_fields(course), "answer-q1": "b", "blanks": "send"})
    soup = BeautifulSoup(client.get(url("pupil_results")).content, "html.parser")
    rows = [
        (" ".join(row.dt.get_text(" ").split()), " ".join(row.dd.get_text(" ").split()))
        for row in soup.select(".govuk-summary-list__row")
    ]
    assert [key.split(" ")[0:3] for key, _ in rows] == [["Before", "the", "lessons"], ["End", "of", "the"]]
    before, end = rows
    assert "What you knew at the start. There is no pass mark for this one." in before[1]
    assert "pass" not in before[1].replace("no pass mark", "")
    assert "Not passed yet The pass mark is 70%. This is the try that counts." in end[1]
    assert soup.find("table") is None, "no table to scroll sideways on a phone"


def test_the_quiz_before_the_lessons_does_not_show_the_end_quizs_introduction(client, course):
    quiz = course.version.quiz
    quiz.intro = "Questions about what you have learned. You need 70% to pass."
    quiz.save()
    course.assignment.include_surveys = True
    course.assignment.save()
    sign_in(client, course.pupil)
    before = client.get(url("pre_quiz", course.assignment.pk)).content.decode()
    assert "what you have learned" not in before and "There is no pass mark for this one." in before
    lessons_done(course)
    assert "what you have learned" in client.get(url("quiz", course.assignment.pk)).content.decode()


def test_opted_out_pupils_still_take_quizzes(client, course):
    course.pupil.opted_out_at = timezone.localdate()
    course.pupil.save()
    sign_in(client, course.pupil)
    lessons_done(course)
    response = client.post(url("quiz", course.assignment.pk), right_answers(course))
    assert response.status_code == 302
    assert QuizAttempt.objects.filter(pupil=course.pupil).count() == 1


def test_another_pupils_result_is_not_found(client, course):
    sign_in(client, course.pupil)
    lessons_done(course)
    client.post(url("quiz", course.assignment.pk), right_answers(course))
    attempt = QuizAttempt.objects.get()
    client.post(reverse("schools:pupil_logout"))
    sign_in(client, course.other_pupil)
    assert client.get(url("quiz_result", course.assignment.pk, attempt.pk)).status_code == 404


# --- Other schools and classes ---------------------------------------------------------------------


def test_another_schools_pupil_gets_404_everywhere_and_nothing_is_stored(client, course, outsider):
    self_paced(course)
    found, klass, code = outsider
    attempt_client = client.__class__()
    lessons_done(course)
    sign_in(attempt_client, course.pupil)
    attempt_client.post(url("quiz", course.assignment.pk), right_answers(course))
    attempt = QuizAttempt.objects.get()

    sign_in(client, found, klass, code)
    pk = course.assignment.pk
    for address in (
        url("assignment", pk),
        lesson_url(course, 0),
        lesson_url(course, 0, 2),
        url("quiz", pk),
        url("quiz_result", pk, attempt.pk),
        url("certificate", pk),
    ):
        assert client.get(address).status_code == 404, address
    assert client.post(lesson_url(course, 0, 3), {"action": "finish"}).status_code == 404
    assert client.post(url("quiz", pk), right_answers(course)).status_code == 404
    assert not QuizAttempt.objects.filter(pupil=found).exists()
    assert not LessonProgress.objects.filter(pupil=found).exists()
    assert not ModuleProgress.objects.filter(pupil=found).exists()
    assert course.assignment.module.title not in client.get(url("pupil_home")).content.decode()


def test_pupil_of_another_class_in_the_same_school_gets_404(client, course):
    school = course.assignment.school_class.school
    klass = school_class(school, course.teacher, name="9Z")
    found, code = pupil(klass, "Eve")
    sign_in(client, found, klass, code)
    assert client.get(url("assignment", course.assignment.pk)).status_code == 404
    assert client.post(url("quiz", course.assignment.pk), right_answers(course)).status_code == 404
    assert not QuizAttempt.objects.exists()


# --- Results and certificate -----------------------------------------------------------------------


def test_certificate_only_for_a_finished_module(client, course):
    sign_in(client, course.pupil)
    assert client.get(url("certificate", course.assignment.pk)).status_code == 404
    record_lesson_taught(assignment=course.assignment, lesson=course.lessons[0], pupils=[course.pupil])
    record_lesson_taught(assignment=course.assignment, lesson=course.lessons[1], pupils=[course.pupil])
    client.post(url("quiz", course.assignment.pk), right_answers(course))
    response = client.get(url("certificate", course.assignment.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert course.pupil.first_name in html and course.assignment.module.title in html
    assert timezone.localdate().strftime("%-d %B %Y") in html
    results = client.get(url("pupil_results")).content.decode()
    assert url("certificate", course.assignment.pk) in results and "Passed" in results


def test_unanswered_questions_are_scored_and_shown_as_not_answered(client, course):
    sign_in(client, course.pupil)
    lessons_done(course)
    client.post(url("quiz", course.assignment.pk), {**quiz_form_fields(course), "answer-q2": "a", "blanks": "send"})
    attempt = QuizAttempt.objects.get()
    html = client.get(url("quiz_result", course.assignment.pk, attempt.pk)).content.decode()
    assert attempt.score == 0 and html.count("You did not answer this one.") == 1


def test_multiple_choice_questions_use_checkboxes(client, course):
    quiz = course.version.quiz
    multiple = (
        "multiple_choice",
        {**single_choice("q3")[1], "choices": [{"text": "A", "correct": True}, {"text": "B", "correct": True}]},
    )
    quiz.questions = stream([single_choice("q1"), single_choice("q2", correct=1), multiple])
    quiz.save()
    record_version(instrument=quiz)
    sign_in(client, course.pupil)
    lessons_done(course)
    html = client.get(url("quiz", course.assignment.pk)).content.decode()
    assert 'name="answer-q3"' in html and 'type="checkbox"' in html
    form = {**quiz_form(client, course), "answer-q1": "a", "answer-q2": "b", "answer-q3": ["a", "b"]}
    client.post(url("quiz", course.assignment.pk), form)
    assert QuizAttempt.objects.get().score == 3


# --- Discussion slides alone -------------------------------------------------------------------------


def test_a_discussion_slide_gives_a_pupil_alone_something_to_do_and_keeps_nothing(client, course):
    import json

    lesson = course.lessons[0]
    lesson.body = json.dumps(
        [
            {"type": "text", "value": "<p>Respect means treating people as equals.</p>"},
            {
                "type": "discussion",
                "value": {"prompt": "Why might Sam find it hard to speak up?", "follow_up": ["What could help?"]},
            },
        ]
    )
    lesson.save_revision().publish()
    self_paced(course)
    sign_in(client, course.pupil)
    pages = [client.get(lesson_url(course, 0, n)).content.decode() for n in range(1, 5)]
    discussion = next(html for html in pages if "Why might Sam find it hard to speak up?" in html)
    soup = BeautifulSoup(discussion, "html.parser")
    note = soup.find("textarea", id="private-note")
    assert "On your own: think about it" in discussion
    assert soup.find("label", attrs={"for": "private-note"}).get_text(strip=True) == "Your thoughts, just for you"
    assert note.get("name") is None and note.find_parent("form") is None, "nothing typed is ever sent"
    assert note.get("autocomplete") == "off"
    assert "This is not saved or sent" in discussion
    others = [html for html in pages if html is not discussion]
    assert not any("On your own: think about it" in html for html in others)


def test_a_sensitive_module_is_finished_never_passed_or_failed(client, course):
    """Modules about abuse, consent or images give a completion certificate: no "Passed", no "Not passed yet"."""
    module = course.assignment.module
    module.is_sensitive = True
    module.save()
    cache.clear()
    sign_in(client, course.pupil)
    lessons_done(course)
    client.post(url("quiz", course.assignment.pk), right_answers(course))
    attempt = QuizAttempt.objects.get()
    assert attempt.passed, "the score is still recorded as it is"
    result = client.get(url("quiz_result", course.assignment.pk, attempt.pk)).content.decode()
    results = client.get(url("pupil_results")).content.decode()
    for html in (result, results):
        assert "Passed" not in html and "Not passed yet" not in html
        assert "no pass or fail" in html.lower()
    assert url("certificate", course.assignment.pk) in results
    assert "finished the module" in client.get(url("certificate", course.assignment.pk)).content.decode()
