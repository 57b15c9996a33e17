"""Tiny rounds for the audit tests: canonical tables from a few dicts, a scenario, a solved plan.

The audit's own copy (no import from other test folders): ``P0`` holds ``J1`` (pelaksana, Dinas A)
since 2020-01-01, born 1980-01-01, S1, III/a, Baik, menengah; ``J2`` (Dinas B) and ``J3`` (Dinas C)
are free pelaksana posts. As of 2026-12-01 every hard rule lets ``P0`` take every post.

A post's title is its position_id unless given. The optional columns ``positions.family`` and
``employees.qualifications`` are there only when some row gives them; the competency dictionary
holds M.01 and M.02 (manajerial) and the rows given as ``dictionary``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.audit.facts import Posts, read_facts
from mutasi_opt.audit.value import Value, pair_values
from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.scenario import Scenario, scenario_from_dict
from mutasi_opt.solve import Status, solve
from mutasi_opt.tables.model import Tables

AS_OF = "2026-12-01"

EMPLOYEE: dict[str, Any] = {
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
POSITION: dict[str, Any] = {
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
BASE_POSTS: dict[str, dict[str, Any]] = {
    "J1": {"unit": "Dinas A"},
    "J2": {"unit": "Dinas B"},
    "J3": {"unit": "Dinas C"},
}


def make_nip(k: int, birth: str = "19800101", cpns: str = "200501") -> str:
    """An 18-digit NIP: birth YYYYMMDD, CPNS YYYYMM, gender digit 1, 3-digit sequence."""
    return f"{birth}{cpns}1{k % 1000:03d}"


P0 = make_nip(0)


def _text(values: Sequence[Any]) -> pd.Series:
    return pd.Series([None if v is None else str(v) for v in values], dtype=object)


def make_tables(
    people: Sequence[dict[str, Any]],
    posts: Sequence[dict[str, Any]],
    *,
    levels: Sequence[tuple[str, str, int]] = (),
    requirements: Sequence[tuple[str, str, int]] = (),
    preferences: Sequence[dict[str, Any]] = (),
    scores: Sequence[tuple[str, str, float]] = (),
    dictionary: Sequence[tuple[str, str, str | None]] = (),
    decisions: Sequence[dict[str, Any]] = (),
) -> Tables:
    """Tables in the readers' canonical dtypes (``tables.model``) from plain rows."""
    emp = [{**EMPLOYEE, "nip": make_nip(k), "name": f"P{k}", **row} for k, row in enumerate(people)]
    nips = [r["nip"] for r in emp]
    from_nip = pd.to_datetime([n[:8] for n in nips], format="%Y%m%d")
    given = pd.to_datetime([r["birth_date"] for r in emp])
    employees = pd.DataFrame(
        {
            **{c: _text([r[c] for r in emp]) for c in ("nip", "name", "position_id", "golongan",
               "education", "performance", "performance_prev", "potential", "status",
               "asn_type")},
            "tmt_jabatan": pd.to_datetime(
                _text([r["tmt_jabatan"] if r["position_id"] is not None else None for r in emp])
            ),
            "birth_date": pd.Series(given.where(given.notna(), from_nip)),
            "locked": pd.Series([bool(r["locked"]) for r in emp], dtype=bool),
            "gender": _text(["L"] * len(emp)),
            "cpns_date": pd.Series(pd.to_datetime([n[8:14] + "01" for n in nips], format="%Y%m%d")),
        }
    )  # fmt: skip
    if any("qualifications" in row for row in people):
        employees["qualifications"] = _text([r.get("qualifications") for r in emp])
    pos = [{**POSITION, "position_id": f"J{k + 1}", **row} for k, row in enumerate(posts)]
    positions = pd.DataFrame(
        {c: _text([r.get(c, r["position_id"]) for r in pos]) for c in ("position_id", "title",
         "unit", "kind", "jenjang", "min_golongan", "max_golongan", "min_education", "status")}
    )  # fmt: skip
    positions["capacity"] = pd.Series([int(r["capacity"]) for r in pos], dtype=np.int64)
    positions["priority"] = pd.Series([int(r["priority"]) for r in pos], dtype=np.int64)
    positions["needs_external_approval"] = pd.Series(
        [bool(r["needs_external_approval"]) for r in pos], dtype=bool
    )
    if any("family" in row for row in posts):
        positions["family"] = _text([r.get("family") for r in pos])
    prefs = [{"rank": None, "position_id": None, "unit": None, "refuse": False, **p}
             for p in preferences]  # fmt: skip
    return Tables(
        employees=employees,
        positions=positions,
        competencies=_long(levels, "nip"),
        requirements=_long(requirements, "position_id"),
        competency_dictionary=pd.DataFrame(
            [
                ("M.01", "Integritas", "manajerial"),
                ("M.02", "Kerjasama", "manajerial"),
                *dictionary,
            ],
            columns=["code", "name", "kind"],
            dtype=object,
        ),
        preferences=pd.DataFrame(
            {
                "nip": _text([p["nip"] for p in prefs]),
                "rank": pd.Series([p["rank"] for p in prefs], dtype="Int64"),
                "position_id": _text([p["position_id"] for p in prefs]),
                "unit": _text([p["unit"] for p in prefs]),
                "refuse": pd.Series([bool(p["refuse"]) for p in prefs], dtype=bool),
            }
        ),
        scores=pd.DataFrame(
            {
                "nip": _text([s[0] for s in scores]),
                "position_id": _text([s[1] for s in scores]),
                "score": pd.Series([float(s[2]) for s in scores], dtype=np.float64),
            }
        ),
        decisions=_decisions(decisions),
    )


