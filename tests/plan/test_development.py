"""Development plans for the people moved: gaps, kind of development, mentors."""

from __future__ import annotations

from mutasi_opt.plan import DEVELOPMENT_COLUMNS, make_plan

from .builders import make_problem, make_result, make_tables, nip, person, post
from .cases import ANI, BUDI, FAJAR, round_case


def test_gaps_training_and_mentor_on_the_round() -> None:
    plan = make_plan(*round_case())
    d = plan.development
    assert list(d.columns) == list(DEVELOPMENT_COLUMNS)
    gaps = d[d["development_kind"] != "pendampingan"]
    assert [tuple(r) for r in gaps.itertuples(index=False)] == [
        (ANI, "Ani", "P-V", "Dinas A", "M.03", "Komunikasi", 3, 1, -2, "pelatihan_manajerial",
         "PKP (Pelatihan Kepemimpinan Pengawas)", FAJAR, "Fajar"),
        (ANI, "Ani", "P-V", "Dinas A", "M.03", "Komunikasi", 3, 1, -2, "mentoring",
         f"Mentoring Komunikasi oleh Fajar (NIP {FAJAR})", FAJAR, "Fajar"),
        # Gita (level 5) is on study leave and Intan performs below Baik: no mentor.
        (ANI, "Ani", "P-V", "Dinas A", "T.KEU.01", "Pengelolaan Keuangan Daerah", 2, 0, -2,
         "pelatihan_teknis", "Pelatihan teknis Pengelolaan Keuangan Daerah", "", ""),
        (ANI, "Ani", "P-V", "Dinas A", "T.KEU.01", "Pengelolaan Keuangan Daerah", 2, 0, -2,
         "mentoring",
         "Mentoring Pengelolaan Keuangan Daerah (belum ada mentor yang memenuhi syarat di OPD tujuan)",
         "", ""),
        (BUDI, "Budi", "P-A", "Dinas A", "M.03", "Komunikasi", 2, 1, -1, "pelatihan_manajerial",
         "Pelatihan manajerial Komunikasi", FAJAR, "Fajar"),
    ]  # fmt: skip


def test_development_in_english() -> None:
    plan = make_plan(*round_case(), language="en")
    assert plan.development["suggestion"].tolist()[:3] == [
        "PKP (Supervisor Leadership Training)",
        f"Mentoring in Komunikasi by Fajar (NIP {FAJAR})",
        "Technical training in Pengelolaan Keuangan Daerah",
    ]


def test_mentor_limit_and_choice_order() -> None:
    """Three movers into U need M.01 3 (X); mentors M (level 4, Baik) and N (3, Sangat Baik).

    Served widest gap first, then by NIP: the gap-2 mentee (3) then mentee 1 get M, whose limit
    is 2; mentee 2 gets N. O (level 5) has moved away and is no mentor.
    """
    people = [
        person(1, "Mentee1", "S1"), person(2, "Mentee2", "S2"), person(3, "Mentee3", "S3"),
        person(4, "M", "K1", performance="Baik"), person(5, "N", "K2", performance="Sangat Baik"),
        person(6, "O", "K3", performance="Sangat Baik"),
        person(7, "P", "K4", performance="Butuh Perbaikan"),
    ]  # fmt: skip
    posts = [
        post("S1", "S1", "Asal"), post("S2", "S2", "Asal"), post("S3", "S3", "Asal"),
        post("X1", "Kasubbag X1", "U", kind="pengawas"), post("X2", "X2", "U"), post("X3", "X3", "U"),
        post("K1", "K1", "U"), post("K2", "K2", "U"), post("K3", "K3", "U"), post("K4", "K4", "U"),
        post("OUT", "Out", "Lain"),
    ]  # fmt: skip
    levels = {
        nip(1): {"M.01": 2}, nip(2): {"M.01": 2}, nip(3): {"M.01": 1},
        nip(4): {"M.01": 4}, nip(5): {"M.01": 3}, nip(6): {"M.01": 5}, nip(7): {"M.01": 5},
    }  # fmt: skip
    requirements = {"X1": {"M.01": 3}, "X2": {"M.01": 3}, "X3": {"M.01": 3}}
    tables = make_tables(people, posts, levels=levels, requirements=requirements)
    problem = make_problem(tables, development={"max_mentees_per_mentor": 2})
    plan = make_plan(
        problem,
        make_result(problem, {nip(1): "X1", nip(2): "X2", nip(3): "X3", nip(6): "OUT"}),
    )
    d = plan.development
    primary = d[~d["development_kind"].isin(["mentoring", "pendampingan"])]
    assert primary[["nip", "gap", "mentor_nip"]].values.tolist() == [
        [nip(1), -1, nip(4)],
        [nip(2), -1, nip(5)],
        [nip(3), -2, nip(4)],
    ]
    assert primary["suggestion"].tolist() == [
        "PKP (Pelatihan Kepemimpinan Pengawas)",
        "Pelatihan manajerial Integritas",
        "Pelatihan manajerial Integritas",
    ]
    assert d[d["development_kind"] == "mentoring"]["nip"].tolist() == [nip(3)]
    mentees = d[d["mentor_nip"] != ""].groupby("mentor_nip")["nip"].nunique().to_dict()
    assert mentees == {nip(4): 2, nip(5): 1}
    # Everyone moved gets pendampingan, by the mentor of their widest gap; O has moved to an OPD
    # where nobody stays: the direct superior accompanies them.
    induction = d[d["development_kind"] == "pendampingan"].set_index("nip")["mentor_nip"]
    assert induction.to_dict() == {nip(1): nip(4), nip(2): nip(5), nip(3): nip(4), nip(6): ""}


def test_no_movers_no_development() -> None:
    problem, _ = round_case()
    plan = make_plan(problem, make_result(problem, {}))
    assert plan.development.empty
    assert list(plan.development.columns) == list(DEVELOPMENT_COLUMNS)


def test_everyone_moved_gets_pendampingan_even_without_a_gap() -> None:
    problem, result = round_case()
    plan = make_plan(problem, result)
    d = plan.development
    moved = set(plan.assignments.loc[plan.assignments["moved"], "nip"])
    induction = d[d["development_kind"] == "pendampingan"]
    assert set(induction["nip"]) == moved
    assert len(induction) == len(moved)
    assert (induction[["required", "level", "gap"]] == 0).all().all()
    assert (induction["competency"] == "").all()
    with_gap = set(d.loc[d["gap"] < 0, "nip"])
    assert moved - with_gap, "the round has movers without a gap"
    for row in induction.itertuples():
        assert row.suggestion.startswith("Pendampingan 3 bulan pertama di ")
        if row.mentor_nip:
            assert f"NIP {row.mentor_nip}" in row.suggestion
        # A mentor stays in the mover's new OPD.
        if row.mentor_nip:
            mentor = plan.assignments.set_index("nip").loc[row.mentor_nip]
            assert not mentor["moved"]
            assert mentor["to_unit"] == row.to_unit
