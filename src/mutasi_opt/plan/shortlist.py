"""A shortlist per post (``shortlist.csv``): for every vacancy and every priority 4-5 post, the best
eligible candidates, who was chosen, and why each other candidate was not.

Posts: every active post with a free seat before or after the round, and every active post of priority 4
or more. Candidates: the people for whom the post is a candidate pair (every hard rule allows it),
ranked by the pair's value (then NIP), the best ``output.shortlist_size``; whoever holds the post
after the round is always listed (``chosen``), ranked among them. Per row: the candidate's fit
(``score``, the fit × 100 as in ``assignments.csv``), JPM and its category, 9-box, the post they
hold in the plan, and ``why_not``:

``chosen``
    they hold this post after the round;
``max_moves`` / ``unit_outflow``
    a side rule kept them where they are;
``better_elsewhere``
    the post they have in the plan is worth as much or more to the plan for them (named);
``lower_value``
    the post is full, and its holders are worth more there than this candidate;
``plan_total``
    a seat was free and the post worth more to them, yet the plan as a whole is worth more
    without the move (their own post would be left to a weaker successor or empty).

Deterministic: the same plan gives the same rows in the same order (post priority, OPD, post id,
rank).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt import scoring
from mutasi_opt.plan.phrases import fmt_value
from mutasi_opt.plan.plan_context import PlanContext, jpm_at
from mutasi_opt.plan.vacancies import side_blocked

__all__ = ["SHORTLIST_COLUMNS", "empty_shortlist_frame", "shortlist"]

SHORTLIST_COLUMNS: tuple[str, ...] = (
    "position_id", "title", "unit", "priority", "free_before", "rank", "nip", "name",
    "from_title", "from_unit", "score", "jpm", "jpm_category", "nine_box", "value", "chosen",
    "plan_position_id", "plan_title", "plan_unit", "why_not", "why_not_text",
)  # fmt: skip

_WHY: dict[str, tuple[str, str]] = {
    "chosen": ("dipilih untuk jabatan ini", "chosen for this post"),
    "max_moves": ("batas jumlah mutasi sudah tercapai", "the limit on moves is reached"),
    "unit_outflow": (
        "batas pegawai keluar dari OPD-nya sudah tercapai",
        "the limit on people leaving their OPD is reached",
    ),
    "better_elsewhere": (
        "ditempatkan di {post}, bernilai {there} bagi rencana (di sini {here})",
        "placed at {post}, worth {there} to the plan (here {here})",
    ),
    "lower_value": (
        "nilai lebih rendah ({here}) daripada pemangku terpilih ({holder})",
        "worth less here ({here}) than the holder chosen ({holder})",
    ),
    "plan_total": (
        "ada kursi kosong dan bernilai lebih tinggi di sini ({here} > {there}), tetapi rencana "
        "secara keseluruhan bernilai lebih tinggi tanpa perpindahan ini",
        "a seat was free and it is worth more here ({here} > {there}), but the plan as a whole is "
        "worth more without this move",
    ),
}


def _w(key: str, lang: str, **values: object) -> str:
    text = _WHY[key][0 if lang == "id" else 1]
    return text.format(**values) if values else text


def empty_shortlist_frame() -> pd.DataFrame:
    """A shortlist frame with its columns and no rows."""
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in SHORTLIST_COLUMNS})


def shortlist(ctx: PlanContext, size: int) -> pd.DataFrame:
    """The ``shortlist.csv`` frame (see the module docstring)."""
    problem = ctx.problem
    lang = ctx.language
    pos = problem.tables.positions
    priority = pd.to_numeric(pos["priority"], errors="coerce").fillna(3).to_numpy(dtype=np.int64)
    targets = np.flatnonzero(
        ~ctx.abolished & ((ctx.free_before > 0) | (ctx.free_after > 0) | (priority >= 4))
    )
    if size <= 0 or targets.size == 0 or len(problem.pairs) == 0:
        return empty_shortlist_frame()
    pairs = problem.pairs
    # Pairs by post (a stable radix sort when post numbers fit in 16 bits).
    post_key = pairs.post.astype(np.uint16) if problem.n_posts < 2**16 else pairs.post
    by_post = np.argsort(post_key, kind="stable")
    post_of = pairs.post[by_post]
    starts = np.searchsorted(post_of, np.arange(problem.n_posts + 1))
    # Each post's candidates are then a slice of these (no gathering per post).
    person_of = pairs.person[by_post].astype(np.int64)
    value_of = pairs.value[by_post]
    holding_of = ctx.to_post[person_of] == post_of
    nip_rank_of = ctx.nip_rank[person_of]
    titles = pos["title"].to_numpy(dtype=object)
    units = np.asarray(problem.units, dtype=object)[np.asarray(problem.instance.post_unit)]
    post_ids = np.asarray(problem.post_id, dtype=object)
    nips = np.asarray(problem.nip, dtype=object)
    emp = problem.tables.employees
    names = emp["name"].to_numpy(dtype=object)
    boxes = scoring.nine_box(
        emp["performance"].to_numpy(dtype=object), emp["potential"].to_numpy(dtype=object)
    ).astype(np.int64)
    moves_block, outflow_block = side_blocked(ctx)
    scheme = problem.scenario.scoring.jpm_categories
    post_unit = np.asarray(problem.instance.post_unit)
    order = targets[np.lexsort((post_ids[targets].astype(str), units[targets].astype(str),
                                -priority[targets]))]  # fmt: skip
    # Per post, its listed candidates (positions in the by-post arrays) and their ranks; the
    # rows are then made column by column, over every post at once.
    spans: list[npt.NDArray[np.int64]] = []
    rank_parts: list[npt.NDArray[np.int64]] = []
    weakest = np.full(problem.n_posts, np.nan)
    n_holders = np.zeros(problem.n_posts, dtype=np.int64)
    for j in order.tolist():
        lo, hi = int(starts[j]), int(starts[j + 1])
        holders = value_of[lo:hi][holding_of[lo:hi]]
        if holders.size:
            weakest[j], n_holders[j] = float(holders.min()), holders.size
        listed, ranks = _listed(value_of[lo:hi], nip_rank_of[lo:hi], holding_of[lo:hi], size)
        spans.append(lo + listed)
        rank_parts.append(ranks)
    at = np.concatenate(spans)  # one part per target post: never empty
    if at.size == 0:
        return empty_shortlist_frame()
    rank = np.concatenate(rank_parts)
    post = post_of[at].astype(np.int64)
    who = person_of[at]
    values = value_of[at]
    fits = pairs.fit[by_post[at]]
    # The candidate pairs carry their JPM (:func:`jpm_at` recomputes it from the levels); only
    # a person without any competency data reads NaN, not 0.
    known = scoring.has_competency_data(problem.context.levels[who])
    jpm = np.where(known, pairs.jpm[by_post[at]], np.nan)
    got = ctx.to_post[who].astype(np.int64)
    there = ctx.value[who].astype(np.float64)
    source = ctx.from_post[who].astype(np.int64)
    chosen = got == post
    leaving = post_unit[post] != np.asarray(problem.instance.person_unit)[who]
    # The first that holds, in this order (the module docstring's list).
    code = np.select(
        [chosen, moves_block[who], outflow_block[who] & leaving, values <= there,
         (ctx.free_after[post] == 0) & (n_holders[post] > 0)],
        ["chosen", "max_moves", "unit_outflow", "better_elsewhere", "lower_value"],
        "plan_total",
    ).astype(object)  # fmt: skip
    text = [
        _why_text(c, lang, f"{titles[g]} ({units[g]})", t, v, float(weakest[j]))
        for c, g, t, v, j in zip(code.tolist(), got.tolist(), there.tolist(), values.tolist(),
                                 post.tolist(), strict=True)
    ]  # fmt: skip
    placed = source >= 0
    safe = np.maximum(source, 0)
    frame = pd.DataFrame(
        {
            "position_id": [str(x) for x in post_ids[post].tolist()],
            "title": titles[post],
            "unit": units[post],
            "priority": priority[post],
            "free_before": np.asarray(ctx.free_before, dtype=np.int64)[post],
            "rank": rank,
            "nip": [str(x) for x in nips[who].tolist()],
            "name": names[who],
            "from_title": np.where(placed, titles[safe], ""),
            "from_unit": np.where(placed, units[safe], ""),
            "score": [round(x * 100.0, 4) for x in fits.astype(np.float64).tolist()],
            "jpm": [None if x != x else round(x, 4) for x in jpm.tolist()],
            "jpm_category": scoring.jpm_category(jpm, scheme),
            "nine_box": pd.array(
                [None if b == 0 else b for b in boxes[who].tolist()], dtype="Int64"
            ),
            "value": [round(x, 6) for x in values.astype(np.float64).tolist()],
            "chosen": chosen,
            "plan_position_id": [str(x) for x in post_ids[got].tolist()],
            "plan_title": titles[got],
            "plan_unit": units[got],
            "why_not": np.where(chosen, "", code).astype(object),
            "why_not_text": text,
        },
        columns=list(SHORTLIST_COLUMNS),
    )
    return frame


def _why_text(code: str, lang: str, plan_post: str, there: float, here: float,
              weakest: float) -> str:  # fmt: skip
    """``why_not_text`` of a row: its code's sentence, with the values it names."""
    if code == "better_elsewhere":
        return _w(code, lang, post=plan_post, there=fmt_value(there, lang),
                  here=fmt_value(here, lang))  # fmt: skip
    if code == "lower_value":
        return _w(code, lang, here=fmt_value(here, lang), holder=fmt_value(weakest, lang))
    if code == "plan_total":
        return _w(code, lang, here=fmt_value(here, lang), there=fmt_value(there, lang))
    return _w(code, lang)


