"""SIASN, BKN's national HR system: its column names and reference lists, mapped to the engine's.

Every mapping from what SIASN writes to what the engine reads is a table in this module, with its
source; the readers (:mod:`~mutasi_opt.tables.aliases`, :mod:`~mutasi_opt.tables.siasn_fold`) and
``mutasi-opt import-siasn`` read them from here and keep no copy. ``docs/model.md``, "Reading
SIASN exports", says the same in words.

Sources
-------
[EXPORT]
    SIASN's "Export Data ASN" CSV (the agency dashboard's download of every ASN), snake_case
    headers: ``pns_id, nip_baru, nama, gelar_depan, gelar_belakang, tanggal_lahir, jenis_kelamin,
    jenis_pegawai_nama, kedudukan_hukum_id, kedudukan_hukum_nama, status_cpns_pns, tmt_cpns,
    gol_akhir_id, gol_akhir_nama, tmt_golongan, jenis_jabatan_id, jenis_jabatan_nama, jabatan_id,
    jabatan_nama, tmt_jabatan, tingkat_pendidikan_id, tingkat_pendidikan_nama, unor_id, unor_nama,
    ...``, as public integrations that load it spell them. Its cells carry a leading ``'`` (so that
    Excel keeps them text), ``null`` for nothing and ``01-01-0001`` for an empty date.
[DATA_UTAMA]
    The SIASN web service ``/pns/data-utama/{nip}`` (camelCase): ``nipBaru, tglLahir,
    kedudukanPnsId, kedudukanPnsNama, jenisPegawaiNama, statusPegawai, tkPendidikanTerakhirId,
    tkPendidikanTerakhir, golRuangAkhirId, golRuangAkhir, jenisJabatanId, jabatanStrukturalId,
    jabatanFungsionalId, jabatanFungsionalUmumId, tmtJabatan, unorId, unorNama, eselonId,
    bupPensiun, tmtPensiun, ...``; dates ``dd-mm-yyyy``.
[SKP22]
    The SIASN web service ``/pns/rw-skp22/{nip}`` (SKP history under PermenPANRB 6/2022): one row
    per year, ``tahun`` and ``kuadranKinerja`` (the predikat, in capitals: ``SANGAT BAIK``).
[REF]
    BKN's reference lists as SIASN serves them and public integrations copy them: *golongan*
    (ids 11-45), *tingkat pendidikan* (05-50), *kedudukan hukum* (01-99), *jenis jabatan* (1-4),
    *eselon* (11-52).

What the engine makes of SIASN's values is a choice documented beside each table: a status with no
engine equivalent is ``tidak_aktif`` (not active, so the person stays, and the reason names the
SIASN status); an education level the engine's ladder lacks is read as the degree beneath it, never
above.
"""

from __future__ import annotations

from typing import Final

# ---------------------------------------------------------------------------------------------
# Reference lists [REF]

GOLONGAN_IDS: Final[dict[str, str]] = {
    "11": "I/a", "12": "I/b", "13": "I/c", "14": "I/d",
    "21": "II/a", "22": "II/b", "23": "II/c", "24": "II/d",
    "31": "III/a", "32": "III/b", "33": "III/c", "34": "III/d",
    "41": "IV/a", "42": "IV/b", "43": "IV/c", "44": "IV/d", "45": "IV/e",
}  # fmt: skip
"""*Golongan ruang* id -> golongan (``gol_akhir_id``, ``golRuangAkhirId``) [REF]."""

EDUCATION_LEVELS: Final[tuple[tuple[str | None, str, str], ...]] = (
    ("05", "Sekolah Dasar", "SD"),
    ("10", "SLTP", "SMP"),
    ("12", "SLTP Kejuruan", "SMP"),
    ("15", "SLTA", "SMA"),
    ("17", "SLTA Kejuruan", "SMA"),
    ("18", "SLTA Keguruan", "SMA"),
    ("20", "Diploma I", "D1"),
    ("25", "Diploma II", "D2"),
    ("30", "Diploma III/Sarjana Muda", "D3"),
    ("35", "Diploma IV", "D4"),
    ("40", "S-1/Sarjana", "S1"),
    ("45", "S-2", "S2"),
    ("50", "S-3/Doktor", "S3"),
    # Written by newer SIASN records without an id in the list above. A professional programme
    # (Ners, Apoteker, dokter) follows an S-1, a first specialist programme is at the level of an
    # S-2 (KKNI, Perpres 8/2012: levels 7 and 8); the engine's ladder has neither, and reads each
    # as the degree it certainly includes.
    (None, "Profesi", "S1"),
    (None, "Spesialis", "S2"),
)
"""*Tingkat pendidikan*: (id, SIASN name, engine education) (``tingkat_pendidikan_id`` /
``_nama``, ``tkPendidikanTerakhirId`` / ``tkPendidikanTerakhir``) [REF]."""

