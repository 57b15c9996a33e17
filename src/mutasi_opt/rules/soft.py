"""The soft side of the rules: wishes (``pref_ij``) and the penalties of soft rules.

A soft rule keeps the pair but lowers its value (``refusals: soft``, ``rank_range: soft``,
``missing_technical: soft``); :func:`penalty` is subtracted in the value of
:func:`~mutasi_opt.scoring.composite_value`. The tests they are made of are the hard rules' own
(:mod:`mutasi_opt.rules.masks`).
"""

from __future__ import annotations

import numpy as np

from mutasi_opt.arrays import BoolArray, FloatArray
from mutasi_opt.rule_context import RuleContext
from mutasi_opt.rules.masks import (
    Index,
    is_current,
    missing_technical,
    must_be_placed,
    outside_rank_range,
    preference,
    refused,
)

__all__ = ["has_penalties", "has_preferences", "penalty", "preference"]


def _technical_penalised(ctx: RuleContext, p: Index) -> BoolArray | None:
    """Who pays the missing-technical penalty: everyone when soft, the people who must be placed
    when hard; ``None`` when nobody can."""
    if not ctx.technical.any() or ctx.rules.missing_technical == "off":
        return None
    if ctx.rules.missing_technical == "soft":
        return np.ones(np.asarray(p).shape, dtype=bool)
    return must_be_placed(ctx, p)


def has_preferences(ctx: RuleContext) -> bool:
    """True when someone has a wish (otherwise every ``pref_ij`` is 0)."""
    return len(ctx.wish_post) + len(ctx.wish_unit) > 0


def has_penalties(ctx: RuleContext) -> bool:
    """True when a soft rule can give a pair a penalty (otherwise every ``penalty_ij`` is 0)."""
    soft_refusal = (
        ctx.rules.refusals == "soft" and len(ctx.refused_post) + len(ctx.refused_unit) > 0
    )
    who = _technical_penalised(ctx, np.arange(ctx.n_people))
    soft_technical = who is not None and bool(who.any())
    return soft_refusal or ctx.rules.rank_range == "soft" or soft_technical


def penalty(ctx: RuleContext, person_idx: Index, post_idx: Index) -> FloatArray:
    """``penalty_ij`` of the soft rules (0 for the current post)."""
    p, q = np.asarray(person_idx), np.asarray(post_idx)
    out: FloatArray = np.zeros(np.broadcast_shapes(p.shape, q.shape))
    if ctx.rules.refusals == "soft" and len(ctx.refused_post) + len(ctx.refused_unit):
        out = out + ctx.weights.refusal_penalty * refused(ctx, p, q)
    if ctx.rules.rank_range == "soft":
        out = out + ctx.weights.rank_range_penalty * outside_rank_range(ctx, p, q)
    who = _technical_penalised(ctx, p)
    if who is not None and who.any():
        lacking = missing_technical(ctx, p, q) & who
        out = out + ctx.weights.missing_technical_penalty * lacking
    if out.any():
        out = np.where(is_current(ctx, p, q), 0.0, out)
    return out
