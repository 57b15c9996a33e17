"""The public pipeline that the command line and notebooks share.

:func:`run` plans one round: load the scenario and its tables, build the problem (every candidate
pair scored), solve, check the result independently, make the plan, write the run folder::

    from mutasi_opt.pipeline import run
    outcome = run("scenarios/sibolga-2026.yaml", out="runs/baseline")
    outcome.plan.kpis["moves"], outcome.exit_code

:func:`load_run` reads a run folder back into a :class:`~mutasi_opt.plan.Plan` (the problem is
rebuilt from the resolved scenario recorded in ``manifest.json``; the plan is ``assignments.csv``),
and :func:`explain_person` explains one person of a plan or of a run folder, which is what
``mutasi-opt explain`` does.

Progress: pass an object with the :class:`Progress` methods (the command line shows them on a
terminal); ``None`` shows nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from mutasi_opt.check import CheckReport, check_plan
from mutasi_opt.errors import InputError, InputIssue, Language
from mutasi_opt.pages import ordinary_pages
from mutasi_opt.plan import PersonExplanation, Plan, make_plan
from mutasi_opt.plan.alternative_frames import alternatives_frame, differences_frame, plan_label
from mutasi_opt.plan.firmness import Firmness, VetoCosts, veto_costs
from mutasi_opt.plan.frontier import compute_frontier, empty_frontier_frame
from mutasi_opt.plan.person_explanation import TOP
from mutasi_opt.plan.person_explanation import explain_person as explain_plan_person
from mutasi_opt.plan.robustness import stability
from mutasi_opt.problem import Problem, build_problem, with_baseline
from mutasi_opt.report import check_target, write_run_folder
from mutasi_opt.runio import read_csv_text, read_run_json
from mutasi_opt.scenario import Scenario, load_scenario, scenario_from_dict
from mutasi_opt.solve import Result, Status, find_alternatives, solve
from mutasi_opt.solve.alternatives import Alternatives
from mutasi_opt.solve.stages import listening
from mutasi_opt.tables.read import load_tables
from mutasi_opt.textsafe import short_text

__all__ = [
    "PHASES",
    "Progress",
    "RunOutcome",
    "default_out_dir",
    "explain_person",
    "load_run",
    "read_baseline",
    "run",
]

PHASES: tuple[str, ...] = ("load", "score", "solve", "check", "plan", "write")
"""The phases of :func:`run`, in order (the keys of ``Plan.timings``, but ``write``)."""

EXIT_CODES: dict[Status, int] = {
    Status.OPTIMAL: 0,
    Status.FEASIBLE: 0,
    Status.INFEASIBLE: 3,
    Status.NO_SOLUTION: 4,
}
"""Exit code of ``mutasi-opt solve`` per status (docs/model.md, "Outputs: the run folder")."""


class Progress(Protocol):
    """What :func:`run` reports while it works (all methods are optional no-ops in spirit)."""

    def phase_started(self, phase: str) -> None:
        """A phase of :data:`PHASES` starts."""

    def phase_finished(self, phase: str, seconds: float) -> None:
        """A phase ends after ``seconds``."""

    def solver_update(self, objective: float | None, bound: float | None) -> None:
        """The solver found a better plan (``objective``) or proved a tighter ``bound`` (the
        other one ``None`` when it did not change)."""

    def solver_time_limit(self, seconds: float) -> None:
        """The solve phase starts with this time limit (optional: called when defined)."""

    def solver_stage(self, stage: str) -> None:
        """A stage of the solve starts, one of :data:`mutasi_opt.solve.stages.STAGES`
        (optional: called when defined)."""


@dataclass(frozen=True, eq=False)
class RunOutcome:
    """What :func:`run` returns.

    Attributes
    ----------
    plan
        The plan (empty frames when infeasible or no solution).
    out_dir
        The run folder written, or ``None`` when ``write=False``.
    exit_code
        0 plan found, 3 infeasible, 4 no plan within the time limit (docs/model.md).
    timings
        Seconds per phase, ``write`` included.
    """

    plan: Plan
    out_dir: Path | None
    exit_code: int
    timings: dict[str, float]
    alternatives: tuple[Plan, ...] = ()
    """The alternatives found (``solver.alternatives``), best first."""

    @property
    def status(self) -> Status:
        """The solve status."""
        return self.plan.result.status

    @property
    def report_html(self) -> Path | None:
        """``report.html`` of the run folder, when it was written."""
        if self.out_dir is None:
            return None
        path = self.out_dir / "report.html"
        return path if path.is_file() else None

    def summary_line(self, language: Language = "en") -> str:
        """One line: status, objective, gap, moves (and placements, if any), and the report (or
        the folder) written, as ``key=value`` words (in Indonesian with ``language="id"``:
        ``tujuan``, ``selisih``, ``mutasi``, ``penempatan``, ``laporan``); the status is the
        contract's code in both, and numbers keep a decimal point so that scripts can read it."""
        result = self.plan.result
        obj = "-" if result.objective is None else f"{result.objective:.4f}"
        gap = "-" if result.gap is None else f"{result.gap:.2%}"
        kpis = self.plan.kpis
        moves = int(kpis.get("moves", 0))
        placed = int(kpis.get("placements", 0))
        id_ = language == "id"
        where = ""
        if self.report_html is not None:
            where = f" {'laporan' if id_ else 'report'}={self.report_html}"
        elif self.out_dir is not None:
            where = f" folder={self.out_dir}"
        placements = f" {'penempatan' if id_ else 'placements'}={placed}" if placed else ""
        if id_:
            return f"{result.status.value} tujuan={obj} selisih={gap} mutasi={moves}{placements}{where}"
        return f"{result.status.value} objective={obj} gap={gap} moves={moves}{placements}{where}"


