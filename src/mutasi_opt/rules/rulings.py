"""The panel's rulings (``data.decisions``) as a hard rule of the round.

The table (:mod:`mutasi_opt.tables.decisions`) says, per person: ``keep`` (stays in the current
post), ``forbid`` (never this post, or no post of this unit), ``assign`` (exactly this post). They
become one registered rule, ``ruling`` (:data:`mutasi_opt.rules.RULES`, the last one), so that
candidate generation, the exclusion counts, vacancies' blockers, ``explain``, the reasons of a stay
and the infeasibility explanation all know them, and the audit re-derives them from the table
(:mod:`mutasi_opt.audit.panel`); the table read into arrays is
:mod:`mutasi_opt.rules.ruling_table`:

- a ``keep`` or ``assign`` ruling closes every other post of the person (their *target*: the
  current post for ``keep``, the post named for ``assign``);
- a ``forbid`` ruling closes the post, or every post of the unit, **including the person's
  current one**: a ruling is the one rule that may make a person leave their post (so may a
  ``keep``/``assign`` elsewhere);
- unlike the other rules, the ruling does not keep the current post open.

A target the other hard rules close is an error naming them
(:func:`mutasi_opt.problem.check_ruling_targets`, with the requirement each one fails), unless
the row says ``override``: then the pair is added to the candidates with its value (soft penalties
included) and the run lists it (:attr:`~mutasi_opt.rules.ruling_table.Rulings.overridden`). Two rulings that place people in one post beyond its capacity are an
error too. A soft rule never stops a ruling: its penalty stays in the pair's value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from mutasi_opt.arrays import BoolArray
from mutasi_opt.rules.masks import allow_all
from mutasi_opt.rules.ruling_table import Ruling

if TYPE_CHECKING:
    from mutasi_opt.rule_context import RuleContext

__all__ = ["detail", "forbidden", "rule_ruling", "ruling_clause", "stay_clause", "stays_ruling"]

Index = npt.NDArray[np.integer]


# --- the rule ---------------------------------------------------------------------------------


def stays_ruling(ctx: RuleContext, p: Index) -> BoolArray:
    """People a ruling keeps in their current post (``keep``, or ``assign`` to that post)."""
    r = ctx.rulings
    pa = np.asarray(p)
    if r is None or r.empty:
        return np.zeros(pa.shape, dtype=bool)
    t = r.target[pa]
    return np.asarray((t >= 0) & (t == ctx.current[pa]))


def forbidden(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """The pair is a post, or in a unit, that a ``forbid`` ruling closes to the person."""
    r = ctx.rulings
    pa, qa = np.asarray(p), np.asarray(q)
    out = np.zeros(np.broadcast_shapes(pa.shape, qa.shape), dtype=bool)
    if r is None:
        return out
    if pa.ndim == 2 and qa.ndim == 2 and pa.shape[1] == 1 and qa.shape[0] == 1:
        rows, cols = pa[:, 0], qa[0]
        if len(r.forbid_post):
            out |= r.forbid_post.grid_mask(rows, cols)
        if len(r.forbid_unit):
            out |= r.forbid_unit.grid_mask(rows, ctx.post_unit[cols])
        return out
    if len(r.forbid_post):
        out |= r.forbid_post.lookup(pa, qa) > 0
    if len(r.forbid_unit):
        out |= r.forbid_unit.lookup(pa, ctx.post_unit[qa]) > 0
    return out


def rule_ruling(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A ``keep``/``assign`` ruling closes every post but its target; ``forbid`` closes its post or
    unit (the current post included)."""
    r = ctx.rulings
    if r is None or r.empty:
        return allow_all()
    t = r.target[np.asarray(p)]
    allowed = (t < 0) | (np.asarray(q) == t)
    return np.asarray(allowed & ~forbidden(ctx, p, q))


# --- its words --------------------------------------------------------------------------------


def _noted(text: str, note: str, language: str) -> str:
    if not note:
        return text
    return f"{text} ({'catatan' if language == 'id' else 'note'}: {note})"


def ruling_clause(
    ctx: RuleContext, ruling: Ruling, language: str, post_name: str | None = None
) -> str:
    """The clause of one ruling in a person's reason, with its note (``post_name``: how the
    assigned post is called, default its position_id)."""
    name = post_name or (str(ctx.post_id[ruling.post]) if ruling.post >= 0 else "-")
    what = {
        "keep": ("keputusan panel: tetap di jabatannya", "panel ruling: stays in the post"),
        "assign": (
            f"keputusan panel: ditetapkan ke {name}",
            f"panel ruling: assigned to {name}",
        ),
        "forbid": (
            f"keputusan panel: tidak ke {ruling.position_id}",
            f"panel ruling: not to {ruling.position_id}",
        ),
    }[ruling.decision]
    text = what[0] if language == "id" else what[1]
    if ruling.override:
        text += " (mengesampingkan aturan)" if language == "id" else " (overriding the rules)"
    return _noted(text, ruling.note, language)


def stay_clause(ctx: RuleContext, i: int, language: str) -> str:
    """Why a ruling keeps person ``i`` in place, with the panel's note."""
    r = ctx.rulings
    if r is None:
        return ""
    placing = [x for x in r.of(i) if x.decision != "forbid"]
    return ruling_clause(ctx, placing[0], language) if placing else ""


def detail(ctx: RuleContext, i: int, j: int, language: str) -> str:
    """Which ruling closes the pair (``explain``, vacancies)."""
    r = ctx.rulings
    if r is None:
        return ""
    unit = int(ctx.post_unit[j])
    for x in r.of(i):
        closes = (
            (x.decision == "forbid" and (x.post == j or x.unit == unit))
            or (x.decision != "forbid" and x.post != j)
        )  # fmt: skip
        if closes:
            return ruling_clause(ctx, x, language)
    return ""
