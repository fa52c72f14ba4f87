"""Demo live lessons: in each demo school, one lesson taught live to one class, finished and registered.

Runs after the learning demo (``DEMO_DATA_LOADERS``) and without it. Everything is made
through the services the classroom pages call, so each row is one production could hold:
the teacher ticks the before-you-teach checklist (sensitive modules), starts the live
lesson, pupils join on their devices, the teacher opens a knowledge check and a scenario
and pupils answer, a few pupils post anonymous questions, the teacher ends the lesson and
saves the register (one pupil with no device marked present by hand; the lesson is marked
taught for everyone present), then answers, hides or passes on the questions.

Which class and lesson: the next lesson nobody in the school has been taught yet, in a
class taught in class (year 9 first), else the lesson fewest pupils have done. The demo
logins ``demo_logins`` prints are kept out of it (away), so their scripted state (see
``learning.demo_data``) holds; so is a pupil the learning demo has away from every lesson.

A school with no safeguarding lead on record gets its school lead as DSL, through the
service a school lead's page calls: sensitive lessons need one, and passing a question on
needs the DSL's account.

The services stamp now(). The lesson ended a few minutes before the register, so once it has
ended its session, joins, answers and questions are moved back to when they happened; then
the register is saved (its progress worked out from the moved rows) and the questions
handled, at now, like the audit log entries (append-only) those make.

A school that already has any live lesson is left alone: running the loader again changes nothing.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from classroom.models import AnonymousQuestion, Attendance, LiveAnswer, LiveSession, TeachingChecklist
from classroom.services.delivery import module_is_sensitive, record_checklist
from classroom.services.live import (
    Activity,
    close_activity,
    end_session,
    join_session,
    open_activity,
    session_activities,
    start_session,
)
from classroom.services.live_answers import answer_block
from classroom.services.questions import (
    answer_in_writing,
    ask_question,
    mark_answered_in_class,
    pass_to_dsl,
    set_hidden,
)
from classroom.services.register import save_register
from courses.models import LessonPage
from learning.demo_data import demo_classes, printed_pupil_scripts
from learning.demo_progress.answers import activity_choice
from learning.models import ActivityAnswer, ActivityKind, LessonProgress
from schools.models import Arm, Assignment, Delivery, Pupil, School, SchoolClass, SchoolRole, StaffMembership
from schools.services.safeguarding import set_safeguarding_lead

from .demo_questions import questions_for

LESSON_MINUTES = 50
# Minutes after the start: pupils join, the activities open, questions are posted.
JOINING = (1, 4)
ACTIVITY_STARTS = (12, 26)
ASKING = (15, 45)
ANSWER_RATE = 0.92
MIN_AWAY = 2
DSL_CONTACT = "Student support office, or ask any member of staff to find them"
# Where the teacher finds the register of a lesson taught live.
LESSON_PATH = "Your classes > the class > Teach lesson N > Taught live > The register"


@dataclass
class DemoClassroomSummary:
    created: list[str] = field(default_factory=list)


def _members(school_class: SchoolClass) -> list[Pupil]:
    return list(Pupil.objects.in_class(school_class).order_by("pk"))


def _choose_lesson(classes: list[SchoolClass]) -> tuple[Assignment, LessonPage] | None:
    """The next lesson nobody has been taught, in-class assignments and year 9 first; else the least done."""
    best = None
    # Not a comparison (wait-list) class: its lessons wait until after its answers after.
    assignments = Assignment.objects.filter(school_class__in=classes, arm=Arm.PROGRAMME).select_related(
        "module", "school_class"
    )
    for assignment in assignments:
        done = dict(
            LessonProgress.objects.filter(assignment=assignment, completed_at__isnull=False)
            .values_list("lesson_id")
            .annotate(n=Count("pk"))
        )
        year = assignment.school_class.year_group
        for position, lesson in enumerate(assignment.module.lessons()):
            key = (
                done.get(lesson.pk, 0),
                assignment.delivery != Delivery.IN_CLASS,
                year != 9,
                year,
                assignment.school_class.name,
                position,
            )
            if best is None or key < best[0]:
                best = (key, assignment, lesson)
    return (best[1], best[2]) if best is not None else None


def _away(assignment: Assignment, pupils: list[Pupil], printed: Iterable[int], rng: random.Random) -> set[int]:
    """Printed demo logins, a pupil away from every lesson so far, and others to make ``MIN_AWAY``."""
    ids = {pupil.pk for pupil in pupils}
    away = ids & set(printed)
    if assignment.delivery == Delivery.IN_CLASS:
        had_lessons = set(
            LessonProgress.objects.filter(assignment=assignment, completed_at__isnull=False).values_list(
                "pupil_id", flat=True
            )
        )
        if had_lessons:
            away |= ids - had_lessons
    others = sorted(ids - away)
    away |= set(rng.sample(others, max(MIN_AWAY - len(away), 0)))
    return away


def _safeguarding_lead(school: School) -> None:
    """Put the school lead on record as DSL, when the school has no DSL on record at all."""
    if school.dsl_user_id is not None or school.has_safeguarding_lead:
        return
    lead = (
        StaffMembership.objects.filter(school=school, role=SchoolRole.SCHOOL_LEAD)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if lead is None:
        return
    user = lead.user
    set_safeguarding_lead(
        school=school,
        actor=user,
        name=" ".join(user.get_full_name().split()) or user.email,
        contact=DSL_CONTACT,
        email=user.email,
        account=user,
    )


def _activities(session: LiveSession) -> list[Activity]:
    """The lesson's first knowledge check and first scenario (or its first two activities), in lesson order."""
    blocks = [activity for activity in session_activities(session) if activity.is_block]
    kinds = (ActivityKind.KNOWLEDGE_CHECK, ActivityKind.SCENARIO)
    firsts = [block for block in (next((a for a in blocks if a.kind == kind), None) for kind in kinds) if block]
    chosen = firsts if len(firsts) == len(kinds) else blocks[:2]
    return sorted(chosen, key=blocks.index)


