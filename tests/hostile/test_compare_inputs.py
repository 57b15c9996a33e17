"""``compare`` checks what it reads (issue 13, item 10): a damaged run folder is exit 2 naming the
file and key, never a crash; runs planned on different data are compared with a warning."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .kit import cli, edit_cell, hidden, tiny


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two run folders of the tiny scenario, written once; tests damage copies."""
    root = tmp_path_factory.mktemp("compare")
    scenario = tiny(root)
    out = root / "r1", root / "r2"
    for folder in out:
        assert cli("solve", scenario, "--out", folder, "--quiet").exit_code == 0
    return out


def _copy(run: Path, tmp_path: Path, name: str = "bad") -> Path:
    target = tmp_path / name
    shutil.copytree(run, target)
    return target


def _summary(folder: Path, change: Callable[[dict[str, Any]], Any]) -> None:
    path = folder / "summary.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _refused(good: Path, bad: Path, tmp_path: Path) -> str:
    out = tmp_path / "cmp"
    result = cli("compare", good, bad, "--out", out)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "unexpected error" not in result.stderr
    assert not out.exists()
    assert hidden(tmp_path) == []
    return result.stderr


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("objective", "abc"),
        ("bound", [1, 2]),
        ("gap", {"x": 1}),
        ("objective", True),
    ],
)
def test_a_summary_number_that_is_not_a_number_is_named(
    runs: tuple[Path, Path], tmp_path: Path, key: str, value: Any
) -> None:
    bad = _copy(runs[1], tmp_path)
    _summary(bad, lambda d: d.__setitem__(key, value))
    stderr = _refused(runs[0], bad, tmp_path)
    assert f"{bad / 'summary.json'}, key '{key}'" in stderr
    assert "must be a number or null" in stderr


def test_an_unknown_status_is_named(runs: tuple[Path, Path], tmp_path: Path) -> None:
    bad = _copy(runs[1], tmp_path)
    _summary(bad, lambda d: d.__setitem__("status", "great"))
    stderr = _refused(runs[0], bad, tmp_path)
    assert "key 'status'" in stderr
    assert "optimal, feasible, infeasible, no_solution" in stderr


def test_kpis_that_are_not_a_mapping_are_named(runs: tuple[Path, Path], tmp_path: Path) -> None:
    bad = _copy(runs[1], tmp_path)
    _summary(bad, lambda d: d.__setitem__("kpis", [1, 2, 3]))
    assert "key 'kpis'" in _refused(runs[0], bad, tmp_path)


def test_a_kpi_the_comparison_counts_with_must_be_a_number(
    runs: tuple[Path, Path], tmp_path: Path
) -> None:
    bad = _copy(runs[1], tmp_path)
    _summary(bad, lambda d: d["kpis"].__setitem__("moves", "many"))
    assert "key 'kpis.moves'" in _refused(runs[0], bad, tmp_path)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"status": "optimal", "status": "infeasible"}', "a key is written twice"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_a_summary_that_is_not_a_summary_is_named(
    runs: tuple[Path, Path], tmp_path: Path, text: str, words: str
) -> None:
    bad = _copy(runs[1], tmp_path)
    (bad / "summary.json").write_text(text, encoding="utf-8")
    stderr = _refused(runs[0], bad, tmp_path)
    assert str(bad / "summary.json") in stderr
    assert words in stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfe\x00garbage\xff", "not UTF-8"),
        (b"nip,name\n1,a\n", "lacks the column(s)"),
    ],
)
def test_an_assignments_csv_that_cannot_be_read_is_named(
    runs: tuple[Path, Path], tmp_path: Path, content: bytes, words: str
) -> None:
    bad = _copy(runs[1], tmp_path)
    (bad / "assignments.csv").write_bytes(content)
    stderr = _refused(runs[0], bad, tmp_path)
    assert str(bad / "assignments.csv") in stderr
    assert words in stderr


def test_a_nip_twice_in_assignments_is_named(runs: tuple[Path, Path], tmp_path: Path) -> None:
    bad = _copy(runs[1], tmp_path)
    path = bad / "assignments.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    stderr = _refused(runs[0], bad, tmp_path)
    assert f"row {len(lines) + 1}, column 'nip'" in stderr
    assert "[duplicate_nip]" in stderr


def test_a_moved_flag_that_is_not_a_flag_is_named(runs: tuple[Path, Path], tmp_path: Path) -> None:
    bad = _copy(runs[1], tmp_path)
    edit_cell(bad / "assignments.csv", 2, "moved", "perhaps")
    stderr = _refused(runs[0], bad, tmp_path)
    assert "row 2, column 'moved'" in stderr


def test_runs_on_the_same_data_compare_without_a_warning(
    runs: tuple[Path, Path], tmp_path: Path
) -> None:
    result = cli("compare", *runs, "--out", tmp_path / "cmp")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr


def test_runs_on_different_data_compare_with_a_warning(
    runs: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario = tiny(tmp_path / "other")
    edit_cell(tmp_path / "other" / "data" / "employees.csv", 2, "performance", "Sangat Baik")
    other = tmp_path / "r3"
    assert cli("solve", scenario, "--out", other, "--quiet").exit_code == 0
    result = cli("compare", runs[0], other, "--out", tmp_path / "cmp", "--quiet")
    assert result.exit_code == 0, result.output
    assert "warning: the runs were planned on different data (employees differ" in result.stderr
    md = (tmp_path / "cmp" / "comparison.md").read_text(encoding="utf-8")
    assert "data yang berbeda (employees)" in md


def test_explain_refuses_a_run_with_a_damaged_summary(
    runs: tuple[Path, Path], tmp_path: Path
) -> None:
    bad = _copy(runs[1], tmp_path)
    _summary(bad, lambda d: d.__setitem__("status", 7))
    result = cli("explain", bad, "--nip", "198001012005011001")
    assert result.exit_code == 2
    assert "key 'status'" in result.stderr


@pytest.mark.parametrize(
    "written",
    [
        "19800101 200501 1 001",  # the printed form
        "'198001012005011001",  # Excel's mark for text, as copied from a cell
        " 19800101\u00a0200501\u00a01\u00a0001 ",  # non-breaking spaces, from a web page
        "'19800101 200501 1 001",
    ],
)
def test_explain_takes_the_nip_forms_the_tables_accept(
    runs: tuple[Path, Path], written: str
) -> None:
    result = cli("explain", runs[0], "--nip", written)
    assert result.exit_code == 0, result.output
    assert "Ani Siregar" in result.stdout


def test_explain_names_a_nip_that_is_not_in_the_run(runs: tuple[Path, Path]) -> None:
    result = cli("explain", runs[0], "--nip", "19800101 200501 1 009")
    assert result.exit_code == 2
    assert "198001012005011009" in result.stderr
    assert "Traceback" not in result.output


def test_a_run_folder_named_like_a_formula_is_no_formula_in_the_comparison(
    runs: tuple[Path, Path], tmp_path: Path
) -> None:
    odd = _copy(runs[1], tmp_path, "=HYPERLINK(1)")
    edit_cell(odd / "assignments.csv", 2, "to_position_id", "P07")  # so the person differs
    result = cli("compare", runs[0], odd, "--out", tmp_path / "cmp", "--quiet")
    assert result.exit_code == 0, result.output
    header = (tmp_path / "cmp" / "person_diff.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "'=HYPERLINK(1).to_position_id" in header
    assert ",=HYPERLINK" not in header
