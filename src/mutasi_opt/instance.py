"""The instance every solver reads: people, posts, capacities, candidate pairs and side rules.

An :class:`Instance` is what the solvers, :func:`~mutasi_opt.check.check_plan`, the optimality
certificate (:mod:`mutasi_opt.proof`), the infeasibility explanation
(:mod:`mutasi_opt.solve.infeasibility`) and the tests' oracles read, and nothing more: no tables, no
scenario, no rule context. :func:`~mutasi_opt.problem.build_problem` makes one from tables (as
``problem.instance``); :func:`~mutasi_opt.solve.instances.instance_from_values` makes one from a
value matrix (tests, benchmarks, OR-Library files).

People are indexed ``i``, posts ``j``, units ``u``; candidate pairs are kept sparse
(:class:`CandidatePairs`), sorted by person then post, with CSR offsets, so that a 20,000-person
round never builds a dense people x posts object.

An instance is checked when it is made (:meth:`Instance.__post_init__`): shapes agree, indices are
in range, pairs are sorted and unique with a consistent ``ptr``, a pair is flagged ``is_current``
exactly when it is the person's current post, capacities and side-rule limits are not negative.
A broken instance raises :class:`ValueError` naming what is wrong, so a solver never has to guess.
:meth:`Instance.restrict` and :meth:`Instance.with_values` derive instances from a checked one
without checking again (what they change cannot break the rest).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields, replace
from functools import cached_property
from typing import Protocol

import numpy as np
import numpy.typing as npt

from mutasi_opt.arrays import BoolArray, FloatArray, Int64Array, IntArray

__all__ = ["CandidatePairs", "Exclusions", "Instance", "PlanDistance"]

ObjArray = npt.NDArray[np.object_]


@dataclass(frozen=True, eq=False)
class CandidatePairs:
    """The (person, post) pairs that pass every hard rule, with their scores.

    All arrays have one entry per pair, sorted by ``person`` then ``post``; ``ptr`` is the CSR
    offset array (``ptr[i]:ptr[i+1]`` are person ``i``'s pairs).

    Attributes
    ----------
    person, post
        Index of the person and of the post.
    value
        Composite value of the pair (see :mod:`mutasi_opt.scoring`), float.
    value_int
        ``value`` scaled to integers (``round(value * VALUE_SCALE)``); every solver optimises this.
    fit
        Capped competency match in [0, 1] (or the ``scores`` override / 100).
    jpm
        Official uncapped JPM in percent (NaN when the post has no requirements).
    preference
        Preference score in [0, 1] (0 when no wish).
    penalty
        Soft-rule penalty already subtracted in ``value`` (soft refusals, soft rank range).
    is_current
        True for a person's current post.
    ptr
        CSR offsets, length ``n_people + 1``.
    """

    person: IntArray
    post: IntArray
    value: FloatArray
    value_int: Int64Array
    fit: FloatArray
    jpm: FloatArray
    preference: FloatArray
    penalty: FloatArray
    is_current: BoolArray
    ptr: Int64Array

    def __len__(self) -> int:
        return int(self.person.shape[0])

    def __repr__(self) -> str:
        return f"CandidatePairs(pairs={len(self)}, people={self.ptr.shape[0] - 1}, current={int(self.is_current.sum())})"


PER_PAIR = tuple(f.name for f in fields(CandidatePairs) if f.name != "ptr")
"""The fields of :class:`CandidatePairs` with one entry per pair."""


class Exclusions(Protocol):
    """Which hard rules exclude a (person, post) pair, for explanations of an infeasible round.

    :func:`~mutasi_opt.problem.build_problem` attaches the rules' own
    (:class:`mutasi_opt.rules.RuleExclusions`); an instance built from values has none, and its
    explanations then speak of "eligibility" as a whole.
    """

    @property
    def codes(self) -> tuple[str, ...]:
        """The rule codes; bit ``k`` of a mask is ``codes[k]``."""
        ...

    def mask(self, person: npt.ArrayLike, post: npt.ArrayLike) -> npt.NDArray[np.uint32]:
        """Bit ``k`` set where rule ``codes[k]`` excludes the pair (indices broadcast together);
        0 where every rule allows it (a pair then missing from the candidates was pruned)."""
        ...


@dataclass(frozen=True, eq=False)
class PlanDistance:
    """A side rule on how far a plan lies from a reference plan (one count row, like ``max_moves``).

    A pair ``(i, j)`` *counts* when person ``i`` has a reference post (``reference[i] >= 0``) and
    ``j`` differs from it (``same=False``) or equals it (``same=True``); a plan holds at most
    ``limit`` counting pairs. A person without a reference post never counts.

    - The re-plan's ``max_changes`` (``same=False``): at most ``limit`` people placed
      differently from the baseline run's plan.
    - An alternative's no-good (``same=True``): at most ``limit`` people placed as in an earlier
      plan, that is at least ``people with a reference - limit`` placed differently from it.

    Attributes
    ----------
    name
        The family name (``max_changes``, ``distinct_from_plan_1``, ...): in check reports,
        certificates and infeasibility explanations.
    reference
        Post index per person in the reference plan, ``-1`` for none.
    limit
        At most this many counting pairs.
    same
        Which pairs count (see above).
    """

    name: str
    reference: IntArray
    limit: int
    same: bool = False

    def counts(self, person: npt.ArrayLike, post: npt.ArrayLike) -> BoolArray:
        """Per pair ``(person, post)``: does it count against :attr:`limit`."""
        p = np.asarray(person, dtype=np.int64)
        q = np.asarray(post, dtype=np.int64)
        ref = self.reference.astype(np.int64)[p]
        hit = q == ref
        return np.asarray((ref >= 0) & (hit if self.same else ~hit), dtype=bool)


@dataclass(frozen=True, eq=False)
class Instance:
    """People, posts, capacities, candidate pairs with their values, and side rules.

    Attributes
    ----------
    nip
        Label (NIP) of person ``i`` (object array of str).
    post_id
        Label (position id) of post ``j`` (object array of str).
    units
        ``units[u]`` is the name of unit ``u``.
    current_post
        Index of the post person ``i`` holds, ``-1`` when not placed.
    person_unit
        Unit index of person ``i``'s current post, ``-1`` when not placed.
    post_unit
        Unit index of post ``j``.
    capacity
        Seats of post ``j`` (``>= 0``).
    priority
        Priority of post ``j`` (1-5; 3 is neutral); only explanations quote it, the values already
        weigh it.
    must_fill
        Post ``j`` must hold at least one person in the plan.
    pairs
        The candidate pairs and their values.
    max_moves
        At most this many placed people change post (``None``: no limit).
    unit_outflow_cap
        Per unit: at most this many placed people leave it for another unit (``None``: no limit).
    distance
        Side rules on the distance to reference plans (:class:`PlanDistance`): the re-plan's
        ``max_changes``, the no-goods of alternatives.
    tie_posts
        The post per person the tie rule keeps people in among equally good plans
        (:mod:`mutasi_opt.solve.ties`): a re-plan's baseline plan; ``None``: the current posts.
    exclusions
        Which hard rules close the pairs that are not candidates (``None`` when unknown, as for an
        instance built from values): only explanations of an infeasible round read it.

    Raises
    ------
    ValueError
        When the arrays contradict each other (see the module docstring); the message says which.
    """

    nip: ObjArray
    post_id: ObjArray
    units: tuple[str, ...]
    current_post: IntArray
    person_unit: IntArray
    post_unit: IntArray
    capacity: IntArray
    priority: IntArray
    must_fill: BoolArray
    pairs: CandidatePairs
    max_moves: int | None = None
    unit_outflow_cap: Int64Array | None = None
    exclusions: Exclusions | None = None
    distance: tuple[PlanDistance, ...] = ()
    tie_posts: IntArray | None = None

    def __post_init__(self) -> None:
        _validate(self)

    @property
    def n_people(self) -> int:
        """Number of people."""
        return int(self.nip.shape[0])

    @property
    def n_posts(self) -> int:
        """Number of posts."""
        return int(self.post_id.shape[0])

    @property
    def has_side_rules(self) -> bool:
        """True when a rule couples pairs beyond capacity (max moves, unit outflow, distance)."""
        return (
            self.max_moves is not None or self.unit_outflow_cap is not None or bool(self.distance)
        )

    @property
    def people_without_candidates(self) -> IntArray:
        """People with no candidate post at all (the round is then infeasible)."""
        return np.flatnonzero(np.diff(self.pairs.ptr) == 0).astype(np.int32)

    def kept_pairs(self) -> BoolArray:
        """Per pair: it keeps the person where the tie rule prefers them (:attr:`tie_posts`, or
        the current post)."""
        pairs = self.pairs
        if self.tie_posts is None:
            return pairs.is_current
        return np.asarray(pairs.post == self.tie_posts[pairs.person], dtype=bool)

    @cached_property
    def _pair_keys(self) -> Int64Array:
        """``person * posts + post`` of every pair, sorted (the pairs are): built once, since a
        plan looks pairs up many times (27 times on a round of 11.7 million pairs)."""
        m = max(self.n_posts, 1)
        return np.asarray(self.pairs.person.astype(np.int64) * m + self.pairs.post)

    def pair_index(self, person: npt.ArrayLike, post: npt.ArrayLike) -> Int64Array:
        """Position of each (person, post) in :attr:`pairs`, ``-1`` when not a candidate.

        Parameters
        ----------
        person, post
            Indices, broadcast together.
        """
        p, q = np.broadcast_arrays(
            np.asarray(person, dtype=np.int64), np.asarray(post, dtype=np.int64)
        )
        m = max(self.n_posts, 1)
        keys = self._pair_keys
        wanted = p * m + q
        if keys.shape[0] == 0:
            return np.full(wanted.shape, -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(keys, wanted), keys.shape[0] - 1)
        # A post of -1 (no post) would otherwise match the previous person's last post.
        inside = (p >= 0) & (p < self.n_people) & (q >= 0) & (q < self.n_posts)
        return np.where(inside & (keys[pos] == wanted), pos, -1).astype(np.int64)

    def value_scale(self) -> float:
        """Ratio of ``value_int`` to ``value`` over the pairs (to turn integer bounds into values).

        ``VALUE_SCALE`` (up to rounding) for an instance built from tables; 1 when every value is 0.
        """
        return self._value_scale

    @cached_property
    def _value_scale(self) -> float:
        # Computed once: a plan asks for it several times, each a pass over every pair.
        v = np.abs(self.pairs.value)
        total = float(v.sum())
        if total <= 0.0:
            return 1.0
        return float(np.abs(self.pairs.value_int).sum()) / total

    def restrict(self, keep: npt.ArrayLike) -> Instance:
        """The same round with only the pairs ``keep`` as candidates.

        Parameters
        ----------
        keep
            A bool mask over :attr:`pairs`, or pair indices (any order; repeats count once).

        Returns
        -------
        Instance
            Sharing every array but the pairs'. People left without a pair stay in the round with
            no candidate (:attr:`people_without_candidates`): the restricted round is then
            infeasible, as a solver will say. :attr:`exclusions` is kept, so an explanation of the
            restricted round calls a pair that every rule allows but ``keep`` dropped "pruned".

        Raises
        ------
        ValueError
            A mask of the wrong length, or an index out of range.
        """
        kept = _kept(keep, len(self.pairs))
        pairs = self.pairs
        ptr = np.zeros(self.n_people + 1, dtype=np.int64)
        np.cumsum(np.bincount(pairs.person[kept], minlength=self.n_people), out=ptr[1:])
        per_pair = {name: getattr(pairs, name)[kept] for name in PER_PAIR}
        # A subset of sorted, unique, consistent pairs is all of that too: no second check.
        return self._with_pairs(replace(pairs, **per_pair, ptr=ptr))

    def with_values(self, value_int: npt.ArrayLike, value: npt.ArrayLike | None = None) -> Instance:
        """The same round with other pair values (e.g. another cost of a move).

        Parameters
        ----------
        value_int
            The integer value of each pair, in :attr:`pairs` order: what the solvers optimise.
        value
            The float value of each pair (what a result's ``objective`` adds up); default
            ``value_int / self.value_scale()``.

        Returns
        -------
        Instance
            Sharing every array but the two value arrays (no other copy is made). The other
            per-pair scores (``fit``, ``jpm``, ...) are kept as they were.

        Raises
        ------
        ValueError
            Values of the wrong length, a ``value_int`` that is not integral, or a value that is
            not finite.
        """
        k = len(self.pairs)
        raw = np.asarray(value_int)
        if raw.shape != (k,):
            raise ValueError(f"value_int has shape {raw.shape}, the instance has {k} pairs")
        if raw.dtype.kind not in "iu" and not (
            raw.dtype.kind == "f" and bool(np.all(np.isfinite(raw) & (raw == np.rint(raw))))
        ):
            raise ValueError("value_int must hold integers")
        new_int = raw.astype(np.int64, copy=False)
        if value is None:
            new_value = new_int / self.value_scale()
        else:
            new_value = np.asarray(value, dtype=np.float64)
            if new_value.shape != (k,):
                raise ValueError(f"value has shape {new_value.shape}, the instance has {k} pairs")
            if not bool(np.all(np.isfinite(new_value))):
                raise ValueError("every value must be finite")
        return self._with_pairs(replace(self.pairs, value=new_value, value_int=new_int))

    def _with_pairs(self, pairs: CandidatePairs) -> Instance:
        """This instance with other pairs, unchecked (for pairs derived from its own)."""
        out = copy.copy(self)
        object.__setattr__(out, "pairs", pairs)
        out.__dict__.pop("_pair_keys", None)  # the copy's keys were this instance's pairs'
        return out

    def __repr__(self) -> str:
        return (
            f"Instance(people={self.n_people}, posts={self.n_posts}, units={len(self.units)}, "
            f"pairs={len(self.pairs)}, side_rules={self.has_side_rules})"
        )


def _kept(keep: npt.ArrayLike, k: int) -> Int64Array:
    """Sorted unique pair indices from a mask or an index array."""
    arr = np.asarray(keep)
    if arr.dtype == np.bool_:
        if arr.shape != (k,):
            raise ValueError(f"the mask has shape {arr.shape}, the instance has {k} pairs")
        return np.flatnonzero(arr).astype(np.int64)
    idx = arr.astype(np.int64).ravel()
    if idx.size and (idx.min() < 0 or idx.max() >= k):
        raise ValueError(f"pair indices must lie in [0, {k})")
    if idx.size > 1 and not bool(np.all(idx[1:] > idx[:-1])):
        idx = np.unique(idx)
    return idx


def _shape(name: str, a: npt.NDArray[np.generic], size: int, what: str) -> None:
    if a.shape != (size,):
        raise ValueError(f"{name} has shape {a.shape}, expected ({size},): one per {what}")


def _integers(name: str, a: npt.NDArray[np.generic]) -> None:
    if a.dtype.kind not in "iu":
        raise ValueError(f"{name} must be an integer array, not {a.dtype}")


def _in_range(name: str, a: npt.NDArray[np.integer], low: int, high: int) -> None:
    if a.size and (int(a.min()) < low or int(a.max()) >= high):
        raise ValueError(
            f"{name} must lie in [{low}, {high}), found {int(a.min())}..{int(a.max())}"
        )


def _validate(inst: Instance) -> None:
    """Raise :class:`ValueError` when the instance's arrays contradict each other."""
    n, m, n_units = inst.n_people, inst.n_posts, len(inst.units)
    if inst.nip.ndim != 1 or inst.post_id.ndim != 1:
        raise ValueError("nip and post_id must be one-dimensional")
    for name, size, what in (
        ("current_post", n, "person"),
        ("person_unit", n, "person"),
        ("post_unit", m, "post"),
        ("capacity", m, "post"),
        ("priority", m, "post"),
    ):
        a = getattr(inst, name)
        _shape(name, a, size, what)
        _integers(name, a)
    _shape("must_fill", inst.must_fill, m, "post")
    if inst.must_fill.dtype != np.bool_:
        raise ValueError(f"must_fill must be a bool array, not {inst.must_fill.dtype}")
    _in_range("current_post", inst.current_post, -1, m)
    _in_range("post_unit", inst.post_unit, 0, n_units)
    placed = inst.current_post >= 0
    expected_unit = np.full(n, -1, dtype=np.int64)
    expected_unit[placed] = inst.post_unit[inst.current_post[placed]]
    if not np.array_equal(inst.person_unit, expected_unit):
        raise ValueError("person_unit must be the unit of each person's current post (-1 unplaced)")
    if inst.capacity.size and int(inst.capacity.min()) < 0:
        raise ValueError("capacity must be >= 0")
    if inst.max_moves is not None and inst.max_moves < 0:
        raise ValueError(f"max_moves must be >= 0 or None, not {inst.max_moves}")
    cap = inst.unit_outflow_cap
    if cap is not None:
        _shape("unit_outflow_cap", cap, n_units, "unit")
        _integers("unit_outflow_cap", cap)
        if cap.size and int(cap.min()) < 0:
            raise ValueError("unit_outflow_cap must be >= 0")
    names = [d.name for d in inst.distance]
    if len(set(names)) != len(names):
        raise ValueError(f"distance rules need distinct names, not {names}")
    for d in inst.distance:
        _shape(f"distance {d.name!r} reference", d.reference, n, "person")
        _integers(f"distance {d.name!r} reference", d.reference)
        _in_range(f"distance {d.name!r} reference", d.reference, -1, m)
        if d.limit < 0:
            raise ValueError(f"distance {d.name!r} limit must be >= 0, not {d.limit}")
    if inst.tie_posts is not None:
        _shape("tie_posts", inst.tie_posts, n, "person")
        _integers("tie_posts", inst.tie_posts)
        _in_range("tie_posts", inst.tie_posts, -1, m)
    _validate_pairs(inst.pairs, inst.current_post, n, m)


def _validate_pairs(pairs: CandidatePairs, current: IntArray, n: int, m: int) -> None:
    k = int(pairs.person.shape[0])
    for name in PER_PAIR:
        _shape(f"pairs.{name}", getattr(pairs, name), k, "pair")
    _integers("pairs.person", pairs.person)
    _integers("pairs.post", pairs.post)
    _integers("pairs.value_int", pairs.value_int)
    if pairs.is_current.dtype != np.bool_:
        raise ValueError("pairs.is_current must be a bool array")
    _in_range("pairs.person", pairs.person, 0, max(n, 0))
    _in_range("pairs.post", pairs.post, 0, max(m, 0))
    if k > 1:
        keys = pairs.person.astype(np.int64) * max(m, 1) + pairs.post.astype(np.int64)
        if not bool(np.all(keys[1:] > keys[:-1])):
            raise ValueError("pairs must be sorted by person then post, without repeats")
    _shape("pairs.ptr", pairs.ptr, n + 1, "person, plus one")
    counts = np.bincount(pairs.person.astype(np.int64), minlength=n)
    if pairs.ptr[0] != 0 or not np.array_equal(np.diff(pairs.ptr), counts):
        raise ValueError("pairs.ptr must be the CSR offsets of pairs.person")
    if not bool(np.all(np.isfinite(pairs.value))):
        raise ValueError("every pair value must be finite")
    own = pairs.post == current[pairs.person] if k else np.zeros(0, dtype=bool)
    if not np.array_equal(pairs.is_current, own):
        raise ValueError(
            "pairs.is_current must mark exactly each person's current post (at most one pair each)"
        )
