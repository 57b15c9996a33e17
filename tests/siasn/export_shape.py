"""A synthetic sample (mutasi_opt.synth) written in SIASN's "Export Data ASN" shape.

Every cell carries SIASN's leading ``'``, nothing is ``null``, a missing date is ``01-01-0001``;
values are SIASN's (``S-1/Sarjana``, *kedudukan hukum* names and ids, golongan ids). Posts get
SIASN-like ids: a structural post its own unit (``unor_id``), a functional or general post the id
of its jabatan (shared by every unit) in the id of its unit. Returns the export, the positions
table renamed to the ids the reader builds, and the SKP history of the last two years.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from mutasi_opt.synth.generate import SampleData
from mutasi_opt.tables import siasn

STRUCTURAL = ("jpt_pratama", "administrator", "pengawas")
KEDUDUKAN = {status: (ident, name) for ident, name, status in reversed(siasn.KEDUDUKAN_HUKUM)}
KEDUDUKAN["aktif"] = ("01", "Aktif")
KEDUDUKAN["cuti"] = ("02", "CLTN")
KEDUDUKAN["hukuman_disiplin"] = ("15", "PNS kena hukuman disiplin")
KEDUDUKAN["ikatan_dinas"] = ("null", "Ikatan Dinas")  # no kedudukan hukum of its own in SIASN
EDUCATION = {
    code: (ident or "null", name) for ident, name, code in reversed(siasn.EDUCATION_LEVELS)
}
GOLONGAN_ID = {g: ident for ident, g in siasn.GOLONGAN_IDS.items()}


def _hex(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:32]


def _date(value: object) -> str:
    if pd.isna(value):  # type: ignore[call-overload]
        return "01-01-0001"
    return pd.Timestamp(value).strftime("%d-%m-%Y")  # type: ignore[arg-type]


def post_ids(positions: pd.DataFrame) -> pd.DataFrame:
    """Per post: its SIASN unit id, jabatan id, jenis jabatan and the id the reader builds."""
    p = positions
    structural = p["kind"].isin(STRUCTURAL)
    shared = (~structural) & p.duplicated(["title", "unit"], keep=False)
    unor = [
        _hex(f"unor/{pid}") if s or d else _hex(f"unor/{u}")
        for pid, u, s, d in zip(p["position_id"], p["unit"], structural, shared, strict=True)
    ]
    jabatan = [
        _hex(f"jabatan/{pid}") if s else _hex(f"jabatan/{t}")
        for pid, t, s in zip(p["position_id"], p["title"], structural, strict=True)
    ]
    jenis = [
        "1" if s else ("2" if k == "fungsional" else "4")
        for s, k in zip(structural, p["kind"], strict=True)
    ]
    built = [u if j == "1" else f"{b}@{u}" for u, b, j in zip(unor, jabatan, jenis, strict=True)]
    return pd.DataFrame(
        {"position_id": p["position_id"], "unor_id": unor, "jabatan_id": jabatan,
         "jenis_jabatan_id": jenis, "built": built}
    )  # fmt: skip


def export(sample: SampleData) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(the "Export Data ASN" table, positions with built ids, skp_history)."""
    e, p = sample.employees, sample.positions
    ids = post_ids(p).set_index("position_id")
    posts = p.set_index("position_id")
    held = e["position_id"]
    jenis_name = {
        "1": "Jabatan Struktural",
        "2": "Jabatan Fungsional Tertentu",
        "4": "Jabatan Fungsional Umum",
    }

    def at(column: pd.Series) -> pd.Series:
        return held.map(column).where(held.notna(), "null")

    ked = e["status"].map(KEDUDUKAN)
    edu = e["education"].map(EDUCATION)
    rows = pd.DataFrame(
        {
            "pns_id": e["nip"].map(lambda n: _hex(f"pns/{n}")),
            "nip_baru": e["nip"],
            "nip_lama": "null",
            "nama": e["name"],
            "gelar_depan": "null",
            "gelar_belakang": "null",
            "tanggal_lahir": e["birth_date"].map(_date),
            "jenis_kelamin": e["nip"].str[14].map({"1": "M", "2": "F"}),
            "jenis_pegawai_nama": e["asn_type"].map(
                {"PNS": "PNS Daerah Otonom", "CPNS": "PNS Daerah Otonom", "PPPK": "PPPK"}
            ),
            "kedudukan_hukum_id": ked.str[0],
            "kedudukan_hukum_nama": ked.str[1],
            "status_cpns_pns": e["asn_type"].map({"PNS": "P", "CPNS": "C", "PPPK": "null"}),
            "tmt_cpns": "01-01-0001",
            "gol_akhir_id": e["golongan"].map(GOLONGAN_ID),
            "gol_akhir_nama": e["golongan"],
            "jenis_jabatan_id": at(ids["jenis_jabatan_id"]),
            "jenis_jabatan_nama": at(ids["jenis_jabatan_id"].map(jenis_name)),
            "jabatan_id": at(ids["jabatan_id"]),
            "jabatan_nama": at(posts["title"]),
            "tmt_jabatan": e["tmt_jabatan"].map(_date),
            "tingkat_pendidikan_id": edu.str[0],
            "tingkat_pendidikan_nama": edu.str[1],
            "unor_id": at(ids["unor_id"]),
            "unor_nama": at(posts["unit"]),
            "instansi_induk_nama": "Pemerintah Kota Sibolga",
        }
    )
    rows = "'" + rows.astype(str)
    positions = p.assign(position_id=p["position_id"].map(ids["built"]))
    years = []
    for year, column in ((2025, "performance"), (2024, "performance_prev")):
        given = e[e[column].notna()]
        years.append(
            pd.DataFrame(
                {
                    "nipBaru": given["nip"],
                    "tahun": year,
                    "kuadranKinerja": given[column].str.upper(),
                }
            )
        )
    return rows, positions, pd.concat(years, ignore_index=True)
