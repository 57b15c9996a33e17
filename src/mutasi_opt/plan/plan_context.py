"""What every part of the plan reads: the plan as arrays, seat counts, pair lookups, people's facts.

:func:`build_context` derives these once from a :class:`~mutasi_opt.problem.Problem` and an
assignment; chains, reasons, vacancies, development plans and KPIs all read the same
:class:`PlanContext`, so they never disagree on who moved or which seat was free. Facts about
people (tenure, age, BUP, status) are the rules' own :class:`~mutasi_opt.rule_context.RuleContext`
(``problem.context``), never derived a second way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mutasi_opt import domain, scoring
from mutasi_opt.problem import Problem
from mutasi_opt.rule_context import RuleContext

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]


@dataclass(frozen=True, eq=False)
class PlanContext:
    """The plan as arrays, shared by every part of :mod:`mutasi_opt.plan`.

    Person arrays have length ``n_people`` and post arrays ``n_posts``.

    Attributes
    ----------
    problem
        The problem the plan is for.
    language
        ``"id"`` or ``"en"``.
    from_post, to_post
        Post index before (-1: not placed) and after.
    moved
        ``to_post != from_post``.
    pair_index
        Index into ``problem.pairs`` of the chosen pair (-1 when the chosen post is not a
        candidate pair, which a correct solver never produces).
    value, fit
        Value and fit of the chosen pair (NaN when not a pair).
    jpm_before, jpm_after
        Official uncapped JPM (percent) at the current and the new post (NaN without requirements).
    abolished
        Per post.
    holders_before, holders_after
        People in each post before and after.
    free_before, free_after
        Free seats per post before and after (0 for abolished posts).
    kind, jenjang, level
        Per post: kind, jenjang (``None`` unless fungsional) and job level (1-5).
    rule_context
        The arrays the rules read (tenure, age, BUP, status, ...: ``problem.context``); the
        reasons, KPIs and development plans take their facts about people from here.
    nip_rank
        Per person: the rank of their NIP in text order (0 = smallest), for deterministic
        tie-breaks without sorting strings again.
    """

    problem: Problem
    language: str
    from_post: IntArray
    to_post: IntArray
    moved: BoolArray
    pair_index: IntArray
    value: FloatArray
    fit: FloatArray
    jpm_before: FloatArray
    jpm_after: FloatArray
    abolished: BoolArray
    holders_before: IntArray
    holders_after: IntArray
    free_before: IntArray
    free_after: IntArray
    kind: ObjArray
    jenjang: ObjArray
    level: IntArray
    rule_context: RuleContext
    nip_rank: IntArray

    @property
    def n_people(self) -> int:
        """Number of people."""
        return int(self.from_post.shape[0])

    def pair_slice(self, person: int) -> slice:
        """The CSR slice of one person's candidate pairs."""
        ptr = self.problem.pairs.ptr
        return slice(int(ptr[person]), int(ptr[person + 1]))


def pair_lookup(problem: Problem, person: npt.ArrayLike, post: npt.ArrayLike) -> IntArray:
    """Index into ``problem.pairs`` of each (person, post), or -1 when it is not a candidate pair
    (:meth:`~mutasi_opt.instance.Instance.pair_index`)."""
    return problem.instance.pair_index(person, post)


def jpm_at(problem: Problem, person: npt.ArrayLike, post: npt.ArrayLike) -> FloatArray:
    """Official (uncapped) JPM in percent of each person at each post (:func:`scoring.jpm`);
    NaN for post -1, a post that requires nothing, or a person without any competency data
    (:func:`~mutasi_opt.scoring.has_competency_data`). O(len x competencies)."""
    person_a = np.asarray(person, dtype=np.int64)
    post_a = np.asarray(post, dtype=np.int64)
    out = np.full(person_a.shape, np.nan)
    ok = (post_a >= 0) & scoring.has_competency_data(problem.context.levels[person_a])
    if problem.context.required.shape[1] and ok.any():
        out[ok] = scoring.jpm(
            problem.context.levels[person_a[ok]], problem.context.required[post_a[ok]]
        )
    return out


def nip_rank(problem: Problem) -> IntArray:
    """Rank of each person's NIP in text order (0 = smallest)."""
    order = np.argsort(np.asarray(problem.nip, dtype=object).astype(str), kind="stable")
    rank = np.empty(order.shape[0], dtype=np.int64)
    rank[order] = np.arange(order.shape[0])
    return rank


def build_context(problem: Problem, assignment: npt.ArrayLike, language: str) -> PlanContext:
    """Derive the shared arrays of a plan.

    Parameters
    ----------
    problem
        The problem.
    assignment
        Post index per person (``Result.assignment``).
    language
        ``"id"`` or ``"en"``.
    """
    to_post = np.asarray(assignment, dtype=np.int64)
    if to_post.shape != (problem.n_people,):
        raise ValueError(f"assignment has {to_post.shape[0]} entries for {problem.n_people} people")
    from_post = np.asarray(problem.instance.current_post, dtype=np.int64)
    n_posts = problem.n_posts
    pos = problem.tables.positions
    abolished = (pos["status"].fillna("active").to_numpy(dtype=object) == "abolished").astype(bool)
    capacity = np.asarray(problem.instance.capacity, dtype=np.int64)

    placed_before = from_post >= 0
    holders_before = np.bincount(from_post[placed_before], minlength=n_posts).astype(np.int64)
    holders_after = np.bincount(to_post[to_post >= 0], minlength=n_posts).astype(np.int64)
    free_before = np.where(abolished, 0, np.maximum(capacity - holders_before, 0))
    free_after = np.where(abolished, 0, np.maximum(capacity - holders_after, 0))

    pair_index = pair_lookup(problem, np.arange(problem.n_people), to_post)
    has_pair = pair_index >= 0
    safe = np.where(has_pair, pair_index, 0)
    value = np.where(has_pair, problem.pairs.value[safe] if len(problem.pairs) else 0.0, np.nan)
    fit = np.where(has_pair, problem.pairs.fit[safe] if len(problem.pairs) else 0.0, np.nan)

    kinds = pos["kind"].to_numpy(dtype=object)
    jenjangs = np.array(
        [j if isinstance(j, str) else None for j in pos["jenjang"].to_numpy(dtype=object)],
        dtype=object,
    )
    level = np.array(
        [domain.job_level(str(k), j) for k, j in zip(kinds, jenjangs, strict=True)],
        dtype=np.int64,
    )
    return PlanContext(
        problem=problem,
        language=language,
        from_post=from_post,
        to_post=to_post,
        moved=to_post != from_post,
        pair_index=pair_index,
        value=value.astype(np.float64),
        fit=fit.astype(np.float64),
        jpm_before=jpm_at(problem, np.arange(problem.n_people), from_post),
        jpm_after=jpm_at(problem, np.arange(problem.n_people), to_post),
        abolished=abolished,
        holders_before=holders_before,
        holders_after=holders_after,
        free_before=free_before.astype(np.int64),
        free_after=free_after.astype(np.int64),
        kind=kinds,
        jenjang=jenjangs,
        level=level,
        rule_context=problem.context,
        nip_rank=nip_rank(problem),
    )
