"""Many agencies at once: one round per agency, on Dask, with one summary table.

A batch file is YAML::

    name: nasional-2027                 # optional; default: the file name without .yaml
    description: every agency's round of 2027
    agencies:                           # scenario files or glob patterns, relative to this file
      - kota-sibolga/scenario.yaml
      - "kabupaten-*/scenario.yaml"
      - {path: provinsi-sumut/scenario.yaml, name: provinsi-sumut}
    set:                                # optional: dotted keys set on every agency's scenario
      solver.time_limit_s: 300
      output.formats: [csv]
    out: runs/nasional-2027             # optional; default: runs/<name> beside the file

Each agency is a scenario of its own (its own tables, rules and weights); ``set`` applies the same
settings to all of them, validated like a sweep's. An agency is named by ``name`` or else its
scenario's ``name``; the names must differ, and each names its run folder in ``out``. Every
scenario is validated before anything runs, and every problem is reported at once.

:func:`run_batch` runs the agencies as the points of a sweep (:mod:`mutasi_opt.sweep.run`): on a
``LocalCluster`` of worker processes, or on a cluster started with ``dask scheduler`` and
``dask worker`` (``scheduler=`` its address); an agency finished before is skipped, so a batch
cut short resumes where it stopped. ``<out>/batch.csv`` holds one row per agency: status, error,
seconds, the round's size (people, posts, candidate pairs), its plan (moves, placements, fit and
JPM before and after, objective, gap), the solve's own seconds and the worker's peak memory.
No comparison is written: the agencies are different rounds, not variants of one.
"""

from __future__ import annotations

import glob
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.scenario import load_scenario, scenario_from_dict
from mutasi_opt.sweep.run import (
    PointResult,
    SweepProgress,
    point_lines,
    run_points,
    write_sweep_csv,
)
from mutasi_opt.sweep.spec import (
    Point,
    PointScenario,
    apply_settings,
    check_key,
    safe_name,
    settings_file_issues,
    unique_issues,
)
from mutasi_opt.yamlio import read_yaml_file

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["BATCH_COLUMNS", "Agency", "BatchResult", "BatchSpec", "load_batch", "run_batch"]

BATCH_COLUMNS: tuple[str, ...] = (
    "agency",
    "status",
    "error",
    "skipped",
    "seconds",
    "run_dir",
    "scenario",
    "people",
    "posts",
    "pairs",
    "moves",
    "placements",
    "fit_mean_before",
    "fit_mean_after",
    "jpm_mean_before",
    "jpm_mean_after",
    "objective",
    "gap",
    "solve_seconds",
    "peak_memory_mb",
)
"""The columns of ``batch.csv``, in order."""


