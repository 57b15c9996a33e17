"""The README's "From SIASN to a plan" works as written: its four steps, command by command.

The commands are read from README.md and run in a folder holding a copy of tests/data/siasn, as
from the root of a fresh clone.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from mutasi_opt.cli import app

from .conftest import SIASN

README = Path(__file__).resolve().parents[2] / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## From SIASN to a plan")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def commands() -> list[str]:
    blocks = re.findall(r"```\n(.*?)```", section(), flags=re.DOTALL)
    return [
        " ".join(line.split())
        for block in blocks
        for line in block.splitlines()
        if line.strip().startswith("mutasi-opt ")
    ]


def test_four_steps_and_their_commands() -> None:
    steps = re.findall(r"^(\d)\. \*\*", section(), flags=re.MULTILINE)
    assert steps == ["1", "2", "3", "4"]
    assert [c.split()[1] for c in commands()] == ["import-siasn", "validate", "solve"]


def test_the_readme_steps_work_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SIASN, tmp_path / "tests" / "data" / "siasn")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for command in commands():
        result = runner.invoke(app, shlex.split(command)[1:])
        assert result.exit_code == 0, f"{command}\n{result.output}"
    (assignments,) = (tmp_path / "siasn-2026" / "runs").glob("*/assignments.csv")
    a = pd.read_csv(assignments, dtype=str).set_index("nip")
    quoted = re.search(r'the reason says so: "(.*?)"', " ".join(section().split()))
    assert quoted is not None
    assert quoted.group(1) in a.loc["198909092014031007", "reason"]
    assert a.loc["198909092014031007", "moved"] == "false"
