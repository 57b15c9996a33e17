"""Reasons, one per person, from the real cause, in Indonesian and English."""

from __future__ import annotations

import pytest

from mutasi_opt.plan import make_plan

from .builders import make_problem, make_result, make_tables, nip, person, post
from .cases import ANI, BUDI, CITRA, DEDI, EKA, FAJAR, GITA, HADI, INTAN, round_case


def _reasons(plan):  # type: ignore[no-untyped-def]
    a = plan.assignments.set_index("nip")
    return {n: (a.at[n, "reason_code"], a.at[n, "reason"]) for n in a.index}


def test_move_reasons_in_indonesian() -> None:
    r = _reasons(make_plan(*round_case()))
    assert r[ANI] == (
        "fill_vacancy",
        "Promosi dari Analis A (Dinas A) ke Kepala Seksi V (Dinas A): mengisi lowongan prioritas 5; "
        "JPM 100% → 50% (Kurang Optimal); nilai naik dari 0,5 menjadi 0,9.",
    )
    assert r[BUDI] == (
        "chain",
        f"Rotasi dari Analis B (Dinas B) ke Analis A (Dinas A): menggantikan Ani (NIP {ANI}) yang "
        "pindah; JPM 75% (Kurang Optimal); nilai naik dari 0,5 menjadi 0,7.",
    )
    assert r[CITRA] == (
        "wish",
        f"Rotasi dari Analis C (Dinas B) ke Analis B (Dinas B): sesuai keinginan ke-1; "
        f"menggantikan Budi (NIP {BUDI}) yang pindah; nilai naik dari 0,5 menjadi 0,7.",
    )
    assert r[DEDI] == (
        "max_tenure",
        f"Rotasi dari Pengelola D (Dinas A) ke Pengelola E (Dinas B): masa jabatan 90 bulan "
        f"melewati batas 60 bulan; bertukar jabatan dengan Eka (NIP {EKA}); nilai naik dari 0,5 "
        "menjadi 0,8.",
    )
    assert r[EKA][0] == "swap"


def test_move_reasons_in_english() -> None:
    r = _reasons(make_plan(*round_case(), language="en"))
    assert r[ANI][1] == (
        "Promotion from Analis A (Dinas A) to Kepala Seksi V (Dinas A): fills a vacancy of "
        "priority 5; JPM 100% → 50% (Kurang Optimal); value rises from 0.5 to 0.9."
    )
    assert r[DEDI][1] == (
        "Rotation from Pengelola D (Dinas A) to Pengelola E (Dinas B): 90 months in the post, past "
        f"the maximum of 60; swaps posts with Eka (NIP {EKA}); value rises from 0.5 to 0.8."
    )


def test_language_comes_from_the_scenario_by_default() -> None:
    plan = make_plan(*round_case(output={"language": "en"}))
    assert plan.language == "en"
    assert _reasons(plan)[FAJAR][1] == "Stays in Analis G1 (Dinas A): locked by the planner."


@pytest.mark.parametrize(
    ("who", "code", "text_id", "text_en"),
    [
        (FAJAR, "locked", "Tetap di Analis G1 (Dinas A): dikunci oleh perencana.",
         "Stays in Analis G1 (Dinas A): locked by the planner."),
        (GITA, "not_active", "Tetap di Analis G2 (Dinas A): sedang tugas belajar.",
         "Stays in Analis G2 (Dinas A): on study leave (tugas belajar)."),
        (HADI, "min_tenure", "Tetap di Analis G3 (Dinas A): masa jabatan 18 bulan < 24 bulan.",
         "Stays in Analis G3 (Dinas A): tenure 18 months < 24 months."),
        (INTAN, "retirement", "Tetap di Analis G4 (Dinas A): pensiun dalam 4 bulan (BUP 58 tahun).",
         "Stays in Analis G4 (Dinas A): retires in 4 months (BUP 58)."),
    ],
)  # fmt: skip
def test_stay_rules_quote_the_rule_with_its_numbers(
    who: str, code: str, text_id: str, text_en: str
) -> None:
    problem, result = round_case()
    assert _reasons(make_plan(problem, result))[who] == (code, text_id)
    assert _reasons(make_plan(problem, result, language="en"))[who] == (code, text_en)