class Agency(BaseModel):
    """One agency: its scenario file and, optionally, a name other than the scenario's."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(min_length=1, description="scenario file or glob, relative to the batch file")
    name: str | None = Field(default=None, min_length=1, description="default: the scenario's")


class BatchSpec(BaseModel):
    """A batch: the agencies' scenarios, settings for all, and where to write."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str | None = Field(default=None, min_length=1, description="default: the file name")
    description: str = Field(default="", description="free text")
    agencies: list[str | Agency] = Field(min_length=1, description="scenario files or globs")
    settings: dict[str, Any] = Field(
        default_factory=dict, alias="set", description="dotted key -> value, for every agency"
    )
    out: Path | None = Field(default=None, description="default: runs/<name> beside the file")
    source: Path | None = Field(default=None, exclude=True, description="the batch file")

    @property
    def label(self) -> str:
        """The batch's name: ``name``, or the batch file's name without its suffix."""
        if self.name:
            return self.name
        return self.source.stem if self.source is not None else "batch"

    @property
    def folder(self) -> Path:
        """The folder relative paths are resolved against (the batch file's)."""
        return self.source.parent if self.source is not None else Path.cwd()

    def out_dir(self) -> Path:
        """``out`` (relative to the batch file), else ``runs/<name>`` beside the file."""
        if self.out is not None:
            return self.out if self.out.is_absolute() else (self.folder / self.out).absolute()
        return (self.folder / "runs" / safe_name(self.label)).absolute()

    def scenario_files(self) -> list[tuple[Path, str | None, int]]:
        """Every agency's scenario file (globs expanded, sorted), its given name, its entry.

        Raises
        ------
        InputError
            An entry names no file (every such entry at once).
        """
        file = None if self.source is None else str(self.source)
        found: list[tuple[Path, str | None, int]] = []
        issues: list[InputIssue] = []
        for k, entry in enumerate(self.agencies):
            agency = entry if isinstance(entry, Agency) else Agency(path=entry)
            pattern = Path(agency.path)
            full = pattern if pattern.is_absolute() else self.folder / pattern
            if glob.has_magic(agency.path):
                matches = sorted(Path(p) for p in glob.glob(str(full)) if Path(p).is_file())
                if agency.name is not None and len(matches) > 1:
                    issues.append(_issue("bad_value", f"agencies[{k}].name",
                                         "a name is for one scenario, and this pattern matches "
                                         f"{len(matches)}",
                                         f"nama untuk satu skenario, sedangkan pola ini cocok "
                                         f"dengan {len(matches)}", file, agency.path))  # fmt: skip
            else:
                matches = [full] if full.is_file() else []
            if not matches:
                issues.append(_issue("file_not_found", f"agencies[{k}]",
                                     "no scenario file matches", "tidak ada berkas skenario yang "
                                     "cocok", file, agency.path))  # fmt: skip
            found.extend((m.absolute(), agency.name, k) for m in matches)
        if issues:
            raise InputError(issues)
        return found

    def scenarios(self) -> list[PointScenario]:
        """Each agency as a point with its validated scenario (``set`` applied).

        Raises
        ------
        InputError
            A scenario is invalid, a ``set`` key is unknown, or two agencies have one name;
            every problem at once, before anything runs.
        """
        file = None if self.source is None else str(self.source)
        issues: list[InputIssue] = []
        for key in self.settings:
            try:
                check_key(key)
            except ValueError as exc:
                message_id = getattr(exc, "message_id", None)
                issues.append(_issue("bad_value", f"set.{key}", str(exc), message_id, file, None))
        if issues:
            raise InputError(issues)
        entries = self.scenario_files()
        width = max(3, len(str(len(entries))))
        seen: dict[str, Path] = {}
        out: list[PointScenario] = []
        for i, (path, given, k) in enumerate(entries, start=1):
            try:
                scenario = load_scenario(path)
            except InputError as exc:
                issues.extend(exc.issues)
                continue
            data, unknown = apply_settings(scenario.to_dict(), self.settings)
            issues.extend(
                _issue("unknown_key", f"set.{key}", "not a key of the scenario (check the "
                       "spelling)", "bukan kunci skenario (periksa ejaannya)", file, None)
                for key in unknown
            )  # fmt: skip
            name = given or scenario.name
            folder = safe_name(name)
            if folder in seen:
                issues.append(_issue("duplicate_agency", f"agencies[{k}]",
                                     f"two agencies are named {name!r} ({seen[folder]} and "
                                     f"{path}); give one a name", f"dua instansi bernama "
                                     f"{name!r} ({seen[folder]} dan {path}); beri salah satunya "
                                     "nama", file, str(path)))  # fmt: skip
                continue
            seen[folder] = path
            try:
                agency = scenario_from_dict(data, source=scenario.source)
            except InputError as exc:
                issues.extend(exc.issues)
                continue
            point = Point(i, f"a{i:0{width}d}", folder, dict(self.settings), case=name)
            out.append(PointScenario(point, agency))
        if issues:
            raise InputError(unique_issues(issues))
        return out


def _issue(
    rule: str,
    column: str,
    message: str,
    message_id: str | None,
    file: str | None,
    value: str | None,
) -> InputIssue:
    return InputIssue(rule, message, file=file, column=column, value=value, message_id=message_id)


def load_batch(path: str | Path) -> BatchSpec:
    """Read and validate a batch file (the agencies' scenarios are checked by ``scenarios()``).

    Raises
    ------
    InputError
        Missing file, not YAML, unknown keys or bad values (all named).
    """
    file = Path(path).absolute()
    raw = read_yaml_file(file, what="batch file", what_id="berkas batch")
    try:
        spec = BatchSpec.model_validate(raw)
    except ValidationError as exc:
        raise InputError(
            settings_file_issues(exc, str(file), "batch file", "berkas batch")
        ) from None
    return spec.model_copy(update={"source": file})


