"""Writing a sample: byte-identical files, safe folders, tables the readers load without errors."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from mutasi_opt.errors import InputError
from mutasi_opt.outfolder import MARKER
from mutasi_opt.scenario import Rules, SolverSettings, Weights, load_scenario
from mutasi_opt.synth import WORKBOOK_NAME, SampleData, generate_sample, write_sample
from mutasi_opt.tables.read import load_tables, read_tables

TABLES = ("employees", "positions", "competencies", "requirements", "competency_dictionary",
          "preferences")  # fmt: skip
FILES = {f"{t}.csv" for t in TABLES} | {WORKBOOK_NAME, "scenario.yaml", "README.md", MARKER}


def _digests(folder: Path) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def written(small: SampleData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small sample written once, workbook included."""
    return write_sample(small, tmp_path_factory.mktemp("w") / "sample")


def test_writes_every_table_a_workbook_a_scenario_and_a_readme(written: Path) -> None:
    assert {f.name for f in written.iterdir()} == FILES
    # Nothing is left next to it (the temporary folder was renamed into place).
    assert [f.name for f in written.parent.iterdir()] == ["sample"]


def test_same_sample_same_bytes(small: SampleData, written: Path, tmp_path: Path) -> None:
    again = write_sample(generate_sample(300, seed=7), tmp_path / "again")
    assert _digests(again) == _digests(written)
    other = write_sample(generate_sample(300, seed=8), tmp_path / "other", xlsx=False)
    assert (other / "employees.csv").read_bytes() != (written / "employees.csv").read_bytes()
    assert not (other / WORKBOOK_NAME).exists()


def test_workbook_entries_carry_the_planning_date(written: Path) -> None:
    with zipfile.ZipFile(written / WORKBOOK_NAME) as z:
        assert {info.date_time for info in z.infolist()} == {(2026, 12, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2026-12-01T00:00:00Z" in core
    assert core.count("2026-12-01T00:00:00Z") == 2


def test_csv_cells_use_the_documented_forms(written: Path) -> None:
    employees = (written / "employees.csv").read_text(encoding="utf-8")
    header, first = employees.splitlines()[:2]
    assert header == ("nip,name,position_id,golongan,education,tmt_jabatan,performance,"
                      "performance_prev,potential,birth_date,status,locked,asn_type,"
                      "qualifications")  # fmt: skip
    assert "\r" not in employees
    raw = pd.read_csv(written / "employees.csv", dtype=str, keep_default_na=False)
    assert first.endswith((",PNS,", ",CPNS,", ",PPPK,"))  # most people have no qualification
    assert set(raw["locked"]) == {"true", "false"}
    assert set(raw["asn_type"]) == {"PNS", "CPNS", "PPPK"}
    assert (raw["qualifications"] == "").mean() > 0.9  # empty for most people
    posts = pd.read_csv(written / "positions.csv", dtype=str, keep_default_na=False)
    assert list(posts.columns)[-1] == "family"
    assert (posts.loc[posts["kind"] != "fungsional", "family"] == "").all()
    assert raw["tmt_jabatan"].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()
    assert (raw.loc[raw["position_id"] == "", "tmt_jabatan"] == "").all()
    prefs = pd.read_csv(written / "preferences.csv", dtype=str, keep_default_na=False)
    assert set(prefs["refuse"]) == {"true", "false"}
    assert (prefs.loc[prefs["refuse"] == "true", "rank"] == "").all()


def test_nip_cells_are_text_in_the_workbook(written: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(written / WORKBOOK_NAME, read_only=True)
    try:
        assert book.sheetnames == list(TABLES)
        rows = book["employees"].iter_rows(min_row=2, max_row=4)
        for row in rows:
            assert isinstance(row[0].value, str)
            assert len(row[0].value) == 18
            assert row[0].number_format == "@"
    finally:
        book.close()


def test_the_readers_load_the_files_without_errors(small: SampleData, written: Path) -> None:
    expected = small.to_tables()
    from_csv = load_tables(load_scenario(written / "scenario.yaml"))
    from_book = read_tables({}, workbook=written / WORKBOOK_NAME)
    for loaded in (from_csv, from_book):
        for name in (*TABLES, "scores"):
            pd.testing.assert_frame_equal(getattr(loaded, name), getattr(expected, name))
        # Only the documented warnings: people without competency data, posts without standards.
        assert {w.rule for w in loaded.warnings} == {"no_competency_data", "no_requirements"}


def test_scenario_spells_out_the_defaults(written: Path) -> None:
    scenario = load_scenario(written / "scenario.yaml")
    assert scenario.name == "sibolga-sample"
    assert scenario.rules == Rules()
    assert scenario.weights == Weights()
    assert scenario.solver == SolverSettings()
    text = (written / "scenario.yaml").read_text(encoding="utf-8")
    assert "  min_tenure_months: 24" in text
    assert "# below it a person stays" in text


def test_refuses_a_non_empty_folder_unless_forced(small: SampleData, tmp_path: Path) -> None:
    out = tmp_path / "busy"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(InputError) as info:
        write_sample(small, out, xlsx=False)
    assert [i.rule for i in info.value.issues] == ["output_exists"]
    assert (out / "keep.txt").read_text() == "mine"
    with pytest.raises(InputError) as info:
        write_sample(small, out, xlsx=False, force=True)  # not a sample: never replaced
    assert [i.rule for i in info.value.issues] == ["output_not_replaceable"]
    assert (out / "keep.txt").read_text() == "mine"
    (out / "keep.txt").unlink()
    write_sample(small, out, xlsx=False)
    write_sample(small, out, xlsx=False, force=True)  # a sample it wrote: replaced
    assert (out / "employees.csv").exists()
    assert sorted(f.name for f in tmp_path.iterdir()) == ["busy"]
    empty = tmp_path / "empty"
    empty.mkdir()
    write_sample(small, empty, xlsx=False)  # an empty folder is fine
    file = tmp_path / "file"
    file.write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        write_sample(small, file, xlsx=False, force=True)


def test_a_failed_write_leaves_nothing(
    small: SampleData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mutasi_opt.synth.write as writer

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(writer, "write_workbook", broken)
    with pytest.raises(OSError, match="disk full"):
        write_sample(small, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_a_table_longer_than_a_worksheet_stops_the_workbook_before_anything_is_written(
    small: SampleData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mutasi_opt.report import xlsx

    # The small sample's competencies table is its longest; a worksheet one row short of it.
    rows = len(small.competencies)
    monkeypatch.setattr(xlsx, "SHEET_ROWS", rows)
    with pytest.raises(InputError) as info:
        write_sample(small, tmp_path / "s")
    assert [(i.rule, i.file, i.value) for i in info.value.issues] == [
        ("sample_sheet_too_long", f"{WORKBOOK_NAME}[competencies]", str(rows))
    ]
    assert "--no-xlsx" in info.value.issues[0].message
    assert not (tmp_path / "s").exists()
    write_sample(small, tmp_path / "s", xlsx=False)  # the CSVs alone are fine
    monkeypatch.setattr(xlsx, "SHEET_ROWS", rows + 1)  # exactly fits under the header
    write_sample(small, tmp_path / "t")
    assert (tmp_path / "t" / WORKBOOK_NAME).exists()
