"""Tiny Tables, Problems and Results for plan tests (no readers or solver involved).

A test names its people and posts in a few lines (:func:`make_tables`); :func:`make_problem` runs
:func:`~mutasi_opt.problem.build_problem` on them, with the candidate pairs the test lists and
exactly the values it gives (through the ``scores`` table); :func:`make_result` turns a
``{nip: position_id}`` plan into a :class:`Result` without a solver.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt import domain
from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.rule_context import build_context
from mutasi_opt.scenario import Scenario, scenario_from_dict
from mutasi_opt.scoring import priority_factor
from mutasi_opt.solve.result import Result, Status
from mutasi_opt.tables.model import (
    COMPETENCY_COLUMNS,
    PREFERENCE_COLUMNS,
    REQUIREMENT_COLUMNS,
    SCORE_COLUMNS,
    Tables,
)


def nip(seq: int, gender: str = "L", birth: str = "19800101", cpns: str = "200501") -> str:
    """An 18-digit NIP: birth date, CPNS month, gender digit (1 man, 2 woman), sequence."""
    return f"{birth}{cpns}{'1' if gender == 'L' else '2'}{seq:03d}"


def person(
    seq: int,
    name: str,
    post: str | None,
    *,
    gender: str = "L",
    golongan: str = "III/c",
    education: str = "S1",
    tmt: str | None = "2020-01-01",
    performance: str = "Baik",
    potential: str | None = "menengah",
    birth: str = "1980-01-01",
    status: str = "aktif",
    locked: bool = False,
) -> dict[str, Any]:
    """One employees row in canonical form."""
    return {
        "nip": nip(seq, gender, birth.replace("-", "")),
        "name": name,
        "position_id": post,
        "golongan": golongan,
        "education": education,
        "tmt_jabatan": pd.Timestamp(tmt) if tmt and post else pd.NaT,
        "performance": performance,
        "performance_prev": None,
        "potential": potential,
        "birth_date": pd.Timestamp(birth),
        "status": status,
        "locked": locked,
        "gender": gender,
        "cpns_date": pd.Timestamp("2005-01-01"),
    }


def post(
    position_id: str,
    title: str,
    unit: str,
    *,
    kind: str = "pelaksana",
    jenjang: str | None = None,
    capacity: int = 1,
    priority: int = 3,
    status: str = "active",
    needs_external_approval: bool = False,
) -> dict[str, Any]:
    """One positions row in canonical form."""
    return {
        "position_id": position_id,
        "title": title,
        "unit": unit,
        "kind": kind,
        "jenjang": jenjang,
        "capacity": capacity,
        "min_golongan": None,
        "max_golongan": None,
        "min_education": None,
        "priority": priority,
        "status": status,
        "needs_external_approval": needs_external_approval,
    }


def _frame(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    rows = list(rows)
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    return pd.DataFrame(rows, columns=list(columns))


def make_tables(
    people: list[dict[str, Any]],
    posts: list[dict[str, Any]],
    *,
    levels: Mapping[str, Mapping[str, int]] | None = None,
    requirements: Mapping[str, Mapping[str, int]] | None = None,
    preferences: list[dict[str, Any]] | None = None,
    dictionary: list[tuple[str, str, str]] | None = None,
) -> Tables:
    """Tables in canonical dtypes. ``levels`` is keyed by NIP, ``requirements`` by position id."""
    employees = pd.DataFrame(people)
    employees["tmt_jabatan"] = pd.to_datetime(employees["tmt_jabatan"])
    employees["birth_date"] = pd.to_datetime(employees["birth_date"])
    employees["cpns_date"] = pd.to_datetime(employees["cpns_date"])
    employees["locked"] = employees["locked"].astype(bool)
    positions = pd.DataFrame(posts)
    positions["capacity"] = positions["capacity"].astype(np.int64)
    positions["priority"] = positions["priority"].astype(np.int64)
    comp_rows = [
        {"nip": n, "competency": c, "level": lv}
        for n, d in (levels or {}).items()
        for c, lv in d.items()
    ]
    req_rows = [
        {"position_id": p, "competency": c, "level": lv}
        for p, d in (requirements or {}).items()
        for c, lv in d.items()
    ]
    pref_rows = [
        {
            "nip": r["nip"],
            "rank": r.get("rank"),
            "position_id": r.get("position_id"),
            "unit": r.get("unit"),
            "refuse": bool(r.get("refuse", False)),
        }
        for r in (preferences or [])
    ]
    dict_rows = dictionary if dictionary is not None else list(domain.DEFAULT_COMPETENCIES)
    return Tables(
        employees=employees,
        positions=positions,
        competencies=_frame(comp_rows, COMPETENCY_COLUMNS),
        requirements=_frame(req_rows, REQUIREMENT_COLUMNS),
        competency_dictionary=pd.DataFrame(dict_rows, columns=["code", "name", "kind"]),
        preferences=_frame(pref_rows, PREFERENCE_COLUMNS),
        scores=_frame([], SCORE_COLUMNS),
    )


def make_scenario(**overrides: Any) -> Scenario:
    """A scenario (as of 2026-12-01) with the given sections merged over the defaults."""
    raw: dict[str, Any] = {
        "name": "tiny",
        "as_of": "2026-12-01",
        "data": {"employees": "employees.csv", "positions": "positions.csv"},
    }
    raw.update(overrides)
    return scenario_from_dict(raw)


VALUE_WEIGHTS: dict[str, float] = {
    "fit": 1.0,
    "performance": 0.0,
    "potential": 0.0,
    "preference": 0.0,
    "move_cost": 0.0,
}
"""The plan tests' weights: a pair's value is ``p_j x fit`` (plus the overdue bonus, kept at its
default so that the reasons still cite a tenure past the maximum)."""


def _scores(
    tables: Tables, scenario: Scenario, values: Mapping[tuple[str, str], float]
) -> pd.DataFrame:
    """The ``scores`` rows that give each listed pair its value under ``scenario``'s weights.

    The value formula (:func:`mutasi_opt.scoring.composite_value`) solved for the fit, on the
    engine's own arrays: ``fit = (value - w_overdue [moved and overdue]) / p_j`` (preference,
    performance, potential and move cost weigh 0 here, and hard rules give no penalty).
    """
    ctx, _ = build_context(tables, scenario)
    person = {str(n): i for i, n in enumerate(ctx.nip.tolist())}
    position = {str(p): j for j, p in enumerate(ctx.post_id.tolist())}
    weights = scenario.weights
    rows = []
    for (n, p), value in values.items():
        i, j = person[n], position[p]
        moved = bool(ctx.current[i] >= 0 and ctx.current[i] != j)
        bonus = weights.overdue if moved and bool(ctx.overdue[i]) else 0.0
        fit = (value - bonus) / float(priority_factor(ctx.priority[j]))
        rows.append({"nip": n, "position_id": p, "score": 100.0 * fit})
    return pd.DataFrame(rows, columns=list(SCORE_COLUMNS))


def make_problem(
    tables: Tables,
    values: Mapping[tuple[str, str], float] | None = None,
    **sections: Any,
) -> Problem:
    """:func:`~mutasi_opt.problem.build_problem` on the tables, with the plan tests' values.

    Parameters
    ----------
    tables
        From :func:`make_tables`.
    values
        ``{(nip, position_id): value}``: these pairs (and each person's current post, which every
        rule but a few keeps) are the only candidates (``rules.only_scored_pairs``), each worth
        exactly the value given, through a ``scores`` row (fit = score / 100) under
        :data:`VALUE_WEIGHTS`. ``None``: the hard rules decide the candidates and the documented
        formula their values (fit 0 at a post without requirements).
    sections
        Scenario sections (``rules``, ``weights``, ``output``, ...) merged over
        :func:`make_scenario`'s defaults and :data:`VALUE_WEIGHTS`.
    """
    rules = dict(sections.pop("rules", {}))
    weights = {**VALUE_WEIGHTS, **sections.pop("weights", {})}
    if values is not None:
        rules.setdefault("only_scored_pairs", True)
        # The fits here only carry the values the test gives: a listed pair worth less than the
        # current post is a candidate the test wants, not a fall in competency.
        rules.setdefault("no_fit_loss", False)
    scenario = make_scenario(rules=rules, weights=weights, **sections)
    if values is not None:
        tables = replace(tables, scores=_scores(tables, scenario, values))
    return build_problem(tables, scenario)


def make_result(
    problem: Problem,
    plan: Mapping[str, str] | None = None,
    *,
    status: Status = Status.OPTIMAL,
) -> Result:
    """A Result that moves the people in ``plan`` (``{nip: position_id}``); others stay.

    For ``INFEASIBLE`` / ``NO_SOLUTION`` the result has no assignment.
    """
    if status in (Status.INFEASIBLE, Status.NO_SOLUTION):
        return Result(status, "flow", None, None, None, None, None)
    p_index = {p: j for j, p in enumerate(problem.post_id)}
    assignment = np.asarray(problem.instance.current_post, dtype=np.int32).copy()
    for i, n in enumerate(problem.nip):
        if plan and n in plan:
            assignment[i] = p_index[plan[n]]
    keys = problem.pairs.person.astype(np.int64) * problem.n_posts + problem.pairs.post
    chosen = np.searchsorted(keys, np.arange(problem.n_people) * problem.n_posts + assignment)
    objective = float(problem.pairs.value[chosen].sum())
    return Result(
        status=status,
        backend="flow",
        assignment=assignment,
        objective=objective,
        objective_int=int(problem.pairs.value_int[chosen].sum()),
        bound=objective,
        gap=0.0,
        timings={"flow": 0.01},
    )
