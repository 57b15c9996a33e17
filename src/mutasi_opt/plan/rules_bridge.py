"""What the hard rules say about pairs that are not candidates, for reasons, vacancies and explain.

A problem carries its rule context (``problem.context``), so :mod:`mutasi_opt.rules` can say
which rules exclude any pair and :func:`mutasi_opt.candidates.score_pairs` what any pair would be
worth.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mutasi_opt import rules
from mutasi_opt.candidates import score_pairs
from mutasi_opt.plan.phrases import rule_words
from mutasi_opt.problem import Problem


@dataclass(frozen=True)
class PostExclusions:
    """Why people outside a post are not candidates for it.

    Attributes
    ----------
    first_rule
        Rule code -> people whose first excluding rule (in :data:`mutasi_opt.rules.RULES` order)
        it is; ``pruned`` counts people every rule allows but who were not kept among their best
        candidates.
    kept_by_stay_rules
        People excluded **only** by rules that keep **them** in place (tenure, retirement, lock,
        ...): they would otherwise be candidates. A rule that keeps some people in place but
        closes this post to a person it does not keep (``retirement``: the post's own BUP is
        near) is a plain exclusion for that person.
    """

    first_rule: dict[str, int]
    kept_by_stay_rules: dict[str, int]


def describe(code: str, language: str) -> str:
    """A code in words: a registered rule's own description; for what else closes a post (side
    rules, pruning) the plan's template; else the code."""
    if code in rules.RULE_CODES:
        return rules.rule(code).description(language)
    return rule_words(code, language)


def _first_rule(mask: npt.NDArray[np.uint32]) -> npt.NDArray[np.int64]:
    """Index of the lowest set bit of each mask (-1 for 0)."""
    out = np.full(mask.shape, -1, dtype=np.int64)
    for bit in range(len(rules.RULES) - 1, -1, -1):
        out[(mask >> np.uint32(bit)) & np.uint32(1) == 1] = bit
    return out


def _counts(codes: npt.NDArray[np.int64]) -> dict[str, int]:
    used = codes[codes >= 0]
    counts = np.bincount(used, minlength=len(rules.RULES))
    return {rules.RULE_CODES[k]: int(c) for k, c in enumerate(counts) if c}


EXCLUSION_BLOCK = 1 << 22
"""Person-post pairs whose rules are evaluated at once by :func:`exclusion_summary`."""

EXCLUSION_POSTS = 256
"""Posts whose masks :func:`exclusion_summary` holds at once (people x these, 4 bytes a pair)."""


def exclusion_summary(problem: Problem) -> Callable[[Sequence[int]], dict[int, PostExclusions]]:
    """A function giving :class:`PostExclusions` for each of a list of post indices.

    The rules are evaluated for every person against all the posts asked for at once (people in
    blocks, the posts broadcast): a post at a time would redo each person's competency sums per
    post (measured: 44 s for 88 posts at 100,000 people).
    """
    pairs = problem.pairs
    current = np.asarray(problem.instance.current_post)
    # Per person, the bits of the rules that keep them in place (those exclude every post but
    # their current one); the same tests as rules.pinned, rule by rule.
    everyone = np.arange(problem.n_people)
    keeping = np.zeros(problem.n_people, dtype=np.uint32)
    for k, r in enumerate(rules.RULES):
        if r.keeps_in_place:
            kept = rules.kept_by(r.code, problem.context, everyone)
            keeping |= np.where(kept, np.uint32(1 << k), np.uint32(0)).astype(np.uint32)

    def summaries(posts: Sequence[int]) -> dict[int, PostExclusions]:
        wanted = np.asarray(posts, dtype=np.int64)
        if wanted.size == 0:
            return {}
        n = problem.n_people
        # The candidates of every post asked for, from one pass over the pairs.
        asked = np.flatnonzero(np.isin(pairs.post, wanted))
        asked = asked[np.argsort(pairs.post[asked], kind="stable")]
        lows = np.searchsorted(pairs.post[asked], wanted, side="left")
        highs = np.searchsorted(pairs.post[asked], wanted, side="right")
        out = {}
        # A few posts at a time: the masks are people x those posts, never people x every post
        # asked (a round may leave thousands of posts without a candidate).
        for first in range(0, wanted.size, EXCLUSION_POSTS):
            part = wanted[first : first + EXCLUSION_POSTS]
            mask = np.empty((n, part.size), dtype=np.uint32)
            # The rules' block arrays are people x these posts (the competency sums too).
            step = max(1, EXCLUSION_BLOCK // part.size)
            for start in range(0, n, step):
                block = np.arange(start, min(n, start + step))
                mask[block] = rules.exclusion_mask(problem.context, block[:, None], part[None, :])
            for k, post in enumerate(part.tolist()):
                people = np.flatnonzero(current != post)
                m = mask[people, k]
                counted = _counts(_first_rule(m))
                allowed = people[m == 0]
                candidates = pairs.person[asked[lows[first + k] : highs[first + k]]]
                pruned = int((~np.isin(allowed, candidates)).sum())
                if pruned:
                    counted["pruned"] = pruned
                only_stay = (m != 0) & ((m & ~keeping[people]) == 0)
                out[post] = PostExclusions(counted, _counts(_first_rule(m[only_stay])))
        rules.forget_current()  # the last block's answer, and the context it holds
        return out

    return summaries


def person_exclusions(problem: Problem, person: int) -> dict[str, int]:
    """For one person, how many other posts each rule excluded first."""
    posts = np.flatnonzero(np.arange(problem.n_posts) != problem.instance.current_post[person])
    mask = rules.exclusion_mask(problem.context, np.full(posts.shape, person), posts)
    return _counts(_first_rule(mask))


def pair_codes(problem: Problem, person: int, posts: npt.ArrayLike) -> list[tuple[str, ...]]:
    """The codes of every rule excluding (person, post) for each post."""
    p = np.asarray(posts, dtype=np.int64)
    return rules.exclusion_codes(problem.context, np.full(p.shape, person), p)


def pair_details(problem: Problem, person: int, post: int, language: str) -> dict[str, str]:
    """Each rule excluding (person, post), with which requirement fails."""
    return rules.pair_details(problem.context, person, post, language)


def person_values(problem: Problem, person: int) -> npt.NDArray[np.float64]:
    """What every post would be worth to one person (value of the pair)."""
    posts = np.arange(problem.n_posts)
    scores = score_pairs(problem.context, np.full(posts.shape, person), posts)
    return np.asarray(scores.value, dtype=np.float64)
