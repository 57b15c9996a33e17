"""``mutasi-opt import-siasn``: a SIASN employee export as the engine's tables, with a report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from mutasi_opt.cli.common import (
    DEBUG_HELP,
    LANGUAGE_HELP,
    app,
    exit_on_errors,
    out_console,
    print_warning_counts,
)
from mutasi_opt.cli.language import say, use


def _date(text: str | dt.date) -> dt.date:
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            say(f"{text!r} bukan tanggal (YYYY-MM-DD)", f"{text!r} is not a date (YYYY-MM-DD)")
        ) from None


@app.command(
    "import-siasn",
    help=say(
        "Tulis tabel mesin dari ekspor SIASN: employees.csv, draf positions.csv, mapping.csv "
        "(apa yang dipetakan), import-report.md (apa yang perlu diperiksa) dan scenario.yaml. "
        "Masalah dalam ekspor: semuanya dicetak, kode keluar 2, tidak ada yang ditulis.",
        "Write the engine's tables from a SIASN export: employees.csv, a draft positions.csv, "
        "mapping.csv (what was mapped), import-report.md (what to check) and scenario.yaml. "
        "Problems in the export: every one printed, exit code 2, nothing written.",
    ),
)
def import_siasn(
    export: Annotated[
        Path,
        typer.Argument(
            help=say(
                'ekspor pegawai SIASN: CSV "Export Data ASN" atau rekaman data-utama',
                'SIASN employee export: "Export Data ASN" CSV or data-utama records',
            )
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help=say(
                "folder yang ditulis (belum ada, kecuali dengan --force)",
                "folder to write (must not exist, unless --force)",
            ),
        ),
    ],
    skp_history: Annotated[
        Path | None,
        typer.Option(
            "--skp-history",
            help=say(
                "riwayat SKP (nipBaru, tahun, kuadranKinerja): mengisi performance",
                "SKP history (nipBaru, tahun, kuadranKinerja): fills performance",
            ),
        ),
    ] = None,
    as_of: Annotated[
        dt.date | None,
        typer.Option(
            "--as-of",
            parser=_date,
            metavar="YYYY-MM-DD",
            help=say("tanggal perencanaan (bawaan: hari ini)", "planning date (default: today)"),
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help=say(
                "nama skenario (bawaan: nama folder)", "scenario name (default: the folder's name)"
            ),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=say(
                "ganti folder yang ditulis impor sebelumnya",
                "replace a folder an earlier import wrote",
            ),
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=DEBUG_HELP)] = False,
    language: Annotated[str | None, typer.Option("--language", help=LANGUAGE_HELP)] = None,
) -> None:
    with exit_on_errors(debug):
        use(language)
        from mutasi_opt.siasn_import import import_siasn as run_import

        done = run_import(export, out, skp_history=skp_history, as_of=as_of, name=name, force=force)
    console = out_console()
    e = done.employees
    console.print(
        say(
            f"Ditulis {done.folder}: {len(e)} pegawai, {len(done.positions)} draf jabatan "
            f"({len(done.notes)} perlu diperiksa di import-report.md), mapping.csv, scenario.yaml.",
            f"Wrote {done.folder}: {len(e)} people, {len(done.positions)} posts drafted "
            f"({len(done.notes)} to check in import-report.md), mapping.csv, scenario.yaml.",
        ),
        markup=False,
    )
    print_warning_counts(list(done.warnings), console)
    nxt = say("Berikutnya", "Next")
    console.print(f"{nxt}: mutasi-opt validate {done.folder / 'scenario.yaml'}", markup=False)
