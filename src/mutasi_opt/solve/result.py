"""The typed outcome of a solve: status, plan, objective, proven bound, gap, timings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt


class Status(StrEnum):
    """How a solve ended (the ``status`` of ``summary.json``)."""

    OPTIMAL = "optimal"
    """A plan proven optimal (within ``solver.relative_gap``)."""
    FEASIBLE = "feasible"
    """A plan that satisfies every rule, optimality not proven within the time limit."""
    INFEASIBLE = "infeasible"
    """Proven: no plan satisfies the rules; see ``conflicts``."""
    NO_SOLUTION = "no_solution"
    """No plan found within the time limit, and infeasibility not proven."""


@dataclass(frozen=True)
class Conflict:
    """One reason the rules cannot all hold (an element of an infeasibility explanation).

    Attributes
    ----------
    families
        The smallest set of rule families found in conflict (reason codes such as
        ``"min_tenure"``, ``"rank_range"``, ``"capacity"``, ``"max_moves"``).
    message
        A sentence naming the people or posts involved.
    nips, position_ids
        The people and posts involved.
    """

    families: tuple[str, ...]
    message: str
    nips: tuple[str, ...] = ()
    position_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``summary.json``."""
        return {
            "families": list(self.families),
            "message": self.message,
            "nips": list(self.nips),
            "position_ids": list(self.position_ids),
        }


@dataclass(frozen=True, eq=False)
class Result:
    """What :func:`mutasi_opt.solve.solve` returns; infeasible and timed-out runs included.

    Attributes
    ----------
    status
        See :class:`Status`.
    backend
        ``"flow"`` or ``"cpsat"``: the algorithm that produced the plan.
    assignment
        Post index per person (length ``n_people``), or ``None`` without a plan.
    objective
        Sum of the (float) values of the chosen pairs, or ``None``.
    objective_int
        The same in the integer scale every solver optimises.
    bound
        Proven upper bound on the objective (float), or ``None``.
    gap
        ``(bound - objective) / max(1, |objective|)``, or ``None``.
    timings
        Seconds per phase (e.g. ``relax``, ``prune``, ``cpsat``).
    conflicts
        The explanation when infeasible.
    stats
        Counts: pairs in the model, pairs fixed by reduced cost, iterations, ...
    """

    status: Status
    backend: str
    assignment: npt.NDArray[np.int32] | None
    objective: float | None
    objective_int: int | None
    bound: float | None
    gap: float | None
    timings: dict[str, float] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def has_plan(self) -> bool:
        """True when there is an assignment (optimal or feasible)."""
        return self.assignment is not None

    def summary(self) -> str:
        """One aligned line: status, objective, bound, gap, backend."""
        obj = "-" if self.objective is None else f"{self.objective:.4f}"
        bnd = "-" if self.bound is None else f"{self.bound:.4f}"
        gap = "-" if self.gap is None else f"{self.gap:.2%}"
        return f"status={self.status.value} objective={obj} bound={bnd} gap={gap} backend={self.backend}"

    def __repr__(self) -> str:
        return f"Result({self.summary()})"
