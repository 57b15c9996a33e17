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

from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Annotated, TypeVar

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
    from mutasi_opt.sweep.run import PointResult, SweepProgress

T = TypeVar("T")


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
    with exit_on_errors(debug):
        use(language)
        from mutasi_opt.sweep.run import run_sweep

        result = run_with_display(
            lambda progress: run_sweep(
                sweep_file, scheduler=scheduler, workers=workers, out=out, progress=progress
            ),
            quiet=quiet,
        )
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
    exit_if_failed(result.points, debug, say("titik", "points"), "sweep.csv")


def run_with_display(call: Callable[[SweepProgress | None], T], *, quiet: bool) -> T:
    """``call(progress)`` with a progress bar on a terminal (stderr) unless ``quiet``; a
    scheduler that cannot be reached is one line and exit code 1."""
    from mutasi_opt.sweep.run import SweepError

    console = err_console()
    try:
        if not quiet and console.is_terminal:
            with SweepDisplay(console) as display:
                return call(display)
        return call(None)
    except SweepError as exc:
        err_console().print(str(exc), markup=False)
        raise typer.Exit(ExitCode.UNEXPECTED) from None


def exit_if_failed(points: Sequence[PointResult], debug: bool, what: str, table: str) -> None:
    """Exit with code 1 when a point (or agency) raised an error, saying how many and where to
    read why (``--debug``: each one's traceback)."""
    errors = [p for p in points if p.failed]
    if not errors:
        return
    if debug:
        for point in errors:
            err_console().print(f"{point.name}:\n{point.detail}", markup=False)
    n, total = len(errors), len(points)
    err_console().print(
        say(
            f"{n} dari {total} {what} gagal karena galat; lihat {table}",
            f"{n} of {total} {what} failed with an error; see {table}",
        ),
        markup=False,
    )
    raise typer.Exit(ExitCode.UNEXPECTED)
