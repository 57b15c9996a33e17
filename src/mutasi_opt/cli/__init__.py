"""The ``mutasi-opt`` command line: a thin shell over the public Python API.

Each command lives in its own module and registers itself on :data:`app`. Library errors become one
clear message per problem and an exit code here, at the edge (see :mod:`mutasi_opt.cli.common`).

The commands (and typer, rich, pandas behind them) are imported inside :func:`main`, not when this
package is imported, so that Ctrl-C in the first moments ends the program with one line and exit
code 130 rather than a traceback. ``from mutasi_opt.cli import app`` still works.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from mutasi_opt.cli.language import say, settle
from mutasi_opt.interrupt import exit_code_of, install_handlers, stopping

if TYPE_CHECKING:
    import typer

__all__ = ["app", "main"]


def _load_app() -> typer.Typer:
    """The typer app with every command registered."""
    from mutasi_opt.cli import analyze as _analyze  # noqa: F401  (registers the command)
    from mutasi_opt.cli import batch as _batch  # noqa: F401  (registers the command)
    from mutasi_opt.cli import compare as _compare  # noqa: F401  (registers the command)
    from mutasi_opt.cli import explain as _explain  # noqa: F401  (registers the command)
    from mutasi_opt.cli import import_siasn as _import_siasn  # noqa: F401  (registers the command)
    from mutasi_opt.cli import sample as _sample  # noqa: F401  (registers the command)
    from mutasi_opt.cli import solve as _solve  # noqa: F401  (registers the command)
    from mutasi_opt.cli import sweep as _sweep  # noqa: F401  (registers the command)
    from mutasi_opt.cli import validate as _validate  # noqa: F401  (registers the command)
    from mutasi_opt.cli.common import app
    from mutasi_opt.cli.framework_words import speak
    from mutasi_opt.cli.language import current

    speak(current())
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _load_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the console script."""
    install_handlers()
    settle(sys.argv[1:])
    try:
        app = _load_app()
    except KeyboardInterrupt as exc:
        print(say("dihentikan; tidak ada yang ditulis", "interrupted; nothing was written"),
              file=sys.stderr)  # fmt: skip
        raise SystemExit(exit_code_of(exc)) from None
    try:
        app()
    except SystemExit as exc:
        if not stopping():
            raise
        # Interrupted, cleaned up and told: leave without the interpreter's slow tear-down, so
        # that the shell gets its prompt back well within a second.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exc.code if isinstance(exc.code, int) else 1)
