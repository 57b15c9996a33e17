"""Build and solve the CP-SAT model of a round with side rules, on a given set of kept pairs.

Parameters were chosen by measurement (``benchmarks/``; docs/solver.md, "Measurements before the
solver was written"):

- presolve off: with it on, CP-SAT spent its whole time limit on pruned Sibolga-size models that it
  proves optimal in under a second with it off;
- the full-LP worker first (``max_lp``, linearization level 2), then ``default_lp``: on the pruned
  models the full LP relaxation closes the gap at the root, where the default worker alone took
  13 s (2,500 people) or did not finish in 60 s (a round with tight unit caps);
- ``presolve_inclusion_work_limit: 0`` against the OR-Tools 9.15 presolve bug
  (google/or-tools #5293), should presolve ever be turned back on;
- the scenario's seed, worker count and relative gap, and the time left in the solve phase.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
from ortools.sat.python import cp_model

from mutasi_opt.arrays import Int64Array
from mutasi_opt.instance import Instance
from mutasi_opt.interrupt import solve_cpsat
from mutasi_opt.solve.cpsat.constraints import Constraints
from mutasi_opt.solve.cpsat.objective import (
    fixed_part,
    keep_value_maximise_stayers,
    maximise_stayers,
    maximise_value,
    value_expr,
)
from mutasi_opt.solve.cpsat.variables import make_variables
from mutasi_opt.solve.side_rows import Index, SideRows
from mutasi_opt.solve.ties import tie_broken_weights

__all__ = ["CpSatOutcome", "Face", "SideModel", "solve_side_model", "solve_tie_stage"]

OutcomeStatus = Literal["optimal", "feasible", "infeasible", "unknown"]


ProgressFn = Callable[[float | None, float | None], None]
"""Told ``(objective, bound)`` as the search improves them (integer units inside the solver);
``None`` for the one that did not change."""


class _Progress(cp_model.CpSolverSolutionCallback):
    """Hands CP-SAT's incumbent and bound, in ``value_int`` units, to a progress function."""

    def __init__(self, report: ProgressFn, offset: int) -> None:
        super().__init__()
        self._report = report
        self._offset = offset

    def on_solution_callback(self) -> None:
        self._report(self.objective_value + self._offset, self.best_objective_bound + self._offset)


@dataclass(frozen=True, eq=False)
class CpSatOutcome:
    """What one CP-SAT solve on the kept pairs gave.

    Attributes
    ----------
    status
        ``optimal`` / ``feasible`` / ``infeasible`` (on the kept pairs) / ``unknown`` (no plan
        within the time limit).
    pair
        Per person, the chosen pair index (``None`` without a plan).
    objective, bound
        Of the model's objective (``sum weights``, fixed pairs included), integers.
    seconds
        Wall time of the solve.
    variables, fixed
        Open pairs (booleans) and fixed pairs in the model.
    """

    status: OutcomeStatus
    pair: Index | None
    objective: int | None
    bound: int | None
    seconds: float
    variables: int
    fixed: int


class SideModel:
    """The CP-SAT model over ``kept`` pairs.

    Parameters
    ----------
    instance, rows
        The instance and its side-rule coefficients.
    kept
        Sorted pair indices allowed in the plan.
    guards
        Optional assumption literal per family (see :mod:`.constraints`); created by the caller
        on :attr:`model`.
    """

    def __init__(
        self,
        instance: Instance,
        rows: SideRows,
        kept: Index,
        *,
        model: cp_model.CpModel | None = None,
        guards: Mapping[str, cp_model.IntVar] | None = None,
    ) -> None:
        self.instance, self.rows = instance, rows
        self.model = model if model is not None else cp_model.CpModel()
        self.vars = make_variables(self.model, instance, np.asarray(kept, dtype=np.int64))
        Constraints(self.model, instance, rows, self.vars, guards).add_all()

    def hint(self, pair_of_person: Index) -> None:
        """Hint a plan (one pair index per person; pairs not kept are ignored)."""
        chosen = np.zeros(len(self.instance.pairs), dtype=bool)
        chosen[pair_of_person[pair_of_person >= 0]] = True
        for x, on in zip(self.vars.x, chosen[self.vars.pair].tolist(), strict=True):
            self.model.add_hint(x, on)

    def solve(
        self,
        *,
        time_limit: float,
        workers: int,
        seed: int,
        relative_gap: float = 0.0,
        progress: ProgressFn | None = None,
        offset: int = 0,
    ) -> tuple[OutcomeStatus, Index | None, float, float]:
        """Solve the model as built; returns (status, pair per person, objective, bound).

        A ``time_limit`` at or below zero (the time already spent building) still gives CP-SAT a
        hundredth of a second, enough to check a hint.

        ``progress(objective, bound)`` hears of every improving plan, and ``progress(None,
        bound)`` of every tighter bound, in ``value_int`` units (``offset`` adds the part of the
        objective fixed outside the model).
        """
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = max(1, workers)
        if workers <= 1:
            params.linearization_level = 2
        elif workers == 2:
            params.subsolvers.extend(["max_lp", "default_lp"])
        params.random_seed = seed
        params.max_time_in_seconds = max(0.01, time_limit)
        params.relative_gap_limit = relative_gap
        params.cp_model_presolve = False
        params.presolve_inclusion_work_limit = 0
        params.log_search_progress = False
        callback = None if progress is None else _Progress(progress, offset)
        if progress is not None:
            report = progress

            # The bound also moves between plans; without this the display shows a stale one.
            def bound_moved(bound: float) -> None:
                report(None, bound + offset)

            solver.best_bound_callback = bound_moved
        code = solve_cpsat(solver, self.model, callback)
        if code == cp_model.MODEL_INVALID:
            raise RuntimeError(f"CP-SAT says the model is invalid: {self.model.validate()} (a bug)")
        status: OutcomeStatus = {
            cp_model.OPTIMAL: "optimal",
            cp_model.FEASIBLE: "feasible",
            cp_model.INFEASIBLE: "infeasible",
        }.get(code, "unknown")  # type: ignore[assignment]
        if status in ("infeasible", "unknown"):
            return status, None, float("nan"), float(solver.best_objective_bound)
        values = np.asarray(solver.response_proto.solution, dtype=np.int8)
        k = len(self.vars.x)
        on = values[self.vars.first_index : self.vars.first_index + k].astype(bool)
        chosen = np.concatenate([self.vars.pair[on], self.vars.fixed])
        pair = np.full(self.instance.n_people, -1, dtype=np.int64)
        pair[self.instance.pairs.person[chosen]] = chosen
        return status, pair, float(solver.objective_value), float(solver.best_objective_bound)