def test_every_rule_that_holds_is_quoted_first_one_is_the_code() -> None:
    people = [person(1, "Lina", "X", locked=True, tmt="2026-01-01", status="hukuman_disiplin")]
    tables = make_tables(people, [post("X", "Staf X", "U"), post("Y", "Staf Y", "U")])
    problem = make_problem(tables, {(nip(1), "X"): 0.5})
    plan = make_plan(problem, make_result(problem))
    assert _reasons(plan)[nip(1)] == (
        "not_active",
        "Tetap di Staf X (U): sedang menjalani hukuman disiplin; dikunci oleh perencana; "
        "masa jabatan 11 bulan < 24 bulan.",
    )


def test_freeze_and_jpt_protection() -> None:
    freeze = {"freeze_windows": [{"from": "2026-11-01", "to": "2027-04-30", "reason": "pilkada"}]}
    people = [person(1, "Kadis", "J", tmt="2026-02-01")]
    tables = make_tables(people, [post("J", "Kepala Dinas", "U", kind="jpt_pratama")])
    problem = make_problem(tables, {(nip(1), "J"): 1.0}, rules=freeze)
    plan = make_plan(problem, make_result(problem))
    assert _reasons(plan)[nip(1)] == (
        "frozen",
        "Tetap di Kepala Dinas (U): masa larangan mutasi 2026-11-01 s.d. 2027-04-30 (pilkada); "
        "masa jabatan 10 bulan < 24 bulan; pejabat JPT baru 10 bulan menjabat (< 24 bulan).",
    )


def _stays_case(**sections: object):  # type: ignore[no-untyped-def]
    """Stays with other candidate posts. U1: Q1, Q2, Q4, Q5 in X1, X2, X4, X5, and Y2 free;
    U2: Q3 in Z, R6..R9 in Z6..Z9 (they only stay), and W free. Q3 moves to Y2."""
    people = [
        person(1, "Q1", "X1"), person(2, "Q2", "X2"), person(3, "Q3", "Z"),
        person(4, "Q4", "X4"), person(5, "Q5", "X5"),
        *(person(k, f"R{k}", f"Z{k}") for k in range(6, 10)),
    ]  # fmt: skip
    posts = [
        post("X1", "Staf X1", "U1"), post("X2", "Staf X2", "U1"), post("Y2", "Staf Y2", "U1"),
        post("X4", "Staf X4", "U1"), post("X5", "Staf X5", "U1"), post("W", "Staf W", "U2"),
        post("Z", "Staf Z", "U2"), *(post(f"Z{k}", f"Staf Z{k}", "U2") for k in range(6, 10)),
    ]  # fmt: skip
    pairs = {
        (nip(1), "X1"): 0.8, (nip(1), "Y2"): 0.5,
        (nip(2), "X2"): 0.5, (nip(2), "Y2"): 0.9,
        (nip(3), "Z"): 0.5, (nip(3), "Y2"): 1.0,
        (nip(4), "X4"): 0.5,
        (nip(5), "X5"): 0.5, (nip(5), "W"): 0.6,
        **{(nip(k), f"Z{k}"): 0.5 for k in range(6, 10)},
    }  # fmt: skip
    problem = make_problem(make_tables(people, posts), pairs, **sections)
    return problem, make_result(problem, {nip(3): "Y2"})


