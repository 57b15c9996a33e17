"""What the moves-versus-fit frontier adds to a round's time (target: at most 25 %).

Runs the whole round (:func:`mutasi_opt.pipeline.run`: load, score, solve, check, frontier, plan,
write every format) with ``output.frontier_solves`` at its default and at 0, alternately, and
reports the median time of each and their ratio, measured in the same process and run.

Usage::

    .venv/bin/python benchmarks/frontier_cost.py                 # the bundled round, 5 pairs
    .venv/bin/python benchmarks/frontier_cost.py --employees 20000 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import mutasi_opt as mo
from mutasi_opt.scenario import OutputSettings
from mutasi_opt.synth import generate_sample
from mutasi_opt.synth.write import write_sample

HERE = Path(__file__).resolve().parent
BUNDLED = HERE.parent / "scenarios" / "sibolga-2026.yaml"


def timed(scenario: mo.Scenario, out: Path) -> tuple[float, float]:
    """Seconds of the whole run, and of its frontier phase."""
    start = time.perf_counter()
    outcome = mo.run(scenario, out=out, force=True)
    return time.perf_counter() - start, outcome.timings.get("frontier", 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=0, help="a fresh sample (0: bundled)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.employees:
            data = write_sample(
                generate_sample(args.employees, seed=1), folder / "data", xlsx=False
            )
            base = mo.load_scenario(data / "scenario.yaml")
        else:
            base = mo.load_scenario(BUNDLED)
        default = OutputSettings().frontier_solves
        with_frontier = mo.with_settings(base, {"output.frontier_solves": default})
        without = mo.with_settings(base, {"output.frontier_solves": 0})
        timed(without, folder / "warm")  # imports and caches, not measured
        on, off, phase = [], [], []
        for k in range(args.repeat):
            total, part = timed(with_frontier, folder / f"on{k}")
            on.append(total)
            phase.append(part)
            off.append(timed(without, folder / f"off{k}")[0])
    label = f"sample {args.employees:,}" if args.employees else "bundled Sibolga 2,500"
    ratio = statistics.median(on) / statistics.median(off)
    print(
        f"| {label} | {default} | {statistics.median(off):.2f} s | {statistics.median(on):.2f} s "
        f"| {statistics.median(phase):.2f} s | {ratio:.3f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
