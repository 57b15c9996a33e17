"""Solver benchmarks: writes a Markdown table of ratios measured in the same run into README.md.

Every measurement runs in its own process (``--worker``), so its peak memory (``ru_maxrss``) is
its own; a worker that runs out of time or memory is reported as such. Ratios are baseline time
divided by our time (above 1: we are faster), both measured in this run on the same instance.

Sections:

``assignment``
    OR-Library ``assign*`` (dense) and ``assignp*`` (sparse) instances, whose published optima
    must be reached, and random complete instances of 1,000-5,000 people with wide integer costs:
    our ``solve()`` against SciPy's ``linear_sum_assignment`` on the same (dense) matrix.
``side``
    Sibolga samples of 2,500 and 20,000 people (``mutasi_opt.synth``, ``build_problem``) with
    ``max_unit_outflow_share: 0.2`` and ``max_moves`` at 10 % of the people: our ``solve()``
    against a plain CP-SAT boolean model of every candidate pair and against HiGHS
    (``scipy.optimize.milp``) on the same model; plus HiGHS on our pruned pairs, for reference.
``scale``
    The same comparison at 20,000, 50,000 and 100,000 people, without and with those side rules
    (:data:`SCALE_LIMITS`; several hours: the baselines run to their limits).

Usage::

    .venv/bin/python benchmarks/run.py            # everything (about an hour)
    .venv/bin/python benchmarks/run.py --quick    # small cases only (a few minutes)
    .venv/bin/python benchmarks/run.py --no-write # print the table only
    .venv/bin/python benchmarks/run.py --section scale --people 50000  # one size, merged
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
README = HERE / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
MEMORY_LIMIT = 16 * 2**30
"""Address-space cap of each worker (the machine has 24 GiB)."""


# --------------------------------------------------------------------------------- workers
def _peak_mb() -> float:
    """Peak resident memory of this process's own image (``VmHWM``).

    ``ru_maxrss`` is not used: Linux carries it over from the parent across fork and exec, so
    every worker would report at least the driver's size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _load(case: dict[str, Any]) -> Any:
    """The case's round: an Instance (OR-Library, random), or a Problem (Sibolga: ``solve``
    audits its plans against the tables, as a real run does)."""
    if case["kind"] == "orlib":
        from mutasi_opt.solve.instances import read_orlib

        return read_orlib(DATA / f"{case['name']}.txt")
    with open(case["pickle"], "rb") as fh:
        return pickle.load(fh)


def _instance(case: dict[str, Any]) -> Any:
    """The instance of the case's round (what the baselines read)."""
    from mutasi_opt.problem import instance_of

    return instance_of(_load(case))


def _dense_cost(instance: Any) -> Any:
    import numpy as np

    cost = np.full((instance.n_people, instance.n_posts), np.inf)
    cost[instance.pairs.person, instance.pairs.post] = -instance.pairs.value_int.astype(np.float64)
    return cost


