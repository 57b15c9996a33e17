"""Small :class:`Tables` and scenarios straight from dicts, in the canonical dtypes of tables.model.

Independent of the readers: every test of scoring and eligibility builds its tables here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt import domain
from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.scenario import Scenario, scenario_from_dict
from mutasi_opt.tables.model import (
    COMPETENCY_COLUMNS,
    PREFERENCE_COLUMNS,
    REQUIREMENT_COLUMNS,
    SCORE_COLUMNS,
    Tables,
)

AS_OF = dt.date(2026, 12, 1)

EMPLOYEE_DEFAULTS: dict[str, Any] = {
    "position_id": None,
    "golongan": "III/a",
    "education": "S1",
    "tmt_jabatan": "2020-01-01",
    "performance": "Baik",
    "performance_prev": None,
    "potential": "menengah",
    "birth_date": None,
    "status": "aktif",
    "locked": False,
    "asn_type": "PNS",
}
POSITION_DEFAULTS: dict[str, Any] = {
    "unit": "Dinas A",
    "kind": "pelaksana",
    "jenjang": None,
    "capacity": 1,
    "min_golongan": None,
    "max_golongan": None,
    "min_education": None,
    "priority": 3,
    "status": "active",
    "needs_external_approval": False,
}


def make_nip(k: int, birth: str = "19800101", cpns: str = "200501", gender: int = 1) -> str:
    """An 18-digit NIP: birth YYYYMMDD, CPNS YYYYMM, gender digit, 3-digit sequence."""
    return f"{birth}{cpns}{gender}{k % 1000:03d}"


def _text(values: Sequence[Any]) -> pd.Series:
    return pd.Series([None if v is None else str(v) for v in values], dtype=object)


def employees_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Employees with defaults filled; ``nip`` defaults to :func:`make_nip` of the row number."""
    full = [
        {**EMPLOYEE_DEFAULTS, "nip": make_nip(k + 1), "name": f"P{k + 1}", **r}
        for k, r in enumerate(rows)
    ]
    nip = [r["nip"] for r in full]
    birth_nip = pd.to_datetime([n[:8] for n in nip], format="%Y%m%d")
    cpns = pd.to_datetime([n[8:14] + "01" for n in nip], format="%Y%m%d")
    birth = pd.to_datetime([r["birth_date"] for r in full]).where(
        pd.notna([r["birth_date"] for r in full]), birth_nip
    )
    return pd.DataFrame(
        {
            "nip": _text(nip),
            "name": _text([r["name"] for r in full]),
            "position_id": _text([r["position_id"] for r in full]),
            "golongan": _text([r["golongan"] for r in full]),
            "education": _text([r["education"] for r in full]),
            "tmt_jabatan": pd.to_datetime(
                [r["tmt_jabatan"] if r["position_id"] is not None else None for r in full]
            ),
            "performance": _text([r["performance"] for r in full]),
            "performance_prev": _text([r["performance_prev"] for r in full]),
            "potential": _text([r["potential"] for r in full]),
            "birth_date": pd.Series(birth),
            "status": _text([r["status"] for r in full]),
            "locked": pd.Series([bool(r["locked"]) for r in full], dtype=bool),
            "asn_type": _text([r["asn_type"] for r in full]),
            "qualifications": _text([r.get("qualifications") for r in full]),
            "gender": _text(["L" if n[14] == "1" else "P" for n in nip]),
            "cpns_date": pd.Series(cpns),
        }
    )


