"""The one suppression pattern of a refresh, worked out from the rollups, stored, and read by every page.

Every figure the commissioner dashboard (county, district, school, each filter), its exports and
the transparency page can show is a cell of one linked table set (``reports.disclosure_cube``).
``build_pattern`` reads the rollup rows (four queries: the programme's progress and scales, the comparison
classes' pairs, the schools), applies the primary rules (fewer than
the threshold of pupils, fewer than 3 schools above school level, a filtered or smaller view
that differs from the view containing it by 1 to threshold - 1 pupils) and protects the whole set
at once (``reports.disclosure_linked.protect``). ``store_pattern`` keeps the hidden cells with the
refresh; pages read only their own cells (``page_pattern``, one query) and show a figure only
where the stored pattern shows it. So a school's headline is hidden wherever it would give away a
figure hidden in its district's table, a district with one school hides its school's figures
too, and a filtered view a few pupils short of its parent is hidden on every page.

A cell that is not published at all (a school by module, year group or gender; a district by
phase or type; the free school meals bands by gender) is hidden on any page that asks for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from reports import disclosure_cube as cube
from reports.comparison_models import ComparisonRollup
from reports.disclosure import SUPPRESSED, Shown, threshold
from reports.models import ProgressRollup, RefreshStatus, RollupRefresh, ScaleRollup
from reports.pattern_models import HiddenCell, SuppressionPattern
from reports.publication import keep_shown, last_shown, protect_over_time
from schools.models import School

BATCH_SIZE = 2000
AREA_KINDS = (cube.COUNTY, cube.DISTRICT, cube.PHASE, cube.TYPE, cube.PHASE_TYPE)


@dataclass
class BuiltPattern:
    """The hidden measures of each cell with anything hidden, and the audit's figures."""

    hidden: dict[tuple, set[str]] = field(default_factory=dict)
    cells: int = 0
    # measure -> cell -> the count last shown once this pattern is published (``reports.publication``)
    shown: dict[str, dict] = field(default_factory=dict)
    audited: int = 0
    linear_only: int = 0

    @property
    def hidden_count(self) -> int:
        return sum(len(measures) for measures in self.hidden.values())


def school_infos(school_ids: Iterable[int]) -> dict[str, cube.SchoolInfo]:
    """What the groupings need to know about each school (one query)."""
    rows = School.objects.filter(pk__in=sorted(set(school_ids))).values_list(
        "pk", "district_id", "phase", "establishment_type", "fsm_percent", "urban_rural"
    )
    return {
        str(pk): cube.SchoolInfo.of(
            district_id=district_id, phase=phase, kind=kind, fsm_percent=fsm, urban_rural=urban_rural
        )
        for pk, district_id, phase, kind, fsm, urban_rural in rows
    }


