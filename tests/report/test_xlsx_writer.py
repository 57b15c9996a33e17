"""report.xlsx's writer: every block where it belongs, cells of the right type and format, the
sheet's furniture (widths, pane, filter, print titles), hostile texts kept as texts, and rows
converted a few at a time without losing or shifting one.

The expected layout is walked here from the blocks (a title takes two rows, a heading one, pairs
one each and a blank, a table its header, its rows and a blank) and every cell is read back with
openpyxl, a reader apart from the writer.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from mutasi_opt.report import xlsx
from mutasi_opt.report.labels import label
from mutasi_opt.report.xlsx import Block, Sheet, write_workbook

CREATED = dt.datetime(2026, 12, 1, 9, 30, 14, tzinfo=dt.timezone(dt.timedelta(hours=7)))

HOSTILE = [
    '=HYPERLINK("http://x","klik")',
    "+SUM(A1:A9)",
    "-1+2",
    "@cmd",
    "<b>tebal</b> & 'kutip' \"ganda\"",
    "baris\nbaru",
    "kontrol\x01\x07",
    "",
]


def _frame(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(rows)
    texts = [HOSTILE[k % len(HOSTILE)] + f" {k}" if k % 3 else HOSTILE[k % len(HOSTILE)]
             for k in range(rows)]  # fmt: skip
    jpm = rng.uniform(0, 100, rows).round(4)
    jpm[::5] = np.nan
    return pd.DataFrame(
        {
            "nip": [f"19850303200801{k:04d}" for k in range(rows)],
            "name": texts,
            "golongan": rng.integers(1, 17, rows),
            "jpm_before": jpm,
            "share": rng.uniform(0, 1, rows),
            "tmt_jabatan": pd.to_datetime("2020-01-01") + pd.to_timedelta(np.arange(rows), "D"),
            "moved": np.arange(rows) % 2 == 0,
        }
    )


CELLS: dict[str, Any] = {
    "nip": "code",
    "name": "text",
    "golongan": "int",
    "jpm_before": "num1",
    "share": "pct",
    "tmt_jabatan": "date",
    "moved": "bool",
    "not_in_frame": "text",
}


def _expected(value: Any, kind: str) -> Any:
    """What a reader should find for ``value`` written as ``kind`` (None: an empty cell)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind in ("text", "code"):
        text = str(value).replace("\x01", "").replace("\x07", "")
        return text or None
    if kind == "int":
        return int(value)
    if kind in ("num1", "pct"):
        return pytest.approx(float(value))
    if kind == "date":
        return dt.datetime(value.year, value.month, value.day)
    if kind == "bool":
        return "ya" if value else "tidak"
    raise AssertionError(kind)


FORMATS = {"code": "@", "num1": "#,##0.0", "pct": "0.0%", "date": "yyyy-mm-dd"}


def _check_table(ws: Worksheet, top: int, frame: pd.DataFrame, cells: dict[str, Any]) -> None:
    """The table's header at row ``top`` (1-based) and every row under it."""
    for c, name in enumerate(cells, start=1):
        head = ws.cell(row=top, column=c)
        assert head.value == label(name, "id")
        assert head.font.b
        assert head.fill.fgColor.rgb.endswith("1F4E79")
    for r in range(len(frame)):
        for c, (name, kind) in enumerate(cells.items(), start=1):
            cell = ws.cell(row=top + 1 + r, column=c)
            value = frame[name].iloc[r] if name in frame.columns else None
            want = _expected(value, kind)
            assert cell.value == want, (ws.title, top + 1 + r, name)
            if want is None:
                continue
            if kind in ("text", "code", "bool"):
                assert cell.data_type == "s", (name, cell.value)
            if kind in FORMATS:
                assert cell.number_format == FORMATS[kind], name


