"""A hand-made plan honouring the ``Plan`` contract, for report tests (no solver involved).

Eight people in three OPDs: a vacancy chain (P-03 was free: Citra fills it, Budi takes Citra's seat,
Budi's seat is left open), a two-person swap (Dedi <-> Eka), a placement (Fajar had no post) and
three people who stay. The KPIs are computed from the frames so that they agree with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt.report.columns import FRONTIER_COLUMNS, SHORTLIST_COLUMNS
from mutasi_opt.scenario import Scenario, scenario_from_dict
from mutasi_opt.solve.result import Conflict, Result, Status

UNITS = ("Dinas Pendidikan", "Dinas Kesehatan", "Kecamatan Sibolga Kota")

# nip, name, from post, from unit, to post, to unit, move_type, jpm before, jpm after, chain, gender
PEOPLE: tuple[tuple[str, str, str | None, str | None, str, str, str, float, float, str, str], ...] = (
    ("198001012005011001", "Andi Siregar", "P-01", UNITS[0], "P-01", UNITS[0], "stay", 92.5, 92.5, "", "L"),
    ("198202022006012002", "Budi Hutagalung", "P-02", UNITS[0], "P-04", UNITS[1], "rotasi", 70.0, 85.0, "R001", "L"),
    ("198503032008012003", "Citra Panggabean", "P-04", UNITS[1], "P-03", UNITS[0], "promosi", 81.25, 95.0, "R001", "P"),
    ("197904042003011004", "Dedi Simanjuntak", "P-05", UNITS[1], "P-06", UNITS[2], "rotasi", 66.6667, 88.8889, "S001", "L"),
    ("198806052010012005", "Eka Sitompul", "P-06", UNITS[2], "P-05", UNITS[1], "rotasi", 75.0, 90.0, "S001", "P"),
    ("199007062015031006", "Fajar Nasution", None, None, "P-07", UNITS[2], "placement", float("nan"), 77.5, "", "L"),
    ("197512072000031007", "Gita Lubis", "P-07b", UNITS[2], "P-07b", UNITS[2], "stay", 100.0, 100.0, "", "P"),
    ("198111082005011008", "Hadi Pasaribu", "P-08", UNITS[1], "P-08", UNITS[1], "stay", 58.3333, 58.3333, "", "L"),
)  # fmt: skip

TITLES = {
    "P-01": "Kepala Bidang Pendidikan Dasar",
    "P-02": "Analis Kurikulum",
    "P-03": "Kepala Seksi Kurikulum",
    "P-04": "Pengelola Data Kesehatan",
    "P-05": "Perawat Ahli Muda",
    "P-06": "Kepala Seksi Pemerintahan",
    "P-07": "Pengadministrasi Umum",
    "P-07b": "Sekretaris Camat",
    "P-08": "Kepala Seksi Pelayanan Kesehatan",
}


def jpm_category(value: float) -> str | None:
    """Mapping categories (90/78), for building consistent frames."""
    if np.isnan(value):
        return None
    return "Optimal" if value >= 90 else "Cukup Optimal" if value >= 78 else "Kurang Optimal"


def write_inputs(folder: Path) -> dict[str, Path]:
    """Tiny input files (their bytes only matter for the manifest's hashes)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "employees": folder / "employees.csv",
        "positions": folder / "positions.csv",
    }
    files["employees"].write_text("nip,name\n198001012005011001,Andi Siregar\n", encoding="utf-8")
    files["positions"].write_text(
        "position_id,title,unit\nP-01,Kepala,Dinas Pendidikan\n", encoding="utf-8"
    )
    scenario = folder / "scenario.yaml"
    scenario.write_text(
        "name: uji-laporan\nas_of: 2026-12-01\ndata:\n  employees: employees.csv\n"
        "  positions: positions.csv\n",
        encoding="utf-8",
    )
    files["scenario"] = scenario
    return files


