"""Candidate pairs: every (person, post) that passes the hard rules, scored, optionally pruned.

:func:`generate_candidates` walks the people in blocks. For a block of ``B`` people it evaluates
each rule of :data:`~mutasi_opt.rules.RULES` by broadcasting the people's attributes against all
posts' (``B x M`` boolean masks), computes JPM and fit with one matrix product
(:class:`~mutasi_opt.scoring.CompetencyGrid`), the preference and soft penalties, and the value of
every pair, then keeps the surviving pairs. The block size bounds memory (``B x M`` of a few arrays),
so a 20,000-person round never holds a dense people x posts object. Blocks run in threads, one per
core (:func:`block_threads`): NumPy releases the GIL on their arrays. The pairs and the statistics
do not depend on how many threads ran.

Pruning
-------
With ``scoring.candidates_per_person = K`` each person keeps the ``K`` eligible posts of highest
``value_int`` (ties: the lower post index) **plus the current post** when it is eligible. When ``K``
is at least a person's number of eligible posts nothing of theirs is pruned, so the candidate set,
and with it the optimum, is exactly that of ``K = null``. ``stats["pruned_pairs"]`` counts the
eligible pairs dropped.

Statistics
----------
``stats`` (``problem.stats``) holds ``pairs_considered`` (people x posts), ``eligible_pairs``,
``candidate_pairs``, ``pruned_pairs``, and ``excluded.<code>`` per rule: the pairs whose **first**
excluding rule in :data:`~mutasi_opt.rules.RULES` order is that rule (so they add up to
``pairs_considered - eligible_pairs``). ``missing_level_pairs`` counts candidate pairs where the
post requires a competency the person has no level for (counted 0), ``missing_level_people`` the
people concerned.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from mutasi_opt import rules
from mutasi_opt.arrays import BoolArray, FloatArray, Int64Array
from mutasi_opt.instance import CandidatePairs
from mutasi_opt.rule_context import RuleContext
from mutasi_opt.rules import (
    forget_current,
    has_penalties,
    has_preferences,
    penalty,
    preference,
)
from mutasi_opt.scoring import CompetencyGrid, capped_fit, composite_value, jpm, to_value_int

__all__ = [
    "DEFAULT_BLOCK_PAIRS",
    "PairScores",
    "generate_candidates",
    "score_pairs",
]

DEFAULT_BLOCK_PAIRS = 1 << 21
"""Pairs evaluated at once (people per block = this // posts; a last block under a quarter of that
joins the one before); about 100 MB of temporaries."""

MAX_BLOCK_THREADS = 4
"""Blocks scored at once, at most: one per core up to this, each holding its block's temporaries
(about 100 MB, :data:`DEFAULT_BLOCK_PAIRS`)."""

_KEY_LIMIT = 1 << 62
Index = npt.NDArray[np.integer]


@dataclass(frozen=True, eq=False)
class PairScores:
    """Scores of arbitrary pairs (eligible or not), as in :class:`CandidatePairs`."""

    fit: FloatArray
    jpm: FloatArray
    preference: FloatArray
    penalty: FloatArray
    value: FloatArray
    value_int: Int64Array
    is_current: BoolArray


def score_pairs(ctx: RuleContext, person_idx: npt.ArrayLike, post_idx: npt.ArrayLike) -> PairScores:
    """Fit, JPM, preference, penalty and value of the given pairs (flattened, broadcast together).

    The same numbers :func:`generate_candidates` stores for candidate pairs, computed pair by pair;
    used to explain what a pair that is not a candidate would be worth.
    """
    p, q = np.broadcast_arrays(np.atleast_1d(person_idx), np.atleast_1d(post_idx))
    p = p.ravel().astype(np.int64)
    q = q.ravel().astype(np.int64)
    lv, rq = ctx.levels[p], ctx.required[q]
    fit = capped_fit(lv, rq)
    score = ctx.scores.lookup(p, q, np.nan)
    fit = np.where(np.isnan(score), fit, score / 100.0)
    cur = ctx.current[p]
    pref = preference(ctx, p, q)
    pen = penalty(ctx, p, q)
    value = composite_value(
        priority=ctx.priority[q],
        fit=fit,
        performance=ctx.performance[p],
        potential=ctx.potential[p],
        preference=pref,
        moved=(cur >= 0) & (cur != q),
        penalty=pen,
        weights=ctx.weights,
        overdue=ctx.overdue[p],
    )
    return PairScores(
        fit=fit,
        jpm=jpm(lv, rq),
        preference=pref,
        penalty=pen,
        value=value,
        value_int=to_value_int(value),
        is_current=cur == q,
    )


@dataclass
class _Counts:
    excluded: npt.NDArray[np.int64]
    eligible: int = 0
    missing_pairs: int = 0
    missing_people: int = 0

    def add(self, other: _Counts) -> None:
        """Add the counts of another block (each block counts on its own: blocks run in
        threads)."""
        self.excluded += other.excluded
        self.eligible += other.eligible
        self.missing_pairs += other.missing_pairs
        self.missing_people += other.missing_people


def block_threads() -> int:
    """Threads for the blocks: the cores this process may use, at most
    :data:`MAX_BLOCK_THREADS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_BLOCK_THREADS, cores))


def _top_k(rows: Index, cols: Index, value_int: Int64Array, k: int, m: int) -> BoolArray:
    """Mask of the entries among their row's ``k`` best (value desc, then column asc).

    ``rows`` is sorted; entries are the eligible (row, column) pairs of one block. Each row's
    ``k``-th best key is found by one ``np.partition`` of a padded rows x entries matrix.
    """
    n_rows = int(rows[-1]) + 1 if rows.shape[0] else 0
    counts = np.bincount(rows, minlength=n_rows)
    if not (counts > k).any():
        return np.ones(rows.shape[0], dtype=bool)
    if np.abs(value_int).max(initial=0) >= _KEY_LIMIT // max(m, 1):
        raise ValueError("pair values too large to rank; reduce the weights")
    # One distinct int64 key per pair of a row: higher value first, then lower post index.
    key = value_int * m + (m - 1 - cols.astype(np.int64))
    starts = np.cumsum(counts) - counts
    width = int(counts.max())
    # Padding below every key, and distinct (introselect is slow on many equal values).
    padded = np.broadcast_to(np.iinfo(np.int64).min + np.arange(width), (n_rows, width)).copy()
    padded[rows, np.arange(rows.shape[0]) - starts[rows]] = key
    threshold = np.partition(padded, width - k, axis=1)[:, width - k] if width > k else padded[:, 0]
    return np.asarray(key >= threshold[rows])


def _block_preference(ctx: RuleContext, start: int, stop: int, r: Index, c: Index) -> FloatArray:
    """``pref_ij`` of a block's eligible pairs ``(start + r, c)`` (sorted), as in ``preference``.

    Post wishes are few: each is found among the pairs by binary search; unit wishes go through a
    small people x units table.
    """
    out = np.zeros(r.shape[0])
    if not has_preferences(ctx) or r.shape[0] == 0:
        return out
    m = ctx.n_posts
    wishes = ctx.wish_post
    lo, hi = int(wishes.ptr[start]), int(wishes.ptr[stop])
    if hi > lo:
        pair_keys = r.astype(np.int64) * m + c
        wish_keys = (wishes.person[lo:hi].astype(np.int64) - start) * m + wishes.col[lo:hi]
        pos = np.minimum(np.searchsorted(pair_keys, wish_keys), pair_keys.shape[0] - 1)
        hit = pair_keys[pos] == wish_keys
        out[pos[hit]] = wishes.value[lo:hi][hit]
    if len(ctx.wish_unit):
        table = ctx.wish_unit.grid(np.arange(start, stop), np.arange(len(ctx.units)))
        out = np.maximum(out, table[r, ctx.post_unit[c]])
    return out


def _keep_only_current(
    ctx: RuleContext, stays: BoolArray, rows: Index, remaining: BoolArray
) -> int:
    """Apply a "stays" rule to a block in place; return how many pairs it newly excludes.

    Works on the rows of the people who stay only (a stays rule allows every pair of the others).
    """
    local = np.flatnonzero(stays)
    if local.shape[0] == 0:
        return 0
    current = ctx.current[rows[local]]
    placed = current >= 0
    before = int(np.count_nonzero(remaining[local]))
    kept = np.zeros(local.shape[0], dtype=bool)
    kept[placed] = remaining[local[placed], current[placed]]
    remaining[local] = False
    remaining[local[kept], current[kept]] = True
    return before - int(kept.sum())


def _eligible(ctx: RuleContext, rows: Index, counts: _Counts) -> tuple[Index, Index]:
    """(local row, post) of the block's pairs that pass every rule, in row-major order."""
    p = rows[:, None]
    q = np.arange(ctx.n_posts)[None, :]
    remaining = np.ones((rows.shape[0], ctx.n_posts), dtype=bool)
    alive = remaining.size
    for bit, rule in enumerate(rules.RULES):
        if rule.stays is not None and rule.pure_stays:
            lost = _keep_only_current(ctx, rule.stays(ctx, rows), rows, remaining)
        else:
            allowed = rule.func(ctx, p, q)
            if allowed.ndim == 0 and bool(allowed):
                continue
            remaining &= allowed
            lost = alive - int(np.count_nonzero(remaining))
        counts.excluded[bit] += lost
        alive -= lost
    counts.eligible += alive
    r, c = np.nonzero(remaining)
    return r, c


def _block(
    ctx: RuleContext, grid: CompetencyGrid, start: int, stop: int, k: int | None, counts: _Counts
) -> dict[str, npt.NDArray[np.generic]]:
    """Candidate pairs of people ``start:stop``, scored and pruned (arrays of one block)."""
    rows = np.arange(start, stop)
    r, c = _eligible(ctx, rows, counts)
    # Competency sums of the block against every standard by BLAS; only eligible pairs are read.
    official, capped, missing = grid.block_sums(ctx.levels, start, stop)
    person = r + start
    standard = grid.profile[c]  # the sums' column of each pair's post
    total = grid.total[c]
    fit = np.where(total > 0, capped[r, standard] / np.maximum(total, 1.0), 0.0)
    if len(ctx.scores):
        score = ctx.scores.grid(rows, np.arange(ctx.n_posts), np.nan)[r, c]
        fit = np.where(np.isnan(score), fit, score / 100.0)
    current = ctx.current[person]
    pref = _block_preference(ctx, start, stop, r, c)
    # Penalties from dense block grids (rare: only soft rules give any).
    pen = (
        penalty(ctx, rows[:, None], np.arange(ctx.n_posts)[None, :])[r, c]
        if has_penalties(ctx)
        else np.zeros(r.shape[0])
    )
    value = composite_value(
        priority=ctx.priority[c],
        fit=fit,
        performance=ctx.performance[person],
        potential=ctx.potential[person],
        preference=pref,
        moved=(current >= 0) & (current != c),
        penalty=pen,
        weights=ctx.weights,
        overdue=ctx.overdue[person],
    )
    value_int = to_value_int(value)
    is_current = current == c
    out: dict[str, npt.NDArray[np.generic]] = {
        "person": person.astype(np.int32),
        "post": c.astype(np.int32),
        "value": value,
        "value_int": value_int,
        "fit": fit,
        "preference": pref,
        "penalty": pen,
        "is_current": is_current,
    }
    if k is not None and k < ctx.n_posts:
        keep = np.flatnonzero(_top_k(r, c, value_int, k, ctx.n_posts) | is_current)
        out = {name: values[keep] for name, values in out.items()}
        r, standard, total = r[keep], standard[keep], total[keep]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["jpm"] = np.where(total > 0, (100.0 * official[r, standard]) / total, np.nan)
    gaps = missing[r, standard] > 0
    counts.missing_pairs += int(gaps.sum())
    counts.missing_people += int(np.unique(r[gaps]).shape[0])
    return out


def generate_candidates(
    ctx: RuleContext, candidates_per_person: int | None, block_pairs: int = DEFAULT_BLOCK_PAIRS
) -> tuple[CandidatePairs, dict[str, int]]:
    """Candidate pairs of the context, sorted by (person, post), and their statistics.

    Parameters
    ----------
    ctx
        The arrays of the scenario (:func:`~mutasi_opt.rule_context.build_context`).
    candidates_per_person
        ``K``: keep the ``K`` best eligible posts per person plus the current post; ``None`` keeps
        every eligible pair.
    block_pairs
        About how many pairs to evaluate at once (memory versus speed).
    """
    n, m = ctx.n_people, ctx.n_posts
    grid = ctx.grid
    counts = _Counts(excluded=np.zeros(len(rules.RULES), dtype=np.int64))
    step = max(1, block_pairs // max(m, 1))
    starts = list(range(0, n, step)) if m else []
    if len(starts) > 1 and n - starts[-1] < step // 4:
        starts.pop()  # a short last block joins the one before (one block fewer to copy together)
    ends = [*starts[1:], n] if starts else []

    def one(span: tuple[int, int]) -> tuple[dict[str, npt.NDArray[np.generic]], _Counts]:
        own = _Counts(excluded=np.zeros(len(rules.RULES), dtype=np.int64))
        return _block(ctx, grid, span[0], span[1], candidates_per_person, own), own

    spans = list(zip(starts, ends, strict=True))
    threads = min(len(spans), block_threads())
    if threads > 1:
        # NumPy releases the GIL on a block's large arrays, so blocks run side by side; BLAS
        # keeps one thread per block (its own threads on top would fight for the same cores:
        # measured 20 s against 14 s at 100,000 people on 2 cores).
        with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(threads) as pool:
            done = list(pool.map(one, spans))  # in block order, whatever finishes first
    else:
        done = [one(span) for span in spans]
    parts = [part for part, _ in done]
    for _, own in done:
        counts.add(own)
    grid.forget()
    forget_current()

    def joined(name: str, dtype: type[np.generic]) -> npt.NDArray[Any]:
        if not parts:
            return np.zeros(0, dtype=dtype)
        if len(parts) == 1:
            return parts[0][name].astype(dtype, copy=False)
        return np.concatenate([part[name] for part in parts]).astype(dtype, copy=False)

    person = joined("person", np.int32)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(person, minlength=n), out=ptr[1:])
    pairs = CandidatePairs(
        person=person,
        post=joined("post", np.int32),
        value=joined("value", np.float64),
        value_int=joined("value_int", np.int64),
        fit=joined("fit", np.float64),
        jpm=joined("jpm", np.float64),
        preference=joined("preference", np.float64),
        penalty=joined("penalty", np.float64),
        is_current=joined("is_current", np.bool_),
        ptr=ptr,
    )
    stats = {
        "pairs_considered": n * m,
        "eligible_pairs": counts.eligible,
        "candidate_pairs": len(pairs),
        "pruned_pairs": counts.eligible - len(pairs),
        **{
            f"excluded.{code}": int(v)
            for code, v in zip(rules.RULE_CODES, counts.excluded, strict=True)
        },
        "missing_level_pairs": counts.missing_pairs,
        "missing_level_people": counts.missing_people,
    }
    return pairs, stats
