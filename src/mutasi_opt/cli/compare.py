"""``mutasi-opt compare``: a side-by-side report of two or more run folders.

Writes ``kpis.csv``, ``person_diff.csv``, ``robust_core.csv``, ``comparison.md``,
``comparison.xlsx`` and ``comparison.html`` into ``--out`` (default: ``compare-<timestamp>`` beside
the first run folder) and prints the comparison's summary. Exit codes: 0 written, 2 a folder is not
a run folder or the output exists (nothing written), 1 anything unexpected.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from mutasi_opt.cli.common import DEBUG_HELP, app, err_console, exit_on_errors, out_console
from mutasi_opt.cli.language import current, say, use
from mutasi_opt.errors import InputError, InputIssue


def default_compare_dir(first_run: Path, now: dt.datetime | None = None) -> Path:
    """``<parent of the first run>/compare-<YYYYmmdd-HHMMSS>`` (local time)."""
    moment = now or dt.datetime.now()
    return first_run.absolute().parent / f"compare-{moment:%Y%m%d-%H%M%S}"


@app.command(
    help=say(
        "Bandingkan beberapa run: IKU berdampingan, pengaturan yang berbeda, pegawai yang "
        "ditempatkan berbeda, inti yang kokoh, grafik.",
        "Compare runs: KPIs side by side, the settings that differ, people placed differently, "
        "the robust core, plots.",
    )
)
def compare(
    run_dirs: Annotated[
        list[Path],
        typer.Argument(
            help=say("dua folder run atau lebih", "two or more run folders"), show_default=False
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help=say(
                "folder perbandingan (bawaan: compare-<waktu>)",
                "the comparison folder (default: compare-<timestamp>)",
            ),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help=say("ganti folder yang sudah ada", "replace an existing folder")
        ),
    ] = False,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            help=say(
                "id atau en, untuk terminal dan laporan (bawaan: bahasa run pertama)",
                "id or en, for the terminal and the report (default: the first run's)",
            ),
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            help=say("cetak hanya folder yang ditulis", "print only the folder written"),
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=DEBUG_HELP)] = False,
) -> None:
    with exit_on_errors(debug):
        use(language)
        from mutasi_opt.comparison import compare_runs
        from mutasi_opt.outfolder import check_target
        from mutasi_opt.report.compare_report import write_comparison

        if len(run_dirs) < 2:
            raise InputError(
                [
                    InputIssue(
                        "too_few_runs",
                        "give two or more run folders",
                        message_id="berikan dua folder run atau lebih",
                    )
                ]
            )
        target = out if out is not None else default_compare_dir(run_dirs[0])
        # Before reading: a run folder given as --out is refused here, not after the work.
        check_target(target.absolute(), force=force, kind="comparison")
        comparison = compare_runs(run_dirs)
        written = write_comparison(comparison, target, force=force, language=language)
    for warning in comparison.warnings_in(current()):
        err_console().print(f"{say('peringatan', 'warning')}: {warning}", markup=False)
    console = out_console()
    if not quiet:
        console.print(comparison.summary(current()), markup=False)
    console.print(
        say(f"perbandingan ditulis ke {written}", f"comparison written to {written}"),
        markup=False,
    )
