"""How firm each move is: the value lost if the panel vetoes it (its *veto cost*).

For a move of person ``i`` into post ``j`` (the chosen pair ``e0``), the veto cost is the value of
the plan minus the value of the best plan without that pair: what the organisation loses if the
panel says "not there". It is at least 0; it is infinite when no plan exists without the move.

Exact, on the flow path (a round without side rules). The plan's optimality certificate (dual
prices ``u, v`` with bound ``B``; :mod:`mutasi_opt.proof.certificate`) gives every pair a reduced
cost ``rc_e >= 0``, and any plan ``x`` is worth at most ``B - sum rc_e x_e``. So a plan losing at
most ``L`` against the optimum ``z`` uses only pairs with ``rc_e <= (B - z) + L``. The vetoed round
is solved exactly on the pairs with ``rc <= delta`` (without ``e0``); when its loss ``L``
satisfies ``(B - z) + L <= delta`` no left-out pair can do better and ``L`` is exact; otherwise
``delta`` grows to that and the round is solved again (at most a few times: the loss only falls as
pairs are added). Each restricted round is answered by a shortest path in the plan's residual
graph (:mod:`mutasi_opt.plan.veto_cycles`: the same optimum as a re-solve, in a fraction of a
millisecond), or, when the prices do not allow that, by re-solving it with the exact flow.

A lower bound, from the duals alone (the side-rule path, where re-solving every move with CP-SAT
would take too long, and any move past :data:`EXACT_PAIR_BUDGET`): without ``e0`` person ``i``
takes another pair, so every vetoed plan is worth at most ``B - min_{e != e0 of i} rc_e``, and the
veto costs at least ``min rc - (B - z)`` (never below 0). Such a cost is marked ``bound``.

Everything is in the solvers' integer values (``value_int``) and deterministic: the same plan
gives the same costs, whatever the machine's speed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mutasi_opt.arrays import BoolArray, FloatArray
from mutasi_opt.instance import Instance
from mutasi_opt.plan.robustness import Stability
from mutasi_opt.plan.veto_cycles import VetoCycles
from mutasi_opt.problem import Problem, instance_of
from mutasi_opt.solve.duals import exact_reduced_costs
from mutasi_opt.solve.flow import solve_flow
from mutasi_opt.solve.result import Result
from mutasi_opt.solve.side_rows import side_rows

__all__ = ["EXACT_PAIR_BUDGET", "Firmness", "VetoCosts", "veto_costs"]

EXACT_PAIR_BUDGET = 40_000_000
"""Candidate pairs the exact re-solves may read in all (a deterministic budget: past it, the
remaining moves get the dual bound)."""

ObjArray = npt.NDArray[np.object_]


@dataclass(frozen=True, eq=False)
class VetoCosts:
    """The veto cost of every move of a plan.

    Attributes
    ----------
    cost
        Per person, in value units: NaN for a person who stays, ``inf`` when no plan exists
        without their move.
    kind
        Per person: ``exact`` (re-solved), ``bound`` (a proven lower bound from the duals), ``""``
        for a person who stays.
    seconds
        Time taken.
    """

    cost: FloatArray
    kind: ObjArray
    seconds: float

    @property
    def exact(self) -> BoolArray:
        """Per person: the cost was re-solved exactly."""
        return np.asarray(self.kind == "exact", dtype=bool)


@dataclass(frozen=True, eq=False)
class Firmness:
    """How firm each move of a plan is: its veto cost and, when sampled, its stability
    (:mod:`mutasi_opt.plan.robustness`)."""

    veto: VetoCosts
    stability: Stability | None = None

    def summary(self) -> dict[str, Any]:
        """``summary.json``'s ``firmness``."""
        kinds = self.veto.kind[self.veto.kind != ""]
        out: dict[str, Any] = {
            "veto_costs": {
                "exact": int((kinds == "exact").sum()),
                "bound": int((kinds == "bound").sum()),
                "seconds": round(self.veto.seconds, 3),
            }
        }
        s = self.stability
        if s is not None and s.samples:
            moved = s.share[~np.isnan(s.share)]
            out["stability"] = {
                "samples": s.samples,
                "flip_probability": s.probability,
                "samples_without_plan": s.without_plan,
                "mean": None if moved.size == 0 else round(float(moved.mean()), 4),
                "moves_always_kept": int((moved >= 1.0).sum()),
                "seconds": round(s.seconds, 3),
            }
        return out


