"""The ``mutasi-opt`` command line: a thin shell over the public Python API.

Each command lives in its own module and registers itself on :data:`app`. Library errors become one
clear message per problem and an exit code here, at the edge (see :mod:`mutasi_opt.cli.common`).
"""

from __future__ import annotations

from mutasi_opt.cli import analyze as _analyze  # noqa: F401  (registers the command)
from mutasi_opt.cli import compare as _compare  # noqa: F401  (registers the command)
from mutasi_opt.cli import explain as _explain  # noqa: F401  (registers the command)
from mutasi_opt.cli import sample as _sample  # noqa: F401
from mutasi_opt.cli import solve as _solve  # noqa: F401  (registers the command)
from mutasi_opt.cli import sweep as _sweep  # noqa: F401  (registers the command)
from mutasi_opt.cli import validate as _validate  # noqa: F401  (registers the command)
from mutasi_opt.cli.common import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the console script."""
    app()
