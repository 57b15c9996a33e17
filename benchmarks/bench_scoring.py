"""Benchmark of build_problem: rules, scoring and pruning at Sibolga size and at 20,000 people.

Random tables shaped like a city's (kinds, jenjang, golongan ranges, 9 managerial competencies plus
teknis ones, wishes and refusals) are made in memory, then ``build_problem`` is timed. Each case
runs in its own process so that its peak memory (``ru_maxrss``) is its own.

Usage::

    .venv/bin/python benchmarks/bench_scoring.py            # both cases
    .venv/bin/python benchmarks/bench_scoring.py sibolga    # one case
    .venv/bin/python benchmarks/bench_scoring.py --blas1    # single-threaded BLAS
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt import domain
from mutasi_opt.candidates import generate_candidates
from mutasi_opt.problem import build_problem
from mutasi_opt.scenario import scenario_from_dict
from mutasi_opt.tables.model import Tables

CASES: dict[str, dict[str, Any]] = {
    "sibolga": {"people": 2_500, "posts": 2_800, "units": 40, "k": None},
    "sibolga-k50": {"people": 2_500, "posts": 2_800, "units": 40, "k": 50},
    "big-k50": {"people": 20_000, "posts": 22_000, "units": 200, "k": 50},
}
AS_OF = dt.date(2026, 12, 1)
TEKNIS = [f"T.{k:02d}" for k in range(30)]
MANAGERIAL = [c for c, _, _ in domain.DEFAULT_COMPETENCIES]


def _dates(rng: np.random.Generator, n: int, start: str, end: str) -> pd.Series:
    lo, hi = (
        pd.Timestamp(start).value // 86_400_000_000_000,
        pd.Timestamp(end).value // 86_400_000_000_000,
    )
    days = rng.integers(lo, hi, n)
    return pd.Series(pd.to_datetime(days, unit="D"))


def random_tables(n: int, m: int, n_units: int, seed: int = 0) -> Tables:
    """Random but plausible tables: ``n`` people, ``m`` posts in ``n_units`` units."""
    rng = np.random.default_rng(seed)
    kinds = rng.choice(domain.KINDS, m, p=[0.01, 0.04, 0.12, 0.50, 0.33])
    jenjang = np.where(kinds == "fungsional", rng.choice(domain.JENJANG, m), None)
    gol_lo = rng.integers(0, 14, m)
    ranged = rng.random(m) < 0.5
    positions = pd.DataFrame(
        {
            "position_id": [f"J{j:06d}" for j in range(m)],
            "title": [f"Jabatan {j}" for j in range(m)],
            "unit": [f"OPD {u:03d}" for u in rng.integers(0, n_units, m)],
            "kind": pd.Series(kinds, dtype=object),
            "jenjang": pd.Series(jenjang, dtype=object),
            "capacity": np.where(rng.random(m) < 0.05, 3, 1).astype(np.int64),
            "min_golongan": pd.Series(
                np.where(ranged, np.array(domain.GOLONGAN, dtype=object)[gol_lo], None),
                dtype=object,
            ),
            "max_golongan": pd.Series(
                np.where(
                    ranged,
                    np.array(domain.GOLONGAN, dtype=object)[np.minimum(gol_lo + 3, 16)],
                    None,
                ),
                dtype=object,
            ),
            "min_education": pd.Series(
                np.where(rng.random(m) < 0.5, rng.choice(["SMA", "D3", "S1"], m), None),
                dtype=object,
            ),
            "priority": rng.integers(1, 6, m).astype(np.int64),
            "status": pd.Series(
                np.where(rng.random(m) < 0.01, "abolished", "active"), dtype=object
            ),
            "needs_external_approval": rng.random(m) < 0.002,
        }
    )
    birth = _dates(rng, n, "1968-01-01", "2000-01-01")
    cpns = _dates(rng, n, "1995-01-01", "2024-01-01").dt.to_period("M").dt.to_timestamp()
    nip = [
        f"{b:%Y%m%d}{c:%Y%m}{g}{k % 1000:03d}"
        for b, c, g, k in zip(birth, cpns, rng.integers(1, 3, n), range(n), strict=True)
    ]
    held = rng.permutation(m)[:n]
    placed = rng.random(n) < 0.97
    employees = pd.DataFrame(
        {
            "nip": pd.Series(nip, dtype=object),
            "name": [f"Pegawai {i}" for i in range(n)],
            "position_id": pd.Series(
                np.where(placed, positions["position_id"].to_numpy()[held], None), dtype=object
            ),
            "golongan": pd.Series(rng.choice(domain.GOLONGAN[4:], n), dtype=object),
            "education": pd.Series(rng.choice(domain.EDUCATION[2:], n), dtype=object),
            "tmt_jabatan": _dates(rng, n, "2014-01-01", "2026-06-01").where(placed),
            "performance": pd.Series(
                rng.choice(domain.PREDIKAT, n, p=[0.2, 0.6, 0.1, 0.07, 0.03]), dtype=object
            ),
            "performance_prev": pd.Series(
                rng.choice(domain.PREDIKAT, n, p=[0.2, 0.6, 0.1, 0.07, 0.03]), dtype=object
            ),
            "potential": pd.Series(
                np.where(rng.random(n) < 0.9, rng.choice(domain.POTENTIAL, n), None), dtype=object
            ),
            "birth_date": birth,
            "status": pd.Series(np.where(rng.random(n) < 0.95, "aktif", "cuti"), dtype=object),
            "locked": rng.random(n) < 0.01,
            "gender": pd.Series(np.where(rng.integers(0, 2, n) == 1, "L", "P"), dtype=object),
            "cpns_date": cpns,
        }
    )
    # Levels: the 9 managerial competencies for everyone, two teknis ones each.
    comp_owner = np.concatenate([np.repeat(np.arange(n), 9), np.repeat(np.arange(n), 2)])
    comp_code = np.concatenate([np.tile(MANAGERIAL, n), rng.choice(TEKNIS, 2 * n)])
    competencies = pd.DataFrame(
        {
            "nip": pd.Series(np.array(nip, dtype=object)[comp_owner], dtype=object),
            "competency": comp_code,
            "level": rng.integers(1, 6, comp_owner.shape[0]).astype(np.int64),
        }
    ).drop_duplicates(["nip", "competency"])
    req_owner = np.concatenate([np.repeat(np.arange(m), 9), np.repeat(np.arange(m), 2)])
    req_code = np.concatenate([np.tile(MANAGERIAL, m), rng.choice(TEKNIS, 2 * m)])
    requirements = pd.DataFrame(
        {
            "position_id": positions["position_id"].to_numpy()[req_owner],
            "competency": req_code,
            "level": rng.integers(1, 5, req_owner.shape[0]).astype(np.int64),
        }
    ).drop_duplicates(["position_id", "competency"])
    # Wishes: a third of the people, up to 3 each (half for units); 5% refuse a unit.
    wishers = rng.choice(n, n // 3, replace=False)
    w_owner = np.repeat(wishers, 3)
    w_rank = np.tile([1, 2, 3], wishers.shape[0])
    unit_wish = rng.random(w_owner.shape[0]) < 0.5
    refusers = rng.choice(n, n // 20, replace=False)
    units = positions["unit"].unique()
    preferences = pd.DataFrame(
        {
            "nip": pd.Series(
                np.array(nip, dtype=object)[np.concatenate([w_owner, refusers])], dtype=object
            ),
            "rank": pd.Series(
                np.concatenate([w_rank, np.zeros(refusers.shape[0], dtype=int)]), dtype="Int64"
            ),
            "position_id": pd.Series(
                np.concatenate(
                    [
                        np.where(
                            unit_wish,
                            None,
                            rng.choice(positions["position_id"].to_numpy(), w_owner.shape[0]),
                        ),
                        np.full(refusers.shape[0], None),
                    ]
                ),
                dtype=object,
            ),
            "unit": pd.Series(
                np.concatenate(
                    [
                        np.where(unit_wish, rng.choice(units, w_owner.shape[0]), None),
                        rng.choice(units, refusers.shape[0]),
                    ]
                ),
                dtype=object,
            ),
            "refuse": np.concatenate(
                [np.zeros(w_owner.shape[0], bool), np.ones(refusers.shape[0], bool)]
            ),
        }
    )
    preferences.loc[preferences["refuse"], "rank"] = pd.NA
    dictionary = pd.DataFrame(
        [list(r) for r in domain.DEFAULT_COMPETENCIES], columns=["code", "name", "kind"]
    )
    return Tables(
        employees=employees,
        positions=positions,
        competencies=competencies.reset_index(drop=True),
        requirements=requirements.reset_index(drop=True),
        competency_dictionary=dictionary,
        preferences=preferences,
        scores=pd.DataFrame(
            {
                "nip": pd.Series([], dtype=object),
                "position_id": pd.Series([], dtype=object),
                "score": pd.Series([], dtype=np.float64),
            }
        ),
    )


def run_case(name: str) -> dict[str, Any]:
    """Build the case's problem and report times, counts and peak memory."""
    case = CASES[name]
    tables = random_tables(case["people"], case["posts"], case["units"])
    scenario = scenario_from_dict(
        {
            "name": name,
            "as_of": AS_OF.isoformat(),
            "data": {"employees": "e.csv", "positions": "p.csv"},
            "scoring": {"candidates_per_person": case["k"]},
        }
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    problem = build_problem(tables, scenario)
    build_wall, build_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    generate_candidates(problem.context, case["k"])
    pairs_wall, pairs_cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "case": name,
        "people": problem.n_people,
        "posts": problem.n_posts,
        "k": case["k"],
        "build_wall_s": round(build_wall, 3),
        "build_cpu_s": round(build_cpu, 3),
        "rules_scoring_pruning_wall_s": round(pairs_wall, 3),
        "rules_scoring_pruning_cpu_s": round(pairs_cpu, 3),
        "pairs_considered": problem.stats["pairs_considered"],
        "eligible_pairs": problem.stats["eligible_pairs"],
        "candidate_pairs": problem.stats["candidate_pairs"],
        "pruned_pairs": problem.stats["pruned_pairs"],
        "peak_rss_mb_tables": round(rss_before / 1024),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average": round(os.getloadavg()[0], 1),
    }


def main(argv: list[str]) -> None:
    """Run the named cases (all by default), each in a fresh process.

    ``--blas1`` runs them with ``OPENBLAS_NUM_THREADS=1`` (on a shared or small machine OpenBLAS
    threads spinning between the small products cost more than they save).
    """
    blas1 = "--blas1" in argv
    names = [a for a in argv if not a.startswith("--")]
    if len(names) == 1 and os.environ.get("BENCH_CHILD"):
        print(json.dumps(run_case(names[0])))
        return
    env = {**os.environ, "BENCH_CHILD": "1"}
    if blas1:
        env["OPENBLAS_NUM_THREADS"] = "1"
    for name in names or list(CASES):
        out = subprocess.run(
            [sys.executable, __file__, name], capture_output=True, text=True, check=True, env=env
        ).stdout
        print(out.strip())


if __name__ == "__main__":
    main(sys.argv[1:])
