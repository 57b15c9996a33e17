"""The problem the solver reads: people and posts as index arrays, and the candidate pairs.

:func:`build_problem` turns :class:`~mutasi_opt.tables.model.Tables` and a
:class:`~mutasi_opt.scenario.Scenario` into a :class:`Problem` once; nothing downstream handles raw
NIPs or position ids except through the lookups kept here. People are indexed ``i`` in the
employees table's row order, posts ``j`` in the positions table's row order, units ``u`` in sorted
order of their names.

Candidate pairs are kept sparse (:class:`CandidatePairs`), sorted by person then post, so that a
20,000-person round never builds a dense people x posts object in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from mutasi_opt.scenario import Scenario
from mutasi_opt.tables.model import Tables

IntArray = npt.NDArray[np.int32]
Int64Array = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


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


@dataclass(frozen=True, eq=False)
class Problem:
    """Everything a solver, the checker and the planner need, as arrays.

    Attributes
    ----------
    scenario, tables
        What it was built from.
    nip
        NIP of person ``i`` (object array of str).
    current_post
        Index of the post person ``i`` holds, ``-1`` when not placed.
    person_unit
        Unit index of the current post, ``-1`` when not placed.
    post_id, post_unit, units
        Id and unit index of post ``j``; ``units[u]`` is the unit's name.
    capacity, priority
        Per post.
    must_fill
        Per post: must hold at least one person in the plan.
    pairs
        The candidate pairs.
    max_moves
        At most this many placed people change post (``None``: no limit).
    unit_outflow_cap
        Per unit: at most this many placed people leave for another unit (``None``: no limit).
    competency_codes
        Column order of ``levels`` and ``required``.
    levels
        People x competencies levels (0 = no data), int8.
    required
        Posts x competencies required levels (0 = not required), int8.
    stats
        Counts for the summary: pairs considered, excluded per reason code, pruned, ...
    """

    scenario: Scenario
    tables: Tables
    nip: npt.NDArray[np.object_]
    current_post: IntArray
    person_unit: IntArray
    post_id: npt.NDArray[np.object_]
    post_unit: IntArray
    units: tuple[str, ...]
    capacity: IntArray
    priority: IntArray
    must_fill: BoolArray
    pairs: CandidatePairs
    max_moves: int | None
    unit_outflow_cap: Int64Array | None
    competency_codes: tuple[str, ...]
    levels: npt.NDArray[np.int8]
    required: npt.NDArray[np.int8]
    stats: dict[str, int] = field(default_factory=dict)

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
        """True when a rule couples pairs beyond capacity (max moves, unit outflow)."""
        return self.max_moves is not None or self.unit_outflow_cap is not None

    def __repr__(self) -> str:
        return (
            f"Problem(people={self.n_people}, posts={self.n_posts}, units={len(self.units)}, "
            f"pairs={len(self.pairs)}, side_rules={self.has_side_rules})"
        )
