"""Compare run folders: key figures side by side, who lands where in each, and the robust core.

:func:`compare_runs` reads two or more run folders (``summary.json`` and ``assignments.csv``; the
scenario comes from ``manifest.json`` when there is one) and returns a :class:`Comparison` of plain
frames, with no solver and no report involved::

    from mutasi_opt.comparison import compare_runs
    cmp = compare_runs(["runs/baseline", "runs/no-promotion"])
    cmp.kpis[["run", "moves", "total_fit"]]
    cmp.person_diff          # every person whose post differs between the runs
    cmp.robust_core          # the moves made in every run

Definitions
-----------
``kpis``
    One row per run: ``run`` (the label), ``path``, ``scenario``, ``status``, ``backend``,
    ``objective``, ``bound``, ``gap``, ``seed``, ``as_of``, ``time_s`` (sum of the phases), then
    every KPI of ``summary.json`` flattened into dotted columns (``moves_by_type.rotasi``,
    ``vacancies_filled_by_priority.5.filled``). The per-group ``fairness`` lists become
    ``fairness.gender.P.moves`` and the like; the per-OPD ``unit_flows`` list is summarised
    (``unit_flows.units_with_moves``, ``unit_flows.max_moves_in``, ``unit_flows.max_moves_out``,
    ``unit_flows.units_losing_staff``, ``unit_flows.units_gaining_staff``).
``person_diff``
    One row per person whose post (``to_position_id``) is not the same in every run that has a
    plan, or who is missing from one of them; columns ``nip``, ``name``, ``from_position_id``,
    ``from_title``,
    ``from_unit``, ``runs_moved`` (in how many runs the person moves), then per run
    ``<run>.to_position_id``, ``<run>.to_title``, ``<run>.to_unit`` and ``<run>.move_type``.
    Sorted by NIP. (Titles are empty for run folders written before they were read.)
``robust_core``
    The moves (person and target post) that every run with a plan makes: ``nip``, ``name``,
    ``from_position_id``, ``from_title``, ``from_unit``, ``to_position_id``, ``to_title``,
    ``to_unit``, ``move_type``. Sorted by
    NIP. Runs without a plan (infeasible, no solution) are left out of both frames.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.runio import read_csv_text, read_run_json
from mutasi_opt.scenario import TABLE_KEYS
from mutasi_opt.textsafe import short_text

__all__ = [
    "PLAN_STATUSES",
    "Comparison",
    "RunFolder",
    "compare_runs",
    "flatten_kpis",
    "read_run_folder",
]

PLAN_STATUSES: tuple[str, ...] = ("optimal", "feasible")
"""Statuses whose run folder holds a plan."""

RUN_STATUSES: tuple[str, ...] = ("optimal", "feasible", "infeasible", "no_solution")
"""Every status a run folder's ``summary.json`` may hold."""

_NUMERIC_KPIS = ("moves", "placements", "total_fit", "people")
"""KPIs that the comparison computes with (checked to be numbers when present)."""

DATA_ROLES: tuple[str, ...] = ("workbook", *(k for k in TABLE_KEYS if k != "decisions"))
"""The inputs of a run that are data (the scenario file itself may differ between runs, and so
may the panel's rulings, ``data.decisions``: they are what a re-plan is compared for)."""

HEAD_COLUMNS: tuple[str, ...] = (
    "run",
    "path",
    "scenario",
    "status",
    "backend",
    "objective",
    "bound",
    "gap",
    "seed",
    "as_of",
    "time_s",
)
"""The first columns of :attr:`Comparison.kpis`, before the flattened KPIs."""

PERSON_COLUMNS: tuple[str, ...] = ("nip", "name", "from_position_id", "from_title", "from_unit")
PER_RUN_COLUMNS: tuple[str, ...] = ("to_position_id", "to_title", "to_unit", "move_type")
CORE_COLUMNS: tuple[str, ...] = (
    "nip",
    "name",
    "from_position_id",
    "from_title",
    "from_unit",
    "to_position_id",
    "to_title",
    "to_unit",
    "move_type",
)
_TITLES = ("from_title", "to_title")
"""Read when present (a post id alone says little to a panel); empty for older run folders."""
_READ_COLUMNS = tuple(
    c
    for c in (*PERSON_COLUMNS, "to_position_id", "to_title", "to_unit", "moved", "move_type")
    if c not in _TITLES
)

