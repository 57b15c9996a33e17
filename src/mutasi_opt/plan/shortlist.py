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
    by_post = np.argsort(pairs.post, kind="stable")
    starts = np.searchsorted(pairs.post[by_post], np.arange(problem.n_posts + 1))
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
    rows: list[dict[str, object]] = []
    order = targets[np.lexsort((post_ids[targets].astype(str), units[targets].astype(str),
                                -priority[targets]))]  # fmt: skip
    for j in order.tolist():
        idx = by_post[starts[j] : starts[j + 1]]
        people = pairs.person[idx].astype(np.int64)
        values = pairs.value[idx]
        rank_order = np.lexsort((ctx.nip_rank[people], -values))
        people, values = people[rank_order], values[rank_order]
        ranks = np.arange(1, people.size + 1)
        keep = (ranks <= size) | (ctx.to_post[people] == j)
        holders = values[ctx.to_post[people] == j]
        weakest = float(holders.min()) if holders.size else float("nan")
        fits = pairs.fit[idx][rank_order]
        jpm = _jpm(ctx, people[keep], j)
        for k, (i, value, rank, fit) in enumerate(
            zip(
                people[keep].tolist(),
                values[keep].tolist(),
                ranks[keep].tolist(),
                fits[keep].tolist(),
                strict=True,
            )
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
            rows.append(
                {
                    "position_id": str(post_ids[j]),
                    "title": titles[j],
                    "unit": units[j],
                    "priority": int(priority[j]),
                    "free_before": int(ctx.free_before[j]),
                    "rank": int(rank),
                    "nip": str(nips[i]),
                    "name": names[i],
                    "from_title": titles[source] if source >= 0 else "",
                    "from_unit": units[source] if source >= 0 else "",
                    "score": round(float(fit) * 100.0, 4),
                    "jpm": None if np.isnan(jpm[k]) else round(float(jpm[k]), 4),
                    "jpm_category": scoring.jpm_category(np.asarray([jpm[k]]), scheme)[0],
                    "nine_box": None if boxes[i] == 0 else int(boxes[i]),
                    "value": round(float(value), 6),
                    "chosen": got == j,
                    "plan_position_id": str(post_ids[got]),
                    "plan_title": titles[got],
                    "plan_unit": units[got],
                    "why_not": "" if code == "chosen" else code,
                    "why_not_text": text,
                }
            )
    if not rows:
        return empty_shortlist_frame()
    frame = pd.DataFrame(rows, columns=list(SHORTLIST_COLUMNS))
    frame["nine_box"] = frame["nine_box"].astype("Int64")
    return frame


def _jpm(ctx: PlanContext, people: npt.NDArray[np.int64], post: int) -> npt.NDArray[np.float64]:
    return jpm_at(ctx.problem, people, np.full(people.shape, post))