def solve_side_model(
    instance: Instance,
    rows: SideRows,
    kept: Index,
    weights: Int64Array,
    *,
    time_limit: float,
    workers: int,
    seed: int,
    relative_gap: float = 0.0,
    hint: Index | None = None,
    progress: ProgressFn | None = None,
    upper: int | None = None,
) -> CpSatOutcome:
    """Maximise ``sum weights`` over plans made of ``kept`` pairs (stage 1).

    Parameters
    ----------
    instance, rows
        The instance and its side-rule coefficients.
    kept
        Sorted pair indices allowed.
    weights
        Integer weight per pair (``value_int``).
    time_limit, workers, seed, relative_gap
        CP-SAT limits and parameters.
    hint
        A plan to start from (pair index per person, ``-1`` for none).
    progress
        Told ``(objective, bound)`` in ``value_int`` units whenever CP-SAT improves its plan.
    upper
        A bound proven on every plan of the round (an LP's): added as a constraint, it lets
        CP-SAT stop as soon as a plan reaches it.
    """
    t0 = time.perf_counter()
    sm = SideModel(instance, rows, kept)
    maximise_value(sm.model, sm.vars, weights)
    if upper is not None:
        sm.model.add(value_expr(sm.vars, weights) <= upper - fixed_part(sm.vars, weights))
    if hint is not None:
        sm.hint(hint)
    const = fixed_part(sm.vars, weights)
    status, pair, _, bound = sm.solve(
        time_limit=time_limit - (time.perf_counter() - t0),  # building counts against the limit
        workers=workers,
        seed=seed,
        relative_gap=relative_gap,
        progress=progress,
        offset=const,
    )
    objective = None if pair is None else int(weights[pair].sum())
    bnd = None if not np.isfinite(bound) else int(np.floor(bound + 1e-6)) + const
    if status == "infeasible":
        bnd = None
    return CpSatOutcome(
        status,
        pair,
        objective,
        bnd,
        time.perf_counter() - t0,
        len(sm.vars.x),
        int(sm.vars.fixed.size),
    )


@dataclass(frozen=True, eq=False)
class Face:
    """The rows an optimal plan must hold with equality (positive LP prices; see :mod:`.side_rules`)."""

    posts: Index
    fill_posts: Index
    moves: bool
    units: Index
    distance: Index | None = None


def solve_tie_stage(
    instance: Instance,
    rows: SideRows,
    kept: Index,
    weights: Int64Array,
    target: int,
    *,
    time_limit: float,
    seed: int,
    face: Face | None = None,
) -> CpSatOutcome:
    """Among plans of ``kept`` worth at least ``target``, keep the most people in place (stage 2).

    Without ``face``, CP-SAT maximises ``value_int * (n + 1) + stayers`` (the tie rule's weights,
    :func:`~mutasi_opt.solve.ties.tie_broken_weights`): measured 3.5 times faster than keeping
    ``value >= target`` as a constraint and maximising stayers (when those weights would not stay
    exact in float64, that slower form is used). With ``face`` (the LP bound is attained, so the
    optimal plans are exactly the plans of the kept pairs that hold the face's rows with
    equality), the equalities replace the value altogether. Runs with one search worker and no
    hint, so that its plan depends only on the inputs and the seed (see :mod:`mutasi_opt.solve.ties`).
    """
    t0 = time.perf_counter()
    sm = SideModel(instance, rows, kept)
    if face is not None:
        Constraints(sm.model, instance, rows, sm.vars).tight(
            face.posts, face.fill_posts, face.moves, face.units, face.distance
        )
        maximise_stayers(sm.model, instance, sm.vars)
    else:
        tie_weights, factor = tie_broken_weights(instance)
        if factor > 1:
            maximise_value(sm.model, sm.vars, tie_weights)
        else:
            keep_value_maximise_stayers(sm.model, instance, sm.vars, weights, target)
    status, pair, _, _ = sm.solve(
        time_limit=time_limit - (time.perf_counter() - t0), workers=1, seed=seed
    )
    objective = None if pair is None else int(weights[pair].sum())
    return CpSatOutcome(
        status,
        pair,
        objective,
        None,
        time.perf_counter() - t0,
        len(sm.vars.x),
        int(sm.vars.fixed.size),
    )
