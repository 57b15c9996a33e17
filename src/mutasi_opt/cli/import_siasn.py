"""``mutasi-opt import-siasn``: a SIASN employee export as the engine's tables, with a report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from mutasi_opt.cli.common import app, exit_on_errors, out_console, print_warning_counts


def _date(text: str | dt.date) -> dt.date:
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date (YYYY-MM-DD)") from None


@app.command("import-siasn")
def import_siasn(
    export: Annotated[
        Path,
        typer.Argument(help='SIASN employee export: "Export Data ASN" CSV or data-utama records'),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="folder to write (must not exist, unless --force)")
    ],
    skp_history: Annotated[
        Path | None,
        typer.Option(
            "--skp-history",
            help="SKP history (nipBaru, tahun, kuadranKinerja): fills performance",
        ),
    ] = None,
    as_of: Annotated[
        dt.date | None,
        typer.Option(
            "--as-of", parser=_date, metavar="YYYY-MM-DD", help="planning date (default: today)"
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="scenario name (default: the folder's name)")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="replace a folder an earlier import wrote")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="show tracebacks")] = False,
) -> None:
    """Write the engine's tables from a SIASN export: employees.csv, a draft positions.csv,
    mapping.csv (what was mapped), import-report.md (what to check) and scenario.yaml.

    Problems in the export: every one printed, exit code 2, nothing written.
    """
    with exit_on_errors(debug):
        from mutasi_opt.siasn_import import import_siasn as run_import

        done = run_import(export, out, skp_history=skp_history, as_of=as_of, name=name, force=force)
    console = out_console()
    e = done.employees
    console.print(
        f"Wrote {done.folder}: {len(e)} people, {len(done.positions)} posts drafted "
        f"({len(done.notes)} to check in import-report.md), mapping.csv, scenario.yaml.",
        markup=False,
    )
    print_warning_counts(list(done.warnings), console)
    console.print(f"Next: mutasi-opt validate {done.folder / 'scenario.yaml'}", markup=False)
