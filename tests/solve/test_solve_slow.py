"""Larger cases, outside the default run (``pytest -m slow``)."""

from __future__ import annotations

import pytest

from mutasi_opt.problem import build_problem
from mutasi_opt.scenario import scenario_from_dict
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.instances import random_structured, read_orlib

from .conftest import DATA, assert_valid, settings

ALL = ["assign100", "assign200", "assign300", "assign400", "assign500", "assign600", "assign700",
       "assign800", "assignp800", "assignp1500", "assignp3000", "assignp5000"]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_every_orlib_optimum(name: str, orlib_optima: dict[str, int]) -> None:
    problem = read_orlib(DATA / f"{name}.txt")
    for backend in ("flow",):
        result = solve(problem, settings(backend))
        assert_valid(problem, result)
        assert 100 * problem.n_people - result.objective_int == orlib_optima[name]  # type: ignore[operator]


@pytest.mark.slow
def test_orlib_sparse_through_cpsat_path(orlib_optima: dict[str, int]) -> None:
    problem = read_orlib(DATA / "assignp800.txt")
    result = solve(problem, settings("cpsat", time_limit_s=120.0))
    assert_valid(problem, result)
    assert result.status == Status.OPTIMAL
    assert 100 * problem.n_people - result.objective_int == orlib_optima["assignp800"]  # type: ignore[operator]


@pytest.mark.slow
def test_sibolga_2500_with_side_rules_is_proven_optimal() -> None:
    from mutasi_opt.synth.generate import generate_sample

    sample = generate_sample(2500, 2026)
    scenario = scenario_from_dict({
        "name": "sibolga-2500", "as_of": str(sample.as_of),
        "data": {"employees": "e.csv", "positions": "p.csv"},
        "rules": {"max_unit_outflow_share": 0.2, "max_moves": 250},
    })  # fmt: skip
    problem = build_problem(sample.to_tables(), scenario)
    result = solve(problem, settings(time_limit_s=30.0))
    assert_valid(problem, result)
    assert result.status == Status.OPTIMAL
    assert result.gap == 0.0


@pytest.mark.slow
def test_structured_tight_unit_caps() -> None:
    problem = random_structured(2500, 1, max_moves_share=0.3, outflow_share=0.05, keep_share=0.3,
                                scale=1_000_000)  # fmt: skip
    result = solve(problem, settings(time_limit_s=60.0))
    assert_valid(problem, result)
    assert result.status == Status.OPTIMAL
