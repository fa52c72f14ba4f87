"""A synthetic county for the report benchmarks: Kent's 12 districts and Medway, schools and one
academic year of rollup rows, written in bulk (``build_county``).

About one school in nine is not eligible (primaries, closed). Each school's pupils are spread
over Years 7 to 11, the three modules and the three terms, by gender, with uptake counts and
knowledge and attitude sums drawn at random; each pupil is assigned each module once. The rows
have the shape a nightly refresh writes for that many pupils; the pupil, answer and progress
rows behind them are not generated. Django must be set up before ``build_county`` is called.
"""

from __future__ import annotations

import random

DISTRICTS = [
    ("E07000105", "Ashford"),
    ("E07000106", "Canterbury"),
    ("E07000107", "Dartford"),
    ("E07000108", "Dover"),
    ("E07000112", "Folkestone and Hythe"),
    ("E07000109", "Gravesham"),
    ("E07000110", "Maidstone"),
    ("E07000111", "Sevenoaks"),
    ("E07000113", "Swale"),
    ("E07000114", "Thanet"),
    ("E07000115", "Tonbridge and Malling"),
    ("E07000116", "Tunbridge Wells"),
    ("E06000035", "Medway"),
]
YEAR = 2025
GENDERS = ("female", "male", "")
LOCALITIES = ("(England/Wales) Urban city and town", "(England/Wales) Rural town and fringe")
YEAR_GROUPS = (7, 8, 9, 10, 11)


def build_county(*, schools: int, pupils: int, seed: int) -> dict:
    """Districts, schools and the rollup rows of one academic year, in bulk. Returns what was made."""
    from django.db import connection
    from django.utils import timezone

    from courses.demo_data import load_demo_content
    from courses.models import ModulePage
    from reports.models import ProgressRollup, RefreshStatus, RollupRefresh, ScaleRollup
    from reports.rollup_sums import AlphaSums, PairedSums
    from schools.models import District, LocalAuthority, School

    rng = random.Random(seed)
    load_demo_content()
    modules = list(ModulePage.objects.filter(attitude_survey__isnull=False).select_related("attitude_survey")[:3])
    kent = LocalAuthority.objects.create(code="886", name="Kent")
    medway = LocalAuthority.objects.create(code="887", name="Medway")
    districts = District.objects.bulk_create(
        District(code=code, name=name, local_authority=medway if name == "Medway" else kent) for code, name in DISTRICTS
    )
    made = []
    for n in range(schools):
        place = districts[n % len(districts)]
        kind = rng.random()
        made.append(
            School(
                urn=100000 + n,
                name=f"School {n}",
                local_authority=place.local_authority,
                district=place,
                phase="Primary" if kind < 0.08 else "Secondary",
                statutory_low_age=4 if kind < 0.08 else 11,
                statutory_high_age=11 if kind < 0.08 else 18,
                is_open=kind > 0.02,
                fsm_percent=round(rng.uniform(2, 55), 1),
                urban_rural=rng.choice(LOCALITIES),
            )
        )
    made = School.objects.bulk_create(made, batch_size=1000)
    taking_part = [school for school in made if school.phase == "Secondary" and rng.random() < 0.85]
    per_school = pupils // len(taking_part)
    now = timezone.now()
    progress_rows, scale_rows = [], []
    for school in taking_part:
        # Every year group takes every module, one a term: each pupil is assigned each module once.
        for year_group, (index, module) in ((y, m) for y in YEAR_GROUPS for m in enumerate(modules)):
            survey_key = module.attitude_survey.key
            term = 1 + index % 3
            for gender in GENDERS:
                share = 0.06 if gender == "" else 0.47
                assigned = max(1, round(per_school / len(YEAR_GROUPS) * share))
                started = round(assigned * rng.uniform(0.75, 0.98))
                completed = round(started * rng.uniform(0.55, 0.95))
                knowledge = PairedSums()
                for _ in range(round(completed * 0.8)):
                    pre = rng.choice(range(0, 101, 10))
                    knowledge.add(pre, min(100.0, max(0.0, pre + rng.gauss(12, 18))))
                progress_rows.append(
                    ProgressRollup(
                        school=school,
                        academic_year=YEAR,
                        term=term,
                        year_group=year_group,
                        module=module,
                        gender=gender,
                        refreshed_at=now,
                        pupils_assigned=assigned,
                        pupils_started=started,
                        pupils_completed=completed,
                        pupils_passed=round(completed * 0.7),
                        quiz_taken=completed,
                        pupils_in_evaluation=round(assigned * 0.97),
                        pre_quiz_done=knowledge.n,
                        pre_survey_done=knowledge.n,
                        post_survey_done=knowledge.n,
                        **knowledge.as_fields("knowledge_"),
                    )
                )
                for scale in ("attitudes", "confidence"):
                    change, alpha = PairedSums(), AlphaSums(k=5)
                    for _ in range(knowledge.n):
                        pre = rng.uniform(2, 4)
                        change.add(pre, min(5.0, pre + rng.gauss(0.2, 0.5)))
                        level = rng.uniform(1.5, 4.5)
                        alpha.add([float(min(5, max(1, round(level + rng.gauss(0, 0.7))))) for _ in range(5)])
                    scale_rows.append(
                        ScaleRollup(
                            school=school,
                            academic_year=YEAR,
                            term=term,
                            year_group=year_group,
                            module=module,
                            gender=gender,
                            refreshed_at=now,
                            survey_key=survey_key,
                            scale=scale,
                            item_keys=[f"{scale}-{i}" for i in range(5)],
                            n_pre=change.n,
                            n_post=change.n,
                            **change.as_fields(),
                            **alpha.as_fields(),
                        )
                    )
    ProgressRollup.objects.bulk_create(progress_rows, batch_size=2000)
    ScaleRollup.objects.bulk_create(scale_rows, batch_size=2000)
    RollupRefresh.objects.create(started_at=now, finished_at=now, status=RefreshStatus.SUCCEEDED, full=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a nightly refresh
    return {
        "schools": len(made),
        "taking_part": len(taking_part),
        "pupils": sum(row.pupils_assigned for row in progress_rows) // len(modules),
        "progress_rows": len(progress_rows),
        "scale_rows": len(scale_rows),
        "district": districts[0].code,
        "school": taking_part[0].urn,
        "module": modules[0].pk,
    }
