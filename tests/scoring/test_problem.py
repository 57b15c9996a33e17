"""The Problem's index maps, side-rule fields and input checks."""

from __future__ import annotations

import numpy as np
import pytest

from mutasi_opt.errors import InputError

from .builders import build, make_nip, make_tables


def city():
    """Dinas B has three placed people, Dinas A one, Camat C none; one person is unplaced."""
    return make_tables(
        employees=[
            {"nip": make_nip(1), "position_id": "B1"},
            {"nip": make_nip(2), "position_id": "B2"},
            {"nip": make_nip(3), "position_id": "A1"},
            {"nip": make_nip(4), "position_id": "B3"},
            {"nip": make_nip(5)},
        ],
        positions=[
            {"position_id": "B1", "unit": "Dinas B", "priority": 5},
            {"position_id": "B2", "unit": "Dinas B", "priority": 4},
            {"position_id": "A1", "unit": "Dinas A", "capacity": 3},
            {"position_id": "B3", "unit": "Dinas B", "priority": 5, "status": "abolished"},
            {"position_id": "C1", "unit": "Camat C"},
        ],
    )


def test_index_maps():
    problem = build(city())
    assert problem.nip.tolist() == [make_nip(k) for k in range(1, 6)]
    assert problem.post_id.tolist() == ["B1", "B2", "A1", "B3", "C1"]
    assert problem.units == ("Camat C", "Dinas A", "Dinas B")
    assert problem.instance.post_unit.tolist() == [2, 2, 1, 2, 0]
    assert problem.instance.current_post.tolist() == [0, 1, 2, 3, -1]
    assert problem.instance.person_unit.tolist() == [2, 2, 1, 2, -1]
    assert problem.instance.capacity.tolist() == [1, 1, 3, 1, 1]
    assert problem.instance.priority.tolist() == [5, 4, 3, 5, 3]
    assert problem.instance.current_post.dtype == np.int32
    assert problem.stats["people"] == 5
    assert problem.stats["posts"] == 5
    assert problem.stats["units"] == 3


def test_no_side_rules_by_default():
    problem = build(city())
    assert problem.instance.max_moves is None
    assert problem.instance.unit_outflow_cap is None
    assert not problem.instance.must_fill.any()
    assert not problem.instance.has_side_rules


def test_side_rule_fields():
    rules = {"max_moves": 2, "max_unit_outflow_share": 0.34, "must_fill_min_priority": 4}
    problem = build(city(), rules=rules)
    assert problem.instance.max_moves == 2
    assert problem.instance.has_side_rules
    # floor(0.34 x placed people per unit): Camat C 0, Dinas A 1 -> 0, Dinas B 3 -> 1.
    assert problem.instance.unit_outflow_cap is not None
    assert problem.instance.unit_outflow_cap.tolist() == [0, 0, 1]
    # Priority >= 4 and not abolished: B1, B2 (B3 is abolished).
    assert problem.instance.must_fill.tolist() == [True, True, False, False, False]


def test_outflow_cap_is_not_lost_to_rounding():
    # 0.29 x 100 is 28.999999999999996 in floating point; the cap is 29.
    people = [{"nip": make_nip(k), "position_id": "A1"} for k in range(100)]
    tables = make_tables(people, [{"position_id": "A1", "capacity": 100}])
    problem = build(tables, rules={"max_unit_outflow_share": 0.29})
    assert problem.instance.unit_outflow_cap is not None
    assert problem.instance.unit_outflow_cap.tolist() == [29]


def test_matrices_have_the_dictionary_order_then_other_codes():
    tables = make_tables(
        [{"nip": make_nip(1)}],
        [{"position_id": "J1"}],
        competencies=[(make_nip(1), "T.KEU.01", 4), (make_nip(1), "M.02", 3)],
        requirements=[("J1", "T.ABC.01", 2), ("J1", "M.02", 3)],
    )
    problem = build(tables)
    assert problem.context.competency_codes[:9] == (
        "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
    )  # fmt: skip
    assert problem.context.competency_codes[9:] == ("T.ABC.01", "T.KEU.01")
    assert problem.context.levels.dtype == np.int8
    assert problem.context.levels.tolist() == [[0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 4]]
    assert problem.context.required.tolist() == [[0, 3, 0, 0, 0, 0, 0, 0, 0, 2, 0]]


def test_unknown_position_and_duplicates_are_input_errors():
    tables = make_tables(
        [{"nip": make_nip(1), "position_id": "X9"}, {"nip": make_nip(1)}],
        [{"position_id": "J1"}, {"position_id": "J1"}],
    )
    with pytest.raises(InputError) as caught:
        build(tables)
    assert sorted(caught.value.by_rule()) == ["duplicate_nip", "duplicate_position_id"]
    tables = make_tables([{"nip": make_nip(1), "position_id": "X9"}], [{"position_id": "J1"}])
    with pytest.raises(InputError) as caught:
        build(tables)
    (issue,) = caught.value.issues
    assert (issue.rule, issue.row, issue.value) == ("unknown_position", 2, "X9")


def test_fungsional_without_jenjang_is_an_input_error():
    tables = make_tables([{"nip": make_nip(1)}], [{"position_id": "J1", "kind": "fungsional"}])
    with pytest.raises(InputError) as caught:
        build(tables)
    assert [i.rule for i in caught.value.issues] == ["missing_jenjang"]


def test_unknown_preference_rows_are_skipped_with_a_warning():
    tables = make_tables(
        [{"nip": make_nip(1)}],
        [{"position_id": "J1"}],
        preferences=[
            {"nip": make_nip(1), "rank": 1, "position_id": "NOPE"},
            {"nip": make_nip(9), "rank": 1, "position_id": "J1"},
            {"nip": make_nip(1), "rank": 2, "position_id": "J1"},
        ],
    )
    problem = build(tables)
    assert problem.pairs.preference.tolist() == [0.5]
    (warning,) = [w for w in problem.warnings if w.rule == "preference_skipped"]
    assert warning.message.startswith("2 preference rows")


def test_repr_names_the_sizes():
    # 5 x 5 pairs, less the 5 with the abolished B3 (its holder's included).
    assert repr(build(city())) == "Problem(people=5, posts=5, units=3, pairs=20, side_rules=False)"
