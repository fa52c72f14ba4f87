"""The dashboard's headline (uptake of the whole area) and knowledge sections, with their readings in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from reports.charts import BarChart, ChartRow, bar_chart
from reports.dashboard_analysts import AnalystLine, analyst_line
from reports.dashboard_changes import KNOWLEDGE_DECIMALS
from reports.dashboard_queries import ProgressSums
from reports.dashboard_rates import Rate, make_rate
from reports.dashboard_rows import BreakdownRow, Cells, headline_row
from reports.readings import Reading, change_reading, number_text, rate_reading, schools_reading


@dataclass(frozen=True)
class Headline:
    """Uptake for the whole area: schools taking part of those eligible, and pupils."""

    eligible_schools: int
    schools_taking_part: int
    other_schools: int
    school_rate: Rate
    total: BreakdownRow
    schools_reading: str
    started_reading: str
    completed_reading: str
    passed_reading: str


@dataclass(frozen=True)
class Knowledge:
    total: BreakdownRow
    reading: Reading
    chart: BarChart
    analyst: AnalystLine
    # How many quiz questions the change used: those identical in the versions answered before and after.
    questions_text: str = ""

    @property
    def analysts(self) -> tuple[AnalystLine, ...]:
        return (self.analyst,)


def headline_section(total: ProgressSums, eligible: int, count_schools: bool, cells: Cells) -> Headline:
    row = headline_row(total, count_schools=count_schools, cells=cells)
    taking_part = total.eligible_schools
    return Headline(
        eligible_schools=eligible,
        schools_taking_part=taking_part,
        other_schools=total.schools - taking_part,
        school_rate=make_rate(taking_part, eligible) if eligible else Rate(),
        total=row,
        schools_reading=schools_reading(taking_part, eligible, total.schools - taking_part),
        started_reading=rate_reading(
            row.started,
            row.assigned,
            row.started_rate.low,
            row.started_rate.high,
            did="started",
            of="pupils assigned a module",
        ),
        completed_reading=rate_reading(
            row.completed,
            row.assigned,
            row.completed_rate.low,
            row.completed_rate.high,
            did="completed it",
            of="pupils assigned a module",
        ),
        passed_reading=rate_reading(
            row.passed,
            row.quiz_taken,
            row.passed_rate.low,
            row.passed_rate.high,
            did="passed it at the first try",
            of="pupils in the evaluation who took the end-of-module quiz",
        ),
    )


def knowledge_section(total: BreakdownRow, module: str, questions_text: str = "") -> Knowledge:
    result = total.knowledge.result
    rows = [
        ChartRow("Before the lessons", result.mean_pre if result else None, total.knowledge.pre_text),
        ChartRow("After the lessons", result.mean_post if result else None, total.knowledge.post_text),
    ]
    return Knowledge(
        total=total,
        reading=change_reading(
            result,
            subject="Pupils' quiz scores",
            unit="points out of 100",
            decimals=KNOWLEDGE_DECIMALS,
            pupils="pupils who did both quizzes",
        ),
        chart=bar_chart(
            key="knowledge",
            title="Average quiz score out of 100, before and after the lessons",
            rows=rows,
            tick_format=lambda v: number_text(v, 0),
            domain=(0.0, 100.0),
            intervals=False,
        ),
        analyst=analyst_line(
            module=module,
            measure="knowledge quiz score (out of 100)",
            pairs=total.pairs_text,
            change=total.knowledge,
            p=result.p if result else None,
            p_note="the primary outcome: not adjusted",
        ),
        questions_text=questions_text,
    )
