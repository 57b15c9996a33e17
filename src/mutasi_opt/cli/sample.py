"""``mutasi-opt sample``: write a realistic synthetic Kota Sibolga data set and a scenario for it."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Annotated

import typer

from mutasi_opt.cli.common import DEBUG_HELP, LANGUAGE_HELP, app, exit_on_errors, out_console
from mutasi_opt.cli.language import say, use
from mutasi_opt.synth import MIN_EMPLOYEES, WORKBOOK_NAME, generate_sample, write_sample


def _date(text: str | dt.date) -> dt.date:
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            say(f"{text!r} bukan tanggal (YYYY-MM-DD)", f"{text!r} is not a date (YYYY-MM-DD)")
        ) from None


@app.command(
    help=say(
        "Tulis data sintetis Kota Sibolga yang realistis: setiap tabel sebagai CSV (dan buku "
        "kerja), sebuah skenario, dan README. --employees, --seed dan --as-of yang sama selalu "
        "menulis berkas yang sama.",
        "Write a synthetic Kota Sibolga: every table as CSV (and a workbook), a scenario, a "
        "README. The same --employees, --seed and --as-of always write the same files.",
    )
)
def sample(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help=say(
                "folder yang ditulis (belum ada atau kosong, kecuali dengan --force)",
                "folder to write (must not exist or be empty, unless --force)",
            ),
        ),
    ],
    employees: Annotated[
        int,
        typer.Option(
            "--employees", "-n", min=MIN_EMPLOYEES, help=say("jumlah pegawai", "number of people")
        ),
    ] = 2500,
    seed: Annotated[
        int, typer.Option("--seed", min=0, help=say("benih acak", "random seed"))
    ] = 2026,
    as_of: Annotated[
        dt.date,
        typer.Option(
            "--as-of",
            parser=_date,
            metavar="YYYY-MM-DD",
            help=say("tanggal perencanaan", "planning date"),
        ),
    ] = dt.date(2026, 12, 1),
    name: Annotated[
        str,
        typer.Option(
            "--name", help=say("nama skenario yang ditulis", "name of the scenario written")
        ),
    ] = "sibolga-sample",
    xlsx: Annotated[
        bool,
        typer.Option(
            "--xlsx/--no-xlsx",
            help=say(
                f"tulis juga {WORKBOOK_NAME} (satu lembar per tabel; sekitar setengah menit untuk "
                "100.000 pegawai, dibanding beberapa detik untuk CSV saja)",
                f"also write {WORKBOOK_NAME} (one sheet per table; about half a minute for "
                "100,000 people, against seconds for the CSVs alone)",
            ),
        ),
    ] = True,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help=say("ganti folder yang tidak kosong", "replace a non-empty folder")
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=DEBUG_HELP)] = False,
    language: Annotated[str | None, typer.Option("--language", help=LANGUAGE_HELP)] = None,
) -> None:
    start = time.perf_counter()
    with exit_on_errors(debug):
        use(language)
        data = generate_sample(employees, seed, as_of)
        folder = write_sample(data, out, scenario_name=name, xlsx=xlsx, force=force)
    seconds = time.perf_counter() - start
    p = data.positions
    active = p["status"] == "active"
    seats = int(p.loc[active, "capacity"].sum())
    held = int(data.employees["position_id"].isin(p.loc[active, "position_id"]).sum())

    def n(value: int) -> str:
        return say(f"{value:,}".replace(",", "."), f"{value:,}")

    secs = say(f"{seconds:.1f}".replace(".", ","), f"{seconds:.1f}")

    out_console().print(
        say(
            f"Kota Sibolga sintetis ditulis ke {folder}: {n(len(data.employees))} pegawai, "
            f"{n(len(p))} jabatan ({n(seats - held)} dari {n(seats)} kursi kosong, "
            f"{int((~active).sum())} dihapus), {n(len(data.competencies))} level kompetensi, "
            f"{n(len(data.preferences))} keinginan dan penolakan "
            f"({secs} detik).",
            f"Wrote a synthetic Kota Sibolga to {folder}: {len(data.employees):,} people, "
            f"{len(p):,} posts ({seats - held:,} of {seats:,} seats vacant, "
            f"{int((~active).sum())} abolished), {len(data.competencies):,} competency levels, "
            f"{len(data.preferences):,} wishes and refusals ({seconds:.1f} s).",
        ),
        markup=False,
    )
