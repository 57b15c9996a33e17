"""``mutasi-opt solve``: run folder, summary line, exit codes, determinism (tests/data/solve)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

from mutasi_opt import pipeline
from mutasi_opt.cli import app
from mutasi_opt.cli.solve import TerminalProgress
from mutasi_opt.plan import ASSIGNMENT_COLUMNS
from mutasi_opt.solve.result import Result, Status

DATA = Path(__file__).resolve().parents[1] / "data" / "solve"
CSVS = ("assignments.csv", "chains.csv", "vacancies.csv", "development.csv")
runner = CliRunner()
# A freeze window around as_of: placed people stay (the abolished-post rounds are then infeasible).
FROZEN = {"freeze_windows": [{"from": "2026-11-01", "to": "2027-01-31", "reason": "pilkada"}]}


def write_scenario(folder: Path, *, positions: str = "positions.csv", **overrides: Any) -> Path:
    """A scenario over tests/data/solve, writing its runs under ``folder/runs``."""
    raw: dict[str, Any] = {
        "name": "tiny",
        "as_of": "2026-12-01",
        "data": {
            "employees": str(DATA / "employees.csv"),
            "positions": str(DATA / positions),
            "competencies": str(DATA / "competencies.csv"),
            "requirements": str(DATA / "requirements.csv"),
            "preferences": str(DATA / "preferences.csv"),
        },
        "output": {"dir": str(folder / "runs"), "formats": ["csv"]},
    }
    raw.update(overrides)
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def solve(*args: str) -> Any:
    return runner.invoke(app, ["solve", *args])


def test_plan_found_writes_the_run_folder_and_one_summary_line(tmp_path: Path) -> None:
    scenario = write_scenario(tmp_path)
    out = tmp_path / "run"
    result = solve(str(scenario), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    moves = summary["kpis"]["moves"]
    assert re.fullmatch(
        rf"optimal objective=\d+\.\d{{4}} gap=0\.00% moves={moves} folder={re.escape(str(out))}",
        lines[0],
    )
    assert summary["status"] == "optimal"
    assert summary["kpis"]["people"] == 6
    assert set(summary["timings"]) >= {"load", "score", "solve", "check", "plan"}
    assignments = pd.read_csv(out / "assignments.csv", dtype=str, keep_default_na=False)
    assert list(assignments.columns) == list(ASSIGNMENT_COLUMNS)
    assert (
        assignments["nip"].tolist()
        == pd.read_csv(DATA / "employees.csv", dtype=str)["nip"].tolist()
    )
    # Dedi (17 months in post) stays; the reason says why.
    dedi = assignments.set_index("nip").loc["198304042008011004"]
    assert (dedi["move_type"], dedi["reason_code"]) == ("stay", "min_tenure")
    assert (
        dedi["reason"]
        == "Tetap di Pengadministrasi Umum (Dinas Kominfo): masa jabatan 17 bulan < 24 bulan."
    )
    for name in (*CSVS, "manifest.json"):
        assert (out / name).is_file(), name


def test_same_scenario_and_seed_give_byte_identical_csvs(tmp_path: Path) -> None:
    scenario = write_scenario(tmp_path)
    for name in ("a", "b"):
        assert solve(str(scenario), "--out", str(tmp_path / name), "--quiet").exit_code == 0
    for name in CSVS:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_default_folder_is_output_dir_name_timestamp(tmp_path: Path) -> None:
    result = solve(str(write_scenario(tmp_path)), "--quiet")
    assert result.exit_code == 0, result.output
    (folder,) = (tmp_path / "runs").iterdir()
    assert re.fullmatch(r"tiny-\d{8}-\d{6}", folder.name)
    assert result.stdout.strip().endswith(f"folder={folder}")


def test_existing_folder_needs_force(tmp_path: Path) -> None:
    scenario = write_scenario(tmp_path)
    out = tmp_path / "run"
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    result = solve(str(scenario), "--out", str(out))
    assert result.exit_code == 2
    assert "use --force to replace it [output_exists]" in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    result = solve(str(scenario), "--out", str(out), "--force", "--quiet")
    assert result.exit_code == 2  # not a run folder: --force never replaces it
    assert "[output_not_replaceable]" in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    (out / "keep.txt").unlink()
    result = solve(str(scenario), "--out", str(out), "--force", "--quiet")
    assert result.exit_code == 0, result.output  # empty
    result = solve(str(scenario), "--out", str(out), "--force", "--quiet")
    assert result.exit_code == 0, result.output  # a run folder
    assert (out / "summary.json").is_file()


def test_invalid_scenario_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    scenario = write_scenario(tmp_path, rules={"min_tenure_month": 12})
    out = tmp_path / "run"
    result = solve(str(scenario), "--out", str(out))
    assert result.exit_code == 2
    assert (
        "key 'rules.min_tenure_month': unknown key (check the spelling) [unknown_key]"
        in result.stderr
    )
    assert not out.exists()
    assert not (tmp_path / "runs").exists()


def test_the_holder_of_an_abolished_post_moves_whatever_their_tenure(tmp_path: Path) -> None:
    """Dedi has 17 months in post, below the minimum, but his post P05 is abolished: he moves."""
    scenario = write_scenario(tmp_path, positions="positions_abolished.csv")
    out = tmp_path / "run"
    result = solve(str(scenario), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assignments = pd.read_csv(out / "assignments.csv", dtype=str, keep_default_na=False)
    dedi = assignments.set_index("nip").loc["198304042008011004"]
    assert dedi["from_position_id"] == "P05"
    assert dedi["to_position_id"] != "P05"
    assert dedi["reason_code"] == "abolished_post"


def test_infeasible_exits_3_prints_and_writes_the_explanation(tmp_path: Path) -> None:
    """Dedi must stay (a freeze window) but his post P05 is abolished.

    (Below the minimum tenure alone he would not stay: the holder of an abolished post moves
    whatever their tenure.)
    """
    scenario = write_scenario(tmp_path, positions="positions_abolished.csv", rules=FROZEN)
    out = tmp_path / "run"
    result = solve(str(scenario), "--out", str(out), "--quiet")
    assert result.exit_code == 3, result.output
    assert "no plan exists" in result.stderr
    assert "198304042008011004" in result.stderr
    assert result.stdout.startswith("infeasible objective=- gap=- moves=0")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "infeasible"
    assert summary["conflicts"]
    assert any("198304042008011004" in c["nips"] for c in summary["conflicts"])
    assert (out / "assignments.csv").read_text(encoding="utf-8").strip() == ",".join(
        ASSIGNMENT_COLUMNS
    )


@pytest.mark.indonesian
def test_no_plan_in_time_exits_4(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_plan(problem: Any, progress: Any = None) -> Result:
        return Result(Status.NO_SOLUTION, "cpsat", None, None, None, 12.5, None)

    monkeypatch.setattr(pipeline, "_solve", no_plan)
    out = tmp_path / "run"
    result = solve(str(write_scenario(tmp_path)), "--out", str(out), "--time-limit", "0.5")
    assert result.exit_code == 4, result.output
    # Indonesian by default: the limit reached, what it means, what to try.
    assert "Batas waktu 0,5 detik tercapai tanpa rencana" in result.stderr
    assert "--time-limit yang lebih besar" in result.stderr
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["status"] == "no_solution"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["scenario"]["solver"]["time_limit_s"] == 0.5


def test_unexpected_error_exits_1_without_traceback_or_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "make_plan", broken)
    out = tmp_path / "run"
    result = solve(str(write_scenario(tmp_path)), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "unexpected error: RuntimeError: boom (run again with --debug for details)"
    )
    assert not out.exists()
    with pytest.raises(RuntimeError, match="boom"):
        runner.invoke(app, ["solve", str(write_scenario(tmp_path)), "--out", str(out), "--debug"],
                      catch_exceptions=False)  # fmt: skip


def test_summary_line_names_report_html(tmp_path: Path) -> None:
    scenario = write_scenario(tmp_path, output={"dir": str(tmp_path / "runs"), "language": "en"})
    out = tmp_path / "run"
    result = solve(str(scenario), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(f"report={out / 'report.html'}")
    reasons = pd.read_csv(out / "assignments.csv", dtype=str)["reason"]
    assert reasons.str.match(r"^(Stays in|Rotation|Promotion|Demotion|Placement)").all()


def test_run_in_python_without_writing(tmp_path: Path) -> None:
    outcome = pipeline.run(write_scenario(tmp_path), write=False)
    assert outcome.out_dir is None
    assert outcome.exit_code == 0
    assert outcome.status is Status.OPTIMAL
    assert len(outcome.plan.assignments) == 6
    assert not (tmp_path / "runs").exists()


def test_terminal_progress_shows_phases_and_the_solver() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100)
    with TerminalProgress(console) as progress:
        progress.phase_started("solve")
        progress.solver_update(12.5, 13.0)
        progress.phase_finished("solve", 1.25)
    text = buffer.getvalue()
    assert "solve: incumbent 12.50, bound 13.00, gap 4.00 % (1.25 s)" in text


@pytest.mark.indonesian
def test_a_plan_not_proven_optimal_says_the_time_limit_was_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline._solve

    def feasible(problem: Any, progress: Any = None) -> Result:
        import dataclasses

        found = real(problem, progress)
        return dataclasses.replace(found, status=Status.FEASIBLE, gap=0.0123)

    monkeypatch.setattr(pipeline, "_solve", feasible)
    result = solve(
        str(write_scenario(tmp_path)), "--out", str(tmp_path / "run"), "--time-limit", "8"
    )
    assert result.exit_code == 0, result.output
    assert "Batas waktu 8 detik tercapai: rencana ini memenuhi semua aturan" in result.stderr
    assert "1,23 %" in result.stderr
    assert result.stdout.startswith("feasible ")


def test_version() -> None:
    from typer.testing import CliRunner

    from mutasi_opt.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "mutasi-opt 0.1.0"
