"""The panel's rulings (``data.decisions``): keep, forbid, assign, override, and their reasons.

Tiny rounds built by hand check each ruling's meaning and words; random table rounds check the
optimum with rulings against brute force over the round *without* them, filtered by the rulings'
meaning written here from the contract (so the ``ruling`` rule's own mask is not the oracle).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutasi_opt.errors import InputError
from mutasi_opt.plan import make_plan
from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.solve import Status, solve
from mutasi_opt.tables.model import DECISION_COLUMNS, Tables
from mutasi_opt.tables.read import read_tables
from scoring.builders import build, make_nip, make_scenario, make_tables
from solve.oracle import feasible_plans
from solve.test_random_rounds import plan_space, table_rounds

NOTE = "arahan Wali Kota"


def decisions(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A decisions table in the canonical dtypes."""
    full = [{"position_id": None, "note": None, "override": False, **r} for r in rows]
    frame = pd.DataFrame(
        {c: pd.Series([r.get(c) for r in full], dtype=object) for c in DECISION_COLUMNS}
    )
    frame["override"] = frame["override"].astype(bool)
    return frame


def with_rulings(tables: Tables, rows: list[dict[str, Any]]) -> Tables:
    return dataclasses.replace(tables, decisions=decisions(rows))


def three() -> Tables:
    """Three people in J1..J3 (unit A, A, B); J4 (unit B) is free and worth more to everyone."""
    people = [
        {"position_id": "J1", "tmt_jabatan": "2020-01-01"},
        {"position_id": "J2", "tmt_jabatan": "2020-01-01"},
        {"position_id": "J3", "tmt_jabatan": "2020-01-01"},
    ]
    posts = [
        {"position_id": "J1", "unit": "Dinas A"},
        {"position_id": "J2", "unit": "Dinas A"},
        {"position_id": "J3", "unit": "Dinas B"},
        {"position_id": "J4", "unit": "Dinas B", "priority": 5},
    ]
    return make_tables(people, posts)


def plan_of(problem: Problem) -> list[str]:
    result = solve(problem)
    assert result.status == Status.OPTIMAL
    assert result.assignment is not None
    return [str(problem.post_id[j]) for j in result.assignment.tolist()]


def test_without_rulings_the_free_priority_post_is_taken() -> None:
    plan = plan_of(build(three()))
    assert "J4" in plan


def test_keep_keeps_the_person_and_the_reason_quotes_the_note() -> None:
    base = plan_of(build(three()))
    mover = base.index("J4")
    nip = make_nip(mover + 1)
    problem = build(with_rulings(three(), [{"nip": nip, "decision": "keep", "note": NOTE}]))
    result = solve(problem)
    assert result.assignment is not None
    assert int(result.assignment[mover]) == int(problem.instance.current_post[mover])
    plan = make_plan(problem, result)
    row = plan.assignments.iloc[mover]
    assert row["reason_code"] == "ruling"
    assert "keputusan panel" in row["reason"]
    assert NOTE in row["reason"]
    assert row["ruling"] == "keep"


def test_forbid_a_post_and_a_unit() -> None:
    nip = make_nip(1)
    post = build(with_rulings(three(), [{"nip": nip, "position_id": "J4", "decision": "forbid"}]))
    assert plan_of(post)[0] != "J4"
    unit = build(
        with_rulings(three(), [{"nip": nip, "position_id": "Dinas B", "decision": "forbid"}])
    )
    assert plan_of(unit)[0] not in ("J3", "J4")
    everyone = [
        {"nip": make_nip(k), "position_id": "J4", "decision": "forbid", "note": NOTE}
        for k in (1, 2, 3)
    ]
    problem = build(with_rulings(three(), everyone))
    assert "J4" not in plan_of(problem)
    plan = make_plan(problem, solve(problem))
    assert all(NOTE in r for r in plan.assignments["reason"])
    assert set(plan.assignments["ruling"]) == {"forbid"}


def test_forbidding_the_current_post_makes_the_person_move() -> None:
    nip = make_nip(2)
    problem = build(
        with_rulings(three(), [{"nip": nip, "position_id": "J2", "decision": "forbid"}])
    )
    assert plan_of(problem)[1] != "J2"


