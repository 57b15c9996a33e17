"""Optimality certificates: made by the solver, checked by :mod:`mutasi_opt.proof` alone.

The oracles are brute force over every plan and the checker's own exact integer arithmetic; the
certificates are tampered with to show that the check can fail.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutasi_opt.proof.certificate import Certificate, verify_certificate
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.duals import NotOptimalError, transport_certificate
from mutasi_opt.solve.flow import applicable_methods, float_exact, solve_flow
from mutasi_opt.solve.instances import instance_from_values, random_structured
from mutasi_opt.solve.ties import tie_broken_weights

from .conftest import assert_valid
from .conftest import settings as solver_settings
from .oracle import brute_force

SCALE = 1_000_000


@st.composite
def rounds(draw: st.DrawFn, scale: int = SCALE) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Small rounds with integer values 0-7 (many ties), forbidden pairs, capacities 1-3."""
    n = draw(st.integers(1, 6))
    m = draw(st.integers(1, 6))
    vals = draw(st.lists(st.integers(0, 7), min_size=n * m, max_size=n * m))
    forbid = draw(st.lists(st.booleans(), min_size=n * m, max_size=n * m))
    values = np.array(vals, dtype=float).reshape(n, m)
    values[np.array(forbid).reshape(n, m) & (np.arange(m)[None, :] > 0)] = np.nan
    cap = np.array(draw(st.lists(st.integers(1, 3), min_size=m, max_size=m)))
    cur = np.array(draw(st.lists(st.integers(-1, m - 1), min_size=n, max_size=n)))
    for i, j in enumerate(cur):
        if j >= 0 and np.isnan(values[i, j]):
            values[i, j] = 0.0
    return values, cap, cur


def _problem(values: np.ndarray, cap: np.ndarray, cur: np.ndarray, scale: int, fill: bool = False):
    must = np.zeros(values.shape[1], dtype=bool)
    if fill:
        must[0] = True
    vi = np.where(np.isnan(values), 0, values * scale).astype(np.int64)
    return instance_from_values(
        values, capacity=cap, current_post=cur, must_fill=must, scale=scale, value_int=vi
    )


@pytest.mark.parametrize("scale", [SCALE, SCALE * 10_000])
@settings(max_examples=60, deadline=None, derandomize=True)
@given(data=rounds(), fill=st.booleans())
def test_flow_certificate_proves_the_brute_force_optimum(
    scale: int, data: tuple[np.ndarray, np.ndarray, np.ndarray], fill: bool
) -> None:
    instance = _problem(*data, scale=scale, fill=fill)
    best, _ = brute_force(instance)
    result = solve(instance, solver_settings())
    if best is None:
        assert result.status == Status.INFEASIBLE
        return
    assert_valid(instance, result)
    assert result.status == Status.OPTIMAL
    assert result.objective_int == best
    assert result.proof is not None
    assert result.proof.verified
    assert result.proof.check.attained
    assert result.proof.check.bound == best


