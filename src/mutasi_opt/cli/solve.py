"""``mutasi-opt solve``: plan a round and write its run folder.

A progress display (the phases, and the solver's incumbent and bound as they improve) is shown on
stderr when it is a terminal and ``--quiet`` is not given; the one summary line at the end goes to
stdout in every case, so scripts can read it. Exit codes: 0 plan found, 2 invalid input (nothing
written), 3 infeasible (the explanation printed on stderr and written to the run folder), 4 no plan
within the time limit, 1 anything unexpected.
"""

from __future__ import annotations

import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from mutasi_opt.cli.common import (
    DEBUG_HELP,
    LANGUAGE_HELP,
    app,
    err_console,
    exit_on_errors,
    out_console,
    print_warning_counts,
)
from mutasi_opt.cli.language import current, say, use

if TYPE_CHECKING:
    from mutasi_opt.pipeline import RunOutcome


def phase_label(phase: str) -> str:
    """What a phase of the run does, in the terminal's language."""
    labels = {
        "load": say("baca skenario dan tabel", "load the scenario and tables"),
        "score": say("nilai setiap pasangan pegawai-jabatan", "score every candidate pair"),
        "solve": say("cari rencana terbaik", "solve"),
        "check": say("periksa rencana secara independen", "check the plan independently"),
        "firmness": say(
            "seberapa kokoh setiap mutasi (biaya veto, stabilitas)",
            "how firm each move is (veto costs, stability)",
        ),
        "alternatives": say(
            "rencana alternatif yang benar-benar berbeda", "genuinely different near-optimal plans"
        ),
        "frontier": say(
            "rencana terbaik untuk setiap jumlah mutasi", "the best plan for each number of moves"
        ),
        "plan": say(
            "rantai, alasan, rencana pengembangan, IKU", "chains, reasons, development plans, KPIs"
        ),
        "write": say("tulis folder run", "write the run folder"),
    }
    return labels.get(phase, phase)


def stage_label(stage: str) -> str:
    """What a stage of the solve does (:data:`mutasi_opt.solve.stages.STAGES`)."""
    labels = {
        "flow": say("aliran biaya minimum (eksak)", "min-cost flow (exact)"),
        "relax": say("relaksasi tanpa aturan samping", "relaxation without the side rules"),
        "lp": say("batas atas LP dan harga dual", "LP bound and dual prices"),
        "cpsat": say("CP-SAT pada pasangan yang tersisa", "CP-SAT on the pairs kept"),
        "fallback": say(
            "rencana cepat tanpa bukti LP (LP tidak selesai)",
            "a quick plan without the LP's proof (the LP did not finish)",
        ),
        "ties": say(
            "aturan seri: paling sedikit mutasi di antara rencana terbaik",
            "tie rule: fewest moves among the best plans",
        ),
    }
    return labels.get(stage, stage)


class _TimeLeft(ProgressColumn):
    """Seconds left of the solver's time limit, on the solve line only, live."""

    def render(self, task: Task) -> Text:
        deadline = task.fields.get("deadline")
        if deadline is None or task.finished:
            return Text("")
        left = max(0.0, deadline - time.monotonic())
        limit = task.fields.get("limit", 0.0)
        return Text(say(f"sisa {left:.0f} dari {limit:g} detik", f"{left:.0f} of {limit:g} s left"))


def _number(value: float) -> str:
    text = f"{value:,.2f}"
    if current() == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


class TerminalProgress:
    """The phases of a run as rich progress lines.

    The solve line names the stage under way and shows the best plan so far (incumbent), the
    proven bound, the gap between them, and the time left of the limit.
    """

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(finished_text="[green]✓[/green]"),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            _TimeLeft(),
            console=console,
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}
        self._limit: float | None = None
        self._stage: str | None = None
        self._incumbent: float | None = None
        self._bound: float | None = None

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
        fields: dict[str, Any] = {}
        if phase == "solve" and self._limit is not None:
            fields = {"deadline": time.monotonic() + self._limit, "limit": self._limit}
        self._tasks[phase] = self._progress.add_task(phase_label(phase), total=None, **fields)

    def phase_finished(self, phase: str, seconds: float) -> None:
        """Mark the phase's line done."""
        task = self._tasks.get(phase)
        if task is not None:
            label = phase_label(phase)
            if phase == "solve":
                label = self._solve_text(finished=True)
            self._progress.update(
                task, description=f"{label} ({_number(seconds)} {say('detik', 's')})", total=1,
                completed=1,
            )  # fmt: skip

    def solver_time_limit(self, seconds: float) -> None:
        """The solve phase's time limit (shown as the time left)."""
        self._limit = seconds
        task = self._tasks.get("solve")
        if task is not None:
            self._progress.update(task, deadline=time.monotonic() + seconds, limit=seconds)

    def solver_stage(self, stage: str) -> None:
        """Name the stage of the solve now under way."""
        self._stage = stage
        self._show()

    def solver_update(self, objective: float | None, bound: float | None) -> None:
        """Keep the solver's incumbent and bound (``None``: unchanged) and show them."""
        if objective is not None:
            self._incumbent = objective
        if bound is not None:
            self._bound = bound
        self._show()

    def _solve_text(self, *, finished: bool = False) -> str:
        parts = [phase_label("solve")]
        if self._stage is not None and not finished:
            parts.append(stage_label(self._stage))
        if self._incumbent is not None or self._bound is not None:
            inc = "-" if self._incumbent is None else _number(self._incumbent)
            bnd = "-" if self._bound is None else _number(self._bound)
            figures = say(f"terbaik {inc}, batas {bnd}", f"incumbent {inc}, bound {bnd}")
            if self._incumbent is not None and self._bound is not None:
                gap = max(0.0, self._bound - self._incumbent) / max(1.0, abs(self._incumbent))
                figures += say(", selisih ", ", gap ") + _number(100 * gap) + " %"
            parts.append(figures)
        return ": ".join(parts[:2]) + ("; " + parts[2] if len(parts) > 2 else "")

    def _show(self) -> None:
        task = self._tasks.get("solve")
        if task is not None:
            self._progress.update(task, description=self._solve_text())


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
    in the terminal's language."""
    plan = outcome.plan
    lang = 0 if current() != "en" else 1
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
        err.print(
            say(
                "Aturan-aturan ini tidak dapat dipenuhi bersama; tidak ada rencana:",
                "The rules cannot all hold; no plan exists:",
            ),
            markup=False,
        )
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
    out_console().print(outcome.summary_line(current()), markup=False)


