"""The ``assignments.csv`` frame: one row per person, in the employees table's order.

Numbers are rounded for a readable, stable file: ``score`` (fit x 100 in the new post) and
``score_before`` (the same in the post held before, empty for someone unplaced), ``jpm_before`` and
``jpm_after`` to 2 decimals, ``value`` to 6. Missing text is ``""``; a missing JPM category,
9-box or wish rank is empty (pandas ``NA``/``None``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from mutasi_opt import scoring
from mutasi_opt.arrays import unit_keys
from mutasi_opt.plan.plan_context import ObjArray, PlanContext

if TYPE_CHECKING:
    from mutasi_opt.plan.firmness import Firmness

ASSIGNMENT_COLUMNS: tuple[str, ...] = (
    "nip", "name", "from_position_id", "from_title", "from_unit", "to_position_id", "to_title",
    "to_unit", "moved", "move_type", "score", "score_before", "jpm_before", "jpm_after", "jpm_category",
    "jpm_category_before", "value", "reason", "reason_code", "chain_id", "gender", "golongan",
    "performance", "nine_box", "wish_rank_honoured", "ruling", "veto_cost", "veto_cost_kind",
    "stability",
)  # fmt: skip
"""``ruling``: the panel's rulings about the person (``keep``, ``forbid``, ``assign``, joined by
``+``; ``""`` for none), each quoted with its note in ``reason``. ``veto_cost``: for a person
moved, the value the plan loses if the panel vetoes the move (:mod:`mutasi_opt.plan.firmness`;
``inf``: no plan without it), ``veto_cost_kind`` ``exact`` (re-solved) or ``bound`` (a proven
lower bound from the duals); ``stability``: the share of robustness samples in which the move
survives (:mod:`mutasi_opt.plan.robustness`). Empty when not computed or for a person who
stays."""


def empty_assignments_frame() -> pd.DataFrame:
    """An assignments frame with its columns and no rows."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in ASSIGNMENT_COLUMNS})
    frame["moved"] = frame["moved"].astype(bool)
    for c in ("score", "score_before", "jpm_before", "jpm_after", "value"):
        frame[c] = frame[c].astype(np.float64)
    for c in ("nine_box", "wish_rank_honoured"):
        frame[c] = frame[c].astype("Int64")
    return frame


def ruling_words(ctx: PlanContext) -> ObjArray:
    """Per person, the decisions of the panel's rulings about them (``assign+forbid``, ``""``)."""
    out = np.full(ctx.n_people, "", dtype=object)
    rulings = ctx.rule_context.rulings
    if rulings is None:
        return out
    seen: dict[int, list[str]] = {}
    for x in rulings.items:
        words = seen.setdefault(x.person, [])
        if x.decision not in words:
            words.append(x.decision)
    for i, words in seen.items():
        out[i] = "+".join(words)
    return out


def _firmness_columns(n: int, firmness: Firmness | None) -> dict[str, object]:
    """``veto_cost``, ``veto_cost_kind`` and ``stability`` (empty without them)."""
    cost = np.full(n, np.nan)
    kind = np.full(n, "", dtype=object)
    share = np.full(n, np.nan)
    if firmness is not None:
        cost = np.where(np.isinf(firmness.veto.cost), np.inf, np.round(firmness.veto.cost, 6))
        kind = firmness.veto.kind
        if firmness.stability is not None:
            share = np.round(firmness.stability.share, 4)
    return {"veto_cost": cost, "veto_cost_kind": kind, "stability": share}


def move_types(ctx: PlanContext) -> ObjArray:
    """stay, rotasi, promosi, demosi or placement per person, by the job level of the two posts."""
    out = np.full(ctx.n_people, "rotasi", dtype=object)
    placed = ctx.from_post >= 0
    up = placed & (ctx.level[ctx.to_post] > ctx.level[np.maximum(ctx.from_post, 0)])
    down = placed & (ctx.level[ctx.to_post] < ctx.level[np.maximum(ctx.from_post, 0)])
    out[up] = "promosi"
    out[down] = "demosi"
    out[~ctx.moved] = "stay"
    out[~placed] = "placement"
    return out


