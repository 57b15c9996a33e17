"""``mutasi-opt batch``: one round per agency, on Dask, and one summary table.

Each agency's scenario runs as its own round, in its own run folder under ``--out``; ``batch.csv``
holds one row per agency. A progress bar counts the agencies done on a terminal (stderr) unless
``--quiet``. An agency finished before is skipped: a batch started again resumes. Exit codes: 0
every agency ran (infeasible ones included, reported in ``batch.csv``), 2 invalid batch file or
agency scenario (nothing runs), 1 an agency failed with an error, or the scheduler cannot be
reached.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutasi_opt.cli.common import DEBUG_HELP, LANGUAGE_HELP, app, exit_on_errors, out_console
from mutasi_opt.cli.language import current, say, use
from mutasi_opt.cli.sweep import exit_if_failed, run_with_display


@app.command(
    help=say(
        "Satu putaran per instansi (satu skenario per folder data) di Dask; tulis batch.csv. "
        "Instansi yang sudah selesai dilewati, sehingga batch yang terhenti dapat dilanjutkan.",
        "One round per agency (one scenario per data folder) on Dask; write batch.csv. Agencies "
        "finished before are skipped, so a batch cut short resumes.",
    )
)
def batch(
    batch_file: Annotated[Path, typer.Argument(help=say("berkas batch YAML", "batch YAML file"))],
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help=say(
                "alamat scheduler Dask (dari `dask scheduler`), mis. tcp://10.0.0.5:8786",
                "address of a Dask scheduler (from `dask scheduler`), e.g. tcp://10.0.0.5:8786",
            ),
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help=say(
                "proses pekerja klaster lokal (bawaan: inti / solver.workers)",
                "worker processes of the local cluster (default: cores / solver.workers)",
            ),
            min=1,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help=say(
                "folder batch (bawaan: dari berkasnya)",
                "the batch's folder (default: from the file)",
            ),
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            help=say(
                "tanpa tampilan kemajuan; hanya berkas yang ditulis",
                "no progress display; only the files written",
            ),
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=DEBUG_HELP)] = False,
    language: Annotated[str | None, typer.Option("--language", help=LANGUAGE_HELP)] = None,
) -> None:
    with exit_on_errors(debug):
        use(language)
        from mutasi_opt.sweep.agencies import run_batch

        result = run_with_display(
            lambda progress: run_batch(
                batch_file, scheduler=scheduler, workers=workers, out=out, progress=progress
            ),
            quiet=quiet,
        )
    stdout = out_console()
    if not quiet:
        stdout.print(result.summary(current()), markup=False)
    stdout.print(
        say(f"batch.csv ditulis ke {result.csv}", f"batch.csv written to {result.csv}"),
        markup=False,
    )
    exit_if_failed(result.points, debug, say("instansi", "agencies"), "batch.csv")
