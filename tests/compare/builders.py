"""Run folders made by hand (``summary.json``, ``assignments.csv``, ``manifest.json``).

Only what a comparison reads is written, so the compare tests need no solver. The people are
four civil servants of two OPDs; each test says where each of them goes in each run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

POSTS = {
    "P-01": "Dinas Pendidikan",
    "P-02": "Dinas Pendidikan",
    "P-03": "Dinas Kesehatan",
    "P-04": "Dinas Kesehatan",
    "P-05": "Dinas Kesehatan",
}

TITLES = {
    "P-01": "Guru Ahli Muda",
    "P-02": "Pengadministrasi Umum",
    "P-03": "Perawat Terampil",
    "P-04": "Analis Data",
    "P-05": "Pengelola Keuangan",
}

# nip -> (name, current post)
PEOPLE: dict[str, tuple[str, str]] = {
    "198001012005011001": ("Andi Siregar", "P-01"),
    "198202022006012002": ("Budi Hutagalung", "P-02"),
    "198503032008012003": ("Citra Panggabean", "P-03"),
    "197904042003011004": ("Dedi Simanjuntak", "P-04"),
}
NIPS = tuple(PEOPLE)


def kpis(moves: int, total_fit: float, **extra: Any) -> dict[str, Any]:
    """A KPI block shaped like the plan's (nested dicts, fairness and flow lists)."""
    body: dict[str, Any] = {
        "people": 4,
        "moves": moves,
        "moves_by_type": {"stay": 4 - moves, "rotasi": moves, "promosi": 0},
        "jpm_mean_before": 80.0,
        "jpm_mean_after": 85.5,
        "vacancies_filled_by_priority": {
            "3": {"open_before": 1, "filled": 1},
            "5": {"open_before": 1, "filled": 0},
        },
        "wishes_honoured_share": None,
        "unit_flows": [
            {"unit": "Dinas Kesehatan", "staff_before": 2, "staff_after": 3, "moves_in": 1,
             "moves_out": 0, "moves_within": 0},
            {"unit": "Dinas Pendidikan", "staff_before": 2, "staff_after": 1, "moves_in": 0,
             "moves_out": 1, "moves_within": 1},
        ],
        "fairness": {
            "gender": [
                {"group": "L", "staff": 3, "staff_share": 0.75, "moves": moves, "move_share": 1.0},
                {"group": "P", "staff": 1, "staff_share": 0.25, "moves": 0, "move_share": 0.0},
            ]
        },
        "total_fit": total_fit,
    }  # fmt: skip
    body.update(extra)
    return body


def write_run(
    folder: Path,
    targets: Mapping[str, str] | None,
    *,
    status: str = "optimal",
    kpi: Mapping[str, Any] | None = None,
    language: str = "id",
    people: Sequence[str] = NIPS,
    roster: Mapping[str, tuple[str, str]] | None = None,
) -> Path:
    """A run folder where person ``nip`` ends in post ``targets[nip]`` (absent: stays).

    ``targets=None`` writes a run without a plan (header-only ``assignments.csv``); ``roster``
    replaces :data:`PEOPLE` (nip -> name and current post).
    """
    roster = PEOPLE if roster is None else roster
    folder.mkdir(parents=True)
    rows = []
    for nip in people:
        name, post = roster[nip]
        to = post if targets is None else targets.get(nip, post)
        moved = to != post
        rows.append(
            {
                "nip": nip,
                "name": name,
                "from_position_id": post,
                "from_title": TITLES[post],
                "from_unit": POSTS[post],
                "to_position_id": to,
                "to_title": TITLES[to],
                "to_unit": POSTS[to],
                "moved": "true" if moved else "false",
                "move_type": "rotasi" if moved else "stay",
                "score": "80",
                "jpm_before": "80",
                "jpm_after": "85",
                "jpm_category": "Cukup Optimal",
                "reason": "",
                "chain_id": "",
            }
        )
    frame = pd.DataFrame(rows)
    if targets is None:
        frame = frame.iloc[0:0]
    frame.to_csv(folder / "assignments.csv", index=False, lineterminator="\n")
    summary = {
        "scenario": folder.name,
        "status": status,
        "backend": "flow",
        "objective": None if targets is None else 3.25,
        "bound": None,
        "gap": None,
        "seed": 0,
        "language": language,
        "as_of": "2026-12-01",
        "timings": {"load": 0.5, "solve": 1.25, "solver": {"search": 1.0}},
        "kpis": dict(kpi) if kpi is not None else kpis(0, 3.0),
        "conflicts": [],
    }
    (folder / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    manifest = {"scenario": {"name": folder.name, "output": {"language": language}}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder
