"""Other names the readers accept: SIASN column names and common spellings of values.

Column names are matched after :func:`column_key` (lower case, spaces, hyphens and dots turned into
underscores), so ``Position ID``, ``position-id`` and ``POSITION_ID`` all name ``position_id``; a
SIASN name such as ``nipBaru`` is matched the same way (``nipbaru``). Two columns of one table that
name the same engine column are an error, never a silent choice.

Values are matched after their own normalisation (documented on each table below); every accepted
spelling is listed here and nowhere else.
"""

from __future__ import annotations

import re
from typing import Final

from mutasi_opt.domain import (
    ASN_TYPES,
    COMPETENCY_KINDS,
    EDUCATION,
    EMPLOYEE_STATUS,
    JENJANG,
    KINDS,
    POSITION_STATUS,
    POTENTIAL,
    PREDIKAT,
)
from mutasi_opt.tables import siasn
from mutasi_opt.tables.model import EXTENSION_COLUMNS, SKP_HISTORY_COLUMNS, TABLE_COLUMNS

_KEY_SEPARATORS = re.compile(r"[\s\-.]+")


def column_key(name: str) -> str:
    """The form column names are compared in: ``Tgl Lahir`` -> ``tgl_lahir``."""
    return _KEY_SEPARATORS.sub("_", name.strip().lower()).strip("_")


# Per table: alias (as written in SIASN exports or common Indonesian headers) -> engine column.
# The engine's own names are always accepted and are not repeated here.
_COLUMN_ALIASES: Final[dict[str, dict[str, str]]] = {
    "employees": {
        "nipBaru": "nip",
        "nip_baru": "nip",
        "nama": "name",
        "nama_pegawai": "name",
        "jabatanId": "position_id",
        "id_jabatan": "position_id",
        "golRuangAkhir": "golongan",
        "gol_ruang_akhir": "golongan",
        "gol_ruang": "golongan",
        "tkPendidikanTerakhir": "education",
        "tk_pendidikan_terakhir": "education",
        "pendidikan": "education",
        "tmtJabatan": "tmt_jabatan",
        "predikat": "performance",
        "predikat_kinerja": "performance",
        "predikat_kinerja_sebelumnya": "performance_prev",
        "potensi": "potential",
        "tglLahir": "birth_date",
        "tgl_lahir": "birth_date",
        "tanggal_lahir": "birth_date",
        "status_pegawai": "status",
        "dikunci": "locked",
        "jenis_asn": "asn_type",
        # SIASN's own names (tables/siasn.py): its employment-type columns (jenisPegawaiNama,
        # statusPegawai, status_cpns_pns; not to be confused with "status_pegawai" above, the
        # kedudukan hukum) are folded into asn_type by tables/siasn_fold.py.
        **siasn.EMPLOYEE_COLUMNS,
    },
    "positions": {
        "jabatanId": "position_id",
        "id_jabatan": "position_id",
        "jabatanNama": "title",
        "nama_jabatan": "title",
        "unorNama": "unit",
        "unor_nama": "unit",
        "opd": "unit",
        "jenis_jabatan": "kind",
        "kebutuhan": "capacity",
        "formasi": "capacity",
        "gol_min": "min_golongan",
        "gol_max": "max_golongan",
        "pendidikan_min": "min_education",
        "prioritas": "priority",
    },
    "competencies": {
        "nipBaru": "nip",
        "nip_baru": "nip",
        "kompetensi": "competency",
        "kode_kompetensi": "competency",
        "nilai": "level",
        "level_kompetensi": "level",
    },
    "requirements": {
        "jabatanId": "position_id",
        "id_jabatan": "position_id",
        "kompetensi": "competency",
        "kode_kompetensi": "competency",
        "level_standar": "level",
        "standar": "level",
    },
    "competency_dictionary": {
        "kode": "code",
        "kode_kompetensi": "code",
        "nama": "name",
        "nama_kompetensi": "name",
        "jenis": "kind",
    },
    "preferences": {
        "nipBaru": "nip",
        "nip_baru": "nip",
        "urutan": "rank",
        "peringkat": "rank",
        "jabatanId": "position_id",
        "id_jabatan": "position_id",
        "unorNama": "unit",
        "opd": "unit",
        "tolak": "refuse",
    },
    "skp_history": siasn.SKP_COLUMNS,
    "scores": {
        "nipBaru": "nip",
        "nip_baru": "nip",
        "jabatanId": "position_id",
        "id_jabatan": "position_id",
        "nilai": "score",
        "skor": "score",
    },
}

