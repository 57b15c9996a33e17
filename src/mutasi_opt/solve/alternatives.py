"""Genuinely different near-optimal plans: what else the panel could have chosen.

After the optimal plan ``P0`` (value ``z``), alternative ``k`` is **the best plan that places at
least ``d`` people differently from each of ``P0 .. P(k-1)``** (``d`` =
``solver.alternatives_min_difference``), kept when it is worth at least ``z - gap x |z|`` (``gap``
= ``solver.alternatives_gap``). The search stops at ``count`` alternatives, at the first best plan
below that value (no later one can be better: each adds a constraint), or when no plan differs
enough.

Each "differs from ``Pt`` in at least ``d`` people" is a no-good side rule of the same kind as
``max_moves`` (:class:`~mutasi_opt.instance.PlanDistance` with ``same=True``: at most ``n - d``
people placed as in ``Pt``), so each alternative is solved exactly by the side-rule path: the LP
relaxation with one more row per earlier plan prices every pair, pairs whose reduced cost rules
them out of any plan better than the best found are pruned (the same reduced-cost argument as for
``max_moves``: a plan using pair ``e`` is worth at most ``UB - rc_e``), CP-SAT proves the best plan
on the rest, and the optimality certificate, the distance rows priced in it, is checked apart from
the solver. An alternative is therefore *proven* the best plan at that distance (or reported with
its gap when the time limit stopped the proof), and every alternative is re-checked by
:func:`mutasi_opt.check.check_plan` and, for a round built from tables, the audit.

Unlike enumerating optima (which yields plans that swap two equally good people), the distance
``d`` makes every alternative a different decision for at least ``d`` people.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mutasi_opt.instance import Instance, PlanDistance
from mutasi_opt.problem import Problem, instance_of
from mutasi_opt.scenario import SolverSettings
from mutasi_opt.solve.result import Result, Status

__all__ = ["Alternatives", "distinct_rule", "search_alternatives"]

SolveRound = Callable[[Problem | Instance, SolverSettings], Result]
"""Solves one round exactly (:func:`mutasi_opt.solve.solve`)."""


@dataclass(frozen=True, eq=False)
class Alternatives:
    """The alternatives found after the optimal plan.

    Attributes
    ----------
    results
        The alternatives, best first (each a :class:`~mutasi_opt.solve.result.Result` of the
        round with the no-goods of the plans before it).
    floor
        The value an alternative must reach (``z - gap x |z|``).
    min_difference
        People each alternative places differently from every earlier plan.
    stopped
        Why the search ended: ``count`` (as many as asked), ``gap`` (the next best plan is below
        the floor), ``none_differs`` (no plan differs enough), ``no_solution`` (the time limit
        ran out before a plan was found), ``too_few_people`` (``d`` exceeds the people).
    seconds
        Time taken.
    rounds
        The round each alternative was solved in: the round with the no-goods of the plans before
        it (its certificate prices them).
    """

    results: tuple[Result, ...]
    floor: float
    min_difference: int
    stopped: str
    seconds: float
    rounds: tuple[Problem | Instance, ...] = ()

    def __len__(self) -> int:
        return len(self.results)


def distinct_rule(k: int, plan: np.ndarray, min_difference: int) -> PlanDistance:
    """The no-good "at least ``min_difference`` people placed differently from ``plan``"."""
    reference = np.asarray(plan, dtype=np.int32)
    placed = int((reference >= 0).sum())
    return PlanDistance(
        f"distinct_from_plan_{k}", reference, max(-1, placed - min_difference), same=True
    )


def search_alternatives(
    problem: Problem | Instance,
    optimal: Result,
    solve_round: SolveRound,
    count: int | None = None,
    *,
    gap: float | None = None,
    min_difference: int | None = None,
    settings: SolverSettings | None = None,
) -> Alternatives:
    """Up to ``count`` alternatives to the optimal plan (see the module docstring); the public
    entry point is :func:`mutasi_opt.solve.find_alternatives`.

    Parameters
    ----------
    problem
        The round that was solved.
    optimal
        Its optimal result (``P0``).
    solve_round
        Solves each round (with its no-goods) exactly.
    count, gap, min_difference
        Default ``solver.alternatives``, ``solver.alternatives_gap`` and
        ``solver.alternatives_min_difference`` (of ``settings``).
    settings
        Solver settings of each solve (default the scenario's, or the defaults for an instance).

    Raises
    ------
    ValueError
        ``optimal`` has no plan.
    """
    t0 = time.perf_counter()
    if settings is None:
        settings = problem.scenario.solver if isinstance(problem, Problem) else SolverSettings()
    count = settings.alternatives if count is None else count
    gap = settings.alternatives_gap if gap is None else gap
    d = settings.alternatives_min_difference if min_difference is None else min_difference
    if optimal.assignment is None or optimal.objective is None:
        raise ValueError("alternatives need an optimal plan to start from")
    z = float(optimal.objective)
    floor = z - gap * abs(z)
    instance = instance_of(problem)
    plans = [np.asarray(optimal.assignment, dtype=np.int64)]
    found: list[Result] = []
    rounds: list[Problem | Instance] = []
    stopped = "count"
    if d > int((plans[0] >= 0).sum()):
        return Alternatives((), floor, d, "too_few_people", time.perf_counter() - t0)
    while len(found) < count:
        rules = tuple(distinct_rule(k, p, d) for k, p in enumerate(plans))
        narrowed = dataclasses.replace(instance, distance=(*instance.distance, *rules))
        round_k: Problem | Instance = (
            dataclasses.replace(problem, instance=narrowed)
            if isinstance(problem, Problem)
            else narrowed
        )
        result = solve_round(round_k, settings)
        if result.status == Status.INFEASIBLE:
            stopped = "none_differs"
            break
        if result.assignment is None or result.objective is None:
            stopped = "no_solution"
            break
        if result.objective < floor - 1e-9 * max(1.0, abs(z)):
            stopped = "gap"
            break
        found.append(result)
        rounds.append(round_k)
        plans.append(np.asarray(result.assignment, dtype=np.int64))
    return Alternatives(tuple(found), floor, d, stopped, time.perf_counter() - t0, tuple(rounds))
