"""Scale scores and Cronbach's alpha against published and hand-worked examples."""

import math
import random

import pytest

from reports.stats import cronbach_alpha, cronbach_alpha_from_sums, feldt_interval, scale_score

# pingouin's documented example (dataset "cronbach_alpha"): 15 respondents x 10 items,
# published result alpha = 0.591719, 95 % CI [0.195, 0.84]. One list per item.
PINGOUIN_ITEMS = [
    [3, 5, 7, 2, 6, 1, 4, 2, 6, 5, 4, 4, 5, 6, 4],
    [2, 4, 3, 4, 5, 2, 3, 4, 5, 4, 3, 2, 5, 5, 3],
    [4, 6, 5, 3, 6, 3, 5, 4, 5, 6, 5, 3, 6, 5, 5],
    [1, 3, 5, 3, 5, 4, 3, 3, 5, 4, 2, 2, 2, 4, 5],
    [4, 5, 6, 2, 4, 2, 5, 7, 1, 3, 5, 5, 3, 2, 3],
    [5, 1, 4, 2, 4, 5, 2, 2, 6, 5, 3, 3, 3, 2, 1],
    [1, 2, 3, 2, 4, 2, 1, 2, 5, 3, 2, 4, 2, 1, 3],
    [4, 5, 3, 6, 6, 3, 2, 4, 2, 1, 3, 2, 4, 4, 2],
    [3, 5, 6, 6, 7, 5, 4, 6, 3, 7, 4, 3, 4, 6, 3],
    [2, 5, 5, 3, 5, 2, 3, 5, 2, 2, 1, 4, 5, 5, 4],
]
PINGOUIN_ROWS = [list(row) for row in zip(*PINGOUIN_ITEMS, strict=True)]


# Cronbach's alpha ---------------------------------------------------------------------------


def test_cronbach_alpha_matches_pingouin_documented_example():
    alpha, low, high = cronbach_alpha(PINGOUIN_ROWS)
    assert round(alpha, 4) == 0.5917
    assert round(alpha, 6) == 0.591719
    assert round(low, 3) == 0.195
    assert round(high, 3) == 0.840


def test_cronbach_alpha_hand_worked_example():
    rows = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 4, 5]]
    # Item variances: (1, 2, 3, 4) -> 5/3; (2, 3, 3, 4) -> 2/3; (2, 3, 4, 5) -> 5/3; sum 4.
    # Totals 5, 8, 10, 13 (mean 9): variance (16 + 1 + 1 + 16) / 3 = 34/3.
    # alpha = 3/2 * (1 - 4 / (34/3)) = 3/2 * 22/34 = 33/34 = 0.970588.
    # Feldt, df 3 and 6: F_.975(3, 6) = 6.5988 and F_.025(3, 6) = 1 / F_.975(6, 3) = 1 / 14.7347 = 0.067867,
    # so lower = 1 - (1/34) * 6.5988 = 0.805918 and upper = 1 - (1/34) * 0.067867 = 0.998004.
    alpha, low, high = cronbach_alpha(rows)
    assert alpha == pytest.approx(33 / 34)
    assert round(alpha, 4) == 0.9706
    assert round(low, 4) == 0.8059
    assert round(high, 4) == 0.9980


def test_feldt_interval_matches_feldt_woodruff_salih_1987():
    # Feldt, Woodruff & Salih (1987), p. 95: alpha .790, 41 examinees, 26 items, 90 % interval
    # .704 to .861 with F read from tables to two decimals; exact F gives .7047 to .8616
    # (as cocron's test of the same example records: .705 and .862).
    low, high = feldt_interval(0.79, 41, 26, confidence=0.90)
    assert round(low, 3) == 0.705
    assert round(high, 3) == 0.862
    assert low == pytest.approx(0.704, abs=0.001)
    assert high == pytest.approx(0.861, abs=0.001)


def test_cronbach_alpha_drops_incomplete_rows():
    with_gaps = [*PINGOUIN_ROWS, [1, None, 3, 4, 5, 6, 7, 1, 2, 3], [float("nan")] * 10]
    assert cronbach_alpha(with_gaps) == pytest.approx(cronbach_alpha(PINGOUIN_ROWS))


def test_cronbach_alpha_needs_two_items_and_two_complete_rows():
    with pytest.raises(ValueError, match="at least 2 items; got 1"):
        cronbach_alpha([[1], [2], [3]])
    with pytest.raises(ValueError, match="at least 2 respondents"):
        cronbach_alpha([[1, 2], [None, 3], [4, None]])
    with pytest.raises(ValueError, match="at least 2 items; got 0"):
        cronbach_alpha([])
    with pytest.raises(ValueError, match="row lengths"):
        cronbach_alpha([[1, 2], [1, 2, 3]])


