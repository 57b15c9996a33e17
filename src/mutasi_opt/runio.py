"""Reading the JSON files of a run folder (``summary.json``, ``manifest.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mutasi_opt.errors import InputError, InputIssue

__all__ = ["read_run_json"]


def read_run_json(path: Path) -> dict[str, Any]:
    """A JSON object from a run folder.

    Raises
    ------
    InputError
        The file is missing (not a run folder), not JSON, or not an object.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            [InputIssue("not_a_run", "not a run folder: this file is missing", file=str(path))]
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [InputIssue("bad_json", f"not valid JSON ({exc.msg})", file=str(path), row=exc.lineno)]
        ) from None
    if not isinstance(data, dict):
        raise InputError([InputIssue("bad_json", "expected a JSON object", file=str(path))])
    return data
