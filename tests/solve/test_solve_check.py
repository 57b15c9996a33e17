"""The independent checker finds every kind of broken rule and recomputes the objective."""

from __future__ import annotations

import numpy as np

from mutasi_opt.check import assignment_from_ids, check_plan
from mutasi_opt.solve.instances import instance_from_values


def round_() -> object:
    # Posts J0000, J0001 in unit U00, J0002 in U01; people P0000-P0002 hold J0000, J0001, J0002.
    values = np.array([[1.0, 2.0, 4.0], [3.0, 5.0, np.nan], [0.5, np.nan, 6.0]])
    return instance_from_values(values, current_post=[0, 1, 2], post_unit=[0, 0, 1], max_moves=1,
                               unit_outflow_cap=[0, 0], must_fill=[False, False, True], scale=1000)  # fmt: skip


def test_valid_plan_and_objective() -> None:
    report = check_plan(round_(), [0, 1, 2])
    assert report.ok
    assert report.objective == 1.0 + 5.0 + 6.0
    assert report.objective_int == 12_000
    assert report.moves == 0
    assert report.leavers.tolist() == [0, 0]


def test_every_violation_is_named() -> None:
    instance = round_()
    # P0000 -> J0002 (leaves U00), P0001 -> J0002 (not a candidate, J0002 now over capacity),
    # P0002 -> J0000 (leaves U01): three moves.
    report = check_plan(instance, [2, 2, 0])
    assert report.rules() == [
        "not_candidate",
        "capacity",
        "max_moves",
        "unit_outflow",
        "unit_outflow",
    ]
    messages = {v.rule: v.message for v in report.violations}
    assert (
        messages["not_candidate"]
        == "1 people got a post that is not a candidate for them: NIP P0001 -> J0002"
    )
    assert messages["max_moves"] == "3 people change post, more than max_moves = 1"
    outflow = [v.message for v in report.violations if v.rule == "unit_outflow"]
    assert outflow == [
        "2 people leave unit U00, more than its cap of 0: NIP P0000, P0001",
        "1 people leave unit U01, more than its cap of 0: NIP P0002",
    ]
    assert report.objective_int == 4_000 + 500  # only candidate pairs count


def test_capacity_must_fill_and_unassigned() -> None:
    instance = round_()
    report = check_plan(instance, [0, 0, -1])
    assert set(report.rules()) == {"unassigned", "capacity", "must_fill"}
    by_rule = {v.rule: v for v in report.violations}
    assert by_rule["capacity"].posts == (0,)
    assert by_rule["must_fill"].message == "1 must-fill posts left empty: J0002"
    assert by_rule["unassigned"].people == (2,)


def test_plan_from_another_tool_by_position_ids() -> None:
    instance = round_()
    plan = {"P0000": "J0000", "P0001": "J0001", "P0002": "J0002"}
    assert check_plan(instance, plan).ok
    assert assignment_from_ids(instance, ["J0001", "nope", None]).tolist() == [1, -1, -1]
    assert (
        check_plan(instance, np.array(["J0000", "J0001", "J0002"], dtype=object)).objective_int
        == 12_000
    )