def default_out_dir(scenario: Scenario, now: dt.datetime | None = None) -> Path:
    """``output.dir/<name>-<YYYYmmdd-HHMMSS>`` (local time)."""
    moment = now or dt.datetime.now()
    return Path(scenario.output.dir) / f"{scenario.name}-{moment:%Y%m%d-%H%M%S}"


def _with_time_limit(scenario: Scenario, time_limit: float | None) -> Scenario:
    if time_limit is None:
        return scenario
    if not time_limit > 0:
        raise InputError(
            [
                InputIssue(
                    "bad_value",
                    "the time limit must be above 0 seconds",
                    value=str(time_limit),
                    message_id="batas waktu harus lebih dari 0 detik",
                )
            ]
        )
    solver = scenario.solver.model_copy(update={"time_limit_s": float(time_limit)})
    return scenario.model_copy(update={"solver": solver})


@contextmanager
def _phase(name: str, timings: dict[str, float], progress: Progress | None) -> Iterator[None]:
    if progress is not None:
        progress.phase_started(name)
    start = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - start
    if progress is not None:
        progress.phase_finished(name, timings[name])


def _solve(problem: Problem, progress: Progress | None) -> Result:
    """Call the solver, telling ``progress`` of its time limit, its stages, and its incumbent
    and bound."""
    if progress is None:
        return solve(problem)
    told_limit = getattr(progress, "solver_time_limit", None)
    if told_limit is not None:
        told_limit(problem.scenario.solver.time_limit_s)
    with listening(getattr(progress, "solver_stage", None)):
        return solve(problem, progress=progress.solver_update)