def test_assign_places_the_person_there_even_against_a_soft_rule() -> None:
    tables = three()
    refuse = pd.DataFrame(
        {"nip": [make_nip(3)], "rank": pd.array([pd.NA], dtype="Int64"), "position_id": ["J1"],
         "unit": [None], "refuse": [True]}
    )  # fmt: skip
    tables = dataclasses.replace(tables, preferences=refuse)
    ruled = with_rulings(tables, [{"nip": make_nip(3), "position_id": "J1", "decision": "assign"}])
    problem = build(ruled, rules={"refusals": "soft"})
    plan = plan_of(problem)
    assert plan[2] == "J1"
    k = problem.instance.pair_index(2, 0)
    assert problem.pairs.penalty[int(k)] > 0  # the soft penalty stays in the value
    with pytest.raises(InputError) as err:
        build(ruled)  # refusals hard: the ruling breaks a hard rule
    assert "refusal" in str(err.value)


def test_assign_against_a_hard_rule_is_an_error_naming_it_unless_overridden() -> None:
    people = [{"position_id": "J1", "education": "SMA"}, {"position_id": "J2"}]
    posts = [
        {"position_id": "J1"},
        {"position_id": "J2"},
        {"position_id": "J3", "min_education": "S1"},
    ]
    row = {"nip": make_nip(1), "position_id": "J3", "decision": "assign", "note": NOTE}
    tables = make_tables(people, posts)
    with pytest.raises(InputError) as err:
        build(with_rulings(tables, [row]))
    issue = err.value.issues[0]
    assert issue.rule == "ruling_breaks_rule"
    assert "education" in issue.message
    assert "needs S1, education SMA" in issue.message
    problem = build(with_rulings(tables, [{**row, "override": True}]))
    assert problem.rulings is not None
    assert problem.rulings.overridden == {0: ("education",)}
    result = solve(problem)  # audited: the audit accepts the overridden pair
    assert result.assignment is not None
    assert str(problem.post_id[result.assignment[0]]) == "J3"
    plan = make_plan(problem, result)
    assert "mengesampingkan aturan" in plan.assignments.iloc[0]["reason"]
    assert plan.summary()["rulings"]["overridden"] == [
        {"nip": make_nip(1), "position_id": "J3", "rules": ["education"], "note": NOTE, "row": 2}
    ]


def test_rulings_beyond_a_posts_capacity_are_an_error() -> None:
    rows = [{"nip": make_nip(k), "position_id": "J4", "decision": "assign"} for k in (1, 2)]
    with pytest.raises(InputError) as err:
        build(with_rulings(three(), rows))
    assert err.value.issues[0].rule == "rulings_over_capacity"


def test_the_audit_catches_a_plan_that_breaks_a_ruling() -> None:
    from mutasi_opt.audit import audit_plan

    problem = build(with_rulings(three(), [{"nip": make_nip(1), "decision": "keep"}]))
    report = audit_plan(problem, np.array([3, 1, 2]))
    assert "ruling" in report.rules()


# --- the reader -----------------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "decisions.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _files(tmp_path: Path) -> dict[str, Path]:
    tables = three()
    out = {}
    for name in ("employees", "positions"):
        frame = getattr(tables, name).drop(columns=["gender", "cpns_date"], errors="ignore")
        path = tmp_path / f"{name}.csv"
        frame.to_csv(path, index=False, date_format="%Y-%m-%d")
        out[name] = path
    return out


def test_the_reader_accepts_indonesian_words_and_reads_every_column(tmp_path: Path) -> None:
    files = _files(tmp_path)
    nip1, nip2 = make_nip(1), make_nip(2)
    text = (
        "nip,position_id,decision,note,override\n"
        f"{nip1},,Tetap,{NOTE},\n"
        f"{nip2},Dinas B,larang,,\n"
        f"{make_nip(3)},J4,tetapkan,,ya\n"
    )
    tables = read_tables({**files, "decisions": _write(tmp_path, text)})
    assert tables.decisions["decision"].tolist() == ["keep", "forbid", "assign"]
    assert tables.decisions["override"].tolist() == [False, False, True]
    assert tables.decisions["row"].tolist() == [2, 3, 4]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("{n1},J4,promote,,", "unknown_decision"),
        ("199001012015031999,J4,assign,,", "unknown_nip"),
        ("{n1},J9,assign,,", "unknown_position"),
        ("{n1},Dinas Z,forbid,,", "unknown_position"),
        ("{n1},,assign,,", "missing_value"),
        ("{n1},J4,keep,,", "keep_other_post"),
        ("{n1},J4,forbid,,true", "override_not_allowed"),
    ],
)
def test_the_reader_rejects_a_bad_ruling(tmp_path: Path, line: str, rule: str) -> None:
    files = _files(tmp_path)
    text = "nip,position_id,decision,note,override\n" + line.format(n1=make_nip(1)) + "\n"
    with pytest.raises(InputError) as err:
        read_tables({**files, "decisions": _write(tmp_path, text)})
    assert rule in [i.rule for i in err.value.issues]