def work_ours(case: dict[str, Any]) -> dict[str, Any]:
    """Our solve() with the case's settings."""
    from mutasi_opt.scenario import SolverSettings
    from mutasi_opt.solve import solve

    problem = _load(case)
    settings = SolverSettings(time_limit_s=case.get("time_limit", 120.0), workers=2, seed=0)
    runs = []
    for _ in range(case.get("repeat", 1)):
        t0 = time.perf_counter()
        result = solve(problem, settings)
        runs.append((time.perf_counter() - t0, result))
    runs.sort(key=lambda r: r[0])
    seconds, result = runs[len(runs) // 2]  # the median run
    return {
        "seconds": seconds,
        "status": result.status.value,
        "objective_int": result.objective_int,
        "bound": result.bound,
        "gap": result.gap,
        "stats": {k: v for k, v in result.stats.items() if isinstance(v, int | float | str | bool)},
        "timings": result.timings,
    }


def work_scipy_lsa(case: dict[str, Any]) -> dict[str, Any]:
    """SciPy's linear_sum_assignment on the dense matrix (forbidden pairs: inf)."""
    from scipy.optimize import linear_sum_assignment

    instance = _instance(case)
    cost = _dense_cost(instance)
    times = []
    for _ in range(case.get("repeat", 1)):
        t0 = time.perf_counter()
        rows, cols = linear_sum_assignment(cost)
        times.append(time.perf_counter() - t0)
    seconds = sorted(times)[len(times) // 2]
    return {"seconds": seconds, "status": "optimal", "objective_int": int(-cost[rows, cols].sum())}


def work_cpsat_plain(case: dict[str, Any]) -> dict[str, Any]:
    """A plain CP-SAT boolean model of every candidate pair, default parameters, 2 workers."""
    import numpy as np
    from ortools.sat.python import cp_model

    from mutasi_opt.solve.side_rows import side_rows

    instance = _instance(case)
    t0 = time.perf_counter()
    pairs, rows = instance.pairs, side_rows(instance)
    model = cp_model.CpModel()
    x = [model.new_bool_var("") for _ in range(len(pairs))]
    order_post = np.argsort(pairs.post, kind="stable")
    for i in range(instance.n_people):
        model.add_exactly_one(x[pairs.ptr[i] : pairs.ptr[i + 1]])
    cut = np.flatnonzero(np.diff(pairs.post[order_post])) + 1
    for group in np.split(order_post, cut):
        if group.size:
            j = int(pairs.post[group[0]])
            if group.size > instance.capacity[j]:
                model.add(
                    cp_model.LinearExpr.sum([x[k] for k in group.tolist()])
                    <= int(instance.capacity[j])
                )
    if instance.max_moves is not None:
        moving = np.flatnonzero(rows.moves).tolist()
        model.add(cp_model.LinearExpr.sum([x[k] for k in moving]) <= instance.max_moves)
    if instance.unit_outflow_cap is not None:
        for u, cap in enumerate(instance.unit_outflow_cap.tolist()):
            leaving = np.flatnonzero(rows.leave_unit == u).tolist()
            if len(leaving) > cap:
                model.add(cp_model.LinearExpr.sum([x[k] for k in leaving]) <= cap)
    model.maximize(cp_model.LinearExpr.weighted_sum(x, pairs.value_int.tolist()))
    build = time.perf_counter() - t0
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = max(1.0, case.get("time_limit", 120.0) - build)
    code = solver.solve(model)
    seconds = time.perf_counter() - t0
    name = solver.status_name(code).lower()
    obj = int(solver.objective_value) if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
    return {"seconds": seconds, "status": name, "objective_int": obj, "bound": solver.best_objective_bound,
            "build_seconds": build}  # fmt: skip


def _milp(instance: Any, keep: Any, time_limit: float) -> dict[str, Any]:
    import numpy as np
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    from mutasi_opt.solve.side_rows import side_rows

    pairs, rows = instance.pairs, side_rows(instance)
    k = keep.size
    col = np.arange(k)
    person, post = pairs.person[keep], pairs.post[keep]
    blocks = [sparse.csr_array((np.ones(k), (person, col)), shape=(instance.n_people, k)),
              sparse.csr_array((np.ones(k), (post, col)), shape=(instance.n_posts, k))]  # fmt: skip
    lo = [np.ones(instance.n_people), np.where(instance.must_fill, 1.0, 0.0)]
    hi = [np.ones(instance.n_people), instance.capacity.astype(float)]
    if instance.max_moves is not None:
        mv = col[rows.moves[keep]]
        blocks.append(
            sparse.csr_array((np.ones(mv.size), (np.zeros(mv.size, dtype=int), mv)), shape=(1, k))
        )
        lo.append(np.zeros(1))
        hi.append(np.array([float(instance.max_moves)]))
    if instance.unit_outflow_cap is not None:
        lu = rows.leave_unit[keep]
        sel = lu >= 0
        n_u = instance.unit_outflow_cap.shape[0]
        blocks.append(
            sparse.csr_array((np.ones(int(sel.sum())), (lu[sel], col[sel])), shape=(n_u, k))
        )
        lo.append(np.zeros(n_u))
        hi.append(instance.unit_outflow_cap.astype(float))
    a = sparse.vstack(blocks, format="csr")
    t0 = time.perf_counter()
    res = milp(-pairs.value_int[keep].astype(float), constraints=LinearConstraint(a, np.concatenate(lo),
               np.concatenate(hi)), integrality=np.ones(k), bounds=Bounds(0, 1),
               options={"time_limit": time_limit, "disp": False, "mip_rel_gap": 0.0})  # fmt: skip
    seconds = time.perf_counter() - t0
    obj = None if res.x is None else round(float(pairs.value_int[keep] @ np.round(res.x)))
    status = {0: "optimal", 1: "time_limit", 2: "infeasible"}.get(res.status, str(res.status))
    return {"seconds": seconds, "status": status, "objective_int": obj,
            "bound": None if getattr(res, "mip_dual_bound", None) is None else -res.mip_dual_bound}  # fmt: skip


def work_highs_full(case: dict[str, Any]) -> dict[str, Any]:
    """HiGHS MIP (scipy.optimize.milp) on every candidate pair."""
    import numpy as np

    instance = _instance(case)
    return _milp(instance, np.arange(len(instance.pairs)), case.get("time_limit", 120.0))


def work_highs_pruned(case: dict[str, Any]) -> dict[str, Any]:
    """HiGHS MIP on the pairs our reduced-cost pruning keeps against our optimum (``case["lb"]``)."""
    import numpy as np

    from mutasi_opt.solve.lp import lp_bound
    from mutasi_opt.solve.prune import initial_subset, keep_within, rc_tolerance
    from mutasi_opt.solve.side_rows import side_rows

    instance = _instance(case)
    t0 = time.perf_counter()
    rows = side_rows(instance)
    c = instance.pairs.value_int.astype(np.float64)
    duals = lp_bound(instance, rows, c, initial_subset(instance, rows, c, 5))
    pairs = instance.pairs
    side = rows.penalty(duals.lam_moves, duals.lam_unit, duals.lam_distance)
    rc = duals.u[pairs.person] + duals.v[pairs.post] + side - c
    lb = float(case["lb"])
    keep = keep_within(rc, max(0.0, duals.bound - lb), rc_tolerance(c))
    out = _milp(instance, keep, case.get("time_limit", 120.0))
    out["lp_seconds"] = time.perf_counter() - t0 - out["seconds"]
    out["pairs"] = int(keep.size)
    return out


WORKERS = {
    "ours": work_ours,
    "scipy_lsa": work_scipy_lsa,
    "cpsat_plain": work_cpsat_plain,
    "highs_full": work_highs_full,
    "highs_pruned": work_highs_pruned,
}


def worker_main(name: str, case_json: str) -> None:
    """Entry point of a worker process: run one measurement, print JSON."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    case = json.loads(case_json)
    try:
        out = WORKERS[name](case)
    except MemoryError:
        out = {"status": "out_of_memory"}
    out["peak_mb"] = _peak_mb()
    print(json.dumps(out, default=float))


def measure(name: str, case: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run one worker in a fresh process."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, json.dumps(case)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"status": f"killed after {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        status = (
            "out_of_memory"
            if "MemoryError" in done.stderr or done.returncode < 0
            else f"error: {last}"
        )
        return {"status": status}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --------------------------------------------------------------------------------- instances
def random_complete(n: int, seed: int, folder: Path) -> dict[str, Any]:
    """A complete n x n instance with values 0-1,000,000 (wide: few ties), pickled."""
    import numpy as np

    from mutasi_opt.solve.instances import instance_from_values

    rng = np.random.default_rng(seed)
    values = rng.integers(0, 1_000_000, size=(n, n))
    instance = instance_from_values(values.astype(np.float64), scale=1, value_int=values)
    path = folder / f"random{n}.pkl"
    with open(path, "wb") as fh:
        pickle.dump(instance, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return {"kind": "pickle", "name": f"random {n} x {n}", "pickle": str(path)}


def single_seat(folder: Path, time_limit: float) -> dict[str, Any]:
    """20,000 people over 22,400 single-seat posts with both side rules (5.7 million pairs)."""
    from mutasi_opt.solve.instances import random_structured

    instance = random_structured(20_000, 0, pooled_share=0.0, keep_share=0.02)
    path = folder / "single-seat.pkl"
    with open(path, "wb") as fh:
        pickle.dump(instance, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return {"kind": "pickle", "name": "single-seat", "pickle": str(path), "time_limit": time_limit,
            "people": instance.n_people, "posts": instance.n_posts, "pairs": len(instance.pairs)}  # fmt: skip


def sibolga(n: int, folder: Path, time_limit: float, side: bool = True) -> dict[str, Any]:
    """A synthetic Sibolga round of n people, with the benchmark's side rules or none, pickled."""
    from mutasi_opt.problem import build_problem
    from mutasi_opt.scenario import scenario_from_dict
    from mutasi_opt.synth.generate import generate_sample

    sample = generate_sample(n, 2026)
    rules = {"max_unit_outflow_share": 0.2, "max_moves": n // 10} if side else {}
    scenario = scenario_from_dict({
        "name": f"sibolga-{n}", "as_of": str(sample.as_of),
        "data": {"employees": "employees.csv", "positions": "positions.csv"},
        "rules": rules,
        "solver": {"time_limit_s": time_limit},
    })  # fmt: skip
    problem = build_problem(sample.to_tables(), scenario)
    path = folder / f"sibolga{n}{'' if side else '-plain'}.pkl"
    with open(path, "wb") as fh:
        pickle.dump(problem, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return {"kind": "pickle", "name": f"Sibolga {n:,}", "pickle": str(path), "time_limit": time_limit,
            "people": problem.n_people, "posts": problem.n_posts, "pairs": len(problem.pairs)}  # fmt: skip


# --------------------------------------------------------------------------------- tables
def _s(out: dict[str, Any]) -> str:
    if "seconds" not in out:
        return str(out.get("status"))
    sec = float(out["seconds"])
    return f"{sec * 1000:.2f} ms" if sec < 0.1 else f"{sec:.2f} s"


def _mb(out: dict[str, Any]) -> str:
    return f"{out['peak_mb']:,.0f}" if "peak_mb" in out else "-"


def _phase(out: dict[str, Any]) -> dict[str, Any]:
    """The flow phase of our solve (building the matrix or graph from the pairs, and solving)."""
    flow = out.get("timings", {}).get("flow")
    return {"seconds": flow} if flow is not None else out


def _ratio(base: dict[str, Any], ours: dict[str, Any]) -> str:
    if "seconds" not in base or "seconds" not in ours or ours["seconds"] <= 0:
        return "-"
    return f"{base['seconds'] / ours['seconds']:.2f}"


def _size(name: str) -> int:
    """n of an OR-Library instance name (``assign800`` -> 800, ``assignp1500`` -> 1500)."""
    return int(name.removeprefix("assignp").removeprefix("assign"))


def assignment_section(quick: bool, folder: Path) -> list[str]:
    """Pure assignment: OR-Library and random complete instances against SciPy."""
    optima = {}
    for line in (DATA / "optima.txt").read_text().splitlines()[1:]:
        if line.strip():
            name, cost = line.split()
            optima[name] = int(cost)
    names = (
        ["assign100", "assign800", "assignp800", "assignp5000"]
        if quick
        else sorted(optima, key=lambda s: (s.startswith("assignp"), _size(s)))
    )
    lines = [
        "| instance | method | ours: solve phase | ours: whole `solve()` | SciPy LSA | ratio (SciPy / our solve phase) "
        "| optimum reached (ours, SciPy) | peak MB (ours, SciPy) |",
        "|---|---|---|---|---|---|---|---|",
    ]  # fmt: skip
    for name in names:
        case = {"kind": "orlib", "name": name, "repeat": 5}
        ours, base = measure("ours", case, 600), measure("scipy_lsa", case, 600)
        n = _size(name)
        target = 100 * n - optima[name]
        reached = f"{'yes' if ours.get('objective_int') == target else 'NO'}, {'yes' if base.get('objective_int') == target else 'NO'}"
        lines.append(f"| {name} | {ours.get('stats', {}).get('method', '-')} | {_s(_phase(ours))} | {_s(ours)} | "
                     f"{_s(base)} | {_ratio(base, _phase(ours))} | {reached} | {_mb(ours)}, {_mb(base)} |")  # fmt: skip
    for n in [1000, 2000] if quick else [1000, 2000, 3000, 5000]:
        case = random_complete(n, n, folder)
        case["repeat"] = 5 if n <= 2000 else 1
        ours, base = measure("ours", case, 1200), measure("scipy_lsa", case, 1200)
        same = "same" if ours.get("objective_int") == base.get("objective_int") else "DIFFERENT"
        lines.append(f"| {case['name']} | {ours.get('stats', {}).get('method', '-')} | {_s(_phase(ours))} | "
                     f"{_s(ours)} | {_s(base)} | {_ratio(base, _phase(ours))} | {same} objective | "
                     f"{_mb(ours)}, {_mb(base)} |")  # fmt: skip
    return lines


def side_section(quick: bool, folder: Path) -> list[str]:
    """Side rules: Sibolga samples, ours against plain CP-SAT and HiGHS on the same model."""
    sizes = [(2500, 30.0)] if quick else [(2500, 30.0), (20000, 120.0)]
    lines = [
        "| round | solver | time | status | objective | gap | peak MB | ratio (baseline / ours) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    notes = []
    for n, limit in sizes:
        case = sibolga(n, folder, limit)
        label = f"{case['name']} ({case['pairs']:,} pairs)"
        ours = measure("ours", case, 4 * limit + 600)
        rows = [("ours (`solve`, backend auto)", ours)]
        kill = 4 * limit + 600
        rows.append(("plain CP-SAT, every pair", measure("cpsat_plain", case, kill)))
        rows.append(("HiGHS MIP, every pair", measure("highs_full", case, kill)))
        if ours.get("objective_int") is not None:
            pruned = {**case, "lb": ours["objective_int"]}
            rows.append(("HiGHS MIP, our pruned pairs", measure("highs_pruned", pruned, kill)))
        for solver, out in rows:
            gap = out.get("gap")
            gap_s = "-" if gap is None else f"{gap:.2e}"
            ratio = "1" if out is ours else _ratio(out, ours)
            if out is not ours and ratio != "-" and out.get("status") != "optimal":
                plan = "no plan" if out.get("objective_int") is None else "plan not proven optimal"
                ratio = f"> {ratio} ({plan} at the limit)"
            obj = out.get("objective_int")
            lines.append(f"| {label} | {solver} | {_s(out)} | {out.get('status')} | {obj if obj is not None else '-'} "
                         f"| {gap_s} | {_mb(out)} | {ratio} |")  # fmt: skip
        st = ours.get("stats", {})
        notes.append(
            f"- {case['name']}: {case['people']:,} people, {case['posts']:,} posts, {case['pairs']:,} pairs; "
            f"LP rounds {st.get('lp_rounds')}, LP columns {st.get('lp_columns', 0):,}, pairs fixed by reduced "
            f"cost {st.get('fixed_by_reduced_cost', 0):,}, CP-SAT rounds {st.get('cpsat_rounds')}, tie stage "
            f"{st.get('tie_stage')}; phases: "
            + ", ".join(f"{k} {v:.1f} s" for k, v in ours.get("timings", {}).items())
        )
    return [*lines, "", *notes]


SCALE_SIZES = (20_000, 50_000, 100_000)
"""People in the scale section's rounds (issue 17: a province, a ministry)."""
SINGLE_SEAT = 0
"""Key of the 20,000 people over 22,400 single-seat posts round (:func:`single_seat`)."""
SCALE_LIMITS = {20_000: 120.0, 50_000: 600.0, 100_000: 600.0, SINGLE_SEAT: 120.0}
"""Time limit per round (every solver gets the same); the baselines are killed 300 s after it."""


def scale_section(quick: bool, folder: Path, keys: tuple[int, ...] | None = None) -> list[str]:
    """Province and ministry scale: 20,000, 50,000 and 100,000 people, without and with the side
    rules, and 20,000 people over 22,400 single-seat posts with them (not in ``quick``); our
    ``solve()`` against plain CP-SAT and HiGHS on every pair, and HiGHS on our pruned pairs; time,
    status, gap and each process's peak memory.

    One block per round size (``keys``: :data:`SCALE_SIZES` and :data:`SINGLE_SEAT`; default
    all, or the first size in ``quick``), each headed ``#### <size>`` with its own date and time,
    so a size can be re-measured alone (``--people``) and merged into the others
    (:func:`_merge_blocks`): the whole section takes hours."""
    if keys is None:
        keys = SCALE_SIZES[:1] if quick else (*SCALE_SIZES, SINGLE_SEAT)
    out: list[str] = []
    for key in keys:
        t0 = time.perf_counter()
        rows = _scale_rows(key, folder)
        out += [f"#### {_block_title(key)}", "",
                f"{_measured()}{' (--quick)' if quick else ''}; {time.perf_counter() - t0:.0f} s.", "",
                "| round | side rules | solver | time | status | gap | peak MB | ratio (baseline / ours) |",
                "|---|---|---|---|---|---|---|---|", *rows, ""]  # fmt: skip
    return out[:-1]


def _block_title(key: int) -> str:
    return "20,000 people, single-seat posts" if key == SINGLE_SEAT else f"{key:,} people"


def _measured() -> str:
    return (
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def _scale_rows(n: int, folder: Path) -> list[str]:
    """The table rows of one round size, without and with the side rules (with them only for
    the single-seat round)."""
    lines: list[str] = []
    for side in (True,) if n == SINGLE_SEAT else (False, True):
        limit = SCALE_LIMITS[n]
        case = (
            single_seat(folder, limit) if n == SINGLE_SEAT else sibolga(n, folder, limit, side=side)
        )
        label = f"{case['people']:,} people, {case['posts']:,} posts, {case['pairs']:,} pairs"
        if n == SINGLE_SEAT:
            label = f"{label} (single seats, `random_structured`)"
        rules = "`max_moves` 10 %, outflow 20 %" if side else "none"
        ours = measure("ours", case, 2 * limit + 600)
        rows = [("ours (`solve`)", ours)]
        kill = limit + 300
        rows.append(("plain CP-SAT, every pair", measure("cpsat_plain", case, kill)))
        rows.append(("HiGHS MIP, every pair", measure("highs_full", case, kill)))
        if side and ours.get("objective_int") is not None:
            pruned = {**case, "lb": ours["objective_int"]}
            rows.append(("HiGHS MIP, our pruned pairs", measure("highs_pruned", pruned, kill)))
        for solver, out in rows:
            gap = out.get("gap")
            ratio = "1" if out is ours else _ratio(out, ours)
            if out is not ours and ratio != "-" and out.get("status") != "optimal":
                plan = "no plan" if out.get("objective_int") is None else "not proven optimal"
                ratio = f"> {ratio} ({plan} at the limit)"
            lines.append(f"| {label} | {rules} | {solver} | {_s(out)} | {out.get('status')} | "
                         f"{'-' if gap is None else f'{gap:.2e}'} | {_mb(out)} | {ratio} |")  # fmt: skip
        Path(case["pickle"]).unlink()  # a 100,000-people round pickles to about a gigabyte
    return lines


def main() -> None:
    """Run the benchmarks and write the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small cases only")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch README.md")
    parser.add_argument(
        "--section", choices=["assignment", "side", "scale"], help="run one section"
    )
    parser.add_argument(
        "--people",
        type=_scale_keys,
        help="with --section scale: only these round sizes, comma-separated (20000, 50000, "
        "100000, single), merged into the blocks already in README.md",
    )
    args = parser.parse_args()
    if args.people is not None and args.section != "scale":
        parser.error("--people needs --section scale")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        parts = [
            f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}{' (--quick)' if args.quick else ''}. Each figure comes from its own "
            "process (the median of 5 runs below 2,000 people); ratios are baseline time / our time in the same run (above 1: we are faster).",
            "",
        ]
        if args.section in (None, "assignment"):
            parts += ["### Pure assignment", "", *assignment_section(args.quick, folder), ""]
        if args.section in (None, "side"):
            parts += ["### Side rules", "", *side_section(args.quick, folder), ""]
        if args.section in (None, "scale"):
            blocks = scale_section(args.quick, folder, args.people)
            parts += ["### Province and ministry scale", "", *blocks, ""]
        parts.append(f"Total benchmark time {time.perf_counter() - t0:.0f} s.")
    table = "\n".join(parts)
    print(table)
    if not args.no_write:
        text = README.read_text() if README.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
        head, _, rest = text.partition(START)
        old, _, tail = rest.partition(END)
        if args.section is not None:
            table = _merge_section(old.strip("\n"), table, args.section)
        README.write_text(f"{head}{START}\n{table}\n{END}{tail}")


SECTION_TITLES = {
    "assignment": "### Pure assignment",
    "side": "### Side rules",
    "scale": "### Province and ministry scale",
}


def _scale_keys(text: str) -> tuple[int, ...]:
    """``--people``: round sizes of the scale section (``single``: the single-seat round)."""
    keys = []
    for word in text.split(","):
        word = word.strip().replace("_", "")
        key = SINGLE_SEAT if word == "single" else int(word) if word.isdigit() else -1
        if key not in SCALE_LIMITS:
            raise argparse.ArgumentTypeError(f"{word!r}: not one of 20000, 50000, 100000, single")
        keys.append(key)
    return tuple(dict.fromkeys(keys))


def _merge_blocks(old: str, new: str) -> str:
    """The scale section's ``#### `` blocks: this run's replace the old ones of the same size;
    the others stay (with their own dates), in :data:`SCALE_SIZES` order, single seats last."""

    def split(text: str) -> dict[str, str]:
        parts = text.split("\n#### ")
        return {part.split("\n", 1)[0]: f"#### {part.strip()}" for part in parts[1:]}

    blocks = {**split("\n" + old), **split("\n" + new)}
    order = [_block_title(k) for k in (*SCALE_SIZES, SINGLE_SEAT)]
    titles = sorted(blocks, key=lambda t: order.index(t) if t in order else len(order))
    return "\n\n".join(blocks[t] for t in titles)


def _section_text(block: str, title: str) -> str:
    """The lines of ``block`` from ``title`` up to the next section or the closing total."""
    start = block.find(title)
    if start < 0:
        return ""
    ends = [block.find(t, start + 1) for t in SECTION_TITLES.values() if t != title]
    ends.append(block.find("Total benchmark time", start))
    ends = [e for e in ends if e > start]
    return block[start : min(ends)] if ends else block[start:]


def _merge_section(old: str, new: str, section: str) -> str:
    """The old results with one section replaced by this run's (the other keeps its date); the
    closing total stays the last full run's, and says so."""
    merged = _merged_section(old, new, section)
    total = re.search(r"Total benchmark time (\d+) s\b[^\n]*", merged)
    if total is None:
        return merged
    line = (
        f"Total benchmark time {total.group(1)} s (the last full run; sections and blocks "
        "measured since carry their own dates and times)."
    )
    return merged[: total.start()] + line + merged[total.end() :]


def _merged_section(old: str, new: str, section: str) -> str:
    title = SECTION_TITLES[section]
    fresh = _section_text(new, title)
    stale = _section_text(old, title)
    if not old.strip():
        return new
    dated = new.splitlines()[0].split(". ")[0].rstrip(".")  # "Measured <date> on <machine>, ..."
    body = fresh.removeprefix(title).lstrip("\n")
    if section == "scale":
        # Each size is its own dated block: merged block by block.
        body = _merge_blocks(stale.removeprefix(title), body).rstrip() + "\n"
        section_text = f"{title}\n\n{body}\n"
    else:
        section_text = f"{title}\n\nThis section: {dated[0].lower()}{dated[1:]}.\n\n{body}"
    if not stale:
        # A section the old results do not have yet: added before the closing total.
        at = old.find("Total benchmark time")
        at = len(old) if at < 0 else at
        return f"{old[:at].rstrip()}\n\n{section_text.rstrip()}\n\n{old[at:]}".rstrip()
    return old.replace(stale, section_text, 1)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        worker_main(sys.argv[2], sys.argv[3])
    else:
        main()