def build_pattern(*, limit: int | None = None, last_shown: Mapping[str, Mapping] | None = None) -> BuiltPattern:
    """The suppression pattern of the rollup rows as they are now (five queries, then the protection).

    ``last_shown`` (measure -> cell -> count) is what earlier nights showed: a cell moved by a
    few pupils since is hidden too (``reports.publication``). ``BuiltPattern.shown`` is what
    this pattern leaves last shown, for the next night. The frozen audit reports' figures are cells
    of the set, tied to the terms they cover (``reports.audit_ties``).
    """
    # Imported here: the reports' protection reads this module's pattern when a report is frozen.
    from reports.audit_frozen import frozen_ties

    limit = threshold() if limit is None else limit
    ties = frozen_ties()
    progress_rows = list(
        ProgressRollup.objects.order_by().values_list(
            "school_id",
            "academic_year",
            "term",
            "module_id",
            "year_group",
            "gender",
            *(cube.PROGRESS_FIELDS[name] for name in cube.PROGRESS_MEASURES),
        )
    )
    scale_rows = list(
        ScaleRollup.objects.order_by().values_list(
            "survey_key",
            "scale",
            "school_id",
            "academic_year",
            "term",
            "module_id",
            "year_group",
            "pairs",
            "alpha_n",
            "follow_up_pairs",
        )
    )
    comparison_rows = list(
        ComparisonRollup.objects.filter(pairs__gt=0)
        .order_by()
        .values_list("outcome", "school_id", "academic_year", "term", "module_id", "year_group", "pairs")
    )
    schools = school_infos(
        [row[0] for row in progress_rows] + [row[2] for row in scale_rows] + [row[1] for row in comparison_rows]
    )
    progress = cube.progress_table(progress_rows, schools)
    tables: list[tuple[cube.Table, Sequence[str]]] = [(progress, cube.TABLE_MEASURES)]
    for (survey_key, scale), table in cube.scale_tables(scale_rows, schools).items():
        tables.append((table, [cube.scale_measure(survey_key, scale, name) for name in cube.SCALE_MEASURES]))
    arms = cube.scale_tables(((o, "", *rest) for o, *rest in comparison_rows), schools, cube.COMPARISON_MEASURES)
    for (outcome, _), table in arms.items():
        tables.append((table, [cube.comparison_measure(outcome)]))
    built = BuiltPattern()
    for table, names in tables:
        built.cells += len(table.values) * len(names)
        protections, shown = protect_over_time(
            table, schools, limit, names=names, last_shown=last_shown or {}, ties=ties
        )
        built.shown.update(shown)
        for name, protection in protections.items():
            built.audited += protection.audited
            built.linear_only += protection.linear_only
            for key in protection.hidden:
                built.hidden.setdefault(tuple(key), set()).add(name)  # type: ignore[arg-type]
    return built


def store_pattern(refresh: RollupRefresh | None) -> SuppressionPattern:
    """Work out the pattern of the rollups now and keep it with ``refresh`` (None: not kept, returned unsaved)."""
    limit = threshold()
    built = build_pattern(limit=limit, last_shown=last_shown(before_refresh_id=refresh.pk if refresh else None))
    pattern = SuppressionPattern(
        refresh=refresh,
        threshold=limit,
        built_at=timezone.now(),
        cells=built.cells,
        hidden=built.hidden_count,
        audited_groups=built.audited,
        linear_only_groups=built.linear_only,
    )
    pattern.built = built  # type: ignore[attr-defined]
    if refresh is None:
        return pattern
    try:
        with transaction.atomic():
            pattern.save()
            HiddenCell.objects.bulk_create(
                (_row(pattern, key, measures) for key, measures in built.hidden.items()), batch_size=BATCH_SIZE
            )
            keep_shown(refresh_id=refresh.pk, shown=built.shown)
    except IntegrityError:
        # Another process stored this refresh's pattern first: the same rows give the same pattern.
        return SuppressionPattern.objects.get(refresh=refresh)
    return pattern


def _row(pattern: SuppressionPattern, key: tuple, measures: set[str]) -> HiddenCell:
    kind, area, year, term, module, year_group, gender = key
    return HiddenCell(
        pattern=pattern,
        kind=kind,
        area=str(area),
        academic_year=year,
        term=term,
        module=module,
        year_group=year_group,
        gender=gender,
        measures=sorted(measures),
    )


def current_pattern() -> SuppressionPattern | None:
    """The kept pattern of the newest successful refresh, or None while it has none (two queries).

    Never worked out here: for a county it takes minutes, so it is kept by the refresh itself
    (``reports.tasks``, the ``refresh_rollups`` command, the demo) and pages show every figure
    hidden until it is there.
    """
    refresh = RollupRefresh.objects.filter(status=RefreshStatus.SUCCEEDED).order_by("-started_at", "-pk").first()
    if refresh is None:
        return None
    return SuppressionPattern.objects.filter(refresh=refresh).first()


def keep_current_pattern() -> SuppressionPattern | None:
    """For background work that reads the figures (exports): the newest successful refresh's pattern, worked
    out and kept now if it has none yet. None with no refresh recorded. Never called by a page view."""
    refresh = RollupRefresh.objects.filter(status=RefreshStatus.SUCCEEDED).order_by("-started_at", "-pk").first()
    if refresh is None:
        return None
    return current_pattern() or store_pattern(refresh)


