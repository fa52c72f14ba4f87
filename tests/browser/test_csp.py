"""The Content-Security-Policy in Chromium: a pupil's whole journey, and the Wagtail and Django
admins, run without a single violation; quick exit signs the pupil out, with or without
JavaScript."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.versioning import record_version
from schools.models import Assignment
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
    QuizFactory,
    SchoolFactory,
    SurveyFactory,
    make_site_home,
    platform_admin,
    pupil,
    school_class,
    staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LESSON_BODY = [
    {"type": "text", "value": "<p>Bystanders can help.</p>"},
    {
        "type": "knowledge_check",
        "value": {
            "question": "Who can be an active bystander?",
            "choices": [{"text": "Anyone", "correct": True}, {"text": "Only adults", "correct": False}],
            "explanation": "Anyone can help safely.",
        },
    },
    {
        "type": "scenario",
        "value": {
            "title": "On the bus",
            "characters": "Jo and Sam (made up)",
            "situation": "<p>Jo hears a comment about Sam.</p>",
            "question": "What could Jo do?",
            "choices": [
                {"text": "Check Sam is OK", "feedback": "Support helps.", "recommended": True},
                {"text": "Laugh along", "feedback": "Sam may feel alone.", "recommended": False},
            ],
        },
    },
]
# Reports each securitypolicyviolation event to the test; installed before any page script runs.
LISTEN_FOR_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  const text = `${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${where}`;
  window.reportCspViolation(text);
  window.cspViolations.push(text);
});
"""
CONSOLE_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy", "Refused to")


@pytest.fixture
def course(live_server):
    programme = ProgrammePageFactory(parent=make_site_home())
    quiz, survey = QuizFactory(title="Bystander quiz"), SurveyFactory(title="What you think")
    module = ModulePageFactory(
        parent=programme, title="Standing up for others", knowledge_quiz=quiz, attitude_survey=survey
    )
    lesson = LessonPageFactory(parent=module, title="Noticing", body=json.dumps(LESSON_BODY))
    record_version(instrument=quiz)
    record_version(instrument=survey)
    school = SchoolFactory()
    teacher = staff(school, email="teacher@csp.example.org")
    klass = school_class(school, teacher, name="8J", year_group=8)
    _, code = pupil(klass, "Amara", "K")
    assignment = Assignment.objects.create(
        school_class=klass, module=module, opens_on=timezone.localdate(), delivery="self_paced", include_surveys=True
    )
    return {
        "url": live_server.url,
        "class": klass,
        "code": code,
        "assignment": assignment,
        "lesson": lesson,
        "programme": programme,
        "teacher": teacher,
    }


def watch_for_csp_problems(page) -> list[str]:
    """Every CSP violation (event or console message) on this page from now on."""
    problems: list[str] = []
    page.expose_function("reportCspViolation", lambda text: problems.append(f"violation: {text}"))
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}") if any(word in message.text for word in CONSOLE_WORDS) else None
        ),
    )
    return problems


