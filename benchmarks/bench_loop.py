"""The panel's loop on the bundled Kota Sibolga round (issue 16's targets), written to README.md.

1. **Re-plan.** The first plan (``scenarios/sibolga-2026.yaml``), then the panel's three rulings
   (``scenarios/sibolga-2026-keputusan-panel.yaml``) re-planned against it with
   ``--max-changes 20`` (and tighter caps, where the cap binds): ``solve()`` time, status, proof,
   changes; against HiGHS (``scipy.optimize.milp``) on the same capped model of every candidate
   pair. Also on the least-disruption variant (``max_moves`` and unit outflow caps as well).
   Target: proven optimal within 10 s.
2. **Alternatives.** Three alternatives within 1 % (``solver.alternatives_gap: 0.01``), each at
   least ``solver.alternatives_min_difference`` people from every earlier plan. Target: 30 s.
3. **Veto costs** of every move of the first plan: exact (pruned re-solves), against re-solving the
   whole round once per move. Target: 20 s.
4. **Stability**: 20 robustness samples on 2 Dask worker processes, against one sample's time
   x 20. Target: 60 s on 2 cores.

Run: ``.venv/bin/python benchmarks/bench_loop.py [--no-write]``.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "benchmarks" / "README.md"
START, END = "<!-- loop:start -->", "<!-- loop:end -->"
sys.path.insert(0, str(ROOT / "tests"))


def _timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t0, out


def _milp_seconds(instance: Any) -> tuple[float, int | None]:
    """HiGHS on the model of every candidate pair (``tests/solve/milp.py``, 120 s at most)."""
    from solve.milp import milp_solve

    t0 = time.perf_counter()
    try:
        out = milp_solve(instance)
    except RuntimeError:  # the time limit
        return time.perf_counter() - t0, None
    return time.perf_counter() - t0, out.objective


def replan_rows() -> list[str]:
    import mutasi_opt as mo

    rows = []
    for name, label in (("sibolga-2026", "baseline rules"),
                        ("sibolga-2026-minim-gangguan", "max_moves 125, outflow 20 %")):  # fmt: skip
        first_problem = mo.load_problem(ROOT / "scenarios" / f"{name}.yaml")
        first = mo.solve(first_problem)
        panel = mo.load_problem(ROOT / "scenarios" / "sibolga-2026-keputusan-panel.yaml")
        if name != "sibolga-2026":
            scenario = mo.with_settings(panel.scenario, {"rules.max_moves": 125,
                                        "rules.max_unit_outflow_share": 0.2,
                                        "weights.move_cost": 0.15})  # fmt: skip
            tables = panel.tables
            panel = mo.build_problem(tables, scenario)
        for cap in (20, 6, 4):
            replan = mo.with_baseline(panel, first.assignment, cap)
            seconds, result = _timed(mo.solve, replan)
            changes = (
                replan.baseline.changes(result.assignment) if result.assignment is not None else "-"
            )
            milp = "-"
            ratio = "-"
            if cap == 4:  # the tightest cap only: HiGHS on the full model takes minutes
                milp_s, milp_value = _milp_seconds(replan.instance)
                if milp_value is None:
                    milp, ratio = f"not finished in {milp_s:.0f} s", f"> {milp_s / seconds:.0f}x"
                else:
                    same = "same optimum" if milp_value == result.objective_int else "DIFFERS"
                    milp, ratio = f"{milp_s:.2f} s ({same})", f"{milp_s / seconds:.1f}x"
            rows.append(
                f"| {label} | {cap} | {result.status.value} | {result.proof.method} "
                f"({'verified' if result.proof.verified else 'NOT verified'}) | {changes} | "
                f"{seconds:.2f} s | {milp} | {ratio} |"
            )
    return rows


def alternative_rows() -> list[str]:
    import mutasi_opt as mo

    rows = []
    for name in ("sibolga-2026", "sibolga-2026-minim-gangguan"):
        problem = mo.load_problem(ROOT / "scenarios" / f"{name}.yaml")
        first = mo.solve(problem)
        seconds, found = _timed(mo.find_alternatives, problem, first, 3)
        apart = []
        plans = [first.assignment]
        for r in found.results:
            apart.append(min(int((r.assignment != p).sum()) for p in plans))
            plans.append(r.assignment)
        gaps = [
            f"{(first.objective - r.objective) / abs(first.objective):.4%}" for r in found.results
        ]
        statuses = sorted({r.status.value for r in found.results})
        rows.append(
            f"| {name} | {len(found)} ({found.stopped}) | {', '.join(statuses)} | "
            f"{', '.join(gaps)} | {', '.join(map(str, apart))} (d = {found.min_difference}) | "
            f"{seconds:.2f} s |"
        )
    return rows


def veto_rows() -> list[str]:
    import mutasi_opt as mo
    from mutasi_opt.solve.flow import solve_flow

    problem = mo.load_problem(ROOT / "scenarios" / "sibolga-2026.yaml")
    result = mo.solve(problem)
    seconds, veto = _timed(mo.veto_costs, problem, result)
    inst = problem.instance
    plan = result.assignment
    chosen = inst.pair_index(np.arange(inst.n_people), plan)
    movers = np.flatnonzero(plan != inst.current_post)
    z = float(inst.pairs.value[chosen].sum())
    t0 = time.perf_counter()
    agree = 0
    for i in movers.tolist():
        keep = np.ones(len(inst.pairs), dtype=bool)
        keep[chosen[i]] = False
        kept = np.flatnonzero(keep)
        flow = solve_flow(inst.restrict(kept), inst.pairs.value_int[kept])
        loss = z - float(inst.pairs.value[kept[flow.pair]].sum()) if flow.feasible else np.inf
        agree += bool(
            np.isclose(loss, veto.cost[i], atol=1e-6) or (np.isinf(loss) and np.isinf(veto.cost[i]))
        )
    naive = time.perf_counter() - t0
    exact = int((veto.kind == "exact").sum())
    side = mo.load_problem(ROOT / "scenarios" / "sibolga-2026-minim-gangguan.yaml")
    side_result = mo.solve(side)
    side_s, side_veto = _timed(mo.veto_costs, side, side_result)
    bounds = int((side_veto.kind == "bound").sum())
    return [
        f"| sibolga-2026 (flow path) | {movers.size} | {exact} exact ({agree} agree with the full "
        f"re-solve) | {seconds:.2f} s | {naive:.2f} s | {naive / seconds:.1f}x |",
        f"| sibolga-2026-minim-gangguan (side rules) | {bounds} | {bounds} dual bounds | "
        f"{side_s:.3f} s | - | - |",
    ]


def stability_rows() -> list[str]:
    import mutasi_opt as mo
    from mutasi_opt.plan.robustness import sample_plan
    from mutasi_opt.sweep.samples import dask_mapper

    problem = mo.load_problem(ROOT / "scenarios" / "sibolga-2026.yaml")
    result = mo.solve(problem)
    one, _ = _timed(sample_plan, problem.tables, problem.scenario, None, None, 0.2, 0, 0)
    seconds, shares = _timed(mo.stability, problem, result.assignment, samples=20,
                             probability=0.2, mapper=dask_mapper(workers=2))  # fmt: skip
    moved = shares.share[~np.isnan(shares.share)]
    return [
        f"| 20 samples, p = 0.2, 2 Dask workers | {seconds:.1f} s | {one:.2f} s x 20 = "
        f"{20 * one:.1f} s | {20 * one / seconds:.2f}x | mean stability {moved.mean():.3f}; "
        f"{int((moved >= 1).sum())} of {moved.size} moves in every sample |"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, 2 cores, Python "
        f"{platform.python_version()}, by `benchmarks/bench_loop.py`.",
        "",
        "**Re-plan** with the panel's three rulings against the first plan (target: proven "
        "optimal within 10 s). HiGHS solves the same capped model of every candidate pair.",
        "",
        "| rules | --max-changes | status | proof | changes | `solve()` | HiGHS MILP | ratio |",
        "|---|---|---|---|---|---|---|---|",
        *replan_rows(),
        "",
        "**Alternatives**: three, within 1 % (target: 30 s).",
        "",
        "| round | found | status | below the optimum | apart from earlier plans | time |",
        "|---|---|---|---|---|---|",
        *alternative_rows(),
        "",
        "**Veto costs** of every move (target: 20 s), against re-solving the whole round per move.",
        "",
        "| round | moves | kind | time | full re-solves | ratio |",
        "|---|---|---|---|---|---|",
        *veto_rows(),
        "",
        "**Stability** over perturbed competency levels (target: 20 samples within 60 s on 2 "
        "cores), against one sample's time x 20 in one process.",
        "",
        "| samples | time | one process | ratio | moves |",
        "|---|---|---|---|---|",
        *stability_rows(),
        "",
        f"Total benchmark time {time.perf_counter() - t0:.0f} s.",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        readme = README.read_text(encoding="utf-8")
        head, _, rest = readme.partition(START)
        _, _, tail = rest.partition(END)
        README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
