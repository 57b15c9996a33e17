"""The Instance: checked when made, restricted to fewer pairs, given other values, all cheaply."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from mutasi_opt.check import check_plan
from mutasi_opt.instance import CandidatePairs, Instance
from mutasi_opt.problem import instance_of
from mutasi_opt.scenario import SolverSettings
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.instances import instance_from_values

NAN = np.nan
SETTINGS = SolverSettings(backend="auto", time_limit_s=30.0, workers=1, seed=0)


def tiny(**kw: Any) -> Instance:
    """Three people, three posts in two units; P0 holds J0, P1 holds J1, P2 is unplaced.

    Values (rows people, columns posts; NaN: not a candidate)::

        P0: 5  7  .
        P1: .  4  6
        P2: 1  .  3
    """
    values = np.array([[5.0, 7.0, NAN], [NAN, 4.0, 6.0], [1.0, NAN, 3.0]])
    base: dict[str, Any] = {"current_post": [0, 1, -1], "post_unit": [0, 0, 1], "scale": 1}
    return instance_from_values(values, **{**base, **kw})


def pairs_of(instance: Instance) -> list[tuple[int, int, int]]:
    p = instance.pairs
    return list(zip(p.person.tolist(), p.post.tolist(), p.value_int.tolist(), strict=True))


# --- what it is --------------------------------------------------------------------------------


def test_the_arrays_and_their_properties() -> None:
    inst = tiny(max_moves=1)
    assert (inst.n_people, inst.n_posts, inst.units) == (3, 3, ("U00", "U01"))
    assert inst.person_unit.tolist() == [0, 0, -1]
    assert pairs_of(inst) == [(0, 0, 5), (0, 1, 7), (1, 1, 4), (1, 2, 6), (2, 0, 1), (2, 2, 3)]
    assert inst.pairs.ptr.tolist() == [0, 2, 4, 6]
    assert inst.pairs.is_current.tolist() == [True, False, True, False, False, False]
    assert inst.has_side_rules
    assert not tiny().has_side_rules
    assert inst.people_without_candidates.tolist() == []
    assert inst.pair_index([0, 1, 2], [1, 0, 2]).tolist() == [1, -1, 5]
    assert inst.exclusions is None
    assert repr(inst) == "Instance(people=3, posts=3, units=2, pairs=6, side_rules=True)"


def test_a_problem_holds_a_checked_instance_and_entry_points_take_either() -> None:
    from scoring.builders import build, make_nip, make_tables

    problem = build(make_tables([{"nip": make_nip(1), "position_id": "J1"}], [{}, {}]))
    assert isinstance(problem.instance, Instance)
    assert instance_of(problem) is problem.instance
    assert instance_of(problem.instance) is problem.instance
    assert problem.instance.exclusions is not None
    assert problem.instance.exclusions.codes[0] == "abolished"
    by_problem = solve(problem, SETTINGS)
    by_instance = solve(problem.instance, SETTINGS)
    assert by_problem.objective_int == by_instance.objective_int
    assert "audit" in by_problem.timings  # a problem's plans are audited against its tables
    assert "audit" not in by_instance.timings  # an instance alone has none
    assert by_problem.assignment is not None
    assert check_plan(problem, by_problem.assignment).ok
    assert check_plan(problem.instance, by_problem.assignment).ok


# --- checked when made -----------------------------------------------------------------------


def _broken_pairs(inst: Instance, **arrays: Any) -> Instance:
    return dataclasses.replace(inst, pairs=dataclasses.replace(inst.pairs, **arrays))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"capacity": np.ones(2, dtype=np.int32)}, r"capacity has shape \(2,\), expected \(3,\)"),
        ({"capacity": np.array([1, -1, 1], dtype=np.int32)}, "capacity must be >= 0"),
        ({"capacity": np.ones(3)}, "capacity must be an integer array"),
        ({"must_fill": np.zeros(3, dtype=np.int32)}, "must_fill must be a bool array"),
        ({"current_post": np.array([0, 3, -1], dtype=np.int32)}, r"current_post must lie in"),
        ({"person_unit": np.array([0, 1, -1], dtype=np.int32)}, "person_unit must be the unit"),
        ({"post_unit": np.array([0, 0, 2], dtype=np.int32)}, r"post_unit must lie in \[0, 2\)"),
        ({"max_moves": -1}, "max_moves must be >= 0"),
        ({"unit_outflow_cap": np.array([1], dtype=np.int64)}, "unit_outflow_cap has shape"),
        ({"unit_outflow_cap": np.array([1, -2], dtype=np.int64)}, "unit_outflow_cap must be"),
        ({"nip": np.array([["P0"], ["P1"], ["P2"]], dtype=object)}, "one-dimensional"),
    ],
)
def test_contradicting_arrays_are_refused(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(tiny(), **change)


def test_pairs_out_of_order_repeated_or_out_of_range_are_refused() -> None:
    inst = tiny()
    p = inst.pairs
    swapped = np.array([1, 0, 2, 3, 4, 5])
    with pytest.raises(ValueError, match="sorted by person then post, without repeats"):
        _broken_pairs(inst, **{f: getattr(p, f)[swapped] for f in ("person", "post", "is_current")})
    with pytest.raises(ValueError, match="sorted by person then post, without repeats"):
        _broken_pairs(inst, post=np.array([0, 0, 1, 2, 0, 2], dtype=np.int32))
    with pytest.raises(ValueError, match=r"pairs\.post must lie in \[0, 3\)"):
        _broken_pairs(inst, post=np.array([0, 1, 1, 3, 0, 2], dtype=np.int32))
    with pytest.raises(ValueError, match=r"pairs\.value has shape"):
        _broken_pairs(inst, value=p.value[:5])
    with pytest.raises(ValueError, match="every pair value must be finite"):
        _broken_pairs(inst, value=np.where(np.arange(6) == 2, np.inf, p.value))


def test_a_ptr_that_does_not_match_the_people_is_refused() -> None:
    inst = tiny()
    with pytest.raises(ValueError, match="CSR offsets"):
        _broken_pairs(inst, ptr=np.array([0, 1, 4, 6], dtype=np.int64))
    with pytest.raises(ValueError, match=r"pairs\.ptr has shape \(3,\)"):
        _broken_pairs(inst, ptr=np.array([0, 2, 6], dtype=np.int64))


def test_the_current_post_flag_must_be_exactly_the_current_post() -> None:
    inst = tiny()
    flags = inst.pairs.is_current
    not_flagged = flags.copy()
    not_flagged[0] = False  # P0's pair at J0, their own post
    with pytest.raises(ValueError, match="is_current must mark exactly each person"):
        _broken_pairs(inst, is_current=not_flagged)
    wrongly = flags.copy()
    wrongly[1] = True  # P0 at J1: a second "current" pair, not their post
    with pytest.raises(ValueError, match="is_current"):
        _broken_pairs(inst, is_current=wrongly)


def test_an_instance_may_be_empty() -> None:
    empty = instance_from_values(np.zeros((0, 0)))
    assert (empty.n_people, empty.n_posts, len(empty.pairs)) == (0, 0, 0)
    no_posts = instance_from_values(np.zeros((2, 0)))
    assert no_posts.people_without_candidates.tolist() == [0, 1]


# --- restrict --------------------------------------------------------------------------------


def test_restrict_by_mask_or_indices_keeps_those_pairs_and_shares_the_rest() -> None:
    inst = tiny(max_moves=2)
    mask = np.array([True, False, True, True, False, True])
    by_mask = inst.restrict(mask)
    by_index = inst.restrict([5, 0, 3, 2, 0])  # any order, repeats count once
    for sub in (by_mask, by_index):
        assert pairs_of(sub) == [(0, 0, 5), (1, 1, 4), (1, 2, 6), (2, 2, 3)]
        assert sub.pairs.ptr.tolist() == [0, 1, 3, 4]
        assert sub.pairs.is_current.tolist() == [True, True, False, False]
        assert sub.current_post is inst.current_post
        assert sub.capacity is inst.capacity
        assert sub.max_moves == 2
        # What restrict makes would pass the checks of a new instance.
        dataclasses.replace(sub)
    assert pairs_of(inst)[1] == (0, 1, 7)  # the original is untouched


def test_pair_index_of_a_restricted_or_revalued_round_reads_its_own_pairs() -> None:
    inst = tiny()
    everyone = np.arange(inst.n_people)
    # Looked up once on the whole round (its keys are then remembered) ...
    assert inst.pair_index([0, 1, 2], [1, 2, 2]).tolist() == [1, 3, 5]
    sub = inst.restrict([0, 3, 5])
    # ... the restricted round answers from its own pairs, not the remembered ones.
    assert sub.pair_index(everyone, [0, 2, 2]).tolist() == [0, 1, 2]
    assert sub.pair_index([0, 1], [1, 1]).tolist() == [-1, -1]
    again = inst.with_values(inst.pairs.value_int * 2)
    assert again.pair_index([0, 1, 2], [1, 2, 2]).tolist() == [1, 3, 5]
    assert inst.pair_index([0, 1, 2], [1, 2, 2]).tolist() == [1, 3, 5]


def test_people_left_without_a_pair_stay_and_make_the_round_infeasible() -> None:
    inst = tiny()
    sub = inst.restrict(inst.pairs.person != 2)
    assert sub.n_people == 3
    assert sub.people_without_candidates.tolist() == [2]
    result = solve(sub, SETTINGS)
    assert result.status == Status.INFEASIBLE
    assert [c.kind for c in result.conflicts] == ["no_candidate"]


def test_restrict_refuses_a_bad_selection() -> None:
    inst = tiny()
    with pytest.raises(ValueError, match="mask has shape"):
        inst.restrict(np.ones(5, dtype=bool))
    with pytest.raises(ValueError, match=r"pair indices must lie in \[0, 6\)"):
        inst.restrict([0, 6])


def test_restrict_keeps_the_rules_behind_the_pairs() -> None:
    from scoring.builders import build, make_nip, make_tables

    problem = build(make_tables([{"nip": make_nip(1), "position_id": "J1"}], [{}, {}, {}]))
    sub = problem.instance.restrict([0])
    assert sub.exclusions is problem.instance.exclusions


# --- with_values -----------------------------------------------------------------------------


def test_with_values_changes_only_the_values_and_shares_everything_else() -> None:
    inst = tiny()
    new = inst.with_values(np.array([50, 70, 40, 60, 10, 30]))
    assert new.pairs.value_int.tolist() == [50, 70, 40, 60, 10, 30]
    assert new.pairs.value.tolist() == [50.0, 70.0, 40.0, 60.0, 10.0, 30.0]  # scale 1
    for name in ("person", "post", "ptr", "fit", "jpm", "is_current"):
        assert getattr(new.pairs, name) is getattr(inst.pairs, name)
    for name in ("nip", "post_id", "current_post", "person_unit", "capacity", "must_fill"):
        assert getattr(new, name) is getattr(inst, name)
    assert inst.pairs.value_int.tolist() == [5, 7, 4, 6, 1, 3]


def test_with_values_default_float_values_follow_the_instance_scale() -> None:
    inst = tiny(scale=1000)
    assert inst.value_scale() == pytest.approx(1000.0)
    new = inst.with_values(inst.pairs.value_int * 2)
    np.testing.assert_allclose(new.pairs.value, inst.pairs.value * 2)
    given = inst.with_values(inst.pairs.value_int, value=np.arange(6, dtype=float))
    assert given.pairs.value.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]


def test_a_cost_of_a_move_changes_the_plan() -> None:
    """The parametric use: the same round with a cost on every move (a frontier of moves)."""
    inst = tiny()
    moving = ~inst.pairs.is_current & (inst.current_post[inst.pairs.person] >= 0)
    plans = {}
    for cost in (0, 3):
        result = solve(inst.with_values(inst.pairs.value_int - cost * moving), SETTINGS)
        assert result.assignment is not None
        plans[cost] = result.assignment.tolist()
    # Free moves: P0 takes J1 (7) and P1 J2 (6), P2 J0 (1) = 14 against 5 + 4 + 3 = 12.
    assert plans[0] == [1, 2, 0]
    # At 3 a move, those two moves are worth 4 + 3 + 1 = 8: everyone stays, P2 takes J2.
    assert plans[3] == [0, 1, 2]


@pytest.mark.parametrize(
    ("value_int", "value", "message"),
    [
        (np.arange(5), None, r"value_int has shape \(5,\)"),
        (np.array([1.5, 2, 3, 4, 5, 6]), None, "value_int must hold integers"),
        (np.arange(6), np.arange(4.0), r"value has shape \(4,\)"),
        (np.arange(6), np.array([0, 1, 2, 3, 4, np.nan]), "every value must be finite"),
    ],
)
def test_with_values_refuses_values_that_do_not_fit(
    value_int: np.ndarray, value: np.ndarray | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        tiny().with_values(value_int, value)


def test_candidate_pairs_are_importable_from_the_package() -> None:
    import mutasi_opt as mo

    assert mo.CandidatePairs is CandidatePairs
    assert mo.Instance is Instance
    assert mo.instance_from_values is instance_from_values
