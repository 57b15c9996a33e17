"""Infeasibility conflicts re-verified apart from the solver (:mod:`mutasi_opt.proof.conflict`).

Every broken round of ``data/`` gives verified conflicts; a tampered conflict fails verification;
a round that has a plan makes the explanation raise instead of answering; and random small rounds
agree with brute force: no plan exactly when the explanation returns verified conflicts.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutasi_opt.check import check_plan
from mutasi_opt.instance import Instance
from mutasi_opt.problem import build_problem
from mutasi_opt.proof.conflict import (
    KINDS,
    allowed_pairs,
    plain_feasibility,
    verify_conflict,
    verify_conflicts,
)
from mutasi_opt.scenario import load_scenario
from mutasi_opt.solve import Conflict
from mutasi_opt.solve import infeasibility as explain_module
from mutasi_opt.solve.infeasibility import (
    PlanExists,
    UnverifiedInfeasibility,
    explain_infeasible,
)
from mutasi_opt.solve.instances import instance_from_values
from mutasi_opt.tables.read import load_tables

from .oracle import feasible_plans

CASES = Path(__file__).parent / "data"
BROKEN = sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("plan_"))
KIND_OF = {
    "abolished_no_other_post": "no_candidate",
    "hall_two_people_one_post": "hall",
    "max_moves_below_forced_moves": "side_rule_count",
    "must_fill_needs_a_move": "core",
    "must_fill_two_posts_one_taker": "must_fill_hall",
    "outflow_below_forced_leavers": "core",
    "pruned_to_one_post": "hall",
    "unit_forced_leavers": "side_rule_count",
    "vacancy_chain_beyond_max_moves": "core",
}


def load(case: str) -> Instance:
    """The instance of a named case (every claim here is about the instance alone)."""
    scenario = load_scenario(CASES / case / "scenario.yaml")
    return build_problem(load_tables(scenario), scenario).instance


def only(instance: Instance) -> Conflict:
    (conflict,) = explain_infeasible(instance, time_limit=10.0)
    return conflict


def test_the_checker_does_not_import_the_solver() -> None:
    code = (
        "import sys, mutasi_opt.proof.conflict, mutasi_opt.rules; "
        "print(sorted(m for m in sys.modules if m.startswith('mutasi_opt.solve')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_broken_round_is_listed() -> None:
    assert set(BROKEN) == set(KIND_OF)


@pytest.mark.parametrize("case", BROKEN)
def test_broken_round_gives_verified_conflicts(case: str) -> None:
    instance = load(case)
    conflicts = explain_infeasible(instance, time_limit=10.0)
    assert [c.kind for c in conflicts] == [KIND_OF[case]]
    assert all(c.verified for c in conflicts)
    assert verify_conflicts(instance, conflicts) == [True] * len(conflicts)
    assert plain_feasibility(instance, time_limit=10.0).status == "infeasible"
    assert "unknown" not in conflicts[0].families


def test_to_dict_keeps_the_old_keys_and_adds_the_claim() -> None:
    conflict = only(load("max_moves_below_forced_moves"))
    data = conflict.to_dict()
    assert list(data)[:4] == ["families", "message", "nips", "position_ids"]
    assert data["families"] == ["max_moves", "abolished"]
    assert data["kind"] == "side_rule_count"
    assert (data["people"], data["rule"], data["verified"]) == ([0, 1], "max_moves", True)


# -- tampered conflicts fail ------------------------------------------------------------------


def test_a_person_who_has_a_candidate() -> None:
    instance = load("abolished_no_other_post")
    conflict = only(instance)
    assert not verify_conflict(instance, replace(conflict, people=(1,)))  # Budi may keep P2
    assert not verify_conflict(instance, replace(conflict, people=(0, 1)))
    assert not verify_conflict(instance, replace(conflict, people=(7,)))  # out of range


def test_a_hall_group_whose_seats_suffice() -> None:
    instance = load("hall_two_people_one_post")
    conflict = only(instance)
    roomy = replace(instance, capacity=np.array([1, 1, 2, 1, 1], dtype=np.int32))
    assert not verify_conflict(roomy, conflict)
    assert not verify_conflict(instance, replace(conflict, people=(0,)))  # one person, one seat
    assert not verify_conflict(instance, replace(conflict, people=(0, 2), posts=(2, 3, 4)))
    assert not verify_conflict(instance, replace(conflict, posts=()))  # not the group's posts


def test_must_fill_posts_with_enough_takers() -> None:
    instance = load("must_fill_two_posts_one_taker")
    conflict = only(instance)
    assert not verify_conflict(instance, replace(conflict, posts=(2,)))
    assert not verify_conflict(instance, replace(conflict, people=()))  # Ani may take them
    not_fill = replace(instance, must_fill=np.array([False, False, True, False]))
    assert not verify_conflict(not_fill, conflict)


def test_side_rule_counts_that_the_rule_allows() -> None:
    moves = load("max_moves_below_forced_moves")
    conflict = only(moves)
    assert not verify_conflict(replace(moves, max_moves=2), conflict)
    assert not verify_conflict(replace(moves, max_moves=None), conflict)
    assert not verify_conflict(moves, replace(conflict, people=(0,)))
    assert not verify_conflict(moves, replace(conflict, rule="unit_outflow"))
    leavers = load("unit_forced_leavers")
    conflict = only(leavers)
    assert not verify_conflict(replace(leavers, unit_outflow_cap=np.array([2, 0])), conflict)
    assert not verify_conflict(leavers, replace(conflict, unit=1))
    assert not verify_conflict(leavers, replace(conflict, people=(0, 1, 2)))  # Citra may stay


def test_a_core_that_is_feasible() -> None:
    instance = load("vacancy_chain_beyond_max_moves")
    conflict = only(instance)
    for dropped in conflict.enforced:  # the core is minimal: each family is needed
        fewer = tuple(f for f in conflict.enforced if f != dropped)
        assert not verify_conflict(instance, replace(conflict, enforced=fewer)), dropped
    assert not verify_conflict(replace(instance, max_moves=2), conflict)
    assert not verify_conflict(instance, replace(conflict, enforced=(*conflict.enforced, "nope")))
    assert not verify_conflict(instance, replace(conflict, scope=(99,)))
    fill = load("must_fill_needs_a_move")
    conflict = only(fill)
    assert not verify_conflict(fill, replace(conflict, enforced=("capacity",)))
    assert not verify_conflict(replace(fill, max_moves=1), conflict)


def test_a_core_needs_the_pruning_it_names() -> None:
    instance = load("pruned_to_one_post")  # P4 is open to both but pruned away for each
    assert only(instance).families == ("capacity", "abolished", "candidates_per_person")
    held = ("capacity", "abolished", "candidates_per_person")
    core = Conflict(("x",), "core", kind="core", enforced=held)
    assert verify_conflict(instance, core)
    assert not verify_conflict(instance, replace(core, enforced=held[:2]))
    # Relaxing the pruning for Budi alone gives him P4 back: a plan.
    assert not verify_conflict(instance, replace(core, enforced=held[:2], scope=(1,)))
    assert verify_conflict(instance, replace(core, enforced=held[:2], scope=()))


def test_allowed_pairs_reopen_only_what_the_relaxed_families_exclude() -> None:
    instance = load("pruned_to_one_post")
    person, post = allowed_pairs(instance, ["capacity", "candidates_per_person"], None) or ((), ())
    # P1 and P2 are abolished, not pruned: only "abolished" being relaxed reopens them.
    assert sorted(zip(person.tolist(), post.tolist(), strict=True)) == [
        (0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)
    ]  # fmt: skip
    person, post = allowed_pairs(instance, ["abolished", "candidates_per_person"], None) or ((), ())
    assert sorted(zip(person.tolist(), post.tolist(), strict=True)) == [(0, 2), (1, 2)]
    assert allowed_pairs(instance, ["capacity"], (5,)) is None


def test_a_core_of_a_large_round_names_the_people_it_relaxed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Above MAX_EXCLUDED_PAIRS only those who must move or be placed get their excluded pairs.
    monkeypatch.setattr(explain_module, "MAX_EXCLUDED_PAIRS", 3)
    instance = load("vacancy_chain_beyond_max_moves")
    conflict = only(instance)
    assert (conflict.kind, conflict.scope) == ("core", (0,))
    assert set(conflict.families) == {"capacity", "max_moves", "abolished", "rank_range"}
    assert verify_conflict(instance, conflict)


def test_counts_and_unknown_kinds_on_a_round_with_a_plan() -> None:
    values = np.array([[1.0, 2.0], [3.0, np.nan]])
    instance = instance_from_values(values, must_fill=[True, False])
    for kind in (*KINDS, "", "unknown"):
        claim = Conflict(("x",), "tampered", kind=kind, people=(0,), posts=(0,), rule="max_moves",
                         enforced=("capacity", "must_fill"))  # fmt: skip
        assert not verify_conflict(instance, claim), kind


# -- rounds with a plan are never explained as infeasible -------------------------------------


def test_tenants_without_a_vacancy_have_a_plan() -> None:
    instance = load("plan_tenants_no_vacancy")
    with pytest.raises(PlanExists, match="wrongly said infeasible") as caught:
        explain_infeasible(instance)
    assert caught.value.assignment is not None
    assert check_plan(instance, caught.value.assignment.astype(np.int32)).ok


def test_a_plan_under_side_rules_raises_too() -> None:
    # A swap would be worth more, but everyone staying is a plan within max_moves = 0.
    values = np.array([[1.0, 5.0], [5.0, 1.0]])
    instance = instance_from_values(values, current_post=[0, 1], must_fill=[True, False])
    instance = replace(instance, max_moves=0)
    with pytest.raises(PlanExists) as caught:
        explain_infeasible(instance, time_limit=5.0)
    assert caught.value.assignment is not None
    assert caught.value.assignment.tolist() == [0, 1]
    assert isinstance(caught.value, UnverifiedInfeasibility)
    assert isinstance(caught.value, RuntimeError)


def test_unverifiable_explanations_fall_back_to_the_plain_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    instance = load("vacancy_chain_beyond_max_moves")
    monkeypatch.setattr(explain_module, "verify_conflict", lambda *a, **k: False)
    (conflict,) = explain_infeasible(instance, time_limit=5.0)
    assert (conflict.kind, conflict.scope, conflict.verified) == ("core", (), True)
    assert conflict.enforced == ("capacity", "max_moves")
    assert verify_conflict(instance, conflict)
    # Neither a conflict nor a plan: no answer at all, rather than an unproven one.
    monkeypatch.setattr(explain_module, "plain_feasibility", lambda *a, **k: type(
        "F", (), {"status": "unknown", "assignment": None})())  # fmt: skip
    with pytest.raises(UnverifiedInfeasibility, match="not proven"):
        explain_infeasible(instance, time_limit=5.0)


def test_tens_of_people_explain_in_well_under_a_second() -> None:
    # A vacancy chain: person 0's post is closed, each person k may take post k or k + 1, the
    # last post is vacant, so a plan needs n moves where max_moves allows n - 1.
    n = 40
    person = np.r_[0, np.repeat(np.arange(1, n), 2)]
    post = np.r_[1, np.column_stack([np.arange(1, n), np.arange(2, n + 1)]).ravel()]
    instance = instance_from_values(
        (person, post, np.ones(person.size)), n_posts=n + 1, current_post=np.arange(n)
    )
    instance = replace(instance, max_moves=n - 1)
    t0 = time.perf_counter()
    (conflict,) = explain_infeasible(instance, time_limit=10.0)
    assert time.perf_counter() - t0 < 0.5
    assert (conflict.kind, set(conflict.enforced)) == ("core", {"capacity", "max_moves"})


# -- random small rounds agree with brute force -----------------------------------------------


@st.composite
def small_rounds(draw: st.DrawFn) -> Instance:
    """A round of at most 4 people and 4 posts, often infeasible: tight seats and side rules."""
    n = draw(st.integers(1, 4))
    m = draw(st.integers(1, 4))
    # Three pairs in four allowed, most seats single: few people left without a post, so that
    # the Hall groups, side rules and cores get their share of the infeasible rounds.
    likely = st.integers(0, 3).map(bool)
    allowed = np.array(
        draw(st.lists(st.lists(likely, min_size=m, max_size=m), min_size=n, max_size=n))
    )
    values = np.where(allowed, 1.0, np.nan)
    capacity = draw(st.lists(st.sampled_from([1, 1, 1, 2, 0]), min_size=m, max_size=m))
    current = draw(st.lists(st.integers(-1, m - 1), min_size=n, max_size=n))
    post_unit = np.array(draw(st.lists(st.integers(0, 1), min_size=m, max_size=m)))
    post_unit[0] = 0  # unit indices 0..max without a gap
    must_fill = draw(st.lists(st.integers(0, 3).map(lambda k: k == 0), min_size=m, max_size=m))
    instance = instance_from_values(
        values, capacity=capacity, current_post=current, post_unit=post_unit, must_fill=must_fill
    )
    n_units = len(instance.units)
    max_moves = draw(st.one_of(st.none(), st.integers(0, 2)))
    outflow = draw(
        st.one_of(st.none(), st.lists(st.integers(0, 1), min_size=n_units, max_size=n_units))
    )
    cap = None if outflow is None else np.array(outflow, dtype=np.int64)
    return replace(instance, max_moves=max_moves, unit_outflow_cap=cap)


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_rounds())
def test_random_rounds_agree_with_brute_force(instance: Instance) -> None:
    has_plan = next(feasible_plans(instance), None) is not None
    if has_plan:
        event("has a plan")
        with pytest.raises(PlanExists) as caught:
            explain_infeasible(instance, time_limit=5.0)
        assert caught.value.assignment is not None
        assert check_plan(instance, caught.value.assignment.astype(np.int32)).ok
        return
    conflicts = explain_infeasible(instance, time_limit=5.0)
    event(f"infeasible: {conflicts[0].kind}")
    assert conflicts
    for conflict in conflicts:
        assert conflict.verified
        assert conflict.kind in KINDS
        assert "unknown" not in conflict.families
        assert verify_conflict(instance, conflict)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_rounds())
def test_a_verified_core_means_no_plan(instance: Instance) -> None:
    # The plain model alone agrees with brute force (the verifier of every core).
    answer = plain_feasibility(instance, time_limit=5.0)
    has_plan = next(feasible_plans(instance), None) is not None
    assert answer.status == ("feasible" if has_plan else "infeasible")
    if answer.assignment is not None:
        assert check_plan(instance, answer.assignment.astype(np.int32)).ok


claims = st.builds(
    Conflict,
    families=st.just(("x",)),
    message=st.just("random claim"),
    kind=st.sampled_from(KINDS),
    people=st.lists(st.integers(0, 3), max_size=4, unique=True).map(tuple),
    posts=st.lists(st.integers(0, 3), max_size=4, unique=True).map(tuple),
    rule=st.sampled_from(["max_moves", "unit_outflow"]),
    unit=st.one_of(st.none(), st.integers(0, 1)),
    enforced=st.lists(
        st.sampled_from(["capacity", "must_fill", "max_moves", "unit_outflow"]), unique=True
    ).map(tuple),
    scope=st.one_of(st.none(), st.just(())),
)


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_rounds(), st.lists(claims, min_size=1, max_size=5))
def test_no_claim_verifies_on_a_round_with_a_plan(
    instance: Instance, tried: list[Conflict]
) -> None:
    # Soundness of the checker: whatever a conflict claims, a round with a plan refutes it.
    if next(feasible_plans(instance), None) is None:
        return
    assert verify_conflicts(instance, tried) == [False] * len(tried)
