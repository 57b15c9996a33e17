"""The value of each chosen pair, re-derived (docs/model.md, "The optimisation model")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np

from mutasi_opt.audit.cells import FloatArray
from mutasi_opt.audit.eligibility import outside_range
from mutasi_opt.audit.facts import Facts, fit_of
from mutasi_opt.audit.qualification import lacks_technical
from mutasi_opt.audit.vocabulary import MISSING_POTENTIAL, PERFORMANCE_VALUE, POTENTIAL_VALUE

if TYPE_CHECKING:
    from mutasi_opt.scenario import Scenario

VALUE_SCALE: Final[int] = 1_000_000
"""Integer scale of pair values, the audit's own copy: ``value_int = rint(value x VALUE_SCALE)``."""


@dataclass(frozen=True)
class Value:
    """The re-derived value of each chosen pair and its parts (fit, JPM, preference, penalty, and
    the overdue bonus, which the engine stores no part of: it is checked through the value)."""

    fit: FloatArray
    jpm: FloatArray
    pref: FloatArray
    penalty: FloatArray
    overdue: FloatArray
    value: FloatArray


def pair_values(f: Facts, s: Scenario) -> Value:
    """``value_ij`` of each chosen pair.

    ``p_j (w_fit fit_ij + w_performance perf_i + w_potential pot_i) + w_preference pref_ij
    - w_move_cost [i placed and j != current(i)] + w_overdue [moved past max_tenure_months]
    - penalty_ij`` (docs/model.md; the penalty of the soft rules and "a placement is not a move"
    as scoring.py documents them). Neither the overdue bonus nor a penalty is scaled by ``p_j``.
    """
    w, r = s.weights, s.rules
    with np.errstate(invalid="ignore", divide="ignore"):
        jpm = np.where(f.required > 0, 100.0 * f.official / f.required, np.nan)
    fit = fit_of(f.capped, f.required, f.score)
    perf = np.array([PERFORMANCE_VALUE.get(v, np.nan) if v is not None else np.nan
                     for v in f.predikat.tolist()])  # fmt: skip
    pot = np.array([MISSING_POTENTIAL if v is None else POTENTIAL_VALUE.get(v, np.nan)
                    for v in f.potential.tolist()])  # fmt: skip
    moved = f.placed & ~f.is_current
    penalty = np.zeros(f.nip.shape[0])
    if r.refusals == "soft":
        penalty = penalty + w.refusal_penalty * f.refused
    if r.rank_range == "soft":
        penalty = penalty + w.rank_range_penalty * outside_range(f)
    if r.missing_technical != "off":
        # Once per pair, however many teknis competencies the person lacks: for everyone when
        # soft; when hard, for the people who must be placed (the rule does not bar them).
        who = (
            np.ones(f.nip.shape[0], dtype=bool)
            if r.missing_technical == "soft"
            else (~f.placed | f.cur_abolished)
        )
        penalty = penalty + w.missing_technical_penalty * (lacks_technical(f) & who)
    penalty = np.where(f.is_current, 0.0, penalty)  # the current post is never penalised
    # docs/model.md, weights: "overdue: 0.05 # soft maximum tenure: bonus for moving someone past
    # max_tenure_months" (docs/domain.md, "Tenure window": past the maximum a person "should
    # move"). Strictly more whole months in the current post than the maximum; an unknown tenure
    # earns nothing (NaN compares false); a placement is no move.
    overdue: FloatArray = np.zeros(f.nip.shape[0])
    if r.max_tenure_months is not None:
        with np.errstate(invalid="ignore"):
            past = f.tenure > r.max_tenure_months
        overdue = (w.overdue * (moved & past)).astype(np.float64)
    p = f.to_priority / 3.0  # the default priority 3 is neutral
    value = (
        p * (w.fit * fit + w.performance * perf + w.potential * pot)
        + w.preference * f.pref
        - w.move_cost * moved
        + overdue
        - penalty
    )
    return Value(fit=fit, jpm=jpm, pref=f.pref, penalty=penalty, overdue=overdue, value=value)
