"""Per-agency cost of a round by size, and what a national round would cost (docs/scale.md).

For each size, a synthetic agency (``mutasi-opt sample --employees N --seed 99``, the default
scenario it writes, CSV outputs only) is planned by ``mutasi-opt solve`` in a fresh process; the
wall time and the peak memory of the process and its children (their proportional set size,
sampled every 0.2 s, or the largest one's peak resident size if larger) are measured (the median
of ``--repeat`` runs).
A power law ``seconds = a * people^b`` (and one for memory) is fitted to the points by least
squares on the logarithms, and applied to a national distribution of agency sizes
(:data:`NATIONAL`, stated in docs/scale.md) to give worker-hours, hours on ``W`` workers and the
memory a worker needs.

Run: ``python benchmarks/bench_scale.py [--sizes 1000 2500 5000 10000 20000] [--repeat 1]``;
prints Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

NATIONAL: tuple[tuple[str, int, int, float], ...] = (
    # tier, agencies, people in all, log-normal sigma of the sizes
    ("provinsi", 38, 550_000, 0.6),
    ("kabupaten/kota", 514, 2_790_000, 0.55),
    ("instansi pusat", 78, 940_000, 1.0),
)
"""The assumed national distribution of agency sizes: 4.28 million ASN, 22 % in central and 78 %
in regional agencies (BKN, Statistik ASN semester I 2023); the split between provinces and
kabupaten/kota and the spreads are assumptions (docs/scale.md)."""

WRAP = """
import resource, subprocess, sys, time
from pathlib import Path

def tree(pid):
    # The process and its descendants (a large round forks a child beside the plan).
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                pass
    return out

def pss_mb(pids):
    # Proportional set size: a page shared by parent and child (copy on write) counts once.
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024

start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = 0.0
while proc.poll() is None:
    peak = max(peak, pss_mb(tree(proc.pid)))
    time.sleep(0.2)
seconds = time.perf_counter() - start
if proc.returncode:
    raise SystemExit(proc.returncode)
# The sampled sum of the tree, or the largest single process if a sample missed its peak.
print(seconds, max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
"""


def measure(cli: str, folder: Path, people: int, repeat: int) -> tuple[float, float]:
    """Median seconds and peak MB of ``mutasi-opt solve`` on a sampled agency of ``people``."""
    data = folder / f"agency-{people}"
    subprocess.run(
        [cli, "sample", "--employees", str(people), "--seed", "99", "--no-xlsx", "--out",
         str(data), "--force"],
        check=True, capture_output=True,
    )  # fmt: skip
    # A national batch writes the CSV run folder only (``set: {output.formats: [csv]}``).
    path = data / "scenario.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw.setdefault("output", {})["formats"] = ["csv"]
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    seconds, memory = [], []
    for k in range(repeat):
        out = folder / f"run-{people}-{k}"
        printed = subprocess.run(
            [sys.executable, "-c", WRAP, cli, "solve", str(data / "scenario.yaml"), "--out",
             str(out), "--force", "--quiet"],
            check=True, capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        status = json.loads((out / "summary.json").read_text(encoding="utf-8"))["status"]
        if status != "optimal":
            raise SystemExit(f"{people} people: {status}")
        seconds.append(float(printed[0]))
        memory.append(float(printed[1]))
    return statistics.median(seconds), statistics.median(memory)


def power_law(sizes: list[int], values: list[float]) -> tuple[float, float]:
    """``a, b`` of ``value = a * size^b``, by least squares on the logarithms."""
    b, log_a = np.polyfit(np.log(sizes), np.log(values), 1)
    return math.exp(log_a), float(b)


def national(
    seconds: tuple[float, float], memory: tuple[float, float], workers: tuple[int, ...]
) -> list[str]:
    """The national round costed with the fitted laws (a deterministic sample of sizes)."""
    from scipy.stats import norm

    rows = ["| tier | agencies | people | worker-hours | largest agency | its minutes | its GB |",
            "|---|---|---|---|---|---|---|"]  # fmt: skip
    total_people, total_hours, longest = 0, 0.0, 0.0
    sizes_all: list[float] = []
    for tier, count, people, sigma in NATIONAL:
        # The sizes at the quantiles (k + 0.5) / count of a log-normal, scaled to the tier's total:
        # deterministic, and the tier's people are exactly those stated.
        shape = np.exp(sigma * norm.ppf((np.arange(count) + 0.5) / count))
        sizes = shape * people / shape.sum()
        hours = float(np.sum(seconds[0] * sizes ** seconds[1])) / 3600
        big = float(sizes.max())
        big_s = seconds[0] * big ** seconds[1]
        big_gb = memory[0] * big ** memory[1] / 1024
        longest = max(longest, big_s)
        sizes_all.extend(sizes.tolist())
        total_people += int(sizes.sum())
        total_hours += hours
        rows.append(f"| {tier} | {count} | {int(sizes.sum()):,} | {hours:.1f} | {int(big):,} | "
                    f"{big_s / 60:.1f} | {big_gb:.1f} |")  # fmt: skip
    rows.append(f"| all | {sum(c for _, c, _, _ in NATIONAL)} | {total_people:,} | "
                f"{total_hours:.1f} | | {longest / 60:.1f} | |")  # fmt: skip
    rows.append("")
    rows.append("| workers | hours (total / workers, or the largest agency if longer) |")
    rows.append("|---|---|")
    for w in workers:
        rows.append(f"| {w} | {max(total_hours / w, longest / 3600):.2f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2500, 5000, 10000, 20000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    cli = str(Path(sys.executable).with_name("mutasi-opt"))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for people in args.sizes:
            t0 = time.perf_counter()
            seconds, mb = measure(cli, Path(tmp), people, args.repeat)
            results.append((people, seconds, mb))
            print(f"measured {people}: {seconds:.1f} s, {mb:.0f} MB "
                  f"({time.perf_counter() - t0:.0f} s with sampling)", file=sys.stderr)  # fmt: skip
    print("| people | `mutasi-opt solve` seconds | peak MB |")
    print("|---|---|---|")
    for people, seconds, mb in results:
        print(f"| {people:,} | {seconds:.1f} | {mb:.0f} |")
    sizes = [r[0] for r in results]
    time_law = power_law(sizes, [r[1] for r in results])
    memory_law = power_law(sizes, [r[2] for r in results])
    print()
    print(f"Fitted: seconds = {time_law[0]:.3g} x people^{time_law[1]:.2f}; "
          f"peak MB = {memory_law[0]:.3g} x people^{memory_law[1]:.2f}")  # fmt: skip
    print()
    print("\n".join(national(time_law, memory_law, (1, 8, 32, 128))))


if __name__ == "__main__":
    main()
