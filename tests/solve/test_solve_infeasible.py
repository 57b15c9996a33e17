"""Infeasible rounds: the explanation names the right rule families, people and posts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.scenario import load_scenario
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.explain import minimal_cover
from mutasi_opt.solve.instances import problem_from_values
from mutasi_opt.tables.read import load_tables

from .conftest import settings

CASES = Path(__file__).parent / "data"
ANI, BUDI = "198001012005011001", "198502022010012002"


def load(case: str) -> Problem:
    scenario = load_scenario(CASES / case / "scenario.yaml")
    return build_problem(load_tables(scenario), scenario)


def test_abolished_post_and_every_other_post_closed() -> None:
    result = solve(load("abolished_no_other_post"), settings())
    assert result.status == Status.INFEASIBLE
    assert result.assignment is None
    (conflict,) = result.conflicts
    assert conflict.families == ("abolished", "rank_range", "refusal")
    assert conflict.nips == (ANI,)
    assert conflict.position_ids == ("P1",)
    assert conflict.message == (
        f"NIP {ANI} must leave an abolished post (P1), but every other post is closed to them by "
        "the rules rank_range and refusal"
    )


def test_more_forced_moves_than_max_moves() -> None:
    result = solve(load("max_moves_below_forced_moves"), settings())
    assert result.status == Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert conflict.families == ("max_moves", "abolished")
    assert conflict.nips == (ANI, BUDI)
    assert (
        conflict.message == f"2 people must leave their post (NIP {ANI}, {BUDI}) but max_moves is 1"
    )


def test_forced_leaver_blocked_by_outflow_and_a_full_post() -> None:
    result = solve(load("outflow_below_forced_leavers"), settings())
    assert result.status == Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert set(conflict.families) == {"capacity", "unit_outflow", "abolished"}
    assert conflict.nips == (ANI,)


def test_must_fill_needs_a_move_that_max_moves_forbids() -> None:
    result = solve(load("must_fill_needs_a_move"), settings())
    assert result.status == Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert set(conflict.families) == {"must_fill", "max_moves"}
    assert conflict.position_ids == ("P2",)
    assert "must-fill posts empty today: P2" in conflict.message


def test_person_with_no_candidate_in_a_hand_made_round() -> None:
    values = np.array([[1.0, 2.0], [np.nan, np.nan]])
    result = solve(problem_from_values(values), settings())
    assert result.status == Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert conflict.nips == ("P0001",)
    assert conflict.families == ("eligibility",)


def test_must_fill_post_nobody_may_take() -> None:
    values = np.array([[1.0, np.nan], [2.0, np.nan]])
    problem = problem_from_values(values, capacity=[2, 1], must_fill=[False, True])
    result = solve(problem, settings())
    (conflict,) = result.conflicts
    assert conflict.families == ("must_fill", "eligibility")
    assert conflict.position_ids == ("J0001",)


@pytest.mark.parametrize(
    ("masks", "cover"),
    [([0b001, 0b010, 0b011], (0, 1)), ([0b110, 0b100], (2,)), ([0b1, 0b1], (0,)), ([], ())],
)
def test_minimal_cover(masks: list[int], cover: tuple[int, ...]) -> None:
    assert minimal_cover(np.array(masks, dtype=np.uint32)) == cover
