"""The world the hot-path requests are made in: a class, its pupils and teacher signed in, a live lesson."""

from __future__ import annotations

import sys
import time

from in_process import Browser, call, csrf_from

TEACHER_PASSWORD = "profile-password-123"


def build_world() -> dict:
    """A class with a self-paced assignment, a pupil signed in, a teacher signed in, a live lesson."""
    from django.utils import timezone

    from accounts.models import User
    from classroom.services.delivery import record_checklist
    from classroom.services.live import lesson_blocks
    from courses.models import ModulePage
    from learning.services.lessons import record_lesson_taught
    from schools.models import Assignment, LocalAuthority, School, StaffMembership
    from schools.services.classes import create_class, current_academic_year
    from schools.services.pupils import create_pupil

    authority, _ = LocalAuthority.objects.get_or_create(code="886", defaults={"name": "Kent"})
    school, _ = School.objects.get_or_create(
        urn=999990,
        defaults={"name": "Profile School", "local_authority": authority, "dsl_name": "Ms Lead", "dsl_contact": "R1"},
    )
    teacher = User.objects.filter(email="profile-teacher@example.org").first()
    if teacher is None:
        teacher = User.objects.create_user("profile-teacher@example.org", TEACHER_PASSWORD)
        StaffMembership.objects.create(user=teacher, school=school, role="teacher")
    klass = create_class(
        school=school,
        name=f"P{int(time.time())}",
        year_group=9,
        academic_year=current_academic_year(),
        teacher=teacher,
    )
    made = [
        create_pupil(
            school=school,
            school_class=klass,
            first_name=f"Pupil{n}",
            last_name="P",
            year_group=9,
            actor=None,
            audit=False,
        )
        for n in range(30)
    ]
    codes = [code for _, code in made]
    modules = list(ModulePage.objects.live().order_by("path").specific())
    self_paced = next(m for m in modules if m.can_be_self_paced and m.knowledge_quiz_id)
    paced = Assignment.objects.create(
        school_class=klass,
        module=self_paced,
        opens_on=timezone.localdate(),
        delivery="self_paced",
        include_surveys=False,
    )
    # The quiz's submitters (pupils 1 to 5) were taught every lesson: the end-of-module quiz is open.
    for lesson in self_paced.lessons():
        record_lesson_taught(assignment=paced, lesson=lesson, pupils=[pupil for pupil, _ in made[1:6]])
    live_module, live_lesson = next(
        (m, lesson) for m in modules if m.knowledge_quiz_id for lesson in m.lessons() if len(lesson_blocks(lesson)) >= 2
    )
    live_assignment = Assignment.objects.create(school_class=klass, module=live_module, opens_on=timezone.localdate())
    record_checklist(
        school_class=klass,
        lesson=live_lesson,
        teacher=teacher,
        dsl_told=True,
        affected_pupils_considered=True,
        ground_rules_ready=True,
    )
    return {
        "class": klass.pk,
        "class_code": klass.class_code,
        "codes": codes,
        "assignment": paced.pk,
        "lessons": [lesson.pk for lesson in self_paced.lessons()],
        "public_lesson": self_paced.lessons().first().url,
        "public_module": self_paced.url,
        "live_assignment": live_assignment.pk,
        "live_lesson": live_lesson.pk,
        "teacher": teacher.email,
    }


def sign_in_pupil(app, world: dict, code: str, path: str = "/pupil/login/") -> Browser:
    browser = Browser()
    page = call(app, browser, "GET", path)
    answer = call(
        app,
        browser,
        "POST",
        path,
        {"csrfmiddlewaretoken": csrf_from(page.body), "class_code": world["class_code"], "pupil_code": code},
    )
    if answer.status != 302:
        sys.exit(f"pupil sign-in answered {answer.status}")
    return browser
