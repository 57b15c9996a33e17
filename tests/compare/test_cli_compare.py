"""``mutasi-opt compare``: the folder written, the summary printed, exit codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from mutasi_opt.cli import app
from mutasi_opt.cli.compare import default_compare_dir

from .builders import NIPS, kpis, write_run

ANDI, BUDI, CITRA, DEDI = NIPS
runner = CliRunner()


def two_runs(tmp_path: Path) -> tuple[Path, Path]:
    a = write_run(tmp_path / "runs" / "a", {ANDI: "P-05"}, kpi=kpis(1, 3.5))
    b = write_run(tmp_path / "runs" / "b", {ANDI: "P-05", DEDI: "P-01"}, kpi=kpis(2, 3.25))
    return a, b


def test_compare_writes_the_folder_and_prints_the_summary(tmp_path: Path) -> None:
    a, b = two_runs(tmp_path)
    out = tmp_path / "cmp"
    result = runner.invoke(app, ["compare", str(a), str(b), "--out", str(out), "--language", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Comparison of 2 runs",
        "  a  optimal      moves=1     total_fit=3.50",
        "  b  optimal      moves=2     total_fit=3.25",
        "  1 people placed differently; robust core: 1 moves made in every run with a plan",
        f"comparison written to {out}",
    ]
    assert (out / "comparison.md").read_text(encoding="utf-8").startswith("# Comparison of")
    assert (out / "person_diff.csv").read_text(encoding="utf-8").count(DEDI) == 1


def test_quiet_prints_only_the_folder(tmp_path: Path) -> None:
    a, b = two_runs(tmp_path)
    result = runner.invoke(
        app, ["compare", str(a), str(b), "--out", str(tmp_path / "c"), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"comparison written to {tmp_path / 'c'}\n"


def test_default_folder_beside_the_first_run(tmp_path: Path) -> None:
    moment = dt.datetime(2026, 12, 1, 8, 5, 9)
    assert default_compare_dir(tmp_path / "runs" / "a", moment) == (
        tmp_path / "runs" / "compare-20261201-080509"
    )


def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path) -> None:
    a, b = two_runs(tmp_path)
    out = tmp_path / "cmp"
    one = runner.invoke(app, ["compare", str(a), "--out", str(out)])
    assert one.exit_code == 2
    assert "give two or more run folders [too_few_runs]" in one.stderr
    missing = runner.invoke(app, ["compare", str(a), str(tmp_path / "nope"), "--out", str(out)])
    assert missing.exit_code == 2
    assert f"{tmp_path / 'nope'}: run folder does not exist [not_a_run]" in missing.stderr
    lang = runner.invoke(app, ["compare", str(a), str(b), "--out", str(out), "--language", "fr"])
    assert lang.exit_code == 2
    assert "--language is id or en (value 'fr') [bad_value]" in lang.stderr
    assert not out.exists()
    out.mkdir()
    exists = runner.invoke(app, ["compare", str(a), str(b), "--out", str(out)])
    assert exists.exit_code == 2
    assert "the output folder already exists" in exists.stderr
