"""The county peak's county: its schools, classes, pupils, assignments and live lessons, and what was stored.

``county_peak.py`` runs ``SETUP`` in ``manage.py shell`` on the fresh database (it prints the plan
the devices follow, as JSON) and ``COUNT_STORED`` after the run (quizzes and live answers stored).
"""

PASSWORD = "peak-password-123"
SETUP = """
import json, sys, random
from django.utils import timezone
from accounts.models import User
from classroom.services.delivery import record_checklist
from classroom.services.live import lesson_blocks, start_session
from courses.models import ModulePage
from learning.models import LessonProgress
from schools.models import Assignment, ClassMembership, LocalAuthority, Pupil, School, StaffMembership
from schools.pupil_codes import PUPIL_CODE_LENGTH, code_digest, new_code
from schools.services.classes import create_class, current_academic_year

paced_count, live_count, live_classes = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
kent, _ = LocalAuthority.objects.get_or_create(code="886", defaults={"name": "Kent"})
modules = list(ModulePage.objects.live().order_by("path").specific())
paced_module = next(m for m in modules if m.can_be_self_paced and m.knowledge_quiz_id)
live_module, live_lesson = next(
    (m, lesson) for m in modules if m.knowledge_quiz_id for lesson in m.lessons() if len(lesson_blocks(lesson)) >= 2
)
blocks = [block.id for block in lesson_blocks(live_lesson)]
year = current_academic_year()
now = timezone.now()
schools = [
    School.objects.create(name=f"Peak School {n}", urn=980000 + n, local_authority=kent, dsl_name="Ms Lead",
                          dsl_contact="Room 1")
    for n in range(12)
]

def make_class(n, size, kind):
    school = schools[n % len(schools)]
    teacher = User.objects.create_user(f"peak-{kind}-{n}@example.org", "PEAK_PASSWORD")
    StaffMembership.objects.create(user=teacher, school=school, role="teacher")
    klass = create_class(school=school, name=f"{kind[0].upper()}{n}", year_group=9, academic_year=year, teacher=teacher)
    codes = [new_code(PUPIL_CODE_LENGTH) for _ in range(size)]
    pupils = Pupil.objects.bulk_create(
        Pupil(school=school, first_name=f"Pupil{i}", last_name=f"{kind[0].upper()}{n}", year_group=9,
              login_code_digest=code_digest(school.pk, code), login_code_changed_at=now)
        for i, code in enumerate(codes)
    )
    ClassMembership.objects.bulk_create(ClassMembership(pupil=p, school_class=klass) for p in pupils)
    return teacher, klass, codes, pupils

def lessons_taught(assignment, pupils, lessons):
    # The end-of-module quiz opens once every lesson is done (the live lesson's quiz records that one).
    LessonProgress.objects.bulk_create(
        LessonProgress(pupil=p, assignment=assignment, lesson=lesson, completed_at=now, taught_in_class=True)
        for p in pupils for lesson in lessons
    )

plan = {"paced": [], "live": [], "teachers": [], "password": "PEAK_PASSWORD"}
sizes = lambda total, groups: [total // groups + (1 if i < total % groups else 0) for i in range(groups)]
paced_lessons = [lesson.pk for lesson in paced_module.lessons()]
for n, size in enumerate(sizes(paced_count, max(1, round(paced_count / 30)))):
    teacher, klass, codes, pupils = make_class(n, size, "paced")
    assignment = Assignment.objects.create(school_class=klass, module=paced_module, opens_on=timezone.localdate(),
                                           delivery="self_paced", include_surveys=False)
    lessons_taught(assignment, pupils, paced_module.lessons())
    plan["paced"] += [{"class_code": klass.class_code, "code": code, "assignment": assignment.pk,
                       "lessons": paced_lessons} for code in codes]
for n, size in enumerate(sizes(live_count, live_classes)):
    teacher, klass, codes, pupils = make_class(n, size, "live")
    assignment = Assignment.objects.create(school_class=klass, module=live_module, opens_on=timezone.localdate(),
                                           include_surveys=False)
    lessons_taught(assignment, pupils, [lesson for lesson in live_module.lessons() if lesson.pk != live_lesson.pk])
    record_checklist(school_class=klass, lesson=live_lesson, teacher=teacher, dsl_told=True,
                     affected_pupils_considered=True, ground_rules_ready=True)
    session = start_session(school_class=klass, assignment=assignment, lesson=live_lesson, teacher=teacher)
    plan["teachers"].append({"email": teacher.email, "session": session.pk,
                             "activities": [blocks[0], blocks[1], "quiz"]})
    plan["live"] += [{"class_code": klass.class_code, "code": code, "session": session.pk} for code in codes]
random.Random(7).shuffle(plan["paced"])
random.Random(8).shuffle(plan["live"])
print(json.dumps(plan))
""".replace("PEAK_PASSWORD", PASSWORD)
COUNT_STORED = """
from classroom.models import LiveSession
from learning.models import ActivityAnswer, QuizAttempt
from schools.models import Assignment
live = list(LiveSession.objects.values_list("assignment_id", flat=True))
paced = Assignment.objects.filter(delivery="self_paced").values("pk")
print(QuizAttempt.objects.filter(assignment__in=paced).count(),
      ActivityAnswer.objects.filter(assignment_id__in=live).count()
      + QuizAttempt.objects.filter(assignment_id__in=live).count())
"""
