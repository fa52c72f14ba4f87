"""The evidence-strength panel: how large a change the evaluation can detect, given clustering.

Pupils in one school resemble each other, so N pupils in G schools carry the
information of fewer independent pupils. With nⱼ pupils in school j and the
intraclass correlation (ICC) of pupils' changes, the design effect for unequal
schools DEFF = 1 + (Σnⱼ²/N - 1)·ICC (Eldridge, Ashby & Kerry 2006) gives the
effective sample size N / DEFF and the minimum detectable effect (80% power,
5% two-sided significance, Student's t on G - 1 degrees of freedom;
``reports.stats``).

The ICC is estimated from the schools' own changes when at least
``MIN_SCHOOLS_FOR_ICC`` schools have pairs; with fewer, the estimate is too
unstable and the planning value ``PLANNING_ICC`` is used instead, and the panel
says so. One school alone has no clustering to allow for (DEFF = 1).

Everything here is a within-pupil (before/after) change, d_z. It is never set
beside published between-group effects (programme against comparison pupils,
such as De La Rue et al. 2017): those are a different quantity, and only the
difference in change between programme and comparison schools may be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports.dashboard_changes import Change
from reports.disclosure import SUPPRESSED, is_disclosive
from reports.readings import count_text, evidence_reading, hidden_reading, number_text
from reports.rollup_sums import PairedSums
from reports.stats import design_effect_unequal, icc_from_group_sums, minimum_detectable_effect

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
    reading: str = ""


def evidence_for(
    *,
    label: str,
    outcome: str,
    sums: PairedSums,
    school_groups: Sequence[tuple[int, float, float]],
    change: Change,
    count_schools: bool,
) -> Evidence:
    """The panel line for one outcome from its pair sums and per-school (n, Σd, Σd²) groups.

    ``label`` heads the table row; ``outcome`` names it in the reading ("knowledge",
    "the attitudes scale"). The design effect uses the schools' real sizes.
    """
    sizes = [n for n, _, _ in school_groups if n > 0]
    schools = len(sizes)
    if change.hidden or sums.n < 2 or is_disclosive(sums.n, schools if count_schools else None):
        return Evidence(outcome=label, hidden=True, reading=hidden_reading(f"the evidence on {outcome}"))
    if schools <= 1:
        icc, source = 0.0, "not needed: one school"
    else:
        icc, source = _icc(school_groups)
    deff = design_effect_unequal(sizes, icc)
    mde = minimum_detectable_effect(sums.n, deff, clusters=schools if schools >= 2 else None)
    result = change.result
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
        reading=evidence_reading(pairs=sums.n, schools=schools, mde=mde, outcome=outcome),
    )


def _icc(groups: Sequence[tuple[int, float, float]]) -> tuple[float, str]:
    kept = [group for group in groups if group[0] > 0]
    if len(kept) < MIN_SCHOOLS_FOR_ICC:
        return PLANNING_ICC, f"planning value: fewer than {MIN_SCHOOLS_FOR_ICC} schools to estimate it from"
    try:
        return icc_from_group_sums(kept), f"estimated from {len(kept)} schools"
    except ValueError:
        return PLANNING_ICC, "planning value: the schools' data cannot give an estimate"
