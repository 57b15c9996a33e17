"""Write a sample: one CSV per table, one workbook of the same data, a scenario, a README.

Files are byte-identical for the same sample: CSVs are written from text columns with ``\\n`` line
ends; the workbook's document properties and the zip entries' timestamps are fixed to the sample's
``as_of``. The folder is written next to its final place and renamed into it at the end, so an
interrupted write leaves no half folder (:func:`mutasi_opt.report.atomic.atomic_folder`); it is
marked as a sample, and ``--force`` replaces only an empty folder or one that
``mutasi-opt sample`` wrote.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.outfolder import atomic_folder
from mutasi_opt.synth.generate import SampleData
from mutasi_opt.synth.scenario_text import scenario_yaml

__all__ = ["WORKBOOK_NAME", "csv_text", "write_sample", "write_workbook"]

WORKBOOK_NAME = "sibolga.xlsx"
# NIP and id cells get the text format "@" so that Excel never turns one into a number on editing.
_TEXT_COLUMNS = frozenset({"nip", "position_id"})


def _text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as text: ISO dates, ``true``/``false``, integers, empty for missing."""
    out = {}
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_bool_dtype(s) and not isinstance(s.dtype, pd.BooleanDtype):
            out[col] = np.where(s.to_numpy(dtype=bool), "true", "false")
        elif pd.api.types.is_integer_dtype(s):
            out[col] = s.astype("string").fillna("").astype(object)
        else:
            out[col] = s.astype(object).where(s.notna(), "")
    return pd.DataFrame(out, columns=frame.columns)


def csv_text(frame: pd.DataFrame) -> str:
    """The CSV text of a table (UTF-8, comma, ``\\n``, minimal quoting)."""
    return _text_frame(frame).to_csv(index=False, lineterminator="\n")


# Excel's day 0 for serial dates (1900 date system, after its 1900 leap-year quirk).
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")


def _with_gaps(values: np.ndarray, s: pd.Series) -> list[Any]:
    """``values`` as Python numbers, ``None`` where ``s`` is missing."""
    out: list[Any] = values.tolist()
    for k in np.flatnonzero(s.isna().to_numpy()).tolist():
        out[k] = None
    return out


def _sheet_columns(frame: pd.DataFrame) -> list[tuple[str, list[Any]]]:
    """Each column as (kind, Python values), ``None`` where the cell stays empty.

    Kinds: ``text``, ``id`` (text with format ``@``), ``date`` (Excel serial day numbers, shown
    with format ``yyyy-mm-dd``), ``number`` and ``bool``.
    """
    columns: list[tuple[str, list[Any]]] = []
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            # Serial numbers computed at once: what write_datetime would store, cell by cell.
            days = s.to_numpy(dtype="datetime64[D]") - _EXCEL_EPOCH
            columns.append(("date", _with_gaps(days.astype(np.int64), s)))
        elif isinstance(s.dtype, pd.Int64Dtype):
            columns.append(("number", _with_gaps(s.to_numpy(dtype=np.int64, na_value=0), s)))
        elif pd.api.types.is_integer_dtype(s) or pd.api.types.is_float_dtype(s):
            columns.append(("number", s.to_numpy().tolist()))
        elif pd.api.types.is_bool_dtype(s):
            columns.append(("bool", s.to_numpy(dtype=bool).tolist()))
        else:
            text = s.astype(object).where(s.notna() & (s.astype(object) != ""), None)
            kind = "id" if col in _TEXT_COLUMNS else "text"
            columns.append((kind, [None if v is None else str(v) for v in text.to_numpy()]))
    return columns


