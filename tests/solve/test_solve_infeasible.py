"""Infeasible rounds: the explanation names the right rule families, people and posts.

Every conflict also carries a claim that :func:`mutasi_opt.proof.conflict.verify_conflict`
re-checks apart from the solver; each test asserts that it did.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mutasi_opt.instance import Instance
from mutasi_opt.problem import Problem, build_problem, instance_of
from mutasi_opt.proof.conflict import verify_conflict
from mutasi_opt.scenario import load_scenario
from mutasi_opt.solve import Conflict, Result, Status, solve
from mutasi_opt.solve.infeasibility import minimal_cover
from mutasi_opt.solve.instances import instance_from_values
from mutasi_opt.tables.read import load_tables

from .conftest import settings

CASES = Path(__file__).parent / "data"
ANI, BUDI = "198001012005011001", "198502022010012002"


def load(case: str) -> Problem:
    scenario = load_scenario(CASES / case / "scenario.yaml")
    return build_problem(load_tables(scenario), scenario)


def only_conflict(problem: Problem | Instance, result: Result, kind: str) -> Conflict:
    """The one conflict of an infeasible result, of this kind, verified (and re-verified here)."""
    assert result.status == Status.INFEASIBLE
    assert result.assignment is None
    (conflict,) = result.conflicts
    assert conflict.kind == kind
    assert conflict.verified
    assert verify_conflict(instance_of(problem), conflict)
    return conflict


def test_abolished_post_and_every_other_post_closed() -> None:
    problem = load("abolished_no_other_post")
    conflict = only_conflict(problem, solve(problem, settings()), "no_candidate")
    assert conflict.people == (0,)
    assert conflict.families == ("abolished", "rank_range", "refusal")
    assert conflict.nips == (ANI,)
    assert conflict.position_ids == ("P1",)
    assert conflict.message == (
        f"NIP {ANI} must leave an abolished post (P1), but every other post is closed to them by "
        "the rules rank_range and refusal"
    )


def test_more_forced_moves_than_max_moves() -> None:
    problem = load("max_moves_below_forced_moves")
    conflict = only_conflict(problem, solve(problem, settings()), "side_rule_count")
    assert (conflict.rule, conflict.people) == ("max_moves", (0, 1))
    assert conflict.families == ("max_moves", "abolished")
    assert conflict.nips == (ANI, BUDI)
    assert (
        conflict.message == f"2 people must leave their post (NIP {ANI}, {BUDI}) but max_moves is 1"
    )


def test_forced_leaver_blocked_by_outflow_and_a_full_post() -> None:
    problem = load("outflow_below_forced_leavers")
    conflict = only_conflict(problem, solve(problem, settings()), "core")
    assert set(conflict.families) == {"capacity", "unit_outflow", "abolished"}
    assert set(conflict.enforced) == set(conflict.families)
    assert conflict.scope is None  # every person's excluded pairs were in the model
    assert conflict.nips == (ANI,)


def test_must_fill_needs_a_move_that_max_moves_forbids() -> None:
    problem = load("must_fill_needs_a_move")
    conflict = only_conflict(problem, solve(problem, settings()), "core")
    assert set(conflict.families) == {"must_fill", "max_moves"}
    assert conflict.position_ids == ("P2",)
    assert conflict.posts == (1,)
    assert "must-fill posts empty today: P2" in conflict.message


def test_person_with_no_candidate_in_a_hand_made_round() -> None:
    values = np.array([[1.0, 2.0], [np.nan, np.nan]])
    problem = instance_from_values(values)
    conflict = only_conflict(problem, solve(problem, settings()), "no_candidate")
    assert conflict.nips == ("P0001",)
    assert conflict.families == ("eligibility",)


def test_must_fill_post_nobody_may_take() -> None:
    values = np.array([[1.0, np.nan], [2.0, np.nan]])
    problem = instance_from_values(values, capacity=[2, 1], must_fill=[False, True])
    conflict = only_conflict(problem, solve(problem, settings()), "must_fill_unreachable")
    assert conflict.families == ("must_fill", "eligibility")
    assert conflict.position_ids == ("J0001",)


def test_two_people_whose_only_post_has_one_seat() -> None:
    problem = load("hall_two_people_one_post")
    conflict = only_conflict(problem, solve(problem, settings()), "hall")
    assert conflict.families == ("capacity", "abolished", "rank_range")
    assert (conflict.nips, conflict.position_ids) == ((ANI, BUDI), ("P3",))
    assert conflict.message == (
        f"2 people (NIP {ANI}, {BUDI}) can only take posts P3 with 1 seat in total"
    )


def test_two_must_fill_posts_only_one_person_may_take() -> None:
    problem = load("must_fill_two_posts_one_taker")
    conflict = only_conflict(problem, solve(problem, settings()), "must_fill_hall")
    assert conflict.families == ("must_fill", "rank_range")
    assert (conflict.nips, conflict.position_ids) == ((ANI,), ("P3", "P4"))
    assert conflict.message == (
        f"2 posts must be filled (P3, P4) but only 1 person (NIP {ANI}) may take them"
    )


def test_vacancy_chain_longer_than_max_moves() -> None:
    problem = load("vacancy_chain_beyond_max_moves")
    conflict = only_conflict(problem, solve(problem, settings()), "core")
    # Relaxing any one of them gives a plan: two people in P2, two moves, Ani in P3, Ani stays.
    assert set(conflict.families) == {"capacity", "max_moves", "abolished", "rank_range"}
    assert conflict.nips == (ANI,)


def test_forced_leavers_of_a_unit_above_its_cap() -> None:
    problem = load("unit_forced_leavers")
    conflict = only_conflict(problem, solve(problem, settings()), "side_rule_count")
    assert (conflict.rule, conflict.unit, conflict.people) == ("unit_outflow", 0, (0, 1))
    assert conflict.families == ("unit_outflow", "abolished")
    assert conflict.nips == (ANI, BUDI)


@pytest.mark.parametrize(
    ("masks", "cover"),
    [([0b001, 0b010, 0b011], (0, 1)), ([0b110, 0b100], (2,)), ([0b1, 0b1], (0,)), ([], ())],
)
def test_minimal_cover(masks: list[int], cover: tuple[int, ...]) -> None:
    assert minimal_cover(np.array(masks, dtype=np.uint32)) == cover


@pytest.mark.parametrize(
    "case", sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("plan_"))
)
def test_every_broken_round_is_infeasible_with_verified_conflicts(case: str) -> None:
    problem = load(case)
    result = solve(problem, settings())
    assert result.status == Status.INFEASIBLE
    assert result.conflicts
    for conflict in result.conflicts:
        assert conflict.verified
        assert verify_conflict(problem.instance, conflict)
        assert "unknown" not in conflict.families
