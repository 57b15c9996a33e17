"""What every command shares: the typer app, exit codes, and turning errors into messages."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import TypeVar

import typer
from rich.console import Console

from mutasi_opt.cli.language import current, say
from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.interrupt import exit_code_of

ABOUT = say(
    "Optimasi mutasi ASN berbasis kecocokan kompetensi (Job Person Match).",
    "Competency-matching optimisation for civil-servant transfers (mutasi ASN).",
)

app = typer.Typer(
    name="mutasi-opt",
    help=ABOUT,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


def _version(value: bool) -> None:
    """``--version``: the package's version, then exit."""
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            text = version("mutasi-opt")
        except PackageNotFoundError:
            text = "unknown"
        typer.echo(f"mutasi-opt {text}")
        raise typer.Exit(0)


LANGUAGE_HELP = say(
    "bahasa terminal dan keluaran: id (bawaan) atau en; juga MUTASI_OPT_LANGUAGE",
    "language of the terminal and the outputs: id (default) or en; also MUTASI_OPT_LANGUAGE",
)
DEBUG_HELP = say("tampilkan traceback", "show tracebacks")


@app.callback(help=ABOUT)
def _main(
    show_version: bool = typer.Option(
        False,
        "--version",
        help=say("tampilkan versi lalu keluar", "show the version and exit"),
        callback=_version,
        is_eager=True,
    ),
    language: str | None = typer.Option(None, "--language", help=LANGUAGE_HELP),
) -> None:
    # --language is read before the commands load (mutasi_opt.cli.language.settle); accepted
    # here too so that it may stand before the command's name.
    del language


class ExitCode(IntEnum):
    """Exit codes of the contract (docs/model.md, "Outputs: the run folder")."""

    OK = 0
    UNEXPECTED = 1
    INVALID_INPUT = 2
    INFEASIBLE = 3
    NO_SOLUTION = 4
    INTERRUPTED = 130
    """Ctrl-C (128 + SIGINT); SIGTERM gives 143. Nothing is written."""


def err_console() -> Console:
    """A console on stderr (made per call so tests that capture stderr see it)."""
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def out_console() -> Console:
    """A console on stdout."""
    return Console(file=sys.stdout, highlight=False, soft_wrap=True)


MAX_PER_RULE = 200
"""Issues of one rule printed at most; the rest are counted (a mis-exported file can hold a
million bad cells, and a terminal full of the same line helps nobody)."""


def print_issues(issues: list[InputIssue], console: Console, *, title: str) -> None:
    """Print issues in the terminal's language, grouped by rule when there are many (at most
    MAX_PER_RULE lines per rule)."""
    language = current()
    console.print(title, markup=False, style="bold")
    groups: dict[str, list[InputIssue]] = {}
    for issue in issues:
        groups.setdefault(issue.rule, []).append(issue)
    grouped = len(issues) > 10
    for rule, members in groups.items():
        if grouped:
            console.print(f"{rule} ({len(members)}):", markup=False)
        for issue in members[:MAX_PER_RULE]:
            console.print(f"  - {issue.text(language)}", markup=False)
        if len(members) > MAX_PER_RULE:
            more = len(members) - MAX_PER_RULE
            console.print(
                say(f"  ... dan {more} lagi dari {rule}", f"  ... and {more} more of {rule}"),
                markup=False,
            )


def print_warning_counts(warnings: list[InputIssue], console: Console) -> None:
    """One line: how many warnings of each rule (``mutasi-opt validate`` lists each with its row)."""
    if not warnings:
        return
    counts: dict[str, int] = {}
    for issue in warnings:
        counts[issue.rule] = counts.get(issue.rule, 0) + 1
    detail = ", ".join(f"{rule} {n}" for rule, n in counts.items())
    n = len(warnings)
    console.print(
        say(
            f"{n} peringatan ({detail}); `mutasi-opt validate` merinci masing-masing",
            f"{n} warning{'s' if n != 1 else ''} ({detail}); `mutasi-opt validate` lists each",
        ),
        markup=False,
    )


def problems_title(n: int) -> str:
    """The heading over the problems found in the input."""
    return say(f"{n} masalah dalam masukan:", f"{n} problem{'s' if n != 1 else ''} in the input:")


def interrupted_text() -> str:
    """What Ctrl-C leaves behind."""
    return say("dihentikan; tidak ada yang ditulis", "interrupted; nothing was written")


@contextmanager
def exit_on_errors(debug: bool = False) -> Iterator[None]:
    """Turn library errors into messages and exit codes; a traceback only with ``--debug``."""
    try:
        yield
    except InputError as exc:
        print_issues(exc.issues, err_console(), title=problems_title(len(exc.issues)))
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    except typer.Exit:
        raise
    except KeyboardInterrupt as exc:
        err_console().print(interrupted_text(), markup=False)
        raise typer.Exit(exit_code_of(exc)) from None
    except Exception as exc:
        if debug:
            raise
        err_console().print(
            say(
                f"galat tak terduga: {type(exc).__name__}: {exc} (jalankan lagi dengan --debug "
                "untuk rinciannya)",
                f"unexpected error: {type(exc).__name__}: {exc} (run again with --debug for "
                "details)",
            ),
            markup=False,
        )
        raise typer.Exit(ExitCode.UNEXPECTED) from None


def run_guarded(func: Callable[[], T], debug: bool = False) -> T:
    """Call ``func`` inside :func:`exit_on_errors`."""
    with exit_on_errors(debug):
        return func()