@dataclass
class DemoLesson:
    """A lesson being taught, and when each of its events happened (noted as they are made)."""

    session: LiveSession
    teacher: User
    start: datetime.datetime
    pupils: list[Pupil] = field(default_factory=list)
    present: set[int] = field(default_factory=set)
    questions: list[tuple[AnonymousQuestion, str, str]] = field(default_factory=list)
    joined: dict[int, datetime.datetime] = field(default_factory=dict)
    answered: dict[tuple[int, str], datetime.datetime] = field(default_factory=dict)
    asked: dict[int, datetime.datetime] = field(default_factory=dict)

    def at(self, minutes: float) -> datetime.datetime:
        return self.start + datetime.timedelta(minutes=minutes)


def _teach(
    assignment: Assignment, lesson: LessonPage, teacher: User, printed: set[int], rng: random.Random
) -> DemoLesson:
    """The lesson from the checklist to its end: pupils join, answer two activities and ask questions."""
    school_class = assignment.school_class
    _safeguarding_lead(school_class.school)
    if module_is_sensitive(assignment.module):
        record_checklist(
            school_class=school_class,
            lesson=lesson,
            teacher=teacher,
            dsl_told=True,
            affected_pupils_considered=True,
            ground_rules_ready=True,
        )
    session = start_session(school_class=school_class, assignment=assignment, lesson=lesson, teacher=teacher)
    taught = DemoLesson(
        session=session, teacher=teacher, start=timezone.now() - datetime.timedelta(minutes=LESSON_MINUTES + 5)
    )
    taught.pupils = _members(school_class)
    away = _away(assignment, taught.pupils, printed, rng)
    here = [pupil for pupil in taught.pupils if pupil.pk not in away]
    taught.present = {pupil.pk for pupil in here}
    # One pupil's device would not connect: the teacher marks them present on the register.
    no_device = rng.choice(here)
    joiners = [pupil for pupil in here if pupil is not no_device]
    for pupil in joiners:
        join_session(session=session, pupil=pupil)
        taught.joined[pupil.pk] = taught.at(rng.uniform(*JOINING))
    for activity, opens in zip(_activities(session), ACTIVITY_STARTS, strict=False):
        session = open_activity(session=session, key=activity.key)
        choices = list(activity.block.value["choices"])
        for pupil in joiners:
            if rng.random() < ANSWER_RATE:
                choice = activity_choice(activity.kind, choices, rng.uniform(0.45, 0.9), rng)
                answer_block(session=session, pupil=pupil, block_id=activity.key, choice=choice)
                taught.answered[(pupil.pk, activity.key)] = taught.at(opens + rng.uniform(0.5, 4))
    close_activity(session=session)
    questions = questions_for(assignment.module.slug)[: len(joiners)]
    for pupil, (text, outcome, answer) in zip(rng.sample(joiners, len(questions)), questions, strict=True):
        question = ask_question(pupil=pupil, school_class=school_class, text=text)
        taught.asked[question.pk] = taught.at(rng.uniform(*ASKING))
        taught.questions.append((question, outcome, answer))
    end_session(session=session)
    return taught