# SIASN employee fields that the engine knows and deliberately does not use (the unit comes from
# the post). They are ignored without a warning; any other unknown column gets an "unused column"
# warning.
_IGNORED_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "employees": (
        "nama_jabatan", "unit", "title", "gender", "cpns_date", "status_name",
        *siasn.UNUSED_EMPLOYEE_COLUMNS,
    ),
    "competencies": ("total", "jpm", "kategori", "category", "nama"),
    "skp_history": siasn.UNUSED_SKP_COLUMNS,
}  # fmt: skip


def column_aliases(table: str) -> dict[str, str]:
    """Compared form of every accepted column name of ``table`` -> the engine's column.

    SIASN columns that are folded into engine columns (:mod:`~mutasi_opt.tables.siasn_fold`)
    map to ``siasn:<name>`` (:data:`~mutasi_opt.tables.siasn.AUX_PREFIX`).
    """
    columns = SKP_HISTORY_COLUMNS if table == "skp_history" else TABLE_COLUMNS[table]
    out = {column_key(c): c for c in (*columns, *EXTENSION_COLUMNS.get(table, ()))}
    out.update({column_key(a): c for a, c in _COLUMN_ALIASES.get(table, {}).items()})
    if table == "employees":
        out.update({column_key(a): siasn.AUX_PREFIX + c for a, c in siasn.AUX_COLUMNS.items()})
    return out


def accepted_names(table: str) -> dict[str, list[str]]:
    """Engine column -> every header accepted for it, as written here (for "did you mean")."""
    columns = SKP_HISTORY_COLUMNS if table == "skp_history" else TABLE_COLUMNS[table]
    out: dict[str, list[str]] = {c: [c] for c in (*columns, *EXTENSION_COLUMNS.get(table, ()))}
    for alias, column in _COLUMN_ALIASES.get(table, {}).items():
        out.setdefault(column, []).append(alias)
    if table == "employees":
        folded = {"golongan_id": "golongan", "education_id": "education", "status_id": "status",
                  "jenis_pegawai": "asn_type", "status_pegawai": "asn_type",
                  "unor_id": "position_id"}  # fmt: skip
        for alias, aux in siasn.AUX_COLUMNS.items():
            target = folded.get(aux)
            if target is not None:
                out.setdefault(target, []).append(alias)
    return out


def ignored_columns(table: str) -> frozenset[str]:
    """Compared form of the columns of ``table`` that are ignored without a warning."""
    return frozenset(column_key(c) for c in _IGNORED_COLUMNS.get(table, ()))


# ---------------------------------------------------------------------------------------------
# Values. Keys are compared after ``value_key`` unless said otherwise.


def value_key(text: str) -> str:
    """Upper case without spaces, hyphens, dots, slashes or underscores: ``D-III`` -> ``DIII``."""
    return re.sub(r"[\s\-./_]+", "", text).upper()


# Education: the canonical codes, plus roman numerals for diplomas (D-III), the older school names
# (SLTP, SLTA), vocational and religious schools at the same level (SMK, MTs, MA, MI) and the
# spelled-out degrees. Matched on value_key.
EDUCATION_ALIASES: Final[dict[str, str]] = {
    **{value_key(e): e for e in EDUCATION},
    "MI": "SD",
    "SLTP": "SMP",
    "MTS": "SMP",
    "SLTA": "SMA",
    "SMK": "SMA",
    "SMU": "SMA",
    "MA": "SMA",
    "DI": "D1",
    "DII": "D2",
    "DIII": "D3",
    "DIV": "D4",
    "SARJANA": "S1",
    "SARJANATERAPAN": "D4",
    "MAGISTER": "S2",
    "DOKTOR": "S3",
    # SIASN's tingkat pendidikan, by id (05-50) and name (S-1/Sarjana, Diploma III/Sarjana Muda,
    # SLTA Kejuruan, Profesi, ...): tables/siasn.py.
    **siasn.education_aliases(),
}

