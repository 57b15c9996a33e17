"""The LP relaxation of the side-rule model, its dual prices, and a bound valid for every pair.

The LP is solved with HiGHS (``highspy``) on a subset ``S`` of the candidate pairs and grown by
column generation: pairs that price out positively against the LP's own prices are added and the
LP re-solved from the previous basis, a few rounds, until no pair prices out.

The prices are then made feasible for *all* pairs by raising each person's price ``u_i`` to
``max_j (c_ij - v_j - side_ij)``, computed vectorised over the pairs (:func:`repair_duals`).
Whatever HiGHS's tolerances, the repaired prices are dual feasible by construction, so their dual
objective is a proven upper bound on every plan, and ``rc_ij = u_i + v_j + side_ij - c_ij >= 0``
bounds what a plan loses by using pair ``(i, j)``: a plan containing it is worth at most
``bound - rc_ij`` (reduced-cost fixing, :mod:`mutasi_opt.solve.prune`).

Rows (maximisation): person ``i``: ``sum_j x_ij = 1`` (price ``u_i``, free); post ``j``:
``[1 if must-fill else -inf] <= sum_i x_ij <= capacity_j`` (price ``v_j``: ``>= 0`` at capacity,
``<= 0`` at the must-fill bound); ``sum moves <= max_moves`` (``lam_moves >= 0``); unit ``u``:
``sum leavers <= cap_u`` (``lam_u >= 0``); distance rule ``r`` (the re-plan's ``max_changes``, an
alternative's no-good): ``sum counting pairs <= limit_r`` (``lam_distance_r >= 0``). Each side row has an elastic slack priced ``big`` (twice
the value range), so the LP on ``S`` is feasible as soon as ``S`` holds a plan for the person,
post and must-fill rows; that only caps the side prices at ``big``, which keeps them feasible for
the dual of the LP without slacks, hence the bound valid.
"""

from __future__ import annotations

import ctypes
import os
import sys
import time
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from mutasi_opt.arrays import FloatArray
from mutasi_opt.instance import Instance
from mutasi_opt.interrupt import run_highs
from mutasi_opt.solve.side_rows import Index, SideRows

# HiGHS is imported where an LP is solved (rounds with side rules), not at start-up (60 ms).
if TYPE_CHECKING:
    import highspy

__all__ = [
    "Duals",
    "LPTimeout",
    "RelaxationLP",
    "best_per_person",
    "lp_bound",
    "person_max",
    "repair_duals",
]


class LPTimeout(Exception):
    """The solve phase's time ran out inside the LP relaxation."""


@cache
def _banner_swallowed() -> bool:
    """Create the first HiGHS object with stdout closed: HiGHS prints a banner on it once.

    The banner goes to the process's file descriptor 1 from C++, where it would break the CLI's
    one-line output; every later ``Highs()`` is silent (``output_flag`` off).
    """
    import highspy

    try:
        fd = sys.__stdout__.fileno() if sys.__stdout__ is not None else 1
    except (OSError, ValueError):
        fd = 1
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), fd)
            highspy.Highs()
            libc = ctypes.CDLL(None)
            libc.fflush(None)
    finally:
        os.dup2(saved, fd)
        os.close(saved)
    return True


def _highs() -> highspy.Highs:
    import highspy

    _banner_swallowed()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("threads", 1)
    return h


@dataclass(frozen=True, eq=False)
class Duals:
    """Dual prices feasible for every candidate pair, and the bound they prove.

    Attributes
    ----------
    u
        Per person (repaired: ``max_j`` of the priced value).
    v
        Per post: capacity price minus must-fill price.
    lam_moves
        Price of one move.
    lam_unit
        Price of one leaver per unit (``None`` without outflow caps).
    bound
        Dual objective: an upper bound on ``sum c`` of every plan.
    lp_value
        Optimum of the last LP on the subset.
    x
        LP solution per pair (0 outside the subset).
    rounds
        LP solves made.
    subset_size
        Pairs in the last LP.
    converged
        True when no pair priced out (then ``bound`` is the LP optimum over all pairs).
    seconds
        Time in HiGHS.
    """

    u: FloatArray
    v: FloatArray
    lam_moves: float
    lam_unit: FloatArray | None
    bound: float
    lp_value: float
    x: FloatArray
    rounds: int
    subset_size: int
    converged: bool
    seconds: float
    slack: float = 0.0
    """Elastic slack used by the last LP (positive: the pairs priced so far hold no plan)."""
    lp: RelaxationLP | None = None
    """The LP itself, kept warm for the tie stage (its last solve gave these prices)."""
    lam_distance: FloatArray | None = None
    """Price of one counting pair per distance row (``None`` without distance rules)."""


