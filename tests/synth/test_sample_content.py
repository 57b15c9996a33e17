"""Competencies, standards, wishes; determinism; sizes from 100 people up."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from mutasi_opt.domain import DEFAULT_COMPETENCIES, EMPLOYEE_STATUS
from mutasi_opt.synth import MIN_EMPLOYEES, SampleData, generate_sample

from .helpers import seats, with_posts

MANAGERIAL = [code for code, _, _ in DEFAULT_COMPETENCIES]


def test_requirements_follow_the_level_of_the_post(sibolga: SampleData) -> None:
    r = sibolga.requirements.merge(sibolga.positions, on="position_id")
    m01 = r[r["competency"] == "M.01"]
    by_kind = m01.groupby("kind")["level"].unique()
    assert set(by_kind["jpt_pratama"]) == {4}
    assert set(by_kind["administrator"]) == {3}
    assert set(by_kind["pengawas"]) == {2}
    assert set(by_kind["pelaksana"]) == {1}
    by_jenjang = m01.groupby("jenjang")["level"].unique()
    assert set(by_jenjang["ahli_pertama"]) == {2}
    assert set(by_jenjang["ahli_muda"]) == {3}
    assert set(by_jenjang["ahli_madya"]) == {3, 4}
    assert set(by_jenjang["terampil"]) == {1}
    assert set(by_jenjang["mahir"]) == {2}
    # The same level for all nine managerial and socio-cultural competencies of a post.
    core = r[r["competency"].isin(MANAGERIAL)]
    assert (core.groupby("position_id")["level"].nunique() == 1).all()
    assert (core.groupby("position_id").size() == 9).all()
    # One or two technical competencies of the OPD's family.
    teknis = r[r["competency"].str.startswith("T.")]
    per_post = teknis.groupby("position_id").size()
    assert per_post.between(1, 2).all()
    assert len(per_post) == core["position_id"].nunique()
    guru = teknis[teknis["title"].str.startswith("Guru ")]
    assert guru["competency"].str.startswith("T.PEND.").all()
    perawat = teknis[teknis["title"].str.startswith("Perawat ")]
    assert set(perawat["competency"]) == {"T.KES.02"}
    # A few posts have no standard yet (the readers warn about them).
    missing = 1 - r["position_id"].nunique() / len(sibolga.positions)
    assert 0.005 < missing < 0.05


def test_dictionary_names_every_code_used(sibolga: SampleData) -> None:
    d = sibolga.competency_dictionary
    assert d["code"].is_unique
    assert set(d.loc[d["code"].str.startswith("T."), "kind"]) == {"teknis"}
    assert d.set_index("code").loc["T.KEU.01", "name"] == "Pengelolaan Keuangan Daerah"
    used = set(sibolga.requirements["competency"]) | set(sibolga.competencies["competency"])
    assert used <= set(d["code"])


def test_competency_levels_rise_with_post_level_and_performance(sibolga: SampleData) -> None:
    c = sibolga.competencies
    assert c["level"].between(1, 5).all()
    assert not c.duplicated(["nip", "competency"]).any()
    m = with_posts(sibolga)
    core = c[c["competency"].isin(MANAGERIAL)].groupby("nip")["level"].mean()
    m["core"] = m["nip"].map(core)
    by_kind = m.groupby("kind")["core"].mean()
    assert (
        by_kind["jpt_pratama"]
        > by_kind["administrator"]
        > by_kind["pengawas"]
        > by_kind["pelaksana"]
    )
    assert 3.5 < by_kind["jpt_pratama"] < 4.8
    assert 1.0 <= by_kind["pelaksana"] < 2.0
    by_predikat = m.groupby("performance")["core"].mean()
    assert by_predikat["Sangat Baik"] > by_predikat["Baik"] > by_predikat["Kurang"]
    # Every assessed person has the nine core levels and 1-3 technical ones (mostly).
    per_person = c.groupby("nip")["competency"].agg(lambda s: s.str.startswith("T.").sum())
    assert (c[c["competency"].isin(MANAGERIAL)].groupby("nip").size() == 9).all()
    assert per_person.between(0, 4).all()
    assert per_person.between(1, 3).mean() > 0.9
    # A few people have no competency data at all.
    unassessed = 1 - c["nip"].nunique() / len(sibolga.employees)
    assert 0.01 < unassessed < 0.06


def test_about_thirty_percent_wish_and_some_refuse(sibolga: SampleData) -> None:
    pref = sibolga.preferences
    e = sibolga.employees
    wishes = pref[~pref["refuse"]]
    refusals = pref[pref["refuse"]]
    assert 0.27 <= wishes["nip"].nunique() / len(e) <= 0.33
    assert 0.03 <= refusals["nip"].nunique() / len(e) <= 0.07
    # Exactly one target per row; ranks 1..k per person; refusals have no rank.
    assert (pref["position_id"].notna() ^ pref["unit"].notna()).all()
    ranks = wishes.groupby("nip")["rank"].agg(list)
    assert all(r == list(range(1, len(r) + 1)) and len(r) <= 3 for r in ranks)
    assert refusals["rank"].isna().all()
    assert 0.2 < wishes["unit"].notna().mean() < 0.5
    # Targets exist and are active posts; no one wishes for or refuses their own post.
    active = seats(sibolga).query("status == 'active'")
    assert set(pref["position_id"].dropna()) <= set(active["position_id"])
    assert set(pref["unit"].dropna()) <= set(active["unit"])
    own = pref["nip"].map(e.set_index("nip")["position_id"])
    assert not (pref["position_id"] == own).any()
    # Wishes are plausible: mostly the same kind of post as one's own.
    own_kind = e.set_index("nip")["position_id"].map(
        sibolga.positions.set_index("position_id")["kind"]
    )
    kind_of = sibolga.positions.set_index("position_id")["kind"]
    post_wishes = wishes[wishes["position_id"].notna()]
    same = post_wishes["position_id"].map(kind_of) == post_wishes["nip"].map(own_kind)
    assert same.mean() > 0.7
    # Those who must move (abolished posts, not placed) refuse nothing.
    m = with_posts(sibolga)
    must = m.loc[(m["status_post"] == "abolished") | m["position_id"].isna(), "nip"]
    assert not refusals["nip"].isin(must).any()


def test_same_seed_same_tables_other_seed_other_tables(sibolga: SampleData) -> None:
    again = generate_sample(2500, seed=2026)
    for name, frame in sibolga.tables().items():
        pd.testing.assert_frame_equal(frame, again.tables()[name])
    other = generate_sample(2500, seed=2027)
    assert not other.employees["nip"].equals(sibolga.employees["nip"])
    assert set(other.employees["nip"]) != set(sibolga.employees["nip"])


def test_the_planning_date_moves_every_date() -> None:
    a = generate_sample(300, seed=3, as_of=dt.date(2026, 12, 1))
    b = generate_sample(300, seed=3, as_of=dt.date(2027, 12, 1))
    shift = (b.employees["birth_date"] - a.employees["birth_date"]).dt.days
    assert shift.between(364, 366).all()


@pytest.mark.parametrize("n", [MIN_EMPLOYEES, 300, 1000, 6000])
def test_any_size_keeps_the_invariants(n: int) -> None:
    s = generate_sample(n, seed=11)
    assert len(s.employees) == n
    p = seats(s)
    assert (p["free"] >= 0).all()
    active = p[p["status"] == "active"]
    assert 0.08 <= active["free"].sum() / active["capacity"].sum() <= 0.12
    assert (p.loc[p["status"] == "abolished", "free"] == 0).all()
    assert s.employees["position_id"].isna().sum() >= 1
    # tidak_aktif is SIASN's kedudukan hukum without a status of its own: not drawn by the sample.
    assert set(s.employees["status"]) == set(EMPLOYEE_STATUS) - {"tidak_aktif"}
    assert set(s.employees["asn_type"]) == {"PNS", "CPNS", "PPPK"}
    size = p.groupby("unit")["capacity"].sum().sort_values(ascending=False)
    assert set(size.index[:2]) == {"Dinas Pendidikan", "Dinas Kesehatan"}
    assert s.employees["nip"].is_unique


def test_too_small_or_negative_seed_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 100 employees"):
        generate_sample(MIN_EMPLOYEES - 1, seed=1)
    with pytest.raises(ValueError, match="seed must be 0 or more"):
        generate_sample(500, seed=-1)


def test_to_tables_adds_what_the_readers_derive(small: SampleData) -> None:
    t = small.to_tables()
    e = t.employees
    assert set(e["gender"]) == {"L", "P"}
    assert (e["gender"] == e["nip"].str[14].map({"1": "L", "2": "P"})).all()
    assert (e["cpns_date"].dt.day == 1).all()
    assert (e["cpns_date"].dt.strftime("%Y%m") == e["nip"].str[8:14]).all()
    assert e["status_name"].isna().all()
    assert t.scores.empty
    assert list(t.scores.columns) == ["nip", "position_id", "score"]
