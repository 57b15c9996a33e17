"""``mutasi-opt import-siasn``: a SIASN employee export turned into the engine's tables, for Excel.

The engine reads SIASN's shapes directly (:mod:`mutasi_opt.tables.siasn`); this writes what it
reads as the engine's own tables, so that an analyst can see every mapping and fix what SIASN does
not hold before planning:

- ``employees.csv``: the people in the engine's columns (the status as SIASN names it);
- ``positions.csv``: a draft of the posts held (:mod:`~mutasi_opt.siasn_import.drafts`);
- ``mapping.csv``: what was mapped, column by column and value by value, and
  ``import-report.md``: what to check, the warnings, the next commands
  (:mod:`~mutasi_opt.siasn_import.mapping`);
- ``scenario.yaml``: a round on these tables with every default written out.

The folder follows the output rules of every command (:mod:`mutasi_opt.outfolder`): written
atomically, marked as an import, replaced with ``force`` only when an import wrote it. Errors in
the export (all of them at once) write nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mutasi_opt.errors import InputIssue, IssueCollector
from mutasi_opt.outfolder import atomic_folder, check_target
from mutasi_opt.report.csvout import write_csv
from mutasi_opt.siasn_import.drafts import PostNote, draft_positions, employees_table
from mutasi_opt.siasn_import.mapping import (
    MAPPING_COLUMNS,
    ImportFacts,
    mapping_frame,
    report_markdown,
)
from mutasi_opt.synth.scenario_text import scenario_yaml
from mutasi_opt.tables import checks, skp
from mutasi_opt.tables.model import POSITION_COLUMNS
from mutasi_opt.tables.read import read_raw
from mutasi_opt.tables.schema import finalize, parse_table
from mutasi_opt.tables.siasn_fold import fold_employees, post_kinds, status_name_column
from mutasi_opt.textsafe import folder_name_problem

__all__ = ["SiasnImport", "import_siasn"]

FILES = ("employees.csv", "positions.csv", "mapping.csv", "import-report.md", "scenario.yaml")
"""What an import folder holds (beside the marker)."""

# Checks of the employees table alone (the positions are drafted from it).
_CHECKS = (checks.duplicate_ids, checks.employee_posts, checks.dates, checks.birth_dates)


@dataclass(frozen=True, eq=False)
class SiasnImport:
    """What :func:`import_siasn` wrote.

    Attributes
    ----------
    folder
        The folder written.
    employees, positions, mapping
        The tables written (``employees.csv``, ``positions.csv``, ``mapping.csv``).
    notes
        What to check in the draft of the posts.
    warnings
        Allowed but suspicious input found while reading.
    """

    folder: Path
    employees: pd.DataFrame
    positions: pd.DataFrame
    mapping: pd.DataFrame
    notes: tuple[PostNote, ...]
    warnings: tuple[InputIssue, ...]


def _scenario_name(folder: Path, name: str | None) -> str:
    chosen = name or folder.name
    return chosen if folder_name_problem(chosen) is None else "siasn-import"


def import_siasn(
    export: str | Path,
    out: str | Path,
    *,
    skp_history: str | Path | None = None,
    as_of: dt.date | None = None,
    name: str | None = None,
    force: bool = False,
) -> SiasnImport:
    """Read a SIASN employee export and write the engine's tables and a report of the mapping.

    Parameters
    ----------
    export
        The employees in a SIASN shape ("Export Data ASN" CSV, data-utama records; CSV or XLSX).
    out
        The folder to write.
    skp_history
        An SKP history (``nip, year, predikat``; SIASN's ``nipBaru, tahun, kuadranKinerja``):
        fills ``performance`` and ``performance_prev`` (:mod:`mutasi_opt.tables.skp`).
    as_of
        The planning date of the scenario written, and of the date checks (default: today).
    name
        The scenario's name (default: the folder's name).
    force
        Replace a folder an earlier import wrote.

    Returns
    -------
    SiasnImport
        What was written.

    Raises
    ------
    InputError
        Every problem of the export (and the history), or a folder that may not be written;
        nothing is written then.
    """
    target = Path(out).absolute()
    check_target(target, force=force, kind="siasn_import")
    as_of = as_of or dt.date.today()
    issues = IssueCollector()
    raw = read_raw("employees", export, issues)
    history = read_raw("skp_history", skp_history, issues) if skp_history is not None else None
    issues.raise_if_errors()
    if raw is None:  # pragma: no cover - read_raw reports an unreadable file as an error
        raise RuntimeError(f"{export}: not read, and no problem reported")
    folded = fold_employees(raw, issues)
    parsed = parse_table(folded, issues, optional=frozenset({"performance"}))
    filled = None
    if skp_history is not None:
        parsed_history = parse_table(history, issues) if history is not None else None
        filled = skp.fill_performance(parsed, parsed_history, issues)
    ctx = checks.Context(
        tables={"employees": parsed},
        given=frozenset({"employees"}),
        competency_codes=frozenset(),
        issues=issues,
        as_of=as_of,
    )
    for check in _CHECKS:
        check(ctx)
    issues.raise_if_errors()
    employees = finalize("employees", parsed.frame)
    employees["status_name"] = status_name_column(folded, employees["status"])
    positions, notes = draft_positions(raw.frame, employees["position_id"])
    facts = ImportFacts(
        export=str(export),
        skp_history=None if skp_history is None else str(skp_history),
        raw=raw,
        folded=folded,
        employees=employees,
        positions=positions,
        kinds=post_kinds(raw.frame).reset_index(drop=True),
        filled=filled,
        notes=notes,
        warnings=issues.warnings,
    )
    mapping = mapping_frame(facts)
    table = employees_table(employees)
    scenario = scenario_yaml(
        _scenario_name(target, name),
        as_of,
        {"employees": "employees.csv", "positions": "positions.csv"},
        description=f"Imported from SIASN: {Path(export).name}",
        header="A planning round on a SIASN export (mutasi-opt import-siasn).\n"
        "Check positions.csv and import-report.md first; add competencies and requirements.",
    )
    with atomic_folder(target, force=force, kind="siasn_import") as tmp:
        write_csv(table, tmp / "employees.csv", list(table.columns))
        write_csv(positions, tmp / "positions.csv", list(POSITION_COLUMNS))
        write_csv(mapping, tmp / "mapping.csv", list(MAPPING_COLUMNS))
        report = report_markdown(facts, Path(out).as_posix())
        (tmp / "import-report.md").write_text(report, encoding="utf-8", newline="")
        (tmp / "scenario.yaml").write_text(scenario, encoding="utf-8", newline="")
    return SiasnImport(
        folder=target,
        employees=table,
        positions=positions,
        mapping=mapping,
        notes=tuple(notes),
        warnings=tuple(issues.warnings),
    )
