"""solve(progress=...) hears the incumbent and bound, in value units, as they improve; the stages
are announced as they start (mutasi_opt.solve.stages)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutasi_opt.instance import Instance
from mutasi_opt.problem import Problem
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.instances import instance_from_values
from mutasi_opt.solve.side_rules import _whole_round
from mutasi_opt.solve.stages import STAGES, listening, stage

from .conftest import settings
from .milp import milp_optimum
from .test_random_rounds import table_rounds
from .test_solve_side_rules import tiny


def test_progress_reports_improving_plans_in_value_units() -> None:
    instance = tiny(1, max_moves=1, outflow=False)
    seen: list[tuple[float | None, float | None]] = []
    result = solve(instance, settings("cpsat"), progress=lambda o, b: seen.append((o, b)))
    assert result.status == Status.OPTIMAL
    assert seen, "CP-SAT found at least one plan"
    objectives = [o for o, _ in seen if o is not None]
    assert objectives == sorted(objectives)  # each report improves on the last
    assert all(o <= b + 1e-9 for o, b in seen if o is not None and b is not None)
    # The last plan CP-SAT reports is the optimum, in the same units as Result.objective.
    assert objectives[-1] == result.objective


def test_no_progress_without_side_rules() -> None:
    instance = tiny(1, max_moves=None, outflow=False)
    seen: list[tuple[float | None, float | None]] = []
    result = solve(instance, settings("flow"), progress=lambda o, b: seen.append((o, b)))
    assert result.status == Status.OPTIMAL
    assert seen == []


# --- what a progress display is told is true, on random rounds --------------------------------


@st.composite
def side_rounds(draw: st.DrawFn) -> Instance:
    """Rounds whose LP bound is often not attained, so that CP-SAT runs: a move limit and unit
    outflow caps, integer values 0-7 at the real scale (ties), forbidden pairs."""
    n, m = draw(st.integers(3, 9)), draw(st.integers(3, 9))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = rng.integers(0, 8, size=(n, m)).astype(np.float64)
    values[rng.random((n, m)) < 0.3] = np.nan
    current = rng.integers(0, m, size=n)
    values[np.arange(n), current] = rng.integers(0, 8, size=n)
    return instance_from_values(
        values,
        capacity=1 + (rng.random(m) < 0.3).astype(np.int64),
        current_post=current,
        post_unit=rng.integers(0, 3, size=m),
        max_moves=draw(st.integers(0, n)),
        unit_outflow_cap=rng.integers(0, 3, size=3),
        scale=1_000_000,
    )


def _check_told(round_: Problem | Instance, backend: str) -> list[str]:
    """Solve, and check every bound and incumbent told against the MILP's optimum."""
    instance = round_.instance if isinstance(round_, Problem) else round_
    told: list[tuple[float | None, float | None]] = []
    stages: list[str] = []
    with listening(stages.append):
        result = solve(round_, settings(backend), progress=lambda o, b: told.append((o, b)))
    optimum = milp_optimum(instance)
    if optimum is None:
        assert result.status == Status.INFEASIBLE
        return stages
    best = optimum / instance.value_scale()
    tol = 1e-9 * max(1.0, abs(best))
    for objective, bound in told:
        if bound is not None:
            assert bound >= best - tol, (bound, best)
        if objective is not None:
            assert objective <= best + tol, (objective, best)
    assert set(stages) <= set(STAGES)
    order = [STAGES.index(s) for s in stages]
    assert order == sorted(order), stages
    return stages


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=table_rounds())
def test_what_is_told_holds_on_table_rounds(problem: Problem) -> None:
    """A bound shown while the solver works is never below the optimum (the MILP's, computed
    apart), an incumbent never above it, and the stages come in the solver's order."""
    _check_told(problem, "auto")


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=side_rounds())
def test_what_is_told_holds_while_cpsat_searches(instance: Instance) -> None:
    """The same on rounds where CP-SAT searches the pruned pairs: its bound, told as a bound on
    every plan (with the left-out pairs' and the LP's), still holds."""
    _check_told(instance, "cpsat")


def test_a_cpsat_bound_is_widened_to_every_plan_of_the_round() -> None:
    """CP-SAT's bound covers plans on the kept pairs only; a plan using a left-out pair may be
    worth up to ``outside``, and none more than the LP's bound."""
    told: list[tuple[float | None, float | None]] = []
    whole = _whole_round(lambda o, b: told.append((o, b)), 100, 90.2, 1e-6)
    assert whole is not None
    whole(80.0, 85.0)
    whole(None, 95.0)
    whole(None, 120.0)
    whole(81.0, None)
    assert told == [(80.0, 90.0), (None, 95.0), (None, 100.0), (81.0, None)]
    assert _whole_round(None, 100, 90.2, 1e-6) is None


def test_stages_of_a_side_rule_solve_end_with_the_tie_rule() -> None:
    instance = tiny(1, max_moves=1, outflow=False)
    stages: list[str] = []
    with listening(stages.append):
        result = solve(instance, settings("cpsat"))
    assert result.status == Status.OPTIMAL
    assert "lp" in stages, stages
    assert stages[-1] == "ties", stages


def test_no_listener_no_stage_and_listeners_nest() -> None:
    outer: list[str] = []
    inner: list[str] = []
    stage("flow")  # nobody listens: nothing happens
    with listening(outer.append):
        stage("lp")
        with listening(inner.append):
            stage("cpsat")
        stage("ties")
    assert outer == ["lp", "ties"]
    assert inner == ["cpsat"]