@dataclass(frozen=True, eq=False)
class BatchResult:
    """What :func:`run_batch` returns.

    Attributes
    ----------
    spec
        The batch.
    out_dir
        Its folder: one run folder per agency and ``batch.csv``.
    points
        One result per agency, in the batch's order.
    table
        ``batch.csv`` as a frame.
    cluster
        The cluster the agencies ran on (``""`` when every agency was skipped).
    """

    spec: BatchSpec
    out_dir: Path
    points: tuple[PointResult, ...]
    table: pd.DataFrame
    cluster: str = ""

    @property
    def csv(self) -> Path:
        """``batch.csv``."""
        return self.out_dir / "batch.csv"

    @property
    def failed(self) -> tuple[PointResult, ...]:
        """Agencies without a plan (infeasible, timed out, or an exception)."""
        return tuple(p for p in self.points if not p.ok)

    def summary(self, language: str = "en") -> str:
        """One line per agency, then the counts."""
        indonesian = language == "id"
        n = len(self.points)
        head = (
            f"Batch {self.spec.label}: {n} instansi di {self.out_dir}"
            if indonesian
            else f"Batch {self.spec.label}: {n} agenc{'y' if n == 1 else 'ies'} in {self.out_dir}"
        )
        lines = [head]
        if self.cluster:
            lines.append(f"  {'berjalan di' if indonesian else 'ran on'} {self.cluster}")
        lines.extend(point_lines(self.points, language))
        return "\n".join(lines)


def _summary_row(res: PointResult, scenario_file: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "agency": res.name,
        "status": res.status,
        "error": res.error,
        "skipped": res.skipped,
        "seconds": res.seconds,
        "run_dir": res.name,
        "scenario": scenario_file,
        "peak_memory_mb": res.peak_memory_mb,
    }
    try:
        summary = json.loads((res.run_dir / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return row
    if not isinstance(summary, dict):
        return row
    counts = summary.get("counts") or {}
    kpis = summary.get("kpis") or {}
    timings = summary.get("timings") or {}
    row.update(
        people=counts.get("people"),
        posts=counts.get("posts"),
        pairs=counts.get("pairs"),
        moves=counts.get("moves"),
        placements=counts.get("placements"),
        fit_mean_before=kpis.get("fit_mean_before"),
        fit_mean_after=kpis.get("fit_mean_after"),
        jpm_mean_before=kpis.get("jpm_mean_before"),
        jpm_mean_after=kpis.get("jpm_mean_after"),
        objective=summary.get("objective"),
        gap=summary.get("gap"),
        solve_seconds=timings.get("solve"),
    )
    return row


def run_batch(
    spec_or_path: BatchSpec | str | Path,
    *,
    scheduler: str | Client | None = None,
    workers: int | None = None,
    out: str | Path | None = None,
    progress: SweepProgress | None = None,
) -> BatchResult:
    """Run every agency's round on Dask and write ``batch.csv``.

    Parameters
    ----------
    spec_or_path
        A batch file or a loaded :class:`BatchSpec`.
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``, from ``dask scheduler``) or a
        ``distributed.Client``; ``None``: a ``LocalCluster`` for the batch, closed after.
    workers
        Worker processes of the local cluster (default: the cores over ``solver.workers``, at
        most one per agency to run). Ignored with ``scheduler``.
    out
        The batch's folder (default :meth:`BatchSpec.out_dir`).
    progress
        Told of the cluster and of every agency done.

    Returns
    -------
    BatchResult
        Agencies without a plan included, with their errors.

    Raises
    ------
    InputError
        The batch file or an agency's scenario is invalid (nothing runs).
    SweepError
        The scheduler cannot be reached.
    """
    spec = spec_or_path if isinstance(spec_or_path, BatchSpec) else load_batch(spec_or_path)
    pairs = spec.scenarios()
    out_dir = Path(out).absolute() if out is not None else spec.out_dir()
    ordered, cluster = run_points(
        pairs, out_dir, scheduler=scheduler, workers=workers, progress=progress, csv="batch.csv"
    )
    rows = [
        _summary_row(res, None if ps.scenario.source is None else str(ps.scenario.source))
        for ps, res in zip(pairs, ordered, strict=True)
    ]
    table = pd.DataFrame(rows, columns=list(BATCH_COLUMNS))
    write_sweep_csv(table, out_dir / "batch.csv", [])
    return BatchResult(spec, out_dir, tuple(ordered), table, cluster)
