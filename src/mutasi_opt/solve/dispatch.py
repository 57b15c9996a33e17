"""The one public entry point: :func:`solve`.

``backend: auto`` takes the exact flow path (:mod:`.flow`) whenever it is exact, that is without
``max_moves`` and unit outflow caps, and the side-rule path (:mod:`.side_rules`, CP-SAT on soundly
pruned pairs) otherwise. ``flow`` with side rules is a scenario error (the flow cannot enforce
them); ``cpsat`` without side rules runs the CP-SAT path anyway, which must then agree with the
flow (the tests check it).

Every plan is re-checked before it is returned, by code that shares nothing with the solvers:
:func:`mutasi_opt.check.check_plan` (capacities, must-fill, side rules, the objective),
:func:`mutasi_opt.audit.audit_plan` (every hard rule and every chosen pair's value re-derived from
the raw tables and the scenario; only for a :class:`~mutasi_opt.problem.Problem`, since an
:class:`~mutasi_opt.instance.Instance` alone has no tables) and :func:`mutasi_opt.proof.certificate.verify_certificate` (the
optimality certificate, in exact integers). A disagreement is a bug and raises.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from mutasi_opt.audit import audit_plan
from mutasi_opt.check import check_plan
from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.instance import Instance
from mutasi_opt.problem import Problem, with_baseline
from mutasi_opt.proof.certificate import Certificate, CertificateError, verify_certificate
from mutasi_opt.scenario import SolverSettings
from mutasi_opt.solve.alternatives import Alternatives, search_alternatives
from mutasi_opt.solve.flow import flow_certificate
from mutasi_opt.solve.infeasibility import explain_infeasible, quick_conflicts
from mutasi_opt.solve.near import solve_flow_large
from mutasi_opt.solve.replan import baseline_posts
from mutasi_opt.solve.replan import with_baseline as cap_changes
from mutasi_opt.solve.result import Conflict, Proof, Result, Status, within_gap
from mutasi_opt.solve.side_rows import Index
from mutasi_opt.solve.stages import stage
from mutasi_opt.solve.ties import tie_broken_weights

# The side-rule path (CP-SAT) is imported when a round has side rules: a flow round never loads
# OR-Tools' CP-SAT (0.1 s of start-up).
if TYPE_CHECKING:
    from mutasi_opt.solve.cpsat.side_model import ProgressFn
    from mutasi_opt.solve.side_rules import SideOutcome

__all__ = ["choose_backend", "find_alternatives", "solve"]


def choose_backend(instance: Instance, settings: SolverSettings) -> str:
    """``flow`` or ``cpsat`` for ``settings.backend`` (``auto``: flow whenever it is exact).

    Raises
    ------
    InputError
        ``backend: flow`` on a round with side rules.
    """
    if settings.backend == "auto":
        return "cpsat" if instance.has_side_rules else "flow"
    if settings.backend == "flow" and instance.has_side_rules:
        raise InputError([InputIssue(
            "flow_with_side_rules",
            "backend 'flow' cannot enforce max_moves or max_unit_outflow_share; use 'cpsat' or 'auto'",
            column="solver.backend", value="flow",
            message_id="backend 'flow' tidak dapat menegakkan max_moves atau "
            "max_unit_outflow_share; pakai 'cpsat' atau 'auto'",
        )])  # fmt: skip
    return settings.backend


def _rebased(
    problem: Problem | Instance,
    baseline: Mapping[str, str | None] | npt.ArrayLike | Result,
    max_changes: int | None,
) -> Problem | Instance:
    """The round re-planned against ``baseline`` (see :func:`solve`)."""
    plan = baseline.assignment if isinstance(baseline, Result) else baseline
    if plan is None:
        raise ValueError("the baseline result has no plan")
    if isinstance(problem, Problem):
        return with_baseline(problem, plan, max_changes)
    posts = baseline_posts(problem, plan)
    capped = problem if max_changes is None else cap_changes(problem, posts, max_changes)
    keep = np.where(posts >= 0, posts, problem.current_post).astype(np.int32)
    return dataclasses.replace(capped, tie_posts=keep)


def find_alternatives(
    problem: Problem | Instance,
    optimal: Result,
    count: int | None = None,
    *,
    gap: float | None = None,
    min_difference: int | None = None,
    settings: SolverSettings | None = None,
) -> Alternatives:
    """Up to ``count`` genuinely different near-optimal plans after ``optimal``.

    Each is the best plan placing at least ``min_difference`` people differently from every
    earlier one, solved exactly on the side-rule path with a no-good row per earlier plan, and
    kept when within ``gap`` (relative) of the optimum (:mod:`mutasi_opt.solve.alternatives`).

    Parameters
    ----------
    problem
        The round that was solved.
    optimal
        Its optimal result.
    count, gap, min_difference
        Default ``solver.alternatives``, ``solver.alternatives_gap`` and
        ``solver.alternatives_min_difference``.
    settings
        Solver settings of each solve (default the scenario's).

    Returns
    -------
    Alternatives
        The alternatives, best first, and why the search ended.
    """
    return search_alternatives(problem, optimal, solve, count, gap=gap,
                               min_difference=min_difference, settings=settings)  # fmt: skip


def _result(
    instance: Instance,
    audited: Problem | None,
    status: Status,
    backend: str,
    pair: Index | None,
    bound_int: int | None,
    timings: dict[str, float],
    stats: dict[str, Any],
    certificate: Certificate | None = None,
    relative_gap: float = 0.0,
) -> Result:
    if pair is None:
        bound = None if bound_int is None else bound_int / instance.value_scale()
        proof = Proof("none" if certificate is None else certificate.method, False, certificate)
        return Result(status, backend, None, None, None, bound, None, timings, [], stats, proof)
    t0 = time.perf_counter()
    pairs = instance.pairs
    assignment = pairs.post[pair].astype(np.int32)
    objective = float(pairs.value[pair].sum())
    objective_int = int(pairs.value_int[pair].sum())
    report = check_plan(instance, assignment)
    timings["check"] = time.perf_counter() - t0
    if not report.ok or report.objective_int != objective_int:
        raise RuntimeError(f"the {backend} plan fails the independent check (a bug): {report}")
    if audited is not None:
        t0 = time.perf_counter()
        # Every hard rule and the value of every chosen pair, re-derived from the raw tables.
        audit_plan(audited, assignment).raise_for_disagreements()
        timings["audit"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    proof, bound_int = _verified_proof(instance, status, assignment, objective_int, bound_int,
                                       certificate, relative_gap)  # fmt: skip
    timings["proof"] = time.perf_counter() - t0
    bound = (
        None
        if bound_int is None
        else objective + (bound_int - objective_int) / instance.value_scale()
    )
    gap = None if bound is None else max(0.0, (bound - objective) / max(1.0, abs(objective)))
    stats.setdefault("moves", report.moves)
    return Result(
        status, backend, assignment, objective, objective_int, bound, gap, timings, [], stats, proof
    )


def _verified_proof(
    instance: Instance,
    status: Status,
    assignment: np.ndarray,
    objective_int: int,
    bound_int: int | None,
    certificate: Certificate | None,
    relative_gap: float,
) -> tuple[Proof, int | None]:
    """Check the certificate apart from the solver; a claim it does not support is a bug."""
    if certificate is None:
        if status == Status.OPTIMAL:
            raise RuntimeError("an optimal plan without a certificate (a bug)")
        return Proof("none", False), bound_int
    check = verify_certificate(instance, certificate, assignment)
    if not check.ok:
        raise CertificateError(
            f"the {certificate.method} certificate fails its check (a bug): "
            + "; ".join(check.problems)
        )
    if status == Status.OPTIMAL:
        within = bound_int is not None and within_gap(bound_int, objective_int, relative_gap)
        if not check.proves_optimal and not (relative_gap > 0 and within):
            raise CertificateError(
                f"the plan is called optimal, but its certificate proves only the bound "
                f"{check.bound} against the plan's {check.plan_value} (a bug)"
            )
        if check.attained or certificate.kept is not None:
            bound_int = objective_int
    # A bound the certificate does not reach is the solver's own word (CP-SAT on kept pairs);
    # one above it is never reported.
    bound_int = check.bound if bound_int is None else min(bound_int, check.bound)
    return Proof(certificate.method, True, certificate, check), bound_int


def _infeasible(instance: Instance, backend: str, timings: dict[str, float], stats: dict[str, Any],
                deadline: float) -> Result:  # fmt: skip
    """An infeasible answer, only with a conflict re-verified apart from the solver.

    :func:`explain_infeasible` raises when no conflict verifies (``PlanExists`` when it finds a
    plan after all): a solver that said infeasible was then wrong, which is a bug, never a status.
    """
    t0 = time.perf_counter()
    conflicts = explain_infeasible(instance, time_limit=max(5.0, deadline - time.perf_counter()))
    timings["explain"] = time.perf_counter() - t0
    return Result(Status.INFEASIBLE, backend, None, None, None, None, None, timings, conflicts,
                  stats, _conflict_proof(conflicts))  # fmt: skip


def _conflict_proof(conflicts: list[Conflict]) -> Proof:
    return Proof(f"conflict:{conflicts[0].kind}", all(c.verified for c in conflicts))


def solve(
    problem: Problem | Instance,
    settings: SolverSettings | None = None,
    *,
    progress: ProgressFn | None = None,
    baseline: Mapping[str, str | None] | npt.ArrayLike | Result | None = None,
    max_changes: int | None = None,
    alternatives: int | None = None,
) -> Result:
    """Plan a round: the best assignment of people to posts under the scenario's rules.

    Parameters
    ----------
    problem
        The round: a :class:`~mutasi_opt.problem.Problem` (:func:`mutasi_opt.build_problem`),
        solved on its instance and each plan audited against its tables, or an
        :class:`~mutasi_opt.instance.Instance` alone (e.g.
        :func:`mutasi_opt.solve.instances.instance_from_values`), which has no tables to audit.
    settings
        Backend, time limit, workers, seed, relative gap; default ``problem.scenario.solver``
        for a problem, the documented defaults (:class:`~mutasi_opt.scenario.SolverSettings`)
        for an instance.
    progress
        Told ``(objective, bound)`` in value units whenever CP-SAT finds a better plan (side
        rules only; the flow path is exact in one step).
    baseline
        Re-plan against a previous plan: a :class:`Result` of this round, a post index per
        person, or ``{nip: position_id}`` (:func:`mutasi_opt.pipeline.read_baseline` reads a run
        folder's). The tie rule then keeps people at their baseline post.
    max_changes
        With ``baseline``: at most this many people placed differently from it (default, for a
        problem, ``rules.max_changes_from_baseline``; ``None``: no limit).
    alternatives
        Also find up to this many genuinely different near-optimal plans
        (:func:`find_alternatives`, ``solver.alternatives_gap`` and
        ``solver.alternatives_min_difference``): :attr:`Result.alternatives`.

    Returns
    -------
    Result
        ``optimal`` with a plan proven best (within ``relative_gap``), ``feasible`` with the best
        plan found and a proven bound when the time limit stopped the proof, ``infeasible`` with
        the smallest conflicting rule families (:attr:`Result.conflicts`), or ``no_solution``.

    Raises
    ------
    InputError
        ``backend: flow`` with side rules.
    RuntimeError
        A solver reported an invalid model, or a plan failed the independent check (bugs).
    """
    if baseline is not None:
        problem = _rebased(problem, baseline, max_changes)
    if alternatives:
        first = solve(problem, settings, progress=progress)
        if first.status != Status.OPTIMAL:
            return first
        found = find_alternatives(problem, first, alternatives, settings=settings)
        return dataclasses.replace(first, alternatives=found.results)
    audited: Problem | None = None
    if isinstance(problem, Problem):
        audited, instance = problem, problem.instance
        settings = settings if settings is not None else problem.scenario.solver
    else:
        instance = problem
        settings = settings if settings is not None else SolverSettings()
    t_start = time.perf_counter()
    deadline = t_start + settings.time_limit_s
    backend = choose_backend(instance, settings)
    timings: dict[str, float] = {}
    stats: dict[str, Any] = {
        "people": instance.n_people,
        "posts": instance.n_posts,
        "pairs": len(instance.pairs),
    }

    t0 = time.perf_counter()
    early = quick_conflicts(instance)
    timings["precheck"] = time.perf_counter() - t0
    if early:
        return Result(Status.INFEASIBLE, backend, None, None, None, None, None, timings, early,
                      stats, _conflict_proof(early))  # fmt: skip

    if backend == "flow":
        stage("flow")
        t0 = time.perf_counter()
        weights, factor = tie_broken_weights(instance, integer=True)
        flow = solve_flow_large(instance, weights)
        timings["flow"] = time.perf_counter() - t0
        stats["method"] = flow.method
        if not flow.feasible or flow.pair is None:
            return _infeasible(instance, backend, timings, stats, deadline)
        cert = flow_certificate(instance, flow, factor)
        result = _result(
            instance, audited, Status.OPTIMAL, "flow", flow.pair, None, timings, stats, cert
        )
    else:
        scale = instance.value_scale()
        in_values: ProgressFn | None = None
        if progress is not None:
            report = progress

            def in_values(objective: float | None, bound: float | None) -> None:
                report(
                    None if objective is None else objective / scale,
                    None if bound is None else bound / scale,
                )

        from mutasi_opt.solve.side_rules import solve_side_rules

        outcome: SideOutcome = solve_side_rules(
            instance, settings, deadline, shortcut=settings.backend == "auto", progress=in_values
        )
        timings.update(outcome.timings)
        stats.update(outcome.stats)
        if outcome.kind == "infeasible":
            return _infeasible(instance, outcome.backend, timings, stats, deadline)
        if outcome.pair is None:
            result = _result(instance, audited, Status.NO_SOLUTION, outcome.backend, None, outcome.bound,
                             timings, stats, outcome.certificate)  # fmt: skip
        else:
            status = Status.OPTIMAL if outcome.kind == "optimal" else Status.FEASIBLE
            result = _result(instance, audited, status, outcome.backend, outcome.pair, outcome.bound,
                             timings, stats, outcome.certificate, settings.relative_gap)  # fmt: skip
    result.timings["total"] = time.perf_counter() - t_start
    return result
