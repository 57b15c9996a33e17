"""solve(progress=...) hears CP-SAT's incumbent and bound, in value units, as they improve."""

from __future__ import annotations

from mutasi_opt.solve import Status, solve

from .conftest import settings
from .test_solve_side_rules import tiny


def test_progress_reports_improving_plans_in_value_units() -> None:
    instance = tiny(1, max_moves=1, outflow=False)
    seen: list[tuple[float | None, float | None]] = []
    result = solve(instance, settings("cpsat"), progress=lambda o, b: seen.append((o, b)))
    assert result.status == Status.OPTIMAL
    assert seen, "CP-SAT found at least one plan"
    objectives = [o for o, _ in seen if o is not None]
    assert objectives == sorted(objectives)  # each report improves on the last
    assert all(o <= b + 1e-9 for o, b in seen if o is not None and b is not None)
    # The last plan CP-SAT reports is the optimum, in the same units as Result.objective.
    assert objectives[-1] == result.objective


def test_no_progress_without_side_rules() -> None:
    instance = tiny(1, max_moves=None, outflow=False)
    seen: list[tuple[float | None, float | None]] = []
    result = solve(instance, settings("flow"), progress=lambda o, b: seen.append((o, b)))
    assert result.status == Status.OPTIMAL
    assert seen == []
