"""The moves-versus-fit frontier: how much value, fit and JPM each extra move buys.

A panel does not only want the best plan; it wants to see what fewer moves would cost. For a
price ``lambda`` on every move (a placed person whose post changes), the best plan of
``value - lambda x moves`` is one exact assignment solve (the flow path, :mod:`mutasi_opt.solve.flow`,
with the same tie rule as the plan itself: among equally good plans, fewer moves). Such a plan
with ``m`` moves has the **best value of every plan with at most m moves**: any plan with
``m' <= m`` moves and value ``V'`` has ``V' - lambda m' <= V - lambda m``, so ``V' <= V``. The
points found this way are vertices of the upper concave envelope of "best value for k moves".
Between them, each point's price bounds every number of moves (weak duality: a plan with ``k``
moves is worth at most ``V_i + lambda_i (k - m_i)`` for every point ``i``), so
:meth:`Frontier.upper_bound` is a proven ceiling for ``k`` moves; where two points are neighbours
on the envelope it is the straight line between them. A scenario with ``rules.max_moves: k``
finds the best plan for ``k`` exactly.

Which prices are tried
----------------------
``lambda = 0`` gives the plan without a price (the run's own plan when the round has no side
rules), a price above every pair's value span gives the fewest moves the rules allow (people
who must leave an abolished post or a hard maximum tenure). Between two known points ``a`` and
``b`` the price of the segment, ``floor((V_b - V_a) / (m_b - m_a))`` in integer value units, is
tried next: a plan above the segment is a new vertex, otherwise ``a`` and ``b`` are neighbours
(up to one integer unit of price, 1e-6 in value). The widest gap in moves is split first, until
``output.frontier_points`` solves were made; so the points spread over the range of moves, and
the same inputs always give the same points.

Each solve reads every candidate pair, so on very large rounds the number of solves is capped by
:data:`PAIR_BUDGET` (pairs read in all, at least :data:`MIN_SOLVES` solves): a 2,500-people round
(about 70,000 pairs) makes all 12, a 20,000-people round (4.4 million pairs) 4 (measured in
``docs/defaults.md``). From :data:`NEAR_MIN_PAIRS` pairs a solve starts from the pairs of its
neighbouring points (:func:`~mutasi_opt.solve.near.solve_flow_near`): an optimum of the same
value (among equal plans perhaps another one), proven over every pair, found on a small part of
them.

Points between
--------------
With ``output.frontier_between: k`` (default 0), the ``k`` widest gaps in moves between
neighbouring points get one more point each: the best plan with at most the gap's middle number
of moves, solved with that ``max_moves`` on the side-rule path (LP prices, pruning, CP-SAT) within
the scenario's time limit. Such a point (``method`` ``max_moves``) lies on or below the straight
line; it is ``best_for_moves`` only when proven optimal. They cost a side-rule solve each (seconds
on a city round), hence off by default.

What is not in it
-----------------
Side rules other than ``max_moves`` (``max_unit_outflow_share``, a re-plan's
``max_changes_from_baseline``) are not applied on the frontier:
with them its values are upper bounds, and :attr:`Frontier.relaxed` names them. ``max_moves``
is what the frontier is about: the chosen plan is marked where it lies.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.plan.measures import Measures, plan_measures
from mutasi_opt.problem import Problem
from mutasi_opt.scenario import SolverSettings
from mutasi_opt.scoring import VALUE_SCALE
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.flow import choose_method, solve_flow
from mutasi_opt.solve.near import best_pairs, solve_flow_near

__all__ = [
    "FRONTIER_COLUMNS",
    "Frontier",
    "FrontierPoint",
    "compute_frontier",
    "empty_frontier_frame",
]

FRONTIER_COLUMNS: tuple[str, ...] = (
    "moves", "moves_share", "placements", "value", "move_price", "fit_mean", "jpm_mean",
    "fit_lowering_moves", "wishes_honoured", "priority_seats_filled", "best_for_moves", "chosen",
    "method",
)  # fmt: skip
"""Columns of ``frontier.csv`` (:meth:`Frontier.to_frame`); ``method`` is ``move_price`` (a
vertex), ``max_moves`` (a point between) or ``plan`` (the chosen plan off the points)."""

Int64Array = npt.NDArray[np.int64]

PAIR_BUDGET = 12_000_000
"""Candidate pairs the frontier's solves may read in all (above it, fewer solves)."""
MIN_SOLVES = 4
"""Solves made whatever the round's size (the two ends and two between), when asked for."""
NEAR_BEST = 16
"""Best pairs of each person without a current post in a priced solve's first pairs."""
NEAR_MIN_PAIRS = 1_000_000
"""From this many pairs each solve after the first starts from its neighbouring points' pairs
(:func:`~mutasi_opt.solve.near.solve_flow_near`; measured at 100,000 people: 1-4 s instead
of 9 s per solve), when the flow on every pair would be the min-cost flow (capacities, must-fill
posts). Below it, and for the SciPy codes (0.04 s on a complete 1,500 x 1,500 round, where the
start cost 0.45 s more), the flow on every pair is as fast and the points are those of the
flow's own choice among equal plans, as before."""


