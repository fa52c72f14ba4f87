"""Bar charts as SVG data: every bar labelled in text, hidden figures drawn as no bar, intervals as whiskers."""

import pytest

from reports.charts import PLOT_LEFT, PLOT_RIGHT, ChartRow, bar_chart, nice_ticks
from reports.readings import percent_text


def test_rates_are_laid_out_on_a_zero_to_one_axis():
    chart = bar_chart(
        key="uptake",
        title="Completed",
        rows=[ChartRow("Ashford", 0.5, "50%", 0.4, 0.6), ChartRow("Dover", None, "c")],
        tick_format=percent_text,
        domain=(0.0, 1.0),
    )
    ashford, dover = chart.bars

    assert float(ashford.x) == PLOT_LEFT
    assert float(ashford.width) == pytest.approx((PLOT_RIGHT - PLOT_LEFT) / 2, abs=0.1)
    assert (ashford.label, ashford.value_text, ashford.hidden) == ("Ashford", "50%", False)
    assert float(ashford.whisker_x1) < float(ashford.x) + float(ashford.width) < float(ashford.whisker_x2)
    assert (dover.hidden, dover.value_text, dover.whisker_y) == (True, "c", "")
    assert [tick.label for tick in chart.ticks] == ["0%", "50%", "100%"]
    assert chart.has_intervals
    assert chart.description == ("Ashford: 50%; Dover: c. Lines across the bars show 95% confidence intervals.")


def test_negative_changes_draw_left_of_zero():
    chart = bar_chart(
        key="change",
        title="Change",
        rows=[ChartRow("Up", 2.0, "+2.0", 1.0, 3.0), ChartRow("Down", -1.0, "-1.0", -2.0, 0.5)],
        tick_format=str,
    )
    up, down = chart.bars
    zero = float(chart.zero_x)

    assert float(up.x) == pytest.approx(zero)
    assert float(down.x) + float(down.width) == pytest.approx(zero, abs=0.1)
    assert float(down.whisker_x1) < float(down.x)


def test_a_chart_of_no_rows_is_empty():
    assert bar_chart(key="none", title="Nothing", rows=[], tick_format=str).is_empty


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [(0, 1, [0, 0.5, 1.0]), (-3, 25, [0, 10, 20]), (0, 100, [0, 50, 100]), (-12, -2, [-10, -5])],
)
def test_nice_ticks(low, high, ticks):
    assert nice_ticks(low, high) == pytest.approx(ticks)
