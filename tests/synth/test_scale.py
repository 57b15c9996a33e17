"""100,000 people keep every shape (their speed is measured in ``benchmarks/bench_io.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutasi_opt.synth import generate_sample, write_sample

from .helpers import seats


@pytest.mark.slow
def test_hundred_thousand_people_keep_the_shapes(tmp_path: Path) -> None:
    sample = generate_sample(100_000, seed=1)
    write_sample(sample, tmp_path / "big", xlsx=False)
    assert len(sample.employees) == 100_000
    assert sample.employees["nip"].is_unique
    p = seats(sample)
    assert (p["free"] >= 0).all()
    active = p[p["status"] == "active"]
    assert 0.08 <= active["free"].sum() / active["capacity"].sum() <= 0.12
    lines = (tmp_path / "big" / "employees.csv").read_text(encoding="utf-8").count("\n")
    assert lines == 100_001
