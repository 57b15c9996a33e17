"""A re-plan against a previous plan: at most ``N`` people placed differently from it.

The panel rules on a plan and asks for it again; the new plan should change little. The
previous plan (the *baseline*: a run folder's ``assignments.csv``, or a plan in memory) becomes a
reference post per person, and ``rules.max_changes_from_baseline`` (or ``--max-changes N``) a side
rule of the same kind as ``max_moves``: a :class:`~mutasi_opt.instance.PlanDistance` named
``max_changes`` that counts the people whose post differs from their baseline post. It goes
through the same side-rule path as ``max_moves`` (the relaxed flow, the LP prices with one more
row, reduced-cost pruning, CP-SAT, the tie stage) and its price enters the optimality certificate
checked apart from the solver, so the re-plan is the best plan with at most ``N`` changes, proven
(or, stopped by the time limit, with its proven gap).

Who counts: a person the baseline placed (their baseline post is a post of this round) and whom
the new plan places elsewhere. A person the baseline does not name (new in the tables) or whose
baseline post is gone from the positions table has no reference and never counts; the rulings
count like any other change (a ruling that moves someone away from their baseline post uses one
of the ``N``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from mutasi_opt.arrays import IntArray
from mutasi_opt.instance import Instance, PlanDistance

__all__ = ["CHANGES", "baseline_posts", "changes_from", "with_baseline"]

CHANGES = "max_changes"
"""The name of the re-plan's distance rule (its family in checks, certificates, conflicts)."""


def baseline_posts(
    instance: Instance, baseline: Mapping[str, str | None] | npt.ArrayLike
) -> IntArray:
    """The baseline's post index per person of ``instance`` (``-1``: no reference).

    Parameters
    ----------
    instance
        The round to re-plan.
    baseline
        ``{nip: position_id}`` (a run folder's ``assignments.csv``; people and posts this round
        does not know are ignored), or a post index per person of this round.

    Raises
    ------
    ValueError
        An index array of the wrong length or out of range.
    """
    n, m = instance.n_people, instance.n_posts
    if isinstance(baseline, Mapping):
        index = {str(pid): j for j, pid in enumerate(instance.post_id.tolist())}
        out = np.array(
            [index.get(str(baseline.get(str(nip)) or ""), -1) for nip in instance.nip.tolist()],
            dtype=np.int32,
        )
        return out
    posts = np.asarray(baseline, dtype=np.int64)
    if posts.shape != (n,):
        raise ValueError(f"the baseline has shape {posts.shape}, the round {n} people")
    if posts.size and (int(posts.min()) < -1 or int(posts.max()) >= m):
        raise ValueError(f"baseline posts must lie in [-1, {m})")
    return posts.astype(np.int32)


def with_baseline(instance: Instance, reference: npt.ArrayLike, max_changes: int) -> Instance:
    """The round with the side rule "at most ``max_changes`` people placed differently from
    ``reference``" (a post index per person, ``-1``: not counted).

    A distance rule of the same name already on the instance is replaced.
    """
    ref = baseline_posts(instance, reference)
    if max_changes < 0:
        raise ValueError(f"max_changes must be >= 0, not {max_changes}")
    rule = PlanDistance(CHANGES, ref, int(max_changes), same=False)
    others = tuple(d for d in instance.distance if d.name != CHANGES)
    return dataclasses.replace(instance, distance=(*others, rule))


def changes_from(reference: npt.ArrayLike, assignment: npt.ArrayLike) -> int:
    """People placed differently from ``reference`` (those with a reference post only)."""
    ref = np.asarray(reference, dtype=np.int64)
    plan = np.asarray(assignment, dtype=np.int64)
    return int(((ref >= 0) & (plan != ref)).sum())
