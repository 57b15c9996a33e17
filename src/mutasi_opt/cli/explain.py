"""``mutasi-opt explain RUN_DIR --nip NIP``: why this person was or was not moved."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Literal

import typer

from mutasi_opt.cli.common import (
    DEBUG_HELP,
    ExitCode,
    app,
    err_console,
    exit_on_errors,
    out_console,
)
from mutasi_opt.cli.language import say, use


@app.command(
    help=say(
        "Mengapa pegawai ini dimutasi atau tidak, dan jabatan alternatif terbaik beserta apa "
        "yang menahannya.",
        "Why this person was or was not moved, and the best alternative posts with what kept them.",
    )
)
def explain(
    run_dir: Annotated[
        Path,
        typer.Argument(
            help=say(
                "folder run yang ditulis `mutasi-opt solve`",
                "a run folder written by `mutasi-opt solve`",
            )
        ),
    ],
    nip: Annotated[str, typer.Option("--nip", help=say("NIP pegawai", "the person's NIP"))],
    language: Annotated[
        Literal["id", "en"] | None,
        typer.Option(
            "--language",
            help=say(
                "id atau en (bawaan: output.language run itu)",
                "id or en (default: the run's output.language)",
            ),
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            help=say("jumlah jabatan alternatif yang ditampilkan", "alternative posts to list"),
            min=0,
        ),
    ] = 5,
    as_json: Annotated[
        bool,
        typer.Option("--json", help=say("cetak JSON, bukan teks", "print JSON instead of text")),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=DEBUG_HELP)] = False,
) -> None:
    with exit_on_errors(debug):
        use(language)
        from mutasi_opt.pipeline import explain_person

        try:
            # The forms the tables accept: spaces inside (the printed form), Excel's apostrophe.
            cleaned = re.sub(r"^'|\s+", "", nip.strip())
            explanation = explain_person(run_dir, cleaned, language=language, top=top)
        except KeyError as exc:
            err_console().print(str(exc.args[0]) if exc.args else str(exc), markup=False)
            raise typer.Exit(ExitCode.INVALID_INPUT) from None
    console = out_console()
    if as_json:
        console.print(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2), markup=False)
    else:
        console.print(str(explanation), markup=False)
