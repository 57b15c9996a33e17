"""The value of each chosen pair, re-derived; tampered values are caught; hand-built rounds skipped."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from mutasi_opt.audit import VALUE_SCALE, AuditError, AuditReport, Disagreement, audit_plan
from mutasi_opt.problem import Problem
from mutasi_opt.solve.instances import instance_from_values

from .builders import (
    P0,
    audited_values,
    build,
    make_nip,
    make_scenario,
    make_tables,
    person,
    post_index,
    posts,
    solved,
)

P1, P2 = make_nip(1), make_nip(2)


def _round() -> Problem:
    """Three people, three posts, competencies, wishes, a score and priorities: every value term."""
    tables = make_tables(
        [
            person(performance="Sangat Baik", potential="tinggi"),
            {"position_id": "J2", "performance": "Kurang", "potential": None},
            {"position_id": None, "performance": "Butuh Perbaikan", "potential": "rendah"},
        ],
        posts(J2={"priority": 5}, J3={"priority": 1, "min_golongan": "IV/a"}),
        levels=[(P0, "M.01", 4), (P0, "M.02", 1), (P1, "M.01", 2), (P2, "M.02", 5)],
        requirements=[("J1", "M.01", 3), ("J1", "M.02", 3), ("J2", "M.01", 4), ("J3", "M.02", 2)],
        preferences=[
            {"nip": P0, "rank": 2, "position_id": "J2"},
            {"nip": P0, "rank": 1, "unit": "Dinas C"},
            {"nip": P1, "rank": 3, "position_id": "J1"},
            {"nip": P2, "position_id": "J2", "refuse": True},
        ],
        scores=[(P2, "J1", 64.0)],
    )
    # Every pair a candidate, the ones that lower a fit included (no_fit_loss would close them).
    return build(tables, rules={"rank_range": "soft", "refusals": "soft", "no_fit_loss": False})


def _tamper(problem: Problem, k: int, **changes: float) -> Problem:
    pairs = problem.pairs
    arrays = {}
    for name, delta in changes.items():
        values = getattr(pairs, name).copy()
        values[k] += delta
        arrays[name] = values
    instance = dataclasses.replace(problem.instance, pairs=dataclasses.replace(pairs, **arrays))
    return dataclasses.replace(problem, instance=instance)


def _every_pair(problem: Problem) -> list[AuditReport]:
    """The audit of every candidate pair (one plan per post: everyone takes that post)."""
    return [audit_plan(problem, np.full(problem.n_people, j)) for j in range(problem.n_posts)]


def test_every_candidate_pair_of_the_round_has_the_engines_value() -> None:
    problem = _round()
    assert len(problem.pairs) == 9
    for report in _every_pair(problem):
        assert report.pairs_audited == 3
        assert "value" not in report.rules(), report.disagreements


def test_the_value_follows_the_design_formula_by_hand() -> None:
    # P0 -> J3: fit min(1, 2) / 2 = 0.5, p = 1/3, perf Sangat Baik 1, pot tinggi 1, pref 1 (the
    # unit wish of rank 1, weight 0.2), a move (cost 0.1) of someone 83 months in post, past the
    # default max_tenure_months 60 (overdue bonus 0.05), and III/a below J3's soft minimum IV/a:
    # penalty 0.5.
    problem = _round()
    j3 = post_index(problem, "J3")
    k = int(problem.instance.pair_index(0, j3))
    expected = (1 / 3) * (1.0 * 0.5 + 0.2 * 1.0 + 0.1 * 1.0) + 0.2 * 1.0 - 0.1 + 0.05 - 0.5
    assert audited_values(problem, [j3, 1, 0]).value[0] == pytest.approx(expected, abs=1e-12)
    assert problem.pairs.value[k] == pytest.approx(expected, abs=1e-12)
    assert problem.pairs.value_int[k] == round(expected * VALUE_SCALE)


@pytest.mark.parametrize(
    ("field", "delta"),
    [("value", 0.01), ("value", -1e-6), ("value_int", 1), ("fit", 0.05), ("preference", 0.5),
     ("penalty", 1.0), ("jpm", 10.0)],
)  # fmt: skip
def test_a_tampered_stored_number_is_caught(field: str, delta: float) -> None:
    problem = _round()
    plan = solved(problem)
    assert audit_plan(problem, plan).ok
    k = int(problem.instance.pair_index(1, plan[1]))
    report = audit_plan(_tamper(problem, k, **{field: delta}), plan)
    (d,) = report.disagreements
    assert (d.nip, d.position_id, d.rule) == (P1, problem.post_id[plan[1]], "value")
    assert d.detail.startswith(field)


def test_a_difference_below_the_tolerance_is_no_disagreement() -> None:
    problem = _round()
    plan = solved(problem)
    k = int(problem.instance.pair_index(0, plan[0]))
    assert audit_plan(_tamper(problem, k, value=1e-12), plan).ok


def test_a_table_changed_after_scoring_is_caught() -> None:
    # The audit reads the tables, not the engine's arrays: a predikat changed after the build
    # shows as a value the engine did not compute.
    problem = _round()
    plan = solved(problem)
    employees = problem.tables.employees.copy()
    employees.loc[2, "performance"] = "Sangat Baik"
    changed = dataclasses.replace(
        problem, tables=dataclasses.replace(problem.tables, employees=employees)
    )
    report = audit_plan(changed, plan)
    assert [(d.nip, d.rule) for d in report.disagreements] == [(P2, "value")]


def test_priority_weights_and_move_cost_enter_as_documented() -> None:
    problem = _round()
    positions = problem.tables.positions.copy()
    positions["priority"] = pd.Series([3, 3, 3], dtype=np.int64)
    changed = dataclasses.replace(
        problem, tables=dataclasses.replace(problem.tables, positions=positions)
    )
    # Every pair into J2 (priority 5) or J3 (priority 1) now disagrees; J1 (3) does not.
    disagree = [r.rules() for r in _every_pair(changed)]
    assert ["value" in r for r in disagree] == [False, True, True]


def test_a_pair_wished_twice_takes_the_better_rank() -> None:
    # The readers reject a repeated wish; a table built in Python may have one (best rank wins).
    wishes = [{"nip": P0, "rank": r, "position_id": "J2"} for r in (3, 1, 2)]
    problem = build(make_tables([person()], posts(), preferences=wishes))
    k = int(problem.instance.pair_index(0, post_index(problem, "J2")))
    assert problem.pairs.preference[k] == 1.0
    assert audit_plan(problem, [post_index(problem, "J2")]).ok


def test_an_instance_built_by_hand_is_skipped_with_a_reason() -> None:
    instance = instance_from_values(np.array([[1.0, 2.0], [3.0, np.nan]]))
    report = audit_plan(instance, [1, 0])
    assert report.ok
    assert report.pairs_audited == 0
    assert report.skipped is not None
    assert "by hand" in report.skipped
    report.raise_for_disagreements()  # nothing to raise


def test_the_error_names_nip_post_rule_and_detail_then_counts_the_rest() -> None:
    tables = make_tables(
        [{"position_id": None} for _ in range(12)], posts(J2={"status": "abolished"})
    )
    problem = build(tables)
    report = audit_plan(problem, np.full(12, post_index(problem, "J2")))
    assert len(report.disagreements) == 24  # not_candidate and abolished, for each of 12 people
    with pytest.raises(AuditError) as info:
        report.raise_for_disagreements()
    message = str(info.value)
    assert f"NIP {make_nip(0)} -> J2: not_candidate:" in message
    assert f"NIP {make_nip(4)} -> J2: abolished: post J2 is abolished" in message
    assert make_nip(5) not in message
    assert message.endswith("and 14 more")
    assert info.value.disagreements == report.disagreements
    assert isinstance(info.value, RuntimeError)


def test_a_disagreement_reads_as_one_line() -> None:
    d = Disagreement(P0, "J2", "locked", "locked: stays in J1")
    assert str(d) == f"NIP {P0} -> J2: locked: locked: stays in J1"


# weights.overdue (docs/model.md: "soft maximum tenure: bonus for moving someone past
# max_tenure_months"). P0 has held J1 since 2020-01-01: 83 whole months at 2026-12-01.


@pytest.mark.parametrize(
    ("rules", "bonus"),
    [
        ({}, True),  # the default maximum, 60
        ({"max_tenure_months": 82}, True),
        ({"max_tenure_months": 83}, False),  # strictly more months than the maximum
        ({"max_tenure_months": None}, False),
        ({"max_tenure_months": 24, "max_tenure_hard": True}, True),
    ],
)
def test_moving_someone_past_the_maximum_tenure_earns_the_overdue_bonus(
    rules: dict[str, object], bonus: bool
) -> None:
    tables = make_tables([person()], posts(J2={"priority": 5}))
    problem = build(tables, rules=rules, weights={"overdue": 0.07})
    j1, j2 = post_index(problem, "J1"), post_index(problem, "J2")
    assert audit_plan(problem, [j2]).ok
    moved = audited_values(problem, [j2])
    # Added as it is, not scaled by the priority (5 here).
    assert moved.overdue[0] == (0.07 if bonus else 0.0)
    without = build(tables, rules=rules, weights={"overdue": 0.0})
    gain = moved.value[0] - audited_values(without, [j2]).value[0]
    assert gain == pytest.approx(0.07 if bonus else 0.0, abs=1e-12)
    # Staying is no move and earns nothing.
    if not rules.get("max_tenure_hard"):
        assert audit_plan(problem, [j1]).ok
    assert audited_values(problem, [j1]).overdue[0] == 0.0


def test_an_unknown_tenure_or_no_post_earns_no_overdue_bonus() -> None:
    tables = make_tables([person(tmt_jabatan=None), {"position_id": None}], posts())
    problem = build(tables, weights={"overdue": 0.5})
    plan = [post_index(problem, "J2"), post_index(problem, "J3")]
    assert audit_plan(problem, plan).ok
    assert audited_values(problem, plan).overdue.tolist() == [0.0, 0.0]


def test_an_overdue_bonus_the_engine_left_out_is_caught() -> None:
    lax = build(make_tables([person()], posts()), weights={"overdue": 0.0})
    j2 = post_index(lax, "J2")
    strict = dataclasses.replace(lax, scenario=make_scenario())
    (d,) = audit_plan(strict, [j2]).disagreements
    assert (d.nip, d.position_id, d.rule) == (P0, "J2", "value")
    # No stored part holds the bonus: the value and its integer differ, nothing else.
    assert d.detail.startswith("value ")
    assert "penalty" not in d.detail
    assert "fit" not in d.detail
