"""What every part of the plan reads: the plan as arrays, seat counts, pair lookups, person facts.

:func:`build_context` derives these once from a :class:`~mutasi_opt.problem.Problem` and an
assignment; chains, reasons, vacancies, development plans and KPIs all read the same
:class:`PlanContext`, so they never disagree on who moved or which seat was free.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mutasi_opt import domain, scoring
from mutasi_opt.problem import Problem

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]


@dataclass(frozen=True, eq=False)
class PersonFacts:
    """Per-person facts that the "stays" rules are made of, with the numbers reasons quote.

    The arrays of :class:`mutasi_opt.rule_context.RuleContext` (``problem.context``): whole
    calendar months at ``as_of``, NaN where unknown.

    Attributes
    ----------
    tenure_months
        Months in the current post (NaN when not placed or without ``tmt_jabatan``).
    age_months
        Age in months.
    bup_months
        BUP of the current post in months (NaN when not placed).
    locked, status, asn_type
        From the employees table (status ``aktif``, asn_type ``PNS`` when missing).
    frozen
        ``as_of`` lies inside a freeze window.
    """

    tenure_months: FloatArray
    age_months: FloatArray
    bup_months: FloatArray
    locked: BoolArray
    status: ObjArray
    frozen: bool
    asn_type: ObjArray

    @property
    def months_to_retirement(self) -> FloatArray:
        """Months until the person reaches the BUP of their current post (NaN when unknown)."""
        return self.bup_months - self.age_months


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
    facts
        Per-person facts (tenure, retirement).
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
    facts: PersonFacts
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
    """Index into ``problem.pairs`` of each (person, post), or -1 when it is not a candidate pair.

    Vectorised: the pairs are sorted by person then post, so a combined key is sorted too.
    """
    person_a = np.asarray(person, dtype=np.int64)
    post_a = np.asarray(post, dtype=np.int64)
    pairs = problem.pairs
    n_posts = max(problem.n_posts, 1)
    keys = pairs.person.astype(np.int64) * n_posts + pairs.post.astype(np.int64)
    query = person_a * n_posts + post_a
    if len(keys) == 0:
        return np.full(query.shape, -1, dtype=np.int64)
    pos_c = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    found = (post_a >= 0) & (keys[pos_c] == query)
    return np.where(found, pos_c, -1).astype(np.int64)


def jpm_at(problem: Problem, person: npt.ArrayLike, post: npt.ArrayLike) -> FloatArray:
    """Official (uncapped) JPM in percent of each person at each post (:func:`scoring.jpm`);
    NaN for post -1 or a post that requires nothing. O(len x competencies)."""
    person_a = np.asarray(person, dtype=np.int64)
    post_a = np.asarray(post, dtype=np.int64)
    out = np.full(person_a.shape, np.nan)
    ok = post_a >= 0
    if problem.context.required.shape[1] and ok.any():
        out[ok] = scoring.jpm(
            problem.context.levels[person_a[ok]], problem.context.required[post_a[ok]]
        )
    return out


def person_facts(problem: Problem) -> PersonFacts:
    """Tenure, age, BUP, lock and status of every person at ``as_of`` (see :class:`PersonFacts`)."""
    emp = problem.tables.employees
    status = np.array(
        [s if isinstance(s, str) and s else "aktif" for s in emp["status"].tolist()], dtype=object
    )
    asn_given = emp["asn_type"].tolist() if "asn_type" in emp.columns else [None] * len(emp)
    asn_type = np.array([a if isinstance(a, str) and a else "PNS" for a in asn_given], dtype=object)
    frozen = problem.scenario.frozen_on() is not None
    rc = problem.context
    return PersonFacts(
        tenure_months=np.asarray(rc.tenure, dtype=np.float64),
        age_months=np.asarray(rc.age, dtype=np.float64),
        bup_months=np.asarray(rc.person_bup, dtype=np.float64),
        locked=np.asarray(rc.locked, dtype=bool),
        status=status,
        frozen=frozen,
        asn_type=asn_type,
    )


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
        facts=person_facts(problem),
        nip_rank=nip_rank(problem),
    )
