"""A city-sized CSV set (20,000 people, 260,000 levels) loads whole and clean.

Its speed is measured in ``benchmarks/bench_io.py``, not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from mutasi_opt.tables.read import read_tables

CODES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]
CODES += ["T.TIK.01", "T.TIK.02", "T.KEU.01", "T.KEU.02"]


def write_city(folder: Path, people: int, per_person: int) -> dict[str, Path]:
    """Employees (unique valid NIPs), 10 people per post, ``per_person`` competency rows each."""
    rng = np.random.default_rng(7)
    k = np.arange(people)
    birth = pd.Timestamp("1965-01-01") + pd.to_timedelta(k // 999, unit="D")
    nip = (
        pd.Series(birth.strftime("%Y%m%d"))
        + "20"
        + pd.Series(k % 20).map("{:02d}".format)
        + pd.Series(k % 12 + 1).map("{:02d}".format)
        + pd.Series(k % 2 + 1).astype(str)
        + pd.Series(k % 999 + 1).map("{:03d}".format)
    )
    posts = people // 10
    post_ids = pd.Series(np.arange(posts)).map("P{:05d}".format)
    pd.DataFrame(
        {
            "nip": nip,
            "name": "Pegawai " + pd.Series(k).astype(str),
            "position_id": post_ids.to_numpy()[k % posts],
            "golongan": rng.choice(["II/c", "III/a", "III/b", "IV/a"], people),
            "education": rng.choice(["SMA", "D3", "S1", "S2"], people),
            "tmt_jabatan": "2020-01-01",
            "performance": rng.choice(["Baik", "Sangat Baik"], people),
            "asn_type": "PNS",
        }
    ).to_csv(folder / "employees.csv", index=False)
    pd.DataFrame(
        {
            "position_id": post_ids,
            "title": "Jabatan",
            "unit": "OPD",
            "kind": "pelaksana",
            "capacity": 10,
        }
    ).to_csv(folder / "positions.csv", index=False)
    codes = CODES[:per_person]
    pd.DataFrame(
        {
            "nip": np.repeat(nip.to_numpy(), len(codes)),
            "competency": np.tile(codes, people),
            "level": rng.integers(1, 6, people * len(codes)),
        }
    ).to_csv(folder / "competencies.csv", index=False)
    pd.DataFrame(
        {
            "position_id": np.repeat(post_ids.to_numpy(), 3),
            "competency": np.tile(CODES[:3], posts),
            "level": 2,
        }
    ).to_csv(folder / "requirements.csv", index=False)
    pd.DataFrame({"code": CODES[9:], "name": "Teknis", "kind": "teknis"}).to_csv(
        folder / "competency_dictionary.csv", index=False
    )
    tables = ("employees", "positions", "competencies", "requirements", "competency_dictionary")
    return {t: folder / f"{t}.csv" for t in tables}


def test_read_20000_people_and_260000_levels(tmp_path: Path) -> None:
    paths = write_city(tmp_path, 20_000, len(CODES))
    assert len(pd.read_csv(paths["competencies"], usecols=["level"])) == 260_000
    tables = read_tables(paths)
    assert tables.warnings == []
    assert len(tables.employees) == 20_000
    assert len(tables.competencies) == 260_000
    assert tables.employees["nip"].is_unique
