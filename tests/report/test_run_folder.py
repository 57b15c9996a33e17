"""The run folder: complete, atomic, deterministic, with every file and column of the contract."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

import mutasi_opt.report.html as report_html
import mutasi_opt.report.xlsx as report_xlsx
from mutasi_opt.errors import InputError
from mutasi_opt.report import OutputExistsError, write_run_folder
from mutasi_opt.solve.result import Status

from .builders import FakePlan, make_plan
from .conftest import CREATED

# The contract (docs/model.md "Outputs" and the Plan contract), written out independently here.
EXPECTED_FILES = {
    "summary.json", "assignments.csv", "vacancies.csv", "chains.csv", "development.csv",
    "frontier.csv", "shortlist.csv", "report.xlsx", "decree.xlsx", "decree.docx", "report.md", "report.html",
    "proof.json", "manifest.json",
    ".mutasi-opt.json",  # the marker: written by mutasi-opt (what --force may replace)
}  # fmt: skip
EXPECTED_HEADERS = {
    "assignments.csv": [
        "nip", "name", "from_position_id", "from_title", "from_unit", "to_position_id", "to_title",
        "to_unit", "moved", "move_type", "score", "score_before", "jpm_before", "jpm_after",
        "jpm_category", "jpm_category_before", "value", "reason", "reason_code", "chain_id",
        "gender", "golongan", "performance", "nine_box", "wish_rank_honoured",
    ],
    "vacancies.csv": [
        "position_id", "title", "unit", "kind", "jenjang", "priority", "capacity", "holders_after",
        "free_seats", "blocked_by", "reason", "eligible_candidates",
    ],
    "chains.csv": [
        "chain_id", "chain_type", "step", "nip", "name", "from_position_id", "from_unit",
        "to_position_id", "to_unit", "ends_with",
    ],
    "development.csv": [
        "nip", "name", "to_position_id", "to_unit", "competency", "competency_name", "required",
        "level", "gap", "development_kind", "suggestion", "mentor_nip", "mentor_name",
    ],
    "frontier.csv": [
        "moves", "moves_share", "placements", "value", "move_price", "fit_mean", "jpm_mean",
        "fit_lowering_moves", "wishes_honoured", "priority_seats_filled", "best_for_moves",
        "chosen", "method",
    ],
    "shortlist.csv": [
        "position_id", "title", "unit", "priority", "free_before", "rank", "nip", "name",
        "from_title", "from_unit", "score", "jpm", "jpm_category", "nine_box", "value", "chosen",
        "plan_position_id", "plan_title", "plan_unit", "why_not", "why_not_text",
    ],
}  # fmt: skip
CSVS = tuple(EXPECTED_HEADERS)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_every_file_present_with_its_columns(standard_run: tuple[FakePlan, Path]) -> None:
    _, out = standard_run
    assert out.name == "r1"
    assert out.is_absolute()
    assert {p.name for p in out.iterdir()} == EXPECTED_FILES
    for name, header in EXPECTED_HEADERS.items():
        with (out / name).open(encoding="utf-8") as handle:
            assert handle.readline().rstrip("\n").split(",") == header
    assert len(_rows(out / "assignments.csv")) == 8
    assert len(_rows(out / "chains.csv")) == 4
    assert len(_rows(out / "vacancies.csv")) == 1
    assert len(_rows(out / "development.csv")) == 3
    assert _leftovers(out.parent) == []


def test_csv_cells_are_formatted_deterministically(standard_run: tuple[FakePlan, Path]) -> None:
    _, out = standard_run
    raw = (out / "assignments.csv").read_bytes()
    assert b"\r\n" not in raw
    rows = {r["nip"]: r for r in _rows(out / "assignments.csv")}
    dedi = rows["197904042003011004"]
    assert dedi["moved"] == "true"
    assert dedi["jpm_before"] == "66.6667"
    assert dedi["jpm_after"] == "88.8889"
    assert dedi["score"] == "88.8889"
    # value 0.1 + 0.123456789 * 3 = 0.470370367 -> 4 decimals
    assert dedi["value"] == "0.4704"
    assert dedi["wish_rank_honoured"] == ""
    assert rows["198503032008012003"]["wish_rank_honoured"] == "1"
    assert rows["198503032008012003"]["jpm_before"] == "81.25"
    fajar = rows["199007062015031006"]
    assert (fajar["from_position_id"], fajar["jpm_before"], fajar["moved"]) == ("", "", "true")
    assert rows["198001012005011001"]["moved"] == "false"
    assert rows["198001012005011001"]["score"] == "92.5"
    assert rows["197512072000031007"]["score"] == "100"


def test_failure_while_writing_leaves_no_folder(
    plan: FakePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("disk full")

    # The writers are imported when a format asks for them: patched where they are defined.
    monkeypatch.setattr(report_html, "render_html", boom)
    target = tmp_path / "runs" / "r1"
    with pytest.raises(RuntimeError, match="disk full"):
        write_run_folder(plan, target, created_at=CREATED)
    assert not target.exists()
    assert _leftovers(target.parent) == []
    assert list(target.parent.iterdir()) == []


def test_interrupt_while_writing_leaves_no_folder(
    plan: FakePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(report_xlsx, "write_workbook", interrupt)
    target = tmp_path / "r1"
    with pytest.raises(KeyboardInterrupt):
        write_run_folder(plan, target, created_at=CREATED)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inputs"]


def test_existing_folder_is_kept_without_force(plan: FakePlan, tmp_path: Path) -> None:
    target = tmp_path / "r1"
    target.mkdir()
    (target / "keep.txt").write_text("old run", encoding="utf-8")
    with pytest.raises(OutputExistsError) as info:
        write_run_folder(plan, target, created_at=CREATED)
    assert info.value.issues[0].rule == "output_exists"
    assert "--force" in str(info.value)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
    assert _leftovers(tmp_path) == []


def test_force_replaces_an_existing_folder(plan: FakePlan, tmp_path: Path) -> None:
    target = tmp_path / "r1"
    write_run_folder(plan, target, formats=["html"], created_at=CREATED)
    write_run_folder(plan, target, force=True, formats=["csv", "md"], created_at=CREATED)
    assert {p.name for p in target.iterdir()} == EXPECTED_FILES - {
        "report.html",
        "report.xlsx",
        "decree.xlsx",
        "decree.docx",
    }
    assert _leftovers(tmp_path) == []


def test_force_never_replaces_a_folder_mutasi_opt_did_not_write(
    plan: FakePlan, tmp_path: Path
) -> None:
    target = tmp_path / "r1"
    target.mkdir()
    (target / "keep.txt").write_text("old run", encoding="utf-8")
    with pytest.raises(InputError) as info:
        write_run_folder(plan, target, force=True, formats=["csv"], created_at=CREATED)
    assert info.value.issues[0].rule == "output_not_replaceable"
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
    assert _leftovers(tmp_path) == []


def test_failed_forced_run_keeps_the_old_folder(
    plan: FakePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r1"
    write_run_folder(plan, target, formats=["md"], created_at=CREATED)
    before = sorted(p.name for p in target.iterdir())
    monkeypatch.setattr(report_xlsx, "write_workbook", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_run_folder(plan, target, force=True, created_at=CREATED)
    assert sorted(p.name for p in target.iterdir()) == before
    assert _leftovers(tmp_path) == []


def test_a_file_in_the_way_is_never_replaced(plan: FakePlan, tmp_path: Path) -> None:
    target = tmp_path / "r1"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(InputError) as info:
        write_run_folder(plan, target, force=True, created_at=CREATED)
    assert info.value.issues[0].rule == "output_not_folder"
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_two_runs_give_byte_identical_csvs(
    standard_run: tuple[FakePlan, Path], tmp_path: Path
) -> None:
    _, first = standard_run
    later = CREATED + dt.timedelta(hours=5)
    second = write_run_folder(make_plan(tmp_path / "a"), tmp_path / "r2", created_at=later)
    for name in CSVS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    s1 = json.loads((first / "summary.json").read_text(encoding="utf-8"))
    s2 = json.loads((second / "summary.json").read_text(encoding="utf-8"))
    assert s1.pop("created_at") != s2.pop("created_at")
    assert s1 == s2


def test_summary_json_holds_status_kpis_and_time_stamp(
    standard_run: tuple[FakePlan, Path],
) -> None:
    _, out = standard_run
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "optimal"
    assert summary["objective"] == pytest.approx(12.345678)
    assert summary["gap"] == 0.0
    assert summary["timings"] == {"build": 0.12, "solve": 0.34}
    assert summary["kpis"]["moves"] == 5
    assert summary["scenario"] == "uji-laporan"
    assert summary["as_of"] == "2026-12-01"
    assert summary["created_at"] == "2026-11-20T09:30:00+07:00"


def test_manifest_hashes_inputs_and_outputs(standard_run: tuple[FakePlan, Path]) -> None:
    plan, out = standard_run
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    inputs = {entry["role"]: entry for entry in manifest["inputs"]}
    assert set(inputs) == {"scenario", "employees", "positions"}
    for entry in inputs.values():
        path = Path(entry["path"])
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["bytes"] == path.stat().st_size
    outputs = {entry["file"]: entry["sha256"] for entry in manifest["outputs"]}
    assert set(outputs) == EXPECTED_FILES - {"manifest.json", ".mutasi-opt.json"}
    for name, digest in outputs.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert manifest["scenario"] == plan.problem.scenario.to_dict()
    assert manifest["seed"] == 7
    assert manifest["created_at"] == "2026-11-20T09:30:00+07:00"
    versions = manifest["versions"]
    assert versions["mutasi-opt"] == "0.1.0"
    assert {"ortools", "numpy", "pandas", "scipy", "python"} <= set(versions)
    assert all(versions[k] for k in ("ortools", "numpy", "pandas", "scipy"))


def test_formats_limit_the_reports(plan: FakePlan, tmp_path: Path) -> None:
    out = write_run_folder(plan, tmp_path / "r", formats=["csv"], created_at=CREATED)
    assert {p.name for p in out.iterdir()} == {
        "summary.json",
        "proof.json",
        "manifest.json",
        ".mutasi-opt.json",
        *CSVS,
    }
    with pytest.raises(ValueError, match="unknown output format"):
        write_run_folder(plan, tmp_path / "r2", formats=["pdf"], created_at=CREATED)
    assert not (tmp_path / "r2").exists()


def test_formats_default_to_the_scenario(tmp_path: Path) -> None:
    from .builders import make_scenario

    plan = make_plan(tmp_path / "in")
    plan.problem.scenario = make_scenario(tmp_path / "in", formats=["xlsx"])
    out = write_run_folder(plan, tmp_path / "r", created_at=CREATED)
    assert {p.name for p in out.iterdir()} == {
        "summary.json",
        "proof.json",
        "manifest.json",
        "report.xlsx",
        "decree.xlsx",
        "decree.docx",
        ".mutasi-opt.json",
    }


@pytest.mark.parametrize("status", [Status.INFEASIBLE, Status.NO_SOLUTION])
def test_run_without_a_plan_explains_itself(status: Status, tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "in", status=status)
    out = write_run_folder(plan, tmp_path / "r", created_at=CREATED)
    assert {p.name for p in out.iterdir()} == EXPECTED_FILES
    for name, header in EXPECTED_HEADERS.items():
        assert (out / name).read_text(encoding="utf-8") == ",".join(header) + "\n"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == status.value
    html = (out / "report.html").read_text(encoding="utf-8")
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "<svg" not in html
    assert "data:image" not in html
    if status is Status.INFEASIBLE:
        assert summary["conflicts"][0]["families"] == ["min_tenure", "must_fill"]
        assert "Tidak layak" in html
        assert "Jabatan P-03 wajib diisi" in html
        assert "Jabatan P-03 wajib diisi" in md
        assert "Mengapa tidak ada rencana" in md
    else:
        assert "solver.time_limit_s" in html


def test_nip_is_text_in_every_csv(plan: FakePlan, tmp_path: Path) -> None:
    plan.assignments.loc[0, "nip"] = "000001012005011001"
    out = write_run_folder(plan, tmp_path / "r", formats=["csv"], created_at=CREATED)
    assert _rows(out / "assignments.csv")[0]["nip"] == "000001012005011001"


def test_missing_contract_column_is_an_error(plan: FakePlan, tmp_path: Path) -> None:
    plan.assignments = plan.assignments.drop(columns=["reason"])
    with pytest.raises(ValueError, match=r"assignments\.csv lacks the contract column\(s\) reason"):
        write_run_folder(plan, tmp_path / "r", created_at=CREATED)
    assert not (tmp_path / "r").exists()