def read_baseline(run_dir: str | Path) -> dict[str, str]:
    """The plan of a previous run, ``{nip: position_id}``, from its ``assignments.csv``.

    Raises
    ------
    InputError
        Not a run folder of mutasi-opt, or a run without a plan (infeasible, no solution).
    """
    folder = Path(run_dir)
    if not folder.is_dir():
        raise InputError(
            [
                InputIssue(
                    "not_a_run",
                    "the baseline run folder does not exist",
                    file=str(folder),
                    message_id="folder run dasar (baseline) tidak ada",
                )
            ]
        )
    summary = read_run_json(folder / "summary.json")
    if summary.get("status") not in (Status.OPTIMAL.value, Status.FEASIBLE.value):
        raise InputError(
            [
                InputIssue(
                    "baseline_without_plan",
                    "the baseline run has no plan to compare with (status "
                    f"{short_text(summary.get('status'), 40)})",
                    file=str(folder / "summary.json"),
                    message_id="run dasar (baseline) tidak punya rencana untuk dibandingkan "
                    f"(status {short_text(summary.get('status'), 40)})",
                )
            ]
        )
    path = folder / "assignments.csv"
    frame = _read_plan_columns(path)
    return {
        str(n): str(p)
        for n, p in zip(frame["nip"].tolist(), frame["to_position_id"].tolist(), strict=True)
        if isinstance(p, str) and p
    }


def _with_language(scenario: Scenario, language: str | None) -> Scenario:
    if language is None:
        return scenario
    if language not in ("id", "en"):
        raise InputError(
            [
                InputIssue(
                    "bad_value",
                    "--language is id or en",
                    column="--language",
                    value=short_text(language, 20),
                    message_id="--language bernilai id atau en",
                )
            ]
        )
    output = scenario.output.model_copy(update={"language": language})
    return scenario.model_copy(update={"output": output})


def _with_max_changes(scenario: Scenario, max_changes: int | None) -> Scenario:
    if max_changes is None:
        return scenario
    if max_changes < 0:
        raise InputError(
            [
                InputIssue(
                    "bad_value",
                    "--max-changes must be 0 or more",
                    value=str(max_changes),
                    message_id="--max-changes harus 0 atau lebih",
                )
            ]
        )
    rules = scenario.rules.model_copy(update={"max_changes_from_baseline": int(max_changes)})
    return scenario.model_copy(update={"rules": rules})


def _firmness(problem: Problem, result: Result) -> Firmness:
    """Veto costs of every move (``output.veto_costs``) and, with ``solver.robustness_samples``,
    their stability over perturbed ratings, the samples run on Dask like a sweep."""
    veto = (
        veto_costs(problem, result)
        if problem.scenario.output.veto_costs
        else VetoCosts(np.full(problem.n_people, np.nan),
                       np.full(problem.n_people, "", dtype=object), 0.0)
    )  # fmt: skip
    samples = problem.scenario.solver.robustness_samples
    shares = None
    if samples > 0 and result.assignment is not None:
        from mutasi_opt.sweep.samples import dask_mapper

        shares = stability(problem, result.assignment, mapper=dask_mapper())
    return Firmness(veto, shares)


def _check(problem: Problem, result: Result) -> CheckReport | None:
    """The independent check of a result that has a plan."""
    if result.assignment is None:
        return None
    return check_plan(problem, result.assignment)


