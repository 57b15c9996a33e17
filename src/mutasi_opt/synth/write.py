"""Write a sample: one CSV per table, one workbook of the same data, a scenario, a README.

Files are byte-identical for the same sample: CSVs are written from text columns with ``\\n`` line
ends; the workbook's document properties and the zip entries' timestamps are fixed to the sample's
``as_of``. The folder is written next to its final place and renamed into it at the end, so an
interrupted write leaves no half folder.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.synth.generate import SampleData
from mutasi_opt.synth.scenario_text import scenario_yaml

__all__ = ["WORKBOOK_NAME", "csv_text", "write_sample", "write_workbook"]

WORKBOOK_NAME = "sibolga.xlsx"
# NIP cells get the text format "@" so that Excel never turns one into a number on editing.
_TEXT_COLUMNS = frozenset({"nip"})


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


def _cells(frame: pd.DataFrame) -> Iterator[list[Any]]:
    """Rows of Python values for a sheet: text ids, dates, bools, ints, ``None`` when empty."""
    columns: list[list[Any]] = []
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            columns.append([None if pd.isna(v) else v.date() for v in s])
        elif isinstance(s.dtype, pd.Int64Dtype):
            columns.append([None if pd.isna(v) else int(v) for v in s])
        elif pd.api.types.is_integer_dtype(s):
            columns.append([int(v) for v in s.to_numpy()])
        elif pd.api.types.is_bool_dtype(s):
            columns.append([bool(v) for v in s.to_numpy()])
        else:
            columns.append([None if v is None or v == "" else str(v) for v in s.to_numpy()])
    yield from (list(row) for row in zip(*columns, strict=True))


def write_workbook(tables: dict[str, pd.DataFrame], path: Path, as_of: dt.date) -> None:
    """One sheet per table (sheet = table name); NIPs and ids as text cells (format ``@``).

    The document's created/modified times and every zip entry's timestamp are ``as_of`` at
    midnight, so the same tables give the same bytes.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.xml.functions import tostring

    stamp = dt.datetime(as_of.year, as_of.month, as_of.day)
    book = Workbook(write_only=True)
    book.properties.creator = "mutasi-opt sample"
    book.properties.created = stamp
    bold = Font(bold=True)
    for name, frame in tables.items():
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        for k, col in enumerate(frame.columns, start=1):
            width = 22 if col in ("nip", "name", "title", "unit") else 14
            sheet.column_dimensions[get_column_letter(k)].width = width
        header = []
        for col in frame.columns:
            cell = WriteOnlyCell(sheet, value=col)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        text_at = [k for k, col in enumerate(frame.columns) if col in _TEXT_COLUMNS]
        date_at = [
            k
            for k, col in enumerate(frame.columns)
            if pd.api.types.is_datetime64_any_dtype(frame[col])
        ]
        for row in _cells(frame):
            for k in text_at:
                if row[k] is not None:
                    cell = WriteOnlyCell(sheet, value=row[k])
                    cell.number_format = "@"
                    row[k] = cell
            for k in date_at:
                if row[k] is not None:
                    cell = WriteOnlyCell(sheet, value=row[k])
                    cell.number_format = "yyyy-mm-dd"
                    row[k] = cell
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps "modified" with the clock and the zip entries with the time of writing.
    book.properties.modified = stamp
    core = tostring(book.properties.to_tree())
    when = (as_of.year, as_of.month, as_of.day, 0, 0, 0)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = core if info.filename == "docProps/core.xml" else src.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data)


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


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


def _check_target(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(
            [InputIssue("output_not_folder", "exists and is not a folder", file=str(out))]
        )
    if out.is_dir() and any(out.iterdir()) and not force:
        raise InputError(
            [
                InputIssue(
                    "output_exists",
                    "folder is not empty; choose another or use --force to replace it",
                    file=str(out),
                )
            ]
        )


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
        Also write ``sibolga.xlsx`` (slow for very large samples).
    force
        Replace a non-empty folder.

    Returns
    -------
    pathlib.Path
        The folder written.

    Raises
    ------
    InputError
        When ``out_dir`` is a file, or a non-empty folder and ``force`` is false.
    """
    out = Path(out_dir)
    _check_target(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        tmp.chmod(_umask_mode())
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
        _replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _replace(tmp: Path, out: Path) -> None:
    """Move ``tmp`` to ``out``, replacing what is there (checked by the caller)."""
    if not out.exists():
        tmp.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        tmp.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