def person_max(instance: Instance, values: FloatArray) -> FloatArray:
    """Per person, the largest of ``values`` over their pairs (``-inf`` without pairs)."""
    ptr = instance.pairs.ptr
    out = np.full(instance.n_people, -np.inf)
    has = ptr[1:] > ptr[:-1]
    if values.size:
        # reduceat needs valid offsets; people without pairs are masked afterwards.
        red = np.maximum.reduceat(values, np.minimum(ptr[:-1], values.size - 1))
        out[has] = red[has]
    return out


def repair_duals(
    instance: Instance,
    rows: SideRows,
    c: FloatArray,
    v: FloatArray,
    lam_moves: float,
    lam_unit: FloatArray | None,
    lam_distance: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray, float]:
    """Person prices that make the post and side prices feasible for all pairs.

    Post prices are first clipped to their signs (``v_j < 0`` only on must-fill posts) and side
    prices to ``>= 0``.

    Returns
    -------
    u, v, bound
        ``u_i = max_j (c_ij - v_j - side_ij)``, the clipped ``v``, and the dual objective.
    """
    v = np.where(instance.must_fill, v, np.maximum(v, 0.0))
    side = rows.penalty(lam_moves, lam_unit, lam_distance)
    u = person_max(instance, c - v[instance.pairs.post] - side)
    bound = float(u.sum() + instance.capacity @ np.maximum(v, 0.0) + np.minimum(v, 0.0).sum())
    if rows.max_moves is not None:
        bound += rows.max_moves * lam_moves
    if rows.outflow_cap is not None and lam_unit is not None:
        bound += float(rows.outflow_cap @ lam_unit)
    if rows.distance and lam_distance is not None:
        bound += float(rows.distance_limits @ np.asarray(lam_distance, dtype=np.float64))
    return u, v, bound