# Lists of records inside the KPIs, flattened by this field of each record.
_RECORD_KEYS = ("group",)


@dataclass(frozen=True, eq=False)
class RunFolder:
    """One run folder as read by :func:`read_run_folder`.

    Attributes
    ----------
    path
        The folder (absolute).
    summary
        ``summary.json``.
    manifest
        ``manifest.json``, or ``{}`` when the folder has none.
    assignments
        ``assignments.csv`` (text columns, ``moved`` as bool); empty without a plan.
    """

    path: Path
    summary: dict[str, Any]
    manifest: dict[str, Any]
    assignments: pd.DataFrame

    @property
    def status(self) -> str:
        """The solve status (``optimal``, ``feasible``, ``infeasible``, ``no_solution``)."""
        return str(self.summary.get("status", ""))

    @property
    def has_plan(self) -> bool:
        """True when the run found a plan."""
        return self.status in PLAN_STATUSES

    @property
    def language(self) -> str:
        """The report language of the run's scenario (``id`` when not recorded)."""
        scenario = self.manifest.get("scenario") or {}
        output = (scenario.get("output") or {}) if isinstance(scenario, dict) else {}
        if not isinstance(output, dict):
            output = {}
        language = self.summary.get("language") or output.get("language")
        return "en" if language == "en" else "id"


def _bad(
    path: Path, message: str, message_id: str, rule: str = "bad_run_file", **where: Any
) -> InputError:
    """One issue about one file of a run folder (``message_id``: the same in Indonesian)."""
    return InputError([InputIssue(rule, message, file=str(path), message_id=message_id, **where)])


def _assignments(path: Path) -> pd.DataFrame:
    try:
        frame = read_csv_text(path)
    except FileNotFoundError:
        raise InputError(
            [
                InputIssue(
                    "not_a_run",
                    "not a run folder: this file is missing",
                    file=str(path),
                    message_id="bukan folder run: berkas ini tidak ada",
                )
            ]
        ) from None
    except UnicodeDecodeError:
        raise _bad(
            path,
            "not UTF-8 text; a run folder's CSVs are written as UTF-8",
            "bukan teks UTF-8; CSV folder run ditulis sebagai UTF-8",
        ) from None
    except pd.errors.EmptyDataError:
        raise _bad(
            path, "the file is empty (no header row)", "berkas kosong (tidak ada baris judul)"
        ) from None
    except (pd.errors.ParserError, ValueError) as exc:
        message = short_text(str(exc).strip().splitlines()[0] if str(exc).strip() else exc, 160)
        raise _bad(
            path, f"not readable as CSV ({message})", f"tidak dapat dibaca sebagai CSV ({message})"
        ) from None
    missing = [c for c in _READ_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            [
                InputIssue(
                    "missing_column",
                    f"assignments.csv lacks the column(s) {', '.join(missing)}",
                    file=str(path),
                    message_id=f"assignments.csv tidak memuat kolom {', '.join(missing)}",
                )
            ]
        )
    out = frame.loc[:, list(_READ_COLUMNS)].copy()
    for column in _TITLES:
        out[column] = frame[column] if column in frame.columns else ""
    issues: list[InputIssue] = []
    twice = out["nip"].duplicated(keep="first").to_numpy()
    for k in np.flatnonzero(twice)[:10]:
        issues.append(
            InputIssue(
                "duplicate_nip",
                "NIP appears more than once in assignments.csv",
                file=str(path),
                row=int(k) + 2,
                column="nip",
                value=short_text(out["nip"].iat[int(k)], 40),
                message_id="NIP muncul lebih dari sekali di assignments.csv",
            )
        )
    moved = out["moved"].str.strip().str.lower()
    unknown = ~moved.isin(("true", "false", "1", "0")).to_numpy()
    for k in np.flatnonzero(unknown)[:10]:
        issues.append(
            InputIssue(
                "bad_value",
                "moved must be true or false",
                file=str(path),
                row=int(k) + 2,
                column="moved",
                value=short_text(out["moved"].iat[int(k)], 40),
                message_id="moved harus true atau false",
            )
        )
    if issues:
        raise InputError(issues)
    out["moved"] = moved.isin(("true", "1"))
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_summary(path: Path, summary: dict[str, Any]) -> None:
    """Raise when ``summary.json`` lacks what a comparison relies on, naming the key."""
    issues: list[InputIssue] = []

    def bad(key: str, message: str, message_id: str, value: Any = None) -> None:
        shown = None if value is None else short_text(value, 80)
        issues.append(
            InputIssue(
                "bad_summary",
                message,
                file=str(path),
                column=key,
                value=shown,
                message_id=message_id,
            )
        )

    status = summary.get("status")
    if status not in RUN_STATUSES:
        statuses = ", ".join(RUN_STATUSES)
        bad(
            "status",
            f"status must be one of {statuses}",
            f"status harus salah satu dari {statuses}",
            status,
        )
    for key in ("objective", "bound", "gap"):
        value = summary.get(key)
        if value is not None and not _is_number(value):
            bad(key, f"{key} must be a number or null", f"{key} harus angka atau null", value)
    for key in ("kpis", "timings"):
        value = summary.get(key)
        if value is not None and not isinstance(value, Mapping):
            bad(
                key,
                f"{key} must be a mapping of names to values",
                f"{key} harus pemetaan nama ke nilai",
                value,
            )
    kpis = summary.get("kpis")
    if isinstance(kpis, Mapping):
        for key in _NUMERIC_KPIS:
            value = kpis.get(key)
            if value is not None and not _is_number(value):
                bad(
                    f"kpis.{key}",
                    f"kpis.{key} must be a number or null",
                    f"kpis.{key} harus angka atau null",
                    value,
                )
    if issues:
        raise InputError(issues)