def make_scenario(folder: Path, language: str = "id", **output: Any) -> Scenario:
    """A scenario whose files exist in ``folder`` (so the manifest can hash them)."""
    files = write_inputs(folder)
    raw = {
        "name": "uji-laporan",
        "description": "Skenario uji untuk laporan",
        "as_of": "2026-12-01",
        "data": {"employees": str(files["employees"]), "positions": str(files["positions"])},
        "solver": {"seed": 7},
        "output": {"language": language, **output},
    }
    return scenario_from_dict(raw, source=files["scenario"])


def _assignments() -> pd.DataFrame:
    rows = []
    for k, (nip, name, fp, fu, tp, tu, mt, jb, ja, chain, gender) in enumerate(PEOPLE):
        rows.append(
            {
                "nip": nip,
                "name": name,
                "from_position_id": fp,
                "from_title": TITLES.get(fp) if fp else None,
                "from_unit": fu,
                "to_position_id": tp,
                "to_title": TITLES[tp],
                "to_unit": tu,
                "moved": mt != "stay",
                "move_type": mt,
                "score": ja if not np.isnan(ja) else float("nan"),
                "score_before": jb if not np.isnan(jb) else float("nan"),
                "jpm_before": jb,
                "jpm_after": ja,
                "jpm_category": jpm_category(ja),
                "jpm_category_before": jpm_category(jb),
                "value": round(0.1 + 0.123456789 * k, 9),
                "reason": f"{'Tetap' if mt == 'stay' else mt.capitalize()} ke {TITLES[tp]} ({tu}) | alasan {k}",
                "reason_code": mt,
                "chain_id": chain,
                "gender": gender,
                "golongan": "III/c" if k % 2 else "IV/a",
                "performance": "Baik" if k % 3 else "Sangat Baik",
                "nine_box": [5, 7, 9, 5, 8, 0, 4, 2][k],
                "wish_rank_honoured": pd.NA if k not in (2, 4) else (1 if k == 2 else 2),
            }
        )
    frame = pd.DataFrame(rows)
    frame["wish_rank_honoured"] = frame["wish_rank_honoured"].astype("Int64")
    return frame


def _chains() -> pd.DataFrame:
    p = {row[0]: row for row in PEOPLE}
    seq = [
        ("R001", "chain", 1, "198503032008012003", "vacancy_left"),
        ("R001", "chain", 2, "198202022006012002", "vacancy_left"),
        ("S001", "cycle", 1, "197904042003011004", "cycle"),
        ("S001", "cycle", 2, "198806052010012005", "cycle"),
    ]
    return pd.DataFrame(
        [
            {
                "chain_id": cid,
                "chain_type": ctype,
                "step": step,
                "nip": nip,
                "name": p[nip][1],
                "from_position_id": p[nip][2],
                "from_unit": p[nip][3],
                "to_position_id": p[nip][4],
                "to_unit": p[nip][5],
                "ends_with": ends,
            }
            for cid, ctype, step, nip, ends in seq
        ]
    )


def _vacancies() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "position_id": "P-02",
                "title": TITLES["P-02"],
                "unit": UNITS[0],
                "kind": "fungsional",
                "jenjang": "ahli_pertama",
                "priority": 4,
                "capacity": 1,
                "holders_after": 0,
                "free_seats": 1,
                "blocked_by": "no_candidate",
                "reason": "Tidak ada kandidat yang memenuhi syarat pendidikan",
                "eligible_candidates": 0,
            }
        ]
    )