KEDUDUKAN_HUKUM: Final[tuple[tuple[str, str, str], ...]] = (
    ("01", "Aktif", "aktif"),
    ("02", "CLTN", "cuti"),  # cuti di luar tanggungan negara, one of the kinds of cuti (PP 11/2017)
    ("03", "Tugas Belajar", "tugas_belajar"),
    ("04", "Pemberhentian Sementara", "pemberhentian_sementara"),
    ("05", "Penerima Uang Tunggu", "tidak_aktif"),
    ("06", "Prajurit Wajib", "tidak_aktif"),
    ("07", "Pejabat Negara", "tidak_aktif"),
    ("08", "Kepala Desa", "tidak_aktif"),
    # An appeal to BAPEK is against a disciplinary sanction (PP 94/2021).
    ("09", "Sedang dlm Proses Banding BAPEK", "hukuman_disiplin"),
    ("11", "Pegawai Titipan", "tidak_aktif"),
    ("12", "Pengungsi", "tidak_aktif"),
    ("13", "Perpanjangan CLTN", "cuti"),
    ("14", "PNS yang dinyatakan hilang", "tidak_aktif"),
    ("15", "PNS kena hukuman disiplin", "hukuman_disiplin"),
    # A disciplinary sanction itself (PP 53/2010 art. 7(4)).
    ("16", "Pemindahan dalam rangka penurunan Jabatan", "hukuman_disiplin"),
    ("20", "Masa Persiapan Pensiun", "masa_persiapan_pensiun"),
    ("51", "CPNS yang belum menerima SK CPNS", "tidak_aktif"),
    ("52", "Tidak Aktif", "tidak_aktif"),
    ("66", "Diberhentikan", "tidak_aktif"),
    ("67", "Punah", "tidak_aktif"),
    ("68", "Eks PNS Timor Timur", "tidak_aktif"),
    ("69", "TMS Dari Pengadaan", "tidak_aktif"),
    ("70", "Pembatalan NIP", "tidak_aktif"),
    ("71", "PPPK Aktif", "aktif"),
    ("77", "Pemberhentian tanpa hak pensiun", "tidak_aktif"),
    ("88", "Pemberhentian dengan hak pensiun", "tidak_aktif"),
    ("89", "Tidak aktif tetapi diusulkan Pensiun", "tidak_aktif"),
    ("90", "Tidak Ikut PUPNS 2015", "tidak_aktif"),
    ("91", "Tindak Pidana/ Tindak Pidana Jabatan", "proses_hukum"),
    ("92", "Pemblokiran Data PNS", "tidak_aktif"),
    ("98", "Mencapai BUP", "tidak_aktif"),
    ("99", "Pensiun", "tidak_aktif"),
)
"""*Kedudukan hukum*: (id, SIASN name, engine status) (``kedudukan_hukum_id`` / ``_nama``,
``kedudukanPnsId`` / ``kedudukanPnsNama``) [REF]. Anything but ``aktif`` keeps the person in place;
the reason of the stay quotes the SIASN name."""

KEDUDUKAN_SPELLINGS: Final[dict[str, str]] = {
    "Sedang dalam Proses Banding BAPEK": "hukuman_disiplin",
    "Keberatan Atas Hukuman Disiplin": "hukuman_disiplin",
    "Cuti di Luar Tanggungan Negara": "cuti",
    "Wajib Militer": "tidak_aktif",
    "Meninggal": "tidak_aktif",
    "Wafat": "tidak_aktif",
}
"""Other spellings of *kedudukan hukum* names seen in agencies' copies of the list."""

