"""The Plan contract: columns, summary, determinism, plans without an assignment."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mutasi_opt.plan import (
    ASSIGNMENT_COLUMNS,
    CHAIN_COLUMNS,
    DEVELOPMENT_COLUMNS,
    VACANCY_COLUMNS,
    make_plan,
)
from mutasi_opt.solve.result import Conflict, Result, Status

from .builders import make_result
from .cases import round_case

FRAMES = {
    "assignments": ASSIGNMENT_COLUMNS,
    "vacancies": VACANCY_COLUMNS,
    "chains": CHAIN_COLUMNS,
    "development": DEVELOPMENT_COLUMNS,
}


def test_assignments_columns_and_one_row_per_person_in_employees_order() -> None:
    problem, result = round_case()
    plan = make_plan(problem, result)
    a = plan.assignments
    assert list(a.columns) == list(ASSIGNMENT_COLUMNS)
    assert a["nip"].tolist() == problem.tables.employees["nip"].tolist()
    assert a["moved"].dtype == bool
    # The fit x 100 at the post taken: the scores that give the round its values (cases.py).
    assert a["score"].tolist() == [54.0, 70.0, 70.0, 75.0, 80.0, 60.0, 60.0, 60.0, 60.0]
    assert a["wish_rank_honoured"].isna().tolist() == [True, True, False] + [True] * 6


def test_same_inputs_give_byte_identical_csv() -> None:
    problem, result = round_case()
    first = make_plan(problem, result)
    problem2, result2 = round_case()
    second = make_plan(problem2, result2)
    for name in FRAMES:
        a = getattr(first, name).to_csv(index=False).encode()
        b = getattr(second, name).to_csv(index=False).encode()
        assert a == b, name


def test_summary_is_json_with_status_kpis_and_counts() -> None:
    plan = make_plan(*round_case())
    summary = plan.summary()
    text = json.dumps(summary, allow_nan=False)
    assert json.loads(text)["status"] == "optimal"
    assert summary["scenario"] == "tiny"
    assert summary["objective"] == pytest.approx(6.3)
    assert summary["counts"] == {
        "people": 9, "posts": 11, "units": 2, "pairs": 15, "moves": 5, "placements": 0,
        "chains": 1, "cycles": 1,
        "vacancies": 2, "development_rows": 10,  # 5 gap rows, 5 pendampingan
    }  # fmt: skip
    assert summary["kpis"] is plan.kpis
    assert summary["conflicts"] == []
    assert summary["check"] is None


def test_infeasible_result_gives_empty_frames_with_columns_and_count_kpis() -> None:
    problem, _ = round_case()
    conflict = Conflict(("min_tenure", "abolished"), "Hadi must stay but his post is abolished",
                        nips=("1",), position_ids=("P-G3",))  # fmt: skip
    result = Result(Status.INFEASIBLE, "cpsat", None, None, None, None, None, conflicts=[conflict])
    plan = make_plan(problem, result)
    for name, columns in FRAMES.items():
        frame = getattr(plan, name)
        assert frame.empty, name
        assert list(frame.columns) == list(columns), name
    assert plan.kpis == {"people": 9, "posts": 11, "pairs": 15, "wishes_people": 2, "refusals": 2}
    summary = plan.summary()
    assert summary["status"] == "infeasible"
    assert summary["counts"]["moves"] == 0
    assert summary["conflicts"] == [conflict.to_dict()]
    json.dumps(summary, allow_nan=False)


def test_check_report_is_summarised_when_given() -> None:
    class Report:
        ok = True

        def to_dict(self) -> dict[str, object]:
            return {"ok": True, "violations": []}

    problem, result = round_case()
    assert make_plan(problem, result, Report()).summary()["check"] == {"ok": True, "violations": []}


def test_check_report_of_the_checker_is_summarised() -> None:
    from mutasi_opt.check import check_plan

    problem, result = round_case()
    assert result.assignment is not None
    check = check_plan(problem, result.assignment)
    summary = make_plan(problem, result, check).summary()["check"]
    assert summary == {"ok": True, "violations": [], "objective": 6.3, "moves": 5}


def test_bad_language_and_bad_assignment_are_refused() -> None:
    problem, result = round_case()
    with pytest.raises(ValueError, match="language must be 'id' or 'en'"):
        make_plan(problem, result, language="fr")
    short = Result(Status.OPTIMAL, "flow", np.zeros(3, dtype=np.int32), 0.0, 0, 0.0, 0.0)
    with pytest.raises(ValueError, match="assignment has 3 entries for 9 people"):
        make_plan(problem, short)


def test_no_moves_plan() -> None:
    problem, _ = round_case()
    plan = make_plan(problem, make_result(problem, {}))
    assert plan.kpis["moves"] == 0
    assert set(plan.assignments["move_type"]) == {"stay"}
    assert plan.kpis["vacancies_after"] == plan.kpis["vacancies_before"] == 2
