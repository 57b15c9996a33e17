"""Posts left with free seats after the plan, each with what blocked it.

``blocked_by`` is the first that holds of:

``external_approval``
    nobody was a candidate and the ``external_approval`` rule alone closes the post to everyone
    who does not hold it (it needs an outside approval, ``needs_external_approval``, and the
    scenario keeps such posts out of the plan): asked of the rule registry;
``kept_by_rules``
    nobody is a candidate, but some people are excluded only by rules that keep them in place
    (minimum tenure, retirement, lock, status, freeze, JPT protection): every would-be candidate
    is kept by a rule (counted per rule; someone the retirement rule keeps from this post alone,
    its own BUP being near, is not kept in place: that is ``no_candidate``); or candidates
    exist, some would be worth more here than where the plan puts them, and every such one is
    held back by a side rule: the plan moves exactly ``max_moves`` people, or their OPD already
    loses its ``max_unit_outflow_share`` limit to other OPDs;
``no_candidate``
    nobody outside the post is a candidate for it: every person fails a hard rule for it (the
    reason counts the first excluding rule per person, as :mod:`mutasi_opt.rules` tells it,
    unless ``exclusions`` is left out of :func:`find_vacancies`);
``not_worth_move``
    candidates exist but filling the post was worth less than the move cost and what the
    candidates bring where the plan puts them (the best candidate is named with both values).

The candidates of a post are the people who neither hold it before the round nor are given
one of its seats by the plan (``eligible_candidates``): in a pooled post, those placed in its
other seats cannot take the free one.

Abolished posts are never vacancies (they are to be emptied, not filled).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from mutasi_opt import rules
from mutasi_opt.plan.phrases import fmt_value, t
from mutasi_opt.plan.plan_context import BoolArray, PlanContext
from mutasi_opt.plan.reasons import unit_leavers
from mutasi_opt.plan.rules_bridge import PostExclusions, describe

VACANCY_COLUMNS: tuple[str, ...] = (
    "position_id", "title", "unit", "kind", "jenjang", "priority", "capacity", "holders_after",
    "free_seats", "blocked_by", "reason", "eligible_candidates",
)  # fmt: skip

ExclusionSummary = Callable[[Sequence[int]], dict[int, PostExclusions]]
"""Given post indices, why people outside each are not candidates (see :class:`PostExclusions`)."""


def empty_vacancies_frame() -> pd.DataFrame:
    """A vacancies frame with its columns and no rows."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in VACANCY_COLUMNS})
    for c in ("priority", "capacity", "holders_after", "free_seats", "eligible_candidates"):
        frame[c] = frame[c].astype(np.int64)
    return frame


def side_blocked(ctx: PlanContext) -> tuple[BoolArray, BoolArray]:
    """Per person: held back by ``max_moves`` (limit reached, not moved), and by the outflow limit
    of their unit (limit reached, they stay in the unit)."""
    problem = ctx.problem
    n = ctx.n_people
    moves_block = np.zeros(n, dtype=bool)
    if (
        problem.instance.max_moves is not None
        and int(ctx.moved.sum()) >= problem.instance.max_moves
    ):
        moves_block = ~ctx.moved
    outflow_block = np.zeros(n, dtype=bool)
    cap = problem.instance.unit_outflow_cap
    if cap is not None:
        leavers = unit_leavers(ctx)
        pu = np.asarray(problem.instance.person_unit, dtype=np.int64)
        post_unit = np.asarray(problem.instance.post_unit, dtype=np.int64)
        at_cap = np.zeros(n, dtype=bool)
        placed = pu >= 0
        at_cap[placed] = leavers[pu[placed]] >= np.asarray(cap, dtype=np.int64)[pu[placed]]
        stays_in_unit = post_unit[ctx.to_post] == pu
        outflow_block = placed & at_cap & stays_in_unit
    return moves_block, outflow_block


