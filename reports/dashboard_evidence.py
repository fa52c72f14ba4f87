"""The evidence-strength panel: how large a change the evaluation can detect, given clustering.

Pupils in one school resemble each other, so N pupils in k schools carry the
information of fewer independent pupils. With m = N / k pupils per school and
the intraclass correlation (ICC) of pupils' changes, Kish's design effect
DEFF = 1 + (m - 1)·ICC gives the effective sample size N / DEFF and the minimum
detectable effect (80% power, 5% two-sided significance; ``reports.stats``).

The ICC is estimated from the schools' own changes when at least
``MIN_SCHOOLS_FOR_ICC`` schools have pairs; with fewer, the estimate is too
unstable and the planning value ``PLANNING_ICC`` is used instead, and the panel
says so. One school alone has no clustering to allow for (DEFF = 1).

The published effects beside it are between-group effects (programme against
comparison group) from De La Rue, L., Polanin, J. R., Espelage, D. L. & Pigott,
T. D. (2017) A meta-analysis of school-based interventions aimed to prevent or
reduce violence in teen dating relationships, Review of Educational Research
87(1), 7-34: knowledge g ≈ 0.22 and attitudes g ≈ 0.14 over 23 studies. A
before/after change is not the same quantity; d_av (the change over the average
of the before and after spreads) is the closer of ours to compare.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.dashboard_figures import Change
from reports.disclosure import SUPPRESSED, is_disclosive
from reports.readings import count_text, evidence_reading, hidden_reading, number_text
from reports.rollup_sums import PairedSums
from reports.stats import design_effect, icc_from_group_sums, minimum_detectable_effect

# A cautious planning value for the ICC of pupils' changes, used until enough schools take part.
PLANNING_ICC = 0.05
MIN_SCHOOLS_FOR_ICC = 5


@dataclass(frozen=True)
class Evidence:
    """One outcome's line in the panel; every number is text ("c" when hidden)."""

    outcome: str
    hidden: bool
    pairs: str = SUPPRESSED
    schools: str = SUPPRESSED
    icc: str = SUPPRESSED
    icc_source: str = ""
    design_effect: str = SUPPRESSED
    effective_n: str = SUPPRESSED
    mde: str = SUPPRESSED
    observed_d_z: str = SUPPRESSED
    observed_d_av: str = SUPPRESSED
    published_g: str = ""
    reading: str = ""


def evidence_for(
    *,
    label: str,
    outcome: str,
    compared_with: str,
    sums: PairedSums,
    schools: int,
    school_groups: list[tuple[int, float, float]],
    change: Change,
    published: float,
    count_schools: bool,
) -> Evidence:
    """The panel line for one outcome from its pair sums and per-school (n, Σd, Σd²) groups.

    ``label`` heads the table row; ``outcome`` names it in the reading ("knowledge",
    "the attitudes scale"); ``compared_with`` is what the published effect is of.
    """
    published_text = number_text(published, 2)
    if sums.n < 2 or is_disclosive(sums.n, schools if count_schools else None):
        return Evidence(
            outcome=label,
            hidden=True,
            published_g=published_text,
            reading=hidden_reading(f"the evidence on {outcome}"),
        )
    if schools <= 1:
        icc, source = 0.0, "not needed: one school"
    else:
        icc, source = _icc(school_groups)
    deff = design_effect(max(1.0, sums.n / max(schools, 1)), icc)
    mde = minimum_detectable_effect(sums.n, deff)
    result = change.full
    return Evidence(
        outcome=label,
        hidden=False,
        pairs=count_text(sums.n),
        schools=count_text(schools),
        icc=number_text(icc, 3),
        icc_source=source,
        design_effect=number_text(deff, 2),
        effective_n=count_text(round(sums.n / deff)),
        mde=number_text(mde, 2),
        observed_d_z=number_text(result.d_z, 2) if result else SUPPRESSED,
        observed_d_av=number_text(result.d_av, 2) if result else SUPPRESSED,
        published_g=published_text,
        reading=evidence_reading(
            pairs=sums.n,
            schools=schools,
            mde=mde,
            published=published,
            outcome=outcome,
            compared_with=compared_with,
        ),
    )


def _icc(groups: list[tuple[int, float, float]]) -> tuple[float, str]:
    kept = [group for group in groups if group[0] > 0]
    if len(kept) < MIN_SCHOOLS_FOR_ICC:
        return PLANNING_ICC, f"planning value: fewer than {MIN_SCHOOLS_FOR_ICC} schools to estimate it from"
    try:
        return icc_from_group_sums(kept), f"estimated from {len(kept)} schools"
    except ValueError:
        return PLANNING_ICC, "planning value: the schools' data cannot give an estimate"
