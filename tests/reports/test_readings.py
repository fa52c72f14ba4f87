"""Plain-English readings of report figures, and the number formats they share."""

import math

import pytest

from reports.readings import (
    MINUS,
    NOT_DEFINED,
    NOT_SHOWN,
    alpha_reading,
    change_reading,
    count_text,
    evidence_reading,
    hidden_reading,
    interval_text,
    number_text,
    p_value_text,
    percent_text,
    rate_reading,
    schools_reading,
)
from reports.stats_pooled import PooledChange, pooled_change

CLUSTERED = "The interval allows for pupils in the same school answering alike."
ONE_SCHOOL = (
    "This is one school's figure: its interval treats the school's pupils as independent (pupil-level) and says "
    "nothing about other schools."
)


def change(mean_diff: float, ci_low: float, ci_high: float, n: int = 412, schools: int = 14) -> PooledChange:
    return PooledChange(
        n=n,
        schools=schools,
        clustered=schools > 1,
        mean_pre=5.0,
        mean_post=5.0 + mean_diff,
        mean_diff=mean_diff,
        sd_diff=1.0,
        sd_pre=1.0,
        sd_post=1.0,
        se=0.2,
        df=schools - 1 if schools > 1 else n - 1,
        ci_low=ci_low,
        ci_high=ci_high,
        p_value=0.01,
        d_z=0.5,
        d_z_ci_low=0.4,
        d_z_ci_high=0.6,
        g_z=0.5,
        d_av=0.4,
        icc=0.05,
        design_effect=2.0,
    )


def knowledge(result: PooledChange | None) -> str:
    return change_reading(
        result, subject="Pupils' scores", unit="points out of 10", decimals=1, pupils="pupils who did both quizzes"
    )


def test_a_rise_reads_who_took_part_what_changed_how_sure_and_what_it_does_not_show():
    reading = knowledge(change(1.2, 0.9, 1.5))
    assert reading.parts == [
        ("Who took part", "412 pupils who did both quizzes, in 14 schools."),
        ("What changed", "Pupils' scores rose by 1.2 points out of 10 on average."),
        ("How sure we are", f"The 95% confidence interval is 0.9 to 1.5. {CLUSTERED}"),
        ("What it does not show", NOT_SHOWN),
    ]
    assert str(reading) == " ".join(answer for _, answer in reading.parts)


def test_a_fall_reads_as_a_fall_with_a_true_minus_in_the_interval():
    reading = knowledge(change(-0.8, -1.1, -0.5, n=1500))
    assert reading.took_part == "1,500 pupils who did both quizzes, in 14 schools."
    assert reading.changed == "Pupils' scores fell by 0.8 points out of 10 on average."
    assert reading.how_sure.startswith(f"The 95% confidence interval is {MINUS}1.1 to {MINUS}0.5.")


def test_few_schools_say_the_interval_is_wide_and_give_no_p_value():
    few = change(1.2, 0.2, 2.2, schools=6)
    assert few.few_schools and few.p is None
    assert knowledge(few).how_sure.endswith(
        "The interval is wide because few schools took part (6): pupils in the same school answer alike, so the "
        "number of schools limits how sure we can be. No p-value is given for fewer than 10 schools."
    )
    enough = change(1.2, 0.2, 2.2, schools=10)
    assert not enough.few_schools and enough.p == 0.01


def test_one_schools_figure_says_its_interval_is_pupil_level():
    reading = knowledge(change(1.2, 0.9, 1.5, schools=1))
    assert reading.took_part == "412 pupils who did both quizzes, in one school."
    assert reading.how_sure == f"The 95% confidence interval is 0.9 to 1.5. {ONE_SCHOOL}"


def test_an_interval_across_zero_says_it_could_be_chance():
    reading = knowledge(change(0.3, -0.1, 0.7))
    assert reading.changed.startswith("Pupils' scores rose by 0.3 points")
    assert reading.how_sure.endswith("The interval includes no change at all, so this could be chance.")


def test_a_change_that_rounds_to_zero_reads_as_no_change():
    assert knowledge(change(0.04, -0.2, 0.28)).changed == "Pupils' scores did not change on average."


