"""Finding workbook cells that hold a formula but no computed value, in the sheet XML as writers
other than openpyxl lay it out (prefixed namespaces, cells without coordinates, shared formulas,
a workbook part elsewhere than ``xl/workbook.xml``)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mutasi_opt.tables.formulas import column_letter, uncomputed_formulas

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _book(path: Path, sheets: dict[str, str], *, folder: str = "xl", prefix: str = "") -> Path:
    """A workbook skeleton holding only what the scanner reads: the package and workbook
    relationships, the sheet list and each sheet's ``sheetData`` (given as XML)."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns{":" + prefix if prefix else ""}="{MAIN}"'
    listed = "".join(
        f'<{p}sheet name="{name}" sheetId="{k}" r:id="rId{k}"/>'
        for k, name in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{k}" Type="{REL}/worksheet" Target="sheets/s{k}.xml"/>'
        for k in range(1, len(sheets) + 1)
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="/{folder}/book.xml"/></Relationships>',
        )
        archive.writestr(
            f"{folder}/book.xml",
            f'<{p}workbook {xmlns} xmlns:r="{REL}"><{p}sheets>{listed}</{p}sheets></{p}workbook>',
        )
        archive.writestr(
            f"{folder}/_rels/book.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>'
        )
        for k, data in enumerate(sheets.values(), start=1):
            archive.writestr(
                f"{folder}/sheets/s{k}.xml",
                f"<{p}worksheet {xmlns}><{p}sheetData>{data}</{p}sheetData></{p}worksheet>",
            )
    return path


def test_only_formulas_without_a_value_are_found(tmp_path: Path) -> None:
    data = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>1+1</f><v>2</v></c></row>'
        '<row r="2"><c r="A2"><f>A1&amp;"x"</f><v/></c><c r="B2"><f>SUM(1,2)</f></c>'
        '<c r="C2" t="str"><f>IF(1,"","x")</f><v></v></c>'
        '<c r="D2" t="b"><f>TRUE()</f><v></v></c></row>'
    )
    book = _book(tmp_path / "b.xlsx", {"employees": data})
    found = uncomputed_formulas(book, ["employees"])
    # C2 computed an empty text: a value. D2 is a true/false with no value: none.
    assert found == {"employees": {(2, 1): '=A1&"x"', (2, 2): "=SUM(1,2)", (2, 4): "=TRUE()"}}


def test_cells_and_rows_without_coordinates_are_counted(tmp_path: Path) -> None:
    data = "<row><c><v>1</v></c><c><f>A1</f></c></row><row><c><v>1</v></c></row><row><c/><c/><c><f>B1</f></c></row>"
    book = _book(tmp_path / "b.xlsx", {"t": data})
    assert uncomputed_formulas(book, ["t"]) == {"t": {(1, 2): "=A1", (3, 3): "=B1"}}


def test_the_followers_of_a_shared_formula_have_no_text(tmp_path: Path) -> None:
    data = (
        '<row r="2"><c r="AB2"><f t="shared" ref="AB2:AB3" si="0">AA2*2</f></c></row>'
        '<row r="3"><c r="AB3"><f t="shared" si="0"/></c></row>'
    )
    book = _book(tmp_path / "b.xlsx", {"t": data})
    assert uncomputed_formulas(book, ["t"]) == {"t": {(2, 28): "=AA2*2", (3, 28): None}}


def test_a_prefixed_namespace_and_another_folder_are_followed(tmp_path: Path) -> None:
    data = '<x:row r="5"><x:c r="C5"><x:f>1/0</x:f></x:c></x:row>'
    book = _book(tmp_path / "b.xlsx", {"a": "", "b": data}, folder="wb", prefix="x")
    assert uncomputed_formulas(book, ["a", "b"]) == {"b": {(5, 3): "=1/0"}}


def test_only_the_named_sheets_are_read(tmp_path: Path) -> None:
    data = '<row r="1"><c r="A1"><f>1</f></c></row>'
    book = _book(tmp_path / "b.xlsx", {"a": data, "b": data})
    assert set(uncomputed_formulas(book, ["b", "missing"])) == {"b"}


def test_a_workbook_that_cannot_be_followed_gives_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "b.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("_rels/.rels", "<not xml")
    assert uncomputed_formulas(broken, ["a"]) == {}


@pytest.mark.parametrize(("column", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (28, "AB"),
                                                 (702, "ZZ"), (703, "AAA")])  # fmt: skip
def test_column_letters(column: int, letters: str) -> None:
    assert column_letter(column) == letters