def _development() -> pd.DataFrame:
    rows = [
        ("198202022006012002", "Budi Hutagalung", "P-04", UNITS[1], "M.04", "Orientasi pada Hasil", 3, 2, -1),
        ("198202022006012002", "Budi Hutagalung", "P-04", UNITS[1], "M.08", "Pengambilan Keputusan", 3, 1, -2),
        ("199007062015031006", "Fajar Nasution", "P-07", UNITS[2], "M.03", "Komunikasi", 2, 1, -1),
    ]  # fmt: skip
    return pd.DataFrame(
        [
            {
                "nip": nip,
                "name": name,
                "to_position_id": tp,
                "to_unit": tu,
                "competency": code,
                "competency_name": cname,
                "required": req,
                "level": lvl,
                "gap": gap,
                "development_kind": "pelatihan" if gap <= -2 else "mentoring",
                "suggestion": f"Pelatihan {cname}",
                "mentor_nip": "198001012005011001" if gap > -2 else None,
                "mentor_name": "Andi Siregar" if gap > -2 else None,
            }
            for nip, name, tp, tu, code, cname, req, lvl, gap in rows
        ]
    )


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})


def _kpis(assign: pd.DataFrame) -> dict[str, Any]:
    moved = assign["moved"].to_numpy(dtype=bool)
    counts = assign["move_type"].value_counts()
    flows = []
    for unit in UNITS:
        before = int((assign["from_unit"] == unit).sum())
        after = int((assign["to_unit"] == unit).sum())
        moves_in = int((moved & (assign["to_unit"] == unit) & (assign["from_unit"] != unit)).sum())
        moves_out = int((moved & (assign["from_unit"] == unit) & (assign["to_unit"] != unit)).sum())
        within = int((moved & (assign["from_unit"] == unit) & (assign["to_unit"] == unit)).sum())
        flows.append(
            {
                "unit": unit,
                "staff_before": before,
                "staff_after": after,
                "moves_in": moves_in,
                "moves_out": moves_out,
                "moves_within": within,
            }
        )
    nine = assign["nine_box"].to_numpy()
    return {
        "people": len(assign),
        "moves": int(moved.sum()),
        "moves_by_type": {
            t: int(counts.get(t, 0)) for t in ("stay", "rotasi", "promosi", "demosi", "placement")
        },
        "jpm_mean_before": float(np.nanmean(assign["jpm_before"])),
        "jpm_mean_after": float(np.nanmean(assign["jpm_after"])),
        "jpm_category_before": assign["jpm_category_before"].value_counts().to_dict(),
        "jpm_category_after": assign["jpm_category"].value_counts().to_dict(),
        "vacancies_before": 2,
        "vacancies_after": 1,
        "vacancies_filled_by_priority": {
            str(p): {"open_before": int(p in (3, 4)), "filled": int(p == 3)} for p in range(1, 6)
        },
        "overdue_tenure": 2,
        "overdue_tenure_moved": 1,
        "wishes_people": 3,
        "wishes_honoured": 2,
        "wishes_honoured_share": 2 / 3,
        "refusals": 1,
        "refusals_respected": 1,
        "unit_flows": flows,
        "fairness": {
            "gender": [
                {"group": "L", "staff": 5, "staff_share": 0.625, "moves": 3, "move_share": 0.6},
                {"group": "P", "staff": 3, "staff_share": 0.375, "moves": 2, "move_share": 0.4},
            ],
            "golongan_group": [
                {"group": "III", "staff": 4, "staff_share": 0.5, "moves": 3, "move_share": 0.6},
                {"group": "IV", "staff": 4, "staff_share": 0.5, "moves": 2, "move_share": 0.4},
            ],
        },
        "nine_box_before": {str(b): int((nine == b).sum()) for b in range(1, 10)},
        "nine_box_after": {str(b): int((nine == b).sum()) for b in range(1, 10)},
        "total_value": float(assign["value"].sum()),
        "total_fit": 5.5,
        "mean_fit_after": 0.6875,
    }


