"""Professions, kinds of ASN and the rarer statuses of the reference sample.

Oracles written here from the engine's contract (docs/domain.md, tables/model.py): the family a
functional title derives to, the entry golongan of a CPNS (PP 99/2000), the BUP of a post.
"""

from __future__ import annotations

import pandas as pd
import pytest

from mutasi_opt.domain import EMPLOYEE_STATUS, GOLONGAN_INDEX
from mutasi_opt.synth import SampleData, generate_sample

from .helpers import derived_family, post_families, with_posts, years_to_bup

STRUCTURAL = ("jpt_pratama", "administrator", "pengawas")
ENTRY = {"SMA": "II/a", "D1": "II/a", "D3": "II/c", "D4": "III/a", "S1": "III/a", "S2": "III/b",
         "S3": "III/c"}  # fmt: skip


def _cpns_month(e: pd.DataFrame) -> pd.Series:
    """TMT CPNS (or TMT PPPK) month from the NIP."""
    return pd.to_datetime(e["nip"].str[8:14] + "01", format="%Y%m%d")


def _families(sample: SampleData) -> pd.Series:
    """Family of each person's functional post (``None`` for other kinds and the unplaced)."""
    fam = post_families(sample)
    pid = sample.employees["position_id"]
    return pid.map(lambda p: fam.get(p) if isinstance(p, str) else None)


def test_the_derivation_restated_here_reads_the_contract_examples() -> None:
    assert derived_family("Guru Ahli Muda pada SMP Negeri 1") == "Guru"
    assert derived_family("Asisten Apoteker Terampil di Puskesmas Hutabarat") == "Asisten Apoteker"
    assert derived_family("Polisi Pamong Praja Mahir") == "Polisi Pamong Praja"
    assert derived_family("Analis Kebijakan Ahli  Madya") == "Analis Kebijakan"


def test_functional_posts_name_the_family_their_title_derives_to(sibolga: SampleData) -> None:
    p = sibolga.positions
    functional = p["kind"] == "fungsional"
    assert p.loc[~functional, "family"].isna().all()
    written = p[functional & p["family"].notna()]
    derived = written["title"].map(derived_family)
    assert (written["family"] == derived).all()
    # About one functional post in ten leaves the cell empty: the engine derives it.
    assert p.loc[functional, "family"].isna().mean() == pytest.approx(0.10, abs=0.01)
    assert {"Guru", "Dokter", "Perawat", "Bidan", "Apoteker", "Asisten Apoteker",
            "Pranata Komputer", "Analis Kebijakan", "Auditor", "Penyuluh Pertanian",
            "Polisi Pamong Praja"} <= set(post_families(sibolga))  # fmt: skip
    # Empty cells are spread over the families, not one family left out.
    blank = p[functional & p["family"].isna()]
    assert blank["title"].map(derived_family).nunique() >= 5


def test_a_few_people_hold_a_second_profession_of_the_sample(sibolga: SampleData) -> None:
    e = sibolga.employees
    q = e["qualifications"]
    assert q.notna().mean() == pytest.approx(0.02, abs=0.01)
    assert (q.dropna() != "").all()
    pieces = q.dropna().str.split(";")
    families = set(post_families(sibolga))
    assert all(set(p) <= families for p in pieces)
    assert all(len(p) == len(set(p)) for p in pieces)
    assert (pieces.map(len) == 2).sum() >= 1  # the separator is exercised
    # Nobody lists the family of the functional post they hold.
    own = _families(sibolga)
    assert not any(o in p for o, p in zip(own[q.notna()], pieces, strict=True))
    # The combinations the generator knows (and no teacher of another subject, no doctor-nurse).
    m = with_posts(sibolga).assign(own=own)
    perawat = m[(m["own"] == "Perawat") & q.notna()]
    assert set(perawat["qualifications"]) <= {"Bidan"}
    assert not any({"Dokter", "Perawat"} <= set(p) for p in pieces)
    # A person not placed who was drawn for a functional vacancy may go back to that profession.
    unplaced = m[m["position_id"].isna()]
    assert unplaced["qualifications"].notna().sum() >= 1


