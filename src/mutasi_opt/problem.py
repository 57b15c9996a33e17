"""The problem the solver reads: people and posts as index arrays, and the candidate pairs.

:func:`build_problem` turns :class:`~mutasi_opt.tables.model.Tables` and a
:class:`~mutasi_opt.scenario.Scenario` into a :class:`Problem` once; nothing downstream handles raw
NIPs or position ids except through the lookups kept here. People are indexed ``i`` in the
employees table's row order, posts ``j`` in the positions table's row order, units ``u`` in sorted
order of their names.

Candidate pairs are kept sparse (:class:`CandidatePairs`), sorted by person then post, so that a
20,000-person round never builds a dense people x posts object in Python.

Where the numbers come from: :mod:`mutasi_opt.rule_context` (tables to arrays),
:mod:`mutasi_opt.rules` (hard rules and their reason codes), :mod:`mutasi_opt.scoring` (JPM, fit,
value and its integer scale), :mod:`mutasi_opt.candidates` (blockwise generation and pruning).

Side rules
----------
- ``max_moves`` is ``rules.max_moves``.
- ``unit_outflow_cap[u] = floor(max_unit_outflow_share x placed people whose current post is in
  unit u)`` (a 1e-9 tolerance keeps e.g. 0.29 x 100 at 29).
- ``must_fill[j]``: ``priority_j >= rules.must_fill_min_priority`` and the post is not abolished.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from mutasi_opt.candidates import DEFAULT_BLOCK_PAIRS, CandidatePairs, generate_candidates
from mutasi_opt.errors import InputIssue
from mutasi_opt.rule_context import RuleContext, build_context
from mutasi_opt.scenario import Scenario
from mutasi_opt.scoring import nine_box
from mutasi_opt.tables.model import Tables

__all__ = ["CandidatePairs", "Problem", "build_problem"]

IntArray = npt.NDArray[np.int32]
Int64Array = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


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
        (see :mod:`mutasi_opt.candidates`).
    context
        The per-person and per-post arrays the rules read (:class:`~mutasi_opt.rules.RuleContext`:
        tenure, age, levels, wishes, ...), for explanations; ``None`` when built by hand.
    performance, potential
        ``perf_i`` and ``pot_i`` in [0, 1] (:mod:`mutasi_opt.scoring`); ``None`` when built by hand.
    nine_box
        9-box number per person (1-9, 0 = unknown); ``None`` when built by hand.
    warnings
        Suspicious but allowed input found while building (missing potentials, missing levels).
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
    context: RuleContext | None = None
    performance: FloatArray | None = None
    potential: FloatArray | None = None
    nine_box: npt.NDArray[np.int8] | None = None
    warnings: tuple[InputIssue, ...] = ()

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

    @property
    def people_without_candidates(self) -> IntArray:
        """People with no candidate post at all (the scenario is then infeasible)."""
        return np.flatnonzero(np.diff(self.pairs.ptr) == 0).astype(np.int32)

    def pair_index(self, person: npt.ArrayLike, post: npt.ArrayLike) -> Int64Array:
        """Position of each (person, post) in :attr:`pairs`, ``-1`` when not a candidate.

        Arguments broadcast together.
        """
        p, q = np.broadcast_arrays(
            np.asarray(person, dtype=np.int64), np.asarray(post, dtype=np.int64)
        )
        m = max(self.n_posts, 1)
        keys = self.pairs.person.astype(np.int64) * m + self.pairs.post
        wanted = p * m + q
        if keys.shape[0] == 0:
            return np.full(wanted.shape, -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(keys, wanted), keys.shape[0] - 1)
        return np.where(keys[pos] == wanted, pos, -1).astype(np.int64)

    def __repr__(self) -> str:
        return (
            f"Problem(people={self.n_people}, posts={self.n_posts}, units={len(self.units)}, "
            f"pairs={len(self.pairs)}, side_rules={self.has_side_rules})"
        )


def _outflow_caps(share: float | None, person_unit: IntArray, n_units: int) -> Int64Array | None:
    if share is None:
        return None
    placed = person_unit[person_unit >= 0]
    people = np.bincount(placed, minlength=n_units)
    return np.floor(share * people + 1e-9).astype(np.int64)


def build_problem(
    tables: Tables, scenario: Scenario, *, block_pairs: int = DEFAULT_BLOCK_PAIRS
) -> Problem:
    """Turn validated tables and a scenario into the arrays every solver reads.

    Parameters
    ----------
    tables
        The loaded tables (canonical dtypes of :mod:`mutasi_opt.tables.model`).
    scenario
        Rules, weights and ``scoring`` settings (``candidates_per_person``, ``jpm_categories``).
    block_pairs
        About how many (person, post) pairs are evaluated at once; bounds memory.

    Returns
    -------
    Problem
        With :attr:`Problem.pairs` the candidate pairs (every hard rule of
        :data:`~mutasi_opt.rules.RULES` passed, pruned to ``candidates_per_person`` plus the
        current post when set) and :attr:`Problem.stats` their counts.

    Raises
    ------
    InputError
        When the tables contradict each other (an unknown position_id, a duplicate NIP, ...).
    """
    ctx, warnings = build_context(tables, scenario)
    k = scenario.scoring.candidates_per_person
    pairs, stats = generate_candidates(ctx, k, block_pairs=block_pairs)
    n_units = len(ctx.units)
    current = ctx.current
    person_unit = np.where(
        current >= 0, ctx.post_unit[np.maximum(current, 0)] if ctx.n_posts else -1, -1
    )
    person_unit = person_unit.astype(np.int32)
    rules = scenario.rules
    must_fill = np.zeros(ctx.n_posts, dtype=bool)
    if rules.must_fill_min_priority is not None:
        must_fill = (ctx.priority >= rules.must_fill_min_priority) & ~ctx.abolished
    if stats["missing_level_pairs"]:
        warnings.append(
            InputIssue(
                "missing_competency_level",
                f"{stats['missing_level_pairs']} candidate pairs ({stats['missing_level_people']} "
                "people) involve a required competency with no level for the person; "
                "it counts as level 0",
                file="competencies",
                severity="warning",
            )
        )
    no_requirements = int((ctx.required.sum(axis=1) == 0).sum())
    stats.update(
        people=ctx.n_people,
        posts=ctx.n_posts,
        units=n_units,
        candidates_per_person=k or 0,
        posts_without_requirements=no_requirements,
        missing_potential=int(tables.employees["potential"].isna().sum()),
    )
    problem = Problem(
        scenario=scenario,
        tables=tables,
        nip=ctx.nip,
        current_post=current,
        person_unit=person_unit,
        post_id=ctx.post_id,
        post_unit=ctx.post_unit,
        units=ctx.units,
        capacity=ctx.capacity,
        priority=ctx.priority,
        must_fill=must_fill,
        pairs=pairs,
        max_moves=rules.max_moves,
        unit_outflow_cap=_outflow_caps(rules.max_unit_outflow_share, person_unit, n_units),
        competency_codes=ctx.competency_codes,
        levels=ctx.levels,
        required=ctx.required,
        stats=stats,
        context=ctx,
        performance=ctx.performance,
        potential=ctx.potential,
        nine_box=nine_box(tables.employees["performance"], tables.employees["potential"]),
        warnings=tuple(warnings),
    )
    problem.stats["people_without_candidates"] = int(problem.people_without_candidates.shape[0])
    return problem