class RelaxationLP:
    """The LP relaxation on a growing subset of pairs, kept warm in one HiGHS instance.

    Parameters
    ----------
    instance, rows
        The instance and its side-rule coefficients.
    c
        Objective coefficient per pair (maximised).
    """

    def __init__(self, instance: Instance, rows: SideRows, c: FloatArray) -> None:
        import highspy

        self.instance, self.rows, self.c = instance, rows, c
        n, m = instance.n_people, instance.n_posts
        self.row_moves = n + m
        self.row_unit0 = n + m + (rows.max_moves is not None)
        n_units = 0 if rows.outflow_cap is None else rows.outflow_cap.shape[0]
        self.row_dist0 = self.row_unit0 + n_units
        n_rows = self.row_dist0 + len(rows.distance)
        lower = [np.ones(n), np.where(instance.must_fill, 1.0, -np.inf)]
        upper = [np.ones(n), instance.capacity.astype(np.float64)]
        if rows.max_moves is not None:
            lower.append(np.array([-np.inf]))
            upper.append(np.array([float(rows.max_moves)]))
        if rows.outflow_cap is not None:
            lower.append(np.full(n_units, -np.inf))
            upper.append(rows.outflow_cap.astype(np.float64))
        if rows.distance:
            lower.append(np.full(len(rows.distance), -np.inf))
            upper.append(rows.distance_limits.astype(np.float64))
        self.h = _highs()
        h = self.h
        h.addRows(n_rows, np.concatenate(lower), np.concatenate(upper), 0,
                  np.zeros(n_rows + 1, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0))  # fmt: skip
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        n_side = n_rows - (n + m)
        span = float(c.max() - c.min()) if c.size else 1.0
        self.big = 2.0 * span + 1.0
        # Elastic slacks, priced -big: one per person (an "unplaced" column), one per must-fill
        # post (a phantom holder), one per side row. Extra primal columns only add dual
        # constraints, so prices feasible here are feasible without them: the bound stays valid.
        fill = np.flatnonzero(instance.must_fill)
        slack_rows = np.concatenate([np.arange(n), n + fill, np.arange(n + m, n_rows)]).astype(
            np.int32
        )
        coef = np.concatenate([np.ones(n + fill.size), -np.ones(n_side)])
        n_slack = slack_rows.size
        h.addCols(n_slack, np.full(n_slack, -self.big), np.zeros(n_slack), np.full(n_slack, np.inf), n_slack,
                  np.arange(n_slack, dtype=np.int32), slack_rows, coef)  # fmt: skip
        self.n_slack = n_slack
        self.columns: list[Index] = []
        self.in_lp = np.zeros(c.shape[0], dtype=bool)
        self.seconds = 0.0
        self.slack = 0.0

    def _limit(self, seconds: float) -> None:
        """Let the next run take at most ``seconds`` (HiGHS's clock counts every run so far)."""
        self.h.setOptionValue("time_limit", self.h.getRunTime() + max(0.01, seconds))

    def add(self, idx: Index) -> None:
        """Add the pairs ``idx`` (not yet in the LP) as columns."""
        idx = np.asarray(idx, dtype=np.int64)
        if idx.size == 0:
            return
        pairs, rows = self.instance.pairs, self.rows
        n = self.instance.n_people
        local = np.arange(idx.size, dtype=np.int64)
        cols: list[Index] = [local, local]
        row_of: list[Index] = [
            pairs.person[idx].astype(np.int64),
            n + pairs.post[idx].astype(np.int64),
        ]
        if rows.max_moves is not None:
            sel = np.flatnonzero(rows.moves[idx])
            cols.append(sel)
            row_of.append(np.full(sel.size, self.row_moves, dtype=np.int64))
        if rows.outflow_cap is not None:
            lu = rows.leave_unit[idx]
            sel = np.flatnonzero(lu >= 0)
            cols.append(sel)
            row_of.append(self.row_unit0 + lu[sel].astype(np.int64))
        for r, row in enumerate(rows.distance):
            sel = np.flatnonzero(row.counts[idx])
            cols.append(sel)
            row_of.append(np.full(sel.size, self.row_dist0 + r, dtype=np.int64))
        col = np.concatenate(cols)
        order = np.argsort(col, kind="stable")  # person, post, then the side rows of a column
        start = np.zeros(idx.size + 1, dtype=np.int64)
        np.cumsum(np.bincount(col, minlength=idx.size), out=start[1:])
        index = np.concatenate(row_of)[order].astype(np.int32)
        self.h.addCols(idx.size, self.c[idx], np.zeros(idx.size), np.full(idx.size, np.inf), int(start[-1]),
                       start[:-1].astype(np.int32), index, np.ones(index.size))  # fmt: skip
        self.columns.append(idx)
        self.in_lp[idx] = True

    def solve(
        self, deadline: float | None = None
    ) -> tuple[float, FloatArray, FloatArray, float, FloatArray | None, FloatArray | None]:
        """Solve; returns (value, x per pair, post prices, move price, unit prices, distance
        prices).

        Raises
        ------
        LPTimeout
            When ``deadline`` (a ``time.perf_counter()`` value) passes first.
        """
        import highspy

        t0 = time.perf_counter()
        if deadline is not None:
            self._limit(deadline - t0)
        run_highs(self.h)
        self.seconds += time.perf_counter() - t0
        status = self.h.getModelStatus()
        if status == highspy.HighsModelStatus.kTimeLimit:
            raise LPTimeout("the time limit passed while solving the LP relaxation")
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(
                f"LP relaxation ended with status {self.h.modelStatusToString(status)} (a bug: "
                "its elastic slacks make it always feasible and bounded)"
            )
        sol = self.h.getSolution()
        y = np.asarray(sol.row_dual, dtype=np.float64)
        slack = np.asarray(sol.col_value, dtype=np.float64)[: self.n_slack]
        self.slack = float(slack.sum())
        col = np.asarray(sol.col_value, dtype=np.float64)[self.n_slack :]
        x = np.zeros(self.c.shape[0])
        x[np.concatenate(self.columns)] = col
        n, m = self.instance.n_people, self.instance.n_posts
        lam_m = max(0.0, float(y[self.row_moves])) if self.rows.max_moves is not None else 0.0
        lam_u = None
        if self.rows.outflow_cap is not None:
            lam_u = np.maximum(y[self.row_unit0 : self.row_dist0], 0.0)
        lam_d = None
        if self.rows.distance:
            lam_d = np.maximum(y[self.row_dist0 :], 0.0)
        return (
            float(self.h.getInfo().objective_function_value),
            x,
            y[n : n + m].copy(),
            lam_m,
            lam_u,
            lam_d,
        )

    def stayers_on_face(
        self,
        kept: Index,
        full_posts: Index,
        single_posts: Index,
        moves_tight: bool,
        units_tight: Index,
        deadline: float | None = None,
        distance_tight: Index | None = None,
    ) -> FloatArray | None:
        """Maximise the people kept in place over the LP's optimal face (the tie rule, stage 2).

        The face: only the pairs ``kept`` (reduced cost 0), posts ``full_posts`` at capacity and
        ``single_posts`` held by exactly one person, ``max_moves`` used up when ``moves_tight`` and
        the units ``units_tight`` at their outflow cap, the distance rows ``distance_tight`` at
        their limit, no slack. Re-solved by primal simplex from
        the relaxation's optimal basis, which lies on the face. Returns ``x`` per pair, or
        ``None`` if HiGHS does not end optimal.
        """
        import highspy

        h, n = self.h, self.instance.n_people
        missing = kept[~self.in_lp[kept]]
        self.add(missing)
        cols = np.concatenate(self.columns)
        n_cols = cols.size + self.n_slack
        on = np.zeros(self.c.shape[0], dtype=bool)
        on[kept] = True
        upper = np.concatenate([np.zeros(self.n_slack), np.where(on[cols], np.inf, 0.0)])
        idx = np.arange(n_cols, dtype=np.int32)
        h.changeColsBounds(n_cols, idx, np.zeros(n_cols), upper)
        stay = np.concatenate(
            [np.zeros(self.n_slack), self.instance.kept_pairs()[cols].astype(np.float64)]
        )
        h.changeColsCost(n_cols, idx, stay)
        cap = self.instance.capacity.astype(np.float64)
        full = np.asarray(full_posts, dtype=np.int64)
        if full.size:
            h.changeRowsBounds(  # type: ignore[attr-defined]
                full.size, (n + full).astype(np.int32), cap[full], cap[full]
            )
        single = np.asarray(single_posts, dtype=np.int64)
        if single.size:
            h.changeRowsBounds(  # type: ignore[attr-defined]
                single.size,
                (n + single).astype(np.int32),
                np.ones(single.size),
                np.ones(single.size),
            )
        if moves_tight and self.rows.max_moves is not None:
            h.changeRowBounds(
                self.row_moves, float(self.rows.max_moves), float(self.rows.max_moves)
            )
        units = np.asarray(units_tight, dtype=np.int64)
        if units.size and self.rows.outflow_cap is not None:
            bound = self.rows.outflow_cap[units].astype(np.float64)
            h.changeRowsBounds(  # type: ignore[attr-defined]
                units.size, (self.row_unit0 + units).astype(np.int32), bound, bound
            )
        dist = np.zeros(0, dtype=np.int64) if distance_tight is None else np.asarray(distance_tight)
        if dist.size and self.rows.distance:
            limit = self.rows.distance_limits[dist].astype(np.float64)
            h.changeRowsBounds(  # type: ignore[attr-defined]
                dist.size, (self.row_dist0 + dist).astype(np.int32), limit, limit
            )
        h.setOptionValue("simplex_strategy", 4)
        t0 = time.perf_counter()
        if deadline is not None:
            self._limit(deadline - t0)
        run_highs(h)
        self.seconds += time.perf_counter() - t0
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        col = np.asarray(h.getSolution().col_value, dtype=np.float64)[self.n_slack :]
        x = np.zeros(self.c.shape[0])
        x[cols] = col
        return x


