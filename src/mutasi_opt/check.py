"""An independent check of a plan: every rule and the objective recomputed without any solver.

:func:`check_plan` reads only the :class:`~mutasi_opt.instance.Instance` arrays and the plan (one
post per person). It imports nothing from :mod:`mutasi_opt.solve`, so a bug in a solver, in its
pruning or in its model cannot hide here, and it works the same on plans made by other tools
(give position ids, or a NIP -> position_id mapping).

Rules checked (codes of :attr:`Violation.rule`):

``unassigned``
    a person without a post (``-1``, an unknown position id, or missing from a mapping).
``not_candidate``
    a person given a post that is not one of their candidate pairs (a hard rule forbids it).
``capacity``
    a post holding more people than its capacity.
``must_fill``
    a must-fill post left empty.
``max_moves``
    more placed people changing post than ``max_moves`` (unplaced people placed do not count).
``unit_outflow``
    a unit losing more of its placed people to other units than its cap.
a distance rule's name (``max_changes``, ``distinct_from_plan_1``, ...)
    more people placed differently from its reference plan than its limit (for an
    alternative's no-good: more people placed as in the earlier plan), people without a
    reference post not counted (:class:`~mutasi_opt.instance.PlanDistance`).

The objective is recomputed as the sum of the candidate pairs' ``value`` (float) and
``value_int`` (integer) over people whose pair is a candidate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from mutasi_opt.instance import Instance
from mutasi_opt.problem import Problem, instance_of

__all__ = ["CheckReport", "Violation", "assignment_from_ids", "check_plan"]

SHOWN = 10
"""People or posts named in a message before "and N more"."""


@dataclass(frozen=True)
class Violation:
    """One broken rule.

    Attributes
    ----------
    rule
        Code (see the module docstring).
    message
        A sentence naming the people or posts.
    people, posts
        Their indices.
    """

    rule: str
    message: str
    people: tuple[int, ...] = ()
    posts: tuple[int, ...] = ()


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check_plan` found.

    Attributes
    ----------
    violations
        Every broken rule (empty for a valid plan).
    objective, objective_int
        Sum of ``value`` / ``value_int`` over the people whose pair is a candidate.
    moves
        Placed people whose post changes.
    leavers
        Per unit, placed people leaving it for another unit.
    """

    violations: list[Violation] = field(default_factory=list)
    objective: float = 0.0
    objective_int: int = 0
    moves: int = 0
    leavers: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def ok(self) -> bool:
        """True when no rule is broken."""
        return not self.violations

    def rules(self) -> list[str]:
        """Codes of the broken rules, in the order found."""
        return [v.rule for v in self.violations]

    def __str__(self) -> str:
        if self.ok:
            return f"plan valid: objective={self.objective:.6f} ({self.objective_int}), moves={self.moves}"
        return "\n".join(f"{v.rule}: {v.message}" for v in self.violations)


def _names(labels: npt.NDArray[np.object_], idx: npt.NDArray[np.integer]) -> str:
    shown = ", ".join(str(labels[k]) for k in idx[:SHOWN].tolist())
    more = idx.size - SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def assignment_from_ids(
    instance: Instance, plan: Mapping[str, str | None] | npt.ArrayLike
) -> npt.NDArray[np.int64]:
    """Post index per person from position ids (unknown or missing ids give ``-1``).

    Parameters
    ----------
    instance
        The round.
    plan
        ``{nip: position_id}``, or a sequence of position ids in person order.
    """
    index = {str(pid): j for j, pid in enumerate(instance.post_id.tolist())}
    if isinstance(plan, Mapping):
        ids = [plan.get(str(nip)) for nip in instance.nip.tolist()]
    else:
        ids = list(np.asarray(plan, dtype=object).tolist())
    return np.array(
        [index.get(str(pid), -1) if pid is not None else -1 for pid in ids], dtype=np.int64
    )


