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

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from mutasi_opt import rules
from mutasi_opt.arrays import FloatArray, Int64Array, IntArray
from mutasi_opt.candidates import DEFAULT_BLOCK_PAIRS, generate_candidates, score_pairs
from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.instance import PER_PAIR, CandidatePairs, Instance
from mutasi_opt.rule_context import RuleContext, build_context
from mutasi_opt.rules import RuleExclusions
from mutasi_opt.rules.ruling_table import Rulings, read_rulings, ruling_issue
from mutasi_opt.scenario import Scenario
from mutasi_opt.scoring import nine_box
from mutasi_opt.tables.model import Tables

__all__ = [
    "Baseline",
    "Problem",
    "add_override_pairs",
    "build_problem",
    "check_ruling_targets",
    "instance_of",
    "with_baseline",
]


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
    baseline: Baseline | None = None
    """The previous plan of a re-plan (:func:`with_baseline`), ``None`` for a first plan."""

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

    @property
    def rulings(self) -> Rulings | None:
        """The panel's rulings (``data.decisions``), as the ``ruling`` rule reads them."""
        return self.context.rulings

    def __repr__(self) -> str:
        inst = self.instance
        return (
            f"Problem(people={inst.n_people}, posts={inst.n_posts}, units={len(inst.units)}, "
            f"pairs={len(inst.pairs)}, side_rules={inst.has_side_rules})"
        )


@dataclass(frozen=True, eq=False)
class Baseline:
    """The previous plan a re-plan is measured against (``solve --baseline RUN_DIR``).

    Attributes
    ----------
    posts
        Post index per person in the baseline plan, ``-1`` when it does not place them (new in
        the tables, or their post is gone).
    max_changes
        At most this many people placed differently (``None``: no limit, the distance is only
        reported).
    source
        Where it came from (the run folder), for the reports.
    """

    posts: IntArray
    max_changes: int | None = None
    source: str | None = None

    def changes(self, assignment: npt.ArrayLike) -> int:
        """People the plan places differently from the baseline (those it places only)."""
        plan = np.asarray(assignment, dtype=np.int64)
        return int(((self.posts >= 0) & (plan != self.posts)).sum())


def with_baseline(
    problem: Problem,
    baseline: Mapping[str, str | None] | npt.ArrayLike,
    max_changes: int | None = None,
    *,
    source: str | None = None,
) -> Problem:
    """The round re-planned against a previous plan: at most ``max_changes`` people placed
    differently from it (default ``rules.max_changes_from_baseline``; ``None``: no limit, the
    distance is reported).

    Parameters
    ----------
    problem
        The round (with the panel's rulings, if any).
    baseline
        The previous plan: ``{nip: position_id}`` (a run folder's ``assignments.csv``, see
        :func:`mutasi_opt.pipeline.read_baseline`) or a post index per person.
    max_changes
        The cap; the side rule ``max_changes`` (:mod:`mutasi_opt.solve.replan`) joins the
        instance.
    source
        Where the baseline came from (shown in the reports).
    """
    from mutasi_opt.solve.replan import baseline_posts
    from mutasi_opt.solve.replan import with_baseline as cap

    posts = baseline_posts(problem.instance, baseline)
    limit = problem.scenario.rules.max_changes_from_baseline if max_changes is None else max_changes
    instance = problem.instance if limit is None else cap(problem.instance, posts, limit)
    # The tie rule keeps people where the baseline put them (their current post if it did not).
    keep = np.where(posts >= 0, posts, problem.instance.current_post).astype(np.int32)
    instance = replace(instance, tie_posts=keep)
    return replace(problem, instance=instance, baseline=Baseline(posts, limit, source))


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
    # The panel's rulings: a hard rule of the registry (rules/rulings.py), checked here against the
    # other rules; an overriding ruling's target is added to the candidates.
    ctx = replace(
        ctx, rulings=read_rulings(tables.decisions, ctx.nip, ctx.post_id, ctx.units, ctx.current)
    )
    ctx = check_ruling_targets(ctx)
    k = scenario.scoring.candidates_per_person
    pairs, stats = generate_candidates(ctx, k, block_pairs=block_pairs)
    pairs = add_override_pairs(ctx, pairs)
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
                message_id=f"{stats['missing_level_pairs']} pasangan kandidat "
                f"({stats['missing_level_people']} orang) melibatkan kompetensi wajib yang "
                "levelnya tidak ada untuk orang itu; dihitung sebagai level 0",
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
    if ctx.rulings is not None and not ctx.rulings.empty:
        stats.update({f"rulings.{k}": v for k, v in ctx.rulings.counts().items()})
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


# --- the panel's rulings and the candidates ----------------------------------------------------


