"""The composite value of a pair and its integer scale, by hand."""

from __future__ import annotations

import numpy as np
import pytest

from mutasi_opt.candidates import score_pairs
from mutasi_opt.scoring import VALUE_SCALE, composite_value, priority_factor, to_value_int

from .builders import build, make_nip, make_scenario, make_tables

A, B = make_nip(1), make_nip(2)
REQ = [("J1", "M.01", 3), ("J1", "M.02", 3), ("J1", "M.03", 2)]
REQ += [("J2", "M.01", 3), ("J2", "M.02", 3), ("J2", "M.03", 2)]
LEVELS = [(A, "M.01", 4), (A, "M.02", 3), (A, "M.03", 1)]  # fit 7/8 = 0.875 for J1 and J2


def tables(**kwargs):
    return make_tables(
        employees=[
            {
                "nip": A,
                "position_id": "J1",
                "performance": "Sangat Baik",
                "potential": "tinggi",
            },
            {"nip": B, "performance": "Kurang", "potential": None},
        ],
        positions=[
            {"position_id": "J1", "unit": "Dinas A"},
            {"position_id": "J2", "unit": "Dinas B", "priority": 5},
            {"position_id": "J3", "unit": "Dinas B", "priority": 1},
        ],
        competencies=LEVELS,
        requirements=REQ,
        **kwargs,
    )


def value_of(problem, i, j):
    k = int(problem.pair_index(i, j))
    assert k >= 0
    return problem.pairs.value[k], problem.pairs.value_int[k], problem.pairs.preference[k]


def test_value_by_hand():
    prefs = [{"nip": A, "rank": 2, "unit": "Dinas B"}]
    problem = build(tables(preferences=prefs))
    # Stay in J1: p = 1, fit 0.875, perf 1, pot 1, no wish, no move:
    #   1 * (0.875 + 0.2 + 0.1) = 1.175
    value, value_int, pref = value_of(problem, 0, 0)
    assert value == pytest.approx(1.175)
    assert value_int == 1_175_000
    assert pref == 0.0
    # Move to J2: p = 5/3, wish rank 2 for its unit (0.5), move cost 0.05:
    #   5/3 * 1.175 + 0.3 * 0.5 - 0.05 = 2.058333...
    value, value_int, pref = value_of(problem, 0, 1)
    assert value == pytest.approx(5 / 3 * 1.175 + 0.15 - 0.05)
    assert value_int == 2_058_333
    assert pref == 0.5
    # J3: p = 1/3, no requirements (fit 0), same unit wish: 1/3 * 0.3 + 0.15 - 0.05 = 0.2
    value, value_int, pref = value_of(problem, 0, 2)
    assert value == pytest.approx(0.2)
    assert value_int == 200_000


def test_unplaced_person_pays_no_move_cost_and_missing_potential_is_half():
    problem = build(tables())
    # B: fit 0 (no levels), perf Kurang 0.25, potential missing 0.5: 1 * (0.05 + 0.05) = 0.1
    value, value_int, _ = value_of(problem, 1, 0)
    assert value == pytest.approx(0.1)
    assert value_int == 100_000


def test_preference_is_one_over_rank_and_the_best_wish_wins():
    prefs = [
        {"nip": A, "rank": 3, "unit": "Dinas B"},
        {"nip": A, "rank": 1, "position_id": "J3"},
    ]
    problem = build(tables(preferences=prefs))
    assert value_of(problem, 0, 1)[2] == pytest.approx(1 / 3)
    assert value_of(problem, 0, 2)[2] == 1.0
    assert value_of(problem, 0, 0)[2] == 0.0  # the current post gets no preference unless wished


def test_scores_override_fit_but_not_jpm():
    problem = build(tables(scores=[(A, "J2", 40.0)]))
    k = int(problem.pair_index(0, 1))
    assert problem.pairs.fit[k] == pytest.approx(0.4)
    assert problem.pairs.jpm[k] == pytest.approx(100.0)
    k0 = int(problem.pair_index(0, 0))
    assert problem.pairs.fit[k0] == pytest.approx(0.875)


def test_with_only_scores_and_other_weights_zero_the_value_is_the_score():
    weights = {"fit": 1.0, "performance": 0, "potential": 0, "preference": 0, "move_cost": 0}
    problem = build(tables(scores=[(A, "J1", 55.0), (A, "J2", 81.0)]), weights=weights)
    assert value_of(problem, 0, 0)[0] == pytest.approx(0.55)
    # Priority still weighs the post: p_J2 = 5/3.
    assert value_of(problem, 0, 1)[0] == pytest.approx(0.81 * 5 / 3)


def test_composite_value_broadcasts_and_matches_the_formula():
    weights = make_scenario().weights
    got = composite_value(
        priority=np.array([3, 6]),
        fit=np.array([[1.0, 0.5]]),
        performance=np.array([[0.5]]),
        potential=np.array([[1.0]]),
        preference=0.0,
        moved=np.array([[False, True]]),
        penalty=0.0,
        weights=weights,
    )
    np.testing.assert_allclose(got, [[1.0 + 0.1 + 0.1, 2 * (0.5 + 0.1 + 0.1) - 0.05]])
    np.testing.assert_allclose(priority_factor([1, 3, 5]), [1 / 3, 1.0, 5 / 3])


def test_value_int_is_the_rounded_scale():
    assert VALUE_SCALE == 1_000_000
    assert to_value_int([0.1234564, 0.1234566, -0.0000004, 2.5e-7]).tolist() == [
        123456,
        123457,
        0,
        0,
    ]


def test_score_pairs_matches_candidates_and_rates_excluded_pairs_too():
    prefs = [{"nip": B, "position_id": "J3", "refuse": True}]
    problem = build(tables(preferences=prefs))
    assert problem.context is not None
    assert problem.pair_index(1, 2) == -1  # refused: not a candidate
    scores = score_pairs(problem.context, [0, 0, 1], [0, 1, 2])
    for n, (i, j) in enumerate([(0, 0), (0, 1)]):
        k = int(problem.pair_index(i, j))
        assert scores.value[n] == pytest.approx(problem.pairs.value[k])
        assert scores.value_int[n] == problem.pairs.value_int[k]
    # B at J3: p = 1/3, fit 0, perf 0.25, pot 0.5: 1/3 * (0.05 + 0.05)
    assert scores.value[2] == pytest.approx(0.1 / 3)
    assert scores.is_current.tolist() == [True, False, False]