@ordinary_pages  # a round's many large arrays on ordinary pages: see mutasi_opt.pages
def run(
    scenario: str | Path | Scenario,
    *,
    out: str | Path | None = None,
    write: bool = True,
    force: bool = False,
    time_limit: float | None = None,
    progress: Progress | None = None,
    formats: list[str] | None = None,
    baseline: str | Path | None = None,
    max_changes: int | None = None,
    alternatives: int | None = None,
    language: str | None = None,
) -> RunOutcome:
    """Plan one round: load, score, solve, check, make the plan, write the run folder.

    Parameters
    ----------
    scenario
        A scenario file or a :class:`~mutasi_opt.scenario.Scenario`.
    out
        The run folder (default :func:`default_out_dir`).
    write
        ``False``: write nothing (a notebook that only wants the plan).
    force
        Replace an existing run folder.
    time_limit
        Seconds for the solve phase, overriding ``solver.time_limit_s``.
    progress
        Receives the phases and the solver's progress (see :class:`Progress`).
    formats
        Report formats, overriding ``output.formats``.
    baseline
        A previous run folder: re-plan against its plan (at most ``max_changes`` people placed
        differently, or ``rules.max_changes_from_baseline``; without either the distance is
        reported). The panel's rulings come from ``data.decisions``.
    max_changes
        Overrides ``rules.max_changes_from_baseline``.
    alternatives
        Near-optimal plans to find besides the optimal one (overrides ``solver.alternatives``):
        written to ``alternatives/plan-k/`` with ``alternatives/alternatives.csv`` and
        ``alternatives/differences.csv``.
    language
        ``id`` or ``en``: the language of the reports and reasons, overriding
        ``output.language``.

    Returns
    -------
    RunOutcome
        Infeasible and timed-out rounds included (exit codes 3 and 4); their folder holds the
        summary with the explanation.

    Raises
    ------
    InputError
        Invalid scenario or tables, or an existing run folder without ``force``; checked before
        anything is written.
    """
    timings: dict[str, float] = {}
    with _phase("load", timings, progress):
        loaded = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        loaded = _with_time_limit(loaded, time_limit)
        loaded = _with_max_changes(loaded, max_changes)
        loaded = _with_language(loaded, language)
        if alternatives is not None:
            solver = loaded.solver.model_copy(update={"alternatives": int(alternatives)})
            loaded = loaded.model_copy(update={"solver": solver})
        previous = None if baseline is None else read_baseline(baseline)
        target: Path | None = None
        if write:
            target = Path(default_out_dir(loaded) if out is None else out).absolute()
            if out is None and target.parent != Path(loaded.output.dir).absolute():
                # The scenario name is checked to be one folder name; never write elsewhere.
                raise InputError(
                    [
                        InputIssue(
                            "bad_value",
                            "the scenario name is not one folder name",
                            message_id="nama skenario bukan satu nama folder",
                            column="name",
                            value=short_text(loaded.name, 80),
                        )
                    ]
                )
            check_target(target, force=force)
        tables = load_tables(loaded)
    with _phase("score", timings, progress):
        problem = build_problem(tables, loaded)
        if previous is not None:
            problem = with_baseline(problem, previous, source=str(Path(str(baseline)).absolute()))
    with _phase("solve", timings, progress):
        result = _solve(problem, progress)
    with _phase("check", timings, progress):
        check = _check(problem, result)
    frontier = None
    firmness = None
    if result.assignment is not None and (
        loaded.output.veto_costs or loaded.solver.robustness_samples > 0
    ):
        with _phase("firmness", timings, progress):
            firmness = _firmness(problem, result)
    if result.assignment is not None:
        with _phase("frontier", timings, progress):
            frontier = compute_frontier(
                problem,
                result.assignment,
                max_solves=loaded.output.frontier_solves,
                between=loaded.output.frontier_between,
            ).to_frame()
    others: list[Plan] = []
    found: Alternatives | None = None
    if result.status == Status.OPTIMAL and loaded.solver.alternatives > 0:
        with _phase("alternatives", timings, progress):
            found = find_alternatives(problem, result)
            # Each in its own round (the no-goods of the plans before it, which its proof prices).
            others = [
                make_plan(p, r, _check(p, r), frontier=empty_frontier_frame())
                for p, r in zip(found.rounds, found.results, strict=True)
                if isinstance(p, Problem)
            ]
    with _phase("plan", timings, progress):
        plan = make_plan(problem, result, check, frontier=frontier, firmness=firmness)
    if found is not None:
        plan = dataclasses.replace(plan, notes={"alternatives": _alternatives_note(found)})
        others = [
            dataclasses.replace(p, notes={"alternative": _alternative_note(k + 1, plan, p)})
            for k, p in enumerate(others)
        ]
    plan = dataclasses.replace(plan, timings=dict(timings))
    if target is not None:
        with _phase("write", timings, progress):

            def also(folder: Path) -> None:
                _write_alternatives(folder / "alternatives", plan, others, formats)

            write_run_folder(plan, target, force=force, formats=formats,
                             also=also if found is not None else None)  # fmt: skip
    return RunOutcome(
        plan=plan,
        out_dir=target,
        exit_code=EXIT_CODES[result.status],
        timings=timings,
        alternatives=tuple(others),
    )


