"""The small world the production smoke run signs in to (run by ``deploy/prod_smoke.py``).

    DJANGO_SETTINGS_MODULE=config.settings.production ... python deploy/smoke_world.py [--answers 120000]

Writes into the (fresh, throwaway) database named by DATABASE_URL: the demo programme's content,
one school with a teacher and a class of pupils, the first module with a quiz assigned to it, a
commissioner and an evaluator with TOTP authenticators, and about ``--answers`` quiz answers
written with bulk inserts, so the evaluator export takes a few seconds to build. Prints what the
run needs (codes, passwords, TOTP secrets, ids) as one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PUPILS = 30
QUESTIONS_PER_ATTEMPT = 8


def build(answers: int) -> dict:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from accounts.roles import GlobalRole
    from courses.demo_data import load_demo_content
    from courses.lesson_deck import module_lessons
    from courses.models import ModulePage, QuizVersion
    from learning.models import QuizAnswer, QuizAttempt
    from learning.services.lessons import complete_lesson
    from schools.models import Assignment, LocalAuthority, School, StaffMembership
    from schools.services.classes import create_class, current_academic_year
    from schools.services.pupils import create_pupil

    load_demo_content()
    password = secrets.token_urlsafe(18)
    with transaction.atomic():
        authority, _ = LocalAuthority.objects.get_or_create(code="886", defaults={"name": "Kent"})
        school = School.objects.create(name="Smoke Test Academy", urn=990001, local_authority=authority)
        teacher = User.objects.create_user("smoke-teacher@example.org", password)
        StaffMembership.objects.create(user=teacher, school=school, role="teacher")
        klass = create_class(
            school=school, name="Smoke 9A", year_group=9, academic_year=current_academic_year(), teacher=teacher
        )
        pupils = [
            create_pupil(
                school=school,
                school_class=klass,
                first_name=f"Pupil{n}",
                last_name="Smoke",
                year_group=9,
                actor=None,
                audit=False,
            )
            for n in range(PUPILS)
        ]
        module = next(
            m
            for m in ModulePage.objects.live().filter(knowledge_quiz__isnull=False).order_by("path").specific()
            if m.can_be_self_paced
        )
        assignment = Assignment.objects.create(
            school_class=klass, module=module, opens_on=timezone.localdate(), delivery="self_paced"
        )
        # The first pupil has done every lesson, so the end-of-module quiz is open to them.
        for lesson in module_lessons(module):
            complete_lesson(pupil=pupils[0][0], assignment=assignment, lesson=lesson, taught_in_class=True)
        people = {}
        for role, name in ((GlobalRole.COMMISSIONER, "commissioner"), (GlobalRole.EVALUATOR, "evaluator")):
            user = User.objects.create_user(f"smoke-{name}@example.org", password)
            user.groups.add(Group.objects.get_or_create(name=role.value)[0])
            totp_secret = generate_totp_secret()
            TOTP.activate(user, totp_secret)
            people[name] = {"email": user.email, "totp_secret": totp_secret}

    # The bulk answers belong to every pupil but the first, who takes the quiz over HTTP.
    version = QuizVersion.objects.filter(quiz=module.knowledge_quiz).order_by("-number").first()
    attempts_each = max(1, answers // (QUESTIONS_PER_ATTEMPT * (PUPILS - 1)))
    now = timezone.now()
    for pupil, _code in pupils[1:]:
        made = QuizAttempt.objects.bulk_create(
            QuizAttempt(
                idempotency_key=uuid.uuid4(),
                pupil=pupil,
                assignment=assignment,
                quiz_version=version,
                wave="post",
                number=number,
                counts_for_evaluation=number == 1,
                started_at=now,
                score=4,
                max_score=QUESTIONS_PER_ATTEMPT,
                passed=False,
            )
            for number in range(1, attempts_each + 1)
        )
        QuizAnswer.objects.bulk_create(
            (
                QuizAnswer(attempt=attempt, question_key=f"q{q}", selected=[0], correct=q % 2 == 0, points=q % 2)
                for attempt in made
                for q in range(QUESTIONS_PER_ATTEMPT)
            ),
            batch_size=5000,
        )
    return {
        "class_code": klass.class_code,
        "class_id": klass.pk,
        "pupil_code": pupils[0][1],
        "pupil_id": pupils[0][0].pk,
        "assignment": assignment.pk,
        "password": password,
        "teacher": teacher.email,
        **people,
        "bulk_answers": attempts_each * QUESTIONS_PER_ATTEMPT * (PUPILS - 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=120_000)
    args = parser.parse_args()
    import django

    django.setup()
    print(json.dumps(build(args.answers)))


if __name__ == "__main__":
    main()