_METHODS = {"exact": "move_price", "max_moves": "max_moves", "chosen": "plan"}
PRICE_SLACK = 1e-6
"""Per move: the float rounding a priced value may carry (values and prices to 1e-6)."""


def empty_frontier_frame() -> pd.DataFrame:
    """A ``frontier.csv`` frame with its columns and no rows."""
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in FRONTIER_COLUMNS})


@dataclass(frozen=True)
class FrontierPoint:
    """One plan on (or, for the chosen plan, below) the frontier.

    Attributes
    ----------
    moves
        Placed people whose post changes.
    value
        The plan's objective (the sum of pair values, without the move price).
    move_price
        The price per move (value units) that made this plan the best; ``None`` for a chosen
        plan that is not a vertex.
    measures
        The plan's figures (:class:`~mutasi_opt.plan.measures.Measures`).
    kind
        ``"exact"``: a vertex, the best value of every plan with at most this many moves;
        ``"max_moves"``: a point between, solved with ``rules.max_moves`` (proven when
        ``best_for_moves``); ``"chosen"``: the run's plan where it is no point (side rules bind).
    chosen
        This is the run's plan.
    """

    moves: int
    value: float
    move_price: float | None
    measures: Measures
    kind: str
    chosen: bool = False
    value_int: int | None = None
    proven: bool = True
    """The point is the best value of every plan with at most its moves."""
    """The plan's value in the solvers' integer scale (``None`` for a chosen plan off the
    frontier)."""


@dataclass(frozen=True)
class Frontier:
    """The frontier's points, fewest moves first.

    Attributes
    ----------
    points
        The plans found, by moves (then value).
    relaxed
        Scenario keys of side rules the frontier does not apply (its values are upper bounds
        for the scenario with them).
    solves
        Exact assignment solves made.
    seconds
        Time taken.
    """

    points: tuple[FrontierPoint, ...]
    relaxed: tuple[str, ...]
    solves: int
    seconds: float

    def upper_bound(self, moves: int) -> float | None:
        """A proven ceiling on the value of any plan with at most ``moves`` moves.

        ``min_i (V_i + price_i x (moves - m_i))`` over the points found with a price (weak duality
        of the priced round; the prices are in value units, rounded to 1e-6, which the bound
        allows for). ``None`` without such points.
        """
        bounds = [
            p.value + p.move_price * (moves - p.moves) + PRICE_SLACK * max(p.moves, moves)
            for p in self.points
            if p.kind == "exact" and p.move_price is not None
        ]
        return min(bounds) if bounds else None

    def to_frame(self) -> pd.DataFrame:
        """The points as ``frontier.csv`` writes them (:data:`FRONTIER_COLUMNS`)."""
        rows: list[dict[str, Any]] = []
        for p in self.points:
            m = p.measures
            rows.append(
                {
                    "moves": p.moves,
                    "moves_share": round(m.moves_share, 4),
                    "placements": m.placements,
                    "value": round(p.value, 6),
                    "move_price": None if p.move_price is None else round(p.move_price, 6),
                    "fit_mean": None if m.fit_mean_after is None else round(m.fit_mean_after, 4),
                    "jpm_mean": None if m.jpm_mean_after is None else round(m.jpm_mean_after, 2),
                    "fit_lowering_moves": m.fit_lowering_moves,
                    "wishes_honoured": m.wishes_honoured,
                    "priority_seats_filled": m.priority_seats_filled,
                    "best_for_moves": p.kind != "chosen" and p.proven,
                    "chosen": p.chosen,
                    "method": _METHODS[p.kind],
                }
            )
        return pd.DataFrame(rows, columns=list(FRONTIER_COLUMNS))

    def __repr__(self) -> str:
        span = f"{self.points[0].moves}-{self.points[-1].moves}" if self.points else "-"
        return f"Frontier(points={len(self.points)}, moves={span}, solves={self.solves})"


@dataclass(frozen=True)
class _Solved:
    moves: int
    value_int: int
    value: float
    """The float sum of the pairs' values (what the plan's objective reports)."""
    price: int
    assignment: Int64Array