def _alternatives_note(found: Alternatives) -> dict[str, Any]:
    """``summary.json``'s ``alternatives``: how many were found and why the search ended."""
    return {
        "found": len(found),
        "min_difference": found.min_difference,
        "value_floor": round(found.floor, 6),
        "stopped": found.stopped,
        "folder": "alternatives",
        "seconds": round(found.seconds, 3),
    }


def _alternative_note(k: int, optimal: Plan, other: Plan) -> dict[str, Any]:
    """An alternative's own ``summary.json`` key ``alternative``: which, and how far off."""
    best, value = optimal.result.objective, other.result.objective
    differ = (
        None
        if optimal.result.assignment is None or other.result.assignment is None
        else int((optimal.result.assignment != other.result.assignment).sum())
    )
    return {
        "plan": plan_label(k),
        "rank": k,
        "value_below_optimal": None if best is None or value is None else round(best - value, 6),
        "differs_from_optimal": differ,
    }


def _write_alternatives(
    folder: Path, optimal: Plan, others: list[Plan], formats: list[str] | None
) -> None:
    """``alternatives/plan-k/`` (a run folder each) and the two CSVs comparing the plans."""
    from mutasi_opt.report.csvout import write_csv

    folder.mkdir()
    for k, other in enumerate(others, start=1):
        write_run_folder(other, folder / plan_label(k), formats=formats)
    results = [optimal.result, *(p.result for p in others)]
    table = alternatives_frame(optimal.problem, results)
    write_csv(table, folder / "alternatives.csv", list(table.columns))
    differences = differences_frame(optimal.problem, results)
    write_csv(differences, folder / "differences.csv", list(differences.columns))


def _changed_inputs(manifest: dict[str, Any]) -> list[InputIssue]:
    """Inputs whose SHA-256 differs from the one recorded (the plan would be explained wrongly)."""
    from mutasi_opt.report.summary import file_sha256

    issues = []
    for entry in manifest.get("inputs", []):
        path, recorded = Path(str(entry.get("path", ""))), entry.get("sha256")
        if recorded and path.is_file() and file_sha256(path) != recorded:
            issues.append(
                InputIssue(
                    "input_changed",
                    "this input changed since the run; re-run the scenario to explain it",
                    file=str(path),
                    message_id="masukan ini berubah sejak run; jalankan skenario lagi untuk "
                    "menjelaskannya",
                )
            )
    return issues


def load_run(run_dir: str | Path, *, language: str | None = None) -> Plan:
    """Read a run folder back into a :class:`~mutasi_opt.plan.Plan`.

    The problem is rebuilt from the resolved scenario in ``manifest.json`` (its input files must
    be unchanged: their SHA-256 is checked); the assignment is ``assignments.csv``; status,
    objective, bound and gap come from ``summary.json``. No solver runs.

    Raises
    ------
    InputError
        Not a run folder, inputs changed since the run, or ``assignments.csv`` does not match the
        tables.
    """
    folder = Path(run_dir)
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
    manifest = read_run_json(folder / "manifest.json")
    summary = read_run_json(folder / "summary.json")
    changed = _changed_inputs(manifest)
    if changed:
        raise InputError(changed)
    if not isinstance(manifest.get("scenario"), dict):
        raise InputError(
            [
                InputIssue(
                    "bad_run_file",
                    "manifest.json has no resolved scenario (key 'scenario')",
                    message_id="manifest.json tidak memuat skenario yang dipakai (kunci 'scenario')",
                    file=str(folder / "manifest.json"),
                )
            ]
        )
    try:
        status = Status(str(summary.get("status")))
    except ValueError:
        raise InputError(
            [
                InputIssue(
                    "bad_summary",
                    "status must be one of " + ", ".join(s.value for s in Status),
                    message_id="status harus salah satu dari " + ", ".join(s.value for s in Status),
                    file=str(folder / "summary.json"),
                    column="status",
                    value=short_text(summary.get("status"), 80),
                )
            ]
        ) from None
    scenario = scenario_from_dict(manifest["scenario"])
    problem = build_problem(load_tables(scenario), scenario)
    assignment = None
    if status in (Status.OPTIMAL, Status.FEASIBLE):
        assignment = _read_assignment(folder / "assignments.csv", problem)
    result = Result(
        status=status,
        backend=str(summary.get("backend") or manifest.get("backend") or "-"),
        assignment=assignment,
        objective=summary.get("objective"),
        objective_int=None,
        bound=summary.get("bound"),
        gap=summary.get("gap"),
    )
    return make_plan(problem, result, language=language, frontier=_read_frontier(folder))


