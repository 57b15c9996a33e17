"""``mutasi-opt analyze``: writes needs.xlsx/md/html, or nothing and exit 2 on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mutasi_opt.cli import app
from mutasi_opt.outfolder import MARKER

runner = CliRunner()
DATA = Path(__file__).parents[1] / "report" / "data" / "needs_small"


def test_analyze_writes_the_three_files(tmp_path: Path) -> None:
    out = tmp_path / "needs"
    result = runner.invoke(app, ["analyze", str(DATA / "scenario.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {"needs.xlsx", "needs.md", "needs.html", MARKER}
    assert result.stdout.startswith(
        f"needs analysis of 'needs-small' written to {out.absolute()}: 2 free seats in 2 posts, "
        "2 incumbents with low JPM, 2 past the maximum tenure, 1 retiring, "
    )


def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(
        "name: broken\nas_of: 2026-12-01\ndata:\n  employees: missing.csv\n  positions: p.csv\n"
        "rules:\n  min_tenur_months: 12\n",
        encoding="utf-8",
    )
    out = tmp_path / "needs"
    result = runner.invoke(app, ["analyze", str(scenario), "--out", str(out)])
    assert result.exit_code == 2
    assert "rules.min_tenur_months" in result.stderr
    assert "unknown key" in result.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenario.yaml"]


def test_missing_table_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(
        "name: no-tables\nas_of: 2026-12-01\ndata:\n  employees: missing.csv\n"
        "  positions: also-missing.csv\n",
        encoding="utf-8",
    )
    out = tmp_path / "needs"
    result = runner.invoke(app, ["analyze", str(scenario), "--out", str(out)])
    assert result.exit_code == 2
    assert "missing.csv" in result.stderr
    assert not out.exists()


def test_existing_folder_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "needs"
    out.mkdir()
    (out / "old.txt").write_text("keep", encoding="utf-8")
    args = ["analyze", str(DATA / "scenario.yaml"), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert "--force" in result.stderr
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 2
    assert "was not written by mutasi-opt" in forced.stderr
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    (out / "old.txt").unlink()
    assert runner.invoke(app, args).exit_code == 2  # an empty folder exists: --force replaces it
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    forced = runner.invoke(app, [*args, "--force"])  # and a needs folder it wrote
    assert forced.exit_code == 0, forced.output
    assert {p.name for p in out.iterdir()} == {"needs.xlsx", "needs.md", "needs.html", MARKER}


def test_out_is_required() -> None:
    result = runner.invoke(app, ["analyze", str(DATA / "scenario.yaml")])
    assert result.exit_code == 2
    assert "--out" in result.output


@pytest.mark.slow
def test_analyze_the_bundled_sibolga_scenario(tmp_path: Path) -> None:
    scenario = Path(__file__).parents[2] / "scenarios" / "sibolga-2026.yaml"
    out = tmp_path / "needs"
    result = runner.invoke(app, ["analyze", str(scenario), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {"needs.xlsx", "needs.md", "needs.html", MARKER}
