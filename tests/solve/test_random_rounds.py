"""Random small rounds built as tables, solved by every backend and flow method, against oracles.

The rounds (4-12 people, 3-10 posts) go through the real loaders' data model and
:func:`~mutasi_opt.problem.build_problem`, so every hard rule runs: refusals, rank ranges,
education, minimum tenure, promotion and demotion, ``only_scored_pairs`` with a partial ``scores``
table, must-fill posts, ``max_moves`` and ``max_unit_outflow_share``. Competency levels are small
integers, so many fits tie. Each round is checked at the product's value scale (1e6) and at a
scale 10,000 times larger, where a code that takes 1e6 as infinity (``lap.lapjv``) or computes in
floats beyond 2**53 breaks.

Oracles: the HiGHS MILP of :mod:`.milp` and, when the plan space is small, the brute force of
:mod:`.oracle`; :func:`mutasi_opt.check.check_plan` re-checks every plan.
"""

from __future__ import annotations

import dataclasses
import inspect
import math
from collections.abc import Callable
from functools import cache
from typing import Any, get_args
from unittest import mock

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutasi_opt import domain
from mutasi_opt.check import check_plan
from mutasi_opt.instance import Instance
from mutasi_opt.problem import Problem, instance_of
from mutasi_opt.solve import Result, Status, flow, near, solve
from mutasi_opt.solve.flow import solve_flow
from mutasi_opt.solve.instances import instance_from_values
from mutasi_opt.solve.near import best_pairs, solve_flow_near
from mutasi_opt.solve.ties import tie_broken_weights
from scoring.builders import build, make_nip, make_tables

from .conftest import settings
from .milp import milp_optimum, milp_solve
from .oracle import brute_force

SCALES = (1, 10_000)
"""Multipliers of ``value_int``: the product's scale and one 10,000 times larger."""
BRUTE_FORCE_PLANS = 20_000
"""Brute force only when the product of the people's candidate counts is at most this."""
ALL_FLOW_METHODS = ("lsa", "sparse", "min_cost_flow")
CODES = ("M.01", "M.02", "M.03", "M.04")
UNITS = ("Dinas A", "Dinas B", "Dinas C")
GOLONGAN = domain.GOLONGAN[6:12]  # II/c ... III/d
EDUCATION = ("SMA", "D3", "S1", "S2")
SETTINGS = hsettings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- the rounds -------------------------------------------------------------------------------