class _Pricer:
    """Exact solves of the round with a price on every move (integer value units)."""

    def __init__(self, problem: Problem) -> None:
        pairs = problem.pairs
        cur = np.asarray(problem.instance.current_post, dtype=np.int64)
        self.problem = problem
        self.value_int = pairs.value_int.astype(np.int64)
        self.value = pairs.value
        self.moved = (cur[pairs.person] >= 0) & ~pairs.is_current
        self.post = pairs.post.astype(np.int64)
        # The plan's own tie rule: among equally good plans, the one that keeps more people.
        self.factor = problem.n_people + 1
        self.stay = pairs.is_current.astype(np.int64)
        self.solves = 0
        self._start: npt.NDArray[np.bool_] | None = None

    @property
    def start(self) -> npt.NDArray[np.bool_]:
        """The pairs every priced solve starts from: each current post, and the
        :data:`NEAR_BEST` best pairs of each person without one (who must be placed)."""
        if self._start is None:
            self._start = best_pairs(self.problem.instance, self.value_int, 0, NEAR_BEST)
        return self._start

    def solve(self, price: int, near: tuple[_Solved, ...] = ()) -> _Solved | None:
        """The best plan at ``price`` per move; from ``near`` plans' pairs on large rounds."""
        # (value_int - price * moved) * factor + stay, in place: one array of the pairs' size,
        # not five (fresh pages of millions of pairs each cost more than the arithmetic).
        weights = self.moved.astype(np.int64)
        weights *= -price
        weights += self.value_int
        weights *= self.factor
        weights += self.stay
        self.solves += 1
        instance = self.problem.instance
        slow = len(instance.pairs) >= NEAR_MIN_PAIRS and choose_method(instance, weights) == (
            "min_cost_flow"
        )
        if near and slow:
            # Exact whatever the start (solve_flow_near proves it over every pair); the
            # neighbouring points' pairs, every current post and the best pairs of those who
            # must be placed hold all but a few of the pairs an optimum at this price uses.
            keep = self.start.copy()
            for plan in near:
                keep[instance.pair_index(np.arange(self.problem.n_people), plan.assignment)] = True
            flow = solve_flow_near(instance, weights, keep)
        else:
            flow = solve_flow(instance, weights)
        if not flow.feasible or flow.pair is None:
            return None
        pair = np.asarray(flow.pair, dtype=np.int64)
        return _Solved(
            moves=int(self.moved[pair].sum()),
            value_int=int(self.value_int[pair].sum()),
            value=float(self.value[pair].sum()),
            price=price,
            assignment=self.post[pair],
        )

    def given(self, assignment: npt.ArrayLike | None) -> _Solved | None:
        """The plan ``assignment`` as the point of price 0 (``None`` if it is not a plan)."""
        if assignment is None:
            return None
        plan = np.asarray(assignment, dtype=np.int64)
        pair = self.problem.instance.pair_index(np.arange(self.problem.n_people), plan)
        if (pair < 0).any():
            return None
        return _Solved(
            moves=int(self.moved[pair].sum()),
            value_int=int(self.value_int[pair].sum()),
            value=float(self.value[pair].sum()),
            price=0,
            assignment=plan,
        )


