"""Reading and generating data at scale, timed against a plain pandas baseline in the same run.

Run: ``python benchmarks/bench_io.py``. Prints a Markdown table of seconds and ratios:
- reading a city-sized CSV set (20,000 people, 260,000 levels) with full validation, against
  ``pandas.read_csv`` of the same files without validation;
- generating and writing 100,000 synthetic people (CSVs and the workbook), against writing the
  same frames with ``DataFrame.to_csv``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "tables"))

from test_tables_scale import write_city

from mutasi_opt.synth import generate_sample, write_sample
from mutasi_opt.tables.read import read_tables


def _time(func: object) -> float:
    start = time.perf_counter()
    func()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_city(folder, 20_000, 13)
        base = _time(lambda: [pd.read_csv(p, dtype=str) for p in paths.values()])
        ours = _time(lambda: read_tables(paths))
        rows.append(("read + validate 20,000 people, 260,000 levels", ours, base))

        sample_holder: list[object] = []
        gen = _time(lambda: sample_holder.append(generate_sample(100_000, seed=1)))
        sample = sample_holder[0]
        write = _time(lambda: write_sample(sample, folder / "big", xlsx=True))  # type: ignore[arg-type]
        plain = _time(
            lambda: [
                getattr(sample, t).to_csv(folder / f"plain-{t}.csv", index=False)
                for t in ("employees", "positions", "competencies", "requirements", "preferences")
            ]
        )
        rows.append(("generate + write 100,000 people (CSV + XLSX)", gen + write, plain))
    print("| task | ours (s) | baseline (s) | ratio |")
    print("|---|---|---|---|")
    for name, a, b in rows:
        print(f"| {name} | {a:.2f} | {b:.2f} | {a / b:.1f}x |")


if __name__ == "__main__":
    main()
