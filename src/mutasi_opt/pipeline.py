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
import inspect
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from mutasi_opt.check import CheckReport, check_plan
from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.plan import PersonExplanation, Plan, make_plan
from mutasi_opt.plan.frontier import compute_frontier, empty_frontier_frame
from mutasi_opt.plan.person_explanation import TOP
from mutasi_opt.plan.person_explanation import explain_person as explain_plan_person
from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.report import check_target, write_run_folder
from mutasi_opt.runio import read_csv_text, read_run_json
from mutasi_opt.scenario import Scenario, load_scenario, scenario_from_dict
from mutasi_opt.solve import Result, Status, solve
from mutasi_opt.tables.read import load_tables
from mutasi_opt.textsafe import short_text

__all__ = [
    "PHASES",
    "Progress",
    "RunOutcome",
    "default_out_dir",
    "explain_person",
    "load_run",
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
        """The solver found a better plan (``objective``) or proved a tighter ``bound``."""


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

    def summary_line(self) -> str:
        """One line: status, objective, gap, moves (and placements, if any), and the report (or
        the folder) written."""
        result = self.plan.result
        obj = "-" if result.objective is None else f"{result.objective:.4f}"
        gap = "-" if result.gap is None else f"{result.gap:.2%}"
        kpis = self.plan.kpis
        moves = int(kpis.get("moves", 0))
        placed = int(kpis.get("placements", 0))
        where = ""
        if self.report_html is not None:
            where = f" report={self.report_html}"
        elif self.out_dir is not None:
            where = f" folder={self.out_dir}"
        placements = f" placements={placed}" if placed else ""
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
                    "bad_value", "the time limit must be above 0 seconds", value=str(time_limit)
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
    """Call the solver, handing it the progress callback once it takes one (a hook: ``solve``
    does not report its incumbent and bound yet)."""
    kwargs: dict[str, Any] = {}
    if progress is not None and "progress" in inspect.signature(solve).parameters:
        kwargs["progress"] = progress.solver_update
    return solve(problem, **kwargs)


def _check(problem: Problem, result: Result) -> CheckReport | None:
    """The independent check of a result that has a plan."""
    if result.assignment is None:
        return None
    return check_plan(problem, result.assignment)


def run(
    scenario: str | Path | Scenario,
    *,
    out: str | Path | None = None,
    write: bool = True,
    force: bool = False,
    time_limit: float | None = None,
    progress: Progress | None = None,
    formats: list[str] | None = None,
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
                            column="name",
                            value=short_text(loaded.name, 80),
                        )
                    ]
                )
            check_target(target, force=force)
        tables = load_tables(loaded)
    with _phase("score", timings, progress):
        problem = build_problem(tables, loaded)
    with _phase("solve", timings, progress):
        result = _solve(problem, progress)
    with _phase("check", timings, progress):
        check = _check(problem, result)
    frontier = None
    if result.assignment is not None:
        with _phase("frontier", timings, progress):
            frontier = compute_frontier(
                problem,
                result.assignment,
                max_solves=loaded.output.frontier_solves,
                between=loaded.output.frontier_between,
            ).to_frame()
    with _phase("plan", timings, progress):
        plan = make_plan(problem, result, check, frontier=frontier)
    plan = dataclasses.replace(plan, timings=dict(timings))
    if target is not None:
        with _phase("write", timings, progress):
            write_run_folder(plan, target, force=force, formats=formats)
    return RunOutcome(
        plan=plan, out_dir=target, exit_code=EXIT_CODES[result.status], timings=timings
    )


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
        raise InputError([InputIssue("not_a_run", "run folder does not exist", file=str(folder))])
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


def _read_assignment(path: Path, problem: Problem) -> np.ndarray:
    """Post index per person from ``assignments.csv``, checked against the problem."""
    try:
        frame = read_csv_text(path, ["nip", "to_position_id"])
    except FileNotFoundError:
        raise InputError(
            [InputIssue("not_a_run", "not a run folder: this file is missing", file=str(path))]
        ) from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        raise InputError(
            [
                InputIssue(
                    "bad_run_file",
                    "not the assignments.csv mutasi-opt writes (unreadable, or without the "
                    "columns nip and to_position_id)",
                    file=str(path),
                )
            ]
        ) from None
    nips = np.asarray(problem.nip, dtype=object).astype(str)
    post_index = pd.Index(np.asarray(problem.post_id, dtype=object).astype(str))
    if frame["nip"].tolist() != nips.tolist():
        raise InputError(
            [
                InputIssue(
                    "run_mismatch",
                    "the people in assignments.csv are not those of the scenario's tables",
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
                    file=str(path),
                    row=row + 2,
                    column="to_position_id",
                    value=str(frame["to_position_id"].iloc[row]),
                )
            ]
        )
    return posts.astype(np.int32)