def wish_rank_honoured(ctx: PlanContext) -> pd.Series:
    """Per person, the best (lowest) rank of a wish that the new post or its unit matches."""
    problem = ctx.problem
    prefs = problem.tables.preferences
    out = pd.Series(pd.array([pd.NA] * ctx.n_people, dtype="Int64"))
    wishes = prefs[~prefs["refuse"].fillna(False).astype(bool)]
    wishes = wishes[pd.to_numeric(wishes["rank"], errors="coerce").notna()]
    if wishes.empty:
        return out
    who = pd.Index(problem.nip, dtype=object).get_indexer(
        pd.Index(wishes["nip"].astype(str), dtype=object)
    )
    known = who >= 0
    safe = np.maximum(who, 0)
    to = ctx.to_post[safe]
    to_id = np.asarray(problem.post_id, dtype=object)[to]
    to_unit = np.asarray(problem.units, dtype=object)[np.asarray(problem.instance.post_unit)[to]]
    hit = known & (
        (wishes["position_id"].to_numpy(dtype=object) == to_id)
        | (unit_keys(wishes["unit"].to_numpy(dtype=object)) == unit_keys(to_unit))
    )
    if not hit.any():
        return out
    ranks = (
        pd.Series(pd.to_numeric(wishes["rank"], errors="coerce").to_numpy()[hit], index=who[hit])
        .groupby(level=0)
        .min()
    )
    out.iloc[ranks.index.to_numpy()] = ranks.to_numpy(dtype=np.int64)
    return out


def build_assignments(
    ctx: PlanContext,
    move_type: ObjArray,
    reason: ObjArray,
    reason_code: ObjArray,
    chain_id: ObjArray,
    wish_rank: pd.Series,
    firmness: Firmness | None = None,
) -> pd.DataFrame:
    """The frame of :data:`ASSIGNMENT_COLUMNS` (see the module docstring)."""
    problem = ctx.problem
    emp = problem.tables.employees
    pos = problem.tables.positions
    scheme = problem.scenario.scoring.jpm_categories
    post_ids = np.asarray(problem.post_id, dtype=object)
    titles = pos["title"].to_numpy(dtype=object)
    units = np.asarray(problem.units, dtype=object)[np.asarray(problem.instance.post_unit)]
    placed = ctx.from_post >= 0
    f = np.maximum(ctx.from_post, 0)
    boxes = scoring.nine_box(
        emp["performance"].to_numpy(dtype=object), emp["potential"].to_numpy(dtype=object)
    ).astype(np.int64)
    nine_box = pd.array(boxes, dtype="Int64")
    nine_box[boxes == 0] = pd.NA  # 0 = unknown (no potential)
    return pd.DataFrame(
        {
            "nip": np.asarray(problem.nip, dtype=object),
            "name": emp["name"].to_numpy(dtype=object),
            "from_position_id": np.where(placed, post_ids[f], ""),
            "from_title": np.where(placed, titles[f], ""),
            "from_unit": np.where(placed, units[f], ""),
            "to_position_id": post_ids[ctx.to_post],
            "to_title": titles[ctx.to_post],
            "to_unit": units[ctx.to_post],
            "moved": ctx.moved.astype(bool),
            "move_type": move_type,
            "score": np.round(ctx.fit * 100.0, 2),
            "score_before": np.round(ctx.rule_context.fit_current * 100.0, 2),
            "jpm_before": np.round(ctx.jpm_before, 2),
            "jpm_after": np.round(ctx.jpm_after, 2),
            "jpm_category": scoring.jpm_category(ctx.jpm_after, scheme),
            "jpm_category_before": scoring.jpm_category(ctx.jpm_before, scheme),
            "value": np.round(ctx.value, 6),
            "reason": reason,
            "reason_code": reason_code,
            "chain_id": chain_id,
            "gender": emp["gender"].to_numpy(dtype=object),
            "golongan": emp["golongan"].to_numpy(dtype=object),
            "performance": emp["performance"].to_numpy(dtype=object),
            "nine_box": nine_box,
            "wish_rank_honoured": wish_rank.array,
            "ruling": ruling_words(ctx),
            **_firmness_columns(ctx.n_people, firmness),
        },
        columns=list(ASSIGNMENT_COLUMNS),
    )