@app.command(
    help=say(
        "Rencanakan satu putaran mutasi: baca, nilai, optimasi, periksa, dan tulis folder run.",
        "Plan a round: load, score, solve, check, and write the run folder.",
    )
)
def solve(
    scenario: Annotated[
        Path, typer.Argument(help=say("berkas skenario YAML", "scenario YAML file"))
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help=say(
                "folder run (bawaan: output.dir/<nama>-<waktu>)",
                "the run folder (default: output.dir/<name>-<timestamp>)",
            ),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=say("ganti folder run yang sudah ada", "replace an existing run folder"),
        ),
    ] = False,
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            help=say("batas waktu solver, dalam detik", "seconds for the solver"),
            min=0.001,
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            help=say(
                "tanpa tampilan kemajuan; hanya baris ringkasan",
                "no progress display; only the summary line",
            ),
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=DEBUG_HELP)] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help=say(
                "folder run sebelumnya: susun ulang rencana terhadap rencananya (keputusan "
                "panel dari data.decisions)",
                "a previous run folder: re-plan against its plan (the panel's rulings come "
                "from data.decisions)",
            ),
        ),
    ] = None,
    max_changes: Annotated[
        int | None,
        typer.Option(
            "--max-changes",
            help=say(
                "dengan --baseline: paling banyak sekian pegawai ditempatkan berbeda dari "
                "rencananya (bawaan rules.max_changes_from_baseline)",
                "with --baseline: at most this many people placed differently from its plan "
                "(default rules.max_changes_from_baseline)",
            ),
            min=0,
        ),
    ] = None,
    alternatives: Annotated[
        int | None,
        typer.Option(
            "--alternatives",
            help=say(
                "tulis juga sampai K rencana hampir optimal yang masing-masing berbeda "
                "(solver.alternatives_gap, solver.alternatives_min_difference), di alternatives/",
                "also write up to K near-optimal plans, each differing from every earlier one "
                "(solver.alternatives_gap, solver.alternatives_min_difference), in alternatives/",
            ),
            min=0,
            max=20,
        ),
    ] = None,
    language: Annotated[str | None, typer.Option("--language", help=LANGUAGE_HELP)] = None,
) -> None:
    console = err_console()
    show = not quiet and console.is_terminal
    with exit_on_errors(debug):
        use(language, scenario)
        # Imported here so that `mutasi-opt --help` does not load the solvers (and inside the
        # guard: Ctrl-C while the solvers load is one line and exit 130 too).
        from mutasi_opt.pipeline import run

        if max_changes is not None and baseline is None:
            from mutasi_opt.errors import InputError, InputIssue

            raise InputError(
                [
                    InputIssue(
                        "bad_value",
                        "--max-changes needs --baseline RUN_DIR",
                        message_id="--max-changes memerlukan --baseline FOLDER_RUN",
                        column="--max-changes",
                    )
                ]
            )
        if show:
            with TerminalProgress(console) as progress:
                outcome = run(scenario, out=out, force=force, time_limit=time_limit,
                              progress=progress, baseline=baseline, max_changes=max_changes,
                              alternatives=alternatives, language=language)  # fmt: skip
        else:
            outcome = run(scenario, out=out, force=force, time_limit=time_limit,
                          baseline=baseline, max_changes=max_changes, alternatives=alternatives,
                          language=language)  # fmt: skip
    _report(outcome, quiet)
    raise typer.Exit(outcome.exit_code)