LEFT_SERVICE_IDS: Final[frozenset[str]] = frozenset(
    {"66", "67", "68", "69", "70", "77", "88", "89", "90", "92", "98", "99"}
)
"""*Kedudukan hukum* that mean the person has left the service (or never entered it): a row with
one is read (the person stays where the table puts them) with a warning."""

JENIS_JABATAN: Final[tuple[tuple[str, str, str], ...]] = (
    ("1", "Jabatan Struktural", "struktural"),
    ("2", "Jabatan Fungsional Tertentu", "fungsional"),
    ("3", "Jabatan Rangkap (Struktural dan Fungsional)", "struktural"),
    ("4", "Jabatan Fungsional Umum", "umum"),
)
"""*Jenis jabatan*: (id, SIASN name, how the post id is built) (``jenis_jabatan_id`` /
``_nama``, ``jenisJabatanId`` / ``jenisJabatan``) [REF]. A *rangkap* post is held as the
structural one."""

JENIS_JABATAN_SPELLINGS: Final[dict[str, str]] = {
    "Struktural": "struktural",
    "Jabatan Fungsional": "fungsional",
    "Fungsional": "fungsional",
    "Fungsional Tertentu": "fungsional",
    "JFT": "fungsional",
    "JF": "fungsional",
    "Fungsional Umum": "umum",
    "JFU": "umum",
    "Jabatan Pelaksana": "umum",
    "Pelaksana": "umum",
}
"""Other names of the kinds of jabatan (UU 5/2014 renamed *fungsional umum* to *pelaksana*)."""

ESELON_KINDS: Final[dict[str, str]] = {
    "21": "jpt_pratama", "22": "jpt_pratama",
    "31": "administrator", "32": "administrator",
    "41": "pengawas", "42": "pengawas",
}  # fmt: skip
"""*Eselon* id -> kind of a structural post (II: JPT Pratama, III: administrator, IV: pengawas;
PermenPANRB 17/2021) [REF]. Eselon I and V are not posts of a city: left to the analyst."""

ESELON_NAMES: Final[dict[str, str]] = {
    "II": "jpt_pratama",
    "III": "administrator",
    "IV": "pengawas",
}
"""*Eselon* written as its roman number (``III.a``, ``Eselon IV/b``) -> kind."""

STRUCTURAL_TITLES: Final[tuple[tuple[str, str], ...]] = (
    ("Sekretaris Daerah", "jpt_pratama"),
    ("Sekretaris DPRD", "jpt_pratama"),
    ("Asisten", "jpt_pratama"),
    ("Staf Ahli", "jpt_pratama"),
    ("Inspektur Pembantu", "administrator"),
    ("Inspektur", "jpt_pratama"),
    ("Kepala Dinas", "jpt_pratama"),
    ("Kepala Badan", "jpt_pratama"),
    ("Kepala Satuan", "jpt_pratama"),
    ("Direktur", "jpt_pratama"),
    ("Kepala Sub", "pengawas"),
    ("Kasubag", "pengawas"),
    ("Kepala Seksi", "pengawas"),
    ("Kasi", "pengawas"),
    ("Lurah", "pengawas"),
    ("Sekretaris Kelurahan", "pengawas"),
    ("Kepala Bagian", "administrator"),
    ("Kepala Bidang", "administrator"),
    ("Kabid", "administrator"),
    ("Camat", "administrator"),
    ("Sekretaris Kecamatan", "administrator"),
    ("Sekretaris", "administrator"),
    ("Kepala UPTD", "pengawas"),
)
"""Start of a structural post's title -> its kind, first match wins (``mutasi-opt import-siasn``
only, when the export has no eselon: a guess the import report lists for the analyst to check;
the usual eselon of these posts in a city, Permendagri 5/2005 and the city's SOTK)."""

# ---------------------------------------------------------------------------------------------
# Employment type [EXPORT], [DATA_UTAMA]

ASN_TYPE_WORDS: Final[dict[str, str]] = {
    "C": "CPNS",  # status_cpns_pns [EXPORT]
    "P": "PNS",
    "PNSPUSAT": "PNS",
    "PNSDAERAH": "PNS",
    "PNSDAERAHOTONOM": "PNS",
    "PPPKAKTIF": "PPPK",
}
"""SIASN's employment-type values (compared after ``value_key``) beside the engine's own words: the
``C``/``P`` of ``status_cpns_pns`` and *jenis pegawai* names. A *jenis pegawai* name that starts
with ``PNS`` (``PNS Pusat DPK``, ``PNS Daerah DPB``, ...) is a PNS, one that starts with ``PPPK`` a
PPPK (:func:`asn_type_of`)."""

