"""The side-rule path: relaxed flow, LP prices, reduced-cost pruning, CP-SAT rounds, tie stage.

1. **Relax** (rounds up to :data:`RELAX_MAX_PAIRS` pairs). Solve the round without its side rules
   by the exact flow path: infeasible there means infeasible; a plan that happens to respect the
   side rules is optimal (the tie rule included: the flow's weights carry it). Above that size,
   on min-cost-flow rounds, the same flow only to end the search when its plan respects them.
2. **Price.** Column generation on the LP relaxation of the full model (:mod:`.lp`), started from
   each person's best pairs at guessed side prices, the current posts and the relaxed plan: a
   proven upper bound ``UB`` and a reduced cost ``rc >= 0`` for every candidate pair.
3. **Prune and solve.** Keep the pairs with ``rc <= delta`` and solve CP-SAT on them, warm-started
   with the fast path of the relaxed problem on the kept pairs (the flow with the side rules
   priced at the LP's prices), or the LP's rounding. A plan worth ``LB`` lets ``delta`` become
   ``UB - LB``; once CP-SAT is optimal on the kept pairs and ``UB - LB <= delta``, no left-out pair
   can improve the plan (:mod:`.prune`): it is optimal over every pair. ``delta`` starts at the
   gap of the best plan known (0 when none: the pairs the LP prices as good as its solution) and
   grows when the kept pairs hold no plan.
4. **Tie stage.** Among the plans of the optimal value, on the pairs with ``rc <= UB - LB``, the
   one keeping most people in place, by a single-worker search without hint (:mod:`.ties`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from mutasi_opt.arrays import Int64Array
from mutasi_opt.instance import Instance
from mutasi_opt.proof.certificate import Certificate
from mutasi_opt.scenario import SolverSettings
from mutasi_opt.solve.cpsat.side_model import Face, ProgressFn, solve_side_model, solve_tie_stage
from mutasi_opt.solve.duals import exact_reduced_costs, lp_certificate, transport_certificate
from mutasi_opt.solve.flow import FlowSolution, choose_method, flow_certificate, solve_flow
from mutasi_opt.solve.lagrange import lagrangian_duals
from mutasi_opt.solve.lp import Duals, LPTimeout, lp_bound
from mutasi_opt.solve.near import solve_flow_large, solve_flow_near
from mutasi_opt.solve.prune import (
    bound_with_pruned,
    initial_subset,
    keep_within,
    lp_rounding,
    price_guess,
    rc_tolerance,
    top_per_person,
)
from mutasi_opt.solve.result import within_gap
from mutasi_opt.solve.side_rows import Index, SideRows, side_excess, side_rows
from mutasi_opt.solve.stages import stage
from mutasi_opt.solve.ties import tie_broken_weights

__all__ = ["RELAX_MAX_PAIRS", "SideOutcome", "solve_side_rules"]

RELAX_MAX_PAIRS = 2_000_000
"""Above this many pairs the relaxed flow over all pairs is skipped: measured at 20,000 people
(9.7 million pairs) it took 15-25 s, more than the LP it would seed."""
LAGRANGE_MIN_PAIRS = RELAX_MAX_PAIRS
"""From this many pairs the side prices come from flows (:mod:`.lagrange`), not HiGHS's simplex:
measured at 20,000 people over 22,400 single-seat posts (5.7 million pairs), 28 s against a first
LP unfinished after 72 s."""
POLISH_SHARE = 0.5
"""Share of the time left for improving the Lagrangian path's plan on its plans' pairs."""
LP_AFTER_FLOWS_SHARE = 0.25
"""Share of the time left for HiGHS's LP after the flows' prices (measured: 84 s of the 565 s left
at 50,000 people, where it decides; unfinished after 330 s at 100,000, where the flows' prices
and CP-SAT reach a gap of 2e-11 without it)."""
LOAD_SECONDS_PER_COLUMN = 1e-4
"""About how long loading a column into HiGHS and starting its simplex takes (time HiGHS's own limit
does not count: at 100,000 people, 624,000 columns overran the LP's share by about a minute); the
LP after the flows is not started with less time than that for its columns."""
LP_AFTER_FLOWS_MAX_COLUMNS = 400_000
"""Above this many pairs priced by the flows, the LP after them is not started: HiGHS's dual
simplex can spend minutes in one phase-1 iteration, where it does not look at its time limit
(measured at 100,000 people, sample seed 2026: 844,774 pairs, still in its first iterations four
minutes after a limit of 104 s; its primal simplex keeps the limit but was unfinished after 150 s,
its interior point after 200 s). At 50,000 people it had 221,000 pairs and decided in 84 s."""
TIE_SHARE = 0.2
"""On the flows' path, share of the time left for the tie rule's CP-SAT search (when the flow at the
side prices cannot decide it, :func:`_tie_flow`)."""
LP_TOP_K = 5
"""Best pairs per person (at guessed side prices) in the first LP; measured at 20,000 people."""
MAX_ROUNDS = 8
"""CP-SAT rounds at most (each widens the kept pairs)."""
LP_SHARE = 0.6
"""Share of the time left that the LP relaxation may take; past it, the rounds finished so far
are used, or (none finished) a plan is sought without proof (:func:`_fallback`)."""
FALLBACK_TOP_K = 20
"""Best pairs per person offered to CP-SAT when the LP could not finish."""
FALLBACK_PRICE_STEPS = 8
"""Flows with priced side rules tried for a first plan when the LP could not finish."""
MAX_MODEL_PAIRS = 1_500_000
"""Kept pairs at most in a CP-SAT model (measured: building 4 million booleans took 23 s and
11 GB of memory during the solve; docs/solver.md, "Measurements before the solver was written")."""
BUILD_SECONDS_PER_PAIR = 1.5e-5
"""About how long building the CP-SAT model takes per kept pair (measured, with hints)."""
NONE = -(2**62)


@dataclass(eq=False)
class SideOutcome:
    """Result of the side-rule path before it becomes a :class:`~mutasi_opt.solve.result.Result`.

    ``kind``: ``optimal`` (proven), ``feasible``, ``infeasible`` (proven), ``unknown``.
    ``pair``: chosen pair per person; ``bound``: proven upper bound on ``sum value_int``.
    """

    kind: str
    backend: str
    pair: Index | None
    bound: int | None
    timings: dict[str, float] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    certificate: Certificate | None = None
    """Prices proving ``bound`` (and, for ``optimal``, the plan's optimality), checked by the
    caller with :func:`mutasi_opt.proof.certificate.verify_certificate`."""


def _value(values: Int64Array, pair: Index | None) -> int:
    return NONE if pair is None else int(values[pair].sum())


def _whole_round(
    progress: ProgressFn | None, ub_int: int, outside: float, tol: float
) -> ProgressFn | None:
    """``progress`` told bounds on every plan of the round, not only on the kept pairs: CP-SAT's
    bound holds for plans on the kept pairs, ``outside`` for plans using a left-out pair, and the
    LP's ``ub_int`` for all (the same combination as the bound returned at the end)."""
    if progress is None:
        return None
    report = progress
    cap = int(np.floor(outside + tol)) if np.isfinite(outside) else None

    def told(objective: float | None, bound: float | None) -> None:
        whole = None
        if bound is not None:
            whole = float(min(ub_int, max(bound, cap) if cap is not None else bound))
        report(objective, whole)

    return told


def _plans_only(progress: ProgressFn) -> ProgressFn:
    """``progress`` told the plans found, not bounds (of a model on a subset of the pairs)."""

    def told(objective: float | None, bound: float | None) -> None:
        if objective is not None:
            progress(objective, None)

    return told


def _relaxed_flow(
    instance: Instance, timings: dict[str, float], stats: dict[str, Any], *, large: bool
) -> tuple[FlowSolution, int] | None:
    """The round without its side rules by the flow path, and its tie factor (the relax stage).

    Up to :data:`RELAX_MAX_PAIRS` pairs, :func:`~mutasi_opt.solve.flow.solve_flow`. Above
    (``large``), only on rounds solved by min-cost flow (else ``None``: single seats, where
    SciPy's sparse method on millions of pairs is not quick), from each person's best pairs
    (:func:`~mutasi_opt.solve.near.solve_flow_large`) with the tie rule in int64; there the plan
    only ends the search when it respects the side rules (measured at 100,000 people, where
    ``max_moves`` at 10 % does not bind: 10 s instead of a 10-minute search), and otherwise its
    5-10 s at 100,000 people are the price of asking.
    """
    weights, factor = tie_broken_weights(instance, integer=large)
    if large and choose_method(instance, weights) != "min_cost_flow":
        return None
    stage("relax")
    t0 = time.perf_counter()
    flow = solve_flow_large(instance, weights) if large else solve_flow(instance, weights)
    timings["relax"] = time.perf_counter() - t0
    stats["relax_method"] = flow.method
    return flow, factor


def _respects_side_rules(rows: SideRows, pair: Index) -> bool:
    if (pair < 0).any():
        return False
    moves_over, unit_over = side_excess(rows, pair)
    return moves_over == 0 and not unit_over.any()


def _is_plan(instance: Instance, rows: SideRows, pair: Index) -> bool:
    """True when ``pair`` (one pair per person) respects capacities, must-fill and side rules."""
    if (pair < 0).any():
        return False
    load = np.bincount(instance.pairs.post[pair], minlength=instance.n_posts)
    if (load > instance.capacity).any() or (instance.must_fill & (load == 0)).any():
        return False
    return _respects_side_rules(rows, pair)


def _warm_start(instance: Instance, rows: SideRows, duals: Duals, kept: Index) -> Index:
    """The relaxed problem's fast path on the kept pairs, side rules priced at the LP's prices."""
    priced = instance.pairs.value_int - np.rint(
        rows.penalty(duals.lam_moves, duals.lam_unit, duals.lam_distance)
    ).astype(np.int64)
    sub = instance.restrict(kept)
    flow = solve_flow(sub, priced[kept])
    if flow.feasible and flow.pair is not None:
        return kept[flow.pair]
    return lp_rounding(instance, duals.x)


def solve_side_rules(
    instance: Instance,
    settings: SolverSettings,
    deadline: float,
    *,
    shortcut: bool = True,
    progress: ProgressFn | None = None,
) -> SideOutcome:
    """Solve a round with side rules (see the module docstring).

    Parameters
    ----------
    instance
        The round.
    settings
        Workers, seed, relative gap.
    deadline
        ``time.perf_counter()`` value at which the solve phase must end.
    shortcut
        Return the relaxed flow's plan when it respects the side rules (``False`` makes CP-SAT
        prove it, which the tests use to compare the backends).
    progress
        Told ``(objective, bound)`` in ``value_int`` units as CP-SAT improves its plan.
    """
    timings: dict[str, float] = {}
    stats: dict[str, Any] = {}
    values = instance.pairs.value_int
    if instance.n_people == 0:
        empty = np.zeros(0, dtype=np.int64)
        return SideOutcome("optimal", "cpsat", empty, 0, timings, stats,
                           transport_certificate(instance, empty))  # fmt: skip
    rows = side_rows(instance)
    c = values.astype(np.float64)

    relaxed: Index | None = None
    relaxed_value = NONE
    relaxed_cert: Certificate | None = None
    large = len(instance.pairs) > RELAX_MAX_PAIRS
    relaxing = (
        _relaxed_flow(instance, timings, stats, large=large) if shortcut or not large else None
    )
    if relaxing is not None:
        flow, factor = relaxing
        if not flow.feasible or flow.pair is None:
            return SideOutcome("infeasible", "flow", None, None, timings, stats)
        respects = _respects_side_rules(rows, flow.pair)
        # A large round's relaxed plan is kept only to be the answer; a smaller one's also
        # seeds the LP and caps its bound.
        if respects or not large:
            relaxed, relaxed_value = flow.pair, _value(values, flow.pair)
            # The relaxation's duals, side prices 0, bound every plan of the round.
            relaxed_cert = flow_certificate(instance, flow, factor, "lp_duality:relaxation")
            if shortcut and respects:
                stats["relaxation_respects_side_rules"] = True
                return SideOutcome("optimal", "flow", relaxed, relaxed_value, timings, stats,
                                   relaxed_cert)  # fmt: skip

    stage("lp")
    t0 = time.perf_counter()
    lp_deadline = t0 + LP_SHARE * max(0.0, deadline - t0)
    start = initial_subset(instance, rows, c, LP_TOP_K, relaxed)
    lagrange_plan: Index | None = None
    support: Index | None = None
    lagrange_cert: Certificate | None = None
    tie_decided = False
    if len(instance.pairs) > LAGRANGE_MIN_PAIRS:
        stats["lp_method"] = "lagrange"
        # On the tie-broken weights: a plan attaining their bound is the tie rule's answer too.
        tie_weights, factor = tie_broken_weights(instance)
        found = lagrangian_duals(instance, rows, start, factor * _theta_guess(instance, rows, c),
                                 weights=tie_weights, deadline=lp_deadline)  # fmt: skip
        if found.infeasible or found.duals is None:
            timings["lp"] = time.perf_counter() - t0
            return SideOutcome("infeasible", "flow", None, None, timings, stats)
        duals, lagrange_plan, support = _per_unit(found.duals, factor), found.plan, found.support
        lagrange_cert = found.certificate(instance, rows, factor)
        tie_decided = found.attained
        now = time.perf_counter()
        until = min(lp_deadline, now + LP_AFTER_FLOWS_SHARE * max(0.0, deadline - now))
        columns = None if tie_decided else found.columns
        if columns is not None and columns.size > LP_AFTER_FLOWS_MAX_COLUMNS:
            stats["lp_after_flows"] = "skipped: too many pairs"
        elif columns is not None and until - now >= LOAD_SECONDS_PER_COLUMN * columns.size:
            # No flow plan attains the bound: the LP itself, on the pairs the flows priced, may
            # have a whole optimal plan and its optimal face for the tie rule (measured at
            # 50,000 people: integral there, where CP-SAT needed minutes on the flows' face).
            try:
                exact = lp_bound(instance, rows, c, columns, deadline=until)
            except LPTimeout:
                exact = None
            stats["lp_after_flows"] = "time limit" if exact is None else exact.converged
            if exact is not None and exact.converged:
                duals, lagrange_cert = exact, None
    else:
        try:
            duals = lp_bound(instance, rows, c, start, deadline=lp_deadline)
        except LPTimeout:
            timings["lp"] = time.perf_counter() - t0
            stats["lp"] = "time limit"
            t0 = time.perf_counter()
            plan = _fallback(instance, rows, settings, deadline, relaxed, progress)
            timings["fallback"] = time.perf_counter() - t0
            bound = relaxed_value if relaxed is not None else None
            cert = relaxed_cert if relaxed is not None else None
            if plan is None:
                return SideOutcome("unknown", "cpsat", None, bound, timings, stats, cert)
            stats["fallback"] = True
            return SideOutcome("feasible", "cpsat", plan, bound, timings, stats, cert)
    if duals.converged and duals.slack > 0.5 and relaxed is None:
        # The LP over every pair needs its elastic slack: check that a plan exists at all.
        flow = solve_flow(instance, tie_broken_weights(instance)[0])
        if not flow.feasible:
            timings["lp"] = time.perf_counter() - t0
            return SideOutcome("infeasible", "flow", None, None, timings, stats)
    # ub_rc is the bound the reduced costs refer to (a plan using pair e is worth at most
    # ub_rc - rc_e); the relaxed flow's value may cap the global bound further.
    # The LP's prices, rounded to an exact certificate: the pruning below and the proof checked
    # afterwards use the very same numbers.
    lp_cert = lagrange_cert or lp_certificate(instance, rows, duals, "lp_duality")
    ub_rc = lp_cert.bound / lp_cert.scale
    ub = min(ub_rc, float(relaxed_value)) if relaxed is not None else ub_rc
    rc = exact_reduced_costs(instance, rows, lp_cert) / lp_cert.scale
    tol = rc_tolerance(c)
    # The LP bound as an integer: exact for the flows' integer prices, else with a float slack.
    lp_int = lp_cert.bound // lp_cert.scale if lagrange_cert else int(np.floor(ub_rc + tol))
    ub_int = min(lp_int, int(np.floor(ub + tol)))
    timings["lp"] = time.perf_counter() - t0
    stats.update(lp_bound=duals.bound, lp_value=duals.lp_value, lp_rounds=duals.rounds,
                 lp_columns=duals.subset_size, lp_converged=duals.converged, lp_seconds=duals.seconds)  # fmt: skip

    best: Index | None = (
        relaxed if relaxed is not None and _respects_side_rules(rows, relaxed) else None
    )
    rounding = lp_rounding(instance, duals.x)
    if _is_plan(instance, rows, rounding) and _value(values, rounding) > _value(values, best):
        best = rounding
    stats["lp_integral"] = bool(best is rounding)
    if lagrange_plan is not None and (
        tie_decided or _value(values, lagrange_plan) > _value(values, best)
    ):
        best = lagrange_plan
    if progress is not None:
        progress(None if best is None else float(_value(values, best)), float(ub_int))

    t0 = time.perf_counter()
    proven, kept, bound_kept, rounds = False, np.zeros(0, dtype=np.int64), None, 0
    # The largest delta that keeps at most MAX_MODEL_PAIRS pairs.
    delta_cap = (
        float(np.partition(rc, MAX_MODEL_PAIRS - 1)[MAX_MODEL_PAIRS - 1])
        if rc.size > MAX_MODEL_PAIRS
        else np.inf
    )
    searching = True
    if best is not None and _value(values, best) >= ub_int:
        proven = True  # the LP bound is attained: nothing can be better
    elif best is not None and within_gap(ub_int, _value(values, best), settings.relative_gap):
        searching = False  # as close to the bound as solver.relative_gap asks: no search
    elif best is None and not duals.converged:
        # Prices from an unfinished LP prune too little to help: look for a plan directly.
        best = _fallback(instance, rows, settings, deadline, relaxed, progress)
        stats["fallback"] = True
        searching = False
    elif best is None:
        best = _fix_and_solve(instance, rows, duals, rc, tol, settings, deadline)
        stats["heuristic"] = "found" if best is not None else "none"
    if searching and not proven:
        stage("cpsat")
    delta = max(0.0, ub_rc - _value(values, best)) if best is not None else 0.0
    if searching and not proven and best is not None and support is not None and delta > delta_cap:
        # The model that could prove the plan is too large: first a better plan, nearer the LP.
        best = _polish(instance, rows, support, settings, deadline, best, progress, ub_int)
        proven = _value(values, best) >= ub_int
        stats["polished"] = True
        delta = max(0.0, ub_rc - _value(values, best))
        if within_gap(ub_int, _value(values, best), settings.relative_gap):
            searching = False
    if support is not None and delta > delta_cap:
        searching = False  # the model that could prove it is too large to build: keep the plan
    while searching and not proven and rounds < MAX_ROUNDS:
        rounds += 1
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            break  # (``kept`` and ``bound_kept`` still describe the last model solved)
        delta = min(delta, delta_cap)
        kept = keep_within(rc, delta, tol, best)
        if kept.size * BUILD_SECONDS_PER_PAIR > 0.5 * remaining:
            break  # building the model alone would take most of the time left
        hint = best if best is not None else _warm_start(instance, rows, duals, kept)
        round_progress = _whole_round(progress, ub_int, bound_with_pruned(ub_rc, rc, kept), tol)
        out = solve_side_model(instance, rows, kept, values, time_limit=remaining, workers=settings.workers,
                               seed=settings.seed, relative_gap=settings.relative_gap, hint=hint,
                               progress=round_progress)  # fmt: skip
        stats.update(cpsat_variables=out.variables, cpsat_fixed=out.fixed)
        if out.pair is not None and _value(values, out.pair) > _value(values, best):
            best = out.pair
        if out.status == "infeasible":
            if kept.size == rc.size:
                timings["cpsat"] = time.perf_counter() - t0
                stats["cpsat_rounds"] = rounds
                return SideOutcome("infeasible", "cpsat", None, None, timings, stats)
            # No plan on these pairs: widen, to every pair after a few tries, but never past
            # MAX_MODEL_PAIRS pairs.
            if delta >= delta_cap:
                break
            delta = max(4.0 * delta, float(np.quantile(rc, min(1.0, 0.02 * 4**rounds))))
            if rounds >= 3:
                delta = float(rc.max())
            continue
        bound_kept = out.bound
        lb = _value(values, best)
        if out.status != "optimal":
            break
        if lb >= ub_int or ub_rc - lb <= delta + tol:
            proven = True
            break
        delta = ub_rc - lb
    timings["cpsat"] = time.perf_counter() - t0
    stats.update(cpsat_rounds=rounds, pairs_in_model=int(kept.size))
    if best is None:
        cert = lp_cert if relaxed is None or ub_rc <= relaxed_value else relaxed_cert
        return SideOutcome("unknown", "cpsat", None, ub_int, timings, stats, cert)
    lb = _value(values, best)
    # Pairs that no plan at least as good as the best one can use (proven by reduced costs).
    stats["fixed_by_reduced_cost"] = int(np.count_nonzero(rc > ub_rc - lb + tol))
    if proven:
        bound = lb
    else:
        # Plans on the kept pairs are worth at most bound_kept; plans using a left-out pair at
        # most UB - (least rc left out).
        pruned = bound_with_pruned(ub_rc, rc, kept)
        inner = bound_kept if bound_kept is not None else ub_int
        bound = max(
            lb,
            min(ub_int, max(inner, int(np.floor(pruned + tol)) if np.isfinite(pruned) else inner)),
        )
    optimal = proven or within_gap(bound, lb, settings.relative_gap)
    if optimal:
        stage("ties")
        t0 = time.perf_counter()
        face = _face(instance, rows, duals, tol) if ub_rc - lb <= tol else None
        tied = None
        if tie_decided and best is lagrange_plan:
            tied = best  # optimal for the tie-broken weights: no plan of its value keeps more
        elif (
            support is not None
            and lagrange_cert is not None
            and lagrange_cert.bound == lb * lagrange_cert.scale
        ):
            # The flows' integer prices prove ``lb`` exactly (the argument of _tie_flow).
            tied = _tie_flow(instance, rows, duals, lb, np.union1d(support, best))
        if tied is not None:
            best, stats["tie_stage"] = tied, "flow"
        else:
            # On the flows' path the rounds are large and the tie rule's search is best effort:
            # it may not take the rest of the time limit from a plan already proven optimal.
            until = deadline
            if support is not None:
                until = time.perf_counter() + TIE_SHARE * max(0.0, deadline - time.perf_counter())
            best, stats["tie_stage"] = _tie_stage(
                instance, rows, rc, ub_rc, lb, tol, settings, until, best, face, duals
            )
        timings["ties"] = time.perf_counter() - t0
    if relaxed_cert is not None and relaxed_value <= lb:
        cert = relaxed_cert  # the relaxation's optimum is attained
    elif lb >= lp_int:
        cert = lp_cert
    else:
        cert = replace(lp_cert, method="lp_duality+reduced_cost_pruning+cpsat",
                       kept=np.union1d(kept, best), inner_bound=bound_kept)  # fmt: skip
    return SideOutcome("optimal" if optimal else "feasible", "cpsat", best, bound, timings, stats,
                       cert)  # fmt: skip


def _polish(
    instance: Instance, rows: SideRows, support: Index, settings: SolverSettings, deadline: float,
    best: Index, progress: ProgressFn | None, ub_int: int,
) -> Index:  # fmt: skip
    """A better plan among the pairs the Lagrangian plans used and the current posts (CP-SAT from
    ``best``, for at most :data:`POLISH_SHARE` of the time left); ``best`` if none is found."""
    values = instance.pairs.value_int
    kept = np.union1d(np.union1d(support, best), np.flatnonzero(instance.pairs.is_current))
    remaining = POLISH_SHARE * (deadline - time.perf_counter())
    if remaining <= 0:
        return best
    told = None if progress is None else _plans_only(progress)
    out = solve_side_model(instance, rows, kept, values, time_limit=remaining, workers=settings.workers,
                           seed=settings.seed, relative_gap=settings.relative_gap, hint=best,
                           progress=told, upper=ub_int)  # fmt: skip
    if out.pair is not None and _value(values, out.pair) > _value(values, best):
        best = out.pair
    if progress is not None:
        progress(float(_value(values, best)), float(ub_int))
    return best


def _per_unit(duals: Duals, factor: int) -> Duals:
    """Prices of the tie-broken weights (``value_int * factor + stays``) per unit of value."""
    if factor == 1:
        return duals
    return replace(
        duals,
        u=duals.u / factor,
        v=duals.v / factor,
        lam_moves=duals.lam_moves / factor,
        lam_unit=None if duals.lam_unit is None else duals.lam_unit / factor,
        lam_distance=None if duals.lam_distance is None else duals.lam_distance / factor,
        bound=duals.bound / factor,
        lp_value=duals.lp_value / factor,
    )


def _theta_guess(instance: Instance, rows: SideRows, c: np.ndarray) -> np.ndarray:
    """:func:`price_guess` as one vector of side prices (moves, units, distance rows)."""
    lam_m, lam_u = price_guess(instance, rows, c)
    parts = [np.array([lam_m] if rows.max_moves is not None else [])]
    if rows.outflow_cap is not None and lam_u is not None:
        parts.append(lam_u)
    parts.append(np.zeros(len(rows.distance)))
    return np.concatenate(parts)


def _fix_and_solve(
    instance: Instance, rows: SideRows, duals: Duals, rc: np.ndarray, tol: float, settings: SolverSettings,
    deadline: float,
) -> Index | None:  # fmt: skip
    """A first plan: people the LP places wholly keep that post; the others choose among their
    pairs priced within 5 % of a typical value (a small CP-SAT model; ``None`` if it finds none)."""
    pairs = instance.pairs
    whole = duals.x >= 1.0 - 1e-6
    settled = np.zeros(instance.n_people, dtype=bool)
    settled[pairs.person[whole]] = True
    near = 0.05 * float(np.median(np.abs(pairs.value_int))) + tol
    kept = np.flatnonzero(whole | (~settled[pairs.person] & (rc <= near)))
    remaining = min(deadline - time.perf_counter(), max(1.0, 0.2 * settings.time_limit_s))
    if remaining <= 0:
        return None
    out = solve_side_model(instance, rows, kept, pairs.value_int, time_limit=remaining, workers=settings.workers,
                           seed=settings.seed, hint=lp_rounding(instance, duals.x))  # fmt: skip
    return out.pair


def _fallback(
    instance: Instance,
    rows: SideRows,
    settings: SolverSettings,
    deadline: float,
    relaxed: Index | None,
    progress: ProgressFn | None = None,
) -> Index | None:
    """A plan without the LP's proof, when the LP cannot finish in the time limit.

    On each person's best pairs and current post (and the relaxed plan's pairs): the fast path
    with the side rules priced (Lagrangian prices, guessed by :func:`price_guess` and scaled up
    until the flow's plan respects them, then bisected down; the plan that moves fewest people
    when none does), then CP-SAT from the best of those plans for the time left.
    """
    stage("fallback")
    pairs = instance.pairs
    values = pairs.value_int
    keep = np.zeros(len(pairs), dtype=bool)
    keep[top_per_person(instance, values.astype(np.float64), FALLBACK_TOP_K)] = True
    keep |= pairs.is_current
    if relaxed is not None:
        keep[relaxed] = True
    kept = np.flatnonzero(keep)
    sub = instance.restrict(kept)
    span = int(values.max()) - int(values.min()) if values.size else 0
    stay_first = values + (span * instance.n_people + 1) * instance.kept_pairs().astype(np.int64)
    flow = solve_flow(sub, stay_first[kept])
    fewest = kept[flow.pair] if flow.feasible and flow.pair is not None else None
    best = fewest if fewest is not None and _is_plan(instance, rows, fewest) else None
    lam_m, lam_u = price_guess(instance, rows, values.astype(np.float64))
    price = rows.penalty(lam_m, lam_u)[kept]
    low, high, scale = 0.0, None, 1.0
    stop_at = time.perf_counter() + 0.5 * max(0.0, deadline - time.perf_counter())
    for _ in range(FALLBACK_PRICE_STEPS):
        if time.perf_counter() > stop_at:
            break
        priced = solve_flow(sub, values[kept] - np.rint(scale * price).astype(np.int64))
        if not priced.feasible or priced.pair is None:
            break
        plan = kept[priced.pair]
        if _is_plan(instance, rows, plan):
            if _value(values, plan) > _value(values, best):
                best = plan
            high = scale
        else:
            low = scale
        scale = 2.0 * scale if high is None else 0.5 * (low + high)
    hint = best if best is not None else fewest
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        return best
    # CP-SAT's bound here holds only on these pairs, so only its plans are told.
    plans_only = None if progress is None else _plans_only(progress)
    out = solve_side_model(instance, rows, kept, values, time_limit=remaining, workers=settings.workers,
                           seed=settings.seed, relative_gap=settings.relative_gap, hint=hint,
                           progress=plans_only)  # fmt: skip
    if out.pair is not None and _value(values, out.pair) > _value(values, best):
        return out.pair
    return best


def _face(instance: Instance, rows: SideRows, duals: Duals, tol: float) -> Face:
    """Rows with a positive price: every plan attaining the LP bound holds them with equality."""
    units = np.zeros(0, dtype=np.int64)
    if duals.lam_unit is not None and rows.outflow_cap is not None:
        units = np.flatnonzero(duals.lam_unit > tol)
    distance = np.zeros(0, dtype=np.int64)
    if duals.lam_distance is not None and rows.distance:
        distance = np.flatnonzero(duals.lam_distance > tol)
    return Face(
        posts=np.flatnonzero(duals.v > tol),
        fill_posts=np.flatnonzero(instance.must_fill & (duals.v < -tol)),
        moves=rows.max_moves is not None and duals.lam_moves > tol,
        units=units,
        distance=distance,
    )


def _tie_flow(
    instance: Instance, rows: SideRows, duals: Duals, lb: int, start: Index
) -> Index | None:
    """The tie rule by one flow, when the flows' prices prove the optimum ``lb`` exactly.

    With ``P = d value - theta a`` (``d`` the tie-broken weights' factor, ``theta`` the side prices
    in their units), every optimal plan ``x`` has ``d lb = bound >= P(x) + theta b = d lb + theta
    (b - A x)``, so it maximises ``P``. The flow maximising ``P + stays`` returns a plan ``F``; if
    ``F`` respects the side rules and is worth ``lb``, it is optimal, so ``P(F) = max P`` and it
    keeps at least as many people as any optimal plan: the tie rule's answer. Else ``None``.
    """
    weights, factor = tie_broken_weights(instance)
    if factor == 1:
        return None  # no stayers to count, or the weights would not stay exact
    side = rows.penalty(duals.lam_moves, duals.lam_unit, duals.lam_distance)
    keep = np.zeros(len(instance.pairs), dtype=bool)
    keep[start[start >= 0]] = True
    flow = solve_flow_near(instance, weights - np.rint(factor * side).astype(np.int64), keep)
    if not flow.feasible or flow.pair is None:
        return None
    if _is_plan(instance, rows, flow.pair) and _value(instance.pairs.value_int, flow.pair) >= lb:
        return flow.pair
    return None


def _tie_stage(
    instance: Instance,
    rows: SideRows,
    rc: np.ndarray,
    ub: float,
    lb: int,
    tol: float,
    settings: SolverSettings,
    deadline: float,
    best: Index,
    face: Face | None,
    duals: Duals,
) -> tuple[Index, str]:
    """Stage 2 of the tie rule; keeps ``best`` when it cannot finish in time.

    When the LP bound is attained (``face``), the LP itself is re-optimised for stayers over its
    optimal face; an integral answer there is the tie-broken optimum. Otherwise, or when the
    answer is fractional, a single-worker CP-SAT search on the kept pairs decides.
    """
    values = instance.pairs.value_int
    kept = keep_within(rc, max(0.0, ub - lb), tol)
    if face is not None and duals.lp is not None:
        x = duals.lp.stayers_on_face(
            kept, face.posts, face.fill_posts, face.moves, face.units, deadline=deadline,
            distance_tight=face.distance,
        )  # fmt: skip
        if x is not None:
            pair = lp_rounding(instance, x)
            integral = bool(np.all((x < 1e-6) | (x > 1 - 1e-6)))
            if integral and _is_plan(instance, rows, pair) and _value(values, pair) >= lb:
                return pair, "lp"
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        return best, "skipped"
    out = solve_tie_stage(
        instance, rows, kept, values, lb, time_limit=remaining, seed=settings.seed, face=face
    )
    if out.status == "optimal" and out.pair is not None and _value(values, out.pair) >= lb:
        return out.pair, "optimal"
    return best, out.status