def sign_in_pupil(page, course) -> None:
    page.goto(course["url"] + "/pupil/login/")
    page.get_by_label("Class code").fill(course["class"].class_code)
    page.get_by_label("Your code").fill(course["code"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/pupil/")


def open_page(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url


def answer_every_question(page, button: str) -> None:
    for group in page.locator("fieldset").all():
        group.locator("input").first.check()
    page.get_by_role("button", name=button).click()


def test_the_pupil_journey_runs_under_the_csp_without_violations(page, course):
    problems = watch_for_csp_problems(page)
    module_url = f"{course['url']}/pupil/modules/{course['assignment'].pk}/"

    sign_in_pupil(page, course)
    open_page(page, course["url"] + "/pupil/")
    open_page(page, module_url)
    open_page(page, module_url + "survey/pre/")
    answer_every_question(page, "Send my answers")
    open_page(page, f"{module_url}lessons/{course['lesson'].pk}/")
    while True:
        for button in ("Check my answer", "See what happens"):
            if page.get_by_role("button", name=button).count():
                page.locator("input[type=radio]").first.check()
                page.get_by_role("button", name=button).click()
        if page.get_by_role("button", name="Finish lesson").count():
            page.get_by_role("button", name="Finish lesson").click()
            break
        page.get_by_role("link", name="Next slide").click()
    open_page(page, module_url + "quiz/")
    answer_every_question(page, "Send my answers")
    page.wait_for_url("**/quiz/attempts/*/")
    for path in ("/pupil/results/", "/pupil/help/", "/pupil/live/", "/pupil/questions/"):
        open_page(page, course["url"] + path)
    open_page(page, course["url"] + course["programme"].url)

    assert page.evaluate("window.cspViolations") == []
    assert problems == [], "\n".join(problems)


def test_teacher_pages_and_present_mode_run_under_the_csp_without_violations(page, course, live_server):
    klass, assignment, lesson = course["class"], course["assignment"], course["lesson"]
    sign_in_staff(page.context, live_server, course["teacher"])
    problems = watch_for_csp_problems(page)
    lesson_args = [klass.pk, assignment.pk, lesson.pk]

    for url in (
        reverse("schools:teacher_home"),
        reverse("schools:class_detail", args=[klass.pk]),
        reverse("schools:login_cards", args=[klass.pk]),
        reverse("learning:class_progress", args=[klass.pk]),
        reverse("classroom:teach_lesson", args=lesson_args),
        reverse("classroom:presenter", args=lesson_args),
        reverse("classroom:present", args=lesson_args),
    ):
        open_page(page, live_server.url + url)
    page.keyboard.press("ArrowRight")

    assert page.evaluate("window.cspViolations") == []
    assert problems == [], "\n".join(problems)


def test_the_violation_listener_catches_an_injected_inline_script(page, course):
    problems = watch_for_csp_problems(page)
    open_page(page, course["url"] + "/pupil/login/")

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )
    page.wait_for_function("() => window.cspViolations.length > 0")

    assert page.evaluate("window.injected") is None, "the inline script did not run"
    assert any("script-src" in problem for problem in problems), problems


def sign_in_staff(browser_context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    browser_context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_wagtail_and_django_admins_work_under_their_policy(page, course, live_server):
    sign_in_staff(page.context, live_server, platform_admin(email="admin@csp.example.org"))
    problems = watch_for_csp_problems(page)

    response = page.goto(f"{live_server.url}/admin/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    assert page.get_by_role("heading", name="Respect Online").count() >= 1

    page.goto(f"{live_server.url}/admin/pages/{course['lesson'].pk}/edit/")
    page.get_by_role("button", name="Save draft").wait_for()
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe").get_by_role("heading", name="Noticing", level=1)
    preview.wait_for()
    page.goto(f"{live_server.url}/admin/images/")
    page.goto(f"{live_server.url}/django-admin/")
    assert page.get_by_role("heading", name="Site administration").count() == 1

    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_quick_exit_signs_the_pupil_out_and_leaves(browser, course, settings, javascript):
    # Chromium does not let a test intercept the redirect to another site, so the neutral
    # site is this site's home page here.
    settings.QUICK_EXIT_URL = course["url"] + "/"
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    try:
        sign_in_pupil(page, course)
        page.goto(course["url"] + "/pupil/help/")
        assert page.get_by_role("button", name="Sign out").count() == 1

        page.get_by_role("button", name="Emergency Quick exit").click()
        page.wait_for_url(settings.QUICK_EXIT_URL)
        assert page.get_by_role("link", name="Pupil sign in").count() == 1, "no one is signed in"

        page.go_back()
        page.wait_for_load_state()
        assert page.url == course["url"] + "/pupil/login/", "Back shows the sign-in page, not the pupil's"
        assert "Amara" not in page.content()
    finally:
        context.close()


def test_sign_out_is_visible_on_a_phone(browser, course):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        sign_in_pupil(page, course)
        sign_out = page.get_by_role("button", name="Sign out")
        assert sign_out.is_visible()
        sign_out.click()
        page.wait_for_url("**/pupil/login/")
    finally:
        context.close()
