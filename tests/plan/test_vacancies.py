"""Posts left open after the plan, each with what blocked it."""

from __future__ import annotations

from mutasi_opt.plan import VACANCY_COLUMNS, make_plan

from .builders import make_problem, make_result, make_tables, nip, person, post
from .cases import BUDI, round_case


def test_open_posts_and_what_blocked_them() -> None:
    plan = make_plan(*round_case())
    v = plan.vacancies
    assert list(v.columns) == list(VACANCY_COLUMNS)
    assert [tuple(r) for r in v.drop(columns="reason").itertuples(index=False)] == [
        ("P-C", "Analis C", "Dinas B", "pelaksana", "", 3, 1, 0, 1, "not_worth_move", 1),
        ("P-F", "Auditor F", "Dinas B", "pelaksana", "", 4, 1, 0, 1, "no_candidate", 0),
    ]
    assert v["reason"].tolist() == [
        "1 kandidat, tetapi mengisinya bernilai lebih rendah daripada biaya mutasi dan penempatan "
        f"mereka sekarang (terbaik: Budi, NIP {BUDI}, nilai 0,4 di sini, 0,7 dalam rencana)",
        # Every person is closed to P-F by a rule, the first of each counted (the four not
        # kept in place are simply not listed among the pairs of this round).
        "Tidak ada kandidat yang memenuhi syarat: pasangan tidak ada dalam tabel nilai (scores) "
        "(4), dikunci: pegawai tetap di jabatannya (1), masa jabatan belum mencapai minimum (1), "
        "status pegawai tidak aktif (hukuman disiplin, tugas belajar, cuti, proses hukum, ikatan "
        "dinas, pemberhentian sementara, masa persiapan pensiun) (1)",
    ]


def test_vacancy_with_no_candidate_in_english() -> None:
    plan = make_plan(*round_case(), language="en")
    assert plan.vacancies.set_index("position_id").at["P-F", "reason"] == (
        "No eligible candidate: the pair is not listed in scores (4), locked: stays in place (1), "
        "tenure below the minimum: stays (1), not active (disciplinary sanction, study leave, "
        "leave, court proceedings, service bond, temporary dismissal, pre-retirement): stays (1)"
    )


def test_candidates_held_back_by_max_moves_and_external_approval() -> None:
    people = [person(1, "Mover", "A"), person(2, "Held", "B")]
    posts = [
        post("A", "A", "U"), post("B", "B", "U"), post("V", "V", "U"), post("W", "W", "U"),
        post("EXT", "Kepala Disdukcapil", "U", needs_external_approval=True),
    ]  # fmt: skip
    pairs = {
        (nip(1), "A"): 0.5, (nip(1), "V"): 0.9,
        (nip(2), "B"): 0.5, (nip(2), "W"): 0.8,
    }  # fmt: skip
    problem = make_problem(make_tables(people, posts), pairs, rules={"max_moves": 1})
    plan = make_plan(problem, make_result(problem, {nip(1): "V"}))
    v = plan.vacancies.set_index("position_id")
    assert v.loc[["A", "W", "EXT"], "blocked_by"].tolist() == [
        "no_candidate", "kept_by_rules", "external_approval",
    ]  # fmt: skip
    assert v.at["W", "reason"] == "1 kandidat tertahan aturan: batas jumlah mutasi"
    assert v.at["EXT", "reason"] == "Memerlukan persetujuan pihak luar; tidak diisi oleh rencana"
    assert "V" not in v.index
    assert "B" not in v.index


def test_abolished_posts_are_never_vacancies() -> None:
    people = [person(1, "Lama", "OLD", tmt="2022-01-01")]
    posts = [post("OLD", "Lama", "U", status="abolished"), post("N", "Baru", "U")]
    problem = make_problem(make_tables(people, posts))
    plan = make_plan(problem, make_result(problem, {nip(1): "N"}))
    assert plan.vacancies.empty
    assert list(plan.vacancies.columns) == list(VACANCY_COLUMNS)
    assert plan.kpis["vacancies_before"] == 1
    assert plan.kpis["vacancies_after"] == 0


def test_the_best_candidate_named_is_the_most_valuable_then_the_smallest_nip() -> None:
    people = [person(k, f"P{k}", f"H{k}") for k in (1, 2, 3)]
    posts = [post(f"H{k}", f"H{k}", "U") for k in (1, 2, 3)] + [post("V", "V", "U")]
    # V is worth less to each than their own post: it stays open. Persons 3 and 2 tie on it,
    # above person 1; person 2 has the smaller NIP of the two.
    pairs = {(nip(k), f"H{k}"): 0.9 for k in (1, 2, 3)}
    pairs |= {(nip(1), "V"): 0.5, (nip(2), "V"): 0.6, (nip(3), "V"): 0.6}
    problem = make_problem(make_tables(people, posts), pairs)
    plan = make_plan(problem, make_result(problem, {}))
    reason = plan.vacancies.set_index("position_id").at["V", "reason"]
    assert f"terbaik: P2, NIP {nip(2)}, nilai 0,6 di sini" in reason
