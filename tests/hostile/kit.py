"""Helpers of the hostile-input suite: a tiny scenario to spoil, the CLI, and what is on disk."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result
from typer.testing import CliRunner

from mutasi_opt.cli import app

DATA = Path(__file__).resolve().parents[1] / "data" / "solve"
TABLES = ("employees", "positions", "competencies", "requirements", "preferences")
runner = CliRunner()


def cli(*args: str | Path) -> Result:
    """``mutasi-opt ARGS`` in this process (stdout and stderr apart)."""
    return runner.invoke(app, [str(a) for a in args])


def tiny(folder: Path, *, formats: tuple[str, ...] = ("csv",), **overrides: Any) -> Path:
    """The six people of tests/data/solve copied into ``folder/data``, and ``folder/scenario.yaml``
    over them (runs go to ``folder/runs``). Returns the scenario file."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        shutil.copy(DATA / f"{name}.csv", data / f"{name}.csv")
    raw: dict[str, Any] = {
        "name": "tiny",
        "as_of": "2026-12-01",
        "data": {name: f"data/{name}.csv" for name in TABLES},
        "output": {"dir": "runs", "formats": list(formats)},
    }
    raw.update(overrides)
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def edit_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV (``row`` as a spreadsheet numbers it: the header is row 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path -> SHA-256); folders as ``<dir>``."""
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        out[key] = "<dir>" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def hidden(folder: Path) -> list[str]:
    """Hidden entries of ``folder`` (temporary folders left behind would show here)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