def _listed(
    values: npt.NDArray[np.float64],
    nip_rank: npt.NDArray[np.int64],
    holding: npt.NDArray[np.bool_],
    size: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The candidates of one post to list, in rank order, and their ranks: the best ``size`` by
    value (then NIP), and every holder wherever they rank.

    Only the pairs that can be listed are sorted: those worth at least the ``size``-th best value,
    and the holders (a post has thousands of candidates on a large round).
    """
    n = values.shape[0]
    if n > size:
        bar = np.partition(values, n - size)[n - size]  # the size-th best value
        near = np.flatnonzero((values >= bar) | holding)
    else:
        near = np.arange(n)
        bar = -np.inf
    near = near[np.lexsort((nip_rank[near], -values[near]))]
    # Rank = 1 + the candidates before it: worth more, or as much with a smaller NIP (NIPs are
    # unique, so the order is strict). Every candidate before one worth at least ``bar`` is
    # worth at least ``bar`` too, so in ``near``: its rank is its place there. Only a holder
    # below ``bar`` is counted against every candidate.
    ranks = np.arange(1, near.shape[0] + 1, dtype=np.int64)
    low = np.flatnonzero(values[near] < bar)
    if low.size:
        v, r = values[near[low]], nip_rank[near[low]]
        ranks[low] = 1 + (
            (values[None, :] > v[:, None])
            | ((values[None, :] == v[:, None]) & (nip_rank[None, :] < r[:, None]))
        ).sum(axis=1)
    keep = (ranks <= size) | holding[near]
    return near[keep], ranks[keep]


def _jpm(ctx: PlanContext, people: npt.NDArray[np.int64], post: int) -> npt.NDArray[np.float64]:
    return jpm_at(ctx.problem, people, np.full(people.shape, post))
