"""``mutasi-opt sweep``: output, exit codes, the scheduler address."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mutasi_opt.cli import app
from mutasi_opt.sweep import run as sweep_run

from .conftest import needs_pipeline, write_sweep

runner = CliRunner()


@needs_pipeline
def test_sweep_on_a_scheduler_address(tmp_path: Path, scheduler_address: str) -> None:
    spec = write_sweep(tmp_path, "grid:\n  weights.move_cost: [0.0, 0.05, 0.5]\n")
    out = tmp_path / "out"
    args = ["sweep", str(spec), "--scheduler", scheduler_address, "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Sweep sweep: 3 points in {out}"
    assert lines[1:4] == [
        "  p001-weights.move_cost=0.0: optimal",
        "  p002-weights.move_cost=0.05: optimal",
        "  p003-weights.move_cost=0.5: optimal",
    ]
    assert lines[4] == "  3 optimal; 0 skipped (done before)"
    assert lines[5:] == [
        f"sweep.csv written to {out / 'sweep.csv'}",
        f"comparison written to {out / 'comparison'}",
    ]
    assert (out / "comparison" / "comparison.html").is_file()
    again = runner.invoke(app, [*args, "--quiet"])
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines() == lines[5:]
    assert (out / "sweep.csv").read_text(encoding="utf-8").count(",true,") == 3


@needs_pipeline
def test_point_with_an_error_exits_1(tmp_path: Path, scheduler_address: str) -> None:
    spec = write_sweep(tmp_path, "cases:\n  - set: {data.preferences: missing.csv}\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["sweep", str(spec), "--scheduler", scheduler_address, "--out", str(out), "--quiet"]
    )
    assert result.exit_code == 1
    assert result.stderr == "1 of 1 points failed with an error; see sweep.csv\n"
    assert result.stdout == f"sweep.csv written to {out / 'sweep.csv'}\n"


def test_bad_key_exits_2_and_runs_nothing(tmp_path: Path) -> None:
    spec = write_sweep(tmp_path, "grid:\n  weights.move_cots: [0.1]\n")
    result = runner.invoke(app, ["sweep", str(spec), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (
        "1 problem in the input:\n"
        f"  - {spec}, key 'grid.weights.move_cots': not a key of the scenario "
        "(check the spelling) [unknown_key]\n"
    )
    assert not (tmp_path / "out").exists()


def test_unreachable_scheduler_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sweep_run, "CONNECT_TIMEOUT", "0.5s")
    spec = write_sweep(tmp_path, "grid:\n  weights.move_cost: [0.1]\n")
    result = runner.invoke(
        app, ["sweep", str(spec), "--scheduler", "tcp://127.0.0.1:9", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("cannot reach the Dask scheduler at tcp://127.0.0.1:9")
