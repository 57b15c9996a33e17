"""Outputs: ``--force`` replaces only a folder mutasi-opt wrote for the same command (issue 13, 1).

Each case asserts the exit code, the message and what is on disk afterwards.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mutasi_opt.outfolder import MARKER

from .kit import cli, hidden, snapshot, tiny

REFUSED = "[output_not_replaceable]"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """A tiny scenario in ``tmp_path`` (data in ``tmp_path/data``)."""
    return tiny(tmp_path)


def test_force_onto_the_folder_of_its_own_inputs_is_refused(scenario: Path) -> None:
    folder = scenario.parent
    before = snapshot(folder)
    result = cli("solve", scenario, "--out", folder, "--force", "--quiet")
    assert result.exit_code == 2
    assert "was not written by mutasi-opt" in result.stderr
    assert REFUSED in result.stderr
    assert snapshot(folder) == before


def test_force_onto_a_sample_folder_from_solve_is_refused(tmp_path: Path) -> None:
    sample = tmp_path / "d"
    assert (
        cli("sample", "--employees", "100", "--seed", "1", "--out", sample, "--no-xlsx").exit_code
        == 0
    )
    before = snapshot(sample)
    result = cli("solve", sample / "scenario.yaml", "--out", sample, "--force", "--quiet")
    assert result.exit_code == 2
    assert "written by `mutasi-opt sample`" in result.stderr
    assert snapshot(sample) == before


def test_force_onto_the_working_folder_is_refused(
    scenario: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = scenario.parent
    monkeypatch.chdir(folder)
    before = snapshot(folder)
    result = cli("solve", scenario, "--out", ".", "--force", "--quiet")
    assert result.exit_code == 2
    assert "working folder" in result.stderr
    assert snapshot(folder) == before


def test_force_onto_a_folder_holding_the_working_folder_is_refused(
    scenario: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inner = scenario.parent / "inner"
    inner.mkdir()
    monkeypatch.chdir(inner)
    before = snapshot(scenario.parent)
    result = cli("solve", scenario, "--out", "..", "--force", "--quiet")
    assert result.exit_code == 2
    assert "working folder" in result.stderr
    assert snapshot(scenario.parent) == before


def test_force_onto_a_folder_of_someone_elses_files_is_refused(
    scenario: Path, tmp_path: Path
) -> None:
    other = tmp_path / "thesis"
    other.mkdir()
    (other / "bab1.docx").write_bytes(b"mine")
    result = cli("solve", scenario, "--out", other, "--force", "--quiet")
    assert result.exit_code == 2
    assert REFUSED in result.stderr
    assert (other / "bab1.docx").read_bytes() == b"mine"
    assert hidden(tmp_path) == []


def test_force_replaces_a_run_folder_it_wrote(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    assert cli("solve", scenario, "--out", out, "--quiet").exit_code == 0
    result = cli("solve", scenario, "--out", out, "--force", "--quiet")
    assert result.exit_code == 0, result.output
    assert json.loads((out / MARKER).read_text(encoding="utf-8"))["kind"] == "run"
    assert (out / "summary.json").is_file()
    assert hidden(tmp_path) == []


def test_force_keeps_a_run_folder_someone_added_a_file_to(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    assert cli("solve", scenario, "--out", out, "--quiet").exit_code == 0
    (out / "catatan panel.txt").write_text("keputusan rapat", encoding="utf-8")
    before = snapshot(out)
    result = cli("solve", scenario, "--out", out, "--force", "--quiet")
    assert result.exit_code == 2
    assert "catatan panel.txt" in result.stderr
    assert "did not write" in result.stderr
    assert snapshot(out) == before


def test_force_keeps_a_run_folder_with_the_scenario_put_inside(
    scenario: Path, tmp_path: Path
) -> None:
    out = tmp_path / "run"
    assert cli("solve", scenario, "--out", out, "--quiet").exit_code == 0
    inside = out / "scenario.yaml"
    inside.write_text(
        scenario.read_text(encoding="utf-8").replace("data/", "../data/"), encoding="utf-8"
    )
    result = cli("solve", inside, "--out", out, "--force", "--quiet")
    assert result.exit_code == 2
    assert "scenario.yaml" in result.stderr
    assert inside.is_file()


def test_force_keeps_a_nested_user_file_in_a_run_folder(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    assert cli("solve", scenario, "--out", out, "--quiet").exit_code == 0
    (out / "notes").mkdir()
    (out / "notes" / "a.txt").write_text("x", encoding="utf-8")
    result = cli("solve", scenario, "--out", out, "--force", "--quiet")
    assert result.exit_code == 2
    assert "notes/a.txt" in result.stderr
    assert (out / "notes" / "a.txt").read_text(encoding="utf-8") == "x"


def test_a_forged_marker_of_another_tool_is_not_trusted(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / MARKER).write_text(
        '{"written_by": "someone", "kind": "run", "files": []}', encoding="utf-8"
    )
    (out / "keep.txt").write_text("keep", encoding="utf-8")
    result = cli("solve", scenario, "--out", out, "--force", "--quiet")
    assert result.exit_code == 2
    assert "was not written by mutasi-opt" in result.stderr
    assert (out / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_a_marker_that_is_not_json_is_not_trusted(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "odd"
    out.mkdir()
    (out / MARKER).write_text("{not json", encoding="utf-8")
    result = cli("solve", scenario, "--out", out, "--force", "--quiet")
    assert result.exit_code == 2
    assert REFUSED in result.stderr
    assert [p.name for p in out.iterdir()] == [MARKER]


def test_force_onto_an_empty_folder_writes_the_run(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    without = cli("solve", scenario, "--out", out, "--quiet")
    assert without.exit_code == 2
    assert "[output_exists]" in without.stderr
    result = cli("solve", scenario, "--out", out, "--force", "--quiet")
    assert result.exit_code == 0, result.output
    assert (out / "assignments.csv").is_file()


def test_a_symlink_as_the_output_is_never_followed(scenario: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "keep.txt").write_text("keep", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    result = cli("solve", scenario, "--out", link, "--force", "--quiet")
    assert result.exit_code == 2
    assert "[output_not_folder]" in result.stderr
    assert link.is_symlink()
    assert [p.name for p in real.iterdir()] == ["keep.txt"]


def test_a_file_as_the_output_is_never_replaced(scenario: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"PK-mine")
    result = cli("solve", scenario, "--out", target, "--force", "--quiet")
    assert result.exit_code == 2
    assert "[output_not_folder]" in result.stderr
    assert target.read_bytes() == b"PK-mine"


@pytest.fixture
def two_runs(scenario: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two run folders of the tiny scenario."""
    runs = tmp_path / "r1", tmp_path / "r2"
    for out in runs:
        assert cli("solve", scenario, "--out", out, "--quiet").exit_code == 0
    return runs


