"""The teacher's class report at scale: 1,000 pupils x 200 lessons, and a class of 30, on PostgreSQL.

    .venv/bin/python benchmarks/class_report.py [--pupils 1000] [--lessons 200] [--requests 20]
        [--database-url postgres://root@127.0.0.1:5432/postgres] [--reuse DBNAME] [--bare]

Creates a fresh database (dropped afterwards unless ``--reuse`` names one to keep), then a
module of N lessons and a class of M pupils with an assignment of it, and their progress
written straight into the summary tables in bulk (each pupil has started 90 % of the lessons
and finished 80 %; some were taught in class; most took the quiz). The same for a class of
30 pupils of the demo-sized module (the teacher's everyday grid).

Then, in this process (DEBUG off), it times:

- **class report**: ``learning.grid.build_grid`` for the big class: every pupil x every lesson,
  with statuses, scores and surveys, ready to show or export (what Moodle's completion report
  computes for its page);
- **class report CSV**: the whole CSV download of the big class, through the site as the teacher;
- **30-pupil grid**: the teacher's progress page of the class of 30, through the site (the whole
  middleware stack, HTML rendered).

Each is printed as p50 and p95 wall time and CPU time of this process, with the number of SQL
statements. ``--bare`` also prints a bare Django view returning the same number of bytes as
each page, called the same way in the same run (``benchmarks/bare_site.py``). Prints figures
only; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cpu_per_request import StatementCounter, bare_cpu  # noqa: E402
from in_process import call, setup_django, sign_in_teacher  # noqa: E402
from private_redis import private_redis  # noqa: E402

TEACHER_PASSWORD = "report-password-123"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def build_class(*, pupils: int, lessons: int, seed: int, name: str, module=None) -> dict:
    """A module (new, with ``lessons`` lessons, unless given), a class of ``pupils`` and their progress."""
    from django.utils import timezone

    from accounts.models import User
    from courses.models import LessonPage, ModulePage, ProgrammePage
    from learning.models import LessonProgress, ModuleProgress
    from schools.models import Assignment, ClassMembership, LocalAuthority, Pupil, School, StaffMembership
    from schools.services.classes import create_class, current_academic_year

    rng = random.Random(seed)
    now = timezone.now()
    authority, _ = LocalAuthority.objects.get_or_create(code="886", defaults={"name": "Kent"})
    school, _ = School.objects.get_or_create(
        urn=990001, defaults={"name": "Report School", "local_authority": authority}
    )
    email = f"report-teacher-{name}@example.org"
    teacher = User.objects.filter(email=email).first()
    if teacher is None:
        teacher = User.objects.create_user(email, TEACHER_PASSWORD)
        StaffMembership.objects.create(user=teacher, school=school, role="teacher")
    if module is None:
        programme = ProgrammePage.objects.live().first()
        module = ModulePage(title=f"Report module {name}", slug=f"report-module-{name}-{seed}", summary="Benchmark")
        module.review_by = now.date().replace(year=now.year + 1)
        programme.add_child(instance=module)
        for number in range(lessons):
            module.add_child(
                instance=LessonPage(
                    title=f"Lesson {number + 1}",
                    slug=f"lesson-{number + 1}",
                    body=[("text", f"<p>Lesson {number + 1}.</p>")],
                )
            )
    lesson_ids = list(LessonPage.objects.live().child_of(module).values_list("pk", flat=True))
    klass = create_class(school=school, name=name, year_group=9, academic_year=current_academic_year(), teacher=teacher)
    made = Pupil.objects.bulk_create(
        Pupil(
            school=school,
            first_name=f"Pupil{n}",
            last_name=f"R{n:04d}",
            year_group=9,
            login_code_digest=f"{name}-{n}",
        )
        for n in range(pupils)
    )
    ClassMembership.objects.bulk_create(ClassMembership(pupil=pupil, school_class=klass) for pupil in made)
    assignment = Assignment.objects.create(school_class=klass, module=module, opens_on=now.date())
    rows, summaries = [], []
    for pupil in made:
        done = 0
        for lesson_id in lesson_ids:
            roll = rng.random()
            if roll < 0.9:
                finished = roll < 0.8
                done += finished
                rows.append(
                    LessonProgress(
                        pupil=pupil,
                        assignment=assignment,
                        lesson_id=lesson_id,
                        last_position=3,
                        completed_at=now if finished else None,
                        taught_in_class=finished and roll < 0.3,
                    )
                )
        took_quiz = rng.random() < 0.8
        score = rng.randint(2, 8)
        summaries.append(
            ModuleProgress(
                pupil=pupil,
                assignment=assignment,
                lessons_done=done,
                lessons_total=len(lesson_ids),
                first_activity_at=now,
                last_activity_at=now,
                quiz_attempts=1 if took_quiz else 0,
                first_score=score if took_quiz else None,
                best_score=score if took_quiz else None,
                max_score=8 if took_quiz else None,
                passed=took_quiz and score >= 6,
                pre_survey_done=rng.random() < 0.9,
                post_survey_done=rng.random() < 0.6,
            )
        )
    LessonProgress.objects.bulk_create(rows, batch_size=5000)
    ModuleProgress.objects.bulk_create(summaries, batch_size=2000)
    keep_lesson_states(assignment)
    return {"class": klass, "assignment": assignment, "teacher": email, "cells": len(rows), "module": module}


def keep_lesson_states(assignment) -> int:
    """Write each summary's lesson states from the lesson rows, as ``recompute_progress`` does
    (the rows above went in straight, in bulk). Returns how many summaries were written."""
    from collections import defaultdict

    from courses.lesson_deck import module_lessons
    from learning.lesson_states import encode
    from learning.models import LessonProgress, ModuleProgress

    order = [lesson.pk for lesson in module_lessons(assignment.module)]
    rows = defaultdict(list)
    for pupil_id, lesson_id, completed_at, taught in LessonProgress.objects.filter(assignment=assignment).values_list(
        "pupil_id", "lesson_id", "completed_at", "taught_in_class"
    ):
        rows[pupil_id].append((lesson_id, completed_at, taught))
    summaries = list(ModuleProgress.objects.filter(assignment=assignment))
    for summary in summaries:
        summary.lesson_states = encode(order, rows[summary.pupil_id])
    ModuleProgress.objects.bulk_update(summaries, ["lesson_states"], batch_size=1000)
    return len(summaries)


def timed(label: str, run, requests: int, *, bare: bool) -> None:
    from django.db import connection

    run()  # warm
    walls, cpus, size = [], [], 0
    counter = StatementCounter()
    with connection.execute_wrapper(counter):
        for _ in range(requests):
            wall, cpu = time.perf_counter(), time.process_time()
            size = run() or 0
            walls.append(1000 * (time.perf_counter() - wall))
            cpus.append(1000 * (time.process_time() - cpu))
    bare_text = ""
    if bare and size:
        bare_text = f"  bare Django view, {size:,} bytes: {bare_cpu(size, 200):.2f} ms CPU"
    print(
        f"{label:34} wall p50 {percentile(walls, 0.5):7.1f} ms  p95 {percentile(walls, 0.95):7.1f} ms  "
        f"CPU p50 {percentile(cpus, 0.5):7.1f} ms  statements {counter.count / requests:5.1f}{bare_text}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=1000)
    parser.add_argument("--lessons", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20, help="timed runs of each")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--bare", action="store_true", help="print a same-size bare Django view beside each page")
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/postgres")
    parser.add_argument("--reuse", help="a database name to keep and reuse (migrated, demo loaded, classes made)")
    args = parser.parse_args()

    base_url, _, _ = args.database_url.rpartition("/")
    db_name = args.reuse or f"respect_bench_report_{os.getpid()}"
    fresh = subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", db_name], capture_output=True).returncode == 0
    with private_redis() as redis_url:
        try:
            setup_django(f"{base_url}/{db_name}", redis_url)
            from django.core.management import call_command
            from django.core.wsgi import get_wsgi_application

            from courses.models import ModulePage
            from learning.grid import build_grid
            from schools.models import Assignment

            started = time.perf_counter()
            call_command("migrate", verbosity=0)  # a kept database may be behind the code
            if fresh:
                from courses.demo_data import load_demo_content

                load_demo_content()
            big = Assignment.objects.filter(school_class__name="Big").select_related("module", "school_class").first()
            small = (
                Assignment.objects.filter(school_class__name="Thirty").select_related("module", "school_class").first()
            )
            if big is None:
                made = build_class(pupils=args.pupils, lessons=args.lessons, seed=args.seed, name="Big")
                big = Assignment.objects.select_related("module", "school_class").get(pk=made["assignment"].pk)
            elif big.progress.filter(lesson_states="").exists():
                keep_lesson_states(big)  # a database kept from before the states were
            if small is None:
                demo_module = ModulePage.objects.live().filter(knowledge_quiz__isnull=False).order_by("path").first()
                made = build_class(pupils=30, lessons=0, seed=args.seed, name="Thirty", module=demo_module)
                small = Assignment.objects.select_related("module", "school_class").get(pk=made["assignment"].pk)
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            app = get_wsgi_application()
            teacher = sign_in_teacher(app, "report-teacher-Big@example.org", TEACHER_PASSWORD)
            small_teacher = sign_in_teacher(app, "report-teacher-Thirty@example.org", TEACHER_PASSWORD)
            load = os.getloadavg()
            lessons = big.module.specific.lessons().count()
            pupils = big.school_class.memberships.count()
            print(
                f"database: PostgreSQL ({db_name})  set-up: {time.perf_counter() - started:.0f} s  "
                f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}  cores: {os.cpu_count()}"
            )
            print(f"big class: {pupils} pupils x {lessons} lessons; small class: 30 pupils")

            def report() -> int:
                grid = build_grid(assignment=big, school_class=big.school_class)
                if len(grid.rows) != pupils:
                    sys.exit("the report left pupils out")
                return 0

            def report_csv() -> int:
                answer = call(app, teacher, "GET", f"/teach/classes/{big.school_class_id}/progress.csv")
                if answer.status != 200:
                    sys.exit(f"the CSV answered {answer.status}")
                return len(answer.body)

            def grid_page() -> int:
                answer = call(app, small_teacher, "GET", f"/teach/classes/{small.school_class_id}/progress/")
                if answer.status != 200:
                    sys.exit(f"the grid answered {answer.status}")
                return len(answer.body)

            timed(f"class report ({pupils} x {lessons})", report, args.requests, bare=False)
            timed("class report CSV", report_csv, max(3, args.requests // 4), bare=args.bare)
            timed("30-pupil grid page", grid_page, args.requests * 5, bare=args.bare)
        finally:
            from django.db import connections

            connections.close_all()
            if not args.reuse:
                subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--if-exists", db_name], check=False)


if __name__ == "__main__":
    main()
