"""From a solver :class:`~mutasi_opt.solve.result.Result` to a plan a panel can act on.

:func:`make_plan` turns a problem and its result into a :class:`Plan`: one row per person with the
move, its type and a reason in the panel's language (:mod:`.reasons`), the vacancy chains and
swap cycles (:mod:`.chains`), the posts left open and what blocked them (:mod:`.vacancies`), a
development plan for every person moved (:mod:`.development`) and the KPIs (:mod:`.kpis`).
:func:`explain_person` answers "why was this person (not) moved, and what else was possible?".
"""

from __future__ import annotations

from mutasi_opt.plan.assignments import ASSIGNMENT_COLUMNS
from mutasi_opt.plan.chains import CHAIN_COLUMNS
from mutasi_opt.plan.development import DEVELOPMENT_COLUMNS
from mutasi_opt.plan.make import Plan, make_plan
from mutasi_opt.plan.person_explanation import PersonExplanation, explain_person
from mutasi_opt.plan.vacancies import VACANCY_COLUMNS

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "CHAIN_COLUMNS",
    "DEVELOPMENT_COLUMNS",
    "VACANCY_COLUMNS",
    "PersonExplanation",
    "Plan",
    "explain_person",
    "make_plan",
]
