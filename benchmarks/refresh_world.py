"""Pupil-level rows for timing the rollup refresh: the demo's four schools, each pupil copied many times.

``county_world.py`` writes rollup rows only, so a refresh has nothing to read there. The
refresh reads the pupils' own rows: their class memberships and progress summaries, every
counted quiz attempt (``reports.rollup_questions``), the survey answers (``reports.rollup_scales``)
and, when a protocol is frozen, the survey responses' versions (``reports.rollup_protocols``).
So this loads the demo (content, schools, and progress made through the services production
uses: opt-outs, withdrawals, waves out of order, practice attempts, comparison classes and a
follow-up wave), then copies each demo school's pupils ``copies`` times over in bulk, each copy
with every membership, progress summary, lesson row, quiz attempt and answer, and survey
response and answer of its original (new ids and idempotency keys; nothing else changed, so
the copies' figures are the original's). Activity answers inside lessons are not copied: the
refresh never reads them. Django must be set up before ``build_refresh_world`` is called.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Mapping

BATCH = 2000


def build_refresh_world(*, copies: int) -> dict:
    """The demo, with each school's pupils copied ``copies`` times. Returns counts of what is there."""
    from courses.demo_data import load_demo_content
    from learning.demo_data import load_demo_progress
    from learning.models import LessonProgress, ModuleProgress, QuizAnswer, QuizAttempt, SurveyAnswer, SurveyResponse
    from schools.demo_data import load_demo_schools
    from schools.models import ClassMembership, Pupil

    load_demo_content()
    load_demo_schools()
    load_demo_progress()
    originals = list(Pupil.objects.order_by("pk").values())
    for copy in range(1, copies):
        pupils = _clone(Pupil, originals, {}, _pupil_fields(copy))
        by_pupil = {"pupil_id": pupils}
        _clone(ClassMembership, ClassMembership.objects.filter(pupil_id__in=pupils).values(), by_pupil)
        _clone(ModuleProgress, ModuleProgress.objects.filter(pupil_id__in=pupils).values(), by_pupil)
        _clone(LessonProgress, LessonProgress.objects.filter(pupil_id__in=pupils).values(), by_pupil)
        fresh_key = {"idempotency_key": lambda _: uuid.uuid4()}
        attempts = _clone(QuizAttempt, QuizAttempt.objects.filter(pupil_id__in=pupils).values(), by_pupil, fresh_key)
        _clone(QuizAnswer, QuizAnswer.objects.filter(attempt_id__in=attempts).values(), {"attempt_id": attempts})
        responses = _clone(
            SurveyResponse, SurveyResponse.objects.filter(pupil_id__in=pupils).values(), by_pupil, fresh_key
        )
        answers = SurveyAnswer.objects.filter(response_id__in=responses).values()
        _clone(SurveyAnswer, answers, {"response_id": responses})
    return {
        model.__name__: model.objects.count()
        for model in (Pupil, ModuleProgress, QuizAttempt, QuizAnswer, SurveyResponse, SurveyAnswer)
    }


def _pupil_fields(copy: int) -> dict[str, Callable]:
    """A copy's own identifiers: a new research key, and its digests made unique to the copy."""

    def digest(name: str) -> Callable:
        return lambda row: hashlib.sha256(f"{row[name]}:{copy}".encode()).hexdigest() if row[name] else ""

    fields = {name: digest(name) for name in ("login_code_digest", "upn_digest", "sourced_id_digest", "account_digest")}
    return {**fields, "research_key": lambda _: uuid.uuid4()}


def _clone(
    model,
    rows: Iterable[dict],
    remap: Mapping[str, Mapping[int, int]],
    fresh: Mapping[str, Callable] | None = None,
) -> dict[int, int]:
    """Insert a copy of each row, its foreign keys in ``remap`` pointed at the copies; returns old id -> new id.

    ``rows`` is an iterable of ``.values()`` dicts of ``model``; rows whose remapped key has no copy are skipped.
    """
    fresh = fresh or {}
    old_ids, made, found = [], [], {}
    for row in list(rows):
        if any(row[name] not in mapping for name, mapping in remap.items()):
            continue
        values = {name: value for name, value in row.items() if name != "id"}
        values.update({name: mapping[row[name]] for name, mapping in remap.items()})
        values.update({name: make(row) for name, make in fresh.items()})
        old_ids.append(row["id"])
        made.append(model(**values))
        if len(made) == BATCH:
            found.update(_insert(model, old_ids, made))
            old_ids, made = [], []
    if made:
        found.update(_insert(model, old_ids, made))
    return found


def _insert(model, old_ids: list[int], made: list) -> dict[int, int]:
    """Bulk insert keeping the originals' times: ``auto_now`` and ``auto_now_add`` are off while it runs."""
    stamped = [field for field in model._meta.concrete_fields if getattr(field, "auto_now", False)]
    stamped += [field for field in model._meta.concrete_fields if getattr(field, "auto_now_add", False)]
    flags = [(field, field.auto_now, field.auto_now_add) for field in stamped]
    for field, _, _ in flags:
        field.auto_now = field.auto_now_add = False
    try:
        created = model.objects.bulk_create(made)
    finally:
        for field, auto_now, auto_now_add in flags:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
    return {old: new.pk for old, new in zip(old_ids, created, strict=True)}