def test_a_hidden_change_reads_as_hidden_never_as_zero(settings):
    settings.SUPPRESSION_THRESHOLD = 10
    hidden = knowledge(None)
    assert (
        str(hidden)
        == "The change in pupils' scores is hidden (c) because it is under 10 pupils or 3 schools, or it could be "
        "used to work out a hidden figure."
    )
    assert hidden.parts == [("Who took part", str(hidden))]
    assert hidden_reading("the number") == (
        "The number is hidden (c) because it is under 10 pupils or 3 schools, or it could be used to work out a "
        "hidden figure."
    )


def test_a_reading_from_real_statistics():
    # One school, differences 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.3027 -> 2 ± 2.484 (pupil-level).
    result = pooled_change((3, 0.0, 6.0, 0.0, 14.0, 6.0, 14.0), [(3, 6.0, 14.0)])
    assert str(knowledge(result)) == (
        "3 pupils who did both quizzes, in one school. Pupils' scores rose by 2.0 points out of 10 on average. "
        f"The 95% confidence interval is {MINUS}0.5 to 4.5. {ONE_SCHOOL} The interval includes no change at all, "
        f"so this could be chance. {NOT_SHOWN}"
    )


def test_p_values_are_shown_to_three_places_or_as_below_a_thousandth():
    assert p_value_text(0.04234) == "p = 0.042"
    assert p_value_text(0.0004) == "p < 0.001"
    assert p_value_text(math.nan) == NOT_DEFINED


def test_rate_reading():
    assert rate_reading(740, 1200, 0.589, 0.644, did="completed it", of="pupils assigned a module") == (
        "Of 1,200 pupils assigned a module, 740 completed it: 62% (95% CI 59% to 64%)."
    )
    assert rate_reading("c", 1200, 0, 0, did="completed it", of="pupils assigned").startswith("The number of pupils")


def test_schools_reading():
    assert schools_reading(12, 80) == "12 of the 80 eligible schools took part (15%)."
    assert schools_reading(12, 80, 1) == "12 of the 80 eligible schools took part (15%). 1 other school also took part."
    assert schools_reading(0, 0) == "There are no eligible schools in this area."


@pytest.mark.parametrize(
    ("alpha", "start"),
    [
        (0.85, "The statements on this scale agree well"),
        (0.72, "The statements on this scale agree acceptably"),
        (0.65, "The statements on this scale agree only moderately"),
        (0.4, "The statements on this scale do not agree well"),
    ],
)
def test_alpha_reading_says_how_well_the_items_agree(alpha, start):
    reading = alpha_reading(alpha, alpha - 0.05, alpha + 0.05, 380)
    assert reading.startswith(start)
    interval = f"{alpha - 0.05:.2f} to {alpha + 0.05:.2f}"
    assert reading.endswith(f"(Cronbach's alpha {alpha:.2f}, 95% CI {interval}, from 380 pupils).")


def test_alpha_reading_when_alpha_cannot_be_worked_out():
    assert "cannot be worked out" in alpha_reading(math.nan, math.nan, math.nan, 20)


def test_evidence_reading_never_sets_a_before_after_change_beside_published_effects():
    reading = evidence_reading(pairs=900, schools=30, mde=0.15, outcome="knowledge")
    assert reading == (
        "With 900 pupils in 30 schools, the smallest before-to-after change in knowledge this evaluation can "
        "reliably detect is 0.15 standard deviations of pupils' changes."
    )
    assert evidence_reading(pairs=40, schools=1, mde=0.6, outcome="the attitudes scale").startswith(
        "With 40 pupils in 1 school, the smallest before-to-after change in the attitudes scale"
    )


def test_number_formats():
    assert count_text(1204) == "1,204"
    assert count_text("c") == "c"
    assert number_text(1.25, 1, signed=True) == "+1.2"  # round half to even, as Python does
    assert number_text(-0.04, 1, signed=True) == "0.0"
    assert number_text(-2.5, 2) == f"{MINUS}2.50"
    assert number_text(math.inf) == NOT_DEFINED
    assert percent_text(0.625) == "62%"
    assert interval_text(0.9, 1.5) == "0.9 to 1.5"
    assert interval_text(math.nan, 1.5) == NOT_DEFINED
