"""Fixtures and helpers of the solver tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mutasi_opt.check import check_plan
from mutasi_opt.instance import Instance
from mutasi_opt.problem import Problem
from mutasi_opt.scenario import SolverSettings
from mutasi_opt.solve import Result, Status

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"


def settings(backend: str = "auto", **kw: object) -> SolverSettings:
    """Solver settings for tests: short limit, the given backend."""
    base: dict[str, object] = {"backend": backend, "time_limit_s": 30.0, "workers": 2, "seed": 0}
    base.update(kw)
    return SolverSettings.model_validate(base)


def assert_valid(round_: Problem | Instance, result: Result) -> None:
    """Every solver test calls this: the independent checker agrees with the result."""
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert result.assignment is not None
    report = check_plan(round_, result.assignment)
    assert report.ok, str(report)
    assert report.objective_int == result.objective_int
    assert report.objective == pytest.approx(
        result.objective, abs=1e-9 * max(1.0, abs(result.objective or 0))
    )


@pytest.fixture(scope="session")
def orlib_optima() -> dict[str, int]:
    """Published optimal costs of the OR-Library assignment instances."""
    rows = [
        line.split() for line in (DATA / "optima.txt").read_text().splitlines()[1:] if line.strip()
    ]
    return {name: int(cost) for name, cost in rows}


@pytest.fixture
def rng() -> np.random.Generator:
    """A seeded generator."""
    return np.random.default_rng(20260101)
