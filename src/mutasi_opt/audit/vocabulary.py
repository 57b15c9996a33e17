"""The audit's own tables, copied from docs/domain.md and docs/model.md (not from the engine).

Golongan and education order, the predikat and potential values, the job levels and the BUP. A copy
in the engine that disagrees with the documents is exactly what the audit catches, so nothing here
is imported from :mod:`mutasi_opt.domain` or :mod:`mutasi_opt.rule_context`.
"""

from __future__ import annotations

from typing import Final

# Golongan/ruang I/a ... IV/e, 17 ordered steps (docs/domain.md, "Vocabulary").
GOLONGAN_ORDER: Final[tuple[str, ...]] = (
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)  # fmt: skip
# Highest education, in the order docs/model.md lists it (employees.education).
EDUCATION_ORDER: Final[tuple[str, ...]] = (
    "SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3",
)  # fmt: skip
# perf_i: the SKP predikat on [0, 1] in equal steps, best first (the mapping docs/model.md asks the
# project to document; scoring.py documents Sangat Baik 1, Baik 0.75, ..., Sangat Kurang 0).
PERFORMANCE_VALUE: Final[dict[str, float]] = {
    "Sangat Baik": 1.0, "Baik": 0.75, "Butuh Perbaikan": 0.5, "Kurang": 0.25, "Sangat Kurang": 0.0,
}  # fmt: skip
# pot_i: rendah 0, menengah 0.5, tinggi 1; a missing potential counts the middle of the scale.
POTENTIAL_VALUE: Final[dict[str, float]] = {"rendah": 0.0, "menengah": 0.5, "tinggi": 1.0}
MISSING_POTENTIAL: Final[float] = 0.5
# "appraisal below Baik in the last 2 years blocks promotion" (Perban BKN 5/2019 art. 3).
GOOD_PREDIKAT: Final[frozenset[str]] = frozenset({"Sangat Baik", "Baik"})
# Employment types (docs/model.md, employees.asn_type; docs/domain.md "Employment types"): a table
# without the column makes everyone PNS.
ASN_TYPES: Final[tuple[str, ...]] = ("PNS", "CPNS", "PPPK")
DEFAULT_ASN_TYPE: Final[str] = "PNS"
# The jenjang words a functional post's title carries, removed (as whole words, in any case) to
# derive its profession family when positions.family is empty (docs/model.md, positions.family:
# "the title without its jenjang words and without what follows \" pada \" or \" di \"").
JENJANG_WORDS: Final[tuple[str, ...]] = (
    "Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama", "Pemula", "Terampil", "Mahir",
    "Penyelia",
)  # fmt: skip
# The kind of competency whose absence closes a post (docs/domain.md, "Technical competency");
# a dictionary row without a kind is teknis (docs/model.md, competency_dictionary).
TECHNICAL_KIND: Final[str] = "teknis"
# Job levels on a common 1-5 scale (the equalisation of structural and functional posts,
# PermenPANRB 17/2021, as domain.py documents it): administrator ~ ahli madya, pengawas ~ ahli
# muda, the former eselon V ~ ahli pertama; keterampilan with pelaksana, penyelia one above.
STRUCTURAL_LEVEL: Final[dict[str, int]] = {
    "pelaksana": 1, "pengawas": 3, "administrator": 4, "jpt_pratama": 5,
}  # fmt: skip
FUNCTIONAL_LEVEL: Final[dict[str, int]] = {
    "pemula": 1, "terampil": 1, "mahir": 2, "penyelia": 2,
    "ahli_pertama": 2, "ahli_muda": 3, "ahli_madya": 4, "ahli_utama": 5,
}  # fmt: skip


def bup_years(kind: str | None, jenjang: str | None) -> int:
    """Batas usia pensiun of a post's holder (docs/domain.md, "Retirement (BUP)"; UU 20/2023).

    58 for administrator, pengawas, pelaksana and fungsional ahli pertama/muda and keterampilan;
    60 for JPT and ahli madya; 65 for ahli utama. The jenjang counts for fungsional posts only.
    """
    if kind == "jpt_pratama":
        return 60
    if kind == "fungsional" and jenjang == "ahli_madya":
        return 60
    if kind == "fungsional" and jenjang == "ahli_utama":
        return 65
    return 58


def job_level(kind: str | None, jenjang: str | None) -> int:
    """Level of a post on the 1-5 scale (0 when the kind or jenjang is unknown)."""
    if kind == "fungsional":
        return FUNCTIONAL_LEVEL.get(jenjang or "", 0)
    return STRUCTURAL_LEVEL.get(kind or "", 0)
