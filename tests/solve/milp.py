"""An exact MILP oracle for the solver tests: HiGHS (``scipy.optimize.milp``) on the 0-1 model.

Written from the model's definition in docs/model.md only, without any code of the solver:

- one binary ``x_e`` per candidate pair ``e`` of ``instance.pairs``;
- every person holds exactly one post: ``sum_{e of i} x_e = 1``;
- capacity: ``sum_{e at j} x_e <= capacity_j``; a must-fill post: ``>= 1``;
- ``max_moves``: placed people whose post changes, ``sum x_e <= max_moves`` over the pairs of placed
  people that are not their current post;
- unit outflow: a pair leaves unit ``u`` when the person's current post is in ``u`` and the target
  post's unit differs; per unit ``sum x_e <= unit_outflow_cap[u]``;
- a distance rule: a pair counts when the person has a reference post and the pair's post differs
  from it (a no-good, ``same``: equals it); ``sum x_e <= limit`` over the counting pairs;
- maximise ``sum value_int_e x_e`` (integers).

The objective is kept exact: each person's values are shifted by their smallest value (a constant,
since each person takes exactly one pair) and divided by the greatest common divisor of all
shifted values, so HiGHS sees small integers whatever the value scale; ``mip_rel_gap = 0``. The
solution is checked to be integral, re-checked against every constraint with integers, and its
objective recomputed exactly from ``value_int``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import reduce

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array, vstack

from mutasi_opt.instance import Instance

__all__ = ["MilpSolution", "milp_optimum", "milp_solve"]

INTEGRALITY_TOL = 1e-6


@dataclass(frozen=True)
class MilpSolution:
    """The MILP's answer.

    Attributes
    ----------
    objective
        ``sum value_int`` of an optimal plan (Python int), ``None`` when no plan exists.
    post
        Post index per person of that plan, ``None`` when infeasible.
    """

    objective: int | None
    post: tuple[int, ...] | None


def _rows(
    selector: npt.NDArray[np.int64], row_of_pair: npt.NDArray[np.int64], n_rows: int, n_vars: int
) -> coo_array:
    """A 0-1 matrix with a 1 at (row_of_pair[k], selector[k])."""
    data = np.ones(selector.shape[0])
    return coo_array((data, (row_of_pair, selector)), shape=(n_rows, n_vars))


def milp_solve(instance: Instance, value_int: npt.ArrayLike | None = None) -> MilpSolution:
    """Solve the round exactly with HiGHS.

    Parameters
    ----------
    instance
        The round; only ``pairs``, ``current_post``, ``post_unit``, ``capacity``, ``must_fill``,
        ``max_moves`` and ``unit_outflow_cap`` are read.
    value_int
        Integer value per pair (default ``instance.pairs.value_int``), e.g. tie-broken weights.

    Raises
    ------
    RuntimeError
        HiGHS stopped for another reason than optimality or infeasibility, or returned a
        solution that is not integral or breaks a constraint.
    """
    pairs = instance.pairs
    n, m = instance.n_people, instance.n_posts
    person = pairs.person.astype(np.int64)
    post = pairs.post.astype(np.int64)
    values = [
        int(v) for v in (pairs.value_int if value_int is None else np.asarray(value_int)).tolist()
    ]
    n_vars = len(values)
    if n == 0:
        return MilpSolution(0, ())
    counts = np.bincount(person, minlength=n)
    if (counts == 0).any():
        return MilpSolution(None, None)

    # Exact rescaling: v_e = shift_i + g * c_e with small integers c_e.
    shift = [0] * n
    seen = [False] * n
    for k, i in enumerate(person.tolist()):
        if not seen[i] or values[k] < shift[i]:
            shift[i], seen[i] = values[k], True
    shifted = [values[k] - shift[i] for k, i in enumerate(person.tolist())]
    g = reduce(math.gcd, shifted, 0) or 1
    c = np.array([-(s // g) for s in shifted], dtype=np.float64)  # milp minimises

    idx = np.arange(n_vars, dtype=np.int64)
    blocks: list[coo_array] = [_rows(idx, person, n, n_vars)]
    lower: list[float] = [1.0] * n
    upper: list[float] = [1.0] * n
    blocks.append(_rows(idx, post, m, n_vars))
    lower += [1.0 if f else 0.0 for f in instance.must_fill.tolist()]
    upper += [float(cap) for cap in instance.capacity.tolist()]

    current = instance.current_post.astype(np.int64)[person]
    placed = current >= 0
    moved = placed & (post != current)
    if instance.max_moves is not None:
        sel = idx[moved]
        blocks.append(_rows(sel, np.zeros(sel.shape[0], dtype=np.int64), 1, n_vars))
        lower.append(0.0)
        upper.append(float(instance.max_moves))
    if instance.unit_outflow_cap is not None:
        caps = [int(v) for v in np.asarray(instance.unit_outflow_cap).tolist()]
        unit_of_post = instance.post_unit.astype(np.int64)
        home = np.where(placed, unit_of_post[np.maximum(current, 0)], -1)
        leaves = placed & (unit_of_post[post] != home)
        sel = idx[leaves]
        blocks.append(_rows(sel, home[leaves], len(caps), n_vars))
        lower += [0.0] * len(caps)
        upper += [float(v) for v in caps]
    for rule in instance.distance:
        ref = np.asarray(rule.reference, dtype=np.int64)[person]
        counts = (ref >= 0) & ((post == ref) if rule.same else (post != ref))
        sel = idx[counts]
        blocks.append(_rows(sel, np.zeros(sel.shape[0], dtype=np.int64), 1, n_vars))
        lower.append(0.0)
        upper.append(float(rule.limit))

    rows = vstack(blocks, format="csr")
    # HiGHS's MIP solver can end in "Solve error" (status 4) on a small round, inside its
    # presolve's handling of a new incumbent (it prints
    # "transformNewIntegerFeasibleSolution tmpSolver.run()"); the same model without presolve
    # solves. The oracle tries that before giving up.
    for presolve in (True, False):
        res = milp(
            c,
            constraints=LinearConstraint(rows, np.array(lower), np.array(upper)),
            integrality=np.ones(n_vars),
            bounds=Bounds(0.0, 1.0),
            options={"mip_rel_gap": 0.0, "presolve": presolve, "time_limit": 120.0},
        )
        if res.status != 4:
            break
    if res.status == 2:  # infeasible
        return MilpSolution(None, None)
    if res.status != 0 or res.x is None:
        raise RuntimeError(f"HiGHS did not finish: status {res.status} ({res.message})")
    x = np.asarray(res.x)
    if np.abs(x - np.rint(x)).max(initial=0.0) > INTEGRALITY_TOL:
        raise RuntimeError("HiGHS returned a fractional solution")
    chosen = np.flatnonzero(np.rint(x) == 1)
    plan = _check(instance, chosen, person, post, moved)
    objective = sum(values[k] for k in chosen.tolist())
    relaxed = -round(float(res.fun)) * g + sum(shift)
    if objective != relaxed:
        raise RuntimeError(f"HiGHS objective {relaxed} disagrees with its plan's {objective}")
    return MilpSolution(objective, plan)


def _check(
    instance: Instance,
    chosen: npt.NDArray[np.int64],
    person: npt.NDArray[np.int64],
    post: npt.NDArray[np.int64],
    moved: npt.NDArray[np.bool_],
) -> tuple[int, ...]:
    """Re-check the rounded solution against every constraint; the post per person."""
    n, m = instance.n_people, instance.n_posts
    who = person[chosen]
    if sorted(who.tolist()) != list(range(n)):
        raise RuntimeError("HiGHS plan does not give every person exactly one post")
    plan = np.full(n, -1, dtype=np.int64)
    plan[who] = post[chosen]
    load = np.bincount(plan, minlength=m)
    if (load > instance.capacity).any() or (instance.must_fill & (load == 0)).any():
        raise RuntimeError("HiGHS plan breaks a capacity or must-fill constraint")
    if instance.max_moves is not None and int(moved[chosen].sum()) > instance.max_moves:
        raise RuntimeError("HiGHS plan breaks max_moves")
    if instance.unit_outflow_cap is not None:
        current = instance.current_post.astype(np.int64)
        unit = instance.post_unit.astype(np.int64)
        caps = np.asarray(instance.unit_outflow_cap)
        leavers = np.zeros(caps.shape[0], dtype=np.int64)
        for i in range(n):
            if current[i] >= 0 and unit[plan[i]] != unit[current[i]]:
                leavers[unit[current[i]]] += 1
        if (leavers > caps).any():
            raise RuntimeError("HiGHS plan breaks a unit outflow cap")
    for rule in instance.distance:
        ref = np.asarray(rule.reference, dtype=np.int64)
        counted = (ref >= 0) & ((plan == ref) if rule.same else (plan != ref))
        if int(counted.sum()) > rule.limit:
            raise RuntimeError(f"HiGHS plan breaks the distance rule {rule.name}")
    return tuple(int(j) for j in plan.tolist())


def milp_optimum(instance: Instance, value_int: npt.ArrayLike | None = None) -> int | None:
    """Best ``sum value_int`` over every valid plan (a Python int), ``None`` when infeasible."""
    return milp_solve(instance, value_int).objective