# Predikat and potential: case-insensitive, spaces collapsed (matched on value_key).
PREDIKAT_ALIASES: Final[dict[str, str]] = {
    **{value_key(p): p for p in PREDIKAT},
    **siasn.PREDIKAT_WORDS,
}
POTENTIAL_ALIASES: Final[dict[str, str]] = {
    **{value_key(p): p for p in POTENTIAL},
    "LOW": "rendah",
    "MEDIUM": "menengah",
    "SEDANG": "menengah",
    "HIGH": "tinggi",
}

# Codes such as kinds and statuses: canonical snake_case; "JPT Pratama", "jpt-pratama" accepted.
KIND_ALIASES: Final[dict[str, str]] = {
    **{value_key(k): k for k in KINDS},
    "JPT": "jpt_pratama",
    "JF": "fungsional",
    "JFT": "fungsional",
    "JFU": "pelaksana",
}
JENJANG_ALIASES: Final[dict[str, str]] = {value_key(j): j for j in JENJANG}
EMPLOYEE_STATUS_ALIASES: Final[dict[str, str]] = {
    **{value_key(s): s for s in EMPLOYEE_STATUS},
    "ACTIVE": "aktif",
    "HUKDIS": "hukuman_disiplin",
    # SIASN kedudukan hukum names that are not the code itself.
    "PNSKENAHUKUMANDISIPLIN": "hukuman_disiplin",
    "MPP": "masa_persiapan_pensiun",
    # Cuti di luar tanggungan negara (unpaid leave) is one of the kinds of cuti (PP 11/2017): it
    # keeps the person in place as any cuti does, so it is read as cuti, not as a status of its own.
    "CLTN": "cuti",
    "CUTIDILUARTANGGUNGANNEGARA": "cuti",
    # Every SIASN kedudukan hukum, by id (01-99) and name: tables/siasn.py.
    **siasn.status_aliases(),
}
# Employment types: case-insensitive (matched on value_key), and spelled out as SIASN writes them.
ASN_TYPE_ALIASES: Final[dict[str, str]] = {
    **{value_key(t): t for t in ASN_TYPES},
    "PEGAWAINEGERISIPIL": "PNS",
    "CALONPEGAWAINEGERISIPIL": "CPNS",
    "PEGAWAIPEMERINTAHDENGANPERJANJIANKERJA": "PPPK",
    "P3K": "PPPK",
    **siasn.ASN_TYPE_WORDS,
}
POSITION_STATUS_ALIASES: Final[dict[str, str]] = {
    **{value_key(s): s for s in POSITION_STATUS},
    "AKTIF": "active",
    "DIHAPUS": "abolished",
}
COMPETENCY_KIND_ALIASES: Final[dict[str, str]] = {value_key(k): k for k in COMPETENCY_KINDS}

# Yes/no: compared in lower case.
TRUE_WORDS: Final[frozenset[str]] = frozenset({"true", "ya", "yes", "y", "1", "benar"})
FALSE_WORDS: Final[frozenset[str]] = frozenset({"false", "tidak", "no", "n", "0", "salah"})

# Golongan: a roman (or arabic, as SIASN ids use) group and a letter, any case, any separator:
# "III/a", "iii/a", "III / A", "III-a", "IIIa", "3/a" -> "III/a". Valid pairs are domain.GOLONGAN.
GOLONGAN_PATTERN: Final[str] = r"^(IV|III|II|I|[1-4])\s*[/\-.]?\s*([A-E])$"
ARABIC_TO_ROMAN: Final[dict[str, str]] = {"1": "I", "2": "II", "3": "III", "4": "IV"}