@st.composite
def table_rounds(draw: st.DrawFn) -> Problem:
    """A round as tables: posts, people, levels, standards, wishes, refusals, scores and rules."""
    n = draw(st.integers(4, 12))
    single = n <= 10 and draw(st.booleans())  # every capacity 1 and posts >= people
    loose = draw(st.booleans())  # few hard rules: dense candidate sets
    m = draw(st.integers(max(3, n), 10)) if single else draw(st.integers(max(3, -(-n // 2)), 10))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n_units = draw(st.integers(1, 3))
    posts: list[dict[str, Any]] = []
    for j in range(m):
        kind = str(rng.choice(["pelaksana"] * 3 + ["pengawas", "fungsional"]))
        low = int(rng.integers(0, 4)) if rng.random() < 0.15 and not loose else None
        posts.append(
            {
                "position_id": f"J{j + 1}",
                "unit": UNITS[j % n_units if j < n_units else int(rng.integers(n_units))],
                "kind": kind,
                "jenjang": str(rng.choice(["ahli_pertama"] * 3 + ["ahli_muda"]))
                if kind == "fungsional"
                else None,
                "capacity": 1 if single else int(rng.choice([1, 1, 1, 2, 3])),
                "min_golongan": None if low is None else GOLONGAN[low],
                "max_golongan": GOLONGAN[int(rng.integers(3, 6))]
                if rng.random() < 0.1 and not loose
                else None,
                "min_education": str(rng.choice(EDUCATION))
                if rng.random() < 0.15 and not loose
                else None,
                "priority": int(rng.choice([1, 2, 3, 3, 3, 4, 4, 5])),
                "status": "abolished" if rng.random() < 0.03 and not loose else "active",
            }
        )
    while sum(p["capacity"] for p in posts) < n:  # seats for everyone (the rules may still not)
        post = posts[int(rng.integers(m))]
        post["capacity"] = min(3, post["capacity"] + 1)
    free = [int(p["capacity"]) for p in posts]
    people: list[dict[str, Any]] = []
    for i in range(n):
        j = int(rng.integers(m))
        placed = rng.random() < 0.85 and free[j] > 0
        if placed:
            free[j] -= 1
        months = int(rng.integers(6, 80))  # tenure at 2026-12-01; below 24 stays by default
        year, month = divmod(2026 * 12 + 11 - months, 12)
        birth = int(rng.choice([1969, *([1975, 1980, 1985, 1990, 1995] * 2)]))
        people.append(
            {
                "nip": make_nip(i + 1, birth=f"{birth}0{int(rng.integers(1, 10))}15"),
                "position_id": posts[j]["position_id"] if placed else None,
                "golongan": str(rng.choice(GOLONGAN)),
                "education": str(rng.choice(EDUCATION)),
                "tmt_jabatan": f"{year}-{month + 1:02d}-01",
                "performance": str(rng.choice(domain.PREDIKAT[:3])),
                "performance_prev": str(rng.choice(domain.PREDIKAT[:2])),
                "potential": str(rng.choice(domain.POTENTIAL)),
            }
        )
    nips = [p["nip"] for p in people]
    pids = [p["position_id"] for p in posts]
    levels = [
        (nip, c, int(rng.integers(1, 5))) for nip in nips for c in CODES if rng.random() < 0.8
    ]
    requirements = [
        (pid, c, int(rng.integers(1, 4))) for pid in pids for c in CODES if rng.random() < 0.5
    ]
    preferences: list[dict[str, Any]] = []
    for nip in nips:
        targets: set[tuple[str, str]] = set()
        for rank in range(1, int(rng.integers(0, 3)) + 1):
            target = ("unit", str(rng.choice(UNITS[:n_units])))
            if rng.random() < 0.7:
                target = ("position_id", str(rng.choice(pids)))
            if target not in targets:
                targets.add(target)
                preferences.append({"nip": nip, "rank": rank, target[0]: target[1]})
        if rng.random() < (0.05 if loose else 0.25):
            target = ("position_id", str(rng.choice(pids)))
            if target not in targets:
                preferences.append({"nip": nip, "refuse": True, target[0]: target[1]})
    scored = draw(
        st.sampled_from(["none", "partial"] if loose else ["none", "partial", "only_scored"])
    )
    scores = []
    if scored != "none":
        share = float(rng.uniform(0.3, 0.9))
        scores = [
            (nip, pid, float(10 * rng.integers(0, 11)))
            for nip in nips
            for pid in pids
            if rng.random() < share
        ]
    tables = make_tables(people, posts, levels, requirements, preferences, scores)
    rules: dict[str, Any] = {
        "min_tenure_months": 0 if loose else draw(st.sampled_from([0, 24])),
        "allow_promotion": loose or draw(st.booleans()),
        "allow_demotion": loose or draw(st.booleans()),
        "refusals": draw(st.sampled_from(["hard", "hard", "soft"])),
        "only_scored_pairs": scored == "only_scored",
        "must_fill_min_priority": 5 if draw(st.integers(0, 3)) == 0 else None,
        "max_moves": draw(st.integers(n // 3, n)) if draw(st.booleans()) else None,
        "max_unit_outflow_share": draw(st.sampled_from([0.25, 0.5, 1.0]))
        if draw(st.integers(0, 2)) == 0
        else None,
    }
    weights = {"move_cost": draw(st.sampled_from([0.0, 0.05, 0.2]))}
    return build(tables, rules=rules, weights=weights)


@st.composite
def value_rounds(draw: st.DrawFn) -> Instance:
    """Plain numbers at the real scale: integer values 0-7 times 1e6 (many ties), forbidden pairs."""
    n = draw(st.integers(1, 8))
    m = draw(st.integers(1, 8))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = rng.integers(0, 8, size=(n, m)).astype(np.float64)
    values[rng.random((n, m)) < draw(st.sampled_from([0.0, 0.0, 0.3, 0.6]))] = np.nan
    capacity = rng.integers(1, 3, size=m) if draw(st.booleans()) else np.ones(m, dtype=np.int64)
    current = np.where(rng.random(n) < 0.5, rng.integers(0, m, size=n), -1)
    must_fill = rng.random(m) < draw(st.sampled_from([0.0, 0.0, 0.25]))
    return instance_from_values(
        values, capacity=capacity, current_post=current, must_fill=must_fill, scale=1_000_000
    )


# --- oracles and helpers ----------------------------------------------------------------------


def scaled(problem: Problem, factor: int) -> Problem | Instance:
    """The same round with every ``value_int`` multiplied by ``factor``.

    Its integers are no longer ``rint(value x 1e6)`` of the tables' values, so it is the instance
    alone: like a round built by hand, its values are given (an audit that re-derives values
    from the tables has nothing to compare them with).
    """
    if factor == 1:
        return problem
    pairs = problem.pairs
    return problem.instance.with_values(pairs.value_int * factor, pairs.value)


def without_side_rules(instance: Instance) -> Instance:
    """The round the flow path solves: ``max_moves`` and unit outflow caps dropped."""
    return dataclasses.replace(instance, max_moves=None, unit_outflow_cap=None)


def plan_space(instance: Instance) -> int:
    """Product of the people's candidate counts (plans the brute force enumerates)."""
    return math.prod(int(c) for c in np.diff(instance.pairs.ptr).tolist())


def exhaustive_optimum(instance: Instance, weights: npt.NDArray[np.int64]) -> int | None:
    """Best ``sum weights`` over plans of one post per person, capacities and must-fill posts.

    Exhaustive dynamic programming over the people in order, the state being the load of every
    post (side rules are not modelled: the rounds of :func:`value_rounds` have none).
    """
    ptr, post = instance.pairs.ptr.tolist(), instance.pairs.post.tolist()
    w = [int(v) for v in weights.tolist()]
    cap = instance.capacity.tolist()
    fill = [j for j in range(instance.n_posts) if bool(instance.must_fill[j])]
    n = instance.n_people

    @cache
    def best(i: int, load: tuple[int, ...]) -> int | None:
        if i == n:
            return 0 if all(load[j] > 0 for j in fill) else None
        out: int | None = None
        for k in range(ptr[i], ptr[i + 1]):
            j = post[k]
            if load[j] < cap[j]:
                rest = best(i + 1, (*load[:j], load[j] + 1, *load[j + 1 :]))
                if rest is not None and (out is None or w[k] + rest > out):
                    out = w[k] + rest
        return out

    return best(0, (0,) * instance.n_posts)


def flow_methods(
    instance: Instance, weights: npt.NDArray[np.int64]
) -> tuple[tuple[str, ...], bool]:
    """The exact flow methods for this round, and whether the solver said so itself.

    Uses ``mutasi_opt.solve.flow.applicable_methods`` when it exists (with or without the
    weights); otherwise every method the module declares (``FLOW_METHODS``, else the
    ``FlowMethod`` literal) is tried and one that rejects the shape is skipped.
    """
    try:
        from mutasi_opt.solve.flow import applicable_methods
    except ImportError:
        declared = getattr(flow, "FLOW_METHODS", None) or get_args(flow.FlowMethod)
        return tuple(declared) or ALL_FLOW_METHODS, False
    call: Callable[..., Any] = applicable_methods
    if len(inspect.signature(call).parameters) >= 2:
        return tuple(call(instance, weights)), True
    return tuple(call(instance)), True


def assert_result(
    round_: Problem | Instance, result: Result, optimum: int | None, label: str
) -> None:
    """The claims of a result against the oracle's optimum (``None``: no plan exists)."""
    if optimum is None:
        assert result.status == Status.INFEASIBLE, f"{label}: {result}"
        assert result.conflicts, f"{label}: infeasible without a conflict"
        return
    assert result.status == Status.OPTIMAL, (
        f"{label}: {result} although a plan worth {optimum} exists; "
        f"conflicts {[c.message for c in result.conflicts]}"
    )
    assert result.objective_int == optimum, f"{label}: {result.objective_int} != {optimum}"
    assert result.assignment is not None
    report = check_plan(round_, result.assignment)
    assert report.ok, f"{label}: {report}"
    assert report.objective_int == optimum
    proof = getattr(result, "proof", None)
    assert proof is not None, f"{label}: Result.proof is missing"
    assert proof.verified is True, f"{label}: proof {proof.method} not verified"


def assert_flow_methods_agree(
    instance: Instance, weights: npt.NDArray[np.int64], label: str
) -> None:
    """Every exact flow method reaches the same weight, and the MILP's on those weights."""
    plain = without_side_rules(instance)
    optimum = milp_optimum(plain, weights)
    methods, declared = flow_methods(plain, weights)
    assert methods, f"{label}: no flow method applies"
    reached: dict[str, int | None] = {}
    for method in methods:
        try:
            sol = solve_flow(plain, weights, method)
        except ValueError:
            if declared:
                raise
            continue  # the method does not take this shape (capacities, must-fill, n > m)
        if not sol.feasible:
            reached[method] = None
            continue
        assert sol.pair is not None
        assert int(weights[sol.pair].sum()) == sol.weight, f"{label}/{method}: weight of its plan"
        report = check_plan(plain, plain.pairs.post[sol.pair])
        assert report.ok, f"{label}/{method}: {report}"
        reached[method] = sol.weight
    assert reached, f"{label}: every flow method refused the round"
    # Started from any subset of the pairs (none, the current posts, a random half, all),
    # priced against every pair: the same optimum.
    n_pairs = len(plain.pairs)
    rng = np.random.default_rng(n_pairs)
    starts = {
        "none": np.zeros(n_pairs, dtype=bool),
        "current": np.asarray(plain.pairs.is_current, dtype=bool),
        "half": rng.random(n_pairs) < 0.5,
        "all": np.ones(n_pairs, dtype=bool),
        "best": best_pairs(plain, weights, 1, 2),
    }
    for name, keep in starts.items():
        for rounds in (1, 6):
            sol = solve_flow_near(plain, weights, keep, max_rounds=rounds)
            if not sol.feasible:
                reached[f"near/{name}/{rounds}"] = None
                continue
            assert sol.pair is not None
            assert int(weights[sol.pair].sum()) == sol.weight, f"{label}/near/{name}"
            assert check_plan(plain, plain.pairs.post[sol.pair]).ok, f"{label}/near/{name}"
            reached[f"near/{name}/{rounds}"] = sol.weight
    # The main solve's start on large rounds, forced on whatever the size.
    with mock.patch.object(near, "LARGE_PAIRS", 0):
        sol = near.solve_flow_large(plain, weights)
    if sol.feasible:
        assert sol.pair is not None
        assert check_plan(plain, plain.pairs.post[sol.pair]).ok, f"{label}/large"
    reached["large"] = sol.weight if sol.feasible else None
    assert set(reached.values()) == {optimum}, f"{label}: {reached}, MILP {optimum}"


# --- the tests --------------------------------------------------------------------------------


@hsettings(SETTINGS, max_examples=120)
@given(table_rounds())
def test_table_rounds_reach_the_oracles_on_every_backend(problem: Problem) -> None:
    for factor in SCALES:
        round_ = scaled(problem, factor)
        instance = instance_of(round_)
        oracle = milp_solve(instance)
        if plan_space(instance) <= BRUTE_FORCE_PLANS:
            assert brute_force(instance)[0] == oracle.objective
        if factor > 1:
            base = milp_optimum(problem.instance)
            assert oracle.objective == (None if base is None else base * factor)
        backends = ["auto", "cpsat"] + ([] if instance.has_side_rules else ["flow"])
        for backend in backends:
            result = solve(round_, settings(backend, workers=1))
            assert_result(round_, result, oracle.objective, f"{backend} x{factor}")


@hsettings(SETTINGS, max_examples=120)
@given(table_rounds())
def test_table_rounds_every_flow_method_agrees(problem: Problem) -> None:
    for factor in SCALES:
        instance = instance_of(scaled(problem, factor))
        plain_weights = instance.pairs.value_int.astype(np.int64)
        tie_weights, _ = tie_broken_weights(instance)
        for name, weights in (("value_int", plain_weights), ("tie_broken", tie_weights)):
            assert_flow_methods_agree(instance, weights, f"{name} x{factor}")


@hsettings(SETTINGS, max_examples=200)
@given(value_rounds())
def test_tied_values_at_the_real_scale_reach_the_exhaustive_optimum(instance: Instance) -> None:
    optimum = exhaustive_optimum(instance, instance.pairs.value_int)
    assert milp_optimum(instance) == optimum
    assert_result(instance, solve(instance, settings("auto")), optimum, "auto")
    tie_weights, _ = tie_broken_weights(instance)
    assert exhaustive_optimum(instance, tie_weights) == milp_optimum(instance, tie_weights)
    assert_flow_methods_agree(instance, tie_weights, "tie_broken")
    assert_flow_methods_agree(instance, instance.pairs.value_int, "value_int")


@pytest.mark.parametrize("seed", range(6))
def test_tied_values_on_cpsat_reach_the_exhaustive_optimum(seed: int) -> None:
    """CP-SAT on the same kind of round (a few seeds: it is slower than the flow)."""
    rng = np.random.default_rng(seed)
    n = 6 + seed % 3
    values = rng.integers(0, 8, size=(n, n)).astype(np.float64)
    values[rng.random((n, n)) < 0.3] = np.nan
    values[np.arange(n), rng.permutation(n)] = rng.integers(0, 8, size=n)  # a plan exists
    instance = instance_from_values(
        values, current_post=rng.integers(0, n, size=n), scale=1_000_000
    )
    optimum = exhaustive_optimum(instance, instance.pairs.value_int)
    assert optimum is not None
    assert milp_optimum(instance) == optimum
    assert_result(instance, solve(instance, settings("cpsat", workers=1)), optimum, "cpsat")