@settings(max_examples=40, deadline=None, derandomize=True)
@given(data=rounds())
def test_every_exact_flow_method_agrees(data: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    instance = _problem(*data, scale=SCALE)
    best, _ = brute_force(instance)
    w, _factor = tie_broken_weights(instance)
    found = set()
    for method in applicable_methods(instance, w):
        sol = solve_flow(instance, w, method)
        if best is None:
            assert not sol.feasible, method
            continue
        assert sol.feasible, method
        assert sol.pair is not None
        assert int(instance.pairs.value_int[sol.pair].sum()) == best, method
        found.add(sol.weight)
        check = verify_certificate(
            instance, transport_certificate(instance, sol.pair), instance.pairs.post[sol.pair]
        )
        assert check.ok, (method, check.instances)
        assert check.attained, method
    assert len(found) <= 1  # the tie-broken weight is the same optimum for every method


def test_a_suboptimal_plan_has_no_certificate() -> None:
    values = np.array([[1.0, 5.0], [5.0, 1.0]])
    instance = instance_from_values(values, scale=SCALE)
    worse = np.array([0, 3], dtype=np.int64)  # person 0 -> post 0, person 1 -> post 1: worth 2
    with pytest.raises(NotOptimalError):
        transport_certificate(instance, worse)


def test_the_check_fails_on_tampered_certificates() -> None:
    instance = random_structured(60, seed=3, max_moves_share=None, outflow_share=None)
    result = solve(instance, solver_settings())
    assert result.proof is not None
    assert result.proof.verified
    cert: Certificate = result.proof.certificate
    plan = result.assignment
    assert verify_certificate(instance, cert, plan).ok
    lower = cert.person.copy()
    lower[0] -= 1  # a pair of person 0 now has a negative reduced cost, or the bound moves
    assert not verify_certificate(instance, replace(cert, person=lower), plan).ok
    assert not verify_certificate(instance, replace(cert, bound=cert.bound - 1), plan).ok
    negative = cert.post.copy()
    negative[np.flatnonzero(~instance.must_fill)[0]] = -5
    assert not verify_certificate(instance, replace(cert, post=negative), plan).ok
    # A plan worth less than the bound: valid prices, but the optimum is not attained.
    pairs = instance.pairs
    chosen = instance.pair_index(np.arange(instance.n_people), plan)
    worse = np.flatnonzero(pairs.value_int < pairs.value_int[chosen][pairs.person])
    k = int(worse[0])  # a pair worth less to its person than the one the plan gives them
    other = plan.copy()
    other[pairs.person[k]] = pairs.post[k]
    check = verify_certificate(instance, cert, other)
    assert check.ok  # the prices stay dual feasible: they bound every plan
    assert check.bound == result.objective_int
    assert check.plan_value < check.bound
    assert not check.attained
    assert not check.proves_optimal


def test_float_range_is_respected_at_huge_values() -> None:
    """Values beyond float64's exact range go to the integer flow, still exact and certified."""
    rng = np.random.default_rng(7)
    n = 30
    vi = rng.integers(0, 8, size=(n, n)).astype(np.int64) * 10**14
    instance = instance_from_values(vi.astype(float), value_int=vi, scale=1)
    w, _ = tie_broken_weights(instance)
    assert not float_exact(w, n)
    assert applicable_methods(instance, w) == ("min_cost_flow",)
    result = solve(instance, solver_settings())
    assert result.status == Status.OPTIMAL
    assert result.proof.verified
    assert result.stats["method"] == "min_cost_flow"


def test_six_by_six_ties_at_the_real_scale_match_brute_force() -> None:
    """The case that broke lap.lapjv: integer values 0-7 times 1e6 (about half were wrong)."""
    rng = np.random.default_rng(0)
    for _ in range(40):
        values = rng.integers(0, 8, size=(6, 6)).astype(float)
        instance = instance_from_values(values, scale=SCALE)
        best = max(
            sum(int(values[i, p[i]] * SCALE) for i in range(6))
            for p in itertools.permutations(range(6))
        )
        result = solve(instance, solver_settings())
        assert result.objective_int == best
        assert result.proof.verified
        assert result.proof.method == "lp_duality"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_side_rule_certificates_are_checked(seed: int) -> None:
    instance = random_structured(150, seed=seed, max_moves_share=0.1, outflow_share=0.25)
    result = solve(instance, solver_settings(time_limit_s=60.0))
    assert_valid(instance, result)
    assert result.status == Status.OPTIMAL
    proof = result.proof
    assert proof is not None
    assert proof.verified
    check = verify_certificate(instance, proof.certificate, result.assignment)
    assert check.ok
    assert check.proves_optimal
    assert check.bound >= result.objective_int
    if proof.certificate.kept is not None:
        # Every pruned pair is priced out of any strictly better plan.
        assert check.pruning_sound


def test_side_rule_bound_is_never_below_the_optimum() -> None:
    """On small side-rule rounds, the certified bound is at least the brute-force optimum."""
    rng = np.random.default_rng(11)
    for _ in range(15):
        n, m = 6, 6
        values = rng.integers(0, 8, size=(n, m)).astype(float)
        values[rng.random((n, m)) < 0.2] = np.nan
        cur = rng.permutation(m)[:n]
        values[np.arange(n), cur] = rng.integers(0, 8, size=n)
        unit = rng.integers(0, 2, size=m)
        # Two units' caps even when every post fell in unit 0 (the second then caps nobody).
        instance = instance_from_values(
            values, current_post=cur, post_unit=unit, scale=SCALE, max_moves=2,
            unit_outflow_cap=np.array([1, 1], dtype=np.int64),
        )  # fmt: skip
        best, _ = brute_force(instance)
        result = solve(instance, solver_settings())
        if best is None:
            assert result.status == Status.INFEASIBLE
            continue
        assert result.objective_int == best
        assert result.proof.verified
        assert result.proof.check.bound >= best


@pytest.mark.parametrize(("n", "m", "high"), [(120, 120, 8), (90, 150, 1_000_000), (150, 150, 3)])
def test_priced_method_agrees_with_the_dense_and_integer_codes(n: int, m: int, high: int) -> None:
    """``priced`` solves each person's few best pairs, then prices every pair: same optimum."""
    rng = np.random.default_rng(n + m + high)
    values = rng.integers(0, high, size=(n, m)).astype(float)
    if high == 3:
        values[rng.random((n, m)) < 0.3] = np.nan  # forbidden pairs, still dense
    instance = instance_from_values(values, scale=SCALE)
    w, _ = tie_broken_weights(instance)
    weights = {}
    for method in ("priced", "lsa", "min_cost_flow"):
        sol = solve_flow(instance, w, method)
        assert sol.feasible
        assert sol.pair is not None
        weights[method] = sol.weight
        check = verify_certificate(
            instance, transport_certificate(instance, sol.pair), instance.pairs.post[sol.pair]
        )
        assert check.attained, method
    assert len(set(weights.values())) == 1, weights