def _decisions(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """The panel's rulings (``nip``, ``decision`` and some of ``position_id``, ``note``,
    ``override``) in the canonical dtypes."""
    full = [{"position_id": None, "note": None, "override": False, **r} for r in rows]
    frame = pd.DataFrame(
        {c: _text([r[c] for r in full]) for c in ("nip", "position_id", "decision", "note")}
    )
    frame["override"] = pd.Series([bool(r["override"]) for r in full], dtype=bool)
    return frame


def _long(rows: Sequence[tuple[str, str, int]], owner: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            owner: _text([r[0] for r in rows]),
            "competency": _text([r[1] for r in rows]),
            "level": pd.Series([r[2] for r in rows], dtype=np.int64),
        }
    )


def posts(**changes: dict[str, Any]) -> list[dict[str, Any]]:
    """J1, J2, J3 with some columns changed (``J2={"kind": "pengawas"}``)."""
    out = {k: {"position_id": k, **v} for k, v in BASE_POSTS.items()}
    for key, change in changes.items():
        out[key] = {**out[key], **change}
    return list(out.values())


def person(**changes: Any) -> dict[str, Any]:
    """P0 in J1 with some columns changed."""
    return {"nip": P0, "position_id": "J1", **changes}


def make_scenario(**sections: Any) -> Scenario:
    """A scenario as of :data:`AS_OF` with the given sections (``rules={...}``)."""
    raw: dict[str, Any] = {
        "name": "audit-test",
        "as_of": AS_OF,
        "data": {"employees": "employees.csv", "positions": "positions.csv"},
        **sections,
    }
    return scenario_from_dict(raw)


def build(tables: Tables, **sections: Any) -> Problem:
    """``build_problem`` of the tables under :func:`make_scenario` of the sections."""
    return build_problem(tables, make_scenario(**sections))


def solved(problem: Problem) -> npt.NDArray[np.int64]:
    """The solver's plan (post index per person)."""
    result = solve(problem)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE), result.status
    assert result.assignment is not None
    return np.asarray(result.assignment, dtype=np.int64)


def post_index(problem: Problem, position_id: str) -> int:
    """Index of a post."""
    return int(np.flatnonzero(problem.post_id == position_id)[0])


def audited_values(problem: Problem, plan: Sequence[int] | npt.NDArray[np.int64]) -> Value:
    """The audit's own value of each person's chosen pair (every person given a post of the
    tables), not compared with the engine's."""
    posts = Posts.read(problem.tables.positions, problem.tables.employees)
    row_of = {str(n): k for k, n in enumerate(problem.tables.employees["nip"].tolist())}
    emp_rows = np.array([row_of[str(n)] for n in problem.nip.tolist()], dtype=np.int64)
    to_ids = np.array([str(problem.post_id[j]) for j in plan], dtype=object)
    to_rows = np.array([posts.row[j] for j in to_ids.tolist()], dtype=np.int64)
    return pair_values(read_facts(problem, emp_rows, to_rows, to_ids, posts), problem.scenario)