def test_cronbach_alpha_is_nan_when_totals_do_not_vary():
    alpha, low, high = cronbach_alpha([[1, 5], [3, 3], [5, 1]])
    assert math.isnan(alpha) and math.isnan(low) and math.isnan(high)


def test_cronbach_alpha_can_be_negative():
    alpha, low, high = cronbach_alpha([[1, 5], [2, 3], [5, 1]])
    assert alpha < 0
    assert low < alpha < high


def test_cronbach_alpha_from_sums_equals_raw_computation():
    rng = random.Random(11)
    for rows in [PINGOUIN_ROWS] + [
        [[rng.randint(1, 5) for _ in range(k)] for _ in range(n)]
        for n, k in [(rng.randint(3, 200), rng.randint(2, 12)) for _ in range(20)]
    ]:
        k = len(rows[0])
        totals = [sum(row) for row in rows]
        columns = list(zip(*rows, strict=True))
        expected = cronbach_alpha(rows)
        got = cronbach_alpha_from_sums(
            len(rows),
            [sum(c) for c in columns],
            [sum(x * x for x in c) for c in columns],
            sum(totals),
            sum(t * t for t in totals),
        )
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-12, nan_ok=True), (len(rows), k)


def test_cronbach_alpha_from_sums_rejects_bad_input():
    with pytest.raises(ValueError, match="item sums"):
        cronbach_alpha_from_sums(5, [10, 12], [30], 22, 120)
    with pytest.raises(ValueError, match="at least 2 items"):
        cronbach_alpha_from_sums(5, [10], [30], 10, 30)
    with pytest.raises(ValueError, match="at least 2 respondents"):
        cronbach_alpha_from_sums(1, [1, 2], [1, 4], 3, 9)
    with pytest.raises(ValueError, match="total_sum"):
        cronbach_alpha_from_sums(5, [10, 12], [30, 40], 23, 120)


# Scale scores -------------------------------------------------------------------------------


def test_scale_score_reverse_scores_before_averaging():
    # 1-5 scale, item 2 reversed: 4 -> 1 + 5 - 4 = 2; mean of (5, 2, 3) = 10/3.
    assert scale_score([5, 4, 3], 1, 5, [False, True, False]) == pytest.approx(10 / 3)
    # 0-4 scale reversed: 0 -> 4 and 4 -> 0.
    assert scale_score([0, 4], 0, 4, [True, True]) == 2.0
    assert scale_score([0, 0], 0, 4, [True, True]) == 4.0


def test_scale_score_min_share_boundary():
    flags = [False] * 4
    # Exactly half answered reaches the default share of 0.5.
    assert scale_score([2, None, 4, None], 1, 5, flags) == 3.0
    # One fewer is below it.
    assert scale_score([2, None, None, None], 1, 5, flags) is None
    assert scale_score([2, None, None, None], 1, 5, flags, min_share=0.25) == 2.0
    # Two of three items reaches a share of 2/3 despite binary rounding.
    assert scale_score([1, 2, None], 1, 5, [False] * 3, min_share=2 / 3) == 1.5
    assert scale_score([1, None, None], 1, 5, [False] * 3, min_share=2 / 3) is None
    # Seven of ten at 0.7.
    assert scale_score([3] * 7 + [None] * 3, 1, 5, [False] * 10, min_share=0.7) == 3.0
    assert scale_score([None, None], 1, 5, [False, False], min_share=0.5) is None


def test_scale_score_treats_nan_as_unanswered():
    assert scale_score([float("nan"), 4, 5], 1, 5, [False, False, True]) == pytest.approx(2.5)


@pytest.mark.parametrize(
    ("values", "minimum", "maximum", "flags", "min_share", "message"),
    [
        ([], 1, 5, [], 0.5, "at least one item"),
        ([1, 2], 1, 5, [False], 0.5, "reverse-scoring flags"),
        ([1, 2], 5, 1, [False, False], 0.5, "below its maximum"),
        ([1, 6], 1, 5, [False, False], 0.5, "outside the scale range"),
        ([1, 2], 1, 5, [False, False], 0, "min_share"),
        ([1, 2], 1, 5, [False, False], 1.5, "min_share"),
    ],
)
def test_scale_score_rejects_bad_input(values, minimum, maximum, flags, min_share, message):
    with pytest.raises(ValueError, match=message):
        scale_score(values, minimum, maximum, flags, min_share)