def write_workbook(tables: dict[str, pd.DataFrame], path: Path, as_of: dt.date) -> None:
    """One sheet per table (sheet = table name); NIPs and ids as text cells (format ``@``).

    The document's created/modified times and every zip entry's timestamp are ``as_of`` at
    midnight, so the same tables give the same bytes.
    """
    from mutasi_opt.report.xlsx import open_workbook

    stamp = dt.datetime(as_of.year, as_of.month, as_of.day)
    with open_workbook(path, created_at=stamp, author="mutasi-opt sample") as book:
        bold = book.add_format({"bold": True})
        formats = {
            "id": book.add_format({"num_format": "@"}),
            "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        }
        for name, frame in tables.items():
            sheet = book.add_worksheet(name)
            sheet.freeze_panes(1, 0)
            for k, col in enumerate(frame.columns):
                sheet.set_column(k, k, 22 if col in ("nip", "name", "title", "unit") else 14)
            for k, col in enumerate(frame.columns):
                sheet.write_string(0, k, str(col), bold)
            writers = {
                "text": sheet.write_string,
                "id": sheet.write_string,
                "date": sheet.write_number,
                "number": sheet.write_number,
                "bool": sheet.write_boolean,
            }
            cells = [
                (k, writers[kind], formats.get(kind), values)
                for k, (kind, values) in enumerate(_sheet_columns(frame))
            ]
            # constant_memory flushes a row when the next begins: rows strictly in order.
            for r in range(len(frame)):
                for k, write, fmt, values in cells:
                    value = values[r]
                    if value is not None:
                        write(r + 1, k, value, fmt)


def _readme(sample: SampleData, xlsx: bool) -> str:
    e = sample.employees
    counts = "\n".join(
        f"| `{name}.csv` | {len(frame):,} |" for name, frame in sample.tables().items()
    )
    workbook = f"\n`{WORKBOOK_NAME}` holds the same tables, one sheet each.\n" if xlsx else ""
    return (
        "# Synthetic Kota Sibolga sample\n\n"
        "**Synthetic data**: no real person, NIP or post is described. Generated by\n"
        f"`mutasi-opt sample --employees {len(e)} --seed {sample.seed} --as-of {sample.as_of}`;\n"
        "the same command writes the same files.\n\n"
        "| file | rows |\n|---|---|\n"
        f"{counts}\n{workbook}\n"
        "`scenario.yaml` plans a round on these tables with the default rules.\n"
    )


def _check_target(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(
            [
                InputIssue(
                    "output_not_folder",
                    "exists and is not a folder",
                    file=str(out),
                    message_id="sudah ada dan bukan folder",
                )
            ]
        )
    if out.is_dir() and any(out.iterdir()) and not force:
        raise InputError(
            [
                InputIssue(
                    "output_exists",
                    "folder is not empty; choose another or use --force to replace it",
                    file=str(out),
                    message_id="folder tidak kosong; pilih folder lain atau pakai --force untuk "
                    "menggantinya",
                )
            ]
        )


def _check_sheet_rows(tables: dict[str, pd.DataFrame]) -> None:
    """Every table fits one worksheet of the workbook (its header and the rows under it)."""
    from mutasi_opt.report.xlsx import SHEET_ROWS

    issues = [
        InputIssue(
            "sample_sheet_too_long",
            f"{len(frame):,} rows, more than a worksheet holds under its header "
            f"({SHEET_ROWS - 1:,}); write the sample with --no-xlsx",
            file=f"{WORKBOOK_NAME}[{name}]",
            value=str(len(frame)),
            message_id=f"{len(frame):,} baris, lebih dari yang muat di satu lembar kerja di bawah "
            f"judul kolomnya ({SHEET_ROWS - 1:,}); tulis sampel dengan --no-xlsx".replace(",", "."),
        )
        for name, frame in tables.items()
        if len(frame) > SHEET_ROWS - 1
    ]
    if issues:
        raise InputError(issues)


def write_sample(
    sample: SampleData,
    out_dir: str | Path,
    *,
    scenario_name: str = "sibolga-sample",
    xlsx: bool = True,
    force: bool = False,
) -> Path:
    """Write the tables (CSV, and the workbook unless ``xlsx=False``), ``scenario.yaml``, a README.

    Parameters
    ----------
    sample
        From :func:`~mutasi_opt.synth.generate_sample`.
    out_dir
        The folder to create; it must not exist or be empty unless ``force``.
    scenario_name
        ``name`` of the scenario written.
    xlsx
        Also write ``sibolga.xlsx`` (most of the time for large samples).
    force
        Replace a non-empty folder.

    Returns
    -------
    pathlib.Path
        The folder written.

    Raises
    ------
    InputError
        When ``out_dir`` is a file, or a non-empty folder and ``force`` is false; with ``xlsx``,
        when a table has more rows than a worksheet holds (nothing is written).
    """
    out = Path(out_dir)
    _check_target(out, force)
    if xlsx:
        _check_sheet_rows(sample.tables())
    # An empty folder is replaced as it is; a full one only when `mutasi-opt sample` wrote it.
    with atomic_folder(out, force=out.is_dir(), kind="sample") as tmp:
        tables = sample.tables()
        for name, frame in tables.items():
            (tmp / f"{name}.csv").write_text(csv_text(frame), encoding="utf-8", newline="")
        if xlsx:
            write_workbook(tables, tmp / WORKBOOK_NAME, sample.as_of)
        text = scenario_yaml(
            scenario_name,
            sample.as_of,
            {name: f"{name}.csv" for name in tables},
            description=f"Synthetic Kota Sibolga, {len(sample.employees)} people, seed {sample.seed}",
            header="A planning round on a synthetic Kota Sibolga (mutasi-opt sample).\n"
            "Every setting is written out with its default; change what your round needs.",
        )
        (tmp / "scenario.yaml").write_text(text, encoding="utf-8", newline="")
        (tmp / "README.md").write_text(_readme(sample, xlsx), encoding="utf-8", newline="")
    return out
