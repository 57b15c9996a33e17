"""``mutasi-opt validate``: check the scenario and every table, print all problems, write nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutasi_opt.cli.common import app, exit_on_errors, out_console, print_issues


@app.command()
def validate(
    scenario: Annotated[Path, typer.Argument(help="scenario YAML file")],
    debug: Annotated[bool, typer.Option("--debug", help="show tracebacks")] = False,
) -> None:
    """Check the scenario and every table; print counts and warnings, or every problem (exit 2)."""
    with exit_on_errors(debug):
        from mutasi_opt.scenario import load_scenario
        from mutasi_opt.tables.read import load_tables

        loaded = load_scenario(scenario)
        tables = load_tables(loaded)
    console = out_console()
    console.print(f"Scenario {loaded.name!r} is valid (as of {loaded.as_of}).", markup=False)
    for name, count in tables.counts().items():
        source = tables.sources.get(name, "built-in" if name == "competency_dictionary" else "-")
        console.print(f"  {name:<22} {count:>8} rows  {source}", markup=False)
    if "skp_history" in tables.sources:
        # Read into employees.performance and performance_prev, not kept as a table.
        source = tables.sources["skp_history"]
        console.print(
            f"  {'skp_history':<22} {'':>8}       {source} (fills performance)", markup=False
        )
    if tables.warnings:
        n = len(tables.warnings)
        print_issues(tables.warnings, console, title=f"{n} warning{'s' if n != 1 else ''}:")
    else:
        console.print("No warnings.", markup=False)