def test_pppk_hold_a_third_of_teacher_nurse_and_midwife_posts(sibolga: SampleData) -> None:
    e = sibolga.employees
    assert set(e["asn_type"]) == {"PNS", "CPNS", "PPPK"}
    m = with_posts(sibolga).assign(own=_families(sibolga))
    pppk = m["asn_type"] == "PPPK"
    for family in ("Guru", "Perawat", "Bidan"):
        assert 0.25 <= pppk[m["own"] == family].mean() <= 0.40, family
    other = (m["kind"] == "fungsional") & ~m["own"].isin(["Guru", "Perawat", "Bidan"])
    assert 0.01 <= pppk[other].mean() <= 0.08
    assert 0.01 <= pppk[m["kind"] == "pelaksana"].mean() <= 0.08
    # Mostly at the lowest jenjang.
    guru = m[m["own"] == "Guru"]
    by_jenjang = (guru["asn_type"] == "PPPK").groupby(guru["jenjang"]).mean()
    assert by_jenjang["ahli_pertama"] > by_jenjang["ahli_muda"] > by_jenjang["ahli_madya"]
    # Appointed since 2021 (one to five and a half years back), older than CPNS were.
    tmt = _cpns_month(m[pppk])
    as_of = pd.Timestamp(sibolga.as_of)
    assert (tmt <= as_of - pd.DateOffset(years=1)).all()
    assert (tmt >= as_of - pd.DateOffset(years=6)).all()
    age_at_tmt = (tmt - m.loc[pppk, "birth_date"]).dt.days / 365.25
    assert (age_at_tmt > 35).mean() > 0.2


def test_cpns_are_new_junior_and_never_structural(sibolga: SampleData) -> None:
    m = with_posts(sibolga)
    cpns = m[m["asn_type"] == "CPNS"]
    assert 0.02 <= len(cpns) / len(m) <= 0.03
    as_of = pd.Timestamp(sibolga.as_of)
    tmt = _cpns_month(cpns)
    assert (tmt > as_of - pd.DateOffset(years=1)).all()
    assert (tmt <= as_of).all()
    assert tmt.nunique() <= 2  # appointment batches
    assert (cpns["golongan"] == cpns["education"].map(ENTRY)).all()
    g = cpns["golongan"].map(GOLONGAN_INDEX)
    assert (g >= cpns["min_golongan"].map(GOLONGAN_INDEX).fillna(-1)).all()
    assert (g <= cpns["max_golongan"].map(GOLONGAN_INDEX).fillna(99)).all()
    assert cpns["kind"].isin(["pelaksana", "fungsional"]).all()
    assert set(cpns["jenjang"].dropna()) <= {"pemula", "terampil", "ahli_pertama"}
    assert (cpns["tmt_jabatan"] == tmt).all()
    assert (cpns["status"] == "aktif").all()
    assert cpns["performance_prev"].isna().all()
    age_at_tmt = (tmt - cpns["birth_date"]).dt.days / 365.25
    assert age_at_tmt.between(18, 35.1).all()


@pytest.mark.parametrize("n", [300, 2500])
def test_structural_abolished_and_unplaced_are_pns(n: int, sibolga: SampleData) -> None:
    s = sibolga if n == 2500 else generate_sample(n, seed=5)
    m = with_posts(s)
    pns_only = (
        m["kind"].isin(STRUCTURAL) | (m["status_post"] == "abolished") | m["position_id"].isna()
    )
    assert (m.loc[pns_only, "asn_type"] == "PNS").all()
    assert m["asn_type"].isin(["PNS", "CPNS", "PPPK"]).all()


def test_rare_statuses_at_their_rates(sibolga: SampleData) -> None:
    e = sibolga.employees
    counts = e["status"].value_counts()
    # tidak_aktif is SIASN's kedudukan hukum without a status of its own: not drawn by the sample.
    assert set(counts.index) == set(EMPLOYEE_STATUS) - {"tidak_aktif"}
    assert 1 <= counts["proses_hukum"] <= 5  # ~0.1 %
    assert 4 <= counts["ikatan_dinas"] <= 12  # ~0.3 %
    assert 1 <= counts["pemberhentian_sementara"] <= 3  # ~0.05 %
    assert 3 <= counts["masa_persiapan_pensiun"] <= 15
    # MPP: only within twelve months of the BUP, and a few of those.
    mpp = e["status"] == "masa_persiapan_pensiun"
    left = years_to_bup(sibolga)
    assert (left[mpp] < 1.0).all()
    assert mpp.sum() < 0.2 * (left < 1.0).sum()
    # PNS matters: the bond, study leave, suspension and MPP are PNS statuses.
    for status in ("masa_persiapan_pensiun", "ikatan_dinas", "tugas_belajar", "proses_hukum",
                   "pemberhentian_sementara"):  # fmt: skip
        assert (e.loc[e["status"] == status, "asn_type"] == "PNS").all(), status
    # A service bond is held by recent appointees.
    bonded = e[e["status"] == "ikatan_dinas"]
    service = (pd.Timestamp(sibolga.as_of) - _cpns_month(bonded)).dt.days / 365.25
    assert (service < 6.5).all()
    # Only holders of active posts carry a status other than aktif.
    m = with_posts(sibolga)
    special = m[m["status"] != "aktif"]
    assert special["position_id"].notna().all()
    assert (special["status_post"] == "active").all()
