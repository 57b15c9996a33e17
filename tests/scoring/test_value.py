"""The composite value of a pair and its integer scale, by hand."""

from __future__ import annotations

import numpy as np
import pytest

from mutasi_opt.candidates import score_pairs
from mutasi_opt.scoring import VALUE_SCALE, composite_value, priority_factor, to_value_int

from .builders import build as build_problem_of
from .builders import make_nip, make_scenario, make_tables

A, B = make_nip(1), make_nip(2)
REQ = [("J1", "M.01", 3), ("J1", "M.02", 3), ("J1", "M.03", 2)]
REQ += [("J2", "M.01", 3), ("J2", "M.02", 3), ("J2", "M.03", 2)]
LEVELS = [(A, "M.01", 4), (A, "M.02", 3), (A, "M.03", 1)]  # fit 7/8 = 0.875 for J1 and J2


def tables(tmt: str = "2020-01-01", **kwargs):
    return make_tables(
        employees=[
            {
                "nip": A,
                "position_id": "J1",
                "tmt_jabatan": tmt,
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


def build(tables, rules=None, **sections):
    # These tests read the value of pairs that lower A's fit (J3 requires nothing: fit 0), which
    # rules.no_fit_loss would close: the value formula does not depend on it.
    return build_problem_of(tables, rules={"no_fit_loss": False, **(rules or {})}, **sections)


def value_of(problem, i, j):
    k = int(problem.instance.pair_index(i, j))
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
    # Move to J2: p = 5/3, wish rank 2 for its unit (0.5 x weight 0.2), move cost 0.1, and 0.05 for
    # moving someone 83 months in post (past max_tenure_months 60: weights.overdue):
    #   5/3 * 1.175 + 0.2 * 0.5 - 0.1 + 0.05 = 2.0083333...
    value, value_int, pref = value_of(problem, 0, 1)
    assert value == pytest.approx(5 / 3 * 1.175 + 0.1 - 0.1 + 0.05)
    assert value_int == 2_008_333
    assert pref == 0.5
    # J3: p = 1/3, no requirements (fit 0), same unit wish: 1/3 * 0.3 + 0.1 - 0.1 + 0.05 = 0.15
    value, value_int, pref = value_of(problem, 0, 2)
    assert value == pytest.approx(0.15)
    assert value_int == 150_000


@pytest.mark.parametrize(
    ("tmt", "rules", "overdue", "bonus"),
    [
        ("2020-01-01", {}, 0.05, 0.05),  # 83 months > 60: the bonus
        ("2020-01-01", {}, 0.0, 0.0),  # switched off
        ("2020-01-01", {"max_tenure_months": None}, 0.05, 0.0),  # no maximum, no bonus
        ("2022-01-01", {"max_tenure_months": 59}, 0.05, 0.0),  # 59 months: not past 59
        ("2021-12-01", {"max_tenure_months": 59}, 0.05, 0.05),  # 60 months: past 59
    ],
)
def test_overdue_bonus_rewards_moving_someone_past_the_maximum_tenure(
    tmt: str, rules: dict[str, object], overdue: float, bonus: float
) -> None:
    problem = build(tables(tmt=tmt), rules=rules, weights={"overdue": overdue})
    base = build(tables(tmt=tmt), rules=rules, weights={"overdue": 0})
    # Staying gets nothing; every move the same bonus, not weighted by the post's priority.
    assert value_of(problem, 0, 0)[0] == pytest.approx(value_of(base, 0, 0)[0])
    for j in (1, 2):
        assert value_of(problem, 0, j)[0] == pytest.approx(value_of(base, 0, j)[0] + bonus)


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
    k = int(problem.instance.pair_index(0, 1))
    assert problem.pairs.fit[k] == pytest.approx(0.4)
    assert problem.pairs.jpm[k] == pytest.approx(100.0)
    k0 = int(problem.instance.pair_index(0, 0))
    assert problem.pairs.fit[k0] == pytest.approx(0.875)


def test_with_only_scores_and_other_weights_zero_the_value_is_the_score():
    weights = {
        "fit": 1.0, "performance": 0, "potential": 0, "preference": 0, "move_cost": 0, "overdue": 0,
    }  # fmt: skip
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
    # Default weights: performance 0.2, potential 0.1, move cost 0.1.
    np.testing.assert_allclose(got, [[1.0 + 0.1 + 0.1, 2 * (0.5 + 0.1 + 0.1) - 0.1]])
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
    assert problem.instance.pair_index(1, 2) == -1  # refused: not a candidate
    scores = score_pairs(problem.context, [0, 0, 1], [0, 1, 2])
    for n, (i, j) in enumerate([(0, 0), (0, 1)]):
        k = int(problem.instance.pair_index(i, j))
        assert scores.value[n] == pytest.approx(problem.pairs.value[k])
        assert scores.value_int[n] == problem.pairs.value_int[k]
    # B at J3: p = 1/3, fit 0, perf 0.25, pot 0.5: 1/3 * (0.05 + 0.05)
    assert scores.value[2] == pytest.approx(0.1 / 3)
    assert scores.is_current.tolist() == [True, False, False]
