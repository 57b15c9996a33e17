"""Re-verification of an infeasibility conflict from the instance's arrays alone.

A conflict (:class:`mutasi_opt.solve.result.Conflict`) claims that a round has no plan and says
why, in a machine-checkable form (``kind`` and the indices involved). :func:`verify_conflict`
recomputes that claim here, without any code of :mod:`mutasi_opt.solve` (neither its flows nor
its CP-SAT model nor its pruning), so a bug there cannot vouch for itself:

- ``no_candidate``: the person has no candidate pair (``pairs.ptr`` and ``pairs.person`` agree);
- ``must_fill_unreachable``: a must-fill post that no candidate pair reaches;
- ``seats``: more people than the capacities add up to;
- ``must_fill_count``: more must-fill posts than people (each person fills one post at most);
- ``hall``: a group of people whose candidate posts, recomputed from the pairs, are the ones
  named and have fewer seats in total than the group has people;
- ``must_fill_hall``: must-fill posts whose possible takers, recomputed from the pairs, are the
  people named and fewer than the posts;
- ``side_rule_count``: placed people who must all move (their current post is not a candidate),
  more than ``max_moves``; or placed people of a unit with no candidate post inside it, more than
  the unit's outflow cap; or people whose post in a distance rule's reference plan is not a
  candidate (they must be placed differently), more than its limit (the re-plan's
  ``max_changes``);
- ``core``: a set of enforced families under which no plan exists, proven by a fresh CP-SAT model
  built in this module (:func:`plain_feasibility`): a boolean per pair allowed under the enforced
  families, one post per person, and only the enforced coupling rules.

Every one of these claims implies on its own that the round has no plan; the sentence and the
family names beside it are explanation, not part of the check (except a core's enforced families,
which define its model).

The definitions are those of the optimisation model (docs/model.md): a pair ``(i, j)`` *moves* when
person ``i`` holds a post and ``j`` is another post, and *leaves* unit ``u`` when ``i``'s current
post is in ``u`` and ``j`` is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
import numpy.typing as npt

from mutasi_opt.instance import Instance
from mutasi_opt.interrupt import solve_cpsat

# CP-SAT is imported where a conflict is checked on the plain model: a round with a plan never
# loads it (0.1 s of start-up).
if TYPE_CHECKING:
    from ortools.sat.python import cp_model

__all__ = [
    "COUPLING",
    "KINDS",
    "PRUNED",
    "ConflictClaim",
    "Feasibility",
    "allowed_pairs",
    "plain_feasibility",
    "verify_conflict",
    "verify_conflicts",
]

KINDS = (
    "no_candidate",
    "must_fill_unreachable",
    "seats",
    "must_fill_count",
    "hall",
    "must_fill_hall",
    "side_rule_count",
    "core",
)
"""The kinds of claims :func:`verify_conflict` knows."""

COUPLING = ("capacity", "must_fill", "max_moves", "unit_outflow")
"""Families of rules that couple pairs (as opposed to eligibility rules on single pairs)."""

PRUNED = "candidates_per_person"
"""Pseudo-family of the pairs every rule allows but ``scoring.candidates_per_person`` left out."""

BLOCK = 1 << 20
"""Pairs of rule masks computed at once when reopening excluded pairs (bounds memory)."""

Index = npt.NDArray[np.int64]


class ConflictClaim(Protocol):
    """What :func:`verify_conflict` reads of a conflict (a structural type, so that this module
    does not import :class:`mutasi_opt.solve.result.Conflict`)."""

    @property
    def kind(self) -> str:
        """See :data:`KINDS`."""
        ...

    @property
    def people(self) -> tuple[int, ...]:
        """Person indices of the claim."""
        ...

    @property
    def posts(self) -> tuple[int, ...]:
        """Post indices of the claim."""
        ...

    @property
    def rule(self) -> str:
        """Side rule of a ``side_rule_count`` claim."""
        ...

    @property
    def unit(self) -> int | None:
        """Unit of a ``unit_outflow`` count."""
        ...

    @property
    def enforced(self) -> tuple[str, ...]:
        """Families that hold in a ``core``."""
        ...

    @property
    def scope(self) -> tuple[int, ...] | None:
        """People whose excluded pairs a relaxed family reopens in a ``core`` (``None``: all)."""
        ...


@dataclass(frozen=True, eq=False)
class Feasibility:
    """The answer of :func:`plain_feasibility`.

    Attributes
    ----------
    status
        ``infeasible`` (proven), ``feasible`` (a plan was found) or ``unknown`` (time limit).
    assignment
        With ``feasible``: the post index of each person in the plan found; otherwise ``None``.
    """

    status: Literal["infeasible", "feasible", "unknown"]
    assignment: npt.NDArray[np.int64] | None = None


def _indices(values: Sequence[int], size: int) -> Index | None:
    """The indices as an array, or ``None`` when one is out of range or repeated."""
    arr = np.asarray(list(values), dtype=np.int64)
    if arr.size and (arr.min() < 0 or arr.max() >= size or np.unique(arr).size != arr.size):
        return None
    return arr


def _pair_counts(instance: Instance) -> Index:
    """Candidate pairs per person, from ``ptr`` where it agrees with ``person`` (else -1)."""
    pairs = instance.pairs
    by_ptr = np.diff(np.asarray(pairs.ptr, dtype=np.int64))
    by_person = np.bincount(np.asarray(pairs.person, dtype=np.int64), minlength=instance.n_people)
    if by_ptr.shape != by_person.shape:
        return np.full(instance.n_people, -1, dtype=np.int64)
    return np.where(by_ptr == by_person, by_ptr, -1)


def _no_candidate(instance: Instance, c: ConflictClaim) -> bool:
    people = _indices(c.people, instance.n_people)
    if people is None or people.size != 1:
        return False
    return bool(_pair_counts(instance)[people[0]] == 0)


def _must_fill_unreachable(instance: Instance, c: ConflictClaim) -> bool:
    posts = _indices(c.posts, instance.n_posts)
    if posts is None or posts.size != 1:
        return False
    j = int(posts[0])
    return bool(instance.must_fill[j]) and not bool(np.any(instance.pairs.post == j))


def _seats(instance: Instance, c: ConflictClaim) -> bool:
    return int(np.asarray(instance.capacity, dtype=np.int64).sum()) < instance.n_people


def _must_fill_count(instance: Instance, c: ConflictClaim) -> bool:
    return int(np.count_nonzero(instance.must_fill)) > instance.n_people


def _hall(instance: Instance, c: ConflictClaim) -> bool:
    people = _indices(c.people, instance.n_people)
    posts = _indices(c.posts, instance.n_posts)
    if people is None or posts is None or people.size == 0:
        return False
    pairs = instance.pairs
    reach = np.unique(pairs.post[np.isin(pairs.person, people)]).astype(np.int64)
    if not np.array_equal(reach, np.sort(posts)):
        return False  # the group's candidate posts are not the ones named
    seats = int(np.asarray(instance.capacity, dtype=np.int64)[reach].sum())
    return seats < people.size


def _must_fill_hall(instance: Instance, c: ConflictClaim) -> bool:
    people = _indices(c.people, instance.n_people)
    posts = _indices(c.posts, instance.n_posts)
    if people is None or posts is None or posts.size == 0:
        return False
    if not bool(np.all(instance.must_fill[posts])):
        return False
    pairs = instance.pairs
    takers = np.unique(pairs.person[np.isin(pairs.post, posts)]).astype(np.int64)
    if not np.array_equal(takers, np.sort(people)):
        return False
    # Each person holds one post, so these posts need as many distinct people.
    return takers.size < posts.size


def _side_rule_count(instance: Instance, c: ConflictClaim) -> bool:
    people = _indices(c.people, instance.n_people)
    if people is None or people.size == 0:
        return False
    pairs = instance.pairs
    current = np.asarray(instance.current_post, dtype=np.int64)
    if c.rule == "max_moves":
        if instance.max_moves is None or not bool(np.all(current[people] >= 0)):
            return False
        keeps = pairs.post == current[pairs.person]
        can_stay = np.isin(people, pairs.person[keeps])
        # Every plan moves each of them, so the plan has at least this many moves.
        return not bool(can_stay.any()) and people.size > instance.max_moves
    if c.rule == "unit_outflow":
        cap = instance.unit_outflow_cap
        u = c.unit
        if cap is None or u is None or not 0 <= u < len(cap):
            return False
        home = np.asarray(instance.person_unit, dtype=np.int64)
        if not bool(np.all((current[people] >= 0) & (home[people] == u))):
            return False
        inside = instance.post_unit[pairs.post] == u
        can_stay = np.isin(people, pairs.person[inside])
        return not bool(can_stay.any()) and people.size > int(cap[u])
    for rule in instance.distance:
        if rule.name != c.rule or rule.same:
            continue
        ref = np.asarray(rule.reference, dtype=np.int64)
        if not bool(np.all(ref[people] >= 0)):
            return False
        keeps = pairs.post == ref[pairs.person]
        can_keep = np.isin(people, pairs.person[keeps])
        return not bool(can_keep.any()) and people.size > int(rule.limit)
    return False


def allowed_pairs(
    instance: Instance, enforced: Sequence[str], scope: Sequence[int] | None
) -> tuple[Index, Index] | None:
    """The pairs a plan may use when only the families ``enforced`` hold (and where).

    Parameters
    ----------
    instance
        The round.
    enforced
        Families that hold; an eligibility rule code or :data:`PRUNED` not among them is relaxed.
    scope
        People whose non-candidate pairs are reopened by the relaxed eligibility families
        (``None``: everyone). Without :attr:`~mutasi_opt.instance.Instance.exclusions` (an
        instance built from values) no pair is reopened.

    Returns
    -------
    (person, post) or None
        The candidate pairs plus the reopened ones (a pair excluded only by relaxed rules, or
        pruned when :data:`PRUNED` is relaxed); ``None`` when ``scope`` is out of range.
    """
    pairs = instance.pairs
    person = np.asarray(pairs.person, dtype=np.int64)
    post = np.asarray(pairs.post, dtype=np.int64)
    n, m = instance.n_people, instance.n_posts
    rules = instance.exclusions
    if rules is None or m == 0:
        return person, post
    who = np.arange(n, dtype=np.int64) if scope is None else _indices(scope, n)
    if who is None:
        return None
    held = set(enforced)
    enforced_bits = np.uint32(sum(1 << b for b, code in enumerate(rules.codes) if code in held))
    pruned_held = PRUNED in held

    keys = person * m + post  # sorted: pairs are sorted by person then post
    extra_p: list[Index] = []
    extra_q: list[Index] = []
    step = max(1, BLOCK // m)
    for start in range(0, who.size, step):
        rows = who[start : start + step]
        mask = rules.mask(rows[:, None], np.arange(m)[None, :]).astype(np.uint32)
        grid = (rows[:, None] * m + np.arange(m)[None, :]).ravel()
        pos = np.minimum(np.searchsorted(keys, grid), max(keys.size - 1, 0))
        is_pair = keys[pos] == grid if keys.size else np.zeros(grid.size, dtype=bool)
        flat = mask.ravel()
        # A pair no rule excludes is missing only because it was pruned.
        ok = np.where(flat == 0, not pruned_held, (flat & enforced_bits) == 0) & ~is_pair
        extra_p.append(rows[np.flatnonzero(ok) // m])
        extra_q.append(np.flatnonzero(ok) % m)
    return np.concatenate([person, *extra_p]), np.concatenate([post, *extra_q])


def plain_feasibility(
    instance: Instance,
    enforced: Sequence[str] = COUPLING,
    scope: Sequence[int] | None = (),
    *,
    time_limit: float = 10.0,
) -> Feasibility:
    """Whether a plan exists when only ``enforced`` hold: a fresh CP-SAT model, no pruning.

    The model: a boolean per pair of :func:`allowed_pairs`; each person takes exactly one;
    ``capacity``: no post above its capacity; ``must_fill``: each must-fill post holds someone;
    ``max_moves``: at most that many placed people change post; ``unit_outflow``: per unit at
    most its cap of placed people leave it; a distance rule (by its name): at most its limit of
    people placed differently from (a no-good: as in) its reference plan. A family not in
    ``enforced`` is left out.

    Parameters
    ----------
    instance
        The round.
    enforced
        Families that hold (default: every coupling family, and every eligibility rule).
    scope
        See :func:`allowed_pairs` (default: no pair reopened, the candidate pairs alone).
    time_limit
        Seconds for CP-SAT.

    Returns
    -------
    Feasibility
        ``unknown`` also when ``scope`` is out of range.
    """
    allowed = allowed_pairs(instance, enforced, scope)
    if allowed is None:
        return Feasibility("unknown")
    person, post = allowed
    n = instance.n_people
    if np.bincount(person, minlength=n).min(initial=1) == 0:
        return Feasibility("infeasible")  # someone has no allowed post at all
    held = set(enforced)
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{k}") for k in range(person.size)]

    def by(key: Index, where: Index) -> dict[int, list[cp_model.IntVar]]:
        """The booleans of the pairs ``where``, grouped by ``key`` of each."""
        out: dict[int, list[cp_model.IntVar]] = {}
        for k, group in zip(where.tolist(), key[where].tolist(), strict=True):
            out.setdefault(group, []).append(x[k])
        return out

    def at_most(xs: list[cp_model.IntVar], rhs: int) -> None:
        if not xs:
            if rhs < 0:
                model.add_bool_or([])  # an empty sum above a negative limit: no plan
        elif rhs < len(xs):
            model.add(cp_model.LinearExpr.sum(xs) <= rhs)

    every = np.arange(person.size, dtype=np.int64)
    for xs in by(person, every).values():
        model.add_exactly_one(xs)
    at_post = by(post, every)
    if "capacity" in held:
        for j, xs in at_post.items():
            at_most(xs, int(instance.capacity[j]))
    if "must_fill" in held:
        for j in np.flatnonzero(instance.must_fill).tolist():
            model.add_bool_or(at_post.get(j, []))
    current = np.asarray(instance.current_post, dtype=np.int64)[person]
    if "max_moves" in held and instance.max_moves is not None:
        moving = np.flatnonzero((current >= 0) & (post != current))
        at_most([x[k] for k in moving.tolist()], int(instance.max_moves))
    if "unit_outflow" in held and instance.unit_outflow_cap is not None:
        cap = instance.unit_outflow_cap
        home = np.asarray(instance.person_unit, dtype=np.int64)[person]
        leaving = np.flatnonzero((home >= 0) & (instance.post_unit[post] != home))
        for u, xs in by(home, leaving).items():
            at_most(xs, int(cap[u]))
    for rule in instance.distance:
        if rule.name not in held:
            continue
        ref = np.asarray(rule.reference, dtype=np.int64)[person]
        same = post == ref
        counted = np.flatnonzero((ref >= 0) & (same if rule.same else ~same))
        at_most([x[k] for k in counted.tolist()], int(rule.limit))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.num_workers = 1
    code = solve_cpsat(solver, model)
    if code == cp_model.INFEASIBLE:
        return Feasibility("infeasible")
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Feasibility("unknown")
    values = np.asarray(solver.response_proto.solution, dtype=np.int64)
    on = values[[v.index for v in x]].astype(bool) if x else np.zeros(0, dtype=bool)
    assignment = np.full(n, -1, dtype=np.int64)
    assignment[person[on]] = post[on]
    return Feasibility("feasible", assignment)


def _core(instance: Instance, c: ConflictClaim, time_limit: float) -> bool:
    codes = set() if instance.exclusions is None else set(instance.exclusions.codes)
    known = {"capacity"}
    if instance.must_fill.any():
        known.add("must_fill")
    if instance.max_moves is not None:
        known.add("max_moves")
    if instance.unit_outflow_cap is not None:
        known.add("unit_outflow")
    known |= {d.name for d in instance.distance}
    if codes:
        known |= codes | {PRUNED}
    if not set(c.enforced) <= known:
        return False  # a family this round does not have cannot be part of its conflict
    return plain_feasibility(instance, c.enforced, c.scope, time_limit=time_limit).status == (
        "infeasible"
    )


def verify_conflict(
    instance: Instance, conflict: ConflictClaim, *, time_limit: float = 10.0
) -> bool:
    """Whether the conflict's claim holds on ``instance`` (so that the round has no plan).

    Parameters
    ----------
    instance
        The round the conflict is about.
    conflict
        A :class:`mutasi_opt.solve.result.Conflict`, or any object with its fields
        (:class:`ConflictClaim`).
    time_limit
        Seconds for re-solving a ``core`` (a core not proven within it does not verify).

    Returns
    -------
    bool
        True only when the claim was recomputed and holds; an unknown kind, an index out of
        range or a core CP-SAT could not prove give False.
    """
    kind = conflict.kind
    if kind == "core":
        return _core(instance, conflict, time_limit)
    check = {
        "no_candidate": _no_candidate,
        "must_fill_unreachable": _must_fill_unreachable,
        "seats": _seats,
        "must_fill_count": _must_fill_count,
        "hall": _hall,
        "must_fill_hall": _must_fill_hall,
        "side_rule_count": _side_rule_count,
    }.get(kind)
    return check is not None and check(instance, conflict)


def verify_conflicts(
    instance: Instance, conflicts: Sequence[ConflictClaim], *, time_limit: float = 10.0
) -> list[bool]:
    """:func:`verify_conflict` of each conflict, in order.

    Parameters
    ----------
    instance
        The round.
    conflicts
        The conflicts to check.
    time_limit
        Seconds for each ``core`` re-solve.
    """
    return [verify_conflict(instance, c, time_limit=time_limit) for c in conflicts]