def check_plan(
    problem: Problem | Instance, assignment: npt.ArrayLike | Mapping[str, str | None]
) -> CheckReport:
    """Recompute every rule and the objective of a plan, without any solver.

    Parameters
    ----------
    problem
        The round (a :class:`~mutasi_opt.problem.Problem` is checked on its instance).
    assignment
        Post index per person (``-1``: none), position ids in person order, or a
        ``{nip: position_id}`` mapping.

    Returns
    -------
    CheckReport
        Every violation, the objective (float and integer), moves and unit leavers.
    """
    instance = instance_of(problem)
    raw = assignment if isinstance(assignment, Mapping) else np.asarray(assignment)
    if isinstance(raw, Mapping) or raw.dtype.kind in "OUS":
        post = assignment_from_ids(instance, raw)
    else:
        post = raw.astype(np.int64)
    n, m = instance.n_people, instance.n_posts
    violations: list[Violation] = []
    if post.shape != (n,):
        return CheckReport(
            [Violation("unassigned", f"the plan has {post.shape[0]} entries for {n} people")]
        )
    nip, pid = instance.nip, instance.post_id

    bad = np.flatnonzero((post < 0) | (post >= m))
    if bad.size:
        violations.append(Violation("unassigned", f"{bad.size} people have no post: NIP {_names(nip, bad)}",
                                    tuple(bad.tolist())))  # fmt: skip
    ok_post = np.where((post >= 0) & (post < m), post, -1)

    # Candidate lookup by sorted (person, post) keys; independent of the solvers' indexing.
    pairs = instance.pairs
    keys = pairs.person.astype(np.int64) * max(m, 1) + pairs.post
    if keys.size < 2 or bool(np.all(keys[1:] > keys[:-1])):
        order, skeys = np.arange(keys.size), keys  # already sorted, as pairs usually are
    else:
        order = np.argsort(keys, kind="stable")
        skeys = keys[order]
    want = np.arange(n, dtype=np.int64) * max(m, 1) + ok_post
    if skeys.size:
        pos = np.minimum(np.searchsorted(skeys, want), skeys.size - 1)
        found = (ok_post >= 0) & (skeys[pos] == want)
        pair_idx = np.where(found, order[pos], -1)
    else:
        found = np.zeros(n, dtype=bool)
        pair_idx = np.full(n, -1, dtype=np.int64)
    outside = np.flatnonzero((ok_post >= 0) & ~found)
    if outside.size:
        detail = "; ".join(f"NIP {nip[i]} -> {pid[ok_post[i]]}" for i in outside[:SHOWN].tolist())
        more = f" and {outside.size - SHOWN} more" if outside.size > SHOWN else ""
        violations.append(Violation("not_candidate", f"{outside.size} people got a post that is not a candidate "
                                    f"for them: {detail}{more}", tuple(outside.tolist())))  # fmt: skip

    placed = ok_post >= 0
    load = np.bincount(ok_post[placed], minlength=m)
    over = np.flatnonzero(load > instance.capacity)
    if over.size:
        detail = "; ".join(
            f"{pid[j]} holds {load[j]} of {instance.capacity[j]}" for j in over[:SHOWN].tolist()
        )
        violations.append(Violation("capacity", f"{over.size} posts over capacity: {detail}", (),
                                    tuple(over.tolist())))  # fmt: skip
    empty = np.flatnonzero(instance.must_fill & (load == 0))
    if empty.size:
        violations.append(Violation("must_fill", f"{empty.size} must-fill posts left empty: {_names(pid, empty)}",
                                    (), tuple(empty.tolist())))  # fmt: skip

    current = instance.current_post
    moved = (current >= 0) & placed & (ok_post != current)
    moves = int(moved.sum())
    if instance.max_moves is not None and moves > instance.max_moves:
        violations.append(Violation("max_moves", f"{moves} people change post, more than max_moves = "
                                    f"{instance.max_moves}", tuple(np.flatnonzero(moved).tolist())))  # fmt: skip
    n_units = len(instance.units)
    home = instance.person_unit
    leaving = (home >= 0) & placed & (instance.post_unit[np.maximum(ok_post, 0)] != home)
    leavers = np.bincount(home[leaving], minlength=n_units).astype(np.int64)
    if instance.unit_outflow_cap is not None:
        for u in np.flatnonzero(leavers > instance.unit_outflow_cap).tolist():
            who = np.flatnonzero(leaving & (home == u))
            violations.append(Violation("unit_outflow", f"{leavers[u]} people leave unit {instance.units[u]}, more "
                                        f"than its cap of {instance.unit_outflow_cap[u]}: NIP {_names(nip, who)}",
                                        tuple(who.tolist())))  # fmt: skip

    for rule in instance.distance:
        ref = np.asarray(rule.reference, dtype=np.int64)
        same = placed & (ok_post == ref)
        counted = (ref >= 0) & placed & (same if rule.same else ~same)
        if int(counted.sum()) > rule.limit:
            how = "as in" if rule.same else "differently from"
            violations.append(Violation(rule.name, f"{int(counted.sum())} people are placed {how} the "
                                        f"reference plan of {rule.name}, more than its limit of "
                                        f"{rule.limit}", tuple(np.flatnonzero(counted).tolist())))  # fmt: skip

    chosen = pair_idx[pair_idx >= 0]
    return CheckReport(
        violations=violations,
        objective=float(pairs.value[chosen].sum()),
        objective_int=int(pairs.value_int[chosen].sum()),
        moves=moves,
        leavers=leavers,
    )
