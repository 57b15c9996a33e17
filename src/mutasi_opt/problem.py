"""A planning round: its scenario, tables and rule context, and the instance the solvers read.

:func:`build_problem` turns :class:`~mutasi_opt.tables.model.Tables` and a
:class:`~mutasi_opt.scenario.Scenario` into a :class:`Problem` once; nothing downstream handles raw
NIPs or position ids except through the lookups kept here. People are indexed ``i`` in the
employees table's row order, posts ``j`` in the positions table's row order, units ``u`` in sorted
order of their names.

A problem holds two views of the round:

- :attr:`Problem.context`, the per-person and per-post arrays the rules and the value of a pair
  read (tenure, age, levels, wishes, ...; :mod:`mutasi_opt.rule_context`), for the planner, the
  needs analysis and explanations;
- :attr:`Problem.instance`, what the solvers, :func:`~mutasi_opt.check.check_plan`, the
  certificate and the infeasibility explanation read: people, posts, capacities, the candidate
  pairs with their values, and the side rules (:class:`~mutasi_opt.instance.Instance`).

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

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mutasi_opt.arrays import FloatArray, Int64Array, IntArray
from mutasi_opt.candidates import DEFAULT_BLOCK_PAIRS, generate_candidates
from mutasi_opt.errors import InputIssue
from mutasi_opt.instance import CandidatePairs, Instance
from mutasi_opt.rule_context import RuleContext, build_context
from mutasi_opt.rules import RuleExclusions
from mutasi_opt.scenario import Scenario
from mutasi_opt.scoring import nine_box
from mutasi_opt.tables.model import Tables

__all__ = ["Problem", "build_problem", "instance_of"]


@dataclass(frozen=True, eq=False)
class Problem:
    """One planning round: what it was built from, and the instance the solvers read.

    Attributes
    ----------
    scenario, tables
        What it was built from.
    context
        The per-person and per-post arrays the rules read (:class:`~mutasi_opt.rules.RuleContext`:
        tenure, age, competency levels and requirements, wishes, ...).
    instance
        People, posts, capacities, candidate pairs and side rules
        (:class:`~mutasi_opt.instance.Instance`).
    stats
        Counts for the summary: pairs considered, excluded per reason code, pruned, ...
        (see :mod:`mutasi_opt.candidates`).
    warnings
        Suspicious but allowed input found while building (missing potentials, missing levels).
    performance, potential
        ``perf_i`` and ``pot_i`` in [0, 1] (:mod:`mutasi_opt.scoring`).
    nine_box
        9-box number per person (1-9, 0 = unknown).

    Notes
    -----
    ``nip``, ``post_id``, ``units``, ``pairs``, ``n_people`` and ``n_posts`` read through to the
    instance, for the planner and notebooks.
    """

    scenario: Scenario
    tables: Tables
    context: RuleContext
    instance: Instance
    stats: dict[str, int]
    warnings: tuple[InputIssue, ...]
    performance: FloatArray
    potential: FloatArray
    nine_box: npt.NDArray[np.int8]

    @property
    def n_people(self) -> int:
        """Number of people."""
        return self.instance.n_people

    @property
    def n_posts(self) -> int:
        """Number of posts."""
        return self.instance.n_posts

    @property
    def nip(self) -> npt.NDArray[np.object_]:
        """NIP of person ``i``."""
        return self.instance.nip

    @property
    def post_id(self) -> npt.NDArray[np.object_]:
        """Position id of post ``j``."""
        return self.instance.post_id

    @property
    def units(self) -> tuple[str, ...]:
        """``units[u]`` is the name of unit ``u``."""
        return self.instance.units

    @property
    def pairs(self) -> CandidatePairs:
        """The candidate pairs (:attr:`Instance.pairs`)."""
        return self.instance.pairs

    def __repr__(self) -> str:
        inst = self.instance
        return (
            f"Problem(people={inst.n_people}, posts={inst.n_posts}, units={len(inst.units)}, "
            f"pairs={len(inst.pairs)}, side_rules={inst.has_side_rules})"
        )


def instance_of(round_: Problem | Instance) -> Instance:
    """The instance of a problem, or the instance itself (entry points take either)."""
    return round_.instance if isinstance(round_, Problem) else round_


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
        With ``problem.instance.pairs`` the candidate pairs (every hard rule of
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
    instance = Instance(
        nip=ctx.nip,
        post_id=ctx.post_id,
        units=ctx.units,
        current_post=current,
        person_unit=person_unit,
        post_unit=ctx.post_unit,
        capacity=ctx.capacity,
        priority=ctx.priority,
        must_fill=must_fill,
        pairs=pairs,
        max_moves=rules.max_moves,
        unit_outflow_cap=_outflow_caps(rules.max_unit_outflow_share, person_unit, n_units),
        exclusions=RuleExclusions(ctx),
    )
    stats["people_without_candidates"] = int(instance.people_without_candidates.shape[0])
    return Problem(
        scenario=scenario,
        tables=tables,
        context=ctx,
        instance=instance,
        stats=stats,
        warnings=tuple(warnings),
        performance=ctx.performance,
        potential=ctx.potential,
        nine_box=nine_box(tables.employees["performance"], tables.employees["potential"]),
    )