def read_run_folder(path: str | Path) -> RunFolder:
    """Read the parts of a run folder that a comparison needs.

    Raises
    ------
    InputError
        The folder does not exist, or lacks ``summary.json`` (or ``assignments.csv`` for a run
        with a plan), or a file is not what a run folder holds.
    """
    folder = Path(path).absolute()
    if not folder.is_dir():
        raise InputError(
            [
                InputIssue(
                    "not_a_run",
                    "run folder does not exist",
                    file=str(folder),
                    message_id="folder run tidak ada",
                )
            ]
        )
    summary = read_run_json(folder / "summary.json")
    _check_summary(folder / "summary.json", summary)
    manifest_path = folder / "manifest.json"
    manifest = read_run_json(manifest_path) if manifest_path.is_file() else {}
    if summary.get("status") in PLAN_STATUSES:
        assignments = _assignments(folder / "assignments.csv")
    else:
        assignments = pd.DataFrame({c: pd.Series(dtype=object) for c in (*_READ_COLUMNS, *_TITLES)})
    return RunFolder(folder, summary, manifest, assignments)


def _number(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _flatten(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, out)
    elif isinstance(value, list):
        for record_key in _RECORD_KEYS:
            if value and all(isinstance(r, Mapping) and record_key in r for r in value):
                for record in value:
                    rest = {k: v for k, v in record.items() if k != record_key}
                    _flatten(f"{prefix}.{record[record_key]}", rest, out)
                return
        # Other lists (per-OPD flows) have no fixed set of columns; they are summarised apart.
    else:
        out[prefix] = _number(value)


def _int_or_zero(value: Any) -> int:
    return int(value) if _is_number(value) and math.isfinite(value) else 0


def _unit_flow_summary(flows: Any) -> dict[str, int]:
    rows = [r for r in flows if isinstance(r, Mapping)] if isinstance(flows, list) else []

    def ints(key: str) -> list[int]:
        return [_int_or_zero(r.get(key)) for r in rows]

    moves_in, moves_out = ints("moves_in"), ints("moves_out")
    before, after = ints("staff_before"), ints("staff_after")
    within = ints("moves_within")
    return {
        "unit_flows.units_with_moves": sum(
            1 for i, o, w in zip(moves_in, moves_out, within, strict=True) if i or o or w
        ),
        "unit_flows.max_moves_in": max(moves_in, default=0),
        "unit_flows.max_moves_out": max(moves_out, default=0),
        "unit_flows.units_losing_staff": sum(
            1 for b, a in zip(before, after, strict=True) if a < b
        ),
        "unit_flows.units_gaining_staff": sum(
            1 for b, a in zip(before, after, strict=True) if a > b
        ),
    }


def flatten_kpis(kpis: Mapping[str, Any]) -> dict[str, Any]:
    """The KPIs of ``summary.json`` as one flat mapping of dotted keys (see the module docstring).

    Examples
    --------
    >>> flatten_kpis({"moves": 3, "moves_by_type": {"stay": 5, "rotasi": 3}})
    {'moves': 3, 'moves_by_type.stay': 5, 'moves_by_type.rotasi': 3}
    """
    out: dict[str, Any] = {}
    for key, value in kpis.items():
        if key == "unit_flows":
            out.update(_unit_flow_summary(value))
        else:
            _flatten(str(key), value, out)
    return out


def _time(summary: Mapping[str, Any]) -> float | None:
    timings = summary.get("timings")
    if not isinstance(timings, Mapping):
        return None
    total = sum(float(v) for v in timings.values() if isinstance(v, int | float))
    return round(total, 3)


def _kpi_row(label: str, run: RunFolder) -> dict[str, Any]:
    s = run.summary
    head = {
        "run": label,
        "path": str(run.path),
        "scenario": s.get("scenario", run.manifest.get("scenario_name")),
        "status": run.status,
        "backend": s.get("backend"),
        "objective": _number(s.get("objective")),
        "bound": _number(s.get("bound")),
        "gap": _number(s.get("gap")),
        "seed": s.get("seed"),
        "as_of": s.get("as_of"),
        "time_s": _time(s),
    }
    kpis = s.get("kpis")
    return {**head, **flatten_kpis(kpis if isinstance(kpis, Mapping) else {})}


def _labels(paths: Sequence[Path]) -> list[str]:
    """Folder names, with parent folders added until they are unique."""
    depth = 1
    while True:
        labels = ["/".join(p.parts[-depth:]) for p in paths]
        if len(set(labels)) == len(labels) or depth >= max(len(p.parts) for p in paths):
            break
        depth += 1
    if len(set(labels)) < len(labels):
        labels = [f"{label}#{i + 1}" for i, label in enumerate(labels)]
    return labels


def _person_diff(labels: Sequence[str], runs: Sequence[RunFolder]) -> pd.DataFrame:
    planned = [(lab, r) for lab, r in zip(labels, runs, strict=True) if r.has_plan]
    per_run_cols = [f"{lab}.{c}" for lab, _ in planned for c in PER_RUN_COLUMNS]
    columns = [*PERSON_COLUMNS, "runs_moved", *per_run_cols]
    if not planned:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    # Who the person is and where they came from: the first run that lists them.
    people = (
        pd.concat([r.assignments.loc[:, list(PERSON_COLUMNS)] for _, r in planned])
        .drop_duplicates("nip", keep="first")
        .set_index("nip")
    )
    posts = pd.DataFrame(index=people.index)
    moved = pd.Series(0, index=people.index, dtype="int64")
    for lab, run in planned:
        a = run.assignments.set_index("nip")
        for c in PER_RUN_COLUMNS:
            posts[f"{lab}.{c}"] = a[c].reindex(people.index)
        moved = moved.add(a["moved"].reindex(people.index, fill_value=False).astype("int64"))
    targets = posts[[f"{lab}.to_position_id" for lab, _ in planned]]
    # A person differs when the runs disagree on the post, or a run does not list them at all.
    differs = targets.isna().any(axis=1) | (targets.nunique(axis=1, dropna=False) > 1)
    out = people.join(posts).assign(runs_moved=moved).loc[differs]
    out = out.reset_index().sort_values("nip", kind="stable").reset_index(drop=True)
    return out.loc[:, columns]


def _robust_core(runs: Sequence[RunFolder]) -> pd.DataFrame:
    planned = [r for r in runs if r.has_plan]
    if not planned:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CORE_COLUMNS})
    key = ["nip", "to_position_id"]
    core = planned[0].assignments.loc[planned[0].assignments["moved"], list(CORE_COLUMNS)]
    for run in planned[1:]:
        moves = run.assignments.loc[run.assignments["moved"], key]
        core = core.merge(moves, on=key, how="inner")
    return core.sort_values("nip", kind="stable").reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class Comparison:
    """Two or more runs side by side (see the module docstring for every frame).

    Attributes
    ----------
    runs
        The run folders, in the order given.
    labels
        One unique label per run (the folder name, with parents added when names repeat).
    kpis
        One row per run, every KPI as a column.
    person_diff
        Every person whose post differs between the runs with a plan.
    robust_core
        The moves made in every run with a plan.
    """

    runs: tuple[RunFolder, ...]
    labels: tuple[str, ...]
    kpis: pd.DataFrame
    person_diff: pd.DataFrame
    robust_core: pd.DataFrame
    notes: tuple[str, ...] = field(default=())
    different_data: tuple[str, ...] = field(default=())

    @property
    def warnings(self) -> tuple[str, ...]:
        """What may make the comparison mislead: runs planned on different data."""
        return self.warnings_in("en")

    def warnings_in(self, language: str) -> tuple[str, ...]:
        """:attr:`warnings` in ``language`` (``id`` or ``en``)."""
        if not self.different_data:
            return ()
        roles = ", ".join(self.different_data)
        if language == "id":
            return (
                f"run-run ini disusun dari data yang berbeda ({roles} berbeda, menurut hash "
                "masukan di manifest.json): pegawai dan jabatannya mungkin tidak sama di setiap "
                "run",
            )
        return (
            f"the runs were planned on different data ({roles} differ, by the input hashes in "
            "manifest.json): people and posts may not be the same in every run",
        )

    def notes_in(self, language: str) -> tuple[str, ...]:
        """The runs without a plan, left out of the person-level comparison, in ``language``."""
        if language != "id":
            return self.notes
        return tuple(
            f"{lab} tidak punya rencana ({r.status}); tidak diikutkan dalam perbandingan per "
            "pegawai"
            for lab, r in zip(self.labels, self.runs, strict=True)
            if not r.has_plan
        )

    @property
    def planned_labels(self) -> tuple[str, ...]:
        """Labels of the runs that have a plan (the ones the person-level frames cover)."""
        return tuple(lab for lab, r in zip(self.labels, self.runs, strict=True) if r.has_plan)

    @property
    def language(self) -> str:
        """The report language of the first run (``id`` or ``en``)."""
        return self.runs[0].language if self.runs else "id"

    def core_share(self) -> dict[str, float | None]:
        """Per run with a plan: the share of its moves that are in the robust core."""
        out: dict[str, float | None] = {}
        core = len(self.robust_core)
        for lab, run in zip(self.labels, self.runs, strict=True):
            if run.has_plan:
                moves = int(run.assignments["moved"].sum())
                out[lab] = round(core / moves, 4) if moves else None
        return out

    def summary(self, language: str = "en") -> str:
        """A few aligned lines: each run's status, moves and total fit; the differences (in
        ``language``, ``id`` or ``en``)."""
        indonesian = language == "id"
        n = len(self.runs)
        lines = [f"Perbandingan {n} run" if indonesian else f"Comparison of {n} runs"]
        moves_key = "mutasi" if indonesian else "moves"
        fit_key = "total_kecocokan" if indonesian else "total_fit"
        width = max(len(lab) for lab in self.labels) if self.labels else 0
        for data in self.kpis.to_dict("records"):
            moves = data.get("moves")
            fit = data.get("total_fit")
            moves_text = "-" if moves is None or pd.isna(moves) else f"{int(moves)}"
            fit_text = "-" if fit is None or pd.isna(fit) else f"{float(fit):.2f}"
            lines.append(
                f"  {data['run']:<{width}}  {data['status']:<11}  {moves_key}={moves_text:<5} "
                f"{fit_key}={fit_text}"
            )
        diff, core = len(self.person_diff), len(self.robust_core)
        lines.append(
            f"  {diff} pegawai ditempatkan berbeda; inti kokoh: {core} mutasi ada di setiap run "
            "yang punya rencana"
            if indonesian
            else f"  {diff} people placed differently; robust core: {core} moves made in every "
            "run with a plan"
        )
        note, warning = ("catatan", "peringatan") if indonesian else ("note", "warning")
        lines.extend(f"  {note}: {text}" for text in self.notes_in(language))
        lines.extend(f"  {warning}: {text}" for text in self.warnings_in(language))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()


