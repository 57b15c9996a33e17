"""`mutasi-opt solve` end to end on a complete 1,500 x 1,500 `scores` table, against a script that
only reads the table, pivots it and runs SciPy's `linear_sum_assignment` (issue 17's target: within
2x). Both run as fresh processes, so both pay the interpreter's start-up.

Both run as installed: the package's bytecode is compiled first, as ``pip install`` does (the
libraries the script imports are compiled already). In a checkout run with
``PYTHONDONTWRITEBYTECODE`` set, Python would otherwise compile the package's 150 modules again in
every run (about 0.4 s), which a user never pays twice.

Run: ``python benchmarks/bench_end_to_end.py [--n 1500] [--repeat 3]``; prints a Markdown table
(the median of the repeats) and checks that both reach the same optimum.
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "cli"))

from test_solve_scores import write_round  # noqa: E402

BASELINE = """
import sys
import pandas as pd
from scipy.optimize import linear_sum_assignment
t = pd.read_csv(sys.argv[1], dtype={"nip": str, "position_id": str})
m = t.pivot(index="nip", columns="position_id", values="score")
r, c = linear_sum_assignment(m.to_numpy(), maximize=True)
print(m.to_numpy()[r, c].sum() / 100)
"""


def _run(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cli = str(Path(sys.executable).with_name("mutasi-opt"))
    import mutasi_opt

    compileall.compile_dir(str(Path(mutasi_opt.__file__).parent), quiet=1)
    ours, base = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rng = np.random.default_rng(1)
        scores = rng.integers(0, 10_001, size=(args.n, args.n)) / 100
        scenario = write_round(folder, scores, placed=False)
        for k in range(args.repeat):
            out = folder / f"run{k}"
            seconds, _ = _run([cli, "solve", str(scenario), "--out", str(out), "--quiet"])
            ours.append(seconds)
            objective = json.loads((out / "summary.json").read_text())["objective"]
            seconds, printed = _run([sys.executable, "-c", BASELINE, str(folder / "scores.csv")])
            base.append(seconds)
            assert abs(float(printed) - objective) < 1e-6, (printed, objective)
    a, b = statistics.median(ours), statistics.median(base)
    print(
        f"| {args.n} x {args.n} complete scores | `mutasi-opt solve` (csv run folder) | {a:.2f} s |"
    )
    print(f"| | read + pivot + SciPy LSA script | {b:.2f} s |")
    print(f"| | ratio (ours / script) | {a / b:.2f}x (target <= 2x) |")


if __name__ == "__main__":
    main()
