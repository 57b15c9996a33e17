"""Which candidate pairs the side-rule model needs: sound reduced-cost fixing.

With prices feasible for every pair (:mod:`mutasi_opt.solve.lp`), a plan that uses pair ``e`` is
worth at most ``UB - rc_e`` (``UB`` the dual bound). Given a plan worth ``LB``, a pair with
``rc_e > UB - LB`` cannot be part of any plan at least as good, so it is fixed to 0 and left out
of the CP-SAT model; the pairs with ``rc_e == UB - LB`` stay, so that equally good plans (ties)
remain available to the tie rule. If CP-SAT proves a plan optimal on the kept pairs and every
left-out pair has ``rc_e > UB - LB``, the plan is optimal over all pairs. Otherwise the best plan
that uses a left-out pair is worth at most ``UB - min rc`` over them, which caps the bound
reported (:func:`bound_with_pruned`).
"""

from __future__ import annotations

import numpy as np

from mutasi_opt.arrays import FloatArray
from mutasi_opt.instance import Instance
from mutasi_opt.solve.side_rows import Index, SideRows

__all__ = [
    "bound_with_pruned",
    "initial_subset",
    "keep_within",
    "lp_rounding",
    "price_guess",
    "rc_tolerance",
    "top_per_person",
]


def rc_tolerance(c: FloatArray) -> float:
    """Slack on reduced-cost comparisons for floating-point error (keeps a few more pairs)."""
    return 1e-7 * max(1.0, float(np.abs(c).max()) if c.size else 1.0)


def top_per_person(instance: Instance, c: FloatArray, k: int) -> Index:
    """The ``k`` pairs of highest ``c`` of every person (ties: lower post first)."""
    pairs = instance.pairs
    order = np.lexsort((pairs.post, -c, pairs.person))
    rank = np.arange(order.size) - pairs.ptr[pairs.person[order]]
    return np.sort(order[rank < k])


def _kth_largest(values: FloatArray, k: int) -> float:
    """The ``k``-th largest (1-based) of ``values``, or 0 when there are fewer than ``k``."""
    if k < 1 or values.size < k:
        return 0.0
    return float(max(0.0, np.partition(values, values.size - k)[values.size - k]))


def price_guess(
    instance: Instance, rows: SideRows, c: FloatArray
) -> tuple[float, FloatArray | None]:
    """Rough prices of the side rules, ignoring capacities, to pick the first LP's pairs.

    If posts had room for everyone, the move price would be the ``(max_moves + 1)``-th largest
    gain of a person's best move over staying, and a unit's price the ``(cap + 1)``-th largest
    gain of leaving it (after the move price) among its people.
    """
    from mutasi_opt.solve.lp import person_max

    pairs = instance.pairs
    stay = np.full(instance.n_people, -np.inf)
    stay[pairs.person[pairs.is_current]] = c[pairs.is_current]
    lam_m = 0.0
    if rows.max_moves is not None:
        best_move = person_max(instance, np.where(rows.moves, c, -np.inf))
        ok = np.isfinite(best_move) & np.isfinite(stay)
        lam_m = _kth_largest(best_move[ok] - stay[ok], rows.max_moves + 1)
    lam_u = None
    if rows.outflow_cap is not None:
        priced = c - lam_m * rows.moves
        leave = rows.leave_unit >= 0
        out_best = person_max(instance, np.where(leave, priced, -np.inf))
        in_best = person_max(instance, np.where(leave, -np.inf, priced))
        ok = np.isfinite(out_best) & np.isfinite(in_best)
        gain = np.where(ok, out_best - np.where(ok, in_best, 0.0), -np.inf)
        lam_u = np.zeros(rows.outflow_cap.shape[0])
        home = instance.person_unit
        for u in range(lam_u.size):
            g = gain[(home == u) & ok]
            lam_u[u] = _kth_largest(g, int(rows.outflow_cap[u]) + 1)
    return lam_m, lam_u


def initial_subset(
    instance: Instance, rows: SideRows, c: FloatArray, k: int, plan: Index | None = None
) -> Index:
    """Pairs for the first LP: each person's ``k`` best at guessed side prices, current post, plan,
    and each person's post in the reference plan of every distance rule (the baseline of a
    re-plan)."""
    lam_m, lam_u = price_guess(instance, rows, c)
    keep = np.zeros(c.shape[0], dtype=bool)
    keep[top_per_person(instance, c - rows.penalty(lam_m, lam_u), k)] = True
    keep |= instance.pairs.is_current
    for d in instance.distance:
        at = instance.pair_index(np.arange(instance.n_people), np.maximum(d.reference, 0))
        keep[at[(at >= 0) & (d.reference >= 0)]] = True
    if plan is not None:
        keep[plan[plan >= 0]] = True
    return np.flatnonzero(keep)


def keep_within(rc: FloatArray, gap: float, tol: float, always: Index | None = None) -> Index:
    """Pairs with ``rc <= gap + tol`` (plus ``always``), sorted."""
    keep = rc <= gap + tol
    if always is not None:
        keep[always[always >= 0]] = True
    return np.flatnonzero(keep)


def bound_with_pruned(ub: float, rc: FloatArray, kept: Index) -> float:
    """The most a plan using at least one left-out pair can be worth (``-inf`` if none left out)."""
    out = np.ones(rc.shape[0], dtype=bool)
    out[kept] = False
    if not out.any():
        return -np.inf
    return ub - float(rc[out].min())


def lp_rounding(instance: Instance, x: FloatArray) -> Index:
    """Per person, the pair with the largest LP value (a hint; may break side rules)."""
    pairs = instance.pairs
    # Sorted by person first, so each person's best pair opens their block at ptr[i].
    order = np.lexsort((pairs.post, -x, pairs.person))
    out = np.full(instance.n_people, -1, dtype=np.int64)
    has = np.diff(pairs.ptr) > 0
    out[has] = order[pairs.ptr[:-1][has]]
    return out
