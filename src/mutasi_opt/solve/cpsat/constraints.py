"""The rules as CP-SAT constraints: one method per rule family, called in a fixed order.

Rules that act on single pairs are already in the candidate pairs or in their values when the
model is built: hard eligibility rules (``max_tenure_hard`` included) removed the pairs they
forbid, and ``refusals: soft`` and ``rank_range: soft`` are penalties inside ``value``. What remains
couples pairs: one post per person, capacities, must-fill posts, ``max_moves``, the unit
outflow caps, and the distance rules (the re-plan's ``max_changes``, an alternative's no-good;
each its own family, named after the rule).

Each family may be *guarded* by an assumption literal (``guards[family]``): the family then holds
only when its literal is true, which is how :mod:`mutasi_opt.solve.infeasibility` finds the smallest
set of families in conflict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from ortools.sat.python import cp_model

from mutasi_opt.instance import Instance
from mutasi_opt.solve.cpsat.variables import Variables
from mutasi_opt.solve.side_rows import SideRows

__all__ = ["FAMILIES", "Constraints"]

FAMILIES = ("capacity", "must_fill", "max_moves", "unit_outflow")
"""The families of rules that couple pairs (guardable), in the order they are added; then one
family per distance rule, named after it (:attr:`mutasi_opt.instance.PlanDistance.name`)."""


class Constraints:
    """Adds the coupling rules of ``instance`` to ``model`` over the variables ``vars``."""

    def __init__(
        self,
        model: cp_model.CpModel,
        instance: Instance,
        rows: SideRows,
        variables: Variables,
        guards: Mapping[str, cp_model.IntVar] | None = None,
    ) -> None:
        self.model, self.instance, self.rows, self.vars = model, instance, rows, variables
        self.guards = dict(guards or {})
        pairs = instance.pairs
        self.person = pairs.person[variables.pair]
        self.post = pairs.post[variables.pair]
        self.fixed_post = pairs.post[variables.fixed]

    def add_all(self) -> None:
        """Every family, in the order of :data:`FAMILIES` (after one post per person)."""
        self.one_post_per_person()
        self.capacity()
        self.must_fill()
        self.max_moves()
        self.unit_outflow()
        self.plan_distance()

    def tight(self, posts: npt.NDArray[np.integer], fill_posts: npt.NDArray[np.integer], moves: bool,
              units: npt.NDArray[np.integer], distance: npt.NDArray[np.integer] | None = None) -> None:  # fmt: skip
        """Rows with a positive LP price hold with equality (the LP's optimal face, tie stage).

        ``posts`` full to capacity, ``fill_posts`` held by exactly one person, ``max_moves`` used
        up when ``moves``, each unit of ``units`` at its outflow cap, and each distance row of
        ``distance`` at its limit.
        """
        m = self.instance.n_posts
        fixed_load = np.bincount(self.fixed_post, minlength=m)
        by_post = dict(zip(*self.vars.groups(self.post), strict=True))
        for j, target in [(int(j), int(self.instance.capacity[j])) for j in posts] + [
            (int(j), 1) for j in fill_posts
        ]:
            xs = by_post.get(j, [])
            self.model.add(cp_model.LinearExpr.sum(xs) == target - int(fixed_load[j]))
        if moves and self.rows.max_moves is not None:
            moving = np.flatnonzero(self.rows.moves[self.vars.pair])
            fixed = int(self.rows.moves[self.vars.fixed].sum())
            xs = [self.vars.x[k] for k in moving.tolist()]
            self.model.add(cp_model.LinearExpr.sum(xs) == self.rows.max_moves - fixed)
        if self.rows.outflow_cap is not None and len(units):
            leave = self.rows.leave_unit[self.vars.pair]
            fixed_leave = self.rows.leave_unit[self.vars.fixed]
            rhs = self.rows.outflow_cap - np.bincount(
                fixed_leave[fixed_leave >= 0], minlength=self.rows.outflow_cap.shape[0]
            )
            where = np.flatnonzero(leave >= 0)
            by_unit = dict(zip(*self.vars.groups(leave[where], where), strict=True))
            for u in np.asarray(units).tolist():
                self.model.add(cp_model.LinearExpr.sum(by_unit.get(u, [])) == int(rhs[u]))
        for r in [] if distance is None else np.asarray(distance).tolist():
            row = self.rows.distance[r]
            counting = np.flatnonzero(row.counts[self.vars.pair])
            fixed = int(row.counts[self.vars.fixed].sum())
            xs = [self.vars.x[k] for k in counting.tolist()]
            self.model.add(cp_model.LinearExpr.sum(xs) == row.limit - fixed)

    # -- helpers -------------------------------------------------------------------------------
    def _enforce(self, ct: cp_model.Constraint, family: str) -> None:
        guard = self.guards.get(family)
        if guard is not None:
            ct.only_enforce_if(guard)

    def _at_most(self, xs: Sequence[cp_model.IntVar], rhs: int, family: str) -> None:
        if rhs >= len(xs):
            return  # cannot bind
        if not xs or rhs < 0:
            self._enforce(
                self.model.add_bool_or([]), family
            )  # false: fixed pairs already exceed it
        elif rhs == 1:
            self._enforce(self.model.add_at_most_one(xs), family)
        else:
            self._enforce(self.model.add(cp_model.LinearExpr.sum(list(xs)) <= rhs), family)

    # -- families ------------------------------------------------------------------------------
    def one_post_per_person(self) -> None:
        """Each person whose post is open takes exactly one of their kept pairs."""
        _, groups = self.vars.groups(self.person)
        for xs in groups:
            self.model.add_exactly_one(xs)
        covered = np.zeros(self.instance.n_people, dtype=bool)
        covered[self.person] = True
        covered[self.instance.pairs.person[self.vars.fixed]] = True
        if not covered.all():
            self.model.add_bool_or([])  # someone has no kept pair: no plan on these pairs

    def capacity(self) -> None:
        """No post holds more people than its capacity (``capacity``)."""
        m = self.instance.n_posts
        rhs = self.instance.capacity.astype(np.int64) - np.bincount(self.fixed_post, minlength=m)
        posts, groups = self.vars.groups(self.post)
        for j, xs in zip(posts, groups, strict=True):
            self._at_most(xs, int(rhs[j]), "capacity")
        for j in sorted(set(np.flatnonzero(rhs < 0).tolist()) - set(posts)):
            self._at_most([], int(rhs[j]), "capacity")

    def must_fill(self) -> None:
        """Every must-fill post holds at least one person (``must_fill_min_priority``)."""
        need = self.instance.must_fill.copy()
        need[self.fixed_post] = False
        if not need.any():
            return
        posts, groups = self.vars.groups(self.post)
        by_post = dict(zip(posts, groups, strict=True))
        for j in np.flatnonzero(need).tolist():
            self._enforce(self.model.add_bool_or(by_post.get(j, [])), "must_fill")

    def max_moves(self) -> None:
        """At most ``max_moves`` placed people change post (placing unplaced people is free)."""
        if self.rows.max_moves is None:
            return
        moving = np.flatnonzero(self.rows.moves[self.vars.pair])
        fixed = int(self.rows.moves[self.vars.fixed].sum())
        self._at_most(
            [self.vars.x[k] for k in moving.tolist()], self.rows.max_moves - fixed, "max_moves"
        )

    def unit_outflow(self) -> None:
        """Per unit, at most ``unit_outflow_cap[u]`` of its placed people leave for another unit."""
        cap = self.rows.outflow_cap
        if cap is None:
            return
        leave = self.rows.leave_unit[self.vars.pair]
        fixed_leave = self.rows.leave_unit[self.vars.fixed]
        rhs = cap - np.bincount(fixed_leave[fixed_leave >= 0], minlength=cap.shape[0])
        where = np.flatnonzero(leave >= 0)
        units, groups = self.vars.groups(leave[where], where)
        for u, xs in zip(units, groups, strict=True):
            self._at_most(xs, int(rhs[u]), "unit_outflow")
        for u in sorted(set(np.flatnonzero(rhs < 0).tolist()) - set(units)):
            self._at_most([], int(rhs[u]), "unit_outflow")

    def plan_distance(self) -> None:
        """Per distance rule, at most ``limit`` pairs that count against it (family: its name)."""
        for row in self.rows.distance:
            counting = np.flatnonzero(row.counts[self.vars.pair])
            fixed = int(row.counts[self.vars.fixed].sum())
            self._at_most([self.vars.x[k] for k in counting.tolist()], row.limit - fixed, row.name)
