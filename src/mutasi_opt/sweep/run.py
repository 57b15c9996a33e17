"""Run a sweep on Dask: every point a full run folder, then ``sweep.csv`` and a comparison.

:func:`run_sweep` validates every point's scenario first (a bad key stops the sweep before anything
runs), skips the points already finished, and runs the others through ``dask.distributed``: on a
``LocalCluster`` of worker processes sized to the machine (each run's CP-SAT workers are counted
against the cores), or on the cluster whose scheduler address is given. A point that fails (an
infeasible scenario, a time-out, an exception) is recorded with its error and never stops the
others. At the end ``<out>/sweep.csv`` holds one row per point (the settings varied and every KPI)
and ``<out>/comparison/`` the comparison report of every point that has a run folder::

    from mutasi_opt.sweep import run_sweep
    result = run_sweep("scenarios/sweep-move-cost.yaml", workers=2)
    result.table[["point", "status", "weights.move_cost", "moves", "total_fit"]]

Layout of ``<out>``: one run folder per point (``p001-weights.move_cost=0.0/``, ...), ``sweep.csv``,
``comparison/`` (``kpis.csv``, ``person_diff.csv``, ``comparison.{md,xlsx,html}``).

A point is *finished* when its folder has a ``summary.json`` with status optimal, feasible or
infeasible and its ``manifest.json`` records exactly the point's scenario; a sweep started again
skips those ("skipped (done)") and runs the rest (a point that timed out is tried again).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from mutasi_opt.comparison import Comparison, compare_runs
from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.scenario import Scenario, scenario_from_dict
from mutasi_opt.sweep.spec import PointScenario, SweepSpec, load_sweep, value_text

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "DONE_STATUSES",
    "PointResult",
    "SweepError",
    "SweepProgress",
    "SweepResult",
    "default_workers",
    "is_finished",
    "peak_memory_mb",
    "run_point",
    "run_points",
    "run_sweep",
]

DONE_STATUSES: tuple[str, ...] = ("optimal", "feasible", "infeasible")
"""Statuses of a finished point (``no_solution`` is tried again: more time may find a plan)."""

HEAD_COLUMNS: tuple[str, ...] = ("point", "status", "error", "skipped", "seconds", "run_dir")
"""The first columns of ``sweep.csv``; the settings varied and the KPIs follow."""

_KPI_SKIP = ("run", "path", "status")

CONNECT_TIMEOUT = "15s"
"""How long to try to reach a scheduler given by address."""


class SweepError(Exception):
    """The sweep cannot run (the Dask scheduler cannot be reached, the output is a file)."""


@dataclass(frozen=True)
class PointResult:
    """What became of one point.

    Attributes
    ----------
    name
        The point's folder name (``p001-weights.move_cost=0.0``).
    run_dir
        Its run folder (absolute; may not exist when the point failed before writing).
    status
        ``optimal``, ``feasible``, ``infeasible``, ``no_solution``, or ``error`` (an exception).
    error
        One line on why there is no plan (``""`` when there is one).
    seconds
        Wall-clock seconds of the run on its worker (``None`` when skipped).
    skipped
        True when the point was finished before and not run again.
    detail
        The traceback of an exception, for the curious (not in ``sweep.csv``).
    peak_memory_mb
        The peak resident memory of the worker process after the run, in MB (``None`` when
        skipped): an upper bound on what the run needed, as a worker may have run others before.
    """

    name: str
    run_dir: Path
    status: str
    error: str = ""
    seconds: float | None = None
    skipped: bool = False
    detail: str = ""
    peak_memory_mb: float | None = None

    @property
    def ok(self) -> bool:
        """True when the point produced a plan."""
        return self.status in ("optimal", "feasible")

    @property
    def failed(self) -> bool:
        """True when the point raised an exception (no run folder)."""
        return self.status == "error"

    def line(self, language: str = "en") -> str:
        """``p001-... optimal`` or ``p002-... infeasible: <why>`` or ``... skipped (done)``
        (``dilewati (sudah selesai)`` in Indonesian; the status is the contract's code)."""
        skipped = "dilewati (sudah selesai)" if language == "id" else "skipped (done)"
        state = f"{self.status}, {skipped}" if self.skipped else self.status
        return f"{self.name}: {state}" + (f": {self.error}" if self.error else "")


class SweepProgress(Protocol):
    """What :func:`run_sweep` reports while it works."""

    def sweep_started(self, total: int, skipped: int) -> None:
        """``total`` points, ``skipped`` of them already finished."""

    def cluster_ready(self, description: str) -> None:
        """The Dask cluster is up (e.g. ``LocalCluster with 2 workers``)."""

    def point_finished(self, result: PointResult) -> None:
        """A point is done (or was skipped)."""


@dataclass(frozen=True, eq=False)
class SweepResult:
    """What :func:`run_sweep` returns.

    Attributes
    ----------
    spec
        The sweep.
    out_dir
        The folder of the sweep.
    points
        One result per point, in the sweep's order.
    table
        ``sweep.csv`` as a frame (native values).
    comparison
        The comparison of every point that has a run folder (``None`` when none has).
    report_dir
        ``<out>/comparison`` when written.
    cluster
        The cluster the points ran on (``""`` when every point was skipped).
    """

    spec: SweepSpec
    out_dir: Path
    points: tuple[PointResult, ...]
    table: pd.DataFrame
    comparison: Comparison | None
    report_dir: Path | None
    cluster: str = ""

    @property
    def failed(self) -> tuple[PointResult, ...]:
        """Points without a plan (infeasible, timed out, or an exception)."""
        return tuple(p for p in self.points if not p.ok)

    @property
    def csv(self) -> Path:
        """``sweep.csv``."""
        return self.out_dir / "sweep.csv"

    def summary(self, language: str = "en") -> str:
        """One line per point, then counts (in ``language``, ``id`` or ``en``)."""
        indonesian = language == "id"
        n = len(self.points)
        lines = [
            f"Sweep {self.spec.label}: {n} titik di {self.out_dir}"
            if indonesian
            else f"Sweep {self.spec.label}: {n} points in {self.out_dir}"
        ]
        lines.extend(point_lines(self.points, language))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()


def point_lines(points: Sequence[PointResult], language: str = "en") -> list[str]:
    """A line per point, then how many ended in each status and how many were skipped."""
    lines = [f"  {p.line(language)}" for p in points]
    counts: dict[str, int] = {}
    for p in points:
        counts[p.status] = counts.get(p.status, 0) + 1
    skipped = sum(p.skipped for p in points)
    done = ", ".join(f"{n} {s}" for s, n in counts.items())
    tail = "dilewati (sudah selesai sebelumnya)" if language == "id" else "skipped (done before)"
    lines.append(f"  {done}; {skipped} {tail}")
    return lines


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def default_workers(solver_workers: int, cores: int | None = None) -> int:
    """Worker processes of the local cluster: each run's CP-SAT workers count against the cores.

    Examples
    --------
    >>> default_workers(2, cores=8), default_workers(2, cores=2), default_workers(4, cores=2)
    (4, 1, 1)
    """
    return max(1, (cores if cores is not None else _cores()) // max(1, solver_workers))


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _plain(data: Any) -> Any:
    return json.loads(json.dumps(data))


def is_finished(run_dir: Path, scenario: Scenario) -> str | None:
    """The status of a finished run of ``scenario`` in ``run_dir``, else ``None``."""
    summary = _read_json(run_dir / "summary.json")
    manifest = _read_json(run_dir / "manifest.json")
    if summary is None or manifest is None:
        return None
    status = summary.get("status")
    if status not in DONE_STATUSES:
        return None
    if manifest.get("scenario") != _plain(scenario.to_dict()):
        return None
    return str(status)


def _one_line(text: str, limit: int = 300) -> str:
    flat = "; ".join(part.strip() for part in str(text).splitlines() if part.strip())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _why_infeasible(messages: list[str]) -> str:
    """The first two conflicts of an infeasible point, on one line."""
    shown = [m for m in messages if m][:2]
    if not shown:
        return "the rules cannot all hold"
    more = len([m for m in messages if m]) - len(shown)
    return _one_line("; ".join(shown) + (f" (+{more} more)" if more > 0 else ""))


def run_point(raw: dict[str, Any], source: str | None, out_dir: str) -> dict[str, Any]:
    """Run one point (on a Dask worker): a full run folder, never an exception.

    Parameters
    ----------
    raw
        The point's scenario as plain data (``Scenario.to_dict()``).
    source
        The base scenario file (recorded in the manifest).
    out_dir
        The point's run folder (replaced if it exists).

    Returns
    -------
    dict
        ``status``, ``error``, ``seconds``, ``detail`` (a traceback after an exception) and
        ``peak_memory_mb`` (the worker process's peak resident memory so far).
    """
    from mutasi_opt.pipeline import run

    start = time.perf_counter()
    try:
        scenario = scenario_from_dict(raw, source=None if source is None else Path(source))
        outcome = run(scenario, out=out_dir, force=True)
        status = outcome.status.value
        error = ""
        if status == "infeasible":
            conflicts = outcome.plan.result.conflicts
            error = _why_infeasible([c.message for c in conflicts])
        elif status == "no_solution":
            error = "no plan within the time limit"
        return {
            "status": status,
            "error": error,
            "seconds": round(time.perf_counter() - start, 3),
            "detail": "",
            "peak_memory_mb": peak_memory_mb(),
        }
    except Exception as exc:
        return {
            "status": "error",
            "error": _one_line(f"{type(exc).__name__}: {exc}"),
            "seconds": round(time.perf_counter() - start, 3),
            "detail": traceback.format_exc(),
            "peak_memory_mb": peak_memory_mb(),
        }


def peak_memory_mb() -> float | None:
    """The peak resident memory of this process so far, in MB (``None`` where unknown)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return None
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / (1024 * 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale, 1)


@contextmanager
def _client(scheduler: str | Client | None, workers: int) -> Iterator[tuple[Client, str]]:
    """A Dask client: the one given, one for the scheduler address, or a new LocalCluster's."""
    from distributed import Client, LocalCluster

    if scheduler is not None and not isinstance(scheduler, str):
        address = getattr(scheduler.scheduler, "address", "?")
        yield scheduler, f"the Dask client given ({address})"
        return
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise SweepError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            n = len(client.scheduler_info().get("workers", {}))
            yield client, f"Dask scheduler {scheduler} ({n} workers)"
        return
    # Worker processes, one thread each: a run is CPU-bound and holds the GIL in pandas.
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # The scheduler serves HTTP (health, metrics) even without a dashboard, on 8787
            # unless told otherwise: a free port, so that a second cluster never warns.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client, f"LocalCluster with {workers} worker process{'es' if workers != 1 else ''}"


def _check_out(out_dir: Path, csv: str) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(
            [
                InputIssue(
                    "output_not_folder",
                    "the output path exists and is not a folder",
                    file=str(out_dir),
                    message_id="path keluaran sudah ada dan bukan folder",
                )
            ]
        )
    from mutasi_opt.outfolder import probe_writable

    # Before any point runs: a read-only or full disk is one message, not a failed sweep.
    probe_writable(out_dir / csv)


def _dotted(data: dict[str, Any], key: str) -> Any:
    node: Any = data
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _table(
    spec: SweepSpec,
    pairs: list[PointScenario],
    results: list[PointResult],
    comparison: Comparison | None,
) -> pd.DataFrame:
    keys = spec.varied_keys()
    rows = []
    for ps, res in zip(pairs, results, strict=True):
        scenario = ps.scenario.to_dict()
        row: dict[str, Any] = {
            "point": res.name,
            "status": res.status,
            "error": res.error,
            "skipped": res.skipped,
            "seconds": res.seconds,
            "run_dir": res.name,
        }
        row.update({key: _dotted(scenario, key) for key in keys})
        rows.append(row)
    table = pd.DataFrame(rows, columns=[*HEAD_COLUMNS, *keys])
    for key in keys:
        # As given (null stays null, 0 stays 0): no inference of a common numeric type.
        table[key] = pd.Series([row[key] for row in rows], index=table.index, dtype=object)
    if comparison is not None:
        kpis = comparison.kpis.drop(columns=[c for c in _KPI_SKIP if c != "run"])
        kpis = kpis.drop(columns=[c for c in kpis.columns if c in table.columns])
        table = table.merge(kpis, how="left", left_on="point", right_on="run", sort=False)
        table = table.drop(columns=["run"])
    return table


def write_sweep_csv(table: pd.DataFrame, path: Path, varied: list[str]) -> None:
    """``sweep.csv``, atomically (a temporary file renamed into place), deterministic text."""
    from mutasi_opt.report.csvout import write_csv

    shown = table.copy()
    for key in varied:
        # The settings as they read in the sweep file (0.05, true, null), never rounded.
        shown[key] = [value_text(v) for v in shown[key]]
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write_csv(shown, tmp, list(shown.columns))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def run_sweep(
    spec_or_path: SweepSpec | str | Path,
    *,
    scheduler: str | Client | None = None,
    workers: int | None = None,
    out: str | Path | None = None,
    progress: SweepProgress | None = None,
    report: bool = True,
) -> SweepResult:
    """Run every point of a sweep on Dask and write ``sweep.csv`` and the comparison.

    Parameters
    ----------
    spec_or_path
        A sweep file or a loaded :class:`SweepSpec`.
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``) or a ``distributed.Client``;
        ``None``: a ``LocalCluster`` started for the sweep and closed after.
    workers
        Worker processes of the local cluster (default :func:`default_workers` of the points'
        ``solver.workers``, at most one per point to run). Ignored with ``scheduler``.
    out
        The sweep's folder (default: ``out`` of the sweep file, else ``<name>`` in the base
        scenario's ``output.dir``).
    progress
        Told of the cluster and of every point done (see :class:`SweepProgress`).
    report
        Write the comparison report (``<out>/comparison``).

    Returns
    -------
    SweepResult
        Failed points included, with their errors.

    Raises
    ------
    InputError
        The sweep file or a point's scenario is invalid (nothing runs).
    SweepError
        The scheduler cannot be reached.
    """
    spec = spec_or_path if isinstance(spec_or_path, SweepSpec) else load_sweep(spec_or_path)
    pairs = spec.scenarios()
    base_output = pairs[0].scenario.output.dir if pairs else None
    out_dir = Path(out).absolute() if out is not None else spec.out_dir(base_output)
    ordered, cluster = run_points(
        pairs, out_dir, scheduler=scheduler, workers=workers, progress=progress, csv="sweep.csv"
    )
    # A point that raised may have an older folder from another scenario: never compare that.
    folders = [r for r in ordered if not r.failed and (r.run_dir / "summary.json").is_file()]
    comparison = (
        compare_runs([r.run_dir for r in folders], labels=[r.name for r in folders])
        if folders
        else None
    )
    table = _table(spec, pairs, ordered, comparison)
    write_sweep_csv(table, out_dir / "sweep.csv", spec.varied_keys())
    report_dir = None
    if report and comparison is not None:
        from mutasi_opt.report.compare_report import write_comparison

        report_dir = write_comparison(comparison, out_dir / "comparison", force=True)
    return SweepResult(spec, out_dir, tuple(ordered), table, comparison, report_dir, cluster)


def run_points(
    pairs: list[PointScenario],
    out_dir: Path,
    *,
    scheduler: str | Client | None = None,
    workers: int | None = None,
    progress: SweepProgress | None = None,
    csv: str = "sweep.csv",
) -> tuple[list[PointResult], str]:
    """Run each point's scenario into ``out_dir/<point name>`` on Dask, skipping those finished.

    The shared engine of a sweep and a batch: the output folder is checked (writable, ``csv``
    can be written) before anything runs; points already finished (:func:`is_finished`) are not
    run again; the others run on the cluster (see :func:`run_sweep` for ``scheduler`` and
    ``workers``), each one's failure recorded, never raised.

    Returns
    -------
    tuple
        The results in the points' order, and the cluster's description (``""`` when every
        point was skipped).
    """
    if workers is not None and workers < 1:
        raise InputError(
            [
                InputIssue(
                    "bad_value",
                    "--workers must be 1 or more",
                    value=str(workers),
                    message_id="--workers harus 1 atau lebih",
                )
            ]
        )
    _check_out(out_dir, csv)
    out_dir.mkdir(parents=True, exist_ok=True)

    results: dict[str, PointResult] = {}
    todo: list[PointScenario] = []
    for ps in pairs:
        run_dir = out_dir / ps.point.name
        status = is_finished(run_dir, ps.scenario)
        if status is None:
            todo.append(ps)
        else:
            results[ps.point.name] = _with_error(
                PointResult(ps.point.name, run_dir, status, skipped=True)
            )
    if progress is not None:
        progress.sweep_started(len(pairs), len(pairs) - len(todo))
        for res in results.values():
            progress.point_finished(res)

    cluster = ""
    if todo:
        n_workers = workers or default_workers(max(ps.scenario.solver.workers for ps in todo))
        with _client(scheduler, min(n_workers, len(todo))) as (client, cluster):
            if progress is not None:
                progress.cluster_ready(cluster)
            for res in _run_on(client, todo, out_dir):
                results[res.name] = res
                if progress is not None:
                    progress.point_finished(res)
    return [results[ps.point.name] for ps in pairs], cluster


def _with_error(res: PointResult) -> PointResult:
    """A skipped infeasible point keeps its reason (read back from its summary)."""
    if res.status != "infeasible":
        return res
    summary = _read_json(res.run_dir / "summary.json") or {}
    conflicts = summary.get("conflicts") or []
    error = _why_infeasible([str(c.get("message", "")) for c in conflicts if isinstance(c, dict)])
    return PointResult(res.name, res.run_dir, res.status, error, res.seconds, res.skipped)


def _run_on(client: Client, todo: list[PointScenario], out_dir: Path) -> Iterator[PointResult]:
    """Submit every point and yield their results as they finish."""
    from distributed import as_completed

    names = {}
    futures = []
    for ps in todo:
        source = None if ps.scenario.source is None else str(ps.scenario.source)
        run_dir = out_dir / ps.point.name
        future = client.submit(
            run_point,
            ps.scenario.to_dict(),
            source,
            str(run_dir),
            pure=False,
        )
        names[future.key] = (ps.point.name, run_dir)
        futures.append(future)
    for future in as_completed(futures, loop=client.loop):
        name, run_dir = names[future.key]
        if future.status == "finished":
            data = future.result()
            yield PointResult(
                name,
                run_dir,
                str(data["status"]),
                str(data["error"]),
                data["seconds"],
                detail=str(data["detail"]),
                peak_memory_mb=data.get("peak_memory_mb"),
            )
        elif future.status == "cancelled":
            yield PointResult(name, run_dir, "error", "cancelled")
        else:
            # The worker died (out of memory, killed): the task itself could not report.
            exc = future.exception()
            yield PointResult(name, run_dir, "error", _one_line(f"{type(exc).__name__}: {exc}"))
        future.release()
