"""``mutasi-opt sweep``: run every point of a sweep file on Dask.

Each point is a full run folder under ``--out`` (default: the sweep file's ``out``, else
``<name>`` in the base scenario's ``output.dir``), then ``sweep.csv`` and the comparison report of every point are written.
A progress bar counts the points done on a terminal (stderr) unless ``--quiet``; the outcome of each
point and the files written are printed at the end. A sweep started again skips the points already
finished. Exit codes: 0 every point ran (infeasible points included, reported in ``sweep.csv``),
2 invalid sweep file or point scenario (nothing runs), 1 a point failed with an error, or the
scheduler cannot be reached.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from mutasi_opt.cli.common import (
    DEBUG_HELP,
    LANGUAGE_HELP,
    ExitCode,
    app,
    err_console,
    exit_on_errors,
    out_console,
)
from mutasi_opt.cli.language import current, say, use

if TYPE_CHECKING:
    from mutasi_opt.sweep.run import PointResult


class SweepDisplay:
    """A rich progress bar of the points done; each point's outcome printed above it."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        self._task = self._progress.add_task(say("titik", "points"), total=None)

    def __enter__(self) -> SweepDisplay:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def sweep_started(self, total: int, skipped: int) -> None:
        """Set the bar's total."""
        self._progress.update(
            self._task, total=total, description=say("titik selesai", "points done")
        )
        if skipped:
            self._progress.console.print(
                say(
                    f"{skipped} dari {total} titik sudah selesai sebelumnya",
                    f"{skipped} of {total} points finished before",
                ),
                markup=False,
            )

    def cluster_ready(self, description: str) -> None:
        """Say where the points run."""
        self._progress.console.print(
            say(f"berjalan di {description}", f"running on {description}"), markup=False
        )

    def point_finished(self, result: PointResult) -> None:
        """Advance the bar and print the point's outcome."""
        self._progress.console.print(result.line(current()), markup=False)
        self._progress.advance(self._task)


@app.command(
    help=say(
        "Jalankan banyak varian skenario sekaligus di Dask; tulis sweep.csv dan perbandingannya.",
        "Run many variants of a scenario at once on Dask; write sweep.csv and a comparison.",
    )
)
def sweep(
    sweep_file: Annotated[Path, typer.Argument(help=say("berkas sweep YAML", "sweep YAML file"))],
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help=say(
                "alamat scheduler Dask yang berjalan, mis. tcp://127.0.0.1:8786",
                "address of a running Dask scheduler, e.g. tcp://127.0.0.1:8786",
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
                "folder sweep (bawaan: dari berkasnya)",
                "the sweep's folder (default: from the file)",
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
    console = err_console()
    show = not quiet and console.is_terminal
    with exit_on_errors(debug):
        use(language)
        from mutasi_opt.sweep.run import SweepError, run_sweep

        try:
            if show:
                with SweepDisplay(console) as display:
                    result = run_sweep(
                        sweep_file, scheduler=scheduler, workers=workers, out=out, progress=display
                    )
            else:
                result = run_sweep(sweep_file, scheduler=scheduler, workers=workers, out=out)
        except SweepError as exc:
            err_console().print(str(exc), markup=False)
            raise typer.Exit(ExitCode.UNEXPECTED) from None
    stdout = out_console()
    if not quiet:
        stdout.print(result.summary(current()), markup=False)
    stdout.print(
        say(f"sweep.csv ditulis ke {result.csv}", f"sweep.csv written to {result.csv}"),
        markup=False,
    )
    if result.report_dir is not None:
        where = result.report_dir
        stdout.print(
            say(f"perbandingan ditulis ke {where}", f"comparison written to {where}"),
            markup=False,
        )
    errors = [p for p in result.points if p.failed]
    if errors:
        if debug:
            for point in errors:
                err_console().print(f"{point.name}:\n{point.detail}", markup=False)
        n, total = len(errors), len(result.points)
        err_console().print(
            say(
                f"{n} dari {total} titik gagal karena galat; lihat sweep.csv",
                f"{n} of {total} points failed with an error; see sweep.csv",
            ),
            markup=False,
        )
        raise typer.Exit(ExitCode.UNEXPECTED)
