"""The stays rules tested for everyone at once agree with the same tests person by person."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mutasi_opt import rules
from mutasi_opt.api import load_problem
from mutasi_opt.synth import generate_sample, write_sample


def test_stays_table_matches_each_persons_own_test(tmp_path: Path) -> None:
    write_sample(generate_sample(150, seed=5), tmp_path, xlsx=False)
    ctx = load_problem(tmp_path / "scenario.yaml").context
    table = rules.stays_table(ctx)
    assert table.shape == (ctx.n_people, len(rules.RULES))
    for k, r in enumerate(rules.RULES):
        for i in range(ctx.n_people):
            one = r.stays is not None and bool(np.asarray(r.stays(ctx, np.array([i]))).ravel()[0])
            assert table[i, k] == one, (r.code, i)
    # The sample keeps people in place by several rules, and the clauses read from the table
    # are those tested person by person.
    assert np.count_nonzero(table.any(axis=0)) >= 3
    for i in range(ctx.n_people):
        assert rules.stay_clauses(ctx, i, "id", table[i]) == rules.stay_clauses(ctx, i, "id")