def _rule_words(codes: tuple[str, ...], details: Mapping[str, str]) -> str:
    """``code (what it fails); code`` for the rules that close a pair."""
    return "; ".join(c + (f" ({details[c]})" if details.get(c) else "") for c in codes)


def check_ruling_targets(ctx: RuleContext) -> RuleContext:
    """Check each ``keep``/``assign`` target against the other hard rules and the capacities.

    Returns
    -------
    RuleContext
        With :attr:`Rulings.overridden` filled: the rules each ``override`` sets aside.

    Raises
    ------
    InputError
        A target a hard rule closes without ``override`` (naming the rule and what the pair
        fails), or more people placed in a post by rulings than it has seats.
    """
    r = ctx.rulings
    if r is None or r.empty:
        return ctx
    people = np.flatnonzero(r.target >= 0)
    if people.size == 0:
        return ctx
    posts = r.target[people].astype(np.int64)
    mask = rules.exclusion_mask(ctx, people, posts)
    own = np.uint32(1 << rules.RULE_CODES.index("ruling")) if "ruling" in rules.RULE_CODES else 0
    mask = mask & ~np.uint32(own)
    issues: list[InputIssue] = []
    overridden: dict[int, tuple[str, ...]] = {}
    placing = {x.person: x for x in r.items if x.decision != "forbid"}
    for i, j, bits in zip(people.tolist(), posts.tolist(), mask.tolist(), strict=True):
        if not bits:
            continue
        codes = rules.decode_exclusions(bits)
        if r.override[i]:
            overridden[i] = codes
            continue
        words = _rule_words(codes, rules.pair_details(ctx, i, j, "en"))
        words_id = _rule_words(codes, rules.pair_details(ctx, i, j, "id"))
        x = placing[i]
        issues.append(ruling_issue(
            "ruling_breaks_rule",
            f"the {x.decision} ruling puts NIP {x.nip} in {ctx.post_id[j]}, which the hard "
            f"rule(s) {words} close; set override to true to let the ruling stand",
            f"putusan {x.decision} menempatkan NIP {x.nip} di {ctx.post_id[j]}, yang ditutup "
            f"oleh aturan keras {words_id}; isi override dengan true agar putusan itu berlaku",
            x.row, "decision", x.decision,
        ))  # fmt: skip
    load = np.bincount(posts, minlength=ctx.n_posts)
    for j in np.flatnonzero(load > ctx.capacity).tolist():
        who = [placing[i] for i in people[posts == j].tolist()]
        nips = ", ".join(x.nip for x in who)
        issues.append(ruling_issue(
            "rulings_over_capacity",
            f"{len(who)} rulings place people in {ctx.post_id[j]}, which has "
            f"{int(ctx.capacity[j])} seat(s): NIP {nips}",
            f"{len(who)} putusan menempatkan orang di {ctx.post_id[j]}, yang hanya punya "
            f"{int(ctx.capacity[j])} kursi: NIP {nips}",
            who[-1].row, "position_id", ctx.post_id[j],
        ))  # fmt: skip
    if issues:
        raise InputError(issues)
    return replace(ctx, rulings=replace(r, overridden=overridden))


def add_override_pairs(ctx: RuleContext, pairs: CandidatePairs) -> CandidatePairs:
    """The candidate pairs with each overriding ruling's target added (when a rule closed it)."""
    r = ctx.rulings
    if r is None or not r.overridden:
        return pairs
    people = np.array(sorted(r.overridden), dtype=np.int64)
    posts = r.target[people].astype(np.int64)
    have = np.zeros(people.size, dtype=bool)
    for k, (i, j) in enumerate(zip(people.tolist(), posts.tolist(), strict=True)):
        sl = slice(int(pairs.ptr[i]), int(pairs.ptr[i + 1]))
        have[k] = bool((pairs.post[sl] == j).any())
    people, posts = people[~have], posts[~have]
    if people.size == 0:
        return pairs
    s = score_pairs(ctx, people, posts)
    extra: dict[str, npt.NDArray[np.generic]] = {
        "person": people.astype(pairs.person.dtype),
        "post": posts.astype(pairs.post.dtype),
        "value": s.value,
        "value_int": s.value_int,
        "fit": s.fit,
        "jpm": s.jpm,
        "preference": s.preference,
        "penalty": s.penalty,
        "is_current": s.is_current,
    }
    joined = {
        name: np.concatenate([getattr(pairs, name), extra[name].astype(getattr(pairs, name).dtype)])
        for name in PER_PAIR
    }
    order = np.lexsort((joined["post"], joined["person"]))
    joined = {name: values[order] for name, values in joined.items()}
    n = int(pairs.ptr.shape[0]) - 1
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(joined["person"], minlength=n), out=ptr[1:])
    return CandidatePairs(**joined, ptr=ptr)