def published(key: tuple, measure: str) -> bool:
    """Whether the linked set has this cell at all (see ``reports.disclosure_cube``)."""
    kind, _, _, term, module, year_group, gender = key
    if "/" in measure:
        if gender != cube.EVERY_GENDER or kind in (cube.FSM, cube.LOCALITY):
            return False
        return kind in AREA_KINDS or (kind == cube.SCHOOL and term == cube.ALL and module == year_group == cube.ALL)
    if kind in AREA_KINDS:
        return True
    if kind in (cube.FSM, cube.LOCALITY):
        return gender == cube.EVERY_GENDER
    return kind == cube.SCHOOL and cube.school_cell(key[2:])


@dataclass(frozen=True)
class PagePattern:
    """The stored pattern's hidden measures for one page's cells."""

    hidden: dict[tuple, frozenset[str]]
    limit: int
    # No pattern kept yet for the newest refresh: every figure is hidden while it is worked out.
    preparing: bool = False
    # Read only at this (academic year, term) with every gender, but for the areas in ``read_in_full``
    # (``page_pattern``'s ``listed``): any other cell of theirs is hidden, never taken as shown.
    listed: tuple[int, int] | None = None
    read_in_full: frozenset[tuple[str, str]] = frozenset()

    def is_hidden(self, key: tuple, measure: str) -> bool:
        return (
            self.preparing
            or not published(key, measure)
            or measure in self.hidden.get(key, frozenset())
            or (
                self.listed is not None
                and (key[0], key[1]) not in self.read_in_full
                and (key[2], key[3], key[6]) != (*self.listed, cube.EVERY_GENDER)
            )
        )

    def shown(self, key: tuple, measure: str, value: int) -> Shown:
        """The count as the pattern lets it be shown: the value, or ``SUPPRESSED``.

        A count below the threshold is hidden whatever the pattern says: the set leaves out cells with no
        pupil assigned (and so no pattern entry), such as a year with no figures yet.
        """
        return SUPPRESSED if value < self.limit or self.is_hidden(key, measure) else value


def page_pattern(
    *,
    module: int | None,
    year_group: int,
    areas: Sequence[tuple[str, str]] = (),
    kinds: Sequence[str] = (),
    listed: tuple[int, int] | None = None,
    listed_areas: Sequence[tuple[str, str]] = (),
) -> PagePattern:
    """The hidden cells a page can show: its ``areas`` (kind, area) and every area of ``kinds``, at the page's
    module (None: each module) and year group (``ALL`` for every one), any year, term and gender. Three
    queries: the newest refresh, its kept pattern and the page's cells; with none kept yet, every cell is
    hidden (``PagePattern.preparing``).

    ``listed`` (academic year, term) narrows the areas of ``kinds`` and ``listed_areas`` (the rows of a page's
    table of places) to that year and term with every gender, all a table of places shows: a page reads only
    the hidden cells it can show, not every year's and gender's of every district.
    """
    pattern = current_pattern()
    if pattern is None:
        return PagePattern(hidden={}, limit=threshold(), preparing=True)
    where = Q(pk__in=[])
    places = Q(kind__in=list(kinds)) if kinds else Q(pk__in=[])
    for kind, area in listed_areas:
        places |= Q(kind=kind, area=str(area))
    if listed is not None:
        places &= Q(academic_year=listed[0], term=listed[1], gender=cube.EVERY_GENDER)
    where |= places
    for kind, area in areas:
        where |= Q(kind=kind, area=str(area))
    if module is not None:
        where &= Q(module=module)
    rows = HiddenCell.objects.filter(where, pattern=pattern, year_group=year_group).values_list(
        "kind", "area", "academic_year", "term", "module", "year_group", "gender", "measures"
    )
    found: dict[tuple, frozenset[str]] = defaultdict(frozenset)
    for *key, measures in rows:
        found[tuple(key)] = frozenset(measures)
    full = frozenset((kind, str(area)) for kind, area in areas)
    return PagePattern(hidden=dict(found), limit=pattern.threshold, listed=listed, read_in_full=full)
