"""Per-pair coefficients of the side rules, shared by the LP, the pruning and the CP-SAT model.

A pair ``(i, j)`` *moves* when person ``i`` is placed (``current_post[i] >= 0``) and ``j`` is not
their current post; people not yet placed never count as moves (placing them is the point of the
round, so ``max_moves`` limits only changes of post). A pair *leaves* unit ``u`` when the person's
current post is in ``u`` and ``j`` is in another unit; those pairs count against
``unit_outflow_cap[u]``. A pair *counts* against a distance rule
(:class:`~mutasi_opt.instance.PlanDistance`: the re-plan's ``max_changes``, an alternative's
no-good) when it places the person differently from (or, for a no-good, as in) the rule's
reference plan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mutasi_opt.arrays import BoolArray, IntArray
from mutasi_opt.instance import Instance

Index = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class SideRows:
    """Which side-rule rows each candidate pair enters.

    Attributes
    ----------
    moves
        Per pair: counts against ``max_moves``.
    leave_unit
        Per pair: the unit it leaves (``-1`` when it stays in its unit or the person is unplaced).
    max_moves
        The limit, or ``None``.
    outflow_cap
        Per unit limit, or ``None``.
    """

    moves: BoolArray
    leave_unit: IntArray
    max_moves: int | None
    outflow_cap: npt.NDArray[np.int64] | None
    distance: tuple[DistanceRow, ...] = ()

    @property
    def any(self) -> bool:
        """True when at least one side rule is set."""
        return self.max_moves is not None or self.outflow_cap is not None or bool(self.distance)

    @property
    def distance_limits(self) -> npt.NDArray[np.int64]:
        """The limit of each distance row, in order."""
        return np.array([d.limit for d in self.distance], dtype=np.int64)

    def capped_units(self) -> Index:
        """Units with an outflow cap, in index order."""
        if self.outflow_cap is None:
            return np.zeros(0, dtype=np.int64)
        return np.arange(self.outflow_cap.shape[0], dtype=np.int64)

    def penalty(
        self,
        lam_moves: float,
        lam_unit: npt.NDArray[np.float64] | None,
        lam_distance: npt.NDArray[np.float64] | None = None,
    ) -> npt.NDArray[np.float64]:
        """Per pair: ``lam_moves * moves + lam_unit[leave_unit] + sum_r lam_distance[r] *
        counts_r`` (the side rows' dual price)."""
        out = np.zeros(self.moves.shape[0], dtype=np.float64)
        if self.max_moves is not None and lam_moves:
            out += lam_moves * self.moves
        if self.outflow_cap is not None and lam_unit is not None:
            leaving = self.leave_unit >= 0
            out[leaving] += lam_unit[self.leave_unit[leaving]]
        if lam_distance is not None:
            for row, lam in zip(self.distance, np.asarray(lam_distance).tolist(), strict=True):
                if lam:
                    out += lam * row.counts
        return out


@dataclass(frozen=True, eq=False)
class DistanceRow:
    """One distance rule's row: which pairs count against it, and its limit."""

    name: str
    counts: BoolArray
    limit: int


def side_rows(instance: Instance) -> SideRows:
    """The side-rule coefficients of every candidate pair of ``instance``."""
    pairs = instance.pairs
    cur = instance.current_post[pairs.person]
    moves = (cur >= 0) & (pairs.post != cur)
    home = instance.person_unit[pairs.person]
    leave = np.where((home >= 0) & (instance.post_unit[pairs.post] != home), home, -1).astype(
        np.int32
    )
    distance = tuple(
        DistanceRow(d.name, d.counts(pairs.person, pairs.post), int(d.limit))
        for d in instance.distance
    )
    return SideRows(
        moves=moves,
        leave_unit=leave,
        max_moves=instance.max_moves,
        outflow_cap=instance.unit_outflow_cap,
        distance=distance,
    )


def side_excess(rows: SideRows, chosen: Index) -> tuple[int, npt.NDArray[np.int64]]:
    """How far the plan ``chosen`` (pair indices) exceeds ``max_moves`` and each unit's cap.

    Returns
    -------
    moves_over, unit_over
        ``max(0, moves - max_moves)`` plus the excess over every distance row, and per unit
        ``max(0, leavers - cap)`` (zeros without the rule).
    """
    moves_over = 0
    if rows.max_moves is not None:
        moves_over = max(0, int(rows.moves[chosen].sum()) - rows.max_moves)
    for row in rows.distance:
        moves_over += max(0, int(row.counts[chosen].sum()) - row.limit)
    if rows.outflow_cap is None:
        return moves_over, np.zeros(0, dtype=np.int64)
    leave = rows.leave_unit[chosen]
    leavers = np.bincount(leave[leave >= 0], minlength=rows.outflow_cap.shape[0])
    return moves_over, np.maximum(leavers - rows.outflow_cap, 0)
