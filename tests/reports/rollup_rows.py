"""Rollup rows written directly, with known counts and sums, for the dashboard and transparency tests.

The rollup tests check that rows come out of pupils' work correctly; these tests
start from the rows, so every figure can be worked out by hand.
"""

from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.roles import GlobalRole
from reports.dashboard import build_dashboard
from reports.dashboard_queries import DashboardFilters
from reports.forms import FilterChoices
from reports.models import ProgressRollup, RefreshStatus, RollupRefresh, ScaleRollup
from reports.published_pattern import store_pattern
from reports.rollup_sums import AlphaSums, PairedSums
from schools.models import District
from tests.factories import LocalAuthorityFactory, SchoolFactory, UserFactory, enable_mfa

YEAR = 2025


def commissioner(*, mfa: bool = True, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get_or_create(name=GlobalRole.COMMISSIONER.value)[0])
    return enable_mfa(user) if mfa else user


def district(name: str, code: str, *, la: str = "886", la_name: str = "Kent") -> District:
    return District.objects.create(code=code, name=name, local_authority=LocalAuthorityFactory(code=la, name=la_name))


def school(place: District | None, **fields):
    fields.setdefault("phase", "Secondary")
    fields.setdefault("fsm_percent", Decimal("15"))
    fields.setdefault("urban_rural", "(England/Wales) Urban city and town")
    if place is not None:
        fields.setdefault("local_authority", place.local_authority)
    return SchoolFactory(district=place, **fields)


def pair_sums(pairs) -> PairedSums:
    sums = PairedSums()
    for pre, post in pairs:
        sums.add(pre, post)
    return sums


def progress(
    school,
    module,
    *,
    year: int = YEAR,
    term: int = 1,
    year_group: int = 9,
    gender: str = "",
    assigned: int = 0,
    started: int | None = None,
    completed: int = 0,
    quiz_taken: int | None = None,
    passed: int = 0,
    after_practice: int = 0,
    pairs=(),
) -> ProgressRollup:
    """One rollup row; started defaults to assigned and quiz_taken to completed."""
    knowledge = pair_sums(pairs)
    return ProgressRollup.objects.create(
        school=school,
        module=module,
        academic_year=year,
        term=term,
        year_group=year_group,
        gender=gender,
        refreshed_at=timezone.now(),
        pupils_assigned=assigned,
        pupils_started=assigned if started is None else started,
        pupils_completed=completed,
        pupils_passed=passed,
        pupils_passed_after_practice=after_practice,
        quiz_taken=completed if quiz_taken is None else quiz_taken,
        pupils_in_evaluation=assigned,
        **knowledge.as_fields("knowledge_"),
    )


def scale(
    school,
    module,
    *,
    survey_key: str,
    name: str = "attitudes",
    pairs=(),
    items=(),
    year: int = YEAR,
    term: int = 1,
    gender: str = "",
) -> ScaleRollup:
    """One scale rollup row: ``pairs`` of (pre, post) scale scores, ``items`` rows of pre item answers."""
    change = pair_sums(pairs)
    item_keys = [f"i{k}" for k in range(len(items[0]))] if items else []
    alpha = AlphaSums(k=len(item_keys))
    for values in items:
        alpha.add([float(v) for v in values])
    return ScaleRollup.objects.create(
        school=school,
        module=module,
        academic_year=year,
        term=term,
        year_group=9,
        gender=gender,
        refreshed_at=timezone.now(),
        survey_key=survey_key,
        scale=name,
        item_keys=item_keys,
        n_pre=change.n,
        n_post=change.n,
        **change.as_fields(),
        **alpha.as_fields(),
    )


def refreshed(at=None) -> RollupRefresh:
    """A successful refresh of the rows written so far, with its suppression pattern, as the refresh tasks keep it."""
    at = at or timezone.now()
    refresh = RollupRefresh.objects.create(started_at=at, finished_at=at, status=RefreshStatus.SUCCEEDED, full=True)
    store_pattern(refresh)
    return refresh


def comparison(school, module, *, outcome: str = "knowledge", pairs=(), year: int = YEAR, term: int = 1):
    """One comparison class's rollup row: ``pairs`` of (pre, post) for ``outcome``."""
    from reports.comparison_models import ComparisonRollup

    change = pair_sums(pairs)
    return ComparisonRollup.objects.create(
        school=school,
        module=module,
        academic_year=year,
        term=term,
        year_group=9,
        gender="",
        refreshed_at=timezone.now(),
        outcome=outcome,
        **change.as_fields(),
    )


def dashboard_page(place=None, **filters):
    """The dashboard as a commissioner opens it: the county, ``district=...``'s page, or ``place``'s own page."""
    return build_dashboard(filters=DashboardFilters(**filters), districts=FilterChoices.load().districts, school=place)