@pytest.mark.parametrize("rows_at_once", [1, 3, 7, 20_000])
def test_a_table_alone_is_written_cell_by_cell_with_its_furniture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows_at_once: int
) -> None:
    monkeypatch.setattr(xlsx, "ROWS_AT_ONCE", rows_at_once)
    frame = _frame(23)
    path = tmp_path / "a.xlsx"
    write_workbook(path, [Sheet("Mutasi", [Block("table", frame=frame, columns=CELLS)])], "id")
    ws = openpyxl.load_workbook(path)["Mutasi"]
    _check_table(ws, 1, frame, CELLS)
    assert ws.max_row == 24
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H24"
    assert ws.print_title_rows == "$1:$1"
    # No cell anywhere holds a formula.
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def _widths(ws: Worksheet) -> dict[int, float]:
    """Each column's width, ranges of equal widths spread over their columns."""
    out: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min:
            for c in range(dim.min, dim.max + 1):
                out[c] = dim.width
    return out


def test_column_widths_follow_the_header_and_the_first_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx, "WIDTH_SAMPLE", 2)
    frame = pd.DataFrame({"name": ["ab", "abcdefghijklmnopqrstuvwxyz0123", "x" * 500],
                          "unit": ["pendek", "y" * 300, "z"]})  # fmt: skip
    path = tmp_path / "w.xlsx"
    write_workbook(
        path,
        [Sheet("W", [Block("table", frame=frame, columns={"name": "text", "unit": "text"})])],
        "id",
    )
    widths = _widths(openpyxl.load_workbook(path)["W"])
    # XlsxWriter stores a width with its cell padding (under one character).
    # "name": the second value's 30 characters + 2; the third is past the sample.
    assert 32 <= widths[1] < 33
    # "unit": 300 characters, capped at 60.
    assert 60 <= widths[2] < 61


def test_a_mixed_sheet_puts_every_block_on_its_rows(tmp_path: Path) -> None:
    first, second = _frame(4), _frame(3)
    pairs = [
        ("Pegawai", 2500, "int"),
        ("Porsi", 0.0912, "pct", "dari 2.500"),
        ("Nilai tujuan", np.float64(12.345678), "num4"),
        ("Status", "optimal"),
        ("=rumus", "=1+1"),
        ("Tanggal", dt.date(2026, 12, 1)),
    ]
    sheet = Sheet(
        "Ringkasan",
        [
            Block("title", text="Rencana =bukan rumus"),
            Block("heading", text="Angka"),
            Block("pairs", pairs=pairs),
            Block("table", frame=first, columns=CELLS),
            Block("heading", text="Kedua"),
            Block("table", frame=second, columns=CELLS),
        ],
    )
    path = tmp_path / "m.xlsx"
    write_workbook(path, [sheet], "id", title="judul", created_at=CREATED)
    ws = openpyxl.load_workbook(path)["Ringkasan"]
    assert ws["A1"].value == "Rencana =bukan rumus"
    assert ws["A1"].font.sz == 14
    assert ws["A2"].value is None
    assert ws["A3"].value == "Angka"
    assert ws["A3"].font.b
    row = 4
    for pair in pairs:
        key = ws.cell(row=row, column=1)
        value = ws.cell(row=row, column=2)
        assert key.value == pair[0]
        assert key.font.b
        assert key.data_type == "s"
        if isinstance(pair[1], dt.date):
            assert value.value == dt.datetime(2026, 12, 1)
            assert value.number_format == "yyyy-mm-dd"
        elif isinstance(pair[1], str):
            assert value.value == pair[1]
            assert value.data_type == "s"
        else:
            assert value.value == pytest.approx(float(pair[1]))
            assert value.data_type == "n"
        if len(pair) > 2:
            fmt = {"int": "#,##0", "pct": "0.0%", "num4": "0.0000"}[pair[2]]
            assert value.number_format == fmt
            assert value.alignment.horizontal == "right"
        assert ws.cell(row=row, column=3).value == (pair[3] if len(pair) > 3 else None)
        row += 1
    row += 1  # the blank after the pairs
    _check_table(ws, row, first, CELLS)
    row += len(first) + 2
    assert ws.cell(row=row, column=1).value == "Kedua"
    row += 1
    _check_table(ws, row, second, CELLS)
    assert ws.max_row == row + len(second)
    # Two tables: no frozen pane, no filter, no print titles; pairs widen A and B.
    assert ws.freeze_panes is None
    assert ws.auto_filter.ref is None
    assert ws.print_title_rows is None
    widths = _widths(ws)
    assert widths[1] >= 34
    assert widths[2] >= 40
    assert ws.page_setup.orientation == "landscape"
    assert ws.oddFooter.right.text == "&P / &N"
    assert ws.oddFooter.left.text == "&A"