def positions_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Positions with defaults filled; ``position_id`` defaults to J1, J2, ..."""
    full = [{**POSITION_DEFAULTS, "position_id": f"J{k + 1}", **r} for k, r in enumerate(rows)]
    for r in full:
        r.setdefault("title", r["position_id"])
    frame = pd.DataFrame({c: _text([r[c] for r in full]) for c in (
        "position_id", "title", "unit", "kind", "jenjang", "min_golongan", "max_golongan",
        "min_education", "status",
    )})  # fmt: skip
    frame["family"] = _text([r.get("family") for r in full])
    frame["capacity"] = pd.Series([int(r["capacity"]) for r in full], dtype=np.int64)
    frame["priority"] = pd.Series([int(r["priority"]) for r in full], dtype=np.int64)
    frame["needs_external_approval"] = pd.Series(
        [bool(r["needs_external_approval"]) for r in full], dtype=bool
    )
    return frame


def _long(rows: Sequence[Sequence[Any]], columns: Sequence[str], int_col: str) -> pd.DataFrame:
    frame = pd.DataFrame(
        {c: _text([r[k] for r in rows]) for k, c in enumerate(columns) if c != int_col}
    )
    k = list(columns).index(int_col)
    frame[int_col] = pd.Series([r[k] for r in rows], dtype=np.int64)
    return frame[list(columns)]


def make_tables(
    employees: Sequence[dict[str, Any]],
    positions: Sequence[dict[str, Any]],
    competencies: Sequence[tuple[str, str, int]] = (),
    requirements: Sequence[tuple[str, str, int]] = (),
    preferences: Sequence[dict[str, Any]] = (),
    scores: Sequence[tuple[str, str, float]] = (),
    technical: Sequence[str] = (),
) -> Tables:
    """Tables from plain rows (defaults fill the optional columns).

    ``competencies`` and ``requirements`` are ``(owner, code, level)`` triples, ``scores``
    ``(nip, position_id, score)``, ``preferences`` dicts with ``nip`` and some of ``rank``,
    ``position_id``, ``unit``, ``refuse``; ``technical`` codes join the built-in competency
    dictionary with kind ``teknis``.
    """
    prefs = [
        {"rank": None, "position_id": None, "unit": None, "refuse": False, **p} for p in preferences
    ]
    pref_frame = pd.DataFrame(
        {
            "nip": _text([p["nip"] for p in prefs]),
            "rank": pd.Series([p["rank"] for p in prefs], dtype="Int64"),
            "position_id": _text([p["position_id"] for p in prefs]),
            "unit": _text([p["unit"] for p in prefs]),
            "refuse": pd.Series([bool(p["refuse"]) for p in prefs], dtype=bool),
        },
        columns=list(PREFERENCE_COLUMNS),
    )
    score_frame = pd.DataFrame(
        {
            "nip": _text([s[0] for s in scores]),
            "position_id": _text([s[1] for s in scores]),
            "score": pd.Series([float(s[2]) for s in scores], dtype=np.float64),
        },
        columns=list(SCORE_COLUMNS),
    )
    dictionary = pd.DataFrame(
        [list(row) for row in domain.DEFAULT_COMPETENCIES]
        + [[code, f"Teknis {code}", "teknis"] for code in technical],
        columns=["code", "name", "kind"],
    )
    return Tables(
        employees=employees_frame(employees),
        positions=positions_frame(positions),
        competencies=_long(competencies, COMPETENCY_COLUMNS, "level"),
        requirements=_long(requirements, REQUIREMENT_COLUMNS, "level"),
        competency_dictionary=dictionary,
        preferences=pref_frame,
        scores=score_frame,
    )


def make_scenario(**sections: Any) -> Scenario:
    """A scenario at :data:`AS_OF` with the given sections (``rules={...}``, ``weights={...}``)."""
    raw: dict[str, Any] = {
        "name": "test",
        "as_of": AS_OF.isoformat(),
        "data": {"employees": "employees.csv", "positions": "positions.csv"},
    }
    raw.update(sections)
    return scenario_from_dict(raw)


def build(tables: Tables, **sections: Any) -> Problem:
    """``build_problem`` of the tables under :func:`make_scenario` of the sections."""
    return build_problem(tables, make_scenario(**sections))


def candidate_posts(problem: Problem, person: int) -> list[str]:
    """Position ids of a person's candidate posts, in post order."""
    ptr = problem.pairs.ptr
    return [str(problem.post_id[j]) for j in problem.pairs.post[ptr[person] : ptr[person + 1]]]