def find_vacancies(ctx: PlanContext, exclusions: ExclusionSummary | None = None) -> pd.DataFrame:
    """The ``vacancies.csv`` frame: one row per active post with free seats after the plan.

    Parameters
    ----------
    ctx
        The plan.
    exclusions
        Optional: per post, how many people each hard rule excluded (for ``no_candidate``).
    """
    problem = ctx.problem
    lang = ctx.language
    open_posts = np.flatnonzero(ctx.free_after > 0)
    if open_posts.size == 0:
        return empty_vacancies_frame()
    pairs = problem.pairs
    person = pairs.person.astype(np.int64)
    post = pairs.post.astype(np.int64)
    # Candidates for the free seats of a post: pairs from people who neither hold it now nor
    # are given one of its seats by the plan (they cannot take a second seat of a pooled post).
    cand = (post != ctx.from_post[person]) & (post != ctx.to_post[person])
    n_cand = np.bincount(post[cand], minlength=problem.n_posts).astype(np.int64)
    better = cand & (pairs.value > ctx.value[person] + 1e-12) & (ctx.to_post[person] != post)
    moves_block, outflow_block = side_blocked(ctx)
    post_unit = np.asarray(problem.instance.post_unit, dtype=np.int64)
    pu = np.asarray(problem.instance.person_unit, dtype=np.int64)
    out_block_pair = outflow_block[person] & (post_unit[post] != pu[person])
    blocked = moves_block[person] | out_block_pair
    n_better = np.bincount(post[better], minlength=problem.n_posts)
    n_better_free = np.bincount(post[better & ~blocked], minlength=problem.n_posts)
    any_moves_block = np.bincount(post[better & moves_block[person]], minlength=problem.n_posts) > 0
    any_out_block = np.bincount(post[better & out_block_pair], minlength=problem.n_posts) > 0

    # Best candidate per post: highest value, then smallest NIP. Two reductions, not a sort:
    # the open posts of a large round have millions of candidates.
    nips = np.asarray(problem.nip, dtype=object)
    ci = np.flatnonzero(cand & (ctx.free_after[post] > 0))
    best_pair = np.full(problem.n_posts, -1, dtype=np.int64)
    if ci.size:
        at, val = post[ci], pairs.value[ci]
        top = np.full(problem.n_posts, -np.inf)
        np.maximum.at(top, at, val)
        tied = ci[val == top[at]]
        rank = ctx.nip_rank[person[tied]]
        least = np.full(problem.n_posts, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(least, post[tied], rank)
        win = tied[rank == least[post[tied]]]  # one per post: NIPs and pairs are unique
        best_pair[post[win]] = win

    pos = problem.tables.positions
    names = problem.tables.employees["name"].to_numpy(dtype=object)
    bare = [int(j) for j in open_posts if n_cand[j] == 0]
    infos = exclusions(bare) if exclusions is not None else {}
    rows = []
    for j in open_posts:
        info = infos.get(int(j))
        if n_cand[j] == 0 and _closed_by_external_approval(ctx, int(j)):
            code, text = "external_approval", t("vac.external_approval", lang)
        elif n_cand[j] == 0 and info is not None and info.kept_by_stay_rules:
            code = "kept_by_rules"
            kept = info.kept_by_stay_rules
            text = t("vac.kept_by_stay_rules", lang, rules=_counted(kept, lang))
        elif n_cand[j] == 0:
            code = "no_candidate"
            detail = f": {_counted(info.first_rule, lang)}" if info and info.first_rule else ""
            text = t("vac.no_candidate", lang, detail=detail)
        elif n_better[j] > 0 and n_better_free[j] == 0:
            code = "kept_by_rules"
            words = []
            if any_moves_block[j]:
                words.append(describe("max_moves", lang))
            if any_out_block[j]:
                words.append(describe("unit_outflow", lang))
            text = t("vac.kept_by_rules", lang, n=int(n_better[j]), rules=", ".join(words))
        else:
            code = "not_worth_move"
            k = best_pair[j]
            i = int(person[k])
            text = t(
                "vac.not_worth_move", lang, n=int(n_cand[j]), name=names[i], nip=nips[i],
                here=fmt_value(float(pairs.value[k]), lang), there=fmt_value(float(ctx.value[i]), lang),
            )  # fmt: skip
        rows.append((int(j), code, text))
    idx = np.array([r[0] for r in rows], dtype=np.int64)
    jen = ctx.jenjang[idx]
    return pd.DataFrame(
        {
            "position_id": np.asarray(problem.post_id, dtype=object)[idx],
            "title": pos["title"].to_numpy(dtype=object)[idx],
            "unit": np.asarray(problem.units, dtype=object)[post_unit[idx]],
            "kind": ctx.kind[idx],
            "jenjang": np.array([j if j is not None else "" for j in jen], dtype=object),
            "priority": np.asarray(problem.instance.priority, dtype=np.int64)[idx],
            "capacity": np.asarray(problem.instance.capacity, dtype=np.int64)[idx],
            "holders_after": ctx.holders_after[idx],
            "free_seats": ctx.free_after[idx],
            "blocked_by": np.array([r[1] for r in rows], dtype=object),
            "reason": np.array([r[2] for r in rows], dtype=object),
            "eligible_candidates": n_cand[idx],
        },
        columns=list(VACANCY_COLUMNS),
    )


def _closed_by_external_approval(ctx: PlanContext, post: int) -> bool:
    """The ``external_approval`` rule closes ``post`` to everyone who does not hold it."""
    others = np.flatnonzero(ctx.from_post != post)
    if others.size == 0:
        return False
    external = rules.rule("external_approval")
    allowed = external.func(ctx.rule_context, others, np.full(others.shape, post))
    return not bool(np.asarray(allowed).any())


def _counted(counts: dict[str, int], lang: str, top: int = 4) -> str:
    """``rule (n), rule (n)`` for the rules that count the most people."""
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return ", ".join(f"{describe(code, lang)} ({n})" for code, n in best)
