"""The plan's key figures (``summary.json`` ``kpis`` and every report).

Definitions (keys are a contract read by the reports):

``people``, ``moves``, ``placements``, ``moves_by_type``
    People; placed people whose post changes (rotasi, promosi, demosi: what ``rules.max_moves``
    limits and the checker counts); people without a post who get one; count per move type
    (``stay`` included). The ``moved`` column of the assignments is true for both moves and
    placements.
``fit_mean_before``, ``fit_mean_after``, ``jpm_mean_before``, ``jpm_mean_after``
    Mean fit (the capped match in [0, 1], what the optimiser weighs) and mean official JPM
    (percent) of the people placed before the round, in their post before and after, over those
    with competency data (:mod:`mutasi_opt.plan.measures`); ``None`` when nobody counts.
``no_competency_data``
    Placed people without any competency data: their JPM is unknown (empty in the CSV, no
    category) and they are left out of the means, as in the needs analysis.
``fit_raising_moves``, ``fit_lowering_moves``, ``fit_lowering_moves_abolished``
    Moves that raise / lower the mover's own fit (moves out of an abolished post counted apart).
``movers_without_wish``
    Moves of people who stated no wish.
``priority_seats_open_before``, ``priority_seats_filled``, ``priority_seats_open_after``
    Free seats of priority 4-5 posts before, of those taken, still free after;
    ``priority_seats_recruitment``: of those still free, seats nobody else may take (a
    recruitment need); ``priority_seats_qualified_elsewhere``: seats whose other candidates all
    hold priority 4-5 posts already.
``jpm_category_before``, ``jpm_category_after``
    People per JPM category (the scenario's scheme; all three labels, zeros included).
``vacancies_before``, ``vacancies_after``
    Free **seats** of active posts before and after (a pooled post with 3 free seats counts 3).
``vacancies_filled_by_priority``
    Per priority "1".."5": ``open_before`` (free seats before) and ``filled`` (seats free before
    that are taken after: per post ``max(0, free_before - free_after)``).
``overdue_tenure``, ``overdue_tenure_moved``
    People past ``rules.max_tenure_months`` in their post before, and how many of them moved.
``wishes_people``, ``wishes_honoured``, ``wishes_honoured_share``
    People with at least one wish; those whose new post (or its unit) is one of their wishes (a
    stay in a wished post counts); the share (``None`` without wishes).
``refusals``, ``refusals_respected``
    Refusal rows; rows not broken by the plan (a refusal is broken when the person moves into the
    refused post or unit).
``unit_flows``
    Per unit (sorted by name): ``staff_before``, ``staff_after``, ``moves_in`` (from another unit
    or from no post), ``moves_out`` (to another unit), ``moves_within`` (post changes inside it),
    ``net_loss`` (``moves_out - moves_in``, at least 0) and ``net_loss_share`` (of
    ``staff_before``).
``largest_net_loss``
    The unit with the largest ``net_loss_share`` (``{"unit", "net_loss", "net_loss_share"}``;
    ``None`` when no unit loses anyone).
``fairness``
    ``gender`` (L, P) and ``golongan_group`` (I..IV): per group ``staff``, ``staff_share``,
    ``moves``, ``move_share`` (shares of all people and of all moves; placements not counted).
``nine_box_before``, ``nine_box_after``
    People per 9-box (1-9; people without potential are not counted). The 9-box is a property of
    the person, not of the post, so both are the same distribution; ``nine_box_moved`` counts the
    people moved (placements not counted) per box.
``total_value``, ``total_fit``, ``mean_fit_after``
    Sum of pair values (the objective), sum and mean of fit (in [0, 1]) over everyone in the
    plan (people without competency data count 0; ``fit_mean_after`` is the comparable figure).

``vacancies_before`` and ``vacancies_after`` count free seats: since everyone holds exactly one
post, ``vacancies_after`` is seats minus people whatever the plan, so the reports show the
priority seats instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt import domain
from mutasi_opt.arrays import unit_keys
from mutasi_opt.plan.measures import plan_measures
from mutasi_opt.plan.plan_context import PlanContext
from mutasi_opt.problem import Problem

MOVE_TYPES: tuple[str, ...] = ("stay", "rotasi", "promosi", "demosi", "placement")
DIGITS = 4
"""Floats in the KPIs are rounded to this many decimals (stable JSON text)."""


def _r(x: float | None) -> float | None:
    if x is None or not np.isfinite(x):
        return None
    return round(float(x), DIGITS)


def _mean(values: np.ndarray) -> float | None:
    known = values[~np.isnan(values)]
    return _r(float(known.mean())) if known.size else None


def _category_counts(labels: pd.Series, scheme: str) -> dict[str, int]:
    counts = labels.value_counts()
    return {label: int(counts.get(label, 0)) for label in domain.JPM_LABELS[scheme]}


def _box_counts(boxes: pd.Series) -> dict[str, int]:
    counts = boxes.dropna().astype(int).value_counts()
    return {str(b): int(counts.get(b, 0)) for b in range(1, 10)}


def golongan_group(golongan: pd.Series) -> pd.Series:
    """``III/c`` -> ``III``."""
    return golongan.astype(str).str.split("/").str[0]


def _fairness(groups: pd.Series, moved: pd.Series, order: tuple[str, ...]) -> list[dict[str, Any]]:
    n = len(groups)
    n_moves = int(moved.sum())
    staff = groups.value_counts()
    moves = groups[moved.to_numpy(dtype=bool)].value_counts()
    present = [g for g in order if g in staff.index] + sorted(set(staff.index) - set(order))
    return [
        {
            "group": g,
            "staff": int(staff.get(g, 0)),
            "staff_share": _r(staff.get(g, 0) / n) if n else None,
            "moves": int(moves.get(g, 0)),
            "move_share": _r(moves.get(g, 0) / n_moves) if n_moves else None,
        }
        for g in present
    ]


def preference_counts(problem: Problem) -> tuple[int, int]:
    """People with at least one wish, and refusal rows."""
    prefs = problem.tables.preferences
    refuse = prefs["refuse"].fillna(False).astype(bool)
    return int(prefs.loc[~refuse, "nip"].nunique()), int(refuse.sum())


def refusals_respected(ctx: PlanContext) -> int:
    """Refusal rows the plan does not break (see the module docstring)."""
    problem = ctx.problem
    prefs = problem.tables.preferences
    refs = prefs[prefs["refuse"].fillna(False).astype(bool)]
    if refs.empty:
        return 0
    index = pd.Index(problem.nip, dtype=object)
    who = index.get_indexer(pd.Index(refs["nip"].astype(str), dtype=object))
    known = who >= 0
    to = np.where(known, ctx.to_post[np.maximum(who, 0)], -1)
    moved = np.where(known, ctx.moved[np.maximum(who, 0)], False)
    to_id = np.asarray(problem.post_id, dtype=object)[np.maximum(to, 0)]
    to_unit = np.asarray(problem.units, dtype=object)[
        np.asarray(problem.instance.post_unit)[np.maximum(to, 0)]
    ]
    by_post = refs["position_id"].to_numpy(dtype=object) == to_id
    by_unit = unit_keys(refs["unit"].to_numpy(dtype=object)) == unit_keys(to_unit)
    broken = known & moved & (by_post | by_unit)
    return int((~broken).sum())


def count_kpis(problem: Problem) -> dict[str, Any]:
    """The KPIs that need no plan (for infeasible and timed-out runs)."""
    wishes, refusals = preference_counts(problem)
    return {
        "people": problem.n_people,
        "posts": problem.n_posts,
        "pairs": len(problem.pairs),
        "wishes_people": wishes,
        "refusals": refusals,
    }


def compute_kpis(ctx: PlanContext, assignments: pd.DataFrame) -> dict[str, Any]:
    """Every KPI of the module docstring, from the plan and its ``assignments`` frame."""
    problem = ctx.problem
    scheme = problem.scenario.scoring.jpm_categories
    a = assignments
    # A move is a placed person whose post changes; placements are counted apart.
    moved = pd.Series(ctx.moved & (ctx.from_post >= 0))
    type_counts = a["move_type"].value_counts()

    priority = np.asarray(problem.instance.priority, dtype=np.int64)
    filled = np.maximum(ctx.free_before - ctx.free_after, 0)
    by_priority = {
        str(p): {
            "open_before": int(ctx.free_before[priority == p].sum()),
            "filled": int(filled[priority == p].sum()),
        }
        for p in range(1, 6)
    }

    # The rules' own fact (tenure past rules.max_tenure_months; unplaced people have no tenure).
    overdue = ctx.rule_context.overdue

    wishes_people, refusals = preference_counts(problem)

    post_unit = np.asarray(problem.instance.post_unit, dtype=np.int64)
    fu = np.where(ctx.from_post >= 0, post_unit[np.maximum(ctx.from_post, 0)], -1)
    tu = post_unit[ctx.to_post]
    n_units = len(problem.units)
    staff_before = np.bincount(fu[fu >= 0], minlength=n_units)
    staff_after = np.bincount(tu, minlength=n_units)
    cross = ctx.moved & (fu != tu)
    moves_in = np.bincount(tu[cross], minlength=n_units)
    moves_out = np.bincount(fu[cross & (fu >= 0)], minlength=n_units)
    within = np.bincount(tu[ctx.moved & (fu == tu)], minlength=n_units)
    net_loss = np.maximum(moves_out - moves_in, 0)
    loss_share = np.where(staff_before > 0, net_loss / np.maximum(staff_before, 1), 0.0)
    flows = [
        {
            "unit": unit,
            "staff_before": int(staff_before[u]),
            "staff_after": int(staff_after[u]),
            "moves_in": int(moves_in[u]),
            "moves_out": int(moves_out[u]),
            "moves_within": int(within[u]),
            "net_loss": int(net_loss[u]),
            "net_loss_share": _r(float(loss_share[u])),
        }
        for u, unit in enumerate(problem.units)
    ]
    worst = int(np.argmax(loss_share)) if n_units else -1
    largest = (
        {
            "unit": problem.units[worst],
            "net_loss": int(net_loss[worst]),
            "net_loss_share": _r(float(loss_share[worst])),
        }
        if worst >= 0 and net_loss[worst] > 0
        else None
    )
    m = plan_measures(problem, ctx.to_post)

    boxes = a["nine_box"]
    fit = ctx.fit
    return {
        "people": ctx.n_people,
        "moves": int(moved.sum()),
        "placements": int((ctx.from_post < 0).sum()),
        "moves_by_type": {m: int(type_counts.get(m, 0)) for m in MOVE_TYPES},
        "fit_mean_before": _r(m.fit_mean_before),
        "fit_mean_after": _r(m.fit_mean_after),
        "jpm_mean_before": _r(m.jpm_mean_before),
        "jpm_mean_after": _r(m.jpm_mean_after),
        "no_competency_data": m.no_competency_data,
        "fit_raising_moves": m.fit_raising_moves,
        "fit_lowering_moves": m.fit_lowering_moves,
        "fit_lowering_moves_abolished": m.fit_lowering_moves_abolished,
        "movers_without_wish": m.movers_without_wish,
        "priority_seats_open_before": m.priority_seats_open_before,
        "priority_seats_filled": m.priority_seats_filled,
        "priority_seats_open_after": m.priority_seats_open_after,
        "priority_seats_recruitment": m.priority_seats_recruitment,
        "priority_seats_qualified_elsewhere": m.priority_seats_qualified_elsewhere,
        "jpm_category_before": _category_counts(a["jpm_category_before"], scheme),
        "jpm_category_after": _category_counts(a["jpm_category"], scheme),
        "vacancies_before": int(ctx.free_before.sum()),
        "vacancies_after": int(ctx.free_after.sum()),
        "vacancies_filled_by_priority": by_priority,
        "overdue_tenure": int(overdue.sum()),
        "overdue_tenure_moved": int((overdue & ctx.moved).sum()),
        "wishes_people": wishes_people,
        "wishes_honoured": m.wishes_honoured,
        "wishes_honoured_share": _r(m.wishes_honoured / wishes_people) if wishes_people else None,
        "refusals": refusals,
        "refusals_respected": refusals_respected(ctx),
        "unit_flows": flows,
        "largest_net_loss": largest,
        "fairness": {
            "gender": _fairness(a["gender"].astype(str), moved, ("L", "P")),
            "golongan_group": _fairness(
                golongan_group(a["golongan"]), moved, ("I", "II", "III", "IV")
            ),
        },
        "nine_box_before": _box_counts(boxes),
        "nine_box_after": _box_counts(boxes),
        "nine_box_moved": _box_counts(boxes[moved.to_numpy(dtype=bool)]),
        "total_value": _r(float(np.nansum(ctx.value))),
        "total_fit": _r(float(np.nansum(fit))),
        "mean_fit_after": _mean(fit),
    }