ASN_TYPE_ORDER: Final[tuple[str, ...]] = ("PPPK", "CPNS", "PNS")
"""When several SIASN columns state the type (*jenis pegawai* says PNS or PPPK, ``status_cpns_pns``
says CPNS or PNS), the most specific wins, in this order."""

# ---------------------------------------------------------------------------------------------
# SKP predikat [SKP22]

PREDIKAT_WORDS: Final[dict[str, str]] = {
    "KURANGMISCONDUCT": "Kurang",
    "MISCONDUCT": "Kurang",
}
"""``kuadranKinerja`` words beside the predikat themselves (capitals are matched anyway):
PermenPANRB 6/2022 calls the predikat *Kurang* "Kurang/Misconduct"."""

# ---------------------------------------------------------------------------------------------
# Columns [EXPORT], [DATA_UTAMA], [SKP22]

EMPLOYEE_COLUMNS: Final[dict[str, str]] = {
    "gol_akhir_nama": "golongan",
    "tingkat_pendidikan_nama": "education",
    "kedudukan_hukum_nama": "status",
    "kedudukanPnsNama": "status",
    "kedudukan_pns_nama": "status",
    "kedudukanHukumNama": "status",
    "bupPensiun": "bup",
    "bup_pensiun": "bup",
}
"""SIASN employee columns that are engine columns under another name."""

AUX_PREFIX: Final[str] = "siasn:"
"""Columns the reader keeps to fold into engine columns (:mod:`~mutasi_opt.tables.siasn_fold`)
carry this prefix in the raw table; none reaches :class:`~mutasi_opt.tables.model.Tables`."""

AUX_COLUMNS: Final[dict[str, str]] = {
    # Ids read where the name is empty (the name wins when both are given).
    "gol_akhir_id": "golongan_id",
    "golRuangAkhirId": "golongan_id",
    "tingkat_pendidikan_id": "education_id",
    "tkPendidikanTerakhirId": "education_id",
    "kedudukan_hukum_id": "status_id",
    "kedudukanPnsId": "status_id",
    "kedudukanHukumId": "status_id",
    # Employment type: several columns, the most specific wins (ASN_TYPE_ORDER).
    "jenis_pegawai_nama": "jenis_pegawai",
    "jenisPegawaiNama": "jenis_pegawai",
    "status_cpns_pns": "status_pegawai",
    "statusPegawai": "status_pegawai",
    # The post: built from the unit and the jabatan ids when there is no position_id.
    "unor_id": "unor_id",
    "unorId": "unor_id",
    "unor_nama": "unor_nama",
    "unorNama": "unor_nama",
    "unor_induk_nama": "unor_induk_nama",
    "unorIndukNama": "unor_induk_nama",
    "jenis_jabatan_id": "jenis_jabatan_id",
    "jenisJabatanId": "jenis_jabatan_id",
    "jenis_jabatan_nama": "jenis_jabatan",
    "jenisJabatan": "jenis_jabatan",
    "jabatan_id": "jabatan_id",
    "jabatan_struktural_id": "jabatan_struktural_id",
    "jabatanStrukturalId": "jabatan_struktural_id",
    "jabatan_fungsional_id": "jabatan_fungsional_id",
    "jabatanFungsionalId": "jabatan_fungsional_id",
    "jabatan_fungsional_umum_id": "jabatan_fungsional_umum_id",
    "jabatanFungsionalUmumId": "jabatan_fungsional_umum_id",
    "jabatan_nama": "jabatan_nama",
    "jabatanNama": "jabatan_nama",
    "eselon": "eselon",
    "eselon_nama": "eselon",
    "eselon_id": "eselon_id",
    "eselonId": "eselon_id",
}
"""SIASN employee columns kept (as ``siasn:<name>``) to be folded into engine columns."""