def _price_between(a: _Solved, b: _Solved) -> int:
    """The integer price at which ``a`` (fewer moves) and ``b`` are worth about the same."""
    return max(0, (b.value_int - a.value_int) // (b.moves - a.moves))


def compute_frontier(
    problem: Problem,
    assignment: npt.ArrayLike | None = None,
    *,
    max_solves: int = 12,
    between: int = 0,
    settings: SolverSettings | None = None,
) -> Frontier:
    """The frontier of a round, with the run's plan marked.

    Parameters
    ----------
    problem
        A problem made by :func:`~mutasi_opt.problem.build_problem`.
    assignment
        The run's plan (post index per person), marked ``chosen``; ``None``: none marked.
    max_solves
        Exact solves to make at most (two of them for the ends); 0: no frontier. Large rounds make
        fewer (:data:`PAIR_BUDGET`).
    between
        Points to add between the widest gaps, each by a side-rule solve with ``max_moves``.
    settings
        Solver settings of those solves (time limit, workers, seed); default the scenario's.

    Returns
    -------
    Frontier
        Empty (no points) when ``max_solves`` is 0 or the round without side rules has no plan.
    """
    start = time.perf_counter()
    relaxed = (
        ("rules.max_unit_outflow_share",) if problem.instance.unit_outflow_cap is not None else ()
    ) + (("rules.max_changes_from_baseline",) if problem.instance.distance else ())
    if max_solves <= 0 or problem.n_people == 0:
        return Frontier((), relaxed, 0, time.perf_counter() - start)
    pairs = max(len(problem.pairs), 1)
    max_solves = min(max_solves, max(MIN_SOLVES, PAIR_BUDGET // pairs))
    pricer = _Pricer(problem)
    # Without side rules the run's own plan is optimal at price 0: one solve saved.
    most = pricer.given(assignment) if not problem.instance.has_side_rules else None
    if most is None:
        most = pricer.solve(0)
    if most is None:
        return Frontier((), relaxed, pricer.solves, time.perf_counter() - start)
    span = int(pricer.value_int.max() - pricer.value_int.min()) if len(problem.pairs) else 0
    found: dict[int, _Solved] = {most.moves: most}
    if max_solves > 1:
        fewest = pricer.solve(span + 1, (most,))
        if fewest is not None:
            found.setdefault(fewest.moves, fewest)
    # Neighbours on the envelope: no plan lies above the segment between them.
    settled: set[tuple[int, int]] = set()
    while pricer.solves < max_solves:
        ordered = sorted(found.values(), key=lambda s: s.moves)
        gaps = [
            (b.moves - a.moves, -a.moves, a, b)
            for a, b in itertools.pairwise(ordered)
            if b.moves - a.moves > 1 and (a.moves, b.moves) not in settled
        ]
        if not gaps:
            break
        _, _, a, b = max(gaps, key=lambda g: (g[0], g[1]))
        middle = pricer.solve(_price_between(a, b), (a, b))
        if middle is not None and a.moves < middle.moves < b.moves:
            found[middle.moves] = middle
        else:
            settled.add((a.moves, b.moves))
    points = [_point(problem, s, "exact") for s in sorted(found.values(), key=lambda s: s.moves)]
    points = _between(problem, points, between, settings or problem.scenario.solver)
    points = _with_chosen(problem, points, assignment)
    return Frontier(tuple(points), relaxed, pricer.solves, time.perf_counter() - start)


def _point(problem: Problem, solved: _Solved, kind: str) -> FrontierPoint:
    return FrontierPoint(
        moves=solved.moves,
        value=solved.value,
        move_price=solved.price / VALUE_SCALE,
        measures=plan_measures(problem, solved.assignment),
        kind=kind,
        value_int=solved.value_int,
    )


def _between(
    problem: Problem, points: list[FrontierPoint], count: int, settings: SolverSettings
) -> list[FrontierPoint]:
    """Add the best plan with at most the middle number of moves of the ``count`` widest gaps."""
    gaps = sorted(
        ((b.moves - a.moves, -a.moves, (a.moves + b.moves) // 2)
         for a, b in itertools.pairwise(points) if b.moves - a.moves > 1),
        reverse=True,
    )[:count]  # fmt: skip
    if not gaps:
        return points
    # The frontier's round: no side rule but the limit on moves.
    base = dataclasses.replace(problem.instance, unit_outflow_cap=None, distance=())
    added = []
    for _, _, limit in gaps:
        result = solve(dataclasses.replace(base, max_moves=limit), settings)
        if result.assignment is None or result.objective is None:
            continue
        plan = np.asarray(result.assignment, dtype=np.int64)
        measures = plan_measures(problem, plan)
        added.append(
            FrontierPoint(
                moves=measures.moves,
                value=float(result.objective),
                move_price=None,
                measures=measures,
                kind="max_moves",
                value_int=result.objective_int,
                proven=result.status is Status.OPTIMAL,
            )
        )
    known = {(p.moves, p.value_int) for p in points}
    fresh = [p for p in added if (p.moves, p.value_int) not in known]
    return sorted([*points, *fresh], key=lambda p: (p.moves, p.value))


def _with_chosen(
    problem: Problem, points: list[FrontierPoint], assignment: npt.ArrayLike | None
) -> list[FrontierPoint]:
    """Mark the run's plan: the vertex with its moves and value, or a point of its own."""
    if assignment is None:
        return points
    plan = np.asarray(assignment, dtype=np.int64)
    index = problem.instance.pair_index(np.arange(problem.n_people), plan)
    if (index < 0).any():
        return points
    value = float(problem.pairs.value[index].sum())
    measures = plan_measures(problem, plan)
    for k, p in enumerate(points):
        # Plans are compared on the integer values every solver optimises.
        if p.moves == measures.moves and p.value_int == int(problem.pairs.value_int[index].sum()):
            points[k] = dataclasses.replace(p, chosen=True)
            return points
    chosen = FrontierPoint(measures.moves, value, None, measures, "chosen", True)
    return sorted([*points, chosen], key=lambda p: (p.moves, p.value))
