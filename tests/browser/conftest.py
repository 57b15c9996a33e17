"""Fixtures of the browser tests: a headless Chromium, and the pages it opens.

The tests skip, saying why, only when no Chromium can be found (``make test`` and ``.ci/run``
install Debian's ``chromium`` package when it is missing and the machine allows it). Set
``MUTASI_OPT_CHROMIUM`` to use another executable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutasi_opt.comparison import compare_runs
from mutasi_opt.needs import needs_analysis
from mutasi_opt.problem import build_problem
from mutasi_opt.report import write_needs_analysis, write_run_folder
from mutasi_opt.report.compare_report import write_comparison
from mutasi_opt.scenario import load_scenario
from mutasi_opt.tables.read import load_tables
from report.builders import FakePlan, make_plan
from report.conftest import CREATED

from .cdp import Browser, find_chromium, launch

NEEDS_DATA = Path(__file__).parents[1] / "report" / "data" / "needs_small"


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium executable (the tests skip when there is none)."""
    path = find_chromium()
    if path is None:
        pytest.skip(
            "Chromium is not installed and could not be installed here: run `make test` as root "
            "(it installs Debian's chromium package) or set MUTASI_OPT_CHROMIUM"
        )
    return path


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Browser]:
    """One headless browser for the tests of a module."""
    with launch(chromium) as b:
        yield b


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """report.html of the hand-made plan, a comparison of two runs and a needs analysis."""
    root = tmp_path_factory.mktemp("pages")
    plan = make_plan(root / "inputs")
    first = write_run_folder(plan, root / "run-a", created_at=CREATED)
    other = make_plan(root / "inputs-b")
    other.assignments.loc[1, "to_position_id"] = "P-02"
    second = write_run_folder(other, root / "run-b", created_at=CREATED)
    cmp = write_comparison(compare_runs([first, second]), root / "cmp", created_at=CREATED)
    scenario = load_scenario(NEEDS_DATA / "scenario.yaml")
    analysis = needs_analysis(build_problem(load_tables(scenario), scenario))
    needs = write_needs_analysis(analysis, root / "needs", created_at=CREATED)
    return {
        "report": first / "report.html",
        "comparison": cmp / "comparison.html",
        "needs": needs / "needs.html",
    }


def big_plan(folder: Path, people: int) -> FakePlan:
    """The hand-made plan with its eight people copied to ``people`` rows, each with its own NIP
    and name (``Pegawai 00001`` ...) and OPD (40 OPDs)."""
    plan = make_plan(folder)
    base = plan.assignments
    reps = -(-people // len(base))
    big = pd.concat([base] * reps, ignore_index=True).head(people).copy()
    k = np.arange(people)
    big["nip"] = [f"19800101{n:010d}" for n in k]
    big["name"] = [f"Pegawai {n:05d}" for n in k]
    units = np.array([f"OPD {u:02d}" for u in range(40)], dtype=object)
    big["from_unit"] = np.where(big["from_unit"].isna(), None, units[k % 40])
    big["to_unit"] = units[(k + big["moved"].to_numpy(dtype=int)) % 40]
    plan.assignments = big
    return plan
