"""The reference sample has the shapes a real Kota Sibolga round has (issue 2, item 6)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mutasi_opt.domain import EDUCATION_INDEX, EMPLOYEE_STATUS, GOLONGAN_INDEX, job_level
from mutasi_opt.synth import SampleData

from .helpers import post_families, seats, whole_months, with_posts, years_to_bup

# CPNS entry golongan by education (PP 99/2000), restated here as the oracle.
ENTRY = {"SMA": "II/a", "D1": "II/a", "D3": "II/c", "D4": "III/a", "S1": "III/a", "S2": "III/b",
         "S3": "III/c"}  # fmt: skip


def test_about_ten_percent_of_active_seats_are_vacant(sibolga: SampleData) -> None:
    p = seats(sibolga)
    active = p[p["status"] == "active"]
    share = active["free"].sum() / active["capacity"].sum()
    assert 0.08 <= share <= 0.12
    assert (p["free"] >= 0).all()  # nobody over capacity
    assert 2700 <= p["capacity"].sum() <= 2900


def test_education_and_health_are_the_largest_opds(sibolga: SampleData) -> None:
    size = sibolga.positions.groupby("unit")["capacity"].sum().sort_values(ascending=False)
    assert list(size.index[:2]) == ["Dinas Pendidikan", "Dinas Kesehatan"]
    assert size.iloc[0] > 2 * size.iloc[2]


def test_every_opd_of_the_city_is_there(sibolga: SampleData) -> None:
    units = set(sibolga.positions["unit"])
    for name in ("Sekretariat Daerah", "Sekretariat DPRD", "Inspektorat", "Dinas Kesehatan",
                 "Satuan Polisi Pamong Praja dan Pemadam Kebakaran"):  # fmt: skip
        assert name in units
    assert sum(u.startswith("Kecamatan ") for u in units) == 4
    assert sum(u.startswith("Kelurahan ") for u in units) == 17


def test_one_jpt_per_dinas_and_badan_and_the_sekda(sibolga: SampleData) -> None:
    p = sibolga.positions
    jpt = p[p["kind"] == "jpt_pratama"].groupby("unit").size()
    heads = [u for u in p["unit"].unique() if u.startswith(("Dinas ", "Badan "))]
    assert len(heads) >= 18
    assert (jpt.reindex(heads) == 1).all()
    for unit in (
        "Inspektorat",
        "Sekretariat DPRD",
        "Satuan Polisi Pamong Praja dan Pemadam Kebakaran",
    ):
        assert jpt[unit] == 1
    assert "Sekretaris Daerah" in set(p.loc[p["kind"] == "jpt_pratama", "title"])
    # Camat is an administrator, lurah a pengawas; kecamatan and kelurahan have no JPT.
    assert not any(u.startswith(("Kecamatan", "Kelurahan")) for u in jpt.index)
    assert set(p.loc[p["title"].str.startswith("Camat "), "kind"]) == {"administrator"}
    assert set(p.loc[p["title"].str.startswith("Lurah "), "kind"]) == {"pengawas"}


def test_formations_are_pooled_and_structural_posts_single(sibolga: SampleData) -> None:
    p = sibolga.positions
    structural = p["kind"].isin(["jpt_pratama", "administrator", "pengawas"])
    assert (p.loc[structural, "capacity"] == 1).all()
    assert (p.loc[p["kind"] == "fungsional", "capacity"] > 1).sum() > 100
    assert (p.loc[p["kind"] == "pelaksana", "capacity"] > 1).sum() > 50
    fungsional = p["kind"] == "fungsional"
    assert p.loc[fungsional, "jenjang"].notna().all()
    assert p.loc[~fungsional, "jenjang"].isna().all()
    for title in ("Guru Ahli Muda", "Perawat Terampil", "Bidan Mahir", "Dokter Ahli Pertama"):
        assert p["title"].str.startswith(title).any()


def test_disdukcapil_head_needs_external_approval_and_is_held(sibolga: SampleData) -> None:
    p = seats(sibolga)
    flagged = p[p["needs_external_approval"]]
    assert list(flagged["title"]) == ["Kepala Dinas Kependudukan dan Pencatatan Sipil"]
    assert flagged["held"].tolist() == [1]


def test_ranges_and_education_follow_domain(sibolga: SampleData) -> None:
    p = sibolga.positions
    lo = p["min_golongan"].map(GOLONGAN_INDEX)
    hi = p["max_golongan"].map(GOLONGAN_INDEX)
    assert (lo.notna() == hi.notna()).all()
    assert (lo[lo.notna()] <= hi[hi.notna()]).all()
    expected = {"jpt_pratama": {("IV/b", "IV/c"), ("IV/c", "IV/d")},
                "administrator": {("IV/a", "IV/b"), ("III/d", "IV/a")},
                "pengawas": {("III/c", "III/d"), ("III/b", "III/c")}}  # fmt: skip
    for kind, ranges in expected.items():
        rows = p[p["kind"] == kind]
        assert set(zip(rows["min_golongan"], rows["max_golongan"], strict=True)) == ranges
    keahlian = {"ahli_pertama": ("III/a", "III/b"), "ahli_muda": ("III/c", "III/d"),
                "ahli_madya": ("IV/a", "IV/c")}  # fmt: skip
    for jenjang, (low, high) in keahlian.items():
        rows = p[p["jenjang"] == jenjang]
        assert (rows["min_golongan"] == low).all()
        assert (rows["max_golongan"] == high).all()
    assert p.loc[p["kind"] == "pelaksana", "min_golongan"].isna().all()
    assert set(p.loc[p["kind"].isin(["jpt_pratama", "administrator"]), "min_education"]) == {"S1"}
    assert set(p.loc[p["kind"] == "pengawas", "min_education"]) == {"D3"}
    assert set(p.loc[p["jenjang"] == "terampil", "min_education"]) <= {"D3", "SMA"}
    assert p["priority"].between(1, 5).all()
    assert p["priority"].nunique() == 5


def test_holders_meet_their_posts_and_golongan_follows_service(sibolga: SampleData) -> None:
    m = with_posts(sibolga)
    placed = m["position_id"].notna()
    g = m["golongan"].map(GOLONGAN_INDEX)
    lo = m["min_golongan"].map(GOLONGAN_INDEX)
    hi = m["max_golongan"].map(GOLONGAN_INDEX)
    assert not ((g < lo) | (g > hi)).any()
    edu = m["education"].map(EDUCATION_INDEX)
    assert not (placed & (edu < m["min_education"].map(EDUCATION_INDEX))).any()
    # Above the CPNS entry golongan, at most about one step per two years of service (PNS and
    # CPNS: a PPPK has no golongan in reality, the column holds one inside the post's range).
    steps = g - m["education"].map(ENTRY).map(GOLONGAN_INDEX)
    cpns = pd.to_datetime(m["nip"].str[8:14] + "01", format="%Y%m%d")
    service = (pd.Timestamp(sibolga.as_of) - cpns).dt.days / 365.25
    assert (steps >= 0).all()
    career = m["asn_type"] != "PPPK"
    assert (steps > service / 2 + 1)[career].mean() < 0.01
    # Older people hold higher ranks: golongan rises with age.
    age = (pd.Timestamp(sibolga.as_of) - m["birth_date"]).dt.days / 365.25
    assert np.corrcoef(age[career], g[career])[0, 1] > 0.4


def test_nips_encode_birth_date_cpns_month_and_gender(sibolga: SampleData) -> None:
    e = sibolga.employees
    nip = e["nip"]
    assert nip.str.fullmatch(r"\d{18}").all()
    assert nip.is_unique
    assert (nip.str[:8] == e["birth_date"].dt.strftime("%Y%m%d")).all()
    assert nip.str[14].isin(["1", "2"]).all()
    assert 0.4 < (nip.str[14] == "2").mean() < 0.7
    cpns = pd.to_datetime(nip.str[8:14] + "01", format="%Y%m%d")
    age_at_cpns = (cpns - e["birth_date"]).dt.days / 365.25
    # The CPNS age limit binds PNS and CPNS, not PPPK (appointed after years as honorer staff).
    career = e["asn_type"] != "PPPK"
    assert age_at_cpns[career].between(18, 35.1).all()
    assert age_at_cpns.between(18, 59).all()  # PPPK: at most a year before the BUP
    # Only CPNS were appointed within the past year.
    recent = cpns > pd.Timestamp(sibolga.as_of) - pd.DateOffset(years=1)
    assert (recent == (e["asn_type"] == "CPNS")).all()
    placed = e["position_id"].notna()
    assert (e.loc[placed, "tmt_jabatan"] >= cpns[placed]).all()
    assert e.loc[~placed, "tmt_jabatan"].isna().all()


def test_tenure_is_spread_around_the_window(sibolga: SampleData) -> None:
    e = sibolga.employees
    months = whole_months(e.loc[e["position_id"].notna(), "tmt_jabatan"], sibolga.as_of)
    assert 0.15 < (months < 24).mean() < 0.40
    assert 0.15 < (months > 60).mean() < 0.40
    assert (months >= 0).all()


def test_some_are_within_a_year_of_bup_and_none_past_it(sibolga: SampleData) -> None:
    left = years_to_bup(sibolga)
    assert (left > 0).all()
    assert 0.03 <= (left < 1.0).mean() <= 0.04


def test_abolished_posts_are_held_by_movable_people(sibolga: SampleData) -> None:
    p = seats(sibolga)
    abolished = p[p["status"] == "abolished"]
    assert 20 <= len(abolished) <= 60
    assert (abolished["free"] == 0).all()
    m = with_posts(sibolga)
    holders = m[m["status_post"] == "abolished"]
    assert len(holders) == abolished["capacity"].sum()
    assert (holders["status"] == "aktif").all()
    assert not holders["locked"].any()
    assert (whole_months(holders["tmt_jabatan"], sibolga.as_of) >= 24).all()
    assert (years_to_bup(sibolga)[holders.index] > 1.0).all()
    assert not holders["kind"].eq("jpt_pratama").any()


def test_statuses_locks_and_unplaced_people_exist(sibolga: SampleData) -> None:
    e = sibolga.employees
    counts = e["status"].value_counts()
    # tidak_aktif stands for SIASN's kedudukan hukum that have no status of their own (Pejabat
    # Negara, Pensiun, ...): a status of SIASN exports, not one the sample draws.
    assert set(counts.index) == set(EMPLOYEE_STATUS) - {"tidak_aktif"}
    assert (counts[["hukuman_disiplin", "tugas_belajar", "cuti"]] >= 10).all()
    assert counts.drop("aktif").sum() < 0.05 * len(e)
    assert 10 <= e["locked"].sum() <= 50
    unplaced = e[e["position_id"].isna()]
    assert 3 <= len(unplaced) <= 20
    assert (unplaced["status"] == "aktif").all()
    assert not unplaced["locked"].any()


def test_predikat_and_potential_shares(sibolga: SampleData) -> None:
    e = sibolga.employees
    share = e["performance"].value_counts(normalize=True)
    expected = {"Sangat Baik": 0.10, "Baik": 0.75, "Butuh Perbaikan": 0.10, "Kurang": 0.04,
                "Sangat Kurang": 0.01}  # fmt: skip
    for label, value in expected.items():
        assert share[label] == pytest.approx(value, abs=0.005)
    # No previous predikat for the newly appointed (CPNS, PPPK of the last batch) and a few more.
    assert e["performance_prev"].isna().mean() < 0.09
    assert e.loc[e["asn_type"] == "CPNS", "performance_prev"].isna().all()
    assessed = e["potential"].dropna()
    assert len(assessed) / len(e) > 0.9
    pot = assessed.value_counts(normalize=True)
    assert pot["rendah"] == pytest.approx(0.25, abs=0.02)
    assert pot["menengah"] == pytest.approx(0.55, abs=0.02)
    assert pot["tinggi"] == pytest.approx(0.20, abs=0.02)
    # Potential goes with performance.
    high = e["potential"] == "tinggi"
    assert (
        high[e["performance"] == "Sangat Baik"].mean()
        > 2 * high[e["performance"] == "Kurang"].mean()
    )


def test_baseline_must_movers_fit_into_vacancies(sibolga: SampleData) -> None:
    """Holders of abolished posts and unplaced people can all take a distinct vacancy.

    Oracle: a bipartite matching (scipy) on an eligibility written here from docs/domain.md: an
    active post without external approval, golongan inside its range, education at least its
    minimum, for a holder of an abolished post the same job level (no promotion needed), and for
    a functional post its family among the person's qualifications (career pattern: none of them
    holds a functional post).
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_bipartite_matching

    p = seats(sibolga)
    open_ = p[(p["status"] == "active") & ~p["needs_external_approval"] & (p["free"] > 0)]
    seat = open_.loc[open_.index.repeat(open_["free"])].reset_index(drop=True)
    m = with_posts(sibolga)
    movers = m[(m["status_post"] == "abolished") | m["position_id"].isna()].reset_index(drop=True)
    g = movers["golongan"].map(GOLONGAN_INDEX).to_numpy()[:, None]
    edu = movers["education"].map(EDUCATION_INDEX).to_numpy()[:, None]
    lo = seat["min_golongan"].map(GOLONGAN_INDEX).fillna(-1).to_numpy()[None, :]
    hi = seat["max_golongan"].map(GOLONGAN_INDEX).fillna(99).to_numpy()[None, :]
    need = seat["min_education"].map(EDUCATION_INDEX).fillna(0).to_numpy()[None, :]
    level = np.array([job_level(k, j) for k, j in zip(seat["kind"], seat["jenjang"], strict=True)])
    own = np.array(
        [
            job_level(k, j) if isinstance(k, str) else -1
            for k, j in zip(movers["kind"], movers["jenjang"], strict=True)
        ]
    )
    same_level = (own[:, None] == -1) | (own[:, None] == level[None, :])
    seat_family = seat["position_id"].map(post_families(sibolga))
    held = movers["qualifications"].map(
        lambda q: set(q.split(";")) if isinstance(q, str) else set()
    )
    profession = np.array(
        [[not isinstance(f, str) or f in h for f in seat_family] for h in held], dtype=bool
    )
    ok = (g >= lo) & (g <= hi) & (edu >= need) & same_level & profession
    match = maximum_bipartite_matching(csr_matrix(ok.astype(np.int8)), perm_type="column")
    assert len(movers) >= 30
    assert (match >= 0).all()


def test_a_large_cohort_sharing_a_nip_prefix_keeps_three_digit_sequences() -> None:
    # At 100,000 people the generator puts hundreds of people on one birth date and CPNS month
    # (a cohort near BUP); their sequence numbers must not run into the gender digit.
    from mutasi_opt.synth.people import _nips

    n = 900
    birth = np.full(n, np.datetime64("1967-12-09"))
    cpns = np.full(n, np.datetime64("1989-12-01"))
    female = np.zeros(n, dtype=bool)
    female[::3] = True
    nip = pd.Series(_nips(birth, cpns, female, np.random.default_rng(0)))
    assert nip.is_unique
    assert nip.str.fullmatch(r"19671209198912[12]\d{3}").all()
    assert (nip.str[14] == np.where(female, "2", "1")).all()
    assert nip.str[15:].astype(int).between(1, 999).all()
    with pytest.raises(ValueError, match="999"):
        _nips(np.full(1000, birth[0]), np.full(1000, cpns[0]), np.zeros(1000, bool),
              np.random.default_rng(0))  # fmt: skip
