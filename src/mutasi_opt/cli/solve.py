"""``mutasi-opt solve``: plan a round and write its run folder.

A progress display (the phases, and the solver's incumbent and bound as they improve) is shown on
stderr when it is a terminal and ``--quiet`` is not given; the one summary line at the end goes to
stdout in every case, so scripts can read it. Exit codes: 0 plan found, 2 invalid input (nothing
written), 3 infeasible (the explanation printed on stderr and written to the run folder), 4 no plan
within the time limit, 1 anything unexpected.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from mutasi_opt.cli.common import (
    app,
    err_console,
    exit_on_errors,
    out_console,
    print_warning_counts,
)

if TYPE_CHECKING:
    from mutasi_opt.pipeline import RunOutcome

PHASE_LABELS: dict[str, str] = {
    "load": "load the scenario and tables",
    "score": "score every candidate pair",
    "solve": "solve",
    "check": "check the plan independently",
    "frontier": "the best plan for each number of moves",
    "plan": "chains, reasons, development plans, KPIs",
    "write": "write the run folder",
}


class TerminalProgress:
    """The phases of a run as rich progress lines; the solve line shows incumbent and bound."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(finished_text="[green]✓[/green]"),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> TerminalProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def phase_started(self, phase: str) -> None:
        """Add the phase's line."""
        self._tasks[phase] = self._progress.add_task(PHASE_LABELS.get(phase, phase), total=None)

    def phase_finished(self, phase: str, seconds: float) -> None:
        """Mark the phase's line done."""
        task = self._tasks.get(phase)
        if task is not None:
            label = self._progress.tasks[task].description
            self._progress.update(
                task, description=f"{label} ({seconds:.1f} s)", total=1, completed=1
            )

    def solver_update(self, objective: float | None, bound: float | None) -> None:
        """Show the solver's incumbent and bound on the solve line."""
        task = self._tasks.get("solve")
        if task is None:
            return
        inc = "-" if objective is None else f"{objective:.4f}"
        bnd = "-" if bound is None else f"{bound:.4f}"
        self._progress.update(task, description=f"solve: incumbent {inc}, bound {bnd}")


_CLOSING: dict[str, tuple[str, str]] = {
    "feasible": (
        "Batas waktu {limit} detik tercapai: rencana ini memenuhi semua aturan, tetapi belum "
        "terbukti optimal (selisih terhadap batas atas {gap}). Coba --time-limit yang lebih besar, "
        "atau longgarkan aturan samping (rules.max_moves, rules.max_unit_outflow_share, "
        "rules.must_fill_min_priority).",
        "The time limit of {limit} s was reached: this plan keeps every rule but is not proven "
        "optimal (gap to the bound {gap}). Try a larger --time-limit, or relax the side rules "
        "(rules.max_moves, rules.max_unit_outflow_share, rules.must_fill_min_priority).",
    ),
    "no_solution": (
        "Batas waktu {limit} detik tercapai tanpa rencana, dan ketidaklayakan belum terbukti. "
        "Coba --time-limit yang lebih besar, atau longgarkan aturan samping (rules.max_moves, "
        "rules.max_unit_outflow_share, rules.must_fill_min_priority).",
        "The time limit of {limit} s was reached with no plan, and infeasibility was not proven. "
        "Try a larger --time-limit, or relax the side rules (rules.max_moves, "
        "rules.max_unit_outflow_share, rules.must_fill_min_priority).",
    ),
}


def closing_line(outcome: RunOutcome) -> str:
    """What a plan not proven optimal (or no plan) within the time limit means, and what to try,
    in the scenario's language."""
    plan = outcome.plan
    lang = 0 if plan.language != "en" else 1
    limit = plan.problem.scenario.solver.time_limit_s
    gap = plan.result.gap
    gap_text = "-" if gap is None else f"{gap:.2%}"
    if lang == 0:
        gap_text = gap_text.replace(".", ",").replace("%", " %")
    limit_text = f"{limit:g}" if lang else f"{limit:g}".replace(".", ",")
    return _CLOSING[plan.result.status.value][lang].format(limit=limit_text, gap=gap_text)


def _report(outcome: RunOutcome, quiet: bool) -> None:
    """Print the conflicts of an infeasible round, the warnings, and the summary line."""
    from mutasi_opt.solve.result import Status

    plan = outcome.plan
    err = err_console()
    if outcome.status is Status.INFEASIBLE:
        err.print("The rules cannot all hold; no plan exists:", markup=False)
        for conflict in plan.result.conflicts:
            families = ", ".join(conflict.families)
            err.print(f"  - {conflict.message} [{families}]", markup=False)
    elif outcome.status is Status.NO_SOLUTION:
        err.print(closing_line(outcome), markup=False)
    if outcome.status is Status.FEASIBLE:
        err.print(closing_line(outcome), markup=False)
    if not quiet:
        warnings = [*plan.problem.tables.warnings, *getattr(plan.problem, "warnings", ())]
        print_warning_counts(warnings, err)
    out_console().print(outcome.summary_line(), markup=False)


@app.command()
def solve(
    scenario: Annotated[Path, typer.Argument(help="scenario YAML file")],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="the run folder (default: output.dir/<name>-<timestamp>)"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="replace an existing run folder")] = False,
    time_limit: Annotated[
        float | None, typer.Option("--time-limit", help="seconds for the solver", min=0.001)
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="no progress display; only the summary line")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="show tracebacks")] = False,
) -> None:
    """Plan a round: load, score, solve, check, and write the run folder."""
    console = err_console()
    show = not quiet and console.is_terminal
    with exit_on_errors(debug):
        # Imported here so that `mutasi-opt --help` does not load the solvers (and inside the
        # guard: Ctrl-C while the solvers load is one line and exit 130 too).
        from mutasi_opt.pipeline import run

        if show:
            with TerminalProgress(console) as progress:
                outcome = run(
                    scenario, out=out, force=force, time_limit=time_limit, progress=progress
                )
        else:
            outcome = run(scenario, out=out, force=force, time_limit=time_limit)
    _report(outcome, quiet)
    raise typer.Exit(outcome.exit_code)
