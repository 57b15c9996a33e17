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
    DEBUG_HELP,
    LANGUAGE_HELP,
    app,
    err_console,
    exit_on_errors,
    out_console,
    print_warning_counts,
)
from mutasi_opt.cli.language import say, use


@app.command(
    help=say(
        "Analisis kebutuhan sebelum rencana apa pun: lowongan, pejabat dengan JPM rendah, masa "
        "jabatan, pensiun, kesenjangan kompetensi per OPD, 9-box.",
        "Needs analysis before any plan: vacancies, poorly matched incumbents, tenure, "
        "retirement, OPD competency gaps, 9-box.",
    )
)
def analyze(
    scenario: Annotated[
        Path, typer.Argument(help=say("berkas skenario YAML", "scenario YAML file"))
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help=say("folder yang ditulis (dibuat)", "folder to write (created)")
        ),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help=say("ganti folder yang sudah ada", "replace an existing folder")
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            help=say(
                "tanpa peringatan; hanya baris ringkasan", "no warnings; only the summary line"
            ),
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=DEBUG_HELP)] = False,
    language: Annotated[str | None, typer.Option("--language", help=LANGUAGE_HELP)] = None,
) -> None:
    with exit_on_errors(debug):
        use(language, scenario)
        # Imported here so that `mutasi-opt --help` stays fast.
        from mutasi_opt.api import with_settings
        from mutasi_opt.needs import needs_analysis
        from mutasi_opt.problem import build_problem
        from mutasi_opt.report import check_target, write_needs_analysis
        from mutasi_opt.scenario import load_scenario
        from mutasi_opt.tables.read import load_tables

        loaded = load_scenario(scenario)
        if language is not None:
            loaded = with_settings(loaded, {"output.language": language})
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
        say(
            f"analisis kebutuhan {loaded.name!r} ditulis ke {folder}: {s['free_seats']} kursi "
            f"kosong di {s['vacant_posts']} jabatan, {s['poor_match']} pejabat dengan JPM rendah, "
            f"{s['overdue']} melewati masa jabatan maksimum, {s['retiring']} akan pensiun, "
            f"{s['no_candidate']} jabatan tanpa kandidat",
            f"needs analysis of {loaded.name!r} written to {folder}: {s['free_seats']} free seats "
            f"in {s['vacant_posts']} posts, {s['poor_match']} incumbents with low JPM, "
            f"{s['overdue']} past the maximum tenure, {s['retiring']} retiring, "
            f"{s['no_candidate']} posts without candidates",
        ),
        markup=False,
    )
