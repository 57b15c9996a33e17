"""Load every table of a scenario: read, parse, check, and raise every problem at once.

The public entry points are :func:`load_tables` (the tables a scenario names) and
:func:`read_tables` (the same from explicit paths). Both return a validated
:class:`~mutasi_opt.tables.model.Tables` or raise one :class:`~mutasi_opt.errors.InputError`
holding every problem of every table, schema and cross-table alike. Warnings (allowed but
suspicious input) travel on ``Tables.warnings``.

A table comes from its own file (CSV, or an XLSX whose sheet is named after the table or is the
only sheet) or from the scenario's workbook (the sheet named after the table, case-insensitive).
The competencies table may also be in the assessment-centre layout: a ``nip`` column and one
column per competency code (``M.01``, ``SK.01``, ...); it is turned into the long layout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from mutasi_opt.domain import DEFAULT_COMPETENCIES
from mutasi_opt.errors import IssueCollector
from mutasi_opt.scenario import TABLE_KEYS, Scenario
from mutasi_opt.tables import checks, skp
from mutasi_opt.tables.coded import Coded
from mutasi_opt.tables.decisions import decision_rows
from mutasi_opt.tables.model import TABLE_COLUMNS, Tables
from mutasi_opt.tables.parse import nip_cpns_dates, nip_genders
from mutasi_opt.tables.schema import ParsedTable, empty_table, finalize_parsed, parse_table
from mutasi_opt.tables.siasn_fold import fold_employees, status_name_column
from mutasi_opt.tables.source import (
    CSV_SUFFIXES,
    WORKBOOK_SUFFIXES,
    RawTable,
    read_csv,
    read_sheets,
)
from mutasi_opt.tables.units import unify_units

__all__ = ["load_tables", "read_raw", "read_tables"]

REQUIRED_TABLES = ("employees", "positions")


def load_tables(scenario: Scenario) -> Tables:
    """Read and validate every table the scenario names.

    Parameters
    ----------
    scenario
        A validated scenario (paths absolute, as :func:`~mutasi_opt.scenario.load_scenario`
        leaves them).

    Returns
    -------
    Tables
        Every table with its canonical columns and dtypes, and the warnings.

    Raises
    ------
    InputError
        Every problem found, with file, row, column, value and rule.
    """
    data = scenario.data
    paths = {key: getattr(data, key) for key in TABLE_KEYS}
    return read_tables(paths, workbook=data.workbook, as_of=scenario.as_of)


def read_tables(
    paths: Mapping[str, str | Path | None],
    *,
    workbook: str | Path | None = None,
    as_of: dt.date | None = None,
) -> Tables:
    """Read and validate tables from files.

    Parameters
    ----------
    paths
        Table name (``employees``, ``positions``, ``competencies``, ``requirements``,
        ``competency_dictionary``, ``preferences``, ``scores``, ``skp_history``, ``decisions``) ->
        file (CSV or XLSX). Tables not named are taken from ``workbook`` or, if optional, left empty.
        The ``skp_history`` fills ``employees.performance`` and ``performance_prev``
        (:mod:`mutasi_opt.tables.skp`) and is not kept as a table.
    workbook
        An XLSX with one sheet per table (sheet name = table name).
    as_of
        The planning date: birth dates and ``tmt_jabatan`` after it are errors (see
        :func:`mutasi_opt.tables.checks.dates`); ``None`` skips those checks.

    Returns
    -------
    Tables
        Validated tables and warnings.

    Raises
    ------
    InputError
        Every problem found (missing files, bad cells, cross-table rules).
    """
    unknown = sorted(set(paths) - set(TABLE_KEYS))
    if unknown:
        raise ValueError(f"unknown table names: {unknown}")
    issues = IssueCollector()
    raws, sources = _read_all(paths, workbook, issues)
    if "employees" in raws:
        raws["employees"] = fold_employees(raws["employees"], issues)
    # With an SKP history, performance may come from it rather than the employees table.
    with_history = "skp_history" in sources
    parsed = {
        name: parse_table(
            raw,
            issues,
            optional=frozenset({"performance"} if with_history and name == "employees" else ()),
        )
        for name, raw in raws.items()
    }
    if with_history and "employees" in parsed:
        skp.fill_performance(parsed["employees"], parsed.pop("skp_history", None), issues)
    # Before the checks, so that a preference naming a unit in another spelling is no unknown unit.
    unify_units(parsed, issues)
    dictionary = _dictionary(parsed.get("competency_dictionary"))
    ctx = checks.Context(
        tables=parsed,
        given=frozenset(sources),
        competency_codes=frozenset(dictionary["code"]),
        issues=issues,
        as_of=as_of,
    )
    checks.run_checks(ctx)
    decision_rows(ctx)
    issues.raise_if_errors()
    frames: dict[str, pd.DataFrame] = {}
    coded: dict[str, dict[str, Coded]] = {}
    for name, t in parsed.items():
        if name != "competency_dictionary":
            frames[name], coded[name] = finalize_parsed(t)
    frames["competency_dictionary"] = dictionary
    for name in TABLE_COLUMNS:
        if name not in frames:
            frames[name] = empty_table(name)
    frames["employees"] = _derive_from_nip(frames["employees"])
    employees = frames["employees"]
    if "employees" in raws:
        employees["status_name"] = status_name_column(raws["employees"], employees["status"])
    return Tables(**frames, warnings=list(issues.warnings), sources=sources, coded=coded)


# ------------------------------------------------------------------------------------------------
# Files


def read_raw(table: str, path: str | Path, issues: IssueCollector) -> RawTable | None:
    """One table's file as text, with engine column names (``mutasi-opt import-siasn``).

    A CSV, or an XLSX whose sheet is named after ``table`` or is its only sheet. ``None`` (with
    the problems in ``issues``) when it cannot be read.
    """
    if not Path(path).is_file():
        folder = Path(path).is_dir()
        what = "is a folder, not a file" if folder else "does not exist"
        what_id = "adalah folder, bukan berkas" if folder else "tidak ada"
        issues.error(
            "file_not_found",
            f"the {table} file {what}",
            file=str(path),
            message_id=f"berkas {table} {what_id}",
        )
        return None
    raws, _ = _read_all({table: path}, None, issues, required=())
    return raws.get(table)


def _read_all(
    paths: Mapping[str, str | Path | None],
    workbook: str | Path | None,
    issues: IssueCollector,
    *,
    required: tuple[str, ...] = REQUIRED_TABLES,
) -> tuple[dict[str, RawTable], dict[str, str]]:
    """Raw tables by name, and the label of each table that was found."""
    raws: dict[str, RawTable | None] = {}
    sources: dict[str, str] = {}
    by_workbook: dict[Path, dict[str, str | None]] = {}
    for name in TABLE_KEYS:
        value = paths.get(name)
        if value is None:
            continue
        path = Path(value)
        sources[name] = str(path)
        if not path.is_file():
            folder = path.is_dir()
            what = "is a folder, not a file" if folder else "does not exist"
            what_id = "adalah folder, bukan berkas" if folder else "tidak ada"
            issues.error(
                "file_not_found",
                f"file named by data.{name} {what}",
                file=str(path),
                message_id=f"berkas yang disebut data.{name} {what_id}",
            )
            raws[name] = None
        elif path.suffix.lower() in CSV_SUFFIXES:
            raws[name] = read_csv(path, name, str(path), issues)
        elif path.suffix.lower() in WORKBOOK_SUFFIXES:
            by_workbook.setdefault(path, {})[name] = None
        else:
            xls = path.suffix.lower() == ".xls"
            issues.error(
                "unsupported_format",
                f"data.{name} must be a .csv or .xlsx file"
                + (" (old .xls workbooks: save as .xlsx)" if xls else ""),
                file=str(path),
                message_id=f"data.{name} harus berkas .csv atau .xlsx"
                + (" (workbook .xls lama: simpan sebagai .xlsx)" if xls else ""),
            )
            raws[name] = None
    if workbook is not None:
        book = Path(workbook)
        wanted = {name: None for name in TABLE_KEYS if name not in sources}
        if not book.is_file():
            issues.error(
                "file_not_found",
                "file named by data.workbook does not exist",
                file=str(book),
                message_id="berkas yang disebut data.workbook tidak ada",
            )
        elif book.suffix.lower() not in WORKBOOK_SUFFIXES:
            issues.error(
                "unsupported_format",
                "data.workbook must be an .xlsx file",
                file=str(book),
                message_id="data.workbook harus berkas .xlsx",
            )
        else:
            for name in wanted:
                by_workbook.setdefault(book, {})[name] = "workbook"
    for book, tables in by_workbook.items():
        _read_workbook(book, tables, raws, sources, issues)
    for name in required:
        if name not in sources and workbook is None:
            issues.error(
                "missing_table",
                f"no {name} table: name a file in data.{name}",
                column=f"data.{name}",
                message_id=f"tidak ada tabel {name}: sebutkan berkasnya di data.{name}",
            )
    competencies = raws.get("competencies")
    if competencies is not None:
        raws["competencies"] = _wide_competencies(competencies, issues)
    return {k: v for k, v in raws.items() if v is not None}, sources


def _read_workbook(
    book: Path,
    tables: dict[str, str | None],
    raws: dict[str, RawTable | None],
    sources: dict[str, str],
    issues: IssueCollector,
) -> None:
    """Read the wanted sheets of one workbook (each table's own file, or the scenario's workbook)."""

    def pick(names: list[str]) -> dict[str, str]:
        by_key = {n.strip().lower(): n for n in names}
        wanted: dict[str, str] = {}
        for name, role in tables.items():
            sheet = by_key.get(name)
            if sheet is None and role is None and len(names) == 1:
                sheet = names[0]  # a table's own file with a single sheet of any name
            if sheet is not None:
                wanted[name] = sheet
                sources[name] = f"{book}[{sheet}]"
            elif role is None or name in REQUIRED_TABLES:
                issues.error(
                    "missing_sheet",
                    f"workbook has no sheet named {name!r} (sheets: {', '.join(names)})",
                    file=str(book),
                    message_id=f"workbook tidak memiliki sheet bernama {name!r} (sheet yang ada: "
                    f"{', '.join(names)})",
                )
        return wanted

    found = read_sheets(book, pick, issues)
    if found is not None:
        raws.update(found)


def _wide_competencies(raw: RawTable, issues: IssueCollector) -> RawTable:
    """Turn the assessment-centre layout (one column per code) into rows of (nip, competency, level)."""
    code_columns = [c for c in raw.frame.columns if c.startswith("@")]
    if not code_columns:
        return raw
    if "competency" in raw.frame or "level" in raw.frame:
        for c in code_columns:
            issues.warn(
                "unused_column",
                "column is not used by the engine; ignored",
                file=raw.label,
                column=c[1:],
                message_id="kolom tidak dipakai oleh mesin; diabaikan",
            )
        return RawTable(
            raw.table, raw.label, raw.frame.drop(columns=code_columns), raw.rows,
            {k: v for k, v in raw.numeric.items() if not k.startswith("@")},
            {k: v for k, v in raw.headers.items() if not k.startswith("@")}, raw.decimal_comma,
            unread={k: v for k, v in raw.unread.items() if not k.startswith("@")},
        )  # fmt: skip
    n = len(raw.frame)
    nip_text = raw.frame["nip"] if "nip" in raw.frame else pd.Series([None] * n, dtype=object)
    levels = pd.concat([raw.frame[c] for c in code_columns], ignore_index=True)
    keep = levels.notna().to_numpy()
    # Row-major order (person by person, codes left to right), as the sheet reads.
    order = np.argsort(np.tile(np.arange(n), len(code_columns))[keep], kind="stable")
    positions = np.flatnonzero(keep)[order]
    person = positions % n if n else positions
    code_of = np.repeat(np.array([c[1:] for c in code_columns], dtype=object), n)
    frame = pd.DataFrame(
        {
            "nip": nip_text.to_numpy()[person],
            "competency": code_of[positions],
            "level": levels.to_numpy()[positions],
        }
    )
    numeric: dict[str, np.ndarray] = {}
    if "nip" in raw.numeric:
        numeric["nip"] = raw.numeric["nip"][person]
    # A level cell that is a formula without a value is reported, and has no row here.
    unread = {"nip": raw.unread["nip"][person]} if "nip" in raw.unread else {}
    if any(c in raw.numeric for c in code_columns):
        stacked = np.concatenate(
            [raw.numeric.get(c, np.zeros(n, dtype=bool)) for c in code_columns]
        )
        numeric["level"] = stacked[positions]
    headers = {"nip": raw.headers.get("nip", "nip"), "competency": "competency", "level": "level"}
    # Messages about a level or a code name the sheet's column of that code.
    where = {"competency": code_of[positions], "level": code_of[positions]}
    return RawTable(
        raw.table, raw.label, frame, raw.rows[person], numeric, headers, raw.decimal_comma, where,
        unread,
    )  # fmt: skip


# ------------------------------------------------------------------------------------------------
# Built-in data and derived columns


def _dictionary(parsed: ParsedTable | None) -> pd.DataFrame:
    """The built-in competency dictionary, with the file's rows added (a file row wins on its code)."""
    builtin = pd.DataFrame(
        list(DEFAULT_COMPETENCIES), columns=["code", "name", "kind"], dtype=object
    )
    if parsed is None:
        return builtin
    own = parsed.frame.loc[parsed.frame["code"].notna(), ["code", "name", "kind"]]
    own = own.drop_duplicates("code", keep="first")
    builtin = builtin.loc[~builtin["code"].isin(own["code"])]
    return pd.concat([builtin, own], ignore_index=True).astype(object)


def _derive_from_nip(employees: pd.DataFrame) -> pd.DataFrame:
    """Fill birth_date from the NIP where empty; add ``gender`` (L/P) and ``cpns_date``."""
    out = employees.copy()
    from_nip = pd.to_datetime(out["nip"].str[:8], format="%Y%m%d").astype("datetime64[ns]")
    out["birth_date"] = out["birth_date"].fillna(from_nip)
    out["gender"] = nip_genders(out["nip"])
    out["cpns_date"] = nip_cpns_dates(out["nip"]).astype("datetime64[ns]")
    return out
