"""ICC(1), design effect and minimum detectable effect against hand-worked and published examples."""

import random

import pytest

from reports.stats import design_effect, icc_from_group_sums, icc_oneway, minimum_detectable_effect

# ICC, design effect, minimum detectable effect ----------------------------------------------


def test_icc_oneway_balanced_hand_worked_example():
    # Groups (1, 2, 3), (4, 5, 6), (7, 8, 9): means 2, 5, 8, grand mean 5.
    # SSB = 3 * (9 + 0 + 9) = 54, MSB = 54 / 2 = 27; SSW = 2 + 2 + 2 = 6, MSW = 6 / 6 = 1; n0 = 3.
    # ICC = (27 - 1) / (27 + 2 * 1) = 26 / 29 = 0.896552.
    assert round(icc_oneway([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), 4) == 0.8966


def test_icc_oneway_unbalanced_hand_worked_example():
    # Groups (1, 3) and (5, 6, 7): N = 5, k = 2, means 2 and 6, grand mean 22/5 = 4.4.
    # SSB = 2 * 2.4^2 + 3 * 1.6^2 = 11.52 + 7.68 = 19.2 = MSB; SSW = 2 + 2 = 4, MSW = 4/3.
    # n0 = (5 - (4 + 9)/5) / 1 = 2.4. ICC = (19.2 - 4/3) / (19.2 + 1.4 * 4/3) = 17.8667 / 21.0667 = 0.848101.
    assert round(icc_oneway([[1, 3], [5, 6, 7]]), 4) == 0.8481


def test_icc_oneway_matches_shrout_fleiss_one_way_example():
    # Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges; BMS = 11.24, WMS = 6.26,
    # ICC(1,1) = (11.24 - 6.26) / (11.24 + 3 * 6.26) = 0.166, published as .17.
    targets = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    icc = icc_oneway(targets)
    assert round(icc, 2) == 0.17
    assert round(icc, 4) == 0.1657


def test_icc_oneway_is_floored_at_zero():
    assert icc_oneway([[1, 3], [1, 3], [1, 3]]) == 0.0
    assert icc_oneway([[4, 4], [4, 4, 4]]) == 0.0


def test_icc_oneway_ignores_empty_groups_and_rejects_too_little_data():
    assert icc_oneway([[1, 3], [], [5, 6, 7]]) == icc_oneway([[1, 3], [5, 6, 7]])
    with pytest.raises(ValueError, match="at least 2 non-empty groups"):
        icc_oneway([[1, 2, 3], []])
    with pytest.raises(ValueError, match="two or more members"):
        icc_oneway([[1], [2], [3]])


def test_icc_from_group_sums_equals_raw_computation():
    rng = random.Random(3)
    for _ in range(30):
        groups = [[rng.randint(1, 5) + (g % 3) for _ in range(rng.randint(1, 40))] for g in range(rng.randint(2, 15))]
        if sum(len(g) for g in groups) == len(groups):
            continue
        summed = [(len(g), float(sum(g)), float(sum(x * x for x in g))) for g in groups]
        assert icc_from_group_sums(summed) == pytest.approx(icc_oneway(groups), abs=1e-12)
    with pytest.raises(ValueError, match="negative"):
        icc_from_group_sums([(-1, 0.0, 0.0), (3, 6.0, 14.0)])


def test_design_effect():
    # Kish: 1 + (25 - 1) * 0.05 = 2.2.
    assert design_effect(25, 0.05) == pytest.approx(2.2)
    assert design_effect(1, 0.3) == 1.0
    with pytest.raises(ValueError, match="cluster size"):
        design_effect(0.5, 0.1)
    with pytest.raises(ValueError, match="ICC"):
        design_effect(10, 1.2)


def test_minimum_detectable_effect():
    # (1.959964 + 0.841621) / sqrt(100) = 0.280159.
    assert round(minimum_detectable_effect(100), 4) == 0.2802
    # With a design effect of 2.2 the effective n is 100 / 2.2: 0.280159 * sqrt(2.2) = 0.415541.
    assert round(minimum_detectable_effect(100, deff=2.2), 4) == 0.4155
    # 90 % power at alpha 0.01: (2.575829 + 1.281552) / sqrt(400) = 0.192869.
    assert round(minimum_detectable_effect(400, alpha=0.01, power=0.9), 4) == 0.1929


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 0}, "n must be positive"),
        ({"n": 10, "deff": 0}, "design effect"),
        ({"n": 10, "alpha": 1.0}, "alpha and power"),
        ({"n": 10, "power": 0}, "alpha and power"),
    ],
)
def test_minimum_detectable_effect_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        minimum_detectable_effect(**kwargs)