def lp_bound(
    instance: Instance,
    rows: SideRows,
    c: FloatArray,
    subset: Index,
    *,
    max_rounds: int = 20,
    add_per_person: int = 40,
    near: float | None = None,
    deadline: float | None = None,
) -> Duals:
    """Column generation on the LP relaxation; returns prices feasible for all pairs.

    Parameters
    ----------
    instance, rows
        The instance and its side-rule coefficients.
    c
        Objective coefficient per pair (maximised).
    subset
        Starting pairs (any: elastic slacks keep the LP feasible).
    max_rounds
        LP solves at most.
    add_per_person
        Pairs added per person and round, the best priced first.
    near
        Besides the pairs that price out, add those within ``near`` of pricing out (default 3 %
        of the median ``|c|``): measured on 20,000 people, this halves the rounds needed.
    deadline
        ``time.perf_counter()`` value after which no new round starts and HiGHS stops; a round cut
        short leaves the prices of the last finished one (still valid, the bound weaker).

    Raises
    ------
    LPTimeout
        When not even the first LP finishes by ``deadline``.

    Notes
    -----
    The first LP is solved by dual simplex; later rounds by primal simplex from the previous
    basis, which stays primal feasible when columns are added (measured 2-3 times faster than
    dual simplex there).
    """
    pairs = instance.pairs
    lp = RelaxationLP(instance, rows, c)
    lp.add(np.unique(subset))
    scale = float(np.median(np.abs(c))) if c.size else 1.0
    tol = 1e-9 * max(1.0, float(np.abs(c).max()) if c.size else 1.0)
    near = 0.03 * scale if near is None else near
    best: (
        tuple[
            float,
            FloatArray,
            FloatArray,
            float,
            FloatArray | None,
            FloatArray | None,
            FloatArray,
            float,
        ]
        | None
    ) = None
    converged = False
    rounds = 0
    while rounds < max_rounds:
        rounds += 1
        if rounds == 2:
            lp.h.setOptionValue("simplex_strategy", 4)  # primal simplex for the warm re-solves
        try:
            value, x, v, lam_m, lam_u, lam_d = lp.solve(deadline)
        except LPTimeout:
            if best is None:
                raise
            break  # the prices of the last finished round stay valid
        u, v, bound = repair_duals(instance, rows, c, v, lam_m, lam_u, lam_d)
        last = (bound, u, v, lam_m, lam_u, lam_d, x, value)
        if best is None or bound < best[0]:
            best = last
        # Price every pair against the LP's own person prices (max over the LP's columns).
        gain = c - v[pairs.post] - rows.penalty(lam_m, lam_u, lam_d)
        u_lp = np.full(instance.n_people, -np.inf)
        np.maximum.at(u_lp, pairs.person[lp.in_lp], gain[lp.in_lp])
        excess = gain - u_lp[pairs.person]
        if not bool(np.any((excess > tol) & ~lp.in_lp)):
            converged = True
            break
        if deadline is not None and time.perf_counter() > deadline:
            break
        out = np.flatnonzero((excess > -near) & ~lp.in_lp)
        lp.add(best_per_person(pairs.person[out], excess[out], out, add_per_person))
    if best is None:  # pragma: no cover - max_rounds >= 1
        raise ValueError("max_rounds must be at least 1")
    # Converged: the last prices are optimal and match the basis kept in ``lp`` (tie stage).
    bound, u, v, lam_m, lam_u, lam_d, x, value = last if converged else best
    return Duals(u, v, lam_m, lam_u, bound, value, x, rounds, int(lp.in_lp.sum()), converged, lp.seconds,
                 lp.slack, lp if converged else None, lam_d)  # fmt: skip


def best_per_person(who: npt.NDArray[np.int32], score: FloatArray, idx: Index, k: int) -> Index:
    """Of the candidates ``idx``, the ``k`` with the highest ``score`` per person."""
    order = np.lexsort((-score, who))
    who, idx = who[order], idx[order]
    first = np.r_[True, who[1:] != who[:-1]]
    start = np.maximum.accumulate(np.where(first, np.arange(who.size), 0))
    return np.sort(idx[np.arange(who.size) - start < k])