def veto_costs(problem: Problem | Instance, result: Result, *, resolve: bool = False) -> VetoCosts:
    """The veto cost of each move of ``result``'s plan (see the module docstring).

    Parameters
    ----------
    problem
        The round that was solved.
    result
        Its result, with a plan and a verified certificate (``result.proof``).
    resolve
        Re-solve every restricted round with the exact flow instead of the shortest paths of
        :mod:`mutasi_opt.plan.veto_cycles` (the same costs, slower: what the tests compare with).

    Returns
    -------
    VetoCosts
        NaN costs everywhere when the result has no plan or no certificate.
    """
    t0 = time.perf_counter()
    instance = instance_of(problem)
    n = instance.n_people
    cost = np.full(n, np.nan)
    kind = np.full(n, "", dtype=object)
    cert = None if result.proof is None else result.proof.certificate
    if result.assignment is None or cert is None:
        return VetoCosts(cost, kind, time.perf_counter() - t0)
    plan = np.asarray(result.assignment, dtype=np.int64)
    chosen = instance.pair_index(np.arange(n), plan)
    current = np.asarray(instance.current_post, dtype=np.int64)
    movers = np.flatnonzero(plan != current)
    if movers.size == 0 or (chosen < 0).any():
        return VetoCosts(cost, kind, time.perf_counter() - t0)
    pairs = instance.pairs
    values = pairs.value_int.astype(np.int64)
    z = int(values[chosen].sum())
    rows = side_rows(instance)
    scale = int(cert.scale)
    rc = exact_reduced_costs(instance, rows, cert)  # scaled by cert.scale, exact, >= 0
    gap = int(cert.bound) - scale * z  # B - z, scaled
    to_value = 1.0 / instance.value_scale()
    z_value = float(pairs.value[chosen].sum())
    # How fast the pruning threshold grows when the pairs kept hold no plan: 5 % of a typical
    # value at first (scaled), then four times more each round.
    step = scale * max(1, int(0.05 * float(np.median(np.abs(values)))) if values.size else 1)
    exact_ok = not instance.has_side_rules
    top = int(rc.max()) if rc.size else 0
    cycles = None
    if exact_ok and not resolve:
        cycles = VetoCycles.of(instance, rc, chosen, cert.post, scale)
    budget = EXACT_PAIR_BUDGET
    least_other = _least_other(pairs.ptr, rc, chosen)
    for i in movers.tolist():
        e0 = int(chosen[i])
        if least_other[i] < 0:  # the person has no other pair
            cost[i], kind[i] = np.inf, "exact"
            continue
        least = int(least_other[i])
        lower = max(0, least - gap)  # scaled
        if exact_ok and budget > 0:
            if cycles is not None:
                vetoed, read = _cycle_loss(cycles, i, int(plan[i]), gap, least, step, top)
            else:
                vetoed, read = _exact_loss(
                    instance, values, rc, chosen, e0, z, gap, scale, least, step, top
                )
            budget -= read
            if vetoed is not None:
                # In value units: the two plans' float sums (as the objective is reported).
                cost[i] = np.inf if vetoed.size == 0 else z_value - float(pairs.value[vetoed].sum())
                kind[i] = "exact"
                continue
        # A bound is rounded down to the output's 6 decimals, so that it stays a bound.
        cost[i] = np.floor(lower / scale * to_value * 1e6 + 1e-6) / 1e6
        kind[i] = "bound"
    return VetoCosts(cost, kind, time.perf_counter() - t0)


def _least_other(
    ptr: npt.NDArray[np.int64], rc: npt.NDArray[np.int64], chosen: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Per person, the least ``rc`` among their pairs other than the chosen one; -1 for a
    person with no other pair (one pass over the pairs, which are grouped by person)."""
    n = ptr.shape[0] - 1
    none = np.iinfo(np.int64).max
    out = np.full(n, none, dtype=np.int64)
    some = np.flatnonzero(np.diff(ptr) > 0)
    if some.size:
        masked = rc.copy()
        masked[chosen] = none
        out[some] = np.minimum.reduceat(masked, ptr[some])
    return np.where(out == none, -1, out)


def _exact_loss(
    instance: Instance,
    values: npt.NDArray[np.int64],
    rc: npt.NDArray[np.int64],
    chosen: npt.NDArray[np.int64],
    e0: int,
    z: int,
    gap: int,
    scale: int,
    least: int,
    step: int,
    top: int,
) -> tuple[npt.NDArray[np.int64] | None, int]:
    """The best plan without pair ``e0`` (pair indices; empty when no plan is left) and the pairs
    read; ``None`` when it could not be decided within the rounds of one move."""
    delta = max(least, gap + scale)  # scaled: at least the person's next-best pair
    read = 0
    for _ in range(16):
        keep = rc <= delta
        keep[chosen] = True
        keep[e0] = False
        kept = np.flatnonzero(keep)
        read += kept.size
        flow = solve_flow(instance.restrict(kept), values[kept])
        if flow.feasible and flow.pair is not None:
            loss = z - int(values[kept[flow.pair]].sum())
            if gap + scale * loss <= delta:
                return kept[flow.pair], read  # no left-out pair can be in a better vetoed plan
            delta = gap + scale * loss
        elif delta >= top:
            return np.zeros(0, dtype=np.int64), read  # every pair but e0: no plan without it
        else:
            delta = min(top, max(4 * delta, delta + step))
    return None, read


def _cycle_loss(
    cycles: VetoCycles, person: int, post: int, gap: int, least: int, step: int, top: int
) -> tuple[npt.NDArray[np.int64] | None, int]:
    """:func:`_exact_loss` with each restricted round answered by a shortest path: the same
    rounds in the same order, the same losses and pairs read, the same outcome."""
    scale = cycles.scale
    delta = max(least, gap + scale)
    read = 0
    hint: int | None = None  # a length the next search need not exceed
    for _ in range(16):
        read += cycles.pairs_read(delta)
        length, moves = cycles.distance(person, post, delta, hint)
        if length is not None and moves is not None:
            if length % scale:  # pragma: no cover - the prices are exact integers
                raise RuntimeError("a vetoed move's cycle is not a whole loss: a pricing bug")
            if gap + length <= delta:
                return cycles.plan_without(moves), read
            delta, hint = gap + length, length  # the wider round is at least as good
        elif delta >= top:
            return np.zeros(0, dtype=np.int64), read
        else:
            delta = min(top, max(4 * delta, delta + step))
    return None, read
