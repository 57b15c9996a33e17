"""People's competencies against posts, read from a round's rule context.

Per-competency gaps of any (person, post) pairs, and each incumbent's JPM and fit in the post
they hold: what the needs analysis, the development plans and ``people_frame`` report. The
formulas are :func:`mutasi_opt.scoring.jpm` and :func:`mutasi_opt.scoring.capped_fit`; this module
only picks the rows of :attr:`RuleContext.levels` and :attr:`RuleContext.required` they apply to.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.arrays import FloatArray
from mutasi_opt.rule_context import RuleContext
from mutasi_opt.scoring import has_competency_data, jpm

__all__ = ["competency_gaps", "incumbent_fit", "incumbent_jpm"]


def competency_gaps(
    ctx: RuleContext, person_idx: npt.ArrayLike, post_idx: npt.ArrayLike
) -> pd.DataFrame:
    """Per-competency gaps of pairs, over each post's required competencies.

    Parameters
    ----------
    ctx
        The round's rule context (``problem.context``: its ``levels``, ``required``,
        ``competency_codes``, ``nip`` and ``post_id``).
    person_idx, post_idx
        Person and post indices (scalars or arrays, broadcast together).

    Returns
    -------
    pandas.DataFrame
        One row per (pair, required competency), in pair order then competency order, with
        columns ``person``, ``post``, ``nip``, ``position_id``, ``competency``, ``required``,
        ``level`` (0 when the person has none) and ``gap = level - required`` (negative = a
        shortfall to develop).
    """
    p, q = np.broadcast_arrays(np.atleast_1d(person_idx), np.atleast_1d(post_idx))
    p = p.ravel().astype(np.int64)
    q = q.ravel().astype(np.int64)
    req = ctx.required[q]
    row, col = np.nonzero(req > 0)
    lv = ctx.levels[p[row], col].astype(np.int64)
    rq = req[row, col].astype(np.int64)
    codes = np.array(ctx.competency_codes, dtype=object)
    return pd.DataFrame(
        {
            "person": p[row],
            "post": q[row],
            "nip": ctx.nip[p[row]],
            "position_id": ctx.post_id[q[row]],
            "competency": codes[col],
            "required": rq,
            "level": lv,
            "gap": lv - rq,
        }
    )


def incumbent_jpm(ctx: RuleContext) -> FloatArray:
    """Official JPM of each person in their current post (NaN when not placed, the post has no
    requirements, or the person has no competency data:
    :func:`~mutasi_opt.scoring.has_competency_data`)."""
    out = np.full(ctx.n_people, np.nan)
    placed = np.flatnonzero((ctx.current >= 0) & has_competency_data(ctx.levels))
    out[placed] = jpm(ctx.levels[placed], ctx.required[ctx.current[placed]])
    return out


def incumbent_fit(ctx: RuleContext) -> FloatArray:
    """Fit of each person in their current post, the ``scores`` override applied (NaN if not
    placed): :attr:`RuleContext.fit_current`, which ``no_fit_loss`` compares against."""
    return np.asarray(ctx.fit_current, dtype=np.float64)
