"""The draft decree attachment: decree.xlsx and decree.docx (rows, header block, print setup,
byte-identical files)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from mutasi_opt.report import write_run_folder
from mutasi_opt.report.decree import BLANK, decree_header, decree_rows, pangkat
from mutasi_opt.scenario import scenario_from_dict

from .builders import FakePlan, make_plan
from .conftest import CREATED

MOVED = {  # nip -> (name, new OPD) of the five people who move in the hand-made plan
    "198202022006012002": "Budi Hutagalung",
    "198503032008012003": "Citra Panggabean",
    "197904042003011004": "Dedi Simanjuntak",
    "198806052010012005": "Eka Sitompul",
    "199007062015031006": "Fajar Nasution",
}


def _with_decree(plan: FakePlan, **decree: object) -> FakePlan:
    raw = plan.problem.scenario.to_dict()
    raw["output"]["decree"] = decree
    plan.problem.scenario = scenario_from_dict(raw, source=plan.problem.scenario.source)
    return plan


def test_pangkat_of_golongan() -> None:
    assert pangkat("III/d") == "Penata Tingkat I, III/d"
    assert pangkat("IV/a") == "Pembina, IV/a"
    assert pangkat("V") == "V"  # not a PNS golongan (e.g. PPPK): shown as given


def test_rows_are_the_people_moved_numbered_by_new_opd(plan: FakePlan) -> None:
    rows = decree_rows(plan.assignments, "id")
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert {r.nip: r.name for r in rows} == MOVED
    units = [r.new_unit.casefold() for r in rows]
    assert units == sorted(units)
    fajar = next(r for r in rows if r.name == "Fajar Nasution")
    assert (fajar.old_post, fajar.old_unit, fajar.remark) == (
        "(belum memiliki jabatan)",
        "",
        "Penempatan",
    )
    citra = next(r for r in rows if r.name == "Citra Panggabean")
    assert citra.pangkat == "Pembina, IV/a"
    assert (citra.old_post, citra.new_post, citra.remark) == (
        "Pengelola Data Kesehatan",
        "Kepala Seksi Kurikulum",
        "Promosi",
    )


def test_header_from_the_scenario_blanks_as_dots(plan: FakePlan) -> None:
    empty = decree_header(plan.problem.scenario, "id")
    assert dict(empty.lines)["NOMOR"] == BLANK
    assert empty.effective.endswith("1 Desember 2026")  # TMT defaults to the planning date
    assert empty.official_name == BLANK
    filled = decree_header(
        _with_decree(
            plan,
            number="800/123/BKPSDM/2026",
            date="2026-12-15",
            effective_date="2027-01-02",
            issuer="Wali Kota Sibolga",
            place="Sibolga",
            official_title="Wali Kota Sibolga",
            official_name="Budi Santoso",
            official_nip="197001011990031001",
        ).problem.scenario,
        "id",
    )
    assert dict(filled.lines) == {
        "NOMOR": "800/123/BKPSDM/2026",
        "TANGGAL": "15 Desember 2026",
        "TENTANG": "PEMINDAHAN DAN PENGANGKATAN PEGAWAI NEGERI SIPIL DALAM JABATAN",
    }
    assert filled.attachment == "LAMPIRAN KEPUTUSAN WALI KOTA SIBOLGA"
    assert filled.effective.endswith("2 Januari 2027")
    assert filled.place_date == "Sibolga, 15 Desember 2026"
    assert filled.official_nip == "NIP 197001011990031001"


@pytest.fixture(scope="module")
def decree_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run folder whose decree has a number, a date and a signing official."""
    root = tmp_path_factory.mktemp("decree")
    plan = _with_decree(
        make_plan(root / "inputs"),
        number="821.2/45/BKPSDM",
        date="2026-12-10",
        official_name="Budi Santoso",
    )
    plan.assignments.loc[0, "name"] = '=HYPERLINK("x")'  # a stay: must not reach the decree
    plan.assignments.loc[1, "name"] = "=1+1 Budi"
    return write_run_folder(plan, root / "run", created_at=CREATED)


def test_decree_xlsx_rows_text_and_print_setup(decree_run: Path) -> None:
    wb = load_workbook(decree_run / "decree.xlsx")
    assert wb.sheetnames == ["Lampiran SK"]
    ws = wb.active
    assert ws is not None
    values = [[c.value for c in row] for row in ws.iter_rows()]
    flat = [str(v) for row in values for v in row if v is not None]
    assert any("821.2/45/BKPSDM" in v for v in flat)
    assert any("10 Desember 2026" in v for v in flat)
    assert "Budi Santoso" in flat
    head = next(k for k, row in enumerate(values) if row[0] == "NO")
    body = [row for row in values[head + 2 :] if isinstance(row[0], int)]
    assert [row[0] for row in body] == [1, 2, 3, 4, 5]
    assert any(str(row[1]).startswith("=1+1 Budi\n198202022006012002") for row in body)
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ws.page_setup.orientation == "landscape"
    # An absent fitToWidth is 1, the schema's default (ECMA-376 Part 1, 18.3.1.64).
    assert ws.page_setup.fitToWidth in (None, 1)
    assert ws.page_setup.fitToHeight == 0
    assert ws.freeze_panes == f"A{head + 3}"
    assert ws.merged_cells.ranges, "the title spans the table's width"
    assert ws.print_title_rows == f"${head + 1}:${head + 2}"
    assert "&P" in ws.oddFooter.center.text


def test_decree_docx_table_header_repeats_and_page_numbers(decree_run: Path) -> None:
    document = docx.Document(str(decree_run / "decree.docx"))
    table = document.tables[-1]
    assert len(table.rows) == 2 + len(MOVED)
    assert table.rows[0].cells[1].text == "NAMA / NIP"
    assert [r.cells[0].text for r in table.rows[2:]] == ["1", "2", "3", "4", "5"]
    names = {r.cells[1].text.split("\n")[1] for r in table.rows[2:]}
    assert names == set(MOVED)
    for row in table.rows[:2]:
        assert row._tr.xpath("./w:trPr/w:tblHeader"), "the header rows repeat on every page"
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml
    assert "NUMPAGES" in footer_xml
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DRAF" in text
    assert "Jumlah: 5 orang" in text
    block = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "821.2/45/BKPSDM" in block


def test_decree_in_english(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "inputs", language="en")
    out = write_run_folder(plan, tmp_path / "run", created_at=CREATED)
    document = docx.Document(str(out / "decree.docx"))
    assert document.tables[-1].rows[0].cells[1].text == "NAME / NIP"
    assert load_workbook(out / "decree.xlsx").sheetnames == ["Decree attachment"]


def test_office_files_are_byte_identical_for_the_same_run(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "inputs")
    first = write_run_folder(plan, tmp_path / "a", created_at=CREATED)
    later = CREATED + dt.timedelta(seconds=0)
    second = write_run_folder(plan, tmp_path / "b", created_at=later)
    for name in ("decree.xlsx", "decree.docx", "report.xlsx"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