UNUSED_EMPLOYEE_COLUMNS: Final[tuple[str, ...]] = (
    # [EXPORT]
    "pns_id", "nip_lama", "gelar_depan", "gelar_belakang", "tempat_lahir", "tempat_lahir_id",
    "tempat_lahir_nama", "jenis_kelamin", "agama_id", "agama_nama", "jenis_kawin_id",
    "jenis_kawin_nama", "nik", "nomor_hp", "email", "email_gov", "alamat", "npwp", "npwp_nomor",
    "bpjs", "jenis_pegawai_id", "kartu_asn_virtual", "nomor_sk_cpns", "tanggal_sk_cpns",
    "tmt_cpns", "nomor_sk_pns", "tanggal_sk_pns", "tmt_pns", "gol_awal_id", "gol_awal_nama",
    "tmt_golongan", "mk_tahun", "mk_bulan", "pendidikan_id", "pendidikan_nama", "tahun_lulus",
    "kpkn_id", "kpkn_nama", "lokasi_kerja_id", "lokasi_kerja_nama", "instansi_induk_id",
    "instansi_induk_nama", "instansi_kerja_id", "instansi_kerja_nama", "satuan_kerja_induk_id",
    "satuan_kerja_induk_nama", "satuan_kerja_kerja_id", "satuan_kerja_kerja_nama",
    "is_valid_nik", "flag_ikd", "tmt_pensiun",
    # [DATA_UTAMA]
    "id", "nipLama", "gelarDepan", "gelarBelakang", "tempatLahir", "tempatLahirId", "agama",
    "agamaId", "emailGov", "noHp", "noTelp", "jenisPegawaiId", "jenisKelamin",
    "jenisIdDokumenId", "jenisIdDokumenNama", "nomorIdDocument", "noSeriKarpeg",
    "pendidikanTerakhirId", "pendidikanTerakhirNama", "tahunLulus", "tmtPns", "tglSkPns",
    "tmtCpns", "tglSkCpns", "tmtPensiun", "latihanStrukturalNama", "instansiIndukId",
    "instansiIndukNama", "satuanKerjaIndukId", "satuanKerjaIndukNama", "kanregId", "kanregNama",
    "instansiKerjaId", "instansiKerjaNama", "instansiKerjaKodeCepat", "satuanKerjaKerjaId",
    "satuanKerjaKerjaNama", "unorIndukId", "jabatanStrukturalNama",
    "jabatanFungsionalNama", "jabatanFungsionalUmumNama", "lokasiKerjaId", "lokasiKerja",
    "golRuangAwalId", "golRuangAwal", "tmtGolAkhir", "nomorSptm", "masaKerja", "eselonLevel",
    "tmtEselon", "kpknId", "kpknNama", "ktuaId", "ktuaNama", "taspenId", "taspenNama",
    "jenisKawinId", "statusPerkawinan", "statusHidup", "tglSuratKeteranganDokter",
    "noSuratKeteranganDokter", "noSuratKeteranganBebasNarkoba", "tglSuratKeteranganBebasNarkoba",
    "skck", "tglSkck", "akteKelahiran", "akteMeninggal", "tglMeninggal", "noNpwp", "tglNpwp",
    "noAskes", "kodePos", "noSpmt", "tglSpmt", "noTaspen", "bahasa", "kppnId", "kppnNama",
    "pangkatAkhir", "tglSttpl", "nomorSttpl", "nomorSkCpns", "nomorSkPns", "jenjang",
    "jabatanAsn", "kartuAsn", "updated", "validNik", "gajiPokok", "jumlahIstriSuami",
    "jumlahAnak", "mkTahun", "mkBulan", "flag",
)  # fmt: skip
"""SIASN employee fields the engine knows and does not use: ignored without a warning."""

SKP_COLUMNS: Final[dict[str, str]] = {
    "nipBaru": "nip",
    "nip_baru": "nip",
    "tahun": "year",
    "tahun_penilaian": "year",
    "kuadranKinerja": "predikat",
    "kuadran_kinerja": "predikat",
    "predikat_kinerja": "predikat",
}
"""SKP history columns [SKP22] -> the engine's ``skp_history`` columns."""