def test_the_same_sheets_give_the_same_bytes_dated_from_created_at(tmp_path: Path) -> None:
    sheets = [Sheet("T", [Block("table", frame=_frame(30), columns=CELLS)])]
    write_workbook(tmp_path / "a.xlsx", sheets, "id", title="x", created_at=CREATED)
    write_workbook(tmp_path / "b.xlsx", sheets, "id", title="x", created_at=CREATED)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        # The wall time of created_at (ZIP keeps even seconds); the document's times in UTC.
        assert {info.date_time for info in z.infolist()} == {(2026, 12, 1, 9, 30, 14)}
        assert {info.external_attr >> 16 for info in z.infolist()} == {0o100644}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2026-12-01T02:30:14Z") == 2
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert book.properties.creator == "mutasi-opt"
    assert book.properties.title == "x"


def test_an_unknown_block_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown block kind 'chart'"):
        write_workbook(
            tmp_path / "x.xlsx",
            [
                Sheet("A", [Block("table", frame=_frame(3), columns=CELLS)]),
                Sheet("S", [Block("chart")]),
            ],
            "id",
        )
    # Neither the workbook nor a sheet's temporary file is left.
    assert list(tmp_path.iterdir()) == []


def test_a_table_longer_than_a_worksheet_continues_on_next_sheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx, "SHEET_ROWS", 8)  # a header and 7 rows per sheet
    frame = _frame(17)
    name = "Daftar Kandidat Jabatan Panjang"  # 31 characters
    path = tmp_path / "c.xlsx"
    sheets = [Sheet(name, [Block("table", frame=frame, columns=CELLS)]), Sheet("Lain", [])]
    write_workbook(path, sheets, "id")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [name, "Daftar Kandidat Jabatan Pan (2)", "Daftar Kandidat Jabatan Pan (3)",
                               "Lain"]  # fmt: skip
    for k, ws in enumerate(book.worksheets[:3]):
        part = frame.iloc[7 * k : 7 * k + 7]
        _check_table(ws, 1, part, CELLS)
        assert ws.max_row == 1 + len(part)
        assert ws.freeze_panes == "A2"
    # Every row once, in order.
    nips = [ws.cell(row=r, column=1).value for ws in book.worksheets[:3] for r in range(2, 9)]
    assert [n for n in nips if n] == frame["nip"].tolist()
    # The empty sheet's temporary file (XlsxWriter leaves it) went with this call's folder.
    assert [p.name for p in tmp_path.iterdir()] == ["c.xlsx"]


def test_a_mixed_sheet_longer_than_a_worksheet_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx, "SHEET_ROWS", 8)
    blocks = [Block("heading", text="A"), Block("table", frame=_frame(6), columns=CELLS)]
    write_workbook(tmp_path / "fits.xlsx", [Sheet("S", blocks)], "id")  # 1 + 1 + 6 rows
    blocks = [Block("heading", text="A"), Block("table", frame=_frame(7), columns=CELLS)]
    with pytest.raises(ValueError, match="'S': 9 rows, more than a worksheet holds"):
        write_workbook(tmp_path / "x.xlsx", [Sheet("S", blocks)], "id")
    assert not (tmp_path / "x.xlsx").exists()
