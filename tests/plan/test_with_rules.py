"""The plan on a problem made by build_problem: rule codes explain vacancies, stays and explain."""

from __future__ import annotations

from mutasi_opt.plan import explain_person, make_plan
from mutasi_opt.problem import build_problem

from .builders import make_result, make_scenario, make_tables, nip, person, post


def _problem():  # type: ignore[no-untyped-def]
    """Senior (III/c), Baru (IV/a, 11 months in post), Pensiun (4 months from BUP 58) in U.

    V needs at least IV/a (only Baru, who must stay); W needs IV/d (nobody).
    """
    people = [
        person(1, "Senior", "A", golongan="III/c"),
        person(2, "Baru", "B", golongan="IV/a", tmt="2026-01-01"),
        person(3, "Pensiun", "C", golongan="III/c", birth="1969-03-15"),
    ]
    posts = [post("A", "Staf A", "U"), post("B", "Staf B", "U"), post("C", "Staf C", "U")]
    posts += [post("V", "Kepala Seksi V", "U", priority=5), post("W", "Staf W", "U")]
    posts[3]["min_golongan"] = "IV/a"
    posts[4]["min_golongan"] = "IV/d"
    tables = make_tables(people, posts)
    return build_problem(tables, make_scenario())


def test_vacancies_say_which_rules_blocked_them() -> None:
    problem = _problem()
    plan = make_plan(problem, make_result(problem, {}))
    v = plan.vacancies.set_index("position_id")
    assert v.loc[["V", "W"], "blocked_by"].tolist() == ["kept_by_rules", "no_candidate"]
    assert v.at["V", "reason"] == (
        "Tidak ada kandidat: pegawai yang memenuhi syarat tertahan aturan: masa jabatan belum "
        "mencapai minimum (1)"
    )
    assert v.at["W", "reason"] == (
        "Tidak ada kandidat yang memenuhi syarat: masa jabatan belum mencapai minimum (1), "
        "golongan di luar rentang jabatan (1), mendekati atau melewati batas usia pensiun (BUP) (1)"
    )
    en = make_plan(problem, make_result(problem, {}), language="en").vacancies
    assert en.set_index("position_id").at["V", "reason"] == (
        "No candidate: the people who qualify are kept in place by rules: tenure below the "
        "minimum: stays (1)"
    )


def test_stays_quote_the_rule_context_numbers() -> None:
    problem = _problem()
    reasons = make_plan(problem, make_result(problem, {})).assignments.set_index("nip")["reason"]
    assert reasons[nip(2)] == "Tetap di Staf B (U): masa jabatan 11 bulan < 24 bulan."
    assert reasons[nip(3, birth="19690315")] == (
        "Tetap di Staf C (U): pensiun dalam 4 bulan (BUP 58 tahun)."
    )


def test_explain_names_the_rule_that_closes_a_better_post() -> None:
    problem = _problem()
    ex = explain_person(make_plan(problem, make_result(problem, {})), nip(1))
    assert [(a.position_id, a.why_code, a.rule_codes) for a in ex.ruled_out] == [
        ("V", "rule", ("rank_range",))
    ]
    assert ex.ruled_out[0].why == (
        "aturan: golongan di luar rentang jabatan [rank_range] (golongan III/c, minimal IV/a)"
    )
    assert [a.position_id for a in ex.alternatives] == ["B", "C"]
    assert {a.why_code for a in ex.alternatives} == {"taken"}


def test_a_pppk_cpns_or_status_keeps_the_person_and_the_reason_says_which() -> None:
    people = [
        {**person(1, "Kontrak", "A"), "asn_type": "PPPK"},
        {**person(2, "Calon", "B"), "asn_type": "CPNS"},
        {**person(3, "Perkara", "C", status="proses_hukum"), "asn_type": "PNS"},
        {**person(4, "Persiapan", "D", status="masa_persiapan_pensiun"), "asn_type": "PNS"},
    ]
    posts = [post(p, f"Staf {p}", "U") for p in ("A", "B", "C", "D", "E")]
    problem = build_problem(make_tables(people, posts), make_scenario())
    plan = make_plan(problem, make_result(problem, {}))
    frame = plan.assignments.set_index("nip")
    reasons = frame["reason"]
    assert reasons[nip(1)] == (
        "Tetap di Staf A (U): PPPK tidak termasuk jenis ASN yang dapat dimutasi (PNS)."
    )
    assert reasons[nip(2)] == (
        "Tetap di Staf B (U): CPNS tidak termasuk jenis ASN yang dapat dimutasi (PNS)."
    )
    assert reasons[nip(3)] == "Tetap di Staf C (U): sedang menjalani proses hukum."
    assert reasons[nip(4)] == "Tetap di Staf D (U): sedang dalam masa persiapan pensiun."
    assert frame.loc[[nip(1), nip(2), nip(3)], "reason_code"].tolist() == [
        "asn_type",
        "asn_type",
        "not_active",
    ]
    en = make_plan(problem, make_result(problem, {}), language="en").assignments
    assert en.set_index("nip").at[nip(1), "reason"] == (
        "Stays in Staf A (U): PPPK is not an ASN type that may be moved (PNS)."
    )


def test_every_status_that_stops_a_transfer_has_its_own_words() -> None:
    """Each status but aktif is named in the reason (CLTN is read as cuti by the readers)."""
    from mutasi_opt import domain
    from mutasi_opt.rules.clauses import STATUS_WORDS

    assert set(STATUS_WORDS) == set(domain.EMPLOYEE_STATUS) - {"aktif"}
    people = [person(1, "Cuti", "A", status="cuti")]
    problem = build_problem(make_tables(people, [post("A", "Staf A", "U")]), make_scenario())
    plan = make_plan(problem, make_result(problem, {}))
    assert plan.assignments.at[0, "reason"] == "Tetap di Staf A (U): sedang cuti."
    en = make_plan(problem, make_result(problem, {}), language="en").assignments
    assert en.at[0, "reason"] == "Stays in Staf A (U): on leave (cuti)."
