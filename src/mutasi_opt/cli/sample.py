"""``mutasi-opt sample``: write a realistic synthetic Kota Sibolga data set and a scenario for it."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Annotated

import typer

from mutasi_opt.cli.common import app, exit_on_errors, out_console
from mutasi_opt.synth import MIN_EMPLOYEES, WORKBOOK_NAME, generate_sample, write_sample


def _date(text: str | dt.date) -> dt.date:
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date (YYYY-MM-DD)") from None


@app.command()
def sample(
    out: Annotated[
        Path,
        typer.Option("--out", help="folder to write (must not exist or be empty, unless --force)"),
    ],
    employees: Annotated[
        int,
        typer.Option("--employees", "-n", min=MIN_EMPLOYEES, help="number of people"),
    ] = 2500,
    seed: Annotated[int, typer.Option("--seed", min=0, help="random seed")] = 2026,
    as_of: Annotated[
        dt.date,
        typer.Option("--as-of", parser=_date, metavar="YYYY-MM-DD", help="planning date"),
    ] = dt.date(2026, 12, 1),
    name: Annotated[
        str, typer.Option("--name", help="name of the scenario written")
    ] = "sibolga-sample",
    xlsx: Annotated[
        bool,
        typer.Option(
            "--xlsx/--no-xlsx",
            help=f"also write {WORKBOOK_NAME} (one sheet per table; about half a minute for "
            "100,000 people, against seconds for the CSVs alone)",
        ),
    ] = True,
    force: Annotated[bool, typer.Option("--force", help="replace a non-empty folder")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="show tracebacks")] = False,
) -> None:
    """Write a synthetic Kota Sibolga: every table as CSV (and a workbook), a scenario, a README.

    The same --employees, --seed and --as-of always write the same files.
    """
    start = time.perf_counter()
    with exit_on_errors(debug):
        data = generate_sample(employees, seed, as_of)
        folder = write_sample(data, out, scenario_name=name, xlsx=xlsx, force=force)
    seconds = time.perf_counter() - start
    p = data.positions
    active = p["status"] == "active"
    seats = int(p.loc[active, "capacity"].sum())
    held = int(data.employees["position_id"].isin(p.loc[active, "position_id"]).sum())
    out_console().print(
        f"Wrote a synthetic Kota Sibolga to {folder}: {len(data.employees):,} people, "
        f"{len(p):,} posts ({seats - held:,} of {seats:,} seats vacant, "
        f"{int((~active).sum())} abolished), {len(data.competencies):,} competency levels, "
        f"{len(data.preferences):,} wishes and refusals ({seconds:.1f} s).",
        markup=False,
    )
