"""``mutasi-opt analyze``: the needs analysis of a scenario, before any plan.

Writes ``needs.xlsx``, ``needs.md`` and a self-contained ``needs.html`` into ``--out`` (all at once
or not at all; an existing folder is kept unless ``--force``). Exit codes: 0 written, 2 invalid input
or an existing folder (nothing written), 1 anything unexpected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutasi_opt.cli.common import (
    app,
    err_console,
    exit_on_errors,
    out_console,
    print_warning_counts,
)


@app.command()
def analyze(
    scenario: Annotated[Path, typer.Argument(help="scenario YAML file")],
    out: Annotated[Path, typer.Option("--out", help="folder to write (created)")],
    force: Annotated[bool, typer.Option("--force", help="replace an existing folder")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="no warnings; only the summary line")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="show tracebacks")] = False,
) -> None:
    """Needs analysis: vacancies, poorly matched incumbents, tenure, retirement, competency gaps, 9-box."""
    with exit_on_errors(debug):
        # Imported here so that `mutasi-opt --help` stays fast.
        from mutasi_opt.needs import needs_analysis
        from mutasi_opt.problem import build_problem
        from mutasi_opt.report import check_target, write_needs_analysis
        from mutasi_opt.scenario import load_scenario
        from mutasi_opt.tables.read import load_tables

        loaded = load_scenario(scenario)
        # Refuse an existing folder before the (slower) loading and scoring.
        check_target(out.absolute(), force=force, kind="needs")
        tables = load_tables(loaded)
        problem = build_problem(tables, loaded)
        analysis = needs_analysis(problem)
        folder = write_needs_analysis(analysis, out, force=force)
    if not quiet:
        print_warning_counts([*tables.warnings, *problem.warnings], err_console())
    s = analysis.summary()
    out_console().print(
        f"needs analysis of {loaded.name!r} written to {folder}: {s['free_seats']} free seats in "
        f"{s['vacant_posts']} posts, {s['poor_match']} incumbents with low JPM, {s['overdue']} past "
        f"the maximum tenure, {s['retiring']} retiring, {s['no_candidate']} posts without candidates",
        markup=False,
    )
