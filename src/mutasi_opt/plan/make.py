"""The :class:`Plan` and :func:`make_plan`: a solver result made into a plan a panel can act on.

:func:`make_plan` turns a problem and its result into a :class:`Plan`: one row per person with the
move, its type and a reason in the panel's language (:mod:`.reasons`), the vacancy chains and
swap cycles (:mod:`.chains`), the posts left open and what blocked them (:mod:`.vacancies`), a
development plan for every person moved (:mod:`.development`) and the KPIs (:mod:`.kpis`).
:func:`explain_person` answers "why was this person (not) moved?".

Everything here is deterministic: the same problem and assignment give identical frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mutasi_opt.plan.assignments import (
    build_assignments,
    empty_assignments_frame,
    move_types,
    wish_rank_honoured,
)
from mutasi_opt.plan.chains import empty_chains_frame, find_chains
from mutasi_opt.plan.development import (
    development_plans,
    empty_development_frame,
)
from mutasi_opt.plan.firmness import Firmness
from mutasi_opt.plan.frontier import compute_frontier, empty_frontier_frame
from mutasi_opt.plan.kpis import compute_kpis, count_kpis
from mutasi_opt.plan.plan_context import build_context
from mutasi_opt.plan.reasons import build_reasons
from mutasi_opt.plan.rules_bridge import exclusion_summary
from mutasi_opt.plan.shortlist import empty_shortlist_frame, shortlist
from mutasi_opt.plan.vacancies import (
    ExclusionSummary,
    empty_vacancies_frame,
    find_vacancies,
)
from mutasi_opt.problem import Problem

if TYPE_CHECKING:
    # Only for annotations: importing mutasi_opt.solve would load the solvers with the plan.
    from mutasi_opt.solve.result import Result

__all__ = ["Plan", "make_plan"]


@dataclass(frozen=True, eq=False)
class Plan:
    """A solved round, ready for reports.

    Attributes
    ----------
    problem, result
        What the plan was made from.
    language
        ``"id"`` or ``"en"``: the language of every sentence in the frames.
    check
        The :class:`~mutasi_opt.check.CheckReport` of the result, when it was checked.
    assignments
        One row per person in the employees order (:data:`ASSIGNMENT_COLUMNS`).
    vacancies
        Active posts with free seats after the plan (:data:`VACANCY_COLUMNS`).
    chains
        Vacancy chains and swap cycles, one row per mover, in order (:data:`CHAIN_COLUMNS`).
    development
        Competency gaps of the people moved, with training and mentor (:data:`DEVELOPMENT_COLUMNS`).
    frontier
        The moves-versus-fit frontier with the plan marked (:mod:`mutasi_opt.plan.frontier`,
        ``frontier.csv``).
    shortlist
        Per vacancy and priority 4-5 post, the best candidates and why each was or was not
        chosen (:mod:`mutasi_opt.plan.shortlist`, ``shortlist.csv``).
    kpis
        Key figures (see :mod:`mutasi_opt.plan.kpis`).
    timings
        Seconds per pipeline phase (``load``, ``build``, ``solve``, ``check``, ``plan``), filled by
        :func:`mutasi_opt.pipeline.run`.

    Without a plan (infeasible, no solution in time) the frames are empty with their columns and
    ``kpis`` holds only counts.
    """

    problem: Problem
    result: Result
    language: str
    check: object | None
    assignments: pd.DataFrame
    vacancies: pd.DataFrame
    chains: pd.DataFrame
    development: pd.DataFrame
    kpis: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)
    frontier: pd.DataFrame = field(default_factory=empty_frontier_frame)
    shortlist: pd.DataFrame = field(default_factory=empty_shortlist_frame)
    firmness: Firmness | None = None
    """Veto costs and stability of the moves (:mod:`mutasi_opt.plan.firmness`), when computed."""
    notes: dict[str, Any] = field(default_factory=dict)
    """More keys of ``summary.json``: a run's ``alternatives``, an alternative's ``alternative``."""

    @property
    def has_plan(self) -> bool:
        """True when the result had an assignment."""
        return self.result.has_plan

    def summary(self) -> dict[str, Any]:
        """The body of ``summary.json`` (plain JSON types).

        Keys: ``scenario``, ``status``, ``backend``, ``objective``, ``bound``, ``gap``, ``seed``,
        ``language``, ``as_of``, ``timings`` (pipeline phases, plus the solver's own under
        ``solver``), ``counts``, ``kpis``, ``conflicts``, ``check``, ``proof`` (how the status was
        established and whether its independent check passed: ``{"method", "verified"}``).
        """
        result = self.result
        scenario = self.problem.scenario
        chains = self.chains
        timings: dict[str, Any] = {k: round(float(v), 3) for k, v in self.timings.items()}
        timings["solver"] = {k: round(float(v), 3) for k, v in result.timings.items()}
        counts = {
            "people": self.problem.n_people,
            "posts": self.problem.n_posts,
            "units": len(self.problem.units),
            "pairs": len(self.problem.pairs),
            "moves": int(self.kpis.get("moves", 0)),
            "placements": int(self.kpis.get("placements", 0)),
            "chains": int(chains.loc[chains["chain_type"] == "chain", "chain_id"].nunique()),
            "cycles": int(chains.loc[chains["chain_type"] == "cycle", "chain_id"].nunique()),
            "vacancies": int(self.vacancies["free_seats"].sum()) if len(self.vacancies) else 0,
            "development_rows": len(self.development),
        }
        return {
            "scenario": scenario.name,
            "status": result.status.value,
            "backend": result.backend,
            "objective": _num(result.objective),
            "bound": _num(result.bound),
            "gap": _num(result.gap),
            "seed": scenario.solver.seed,
            "language": self.language,
            "as_of": scenario.as_of.isoformat(),
            "timings": timings,
            "counts": counts,
            "kpis": self.kpis,
            "conflicts": [c.to_dict() for c in result.conflicts],
            "check": _check_summary(self.check),
            "proof": (
                result.proof.to_dict()
                if result.proof is not None
                else {"method": "none", "verified": False}
            ),
            **_rulings_summary(self.problem),
            **_baseline_summary(self.problem, result),
            **({"firmness": self.firmness.summary()} if self.firmness is not None else {}),
            **self.notes,
        }

    def __repr__(self) -> str:
        moves = int(self.kpis.get("moves", 0))
        return f"Plan({self.result.summary()}, moves={moves}, language={self.language})"


def _rulings_summary(problem: Problem) -> dict[str, Any]:
    """``summary.json``'s ``rulings``: how many of each, and every override with the rules it sets
    aside (absent without a decisions table)."""
    rulings = problem.rulings
    if rulings is None or rulings.empty:
        return {}
    counts = rulings.counts()
    overridden = [
        {
            "nip": x.nip,
            "position_id": str(problem.post_id[x.post]),
            "rules": list(rulings.overridden[x.person]),
            "note": x.note,
            "row": x.row,
        }
        for x in rulings.items
        if x.decision != "forbid" and x.person in rulings.overridden
    ]
    return {
        "rulings": {
            "keep": counts["keep"],
            "forbid": counts["forbid"],
            "assign": counts["assign"],
            "overridden": overridden,
        }
    }


def _baseline_summary(problem: Problem, result: Result) -> dict[str, Any]:
    """``summary.json``'s ``baseline`` for a re-plan: where the previous plan came from, the cap,
    and how many people this plan places differently (absent for a first plan)."""
    base = problem.baseline
    if base is None:
        return {}
    changes = None if result.assignment is None else base.changes(result.assignment)
    return {
        "baseline": {
            "source": base.source,
            "max_changes": base.max_changes,
            "changes": changes,
            "people_in_baseline": int((base.posts >= 0).sum()),
        }
    }


def _num(x: float | None) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), 6)


def _check_summary(check: object | None) -> Any:
    """The check report as plain data: ``ok``, the violations (rule and message), the objective
    recomputed and the moves; ``None`` without a check."""
    if check is None:
        return None
    to_dict = getattr(check, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    out: dict[str, Any] = {"ok": bool(getattr(check, "ok", False))}
    violations = getattr(check, "violations", None)
    if violations is not None:
        out["violations"] = [
            {"rule": str(getattr(v, "rule", "")), "message": str(getattr(v, "message", ""))}
            for v in violations
        ]
    for key in ("objective", "moves"):
        value = getattr(check, key, None)
        if isinstance(value, int | float | np.integer | np.floating):
            out[key] = _num(float(value)) if key == "objective" else int(value)
    return out


def make_plan(
    problem: Problem,
    result: Result,
    check: object | None = None,
    *,
    language: str | None = None,
    exclusions: ExclusionSummary | None = None,
    frontier: pd.DataFrame | None = None,
    firmness: Firmness | None = None,
) -> Plan:
    """Turn a solver result into a :class:`Plan`.

    Parameters
    ----------
    problem
        The problem that was solved.
    result
        Its result; without an assignment the plan has empty frames.
    check
        The independent check of the result, kept on the plan for the reports.
    language
        ``"id"`` or ``"en"``; default ``problem.scenario.output.language``.
    exclusions
        Optional, per post index: how many people each hard rule excluded from it (to explain
        vacancies without candidates). Default: :func:`mutasi_opt.plan.rules_bridge.exclusion_summary`.
    frontier
        The ``frontier.csv`` frame; default: :func:`~mutasi_opt.plan.frontier.compute_frontier`
        with ``output.frontier_solves`` exact solves, the plan marked.
    firmness
        The moves' veto costs and stability (:func:`mutasi_opt.plan.firmness.veto_costs`,
        :func:`mutasi_opt.plan.robustness.stability`): the ``veto_cost`` and ``stability``
        columns of ``assignments``; empty without.

    Returns
    -------
    Plan
    """
    lang = language or problem.scenario.output.language
    if lang not in ("id", "en"):
        raise ValueError(f"language must be 'id' or 'en', not {lang!r}")
    if result.assignment is None:
        return Plan(
            problem=problem,
            result=result,
            language=lang,
            check=check,
            assignments=empty_assignments_frame(),
            vacancies=empty_vacancies_frame(),
            chains=empty_chains_frame(),
            development=empty_development_frame(),
            kpis=count_kpis(problem),
        )
    ctx = build_context(problem, result.assignment, lang)
    chains = find_chains(ctx)
    mtype = move_types(ctx)
    wish = wish_rank_honoured(ctx)
    reason, code = build_reasons(ctx, chains, wish, mtype)
    assignments = build_assignments(ctx, mtype, reason, code, chains.chain_id, wish, firmness)
    if exclusions is None:
        exclusions = exclusion_summary(problem)
    if frontier is None:
        frontier = compute_frontier(
            problem,
            result.assignment,
            max_solves=problem.scenario.output.frontier_solves,
            between=problem.scenario.output.frontier_between,
        ).to_frame()
    kpis = compute_kpis(ctx, assignments)
    if problem.baseline is not None:
        kpis["changes_from_baseline"] = problem.baseline.changes(result.assignment)
    return Plan(
        problem=problem,
        result=result,
        language=lang,
        check=check,
        assignments=assignments,
        vacancies=find_vacancies(ctx, exclusions),
        chains=chains.frame,
        development=development_plans(ctx),
        kpis=kpis,
        frontier=frontier,
        shortlist=shortlist(ctx, problem.scenario.output.shortlist_size),
        firmness=firmness,
    )