def _backdate(taught: DemoLesson, since: datetime.datetime) -> None:
    """Move the lesson's rows back to when they happened (see the module docstring)."""
    session = taught.session
    LiveSession.objects.filter(pk=session.pk).update(started_at=taught.start, ended_at=taught.at(LESSON_MINUTES))
    for pupil_id, joined in taught.joined.items():
        Attendance.objects.filter(session=session, pupil_id=pupil_id).update(joined_at=joined, updated_at=joined)
    for (pupil_id, block_id), answered in taught.answered.items():
        ActivityAnswer.objects.filter(
            pupil_id=pupil_id,
            assignment_id=session.assignment_id,
            lesson_id=session.lesson_id,
            block_id=block_id,
            answered_at__gte=since,
        ).update(answered_at=answered)
        LiveAnswer.objects.filter(attendance__session=session, attendance__pupil_id=pupil_id, block_id=block_id).update(
            answered_at=answered
        )
    for pk, asked in taught.asked.items():
        AnonymousQuestion.objects.filter(pk=pk).update(created_at=asked)
    TeachingChecklist.objects.filter(
        school_class_id=session.school_class_id, lesson_id=session.lesson_id, completed_at__gte=since
    ).update(completed_at=taught.start - datetime.timedelta(days=1))


def _after_the_lesson(taught: DemoLesson) -> None:
    """The register (the lesson marked taught for everyone present), then the questions handled."""
    teacher = taught.teacher
    save_register(session=taught.session, present_ids=taught.present, actor=teacher, mark_taught=True)
    has_dsl_account = taught.session.school_class.school.dsl_user_id is not None
    for question, outcome, answer in taught.questions:
        if outcome == "writing":
            answer_in_writing(question=question, user=teacher, answer=answer, shown_text=question.text)
        elif outcome == "in_class":
            mark_answered_in_class(question=question, user=teacher)
        elif outcome == "hidden":
            set_hidden(question=question, hidden=True)
        elif outcome == "dsl" and has_dsl_account:
            pass_to_dsl(question=question, user=teacher)


def _demo_schools() -> dict[School, list[SchoolClass]]:
    schools: dict[School, list[SchoolClass]] = {}
    for school_class in demo_classes():
        schools.setdefault(school_class.school, []).append(school_class)
    return schools


def load_demo_classroom() -> DemoClassroomSummary:
    """One finished live lesson in each demo school that has none. Safe to run again."""
    summary = DemoClassroomSummary()
    printed = set(printed_pupil_scripts())
    for school, classes in _demo_schools().items():
        if LiveSession.objects.filter(school_class__school=school).exists():
            continue
        chosen = _choose_lesson(classes)
        if chosen is None:
            continue
        assignment, lesson = chosen
        teacher = assignment.school_class.teachers.order_by("pk").first() or assignment.assigned_by
        if teacher is None:
            continue
        since = timezone.now()
        with transaction.atomic():
            rng = random.Random(f"demo-live:{school.urn}")  # nosec B311 # seeded demo data, nothing secret
            taught = _teach(assignment, lesson, teacher, printed, rng)
            # Before the register, so the progress it updates is worked out from the moved rows.
            _backdate(taught, since)
            _after_the_lesson(taught)
        summary.created.append(
            f"finished live lesson for {school.urn}/{assignment.school_class.name} ({lesson.title}): "
            f"{len(taught.present)} of {len(taught.pupils)} present, {len(taught.questions)} anonymous questions"
        )
    return summary


def finished_live_lessons() -> list[str]:
    """Lines for ``manage.py demo_logins``: a heading, then each demo school's latest finished live lesson.

    Nothing when there is none. ``demo_logins`` (in schools, below this app) names this by
    its dotted path, as the settings name demo loaders.
    """
    sessions = (
        LiveSession.objects.filter(
            ended_at__isnull=False, school_class__in=[school_class.pk for school_class in demo_classes()]
        )
        .select_related("school_class__school", "lesson", "teacher", "assignment__module")
        .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
        .order_by("school_class__school__urn", "-started_at")
    )
    lines, seen = [], set()
    for session in sessions:
        school_class = session.school_class
        if school_class.school_id in seen:
            continue
        seen.add(school_class.school_id)
        teacher = session.teacher.email if session.teacher else "a teacher of the class"
        number = [lesson.pk for lesson in session.assignment.module.lessons()].index(session.lesson_id) + 1
        lines.append(
            f"  URN {school_class.school.urn} class {school_class.name:<4} lesson {number}: {session.lesson.title}"
            f" ({session.present} present)  {teacher}"
        )
    if not lines:
        return []
    return [f"Finished live lessons (teacher: {LESSON_PATH}):", *lines]
