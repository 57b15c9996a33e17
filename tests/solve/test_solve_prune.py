"""Reduced-cost pruning is sound: a plan that uses pair e is worth at most UB - rc_e."""

from __future__ import annotations

import numpy as np
import pytest

from mutasi_opt.solve.duals import exact_reduced_costs, lp_certificate
from mutasi_opt.solve.lp import lp_bound
from mutasi_opt.solve.prune import initial_subset, rc_tolerance
from mutasi_opt.solve.side_rows import side_rows

from .oracle import feasible_plans
from .test_solve_side_rules import tiny


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("k", [1, 3])
def test_reduced_costs_bound_every_plan(seed: int, k: int) -> None:
    instance = tiny(seed, max_moves=2, outflow=True)
    plans = list(feasible_plans(instance))
    assert plans
    rows = side_rows(instance)
    c = instance.pairs.value_int.astype(np.float64)
    # A deliberately small first subset (k best pairs): column generation must fill in the rest.
    duals = lp_bound(instance, rows, c, initial_subset(instance, rows, c, k))
    # The exact prices the pipeline prunes with (rounded LP prices, persons repaired).
    cert = lp_certificate(instance, rows, duals, "lp_duality")
    rc = exact_reduced_costs(instance, rows, cert)
    assert (rc >= 0).all()
    assert cert.bound <= cert.scale * duals.bound + rc_tolerance(c) * cert.scale * 10
    for chosen, value in plans:
        assert cert.scale * value <= cert.bound
        for e in chosen:
            assert cert.scale * value <= cert.bound - rc[e]


def test_bound_is_the_lp_optimum_when_converged() -> None:
    instance = tiny(1, max_moves=2, outflow=True)
    rows = side_rows(instance)
    c = instance.pairs.value_int.astype(np.float64)
    duals = lp_bound(instance, rows, c, initial_subset(instance, rows, c, 1))
    assert duals.converged
    assert duals.bound == pytest.approx(duals.lp_value)
