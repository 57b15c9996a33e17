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
    # Column by column (a dict per row costs more on a large round): same values, same order.
    cols: dict[str, list[object]] = {c: [] for c in SHORTLIST_COLUMNS}
    order = targets[np.lexsort((post_ids[targets].astype(str), units[targets].astype(str),
                                -priority[targets]))]  # fmt: skip
    for j in order.tolist():
        lo, hi = int(starts[j]), int(starts[j + 1])
        holders = value_of[lo:hi][holding_of[lo:hi]]
        weakest = float(holders.min()) if holders.size else float("nan")
        listed, ranks = _listed(value_of[lo:hi], nip_rank_of[lo:hi], holding_of[lo:hi], size)
        at = lo + listed
        people, values, fits = person_of[at], value_of[at], pairs.fit[by_post[at]]
        jpm = _jpm(ctx, people, j)
        categories = scoring.jpm_category(jpm, scheme)
        for k, (i, value, rank, fit) in enumerate(
            zip(people.tolist(), values.tolist(), ranks.tolist(), fits.tolist(), strict=True)
        ):
            got = int(ctx.to_post[i])
            there = float(ctx.value[i])
            if got == j:
                code, text = "chosen", _w("chosen", lang)
            elif moves_block[i]:
                code, text = "max_moves", _w("max_moves", lang)
            elif outflow_block[i] and post_unit[j] != problem.instance.person_unit[i]:
                code, text = "unit_outflow", _w("unit_outflow", lang)
            elif value <= there:
                code = "better_elsewhere"
                text = _w("better_elsewhere", lang, post=f"{titles[got]} ({units[got]})",
                          there=fmt_value(there, lang), here=fmt_value(value, lang))  # fmt: skip
            elif ctx.free_after[j] == 0 and holders.size:
                code = "lower_value"
                text = _w("lower_value", lang, here=fmt_value(value, lang),
                          holder=fmt_value(weakest, lang))  # fmt: skip
            else:
                code = "plan_total"
                text = _w("plan_total", lang, here=fmt_value(value, lang),
                          there=fmt_value(there, lang))  # fmt: skip
            source = int(ctx.from_post[i])
            row = (
                str(post_ids[j]), titles[j], units[j], int(priority[j]),
                int(ctx.free_before[j]), int(rank), str(nips[i]), names[i],
                titles[source] if source >= 0 else "", units[source] if source >= 0 else "",
                round(float(fit) * 100.0, 4),
                None if np.isnan(jpm[k]) else round(float(jpm[k]), 4), categories[k],
                None if boxes[i] == 0 else int(boxes[i]), round(float(value), 6), got == j,
                str(post_ids[got]), titles[got], units[got], "" if code == "chosen" else code,
                text,
            )  # fmt: skip
            for column, cell in zip(cols.values(), row, strict=True):
                column.append(cell)
    if not cols["position_id"]:
        return empty_shortlist_frame()
    frame = pd.DataFrame(cols, columns=list(SHORTLIST_COLUMNS))
    frame["nine_box"] = frame["nine_box"].astype("Int64")
    return frame


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
