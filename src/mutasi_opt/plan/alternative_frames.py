"""The alternatives of a run side by side: ``alternatives.csv`` and ``differences.csv``.

``alternatives.csv`` has one row per plan: ``plan-0`` the optimal plan, then each alternative
(:mod:`mutasi_opt.solve.alternatives`) with its value, how far below the optimum it lies (in
value and relative), whether it is proven the best at its distance, how many people it places
differently from the optimal plan and from the nearest earlier plan, and the headline figures of
:mod:`mutasi_opt.plan.measures` (moves, mean fit and JPM, wishes honoured, priority seats filled).
``differences.csv`` lists every person whom the plans do not all place alike, with their post in
each plan: exactly what a panel chooses between.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt.plan.measures import plan_measures
from mutasi_opt.problem import Problem
from mutasi_opt.solve.result import Result, Status

__all__ = ["ALTERNATIVE_COLUMNS", "alternatives_frame", "differences_frame", "plan_label"]

ALTERNATIVE_COLUMNS: tuple[str, ...] = (
    "plan", "status", "proven", "value", "value_below_optimal", "relative_gap_to_optimal",
    "differs_from_optimal", "differs_from_nearest_earlier", "moves", "placements", "fit_mean",
    "jpm_mean", "wishes_honoured", "priority_seats_filled", "folder",
)  # fmt: skip
"""Columns of ``alternatives.csv``."""


def plan_label(k: int) -> str:
    """``plan-0`` (the optimal plan), ``plan-1``, ..."""
    return f"plan-{k}"


def _round(x: float | None, digits: int) -> float | None:
    return None if x is None else round(float(x), digits)


def alternatives_frame(problem: Problem, results: Sequence[Result]) -> pd.DataFrame:
    """One row per plan, the optimal one first (see the module docstring)."""
    rows: list[dict[str, Any]] = []
    plans = [np.asarray(r.assignment, dtype=np.int64) for r in results if r.assignment is not None]
    best = results[0].objective if results and results[0].objective is not None else None
    for k, (result, plan) in enumerate(zip(results, plans, strict=True)):
        m = plan_measures(problem, plan)
        value = result.objective
        below = None if best is None or value is None else best - value
        earlier = [int((plan != q).sum()) for q in plans[:k]]
        rows.append(
            {
                "plan": plan_label(k),
                "status": result.status.value,
                "proven": result.status == Status.OPTIMAL,
                "value": _round(value, 6),
                "value_below_optimal": _round(below, 6),
                "relative_gap_to_optimal": None
                if below is None or best is None
                else round(below / max(1.0, abs(best)), 6),
                "differs_from_optimal": int((plan != plans[0]).sum()),
                "differs_from_nearest_earlier": min(earlier) if earlier else None,
                "moves": m.moves,
                "placements": m.placements,
                "fit_mean": _round(m.fit_mean_after, 4),
                "jpm_mean": _round(m.jpm_mean_after, 2),
                "wishes_honoured": m.wishes_honoured,
                "priority_seats_filled": m.priority_seats_filled,
                "folder": "." if k == 0 else f"alternatives/{plan_label(k)}",
            }
        )
    return pd.DataFrame(rows, columns=list(ALTERNATIVE_COLUMNS))


def differences_frame(problem: Problem, results: Sequence[Result]) -> pd.DataFrame:
    """Every person the plans do not all place alike: their current post and their post in each
    plan (``<plan>.to_position_id``, ``<plan>.to_unit``)."""
    plans = [np.asarray(r.assignment, dtype=np.int64) for r in results if r.assignment is not None]
    post_id = np.asarray(problem.post_id, dtype=object)
    unit = np.asarray(problem.units, dtype=object)[np.asarray(problem.instance.post_unit)]
    cur = np.asarray(problem.instance.current_post, dtype=np.int64)
    names = problem.tables.employees["name"].to_numpy(dtype=object)
    if not plans:
        return pd.DataFrame({"nip": pd.Series(dtype=object)})
    stacked = np.vstack(plans)
    differ = np.flatnonzero((stacked != stacked[0]).any(axis=0))
    frame: dict[str, Any] = {
        "nip": np.asarray(problem.nip, dtype=object)[differ],
        "name": names[differ],
        "from_position_id": np.where(cur[differ] >= 0, post_id[np.maximum(cur[differ], 0)], ""),
    }
    for k, plan in enumerate(plans):
        frame[f"{plan_label(k)}.to_position_id"] = post_id[plan[differ]]
        frame[f"{plan_label(k)}.to_unit"] = unit[plan[differ]]
    return pd.DataFrame(frame)
