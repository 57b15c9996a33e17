"""Vacancy chains and swap cycles on hand-made rounds."""

from __future__ import annotations

from mutasi_opt.plan import CHAIN_COLUMNS, make_plan

from .builders import make_problem, make_result, make_tables, nip, person, post
from .cases import ANI, BUDI, CITRA, DEDI, EKA, round_case


def _rows(plan, chain_id):  # type: ignore[no-untyped-def]
    frame = plan.chains[plan.chains["chain_id"] == chain_id]
    return [tuple(r) for r in frame.itertuples(index=False)]


def test_three_step_chain_follows_the_vacancy_to_the_post_left_open() -> None:
    plan = make_plan(*round_case())
    assert list(plan.chains.columns) == list(CHAIN_COLUMNS)
    assert _rows(plan, "R001") == [
        ("R001", "chain", 1, ANI, "Ani", "P-A", "Dinas A", "P-V", "Dinas A", "vacancy_left"),
        ("R001", "chain", 2, BUDI, "Budi", "P-B", "Dinas B", "P-A", "Dinas A", "vacancy_left"),
        ("R001", "chain", 3, CITRA, "Citra", "P-C", "Dinas B", "P-B", "Dinas B", "vacancy_left"),
    ]


def test_two_person_swap_is_a_cycle_listed_from_the_smallest_nip() -> None:
    plan = make_plan(*round_case())
    assert _rows(plan, "S001") == [
        ("S001", "cycle", 1, DEDI, "Dedi", "P-D", "Dinas A", "P-E", "Dinas B", "cycle"),
        ("S001", "cycle", 2, EKA, "Eka", "P-E", "Dinas B", "P-D", "Dinas A", "cycle"),
    ]
    assert sorted(plan.chains["chain_id"].unique()) == ["R001", "S001"]


def test_chain_ids_are_on_the_movers_and_empty_for_stayers() -> None:
    plan = make_plan(*round_case())
    ids = dict(zip(plan.assignments["nip"], plan.assignments["chain_id"], strict=True))
    assert [ids[n] for n in (ANI, BUDI, CITRA, DEDI, EKA)] == ["R001"] * 3 + ["S001"] * 2
    assert (plan.assignments.loc[~plan.assignments["moved"], "chain_id"] == "").all()


def test_three_cycle_and_chain_ends() -> None:
    """A 3-cycle; a chain ending at an abolished post; a placement into a vacancy."""
    people = [
        person(1, "C1", "X1"), person(2, "C2", "X2"), person(3, "C3", "X3"),
        person(4, "Ab", "OLD"), person(5, "New", None),
    ]  # fmt: skip
    posts = [
        post("X1", "X1", "U"), post("X2", "X2", "U"), post("X3", "X3", "U"),
        post("OLD", "Old", "U", status="abolished"), post("V1", "V1", "U"), post("V2", "V2", "U"),
    ]  # fmt: skip
    tables = make_tables(people, posts)
    problem = make_problem(tables)
    result = make_result(
        problem, {nip(1): "X3", nip(3): "X2", nip(2): "X1", nip(4): "V2", nip(5): "V1"}
    )
    plan = make_plan(problem, result)
    rows = [
        tuple(r)
        for r in plan.chains[["chain_id", "step", "nip", "ends_with"]].itertuples(index=False)
    ]
    # Chains in the positions order of the vacancy they start from: V1 (row 4) before V2 (row 5).
    assert rows == [
        ("R001", 1, nip(5), "placement"),
        ("R002", 1, nip(4), "abolished_emptied"),
        # The cycle is listed from the smallest NIP; each next person takes the previous one's seat.
        ("S001", 1, nip(1), "cycle"),
        ("S001", 2, nip(2), "cycle"),
        ("S001", 3, nip(3), "cycle"),
    ]
    # 2 moves into X1 (1's post), 3 into X2 (2's post), 1 into X3 (3's post).
    moves = dict(zip(plan.assignments["nip"], plan.assignments["to_position_id"], strict=True))
    assert moves[nip(2)] == "X1"
    assert moves[nip(3)] == "X2"
    assert moves[nip(1)] == "X3"
    assert plan.assignments.set_index("nip").loc[nip(5), "move_type"] == "placement"


def test_pooled_post_matches_movers_in_nip_order_so_a_swap_stays_a_cycle() -> None:
    """POOL has capacity 2 with one free seat; A leaves it for Y and B comes from Y."""
    people = [person(1, "A", "POOL"), person(2, "B", "Y"), person(3, "Stay", "POOL")]
    posts = [post("POOL", "Pool", "U", capacity=3), post("Y", "Y", "U")]
    tables = make_tables(people, posts)
    problem = make_problem(tables)
    plan = make_plan(problem, make_result(problem, {nip(1): "Y", nip(2): "POOL"}))
    rows = [tuple(r) for r in plan.chains[["chain_id", "step", "nip"]].itertuples(index=False)]
    assert rows == [("S001", 1, nip(1)), ("S001", 2, nip(2))]
    assert plan.vacancies["position_id"].tolist() == ["POOL"]
    assert plan.vacancies["free_seats"].tolist() == [1]


def test_no_moves_no_chains() -> None:
    problem, _ = round_case()
    plan = make_plan(problem, make_result(problem, {}))
    assert plan.chains.empty
    assert list(plan.chains.columns) == list(CHAIN_COLUMNS)
