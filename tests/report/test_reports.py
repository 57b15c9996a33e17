"""report.xlsx, report.md and report.html: sheets, headings, embedded charts, no network."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from mutasi_opt.report import write_run_folder
from mutasi_opt.report.columns import RUN_SHEETS, RUN_SHEETS_EN

from .builders import FakePlan, make_plan
from .conftest import CREATED

SHEETS = list(RUN_SHEETS)
SHEETS_EN = list(RUN_SHEETS_EN)
URL = re.compile(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


@pytest.fixture
def run(standard_run: tuple[FakePlan, Path]) -> Path:
    """The run folder of the standard plan."""
    return standard_run[1]


def test_xlsx_opens_and_has_its_sheets(run: Path) -> None:
    wb = openpyxl.load_workbook(run / "report.xlsx")
    assert wb.sheetnames == SHEETS
    ws = wb["Mutasi"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["NIP", "Nama", "ID jabatan asal", "Jabatan asal"]
    assert ws.max_row == 9  # header + 8 people
    assert ws.freeze_panes == "A2"
    nip = ws.cell(row=2, column=1)
    assert nip.value == "198503032008012003"  # Citra's promotion comes first
    assert nip.data_type == "s"
    moved = header.index("Pindah") + 1
    # The people moved first (five), then those who stay.
    assert [ws.cell(row=r, column=moved).value for r in range(2, 10)] == ["ya"] * 5 + ["tidak"] * 3
    jpm = header.index("JPM sebelum (%)") + 1
    cell = ws.cell(row=5, column=jpm)
    assert cell.value == pytest.approx(66.6667)
    assert cell.number_format == "#,##0.0"
    assert wb["Rantai"].max_row == 5
    assert wb["Lowongan"].cell(row=2, column=1).value == "P-02"
    assert wb["Pengembangan"].max_row == 4
    opd = wb["OPD"]
    assert [c.value for c in opd[1]] == [
        "OPD",
        "Pegawai sebelum",
        "Pegawai sesudah",
        "Masuk",
        "Keluar",
        "Pindah di dalam OPD",
    ]
    summary = [c.value for c in wb["Ringkasan"]["A"] if c.value]
    assert summary[0] == "Rencana Mutasi ASN: uji-laporan"
    assert "Status" in summary


def test_html_embeds_its_charts_and_names_no_external_address(run: Path) -> None:
    html = (run / "report.html").read_text(encoding="utf-8")
    # The frontier, JPM, 9-box, moves per OPD, flows between OPDs, vacancies by priority.
    assert html.count("<svg") == 6
    assert URL.search(html) is None
    assert "http" not in html
    for tag in ("<script src", "<link", "<iframe", "@import", "fetch(", "XMLHttpRequest"):
        assert tag not in html
    # The only scripts: the searchable tables' data and their inline code.
    assert html.count("<script") == html.count('<script type="application/json"') + 1
    # Only references inside the page (clip paths of the charts).
    assert re.search(r"url\((?!#)", html) is None


def test_html_png_charts_are_data_uris(plan: FakePlan, tmp_path: Path) -> None:
    out = write_run_folder(plan, tmp_path / "r", created_at=CREATED, image_format="png")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == 6
    assert "<svg" not in html
    assert URL.search(html) is None


def test_html_title_block_and_tables(run: Path) -> None:
    html = (run / "report.html").read_text(encoding="utf-8")
    assert '<html lang="id">' in html
    assert "<h1>Rencana Mutasi ASN</h1>" in html
    assert "uji-laporan" in html
    assert "2026-12-01" in html
    assert "2026-11-20 09:30" in html
    assert '<span class="badge optimal">Optimal</span>' in html
    assert "Daftar mutasi" in html
    # Moved people only, with the sentence of their reason.
    assert "Citra Panggabean" in html
    assert "alasan 2" in html
    # Written as rows before the script runs: the moves only (the page opens on them); the
    # people who stay are in the table's data, shown by the filter "Semua pegawai".
    moves = html.split('id="moves"')[1].split("</section>")[0]
    static, data = moves.split('<script type="application/json"')
    assert "Citra Panggabean" in static
    assert "Hadi Pasaribu" not in static
    assert "Hadi Pasaribu" in data
    assert "Rantai lowongan" in html
    assert "Siklus tukar" in html


def test_markdown_has_the_sections(run: Path) -> None:
    md = (run / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# Rencana Mutasi ASN\n")
    for heading in (
        "## Ringkasan",
        "## Daftar mutasi",
        "## Rantai lowongan dan siklus tukar",
        "## Lowongan yang tersisa",
        "## Rencana pengembangan",
    ):
        assert heading in md
    assert "Dari 8 pegawai, 5 (62,5 %) dimutasi (rotasi 3, promosi 1, penempatan 1)." in md
    # A | inside a cell is escaped so the table keeps its columns.
    assert "(Dinas Pendidikan) \\| alasan 2" in md


def test_long_tables_are_cut_with_a_note(plan: FakePlan, tmp_path: Path) -> None:
    import pandas as pd

    many = pd.concat([plan.development] * 20, ignore_index=True)  # 60 rows
    plan.development = many
    out = write_run_folder(plan, tmp_path / "r", formats=["md", "xlsx"], created_at=CREATED)
    md = (out / "report.md").read_text(encoding="utf-8")
    section = md.split("## Rencana pengembangan")[1].split("## ")[0]
    assert section.count("| 19") == 50
    assert (
        "Menampilkan 50 dari 60 baris; data lengkap ada di report.html, development.csv" in section
    )
    wb = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    assert wb["Pengembangan"].max_row == 61


def test_english_reports_have_english_sheet_names(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "in", language="en")
    out = write_run_folder(plan, tmp_path / "r", created_at=CREATED)
    wb = openpyxl.load_workbook(out / "report.xlsx")
    assert wb.sheetnames == SHEETS_EN
    assert [c.value for c in wb["Transfers"][1]][:2] == ["NIP", "Name"]
    assert [c.value for c in wb["By OPD"][1]][:2] == ["OPD", "Direction"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "<h1>Civil-Servant Transfer Plan</h1>" in html
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "Of 8 people, 5 (62.5%) move (rotation 3, promotion 1, placement 1)." in md
    assert "## Vacancy chains and swap cycles" in md


def test_move_table_shows_the_reason_without_its_opening(plan: FakePlan, tmp_path: Path) -> None:
    plan.assignments.loc[1, "reason"] = (
        "Rotasi dari Analis Kurikulum (Dinas Pendidikan) ke Pengelola Data Kesehatan "
        "(Dinas Kesehatan): sesuai keinginan ke-1; mengisi lowongan prioritas 4."
    )
    out = write_run_folder(plan, tmp_path / "r", formats=["md", "csv"], created_at=CREATED)
    md = (out / "report.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if line.startswith("| 198202022006012002 "))
    assert row.endswith("| Sesuai keinginan ke-1; mengisi lowongan prioritas 4. |")
    assert "| 70,0 → 85,0 |" in row
    # The CSV keeps the whole sentence.
    rows = (out / "assignments.csv").read_text(encoding="utf-8").splitlines()
    assert "(Dinas Kesehatan): sesuai keinginan ke-1; mengisi lowongan prioritas 4." in rows[2]


def test_nine_box_of_the_people_moved_when_the_boxes_do_not_change(
    plan: FakePlan, tmp_path: Path
) -> None:
    plan.kpis["nine_box_moved"] = {str(b): int(b in (5, 7, 8, 9)) for b in range(1, 10)}
    out = write_run_folder(plan, tmp_path / "r", formats=["md"], created_at=CREATED)
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "Kiri: semua pegawai; kanan: pegawai yang dimutasi." in md
    assert "*(Peta talenta 9-box sebelum dan sesudah: report.html)*" not in md  # no HTML written


def test_the_independent_check_is_shown_when_there_is_one(plan: FakePlan, tmp_path: Path) -> None:
    from types import SimpleNamespace

    plan.check = SimpleNamespace(ok=True)
    out = write_run_folder(plan, tmp_path / "r", formats=["md"], created_at=CREATED)
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "- **Pemeriksaan independen:** lulus: semua aturan terpenuhi" in md
    plan.check = None
    out = write_run_folder(plan, tmp_path / "r2", formats=["md"], created_at=CREATED)
    assert "Pemeriksaan independen" not in (out / "report.md").read_text(encoding="utf-8")


def test_every_sheet_prints_landscape_fitted_with_its_header_repeated(run: Path) -> None:
    wb = openpyxl.load_workbook(run / "report.xlsx")
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        # An absent fitToWidth is 1, the schema's default (ECMA-376 Part 1, 18.3.1.64).
        assert ws.page_setup.fitToWidth in (None, 1), ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert "&P" in ws.oddFooter.right.text, ws.title
    assert wb["Mutasi"].print_title_rows == "$1:$1"
    assert wb["Per OPD"].print_title_rows == "$1:$1"


def test_summary_figures_are_numbers_with_formats(run: Path) -> None:
    ws = openpyxl.load_workbook(run / "report.xlsx")["Ringkasan"]
    figures = {r[0].value: r[1] for r in ws.iter_rows() if r[0].value and len(r) > 1}
    people = figures["Pegawai"]
    assert people.value == 8
    assert people.data_type == "n"
    share = figures["Porsi pegawai dimutasi"]
    assert share.value == pytest.approx(5 / 8)
    assert share.number_format == "0.0%"
    jpm = figures["JPM rata-rata (Sesudah, %)"]
    assert jpm.value == pytest.approx(85.902775)
    assert jpm.number_format == "#,##0.0"
    objective = figures["Nilai tujuan"]
    assert objective.value == pytest.approx(12.345678)
    # No figure written as text with Indonesian separators.
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(re.fullmatch(r"[\d.]+,\d+( %)?", t) for t in texts)


def test_per_opd_sheet_lists_who_leaves_and_who_arrives(run: Path) -> None:
    ws = openpyxl.load_workbook(run / "report.xlsx")["Per OPD"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    kesehatan = [(r[1], r[3]) for r in rows if r[0] == "Dinas Kesehatan"]
    # Budi and Eka arrive; Citra and Dedi leave (leaving first).
    assert kesehatan == [
        ("Keluar", "Citra Panggabean"),
        ("Keluar", "Dedi Simanjuntak"),
        ("Masuk", "Budi Hutagalung"),
        ("Masuk", "Eka Sitompul"),
    ]
    assert ("Masuk", "Fajar Nasution") in [
        (r[1], r[3]) for r in rows if r[0] == "Kecamatan Sibolga Kota"
    ]


def test_development_totals_for_a_budget() -> None:
    import pandas as pd

    from mutasi_opt.report.devbudget import development_totals

    rows = [
        ("1", "U1", "pelatihan_teknis", "Pelatihan teknis A", "m1"),
        ("1", "U1", "mentoring", "Mentoring A oleh m1", "m1"),
        ("1", "U1", "pendampingan", "Pendampingan", "m1"),
        ("2", "U1", "pelatihan_teknis", "Pelatihan teknis A", ""),
        ("2", "U1", "pendampingan", "Pendampingan", ""),
        ("3", "U2", "pelatihan_manajerial", "PKP", "m2"),
        ("3", "U2", "pendampingan", "Pendampingan", "m2"),
        ("4", "U2", "pendampingan", "Pendampingan", "m2"),
    ]
    dev = pd.DataFrame(
        rows, columns=["nip", "to_unit", "development_kind", "suggestion", "mentor_nip"]
    )
    trainings, mentors = development_totals(dev)
    assert trainings.values.tolist() == [
        ["Pelatihan teknis A", "pelatihan_teknis", 2],
        ["PKP", "pelatihan_manajerial", 1],
    ]
    assert mentors.values.tolist() == [["U1", 2, 1, 1, 1], ["U2", 2, 1, 2, 0]]
