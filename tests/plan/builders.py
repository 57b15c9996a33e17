"""Hand-made Tables, Problems and Results for plan tests (no readers, scorer or solver involved).

A test names its people and posts in a few lines; :func:`make_problem` fills the arrays the way
``build_problem`` documents them (people in table order, posts in table order, units sorted), with
the candidate pairs the test lists and the values it gives; :func:`make_result` turns a
``{nip: position_id}`` plan into a :class:`Result`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt import domain
from mutasi_opt.problem import CandidatePairs, Problem
from mutasi_opt.scenario import Scenario, scenario_from_dict
from mutasi_opt.solve.result import Result, Status
from mutasi_opt.tables.model import (
    COMPETENCY_COLUMNS,
    PREFERENCE_COLUMNS,
    REQUIREMENT_COLUMNS,
    SCORE_COLUMNS,
    Tables,
)

VALUE_SCALE = 1_000_000


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


def make_problem(
    tables: Tables,
    pairs: Mapping[tuple[str, str], float] | Iterable[tuple[str, str]] | None = None,
    *,
    scenario: Scenario | None = None,
    fit: Mapping[tuple[str, str], float] | None = None,
    max_moves: int | None = None,
    unit_outflow_cap: Mapping[str, int] | None = None,
    must_fill: Iterable[str] = (),
) -> Problem:
    """A Problem with the candidate pairs listed (keyed ``(nip, position_id)``).

    ``pairs`` maps a pair to its value, or lists pairs whose value is then ``fit`` minus the move
    cost (0.05) when the post is not the person's own; ``None`` means every person x every active
    post. ``fit`` defaults to the capped competency match (1.0 without requirements).
    """
    scenario = scenario or make_scenario()
    emp, pos = tables.employees, tables.positions
    nips = emp["nip"].to_numpy(dtype=object)
    post_ids = pos["position_id"].to_numpy(dtype=object)
    p_index = {p: j for j, p in enumerate(post_ids)}
    n_index = {n: i for i, n in enumerate(nips)}
    units = tuple(sorted(pos["unit"].unique()))
    u_index = {u: k for k, u in enumerate(units)}
    post_unit = np.array([u_index[u] for u in pos["unit"]], dtype=np.int32)
    current = np.array(
        [p_index[p] if isinstance(p, str) else -1 for p in emp["position_id"]], dtype=np.int32
    )
    person_unit = np.where(current >= 0, post_unit[np.maximum(current, 0)], -1).astype(np.int32)

    codes = tuple(
        sorted(set(tables.competencies["competency"]) | set(tables.requirements["competency"]))
    )
    c_index = {c: k for k, c in enumerate(codes)}
    levels = np.zeros((len(nips), len(codes)), dtype=np.int8)
    for r in tables.competencies.itertuples():
        levels[n_index[r.nip], c_index[r.competency]] = r.level
    required = np.zeros((len(post_ids), len(codes)), dtype=np.int8)
    for r in tables.requirements.itertuples():
        required[p_index[r.position_id], c_index[r.competency]] = r.level

    def capped_fit(i: int, j: int) -> float:
        need = required[j].astype(float)
        if need.sum() == 0:
            return 1.0
        return float(np.minimum(levels[i], required[j]).sum() / need.sum())

    def jpm(i: int, j: int) -> float:
        need = required[j].astype(float)
        if need.sum() == 0:
            return float("nan")
        return float(np.where(required[j] > 0, levels[i], 0).sum() / need.sum() * 100)

    if pairs is None:
        active = [p for p, s in zip(post_ids, pos["status"], strict=True) if s != "abolished"]
        listed: dict[tuple[str, str], float | None] = {(n, p): None for n in nips for p in active}
    elif isinstance(pairs, Mapping):
        listed = dict(pairs)
    else:
        listed = dict.fromkeys(pairs)
    triples = []
    for (n, p), v in listed.items():
        i, j = n_index[n], p_index[p]
        f = (fit or {}).get((n, p), capped_fit(i, j))
        value = v if v is not None else f - (0.0 if current[i] == j else 0.05)
        triples.append((i, j, value, f, jpm(i, j)))
    triples.sort()
    arr = np.array(triples, dtype=float).reshape(-1, 5)
    person_a = arr[:, 0].astype(np.int32)
    post_a = arr[:, 1].astype(np.int32)
    ptr = np.searchsorted(person_a, np.arange(len(nips) + 1)).astype(np.int64)
    cand = CandidatePairs(
        person=person_a,
        post=post_a,
        value=arr[:, 2].copy(),
        value_int=np.round(arr[:, 2] * VALUE_SCALE).astype(np.int64),
        fit=arr[:, 3].copy(),
        jpm=arr[:, 4].copy(),
        preference=np.zeros(len(arr)),
        penalty=np.zeros(len(arr)),
        is_current=current[person_a] == post_a,
        ptr=ptr,
    )
    cap_arr = None
    if unit_outflow_cap is not None:
        cap_arr = np.full(len(units), np.iinfo(np.int64).max // 4, dtype=np.int64)
        for u, c in unit_outflow_cap.items():
            cap_arr[u_index[u]] = c
    must = np.zeros(len(post_ids), dtype=bool)
    for p in must_fill:
        must[p_index[p]] = True
    return Problem(
        scenario=scenario,
        tables=tables,
        nip=nips,
        current_post=current,
        person_unit=person_unit,
        post_id=post_ids,
        post_unit=post_unit,
        units=units,
        capacity=pos["capacity"].to_numpy(dtype=np.int32),
        priority=pos["priority"].to_numpy(dtype=np.int32),
        must_fill=must,
        pairs=cand,
        max_moves=max_moves,
        unit_outflow_cap=cap_arr,
        competency_codes=codes,
        levels=levels,
        required=required,
    )


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
    assignment = np.asarray(problem.current_post, dtype=np.int32).copy()
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