UNUSED_SKP_COLUMNS: Final[tuple[str, ...]] = (
    "id", "pnsDinilaiId", "hasilKinerja", "hasilKinerjaNilai", "perilakuKerja",
    "perilakuKerjaNilai", "KuadranKinerjaNilai", "namaPenilai", "nipNrpPenilai",
    "penilaiGolonganId", "penilaiJabatanNm", "penilaiUnorNm", "statusPenilai", "path", "nama",
)  # fmt: skip
"""SKP history fields [SKP22] the engine does not use: ignored without a warning."""


# ---------------------------------------------------------------------------------------------
# Lookups


def _key(text: str) -> str:
    # The same comparison form as tables.aliases.value_key (kept here so this module stays a leaf).
    return "".join(ch for ch in text.upper() if ch not in " \t-./_")


def education_aliases() -> dict[str, str]:
    """Compared form of every SIASN education id (``05`` and ``5``) and name -> engine code."""
    out: dict[str, str] = {}
    for ident, name, code in EDUCATION_LEVELS:
        out[_key(name)] = code
        if ident is not None:
            out[ident] = code
            out[ident.lstrip("0")] = code
    return out


def status_aliases() -> dict[str, str]:
    """Compared form of every *kedudukan hukum* id (``01`` and ``1``) and name -> engine status."""
    out: dict[str, str] = {}
    for ident, name, status in KEDUDUKAN_HUKUM:
        out[ident] = status
        out[ident.lstrip("0")] = status
        out[_key(name)] = status
    out.update({_key(name): status for name, status in KEDUDUKAN_SPELLINGS.items()})
    return out


def kedudukan_name(text: str) -> str | None:
    """The SIASN name of a *kedudukan hukum* id (``15`` -> ``PNS kena hukuman disiplin``)."""
    key = text.strip().lstrip("'").strip()
    for ident, name, _ in KEDUDUKAN_HUKUM:
        if key in (ident, ident.lstrip("0")):
            return name
    return None


def left_service(text: str) -> bool:
    """The *kedudukan hukum* (id or name) says the person has left the service."""
    key = _key(text)
    return any(
        ident in LEFT_SERVICE_IDS and key in (ident, ident.lstrip("0"), _key(name))
        for ident, name, _ in KEDUDUKAN_HUKUM
    ) or key in ("MENINGGAL", "WAFAT")


def asn_type_of(text: str, known: dict[str, str]) -> str | None:
    """The employment type a SIASN value states (``known``: the readers' exact words), or
    ``None`` when it states none the engine knows."""
    key = _key(text)
    found = known.get(key) or ASN_TYPE_WORDS.get(key)
    if found is not None:
        return found
    if key.startswith("PPPK"):
        return "PPPK"
    if key.startswith("CPNS"):
        return "CPNS"
    if key.startswith("PNS"):
        return "PNS"
    return None


def jenis_jabatan_of(text: str) -> str | None:
    """``struktural``, ``fungsional`` or ``umum`` for a *jenis jabatan* id or name, else ``None``."""
    key = _key(text)
    for ident, name, kind in JENIS_JABATAN:
        if key in (ident, _key(name)):
            return kind
    for name, kind in JENIS_JABATAN_SPELLINGS.items():
        if key == _key(name):
            return kind
    return None


def eselon_kind(eselon_id: str | None, eselon: str | None) -> str | None:
    """The kind of a structural post from its eselon id (``31``) or name (``III.a``), or ``None``."""
    if eselon_id:
        kind = ESELON_KINDS.get(eselon_id.strip())
        if kind is not None:
            return kind
    if eselon:
        words = eselon.upper().replace("ESELON", " ").replace(".", " ").replace("/", " ").split()
        for word in words:
            roman = word.rstrip("AB") if word not in ("IV", "III", "II") else word
            if roman in ESELON_NAMES:
                return ESELON_NAMES[roman]
    return None


def title_kind(title: str | None) -> str | None:
    """The usual kind of a structural post by the start of its title (:data:`STRUCTURAL_TITLES`)."""
    if not title:
        return None
    words = " ".join(title.split()).casefold()
    for start, kind in STRUCTURAL_TITLES:
        head = start.casefold()
        # Whole words ("Kasi" is not "Kasir"), except "Kepala Sub", which begins "Kepala
        # Subbagian" and "Kepala Subbidang" as well as "Kepala Sub Bagian".
        if (
            words == head
            or words.startswith(head + " ")
            or (head.endswith(" sub") and words.startswith(head))
        ):
            return kind
    return None
