"""Performance, potential and the 9-box of every person."""

from __future__ import annotations

import numpy as np
import pytest

from mutasi_opt.scoring import nine_box, performance_score, potential_score

from .builders import build, make_nip, make_tables

# docs/domain.md, "Talent management: the 9-box": rows potential high/medium/low, columns
# performance below/meets/above expectations.
DOMAIN_TABLE = {
    "tinggi": (6, 8, 9),
    "menengah": (3, 5, 7),
    "rendah": (1, 2, 4),
}
# The performance axis of each predikat: Sangat Baik above, Baik meets, the rest below.
AXIS = {"Sangat Baik": 2, "Baik": 1, "Butuh Perbaikan": 0, "Kurang": 0, "Sangat Kurang": 0}


@pytest.mark.parametrize("potential", list(DOMAIN_TABLE))
@pytest.mark.parametrize("predikat", list(AXIS))
def test_nine_box_is_the_domain_table(predikat, potential):
    expected = DOMAIN_TABLE[potential][AXIS[predikat]]
    assert nine_box([predikat], [potential]).tolist() == [expected]


def test_nine_box_unknown_without_potential():
    assert nine_box(["Sangat Baik", "Baik"], [None, float("nan")]).tolist() == [0, 0]


def test_performance_mapping():
    got = performance_score(["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"])
    np.testing.assert_allclose(got, [1.0, 0.75, 0.5, 0.25, 0.0])


def test_potential_mapping_and_missing_is_half():
    got = potential_score(["rendah", "menengah", "tinggi", None, float("nan")])
    np.testing.assert_allclose(got, [0.0, 0.5, 1.0, 0.5, 0.5])


def test_problem_vectors_and_missing_potential_warning():
    tables = make_tables(
        employees=[
            {"performance": "Sangat Baik", "potential": "tinggi"},
            {"performance": "Kurang", "potential": None},
            {"performance": "Baik", "potential": "rendah"},
        ],
        positions=[{}, {}, {}],
    )
    problem = build(tables)
    assert problem.nine_box is not None
    assert problem.performance is not None
    assert problem.potential is not None
    assert problem.nine_box.tolist() == [9, 0, 2]
    np.testing.assert_allclose(problem.performance, [1.0, 0.25, 0.75])
    np.testing.assert_allclose(problem.potential, [1.0, 0.5, 0.0])
    assert problem.stats["missing_potential"] == 1
    (warning,) = [w for w in problem.warnings if w.rule == "missing_potential"]
    assert warning.message.startswith("1 people have no potential")


def test_tenure_age_and_months_to_bup():
    tables = make_tables(
        employees=[
            {
                "nip": make_nip(1, birth="19690301"),
                "position_id": "J1",
                "tmt_jabatan": "2024-12-02",
            },
            {"nip": make_nip(2, birth="19800101")},
        ],
        positions=[{"position_id": "J1", "kind": "fungsional", "jenjang": "ahli_madya"}],
    )
    ctx = build(tables).context
    assert ctx is not None
    # 2024-12-02 to 2026-12-01: 23 whole months; born 1969-03-01: 693 months; BUP 60 = 720 months.
    np.testing.assert_array_equal(ctx.tenure, [23.0, np.nan])
    np.testing.assert_array_equal(ctx.age, [693.0, 563.0])
    np.testing.assert_array_equal(ctx.months_to_bup, [27.0, np.nan])
