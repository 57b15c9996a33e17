"""``mutasi-opt validate``: check the scenario and every table, print all problems, write nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutasi_opt.cli.common import (
    DEBUG_HELP,
    LANGUAGE_HELP,
    app,
    exit_on_errors,
    out_console,
    print_issues,
)
from mutasi_opt.cli.language import say, use


@app.command(
    help=say(
        "Periksa skenario dan setiap tabel; cetak jumlah baris dan peringatan, atau setiap "
        "masalah (kode keluar 2). Tidak menulis apa pun.",
        "Check the scenario and every table; print counts and warnings, or every problem "
        "(exit 2). Writes nothing.",
    )
)
def validate(
    scenario: Annotated[
        Path, typer.Argument(help=say("berkas skenario YAML", "scenario YAML file"))
    ],
    debug: Annotated[bool, typer.Option("--debug", help=DEBUG_HELP)] = False,
    language: Annotated[str | None, typer.Option("--language", help=LANGUAGE_HELP)] = None,
) -> None:
    with exit_on_errors(debug):
        use(language, scenario)
        from mutasi_opt.scenario import load_scenario
        from mutasi_opt.tables.read import load_tables

        loaded = load_scenario(scenario)
        tables = load_tables(loaded)
    console = out_console()
    console.print(
        say(
            f"Skenario {loaded.name!r} valid (per {loaded.as_of}).",
            f"Scenario {loaded.name!r} is valid (as of {loaded.as_of}).",
        ),
        markup=False,
    )
    rows = say("baris", "rows")
    for name, count in tables.counts().items():
        builtin = say("bawaan", "built-in")
        source = tables.sources.get(name, builtin if name == "competency_dictionary" else "-")
        console.print(f"  {name:<22} {count:>8} {rows:<5} {source}", markup=False)
    if "skp_history" in tables.sources:
        # Read into employees.performance and performance_prev, not kept as a table.
        source = tables.sources["skp_history"]
        fills = say("mengisi performance", "fills performance")
        console.print(f"  {'skp_history':<22} {'':>8} {'':<5} {source} ({fills})", markup=False)
    if tables.warnings:
        n = len(tables.warnings)
        title = say(f"{n} peringatan:", f"{n} warning{'s' if n != 1 else ''}:")
        print_issues(tables.warnings, console, title=title)
    else:
        console.print(say("Tidak ada peringatan.", "No warnings."), markup=False)