def compare_runs(
    run_dirs: Sequence[str | Path], *, labels: Sequence[str] | None = None
) -> Comparison:
    """Compare run folders.

    Parameters
    ----------
    run_dirs
        One or more run folders (two or more for a useful comparison).
    labels
        A label per run (default: the folder names, made unique).

    Returns
    -------
    Comparison
        Frames of plain data; nothing is written.

    Raises
    ------
    InputError
        No folder, the same folder twice, a folder that is not a run folder, or labels that do
        not match the folders; every problem at once.
    """
    paths = [Path(p).absolute() for p in run_dirs]
    issues: list[InputIssue] = []
    if not paths:
        issues.append(
            InputIssue(
                "no_runs",
                "give at least one run folder to compare",
                message_id="berikan paling sedikit satu folder run untuk dibandingkan",
            )
        )
    seen: set[Path] = set()
    for path in paths:
        if path in seen:
            issues.append(
                InputIssue(
                    "duplicate_run",
                    "the same run folder is given twice",
                    file=str(path),
                    message_id="folder run yang sama diberikan dua kali",
                )
            )
        seen.add(path)
    if labels is not None and (len(labels) != len(paths) or len(set(labels)) != len(labels)):
        issues.append(
            InputIssue(
                "bad_labels",
                "give one unique label per run folder",
                message_id="berikan satu label unik untuk setiap folder run",
            )
        )
    runs: list[RunFolder] = []
    for path in paths:
        try:
            runs.append(read_run_folder(path))
        except InputError as exc:
            issues.extend(exc.issues)
    if issues:
        raise InputError(issues)
    names = list(labels) if labels is not None else _labels(paths)
    kpis = pd.DataFrame([_kpi_row(lab, r) for lab, r in zip(names, runs, strict=True)])
    notes = tuple(
        f"{lab} has no plan ({r.status}); it is left out of the person-level comparison"
        for lab, r in zip(names, runs, strict=True)
        if not r.has_plan
    )
    return Comparison(
        runs=tuple(runs),
        labels=tuple(names),
        kpis=kpis.reset_index(drop=True),
        person_diff=_person_diff(names, runs),
        robust_core=_robust_core(runs),
        notes=notes,
        different_data=_different_data(runs),
    )


def _input_hashes(run: RunFolder) -> dict[str, str | None] | None:
    """Data role -> SHA-256 from ``manifest.json`` (``None`` when the manifest does not say)."""
    inputs = run.manifest.get("inputs")
    if not isinstance(inputs, list):
        return None
    out: dict[str, str | None] = {}
    for entry in inputs:
        if isinstance(entry, Mapping) and entry.get("role") in DATA_ROLES:
            digest = entry.get("sha256")
            out[str(entry["role"])] = digest if isinstance(digest, str) else None
    return out


def _different_data(runs: Sequence[RunFolder]) -> tuple[str, ...]:
    """The data roles whose files differ between the runs (runs without a manifest are skipped)."""
    hashes = [h for h in (_input_hashes(r) for r in runs) if h is not None]
    if len(hashes) < 2:
        return ()
    roles = [r for r in DATA_ROLES if any(r in h for h in hashes)]
    return tuple(r for r in roles if len({h.get(r) for h in hashes}) > 1)