def test_the_reader_rejects_contradicting_rulings(tmp_path: Path) -> None:
    files = _files(tmp_path)
    n1 = make_nip(1)
    text = (
        "nip,position_id,decision,note,override\n"
        f"{n1},,keep,,\n{n1},J4,assign,,\n{make_nip(2)},J4,assign,,\n{make_nip(2)},Dinas B,forbid,,\n"
    )
    with pytest.raises(InputError) as err:
        read_tables({**files, "decisions": _write(tmp_path, text)})
    clashes = [i for i in err.value.issues if i.rule == "conflicting_decisions"]
    assert [i.row for i in clashes] == [3, 4]


# --- against brute force ----------------------------------------------------------------------


def _meets(problem: Problem, rows: list[dict[str, Any]], posts: list[int]) -> bool:
    """The plan ``posts`` follows every ruling (the contract, written out here)."""
    nip = [str(x) for x in problem.nip.tolist()]
    pid = [str(x) for x in problem.post_id.tolist()]
    unit = [problem.units[u] for u in problem.instance.post_unit.tolist()]
    current = problem.instance.current_post.tolist()
    for r in rows:
        i = nip.index(r["nip"])
        j = posts[i]
        if r["decision"] == "keep" and j != current[i]:
            return False
        if r["decision"] == "assign" and pid[j] != r["position_id"]:
            return False
        if r["decision"] == "forbid" and r["position_id"] in (pid[j], unit[j]):
            return False
    return True


@hsettings(max_examples=60, deadline=None, derandomize=True, database=None,
           suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(table_rounds(), st.integers(0, 2**32 - 1))
def test_the_ruled_optimum_is_the_brute_force_optimum_of_plans_that_follow_the_rulings(
    problem: Problem, seed: int
) -> None:
    if plan_space(problem.instance) > 20_000:
        return
    rng = np.random.default_rng(seed)
    pairs = problem.pairs
    rows: list[dict[str, Any]] = []
    for _ in range(int(rng.integers(1, 4))):
        i = int(rng.integers(problem.n_people))
        nip = str(problem.nip[i])
        kind = str(rng.choice(["keep", "forbid", "forbid", "assign"]))
        if kind == "keep" and problem.instance.current_post[i] >= 0:
            rows.append({"nip": nip, "decision": "keep"})
        elif kind == "assign" and pairs.ptr[i + 1] > pairs.ptr[i]:
            j = int(rng.choice(pairs.post[pairs.ptr[i] : pairs.ptr[i + 1]]))
            rows.append({"nip": nip, "position_id": str(problem.post_id[j]), "decision": "assign"})
        else:
            j = int(rng.integers(problem.n_posts))
            target = str(problem.post_id[j]) if rng.random() < 0.7 else problem.units[
                int(problem.instance.post_unit[j])]  # fmt: skip
            rows.append({"nip": nip, "position_id": target, "decision": "forbid"})
    placing = [r["nip"] for r in rows if r["decision"] != "forbid"]
    if len(set(placing)) != len(placing):
        return  # two placing rulings for one person: the reader refuses them
    try:
        ruled = build_problem(with_rulings(problem.tables, rows), problem.scenario)
    except InputError:
        return  # over capacity, or a ruling the round's own rules refuse
    best = None
    post = problem.pairs.post
    for chosen, value in feasible_plans(problem.instance):
        if _meets(problem, rows, post[chosen].tolist()) and (best is None or value > best):
            best = value
    result = solve(ruled)
    if best is None:
        assert result.status == Status.INFEASIBLE
        return
    assert result.status == Status.OPTIMAL
    assert result.objective_int == best
    assert result.assignment is not None
    assert _meets(problem, rows, result.assignment.tolist())


def test_the_bundled_panel_scenario_follows_its_rulings() -> None:
    root = Path(__file__).resolve().parents[2]
    from mutasi_opt.api import load_problem

    problem = load_problem(root / "scenarios" / "sibolga-2026-keputusan-panel.yaml")
    assert problem.rulings is not None
    assert problem.rulings.counts()["keep"] == 1
    assert make_scenario().name == "test"
