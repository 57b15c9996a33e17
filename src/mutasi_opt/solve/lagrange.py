"""The side rules' prices by Lagrangian relaxation: exact flows at priced side rules, a bundle
method on the few side prices.

With side prices ``theta >= 0`` (one per side row: ``max_moves``, each unit's outflow cap, each
distance row) the round without side rules, valued ``c_e - theta . a_e`` (``a_e`` the side rows
pair ``e`` enters), is a transportation problem that the exact flow path solves
(:func:`~mutasi_opt.solve.near.solve_flow_near`). Its optimum plus ``theta . b`` is

    L(theta) = max over plans x of sum_e (c_e - theta . a_e) x_e + theta . b,

an upper bound on every plan that respects the side rules (weak duality), and the flow's exact
transportation prices together with ``theta`` are dual feasible for the LP relaxation: the same
kind of certificate as the LP's prices (:func:`~mutasi_opt.solve.duals.lp_certificate`, exact in
integers here because ``theta`` is kept integral). The transportation polytope is integral, so
``min L`` equals the LP relaxation's optimum.

``L`` is convex and piecewise linear in ``theta``, and ``b - A x(theta)`` is a subgradient. It is
minimised by a box-step bundle method (Marsten, Hogan and Blankenship, "The Boxstep Method for
Large-Scale Optimization", Operations Research 23(3), 1975): a cutting-plane model of ``L`` from
every evaluation, minimised by a small LP within a box around the best point so far; the box
grows after a good step and shrinks after a bad one. The model's minimum is a lower bound on
``min L`` whenever it lies inside the box, which tells when the prices are as good as the LP's.
The LP's primal solution is the convex combination of the evaluated plans that the small LP's
dual weights give (Dantzig-Wolfe).

Why not the LP itself: the side rows are few (one per unit and rule) while the person and post
rows are tens of thousands; HiGHS's simplex on the LP took over 70 s at 20,000 people over 22,400
single-seat posts (5.7 million pairs), where each flow here takes about a second
(``docs/solver.md``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mutasi_opt.arrays import FloatArray, Int64Array
from mutasi_opt.instance import Instance
from mutasi_opt.proof.certificate import Certificate
from mutasi_opt.solve.duals import prices_certificate, transport_prices
from mutasi_opt.solve.flow import solve_flow, subset_prices
from mutasi_opt.solve.lp import Duals, best_per_person
from mutasi_opt.solve.near import solve_flow_near
from mutasi_opt.solve.side_rows import Index, SideRows

__all__ = ["LagrangeOutcome", "lagrangian_duals"]

REL_TOL = 2e-5
"""``converged`` when the best bound is within this share of the model's lower bound on ``min L``.
The search itself goes on to the integer below (a bound a whole unit above the LP's leaves a gap
that CP-SAT must close on many pairs: measured at 50,000 people, 413,000 pairs and 519 s for a
gap of 1e-7), until the side prices stop moving, the deadline or :data:`MAX_EVALUATIONS`."""
MAX_EVALUATIONS = 300
"""Flows at most."""
GROW, SHRINK = 2.0, 0.3
"""Box growth after a step that achieved at least half the model's promise, shrink after one that
achieved none."""
ADD_PER_PERSON = 10
"""Pairs that price out added per person and flow (the LP's column generation adds 40 by round,
but a flow is cheap enough to price again)."""


@dataclass(frozen=True, eq=False)
class LagrangeOutcome:
    """What :func:`lagrangian_duals` found.

    Attributes
    ----------
    duals
        Prices of the best ``theta`` (exact integers held as floats), the LP solution per pair
        recovered from the bundle's weights, and ``converged`` when the bound is within
        :data:`REL_TOL` of ``min L``.
    plan
        The best plan seen that respects every side rule (pair per person), or ``None``.
    plan_value
        Its ``sum c`` (``None`` without one).
    evaluations
        Flows solved.
    support
        Every pair some evaluated plan used (sorted): where the LP's solution and the plans near
        it live, a small neighbourhood to improve a plan in.
    columns
        The pairs the flows last ran on (sorted): every pair that priced out along the way.
    post_prices, side_prices
        The proof's exact integer prices (post; move, unit, distance), for
        :meth:`certificate`.
    infeasible
        True when the round has no plan even without side rules.
    """

    duals: Duals | None
    plan: Index | None
    plan_value: int | None
    evaluations: int
    support: Index | None = None
    columns: Index | None = None
    post_prices: Int64Array | None = None
    side_prices: tuple[int, Int64Array | None, Int64Array | None] = (0, None, None)
    infeasible: bool = False

    @property
    def attained(self) -> bool:
        """True when :attr:`plan` is worth the bound: optimal for the weights solved."""
        return (
            self.plan_value is not None
            and self.duals is not None
            and self.plan_value >= self.duals.bound
        )

    def certificate(
        self, instance: Instance, rows: SideRows, scale: int, method: str = "lp_duality"
    ) -> Certificate:
        """The prices as an exact certificate for ``value_int``, when the weights solved were
        ``value_int * scale`` plus anything ``>= 0`` (the tie-broken weights and their factor)."""
        if self.post_prices is None:
            raise ValueError("an infeasible round has no prices")
        lam, mu, nu = self.side_prices
        return prices_certificate(instance, rows, scale, self.post_prices, lam, mu, nu, method)


@dataclass(frozen=True, eq=False)
class _Rows:
    """The side rows as one matrix-like object over pairs: ``a_e`` and ``b``."""

    side: SideRows
    n_units: int
    n_distance: int

    def split(self, theta: Int64Array) -> tuple[int, Int64Array | None, Int64Array | None]:
        k = int(self.side.max_moves is not None)
        lam_m = int(theta[0]) if k else 0
        lam_u = theta[k : k + self.n_units] if self.side.outflow_cap is not None else None
        lam_d = theta[k + self.n_units :] if self.n_distance else None
        return lam_m, lam_u, lam_d

    def b(self) -> Int64Array:
        parts: list[npt.ArrayLike] = []
        if self.side.max_moves is not None:
            parts.append([self.side.max_moves])
        if self.side.outflow_cap is not None:
            parts.append(self.side.outflow_cap)
        if self.n_distance:
            parts.append(self.side.distance_limits)
        return np.concatenate([np.asarray(p, dtype=np.int64) for p in parts])

    def penalty(self, theta: Int64Array) -> Int64Array:
        """:meth:`SideRows.penalty` at integer prices, as the integers it is (exact in float64:
        a pair enters few rows and the prices stay below twice the weights' range)."""
        lam_m, lam_u, lam_d = self.split(theta)
        as_float = [None if x is None else x.astype(np.float64) for x in (lam_u, lam_d)]
        return np.rint(self.side.penalty(float(lam_m), *as_float)).astype(np.int64)

    def usage(self, chosen: Index) -> Int64Array:
        """``A x``: how much of each side row the plan ``chosen`` uses."""
        parts: list[npt.ArrayLike] = []
        if self.side.max_moves is not None:
            parts.append([int(self.side.moves[chosen].sum())])
        if self.side.outflow_cap is not None:
            leave = self.side.leave_unit[chosen]
            parts.append(np.bincount(leave[leave >= 0], minlength=self.n_units))
        for row in self.side.distance:
            parts.append([int(row.counts[chosen].sum())])
        return np.concatenate([np.asarray(p, dtype=np.int64) for p in parts])


@dataclass(frozen=True, eq=False)
class _Point:
    theta: Int64Array
    value: int
    """``L`` at ``theta`` on the pairs the flow saw: a point of a cut valid for every pair."""
    bound: int
    """The flow's prices repaired over every pair at ``theta``: an upper bound on every plan."""
    grad: Int64Array
    """``b - A x``."""
    pair: Index
    prices: Int64Array
    seen: int
    """Pairs the flow saw (a point evaluated again on more pairs may give a lower bound)."""


def _evaluate(
    instance: Instance, rows: _Rows, c: Int64Array, theta: Int64Array, keep: npt.NDArray[np.bool_]
) -> _Point | None:
    """The flow at ``theta`` on the pairs ``keep``, priced against every pair; the pairs that
    price out (the best :data:`ADD_PER_PERSON` of each person) join ``keep``."""
    pairs = instance.pairs
    w = c - rows.penalty(theta)
    b = rows.b()
    kept = np.flatnonzero(keep)
    sub = instance.restrict(kept)
    sol = None
    if not (np.diff(sub.pairs.ptr) == 0).any():
        sol = solve_flow(sub, w[kept])
    if sol is None or not sol.feasible or sol.pair is None:
        # The kept pairs hold no plan: every pair decides (exact, slower).
        flow = solve_flow_near(instance, w, keep)
        if not flow.feasible or flow.pair is None:
            return None
        keep[flow.pair] = True  # from now on the kept pairs hold a plan
        prices = (
            flow.prices if flow.prices is not None else transport_prices(instance, w, flow.pair)
        )
        value = int(flow.weight) + int(theta @ b)
        return _Point(theta, value, value, b - rows.usage(flow.pair), flow.pair, prices, -1)
    chosen, prices, u_kept = subset_prices(sub, w, kept, sol.pair, "flow")
    seen = kept.size
    gain = w - prices[pairs.post]
    u = np.maximum.reduceat(gain, pairs.ptr[:-1])
    bound = int(u.sum()) + int((instance.capacity * np.maximum(prices, 0)).sum())
    bound += int(np.minimum(prices, 0).sum()) + int(theta @ b)
    out = np.flatnonzero(gain > u_kept[pairs.person])
    if out.size:
        excess = (gain[out] - u_kept[pairs.person[out]]).astype(np.float64)
        keep[best_per_person(pairs.person[out], excess, out, ADD_PER_PERSON)] = True
    value = int(w[chosen].sum()) + int(theta @ b)
    return _Point(theta, value, bound, b - rows.usage(chosen), chosen, prices, seen)


def _model_step(
    points: list[_Point], center: Int64Array, box: float, upper: float
) -> tuple[FloatArray, float, FloatArray] | None:
    """Minimise the cutting-plane model within the box: ``(theta, model value, cut weights)``."""
    from scipy.optimize import linprog

    k = center.size
    g = np.array([p.grad for p in points], dtype=np.float64)
    rhs = np.array([float(p.grad @ p.theta) - p.value for p in points])
    # Variables (theta, z): minimise z with z >= L_t + g_t (theta - theta_t).
    a_ub = np.hstack([g, -np.ones((len(points), 1))])
    lo = np.maximum(0.0, center - box)
    hi = np.minimum(upper, center + box)
    bounds = [*zip(lo.tolist(), hi.tolist(), strict=True), (None, None)]
    cost = np.zeros(k + 1)
    cost[-1] = 1.0
    res = linprog(cost, A_ub=a_ub, b_ub=rhs, bounds=bounds, method="highs")
    if res.status != 0:
        return None
    weights = -np.asarray(res.ineqlin.marginals, dtype=np.float64)
    return np.asarray(res.x[:k]), float(res.x[k]), weights


def _next_theta(
    points: list[_Point], proof: _Point, box: float, upper: float, seen: int
) -> tuple[Int64Array | None, float, float, FloatArray, float] | None:
    """The next side prices: the model's minimum within the box, rounded, shrinking the box while
    that point was already evaluated on the same pairs.

    Returns ``(theta, box, model value, cut weights, lower)``, ``theta`` ``None`` when the prices
    stop moving; ``lower`` is the model's minimum when it lies inside the box (a lower bound on
    ``min L``), else ``-inf``. ``None`` when the small LP fails.
    """
    while True:
        step = _model_step(points, proof.theta.astype(np.float64), box, upper)
        if step is None:
            return None
        target, predicted, cut_weights = step
        low_edge = np.maximum(0.0, proof.theta - box)
        high_edge = np.minimum(upper, proof.theta + box)
        on_edge = ((target <= low_edge + 1e-9) & (low_edge > 0)) | (
            (target >= high_edge - 1e-9) & (high_edge < upper)
        )
        lower = -np.inf if on_edge.any() else predicted
        new = np.clip(np.rint(target), 0, upper).astype(np.int64)
        if not any(np.array_equal(new, p.theta) and p.seen in (-1, seen) for p in points):
            return new, box, predicted, cut_weights, lower
        if box <= 1.0 or lower > -np.inf:
            # Inside the box the model's minimum is where it was: the prices stop moving.
            return None, box, predicted, cut_weights, lower
        box = max(1.0, SHRINK * box)


def lagrangian_duals(
    instance: Instance,
    rows: SideRows,
    start: Index,
    theta0: FloatArray,
    *,
    weights: Int64Array | None = None,
    deadline: float | None = None,
) -> LagrangeOutcome:
    """Minimise ``L(theta)`` (module docstring); the best prices as :class:`~.lp.Duals`.

    Parameters
    ----------
    instance, rows
        The round and its side-rule coefficients.
    start
        Pairs the flows start from (each is priced against every pair, so any start is exact).
    theta0
        First side prices, in units of the weights (rounded, clipped at 0).
    weights
        Integer weight per pair to maximise (default ``value_int``; the side-rule path gives the
        tie-broken weights of :mod:`.ties`, so that a plan attaining the bound also keeps most
        people in place). Everything returned is in these units.
    deadline
        ``time.perf_counter()`` value after which no new flow starts.
    """
    t_start = time.perf_counter()
    c = (instance.pairs.value_int if weights is None else weights).astype(np.int64)
    n_units = 0 if rows.outflow_cap is None else int(rows.outflow_cap.shape[0])
    r = _Rows(rows, n_units, len(rows.distance))
    keep = np.zeros(len(instance.pairs), dtype=bool)
    keep[start] = True
    span = int(c.max() - c.min()) if c.size else 1
    upper = float(2 * span + 1)  # as the LP's elastic slack: a price above it never helps
    # A guess may be infinite (a rule no plan can meet) or undefined: clipped into [0, upper].
    guess = np.nan_to_num(np.asarray(theta0, dtype=np.float64), nan=0.0, posinf=upper, neginf=0.0)
    theta = np.clip(np.rint(guess), 0, upper).astype(np.int64)
    points: list[_Point] = []
    # The bundle's centre and the proof: the lowest bound over every pair seen so far.
    proof: _Point | None = None
    plan: Index | None = None
    plan_value: int | None = None
    scale = float(np.median(np.abs(c))) if c.size else 1.0
    box = max(1.0, 0.25 * float(np.abs(theta).max(initial=0)), 0.02 * scale)
    lower = -np.inf
    predicted = -np.inf
    cut_weights = np.zeros(0)
    while len(points) < MAX_EVALUATIONS:
        point = _evaluate(instance, r, c, theta, keep)
        if point is None:
            return LagrangeOutcome(None, None, None, len(points) + 1, infeasible=True)
        points.append(point)
        if (point.grad >= 0).all():
            value = int(c[point.pair].sum())
            if plan_value is None or value > plan_value:
                plan, plan_value = point.pair, value
        if proof is None:
            proof = point
        elif point.bound < proof.bound:
            if proof.bound - point.bound >= 0.5 * (proof.bound - predicted):
                box *= GROW
            proof = point
        else:
            box = max(1.0, SHRINK * box)
        if plan_value is not None and plan_value >= proof.bound:
            lower = float(plan_value)  # the bound is attained
            break
        if proof.bound - lower < 1 or (deadline is not None and time.perf_counter() > deadline):
            break
        step = _next_theta(points, proof, box, upper, int(keep.sum()))
        if step is None:
            break
        new, box, predicted, cut_weights, model_min = step
        lower = max(lower, model_min)
        if new is None or proof.bound - lower < 1:
            break
        theta = new
    assert proof is not None
    converged = proof.bound - lower <= REL_TOL * max(1.0, abs(proof.bound))
    lam_m, lam_u, lam_d = r.split(proof.theta)
    x = _primal(instance, points, cut_weights)
    w_best = c - r.penalty(proof.theta)
    gain = w_best - proof.prices[instance.pairs.post]
    u = np.maximum.reduceat(gain, instance.pairs.ptr[:-1]).astype(np.float64)
    duals = Duals(
        u=u,
        v=proof.prices.astype(np.float64),
        lam_moves=float(lam_m),
        lam_unit=None if lam_u is None else lam_u.astype(np.float64),
        bound=float(proof.bound),
        lp_value=float(proof.value),
        x=x,
        rounds=len(points),
        subset_size=int(keep.sum()),
        converged=converged,
        seconds=time.perf_counter() - t_start,
        lam_distance=None if lam_d is None else lam_d.astype(np.float64),
    )
    support = np.unique(np.concatenate([p.pair for p in points]))
    return LagrangeOutcome(duals, plan, plan_value, len(points), support, np.flatnonzero(keep),
                           proof.prices, (int(lam_m), lam_u, lam_d))  # fmt: skip


def _primal(instance: Instance, points: list[_Point], weights: FloatArray) -> FloatArray:
    """The LP solution per pair: the plans weighted by the last model's cut weights."""
    x = np.zeros(len(instance.pairs))
    if weights.size != len(points) or weights.sum() <= 0:
        weights = np.zeros(len(points))
        weights[-1] = 1.0
    for p, wt in zip(points, (weights / weights.sum()).tolist(), strict=True):
        if wt > 1e-12:
            x[p.pair] += wt
    return x
