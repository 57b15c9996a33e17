"""Vocabulary of the domain as ordered levels and lookup tables (see docs/domain.md).

Everything here is a fact of the regulations or a documented convention of this engine. Settings
that practice varies on live in :mod:`mutasi_opt.scenario`, not here.
"""

from __future__ import annotations

import re
from typing import Final

# Golongan/ruang I/a ... IV/e: 17 ordered steps (index = rank order).
GOLONGAN: Final[tuple[str, ...]] = (
    "I/a", "I/b", "I/c", "I/d",
    "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)  # fmt: skip
GOLONGAN_INDEX: Final[dict[str, int]] = {g: i for i, g in enumerate(GOLONGAN)}

# Highest education, ordered. D4 ranks with S1 for promotion rules ("S1/D-IV").
EDUCATION: Final[tuple[str, ...]] = ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
EDUCATION_INDEX: Final[dict[str, int]] = {e: i for i, e in enumerate(EDUCATION)}

# SKP predikat (PermenPANRB 6/2022), best first.
PREDIKAT: Final[tuple[str, ...]] = (
    "Sangat Baik",
    "Baik",
    "Butuh Perbaikan",
    "Kurang",
    "Sangat Kurang",
)
# Mapping of the predikat to [0, 1] used in the value of a pair (w_performance * perf_i).
PERFORMANCE_SCORE: Final[dict[str, float]] = {
    "Sangat Baik": 1.0,
    "Baik": 0.75,
    "Butuh Perbaikan": 0.5,
    "Kurang": 0.25,
    "Sangat Kurang": 0.0,
}
# 9-box performance axis: 0 below, 1 meets, 2 above expectations.
PERFORMANCE_AXIS: Final[dict[str, int]] = {
    "Sangat Baik": 2,
    "Baik": 1,
    "Butuh Perbaikan": 0,
    "Kurang": 0,
    "Sangat Kurang": 0,
}

POTENTIAL: Final[tuple[str, ...]] = ("rendah", "menengah", "tinggi")
# Mapping of potential to [0, 1]; a person without assessment counts as 'menengah' is NOT assumed:
# scoring treats a missing potential as 0.5 and counts a warning (see mutasi_opt.scoring).
POTENTIAL_SCORE: Final[dict[str, float]] = {"rendah": 0.0, "menengah": 0.5, "tinggi": 1.0}
POTENTIAL_AXIS: Final[dict[str, int]] = {"rendah": 0, "menengah": 1, "tinggi": 2}

# 9-box number by (potential axis, performance axis), PermenPANRB 3/2020 (docs/domain.md,
# "Talent management: the 9-box").
NINE_BOX: Final[dict[tuple[int, int], int]] = {
    (2, 0): 6, (2, 1): 8, (2, 2): 9,
    (1, 0): 3, (1, 1): 5, (1, 2): 7,
    (0, 0): 1, (0, 1): 2, (0, 2): 4,
}  # fmt: skip

# Statuses (SIASN *kedudukan hukum*, docs/domain.md "Statuses that stop a transfer"): anyone not
# aktif stays in place.
EMPLOYEE_STATUS: Final[tuple[str, ...]] = (
    "aktif", "hukuman_disiplin", "tugas_belajar", "cuti", "proses_hukum", "ikatan_dinas",
    "pemberhentian_sementara", "masa_persiapan_pensiun", "tidak_aktif",
)  # fmt: skip
"""``tidak_aktif``: not active for another reason, a SIASN *kedudukan hukum* with no code of its
own (Pejabat Negara, Penerima Uang Tunggu, Pensiun, ...; tables/siasn.py): the reason of the stay
quotes the SIASN name."""
# Employment types (docs/domain.md "Employment types"): permanent, on probation, contract.
ASN_TYPES: Final[tuple[str, ...]] = ("PNS", "CPNS", "PPPK")
POSITION_STATUS: Final[tuple[str, ...]] = ("active", "abolished")

KINDS: Final[tuple[str, ...]] = (
    "jpt_pratama",
    "administrator",
    "pengawas",
    "pelaksana",
    "fungsional",
)
JENJANG_KEAHLIAN: Final[tuple[str, ...]] = ("ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama")
JENJANG_KETERAMPILAN: Final[tuple[str, ...]] = ("pemula", "terampil", "mahir", "penyelia")
JENJANG: Final[tuple[str, ...]] = JENJANG_KEAHLIAN + JENJANG_KETERAMPILAN

# Job level used for promotion / demotion, following the equalisation of structural and
# functional posts (PermenPANRB 17/2021): administrator ~ ahli madya, pengawas ~ ahli muda,
# the former eselon V ~ ahli pertama. Keterampilan posts sit with pelaksana, penyelia one above.
JOB_LEVEL_STRUCTURAL: Final[dict[str, int]] = {
    "pelaksana": 1,
    "pengawas": 3,
    "administrator": 4,
    "jpt_pratama": 5,
}
JOB_LEVEL_FUNCTIONAL: Final[dict[str, int]] = {
    "pemula": 1,
    "terampil": 1,
    "mahir": 2,
    "penyelia": 2,
    "ahli_pertama": 2,
    "ahli_muda": 3,
    "ahli_madya": 4,
    "ahli_utama": 5,
}


def job_level(kind: str, jenjang: str | None) -> int:
    """Level of a post on the common 1-5 scale (see the tables above)."""
    if kind == "fungsional":
        if jenjang is None:
            raise ValueError("a fungsional post needs a jenjang")
        return JOB_LEVEL_FUNCTIONAL[jenjang]
    return JOB_LEVEL_STRUCTURAL[kind]


# Career pattern (PP 11/2017 art. 190(4)-(5), docs/domain.md "Professions"): a functional post
# belongs to a profession family; its title names the family followed by the jenjang and often the
# place ("Guru Ahli Muda pada SMP Negeri 1").
JENJANG_WORDS: Final[tuple[str, ...]] = (
    "ahli pertama", "ahli muda", "ahli madya", "ahli utama", "pemula", "terampil", "mahir",
    "penyelia",
)  # fmt: skip
_PLACE = re.compile(r"\s(?:pada|di)\s", re.IGNORECASE)
_JENJANG_WORDS = re.compile(
    r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in JENJANG_WORDS) + r")\b", re.IGNORECASE
)