@dataclass
class FakePlan:
    """Honours the ``Plan`` contract (attributes and ``summary()``)."""

    problem: Any
    result: Result
    language: str
    assignments: pd.DataFrame
    vacancies: pd.DataFrame
    chains: pd.DataFrame
    development: pd.DataFrame
    kpis: dict[str, Any] = field(default_factory=dict)
    check: Any = None
    frontier: pd.DataFrame = field(default_factory=lambda: _empty(list(FRONTIER_COLUMNS)))
    shortlist: pd.DataFrame = field(default_factory=lambda: _empty(list(SHORTLIST_COLUMNS)))

    def summary(self) -> dict[str, Any]:
        """The body of summary.json."""
        return {
            "status": self.result.status.value,
            "objective": self.result.objective,
            "bound": self.result.bound,
            "gap": self.result.gap,
            "backend": self.result.backend,
            "timings": dict(self.result.timings),
            "kpis": self.kpis,
            "counts": {
                "people": len(self.assignments),
                "moves": int(self.assignments["moved"].sum()),
            },
            "conflicts": [c.to_dict() for c in self.result.conflicts],
        }


def _frontier() -> pd.DataFrame:
    """Three points of a frontier, the last one the plan (4 moves)."""
    return pd.DataFrame(
        {
            "moves": [1, 2, 4],
            "moves_share": [0.125, 0.25, 0.5],
            "placements": [1, 1, 1],
            "value": [10.5, 11.9, 12.345678],
            "move_price": [1.5, 0.4, 0.0],
            "fit_mean": [0.8, 0.85, 0.86],
            "jpm_mean": [95.0, 98.5, 99.25],
            "fit_lowering_moves": [0, 0, 1],
            "wishes_honoured": [0, 1, 2],
            "priority_seats_filled": [0, 1, 1],
            "best_for_moves": [True, True, True],
            "chosen": [False, False, True],
            "method": ["move_price", "move_price", "move_price"],
        },
        columns=list(FRONTIER_COLUMNS),
    )


def make_plan(folder: Path, *, status: Status = Status.OPTIMAL, language: str = "id") -> FakePlan:
    """A plan for the scenario written into ``folder`` (see the module docstring)."""
    from mutasi_opt.report.columns import (
        ASSIGNMENT_COLUMNS,
        CHAIN_COLUMNS,
        DEVELOPMENT_COLUMNS,
        VACANCY_COLUMNS,
    )

    scenario = make_scenario(folder, language)
    problem = SimpleNamespace(
        scenario=scenario,
        tables=SimpleNamespace(sources={}),
        instance=SimpleNamespace(unit_outflow_cap=None),
    )
    has_plan = status in (Status.OPTIMAL, Status.FEASIBLE)
    if has_plan:
        assign = _assignments()
        result = Result(
            status=status,
            backend="flow",
            assignment=np.zeros(len(assign), dtype=np.int32),
            objective=12.345678,
            objective_int=12_345_678,
            bound=12.5 if status is Status.FEASIBLE else 12.345678,
            gap=0.0125 if status is Status.FEASIBLE else 0.0,
            timings={"build": 0.12, "solve": 0.34},
        )
        return FakePlan(
            problem,
            result,
            language,
            assign,
            _vacancies(),
            _chains(),
            _development(),
            _kpis(assign),
            frontier=_frontier(),
        )
    conflicts = (
        [
            Conflict(
                ("min_tenure", "must_fill"),
                "Jabatan P-03 wajib diisi, tetapi semua kandidatnya belum 24 bulan di jabatannya",
                nips=("198202022006012002",),
                position_ids=("P-03",),
            )
        ]
        if status is Status.INFEASIBLE
        else []
    )
    result = Result(
        status=status,
        backend="cpsat",
        assignment=None,
        objective=None,
        objective_int=None,
        bound=None,
        gap=None,
        timings={"build": 0.1, "solve": 2.0},
        conflicts=conflicts,
    )
    return FakePlan(
        problem,
        result,
        language,
        _empty(list(ASSIGNMENT_COLUMNS)),
        _empty(list(VACANCY_COLUMNS)),
        _empty(list(CHAIN_COLUMNS)),
        _empty(list(DEVELOPMENT_COLUMNS)),
        {},
    )
