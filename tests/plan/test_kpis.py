"""KPIs of the hand-made round, checked against hand counts (see tests/plan/cases.py)."""

from __future__ import annotations

from mutasi_opt.plan import make_plan

from .builders import make_problem, make_result, make_tables, nip, person, post
from .cases import round_case


def test_kpis_of_the_round() -> None:
    k = make_plan(*round_case()).kpis
    assert k["people"] == 9
    assert k["moves"] == 5
    assert k["placements"] == 0
    assert k["moves_by_type"] == {"stay": 4, "rotasi": 4, "promosi": 1, "demosi": 0, "placement": 0}
    # Only P-A and P-V have requirements: Ani 100 % in P-A before; Ani 50 % (4/8) in P-V and
    # Budi 75 % (3/4) in P-A after.
    assert k["jpm_mean_before"] == 100.0
    assert k["jpm_mean_after"] == 62.5
    assert k["jpm_category_before"] == {"Optimal": 1, "Cukup Optimal": 0, "Kurang Optimal": 0}
    assert k["jpm_category_after"] == {"Optimal": 0, "Cukup Optimal": 0, "Kurang Optimal": 2}
    assert k["vacancies_before"] == 2  # P-V, P-F
    assert k["vacancies_after"] == 2  # P-C, P-F
    assert k["vacancies_filled_by_priority"] == {
        "1": {"open_before": 0, "filled": 0},
        "2": {"open_before": 0, "filled": 0},
        "3": {"open_before": 0, "filled": 0},
        "4": {"open_before": 1, "filled": 0},
        "5": {"open_before": 1, "filled": 1},
    }
    # Dedi (90 months) moved; Fajar (107 months) is locked.
    assert (k["overdue_tenure"], k["overdue_tenure_moved"]) == (2, 1)
    # Citra got her first wish; Budi wished Dinas B and went to Dinas A.
    assert (k["wishes_people"], k["wishes_honoured"], k["wishes_honoured_share"]) == (2, 1, 0.5)
    assert (k["refusals"], k["refusals_respected"]) == (2, 2)
    assert k["unit_flows"] == [
        {"unit": "Dinas A", "staff_before": 6, "staff_after": 7, "moves_in": 2, "moves_out": 1,
         "moves_within": 1, "net_loss": 0, "net_loss_share": 0.0},
        {"unit": "Dinas B", "staff_before": 3, "staff_after": 2, "moves_in": 1, "moves_out": 2,
         "moves_within": 1, "net_loss": 1, "net_loss_share": 0.3333},
    ]  # fmt: skip
    assert k["largest_net_loss"] == {"unit": "Dinas B", "net_loss": 1, "net_loss_share": 0.3333}
    assert k["fairness"] == {
        "gender": [
            {"group": "L", "staff": 4, "staff_share": 0.4444, "moves": 2, "move_share": 0.4},
            {"group": "P", "staff": 5, "staff_share": 0.5556, "moves": 3, "move_share": 0.6},
        ],
        "golongan_group": [
            {"group": "III", "staff": 8, "staff_share": 0.8889, "moves": 5, "move_share": 1.0},
            {"group": "IV", "staff": 1, "staff_share": 0.1111, "moves": 0, "move_share": 0.0},
        ],
    }
    # Baik x menengah = 5 (six people), Hadi Sangat Baik = 7, Intan Butuh Perbaikan = 3, Gita
    # has no potential.
    boxes = {str(b): 0 for b in range(1, 10)} | {"3": 1, "5": 6, "7": 1}
    assert k["nine_box_before"] == boxes
    assert k["nine_box_after"] == boxes
    assert k["nine_box_moved"] == {str(b): 0 for b in range(1, 10)} | {"5": 5}
    # Fit of the placed people with competency data (Citra, Dedi and Eka have none): Ani 0.5 ->
    # 0.54, Budi 0.5 -> 0.7, the four who stay 0.6: 3.4 / 6 before, 3.64 / 6 after. Every move
    # raises the mover's fit; Ani, Dedi and Eka stated no wish.
    assert (k["fit_mean_before"], k["fit_mean_after"]) == (0.5667, 0.6067)
    assert k["no_competency_data"] == 3
    assert (k["fit_raising_moves"], k["fit_lowering_moves"]) == (5, 0)
    assert k["movers_without_wish"] == 3
    # Priority 4-5 seats: P-V (5) and P-F (4) free before; Ani fills P-V; nobody else may take
    # P-F (a recruitment need).
    assert (k["priority_seats_open_before"], k["priority_seats_filled"]) == (2, 1)
    assert (k["priority_seats_open_after"], k["priority_seats_recruitment"]) == (1, 1)
    assert k["total_value"] == 6.3
    # The fits are the scores that give the round its values: Ani 0.9 / (5/3) in P-V (priority
    # 5), Dedi 0.8 - 0.05 (the overdue bonus of a move past 60 months), the others their value.
    assert k["total_fit"] == 5.89  # 0.54 + 0.7 + 0.7 + 0.75 + 0.8 + 4 x 0.6
    assert k["mean_fit_after"] == 0.6544


def test_refusal_is_broken_only_by_moving_into_the_refused_post_or_unit() -> None:
    """Soft refusals: R moves into the unit she refused; S stays in the post he refused."""
    people = [person(1, "R", "X", gender="P"), person(2, "S", "Z")]
    posts = [post("X", "X", "U1"), post("Y", "Y", "U2"), post("Z", "Z", "U1")]
    prefs = [
        {"nip": nip(1, "P"), "unit": "U2", "refuse": True},
        {"nip": nip(2), "position_id": "Z", "refuse": True},
        {"nip": nip(2), "position_id": "Y", "rank": 1},
    ]
    problem = make_problem(make_tables(people, posts, preferences=prefs))
    plan = make_plan(problem, make_result(problem, {nip(1, "P"): "Y"}))
    k = plan.kpis
    assert (k["refusals"], k["refusals_respected"]) == (2, 1)
    assert (k["wishes_people"], k["wishes_honoured"], k["wishes_honoured_share"]) == (1, 0, 0.0)


def test_placements_are_counted_apart_from_moves() -> None:
    """Baru had no post and is placed in N1; Lama leaves an abolished post for N2."""
    people = [person(1, "Baru", None, gender="P"), person(2, "Lama", "OLD", tmt="2022-01-01")]
    posts = [
        post("OLD", "Staf Lama", "U", status="abolished"),
        post("N1", "Staf N1", "U", priority=4),
        post("N2", "Staf N2", "U"),
    ]
    problem = make_problem(make_tables(people, posts))
    plan = make_plan(problem, make_result(problem, {nip(1, "P"): "N1", nip(2): "N2"}))
    k = plan.kpis
    assert (k["moves"], k["placements"]) == (1, 1)
    assert k["moves_by_type"] == {"stay": 0, "rotasi": 1, "promosi": 0, "demosi": 0, "placement": 1}
    assert plan.assignments["moved"].tolist() == [True, True]
    assert k["fairness"]["gender"] == [
        {"group": "L", "staff": 1, "staff_share": 0.5, "moves": 1, "move_share": 1.0},
        {"group": "P", "staff": 1, "staff_share": 0.5, "moves": 0, "move_share": 0.0},
    ]
    assert k["unit_flows"] == [
        {"unit": "U", "staff_before": 1, "staff_after": 2, "moves_in": 1, "moves_out": 0,
         "moves_within": 1, "net_loss": 0, "net_loss_share": 0.0},
    ]  # fmt: skip
    assert k["largest_net_loss"] is None
    assert plan.summary()["counts"]["placements"] == 1