def _read_frontier(folder: Path) -> pd.DataFrame:
    """``frontier.csv`` of a run folder as written (empty when the folder has none)."""
    path = folder / "frontier.csv"
    if not path.is_file():
        return empty_frontier_frame()
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    for column in ("best_for_moves", "chosen"):
        if column in frame.columns:
            frame[column] = frame[column].astype(str).str.lower() == "true"
    return frame


def explain_person(
    source: Plan | str | Path, nip: str, *, language: str | None = None, top: int = TOP
) -> PersonExplanation:
    """Explain the plan for one person, from a plan in memory or a run folder.

    Parameters
    ----------
    source
        A :class:`~mutasi_opt.plan.Plan`, or a run folder written by ``mutasi-opt solve`` (read
        with :func:`load_run`).
    nip
        The person's NIP.
    language
        ``"id"`` or ``"en"``; default the plan's language.
    top
        How many alternative posts to list.

    Returns
    -------
    PersonExplanation
        See :func:`mutasi_opt.plan.explain_person`, which this calls on the plan.

    Raises
    ------
    KeyError
        When the NIP is not in the plan (the message names it).
    InputError
        When a run folder cannot be read back (see :func:`load_run`).
    """
    # The one place a run folder is read for an explanation: rebuilding it needs the readers,
    # which the planner itself never imports.
    plan = load_run(source, language=language) if isinstance(source, str | Path) else source
    return explain_plan_person(plan, nip, language=language, top=top)


def _read_plan_columns(path: Path) -> pd.DataFrame:
    """``nip`` and ``to_position_id`` of a run folder's ``assignments.csv``, as text."""
    try:
        frame = read_csv_text(path, ["nip", "to_position_id"])
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
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        raise InputError(
            [
                InputIssue(
                    "bad_run_file",
                    "not the assignments.csv mutasi-opt writes (unreadable, or without the "
                    "columns nip and to_position_id)",
                    file=str(path),
                    message_id="bukan assignments.csv yang ditulis mutasi-opt (tidak terbaca, "
                    "atau tanpa kolom nip dan to_position_id)",
                )
            ]
        ) from None
    return frame


def _read_assignment(path: Path, problem: Problem) -> np.ndarray:
    """Post index per person from ``assignments.csv``, checked against the problem."""
    frame = _read_plan_columns(path)
    nips = np.asarray(problem.nip, dtype=object).astype(str)
    post_index = pd.Index(np.asarray(problem.post_id, dtype=object).astype(str))
    if frame["nip"].tolist() != nips.tolist():
        raise InputError(
            [
                InputIssue(
                    "run_mismatch",
                    "the people in assignments.csv are not those of the scenario's tables",
                    message_id="pegawai di assignments.csv bukan pegawai dalam tabel skenario",
                    file=str(path),
                )
            ]
        )
    posts = post_index.get_indexer(frame["to_position_id"])
    if (posts < 0).any():
        row = int(np.flatnonzero(posts < 0)[0])
        raise InputError(
            [
                InputIssue(
                    "unknown_position",
                    "position_id is not in the positions table",
                    message_id="position_id tidak ada di tabel jabatan (positions)",
                    file=str(path),
                    row=row + 2,
                    column="to_position_id",
                    value=str(frame["to_position_id"].iloc[row]),
                )
            ]
        )
    return posts.astype(np.int32)
