"""Plain-English readings of report figures, and the number formats they share."""

import math

import pytest

from reports.readings import (
    MINUS,
    NOT_DEFINED,
    alpha_reading,
    change_reading,
    count_text,
    evidence_reading,
    hidden_reading,
    interval_text,
    number_text,
    percent_text,
    rate_reading,
    schools_reading,
)
from reports.stats import PairedChange, paired_change


def change(mean_diff: float, ci_low: float, ci_high: float, n: int = 412) -> PairedChange:
    return PairedChange(
        n=n,
        mean_pre=5.0,
        mean_post=5.0 + mean_diff,
        mean_diff=mean_diff,
        sd_diff=1.0,
        t=1.0,
        df=n - 1,
        p=0.01,
        ci_low=ci_low,
        ci_high=ci_high,
        d_z=0.5,
        d_z_ci_low=0.4,
        d_z_ci_high=0.6,
        g_z=0.5,
        d_av=0.4,
    )


def knowledge(result: PairedChange | None) -> str:
    return change_reading(
        result, subject="Pupils' scores", unit="points out of 10", decimals=1, pupils="pupils who did both quizzes"
    )


def test_a_rise_reads_with_its_interval_and_pupils():
    assert knowledge(change(1.2, 0.9, 1.5)) == (
        "Pupils' scores rose by 1.2 points out of 10 (95% CI 0.9 to 1.5), from 412 pupils who did both quizzes."
    )


def test_a_fall_reads_as_a_fall_with_a_true_minus_in_the_interval():
    assert knowledge(change(-0.8, -1.1, -0.5, n=1500)) == (
        f"Pupils' scores fell by 0.8 points out of 10 (95% CI {MINUS}1.1 to {MINUS}0.5), "
        "from 1,500 pupils who did both quizzes."
    )


def test_an_interval_across_zero_says_it_could_be_chance():
    reading = knowledge(change(0.3, -0.1, 0.7))
    assert reading.startswith("Pupils' scores rose by 0.3 points")
    assert reading.endswith("The interval includes no change at all, so this could be chance.")


def test_a_change_that_rounds_to_zero_reads_as_no_change():
    assert knowledge(change(0.04, -0.2, 0.28)).startswith("Pupils' scores did not change on average (95% CI")


def test_a_hidden_change_reads_as_hidden_never_as_zero(settings):
    settings.SUPPRESSION_THRESHOLD = 10
    assert knowledge(None) == (
        "The change in pupils' scores is hidden (c): it would be about fewer than 10 pupils or 3 schools."
    )
    assert hidden_reading("the number") == (
        "The number is hidden (c): it would be about fewer than 10 pupils or 3 schools."
    )


def test_a_reading_from_real_statistics():
    # Differences 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.3027 -> 2 ± 2.484.
    result = paired_change([0, 0, 0], [1, 2, 3])
    assert knowledge(result) == (
        f"Pupils' scores rose by 2.0 points out of 10 (95% CI {MINUS}0.5 to 4.5), from 3 pupils who did both quizzes."
        " The interval includes no change at all, so this could be chance."
    )


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


def test_evidence_reading_compares_with_the_published_effect():
    enough = evidence_reading(
        pairs=900, schools=30, mde=0.15, published=0.22, outcome="knowledge", compared_with="knowledge"
    )
    assert enough == (
        "With 900 pupils in 30 schools, the smallest change in knowledge this evaluation can reliably detect is "
        "0.15 standard deviations. Published programmes changed knowledge by about 0.22, so an effect of that size "
        "would be detected."
    )
    too_few = evidence_reading(
        pairs=40, schools=1, mde=0.6, published=0.14, outcome="the attitudes scale", compared_with="attitudes"
    )
    assert too_few.startswith("With 40 pupils in 1 school, the smallest change in the attitudes scale")
    assert too_few.endswith("so an effect of that size could be missed: more pupils and schools are needed.")


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
