"""Measure the default plan as a BKPSDM panel reads it, for the defaults and for variants.

The defaults of the value's weights and of ``no_fit_loss`` were chosen with this script
(``docs/defaults.md`` has the table and the reasons). For each data set and each variant it
builds the problem, solves it, and reports what the panel looks at first:

- status and whether the certificate was verified;
- people moved (share), placements;
- mean fit and mean JPM of the placed people with competency data, before and after;
- moves that lower the mover's own fit (out of abolished posts aside), as a share of the moves;
- moves into a functional post of another profession without a listed qualification, and
  voluntary moves into a post whose required teknis competency the mover lacks (both must be 0);
- movers who stated no wish, wishes honoured;
- priority 4-5 seats open before and after, and how many of those left are a recruitment need;
- the OPD that loses the largest share of its staff (net of arrivals).

The targets (issue "The plan a panel can sign"): proven optimal; at most 15 % of people moved;
mean fit and mean JPM raised; at most 10 % of moves lowering the mover's fit; nobody into another
profession or into a post lacking a required teknis competency.

Data sets: the bundled Sibolga round, fresh samples of 2,500 people (seeds 1-3) and 20,000 people
(seeds 1-2), generated in memory (``mutasi_opt.synth``, as ``mutasi-opt sample`` writes them).

Usage::

    .venv/bin/python benchmarks/defaults.py                   # defaults, every data set
    .venv/bin/python benchmarks/defaults.py --grid            # the variants on 2,500-people sets
    .venv/bin/python benchmarks/defaults.py --quick           # bundled + 2,500 seed 1 only
    .venv/bin/python benchmarks/defaults.py --set weights.move_cost=0.1 --set rules.no_fit_loss=false
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import yaml

import mutasi_opt as mo
from mutasi_opt.plan.measures import plan_measures
from mutasi_opt.problem import Problem
from mutasi_opt.rules.masks import missing_technical, must_be_placed
from mutasi_opt.scenario import Scenario, scenario_from_dict
from mutasi_opt.synth import generate_sample

HERE = Path(__file__).resolve().parent
BUNDLED = HERE.parent / "scenarios" / "sibolga-2026.yaml"

GRID: dict[str, list[Any]] = {
    "weights.move_cost": [0.05, 0.1, 0.15],
    "weights.preference": [0.1, 0.2, 0.3],
    "weights.performance": [0.05, 0.2],
    "weights.overdue": [0.05, 0.1],
}
"""The variants ``--grid`` measures (every combination), the other settings at their default."""


def data_sets(quick: bool, big: bool) -> Iterator[tuple[str, Scenario, mo.Tables]]:
    """(label, scenario, tables) of every data set measured."""
    scenario, tables = mo.load(BUNDLED)
    yield "bundled 2,500", scenario, tables
    sizes = [(2500, s) for s in ((1,) if quick else (1, 2, 3))]
    if big and not quick:
        sizes += [(20000, 1), (20000, 2)]
    for n, seed in sizes:
        sample = generate_sample(n, seed=seed)
        base = scenario_from_dict(
            {
                "name": f"sample-{n}-{seed}",
                "as_of": sample.as_of.isoformat(),
                "data": {"employees": "employees.csv", "positions": "positions.csv"},
            }
        )
        yield f"sample {n:,} seed {seed}", base, sample.to_tables()


def with_settings(scenario: Scenario, settings: dict[str, Any]) -> Scenario:
    """The scenario with dotted keys changed (validated)."""
    return mo.with_settings(scenario, settings) if settings else scenario


def panel_row(problem: Problem, result: mo.Result) -> dict[str, Any]:
    """The figures of the module docstring for one solved problem."""
    assert result.assignment is not None
    ctx = problem.context
    to = np.asarray(result.assignment, dtype=np.int64)
    cur = np.asarray(problem.instance.current_post, dtype=np.int64)
    people = np.arange(problem.n_people)
    moved = (cur >= 0) & (to != cur)
    arrived = to != cur
    m = plan_measures(problem, to)
    fam = ctx.post_family[to]
    other_family = arrived & (fam >= 0) & ~ctx.person_families[people, np.maximum(fam, 0)]
    lacks = arrived & missing_technical(ctx, people, to) & ~must_be_placed(ctx, people)
    units = np.asarray(problem.instance.post_unit)
    fu = np.where(cur >= 0, units[np.maximum(cur, 0)], -1)
    tu = units[to]
    staff = np.bincount(fu[fu >= 0], minlength=len(problem.units))
    out = np.bincount(fu[moved & (fu != tu)], minlength=len(problem.units))
    into = np.bincount(tu[arrived & (fu != tu)], minlength=len(problem.units))
    loss = np.where(staff > 0, (out - into) / np.maximum(staff, 1), 0.0)
    worst = int(np.argmax(loss))
    return {
        "status": result.status.value,
        "verified": bool(result.proof and result.proof.verified),
        "moves": m.moves,
        "moves_share": m.moves_share,
        "placements": m.placements,
        "fit": (m.fit_mean_before, m.fit_mean_after),
        "jpm": (m.jpm_mean_before, m.jpm_mean_after),
        "lowering": m.fit_lowering_moves,
        "lowering_share": m.fit_lowering_share,
        "other_profession": int(other_family.sum()),
        "lacking_teknis": int(lacks.sum()),
        "no_wish": m.movers_without_wish,
        "wishes": m.wishes_honoured,
        "p45_open": (m.priority_seats_open_before, m.priority_seats_open_after),
        "p45_recruitment": m.priority_seats_recruitment,
        "p45_elsewhere": m.priority_seats_qualified_elsewhere,
        "worst_unit": (str(problem.units[worst]), float(max(loss[worst], 0.0))),
    }


def meets_targets(row: dict[str, Any]) -> list[str]:
    """The targets a row misses (empty: every one met)."""
    missed = []
    if row["status"] != "optimal" or not row["verified"]:
        missed.append("not proven optimal")
    if row["moves_share"] > 0.15:
        missed.append("moves > 15 %")
    fit, jpm = row["fit"], row["jpm"]
    if fit[1] is None or fit[0] is None or fit[1] <= fit[0]:
        missed.append("fit not raised")
    if jpm[1] is None or jpm[0] is None or jpm[1] <= jpm[0]:
        missed.append("JPM not raised")
    if row["lowering_share"] > 0.10:
        missed.append("fit-lowering > 10 %")
    if row["other_profession"]:
        missed.append("other profession")
    if row["lacking_teknis"]:
        missed.append("teknis lacking")
    return missed


HEADER = (
    "| data | variant | status | moved | fit before -> after | JPM before -> after "
    "| fit-lowering moves | other profession / teknis lacking | movers without wish | wishes "
    "| p4-5 seats open (no candidate; candidates all in p4-5 posts) | largest OPD net loss | time | targets |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def line(label: str, variant: str, row: dict[str, Any], seconds: float) -> str:
    """One Markdown table row."""
    fit, jpm, p45 = row["fit"], row["jpm"], row["p45_open"]
    unit, share = row["worst_unit"]
    missed = meets_targets(row)
    return (
        f"| {label} | {variant} | {row['status']}{'' if row['verified'] else ' (unverified)'} "
        f"| {row['moves']:,} ({row['moves_share']:.1%}) + {row['placements']} placed "
        f"| {fit[0]:.4f} -> {fit[1]:.4f} | {jpm[0]:.2f} -> {jpm[1]:.2f} "
        f"| {row['lowering']} ({row['lowering_share']:.1%}) "
        f"| {row['other_profession']} / {row['lacking_teknis']} | {row['no_wish']:,} "
        f"| {row['wishes']:,} | {p45[0]} -> {p45[1]} ({row['p45_recruitment']}; {row['p45_elsewhere']}) "
        f"| {unit} {share:.0%} | {seconds:.1f} s | {'all met' if not missed else '; '.join(missed)} |"
    )


def variants(grid: bool, sets: list[str]) -> list[dict[str, Any]]:
    """Settings of each variant measured."""
    if sets:
        return [{k: yaml.safe_load(v) for k, v in (s.split("=", 1) for s in sets)}]
    if not grid:
        return [{}]
    keys = list(GRID)
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*GRID.values())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", action="store_true", help="measure the GRID variants")
    parser.add_argument("--quick", action="store_true", help="bundled and one 2,500 sample")
    parser.add_argument("--set", action="append", default=[], help="KEY=VALUE (dotted)")
    args = parser.parse_args(argv)
    print(HEADER)
    for label, base, tables in data_sets(args.quick, big=not args.grid):
        for settings in variants(args.grid, args.set):
            scenario = with_settings(base, settings)
            start = time.perf_counter()
            problem = mo.build_problem(tables, scenario)
            result = mo.solve(problem)
            seconds = time.perf_counter() - start
            name = ", ".join(f"{k.split('.')[-1]} {v}" for k, v in settings.items()) or "defaults"
            print(line(label, name, panel_row(problem, result), seconds), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