def test_stays_with_other_candidate_posts() -> None:
    r = _reasons(make_plan(*_stays_case()))
    assert r[nip(1)] == (
        "best_fit_here",
        "Tetap di Staf X1 (U1): jabatan sekarang bernilai tertinggi (0,8) di antara 2 jabatan yang "
        "memenuhi syarat.",
    )
    assert r[nip(2)] == (
        "no_better_post",
        "Tetap di Staf X2 (U1): tidak ada jabatan lain yang lebih baik terbuka (1 jabatan yang lebih "
        "baik sudah diisi pegawai lain).",
    )
    assert r[nip(4)] == (
        "no_eligible_post",
        "Tetap di Staf X4 (U1): tidak ada jabatan lain yang memenuhi syarat.",
    )
    assert r[nip(5)] == (
        "plan_total",
        "Tetap di Staf X5 (U1): rencana secara keseluruhan bernilai lebih tinggi bila pegawai ini "
        "tetap.",
    )
    en = _reasons(make_plan(*_stays_case(), language="en"))
    assert en[nip(2)][1] == (
        "Stays in Staf X2 (U1): no better post was open (better posts taken by others: 1)."
    )


def test_binding_side_rules_are_the_reason() -> None:
    r = _reasons(make_plan(*_stays_case(rules={"max_moves": 1})))
    assert r[nip(5)] == (
        "max_moves",
        "Tetap di Staf X5 (U1): batas jumlah mutasi (1 orang) sudah tercapai.",
    )
    # Q3 leaves U2 for U1 (U2's cap: floor(0.2 x 5) = 1); with U1 capped at floor(0.2 x 4) = 0
    # leavers, Q5 (better post W in U2) is held back.
    r = _reasons(make_plan(*_stays_case(rules={"max_unit_outflow_share": 0.2})))
    assert r[nip(5)] == (
        "unit_outflow",
        "Tetap di Staf X5 (U1): batas pegawai keluar dari U1 (0 orang) sudah tercapai.",
    )


def test_placement_and_abolished_post() -> None:
    people = [person(1, "Baru", None), person(2, "Lama", "OLD", tmt="2022-01-01")]
    posts = [
        post("OLD", "Staf Lama", "U", status="abolished"),
        post("N1", "Staf N1", "U", priority=4),
        post("N2", "Staf N2", "U"),
    ]
    problem = make_problem(make_tables(people, posts))
    plan = make_plan(problem, make_result(problem, {nip(1): "N1", nip(2): "N2"}))
    r = _reasons(plan)
    assert r[nip(1)] == (
        "placement",
        "Penempatan di Staf N1 (U): sebelumnya belum memiliki jabatan; mengisi lowongan prioritas 4.",
    )
    assert r[nip(2)] == (
        "abolished_post",
        "Rotasi dari Staf Lama (U) ke Staf N2 (U): jabatan asal dihapus; mengisi lowongan "
        "prioritas 3.",
    )


def test_retirement_reads_the_rules_bup_and_age_on_a_hand_built_problem() -> None:
    """The planner's facts are the rules' own, also for a problem built by hand.

    A jenjang counts for functional posts only (docs/domain.md, "Retirement (BUP)"): a pengawas
    post carrying ``ahli_madya`` keeps the BUP of 58, so its holder aged 57 years 6 months is
    6 months from it. A missing birth date is the NIP's (as the readers and the rules take it).
    The planner once recomputed both a second way (BUP 60; no age without ``birth_date``).
    """
    near = person(1, "Rudi", "P", birth="1969-06-01")
    no_birth = person(2, "Sari", "Q", birth="1969-06-01") | {"birth_date": None}
    posts = [
        post("P", "Kepala Seksi P", "U", kind="pengawas", jenjang="ahli_madya"),
        post("Q", "Staf Q", "U"),
    ]
    pairs = {(near["nip"], "P"): 1.0, (no_birth["nip"], "Q"): 1.0}
    problem = make_problem(make_tables([near, no_birth], posts), pairs)
    r = _reasons(make_plan(problem, make_result(problem)))
    assert r[near["nip"]] == (
        "retirement",
        "Tetap di Kepala Seksi P (U): pensiun dalam 6 bulan (BUP 58 tahun).",
    )
    assert r[no_birth["nip"]] == (
        "retirement",
        "Tetap di Staf Q (U): pensiun dalam 6 bulan (BUP 58 tahun).",
    )
