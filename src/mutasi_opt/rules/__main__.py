"""``python -m mutasi_opt.rules [PATH]``: write ``docs/rules.md`` (the registry, documented).

Without ``PATH`` the page goes to standard output. ``--check PATH`` writes nothing and exits with
1 when the file differs from the render (what the test suite checks).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mutasi_opt.rules.reference import render_markdown


def main(argv: list[str]) -> int:
    """Write or check the page; the exit code."""
    text = render_markdown()
    if not argv:
        sys.stdout.write(text)
        return 0
    if argv[0] == "--check" and len(argv) == 2:
        path = Path(argv[1])
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            sys.stderr.write(
                f"{path} differs from the registry: python -m mutasi_opt.rules {path}\n"
            )
            return 1
        return 0
    if len(argv) == 1 and not argv[0].startswith("-"):
        Path(argv[0]).write_text(text, encoding="utf-8")
        return 0
    sys.stderr.write("usage: python -m mutasi_opt.rules [PATH | --check PATH]\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