def family_key(name: str) -> str:
    """How two family names are compared: case-insensitive, runs of whitespace as one space."""
    return " ".join(name.split()).casefold()


def unit_key(name: str) -> str:
    """How two unit (OPD) names are compared: case-insensitive, runs of white space (a double
    space, a non-breaking space, a tab) as one space. ``"Dinas  Kesehatan"`` and
    ``"dinas kesehatan"`` name one unit; ``"Dinas Kesehatan."`` another."""
    return " ".join(name.split()).casefold()


def post_family(title: str, family: str | None = None) -> str | None:
    """The profession family of a functional post: ``family`` when given, else from the title.

    The title without what follows " pada " or " di " and without its jenjang words
    (``"Guru Ahli Muda pada SMP Negeri 1"`` -> ``"Guru"``); ``None`` when nothing is left
    (a title such as ``"Ahli Muda"`` names no profession, and the post constrains nobody).
    """
    if family is not None and family.strip():
        return " ".join(family.split())
    head = _PLACE.split(title, maxsplit=1)[0]
    return " ".join(_JENJANG_WORDS.sub(" ", head).split()) or None


def split_qualifications(text: str | None) -> tuple[str, ...]:
    """The families of a ``qualifications`` cell (``;``-separated; empty pieces ignored)."""
    if text is None:
        return ()
    return tuple(" ".join(part.split()) for part in text.split(";") if part.strip())


# BUP, retirement age in years (UU 20/2023; BKN letter on JF): 58 by default, 60 for JPT and
# ahli madya, 65 for ahli utama.
def retirement_age(kind: str | None, jenjang: str | None) -> int:
    """Batas usia pensiun for the holder of a post of this kind and jenjang."""
    if kind == "jpt_pratama" or jenjang == "ahli_madya":
        return 60
    if jenjang == "ahli_utama":
        return 65
    return 58


# Required managerial level commonly used by post kind (docs/domain.md, "Competency"; real
# standards come per post).
MANAGERIAL_LEVEL: Final[dict[str, int]] = {
    "jpt_pratama": 4,
    "administrator": 3,
    "pengawas": 2,
    "pelaksana": 1,
}

# Built-in competency dictionary (PermenPANRB 38/2017): 8 managerial and 1 socio-cultural.
DEFAULT_COMPETENCIES: Final[tuple[tuple[str, str, str], ...]] = (
    ("M.01", "Integritas", "manajerial"),
    ("M.02", "Kerjasama", "manajerial"),
    ("M.03", "Komunikasi", "manajerial"),
    ("M.04", "Orientasi pada Hasil", "manajerial"),
    ("M.05", "Pelayanan Publik", "manajerial"),
    ("M.06", "Pengembangan Diri dan Orang Lain", "manajerial"),
    ("M.07", "Mengelola Perubahan", "manajerial"),
    ("M.08", "Pengambilan Keputusan", "manajerial"),
    ("SK.01", "Perekat Bangsa", "sosial_kultural"),
)
COMPETENCY_KINDS: Final[tuple[str, ...]] = ("manajerial", "sosial_kultural", "teknis")

# JPM categories: (lower cut of the best, lower cut of the middle) in percent.
JPM_CUTS: Final[dict[str, tuple[float, float]]] = {
    "mapping": (90.0, 78.0),
    "selection": (80.0, 68.0),
}
JPM_LABELS: Final[dict[str, tuple[str, str, str]]] = {
    "mapping": ("Optimal", "Cukup Optimal", "Kurang Optimal"),
    "selection": ("Memenuhi Syarat", "Masih Memenuhi Syarat", "Kurang Memenuhi Syarat"),
}
