"""Demo progress: what the demo pupils have done in their assignments so far.

Runs after the content and schools loaders (``DEMO_DATA_LOADERS``). For each open
assignment of a demo school's class it records a few parental opt-outs and withdrawals,
then the pupils' survey answers, baseline and end-of-module quizzes, lesson activity
answers and lessons done or taught, every one through the service production uses (see
``learning.demo_progress``). The services stamp now(); afterwards the rows are backdated
to school days since the assignment opened (pre questions before the lessons, lessons
before the post questions) and the summaries rebuilt from them with ``rebuild_progress``,
so each ``ModuleProgress`` is exactly what the events give.

Chance is a ``random.Random`` seeded by school, class and module, so loading into an
empty database gives the same data every time. An assignment that already has any
progress is left alone: running the loader again creates nothing.

Printed demo logins. ``demo_logins`` prints one pupil per class: the first current pupil
(by id) whose demo code still works, classes in order of school URN and class name.
Those pupils follow a script rather than chance, alternating down that list:

- the 1st, 3rd, 5th, ... printed pupil has **work in progress**: pre survey answered and
  baseline quiz taken; self-paced, the first lesson done and the second open at its first
  activity; in class, at the lessons taught so far except the last one when all have been
  taught. Nothing post yet.
- the 2nd, 4th, 6th, ... printed pupil is **fresh**: nothing done (in class: away from the
  lessons taught so far), so the pre survey and baseline quiz are still offered.

Printed pupils are never opted out.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from courses.models import SurveyVersion
from learning.models import ActivityAnswer, ModuleProgress
from learning.services.progress import rebuild_progress
from schools.demo_data import demo_pupil_code
from schools.models import Assignment, Delivery, Pupil, SchoolClass, SchoolRole, StaffMembership
from schools.pupil_codes import code_digest
from schools.services.pupils import record_opt_out

from .demo_progress.answers import Profile
from .demo_progress.delivery import FRESH, IN_PROGRESS, teach_in_class, work_alone
from .demo_progress.later_waves import answer_follow_up, asks_follow_up, compare_without_lessons
from .demo_progress.recorder import Learner, Recorder, lesson_plans
from .demo_progress.timeline import Stamps, backdate, school_days

DEMO_STAFF_DOMAIN = "@example.org"


@dataclass
class DemoProgressSummary:
    created: list[str] = field(default_factory=list)


def demo_classes():
    """The active classes of schools with demo staff, in the order ``demo_logins`` prints them."""
    demo_staff = StaffMembership.objects.filter(user__email__endswith=DEMO_STAFF_DOMAIN)
    return (
        SchoolClass.objects.active()
        .filter(school__memberships__in=demo_staff)
        .select_related("school")
        .distinct()
        .order_by("school__urn", "name")
    )


def _current_pupils(school_class: SchoolClass):
    return Pupil.objects.in_class(school_class).order_by("pk")


def printed_pupil_scripts() -> dict[int, str]:
    """Pupil id -> script (work in progress or fresh) for each pupil ``demo_logins`` prints."""
    scripts: dict[int, str] = {}
    for school_class in demo_classes():
        for pupil in _current_pupils(school_class):
            if pupil.login_code_digest == code_digest(school_class.school_id, demo_pupil_code(pupil)):
                scripts[pupil.pk] = FRESH if len(scripts) % 2 else IN_PROGRESS
                break
    return scripts


def _has_progress(assignment: Assignment) -> bool:
    return (
        ModuleProgress.objects.filter(assignment=assignment).exists()
        or ActivityAnswer.objects.filter(assignment=assignment).exists()
    )


def _record_opt_outs(assignment: Assignment, pupils: list[Pupil], scripts: dict[int, str], rng: random.Random) -> int:
    """A parental opt-out in most classes and sometimes a withdrawal, before the module starts.

    Only in a class with none yet, and never for a printed demo login.
    """
    school_class = assignment.school_class
    if any(not pupil.in_evaluation for pupil in pupils):
        return 0
    candidates = [pupil for pupil in pupils if pupil.pk not in scripts]
    lead = (
        StaffMembership.objects.filter(school=school_class.school, role=SchoolRole.SCHOOL_LEAD)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    actor = lead.user if lead is not None else assignment.assigned_by
    if actor is None:
        return 0
    count = min(rng.choices([0, 1, 2], weights=[3, 5, 2])[0], len(candidates))
    chosen = rng.sample(candidates, count)
    for number, pupil in enumerate(chosen):
        kind = "opt_out" if number == 0 else "withdrawal"
        on = assignment.opens_on - datetime.timedelta(days=rng.randint(2, 20) if kind == "opt_out" else 0)
        record_opt_out(pupil=pupil, kind=kind, on=on, actor=actor)
    return count


def _load_assignment(assignment: Assignment, scripts: dict[int, str], plans_by_module: dict) -> str | None:
    """Every demo event of one assignment, backdated, and its summaries rebuilt. Returns what was made."""
    days = school_days(assignment.opens_on, timezone.localdate())
    module = assignment.module
    if module.pk not in plans_by_module:
        plans_by_module[module.pk] = lesson_plans(module)
    plans = plans_by_module[module.pk]
    if not days or not plans:
        return None
    school_class = assignment.school_class
    seed = f"{school_class.school.urn}:{school_class.name}:{module.slug}"
    # Seeded generators, so the demo is the same every time; nothing drawn here is secret.
    rng = random.Random(f"demo-progress:{seed}")  # nosec B311
    pupils = list(_current_pupils(school_class))
    # Its own generator, so loading a class again after its events were cleared gives the same events.
    opt_outs = _record_opt_outs(assignment, pupils, scripts, random.Random(f"demo-opt-outs:{seed}"))  # nosec B311
    learners = [Learner(pupil, Profile.draw(rng), scripts.get(pupil.pk)) for pupil in pupils]
    quiz = module.knowledge_quiz.current_version if module.knowledge_quiz is not None else None
    survey = (
        SurveyVersion.objects.filter(survey_id=module.attitude_survey_id).order_by("-number").first()
        if module.attitude_survey_id
        else None
    )
    stamps = Stamps()
    recorder = Recorder(assignment=assignment, plans=plans, quiz=quiz, survey=survey, rng=rng, stamps=stamps)
    if assignment.is_comparison:
        compare_without_lessons(recorder, learners, days)
    elif assignment.delivery == Delivery.SELF_PACED:
        work_alone(recorder, learners, days)
    else:
        teach_in_class(recorder, learners, days)
    if asks_follow_up(recorder):
        answer_follow_up(recorder, learners)
    backdate(assignment, stamps)
    rebuild_progress(assignment=assignment)
    started = ModuleProgress.objects.filter(assignment=assignment).count()
    return (
        f"progress of {started} of {len(pupils)} pupils in {school_class.school.urn}/{school_class.name} "
        f"({module.title}), {opt_outs} opted out or withdrawn"
    )


def load_demo_progress() -> DemoProgressSummary:
    """Load demo progress into every open demo assignment that has none. Safe to run again."""
    summary = DemoProgressSummary()
    scripts = printed_pupil_scripts()
    assignments = (
        Assignment.objects.filter(
            school_class__in=[school_class.pk for school_class in demo_classes()], opens_on__lt=timezone.localdate()
        )
        .select_related("module", "school_class__school")
        .order_by("school_class__school__urn", "school_class__name", "pk")
    )
    plans_by_module: dict = {}
    for assignment in assignments:
        if _has_progress(assignment):
            continue
        # One transaction per class: all of it or none, and far fewer commits on SQLite.
        with transaction.atomic():
            made = _load_assignment(assignment, scripts, plans_by_module)
        if made:
            summary.created.append(made)
    return summary
