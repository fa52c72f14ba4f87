"""The evaluator export's attrition flow: how many pupils reached each step, and what each step means.

The counts are the programme's, for the export's academic year and module, from the rollups
(``reports.attrition``), hidden as the refresh's stored pattern hides the county dashboard's
same figures; the data dictionary says what each step counts, so an evaluator
can check the flow against the rows.
"""

from __future__ import annotations

from reports import disclosure_cube as cube
from reports.attrition import ALL, COLUMNS, flow_tables, flow_values, read_flow
from reports.dashboard_cells import hidden_in
from reports.disclosure import why_hidden
from reports.models import ProgressRollup
from reports.published_pattern import page_pattern

# What each step of the flow counts, for the data dictionary (in the order of ``COLUMNS``).
STEP_MEANINGS = (
    "Pupils assigned the module: on the class list, or with progress in the assignment.",
    "Of those, opted out of the evaluation by a parent or carer (not withdrawn). Excluded.",
    "Of those, withdrawn (a pupil opted out and withdrawn is counted here). Excluded.",
    "Assigned, not opted out and not withdrawn: the pupils whose answers this export holds.",
    "In the evaluation and answered the quiz or the survey before the lessons (wave pre; a skipped survey is not).",
    "... and completed every lesson of the module.",
    "... and answered the end-of-module quiz or the survey after the lessons (wave post).",
    "... and have a quiz or survey pair in order: pre before the first lesson, post once it had begun.",
    "... and answered the follow-up survey in order: pre before the first lesson, follow_up once it had begun.",
)
HEADER = ["step", "pupils", "meaning"]


def dictionary_rows() -> list[list[str]]:
    """The data dictionary's rows for the attrition flow sheet."""
    return [
        [
            "attrition_flow.csv: step",
            "A step of the attrition flow (CONSORT 2010), each a subset of the one before.",
            "text",
        ],
        [
            "attrition_flow.csv: pupils",
            f"Pupils at the step; c where hidden: {why_hidden()}.",
            "integer",
        ],
        *(
            [f"attrition_flow.csv: {step}", meaning, "step"]
            for step, meaning in zip(COLUMNS, STEP_MEANINGS, strict=True)
        ),
    ]


def flow_rows(*, academic_year: int | None, module_id: int | None) -> list[list[object]]:
    """Each step with its count for the export's filters (the programme's pupils), as the refresh's stored
    pattern shows the county's cell for them (``reports.disclosure_flow``): three queries."""
    rows = ProgressRollup.objects.all()
    if academic_year is not None:
        rows = rows.filter(academic_year=academic_year)
    if module_id is not None:
        rows = rows.filter(module_id=module_id)
    module = module_id or cube.ALL
    key = (cube.COUNTY, "", academic_year or cube.ALL, cube.ALL, module, cube.ALL, cube.EVERY_GENDER)
    pattern = page_pattern(module=module, year_group=cube.ALL, areas=[(cube.COUNTY, "")])
    flow = flow_values(read_flow(rows), [])
    total, _ = flow_tables(flow, [], hidden=hidden_in(pattern, {(ALL,): key}))
    return [[step, count, meaning] for step, count, meaning in zip(COLUMNS, total.cells, STEP_MEANINGS, strict=True)]