def test_compare_onto_one_of_its_runs_is_refused(two_runs: tuple[Path, Path]) -> None:
    run1, run2 = two_runs
    before = snapshot(run1)
    result = cli("compare", run1, run2, "--out", run1, "--force")
    assert result.exit_code == 2
    assert "written by `mutasi-opt solve`" in result.stderr
    assert snapshot(run1) == before


def test_compare_replaces_a_comparison_it_wrote(
    two_runs: tuple[Path, Path], tmp_path: Path
) -> None:
    run1, run2 = two_runs
    out = tmp_path / "cmp"
    assert cli("compare", run1, run2, "--out", out, "--quiet").exit_code == 0
    result = cli("compare", run1, run2, "--out", out, "--force", "--quiet")
    assert result.exit_code == 0, result.output
    assert json.loads((out / MARKER).read_text(encoding="utf-8"))["kind"] == "comparison"
    assert hidden(tmp_path) == []


def test_solve_onto_a_comparison_folder_is_refused(
    two_runs: tuple[Path, Path], scenario: Path, tmp_path: Path
) -> None:
    run1, run2 = two_runs
    out = tmp_path / "cmp"
    assert cli("compare", run1, run2, "--out", out, "--quiet").exit_code == 0
    before = snapshot(out)
    result = cli("solve", scenario, "--out", out, "--force", "--quiet")
    assert result.exit_code == 2
    assert "written by `mutasi-opt compare`" in result.stderr
    assert snapshot(out) == before


def test_analyze_onto_a_run_folder_is_refused(two_runs: tuple[Path, Path], scenario: Path) -> None:
    run1, _ = two_runs
    before = snapshot(run1)
    result = cli("analyze", scenario, "--out", run1, "--force", "--quiet")
    assert result.exit_code == 2
    assert "written by `mutasi-opt solve`" in result.stderr
    assert snapshot(run1) == before


def test_sample_onto_a_folder_of_data_is_refused(scenario: Path) -> None:
    folder = scenario.parent
    before = snapshot(folder)
    result = cli("sample", "--employees", "100", "--out", folder, "--no-xlsx", "--force")
    assert result.exit_code == 2
    assert REFUSED in result.stderr
    assert snapshot(folder) == before


def test_sample_replaces_a_sample_it_wrote_but_not_the_runs_inside(tmp_path: Path) -> None:
    sample = tmp_path / "s"
    args = ("sample", "--employees", "100", "--out", sample, "--no-xlsx")
    assert cli(*args).exit_code == 0
    assert cli(*args, "--seed", "4", "--force").exit_code == 0
    (sample / "runs").mkdir()
    (sample / "runs" / "keep.txt").write_text("a run", encoding="utf-8")
    result = cli(*args, "--seed", "5", "--force")
    assert result.exit_code == 2
    assert "runs" in result.stderr
    assert (sample / "runs" / "keep.txt").read_text(encoding="utf-8") == "a run"


def test_nothing_of_a_refused_force_is_left_beside_it(scenario: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "x").write_text("x", encoding="utf-8")
    assert cli("solve", scenario, "--out", other, "--force", "--quiet").exit_code == 2
    assert hidden(tmp_path) == []
    assert sorted(os.listdir(other)) == ["x"]


def test_a_sample_into_the_empty_working_folder_fills_it_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    inode = here.stat().st_ino
    result = cli("sample", "--employees", "100", "--out", ".", "--no-xlsx")
    assert result.exit_code == 0, result.output
    assert here.stat().st_ino == inode  # the same folder: the shell is not left in a deleted one
    assert (here / "scenario.yaml").is_file()
    assert (here / MARKER).is_file()
    assert hidden(tmp_path) == []
