"""Word lists of the synthetic city: technical competencies, rank ranges, names and degrees.

Also the shares behind the kinds of ASN (:data:`PPPK_SHARES`: PPPK by profession) and the second
professions a few people hold (:data:`QUALIFICATION_PATHS`), both the generator's own estimates.
Everything here is plain data. The technical competencies follow the naming pattern of
PermenPANRB 38/2017 (each sector defines its own ``T.<SECTOR>.<NN>``); the codes and names are
this generator's own, not an official list.
"""

from __future__ import annotations

from typing import Final

# Technical competencies per OPD family: code -> name. The first code of a family is its core.
TECHNICAL: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "ADM": (
        ("T.ADM.01", "Administrasi Perkantoran"),
        ("T.ADM.02", "Kearsipan Dinamis"),
        ("T.ADM.03", "Protokol dan Komunikasi Pimpinan"),
        ("T.ADM.04", "Penyusunan Produk Hukum Daerah"),
        ("T.ADM.05", "Fasilitasi Persidangan dan Legislasi"),
        ("T.ADM.06", "Pengadaan Barang dan Jasa Pemerintah"),
    ),
    "PEM": (
        ("T.PEM.01", "Penyelenggaraan Pemerintahan Kelurahan"),
        ("T.PEM.02", "Pemberdayaan Masyarakat"),
        ("T.PEM.03", "Pelayanan Administrasi Kewilayahan"),
        ("T.PEM.04", "Ketenteraman dan Ketertiban Wilayah"),
    ),
    "KEU": (
        ("T.KEU.01", "Pengelolaan Keuangan Daerah"),
        ("T.KEU.02", "Pengelolaan Pendapatan Daerah"),
        ("T.KEU.03", "Pengelolaan Barang Milik Daerah"),
        ("T.KEU.04", "Akuntansi Pemerintahan"),
    ),
    "REN": (
        ("T.REN.01", "Perencanaan Pembangunan Daerah"),
        ("T.REN.02", "Penelitian dan Pengembangan"),
        ("T.REN.03", "Analisis Data Pembangunan"),
    ),
    "SDM": (
        ("T.SDM.01", "Manajemen ASN"),
        ("T.SDM.02", "Pengembangan Kompetensi ASN"),
        ("T.SDM.03", "Penilaian Kinerja ASN"),
    ),
    "WAS": (
        ("T.WAS.01", "Audit Intern Pemerintah"),
        ("T.WAS.02", "Reviu dan Evaluasi"),
        ("T.WAS.03", "Pengawasan Penyelenggaraan Pemerintahan Daerah"),
    ),
    "PEND": (
        ("T.PEND.01", "Pembelajaran dan Kurikulum"),
        ("T.PEND.02", "Manajemen Satuan Pendidikan"),
        ("T.PEND.03", "Penilaian Hasil Belajar"),
        ("T.PEND.04", "Bimbingan dan Konseling"),
    ),
    "KES": (
        ("T.KES.01", "Pelayanan Kesehatan Masyarakat"),
        ("T.KES.02", "Asuhan Keperawatan"),
        ("T.KES.03", "Pelayanan Kebidanan"),
        ("T.KES.04", "Pelayanan Kefarmasian"),
        ("T.KES.05", "Surveilans dan Pengendalian Penyakit"),
        ("T.KES.06", "Pelayanan Medis"),
        ("T.KES.07", "Pemeriksaan Laboratorium Kesehatan"),
        ("T.KES.08", "Gizi dan Sanitasi Lingkungan"),
    ),
    "PUPR": (
        ("T.PUPR.01", "Perencanaan Teknis Jalan dan Jembatan"),
        ("T.PUPR.02", "Pengelolaan Sumber Daya Air"),
        ("T.PUPR.03", "Penataan Ruang"),
        ("T.PUPR.04", "Pengawasan Konstruksi"),
    ),
    "LH": (
        ("T.LH.01", "Pengelolaan Persampahan"),
        ("T.LH.02", "Pengendalian Pencemaran Lingkungan"),
        ("T.LH.03", "Penyelenggaraan Perumahan dan Kawasan Permukiman"),
    ),
    "PKN": (
        ("T.PKN.01", "Pengelolaan Perikanan Tangkap"),
        ("T.PKN.02", "Ketahanan Pangan"),
        ("T.PKN.03", "Penyuluhan Pertanian dan Perikanan"),
    ),
    "KOM": (
        ("T.KOM.01", "Pengelolaan Teknologi Informasi"),
        ("T.KOM.02", "Statistik Sektoral"),
        ("T.KOM.03", "Persandian dan Keamanan Informasi"),
        ("T.KOM.04", "Komunikasi Publik"),
    ),
    "HUB": (
        ("T.HUB.01", "Manajemen Lalu Lintas"),
        ("T.HUB.02", "Pengujian Kendaraan Bermotor"),
        ("T.HUB.03", "Angkutan dan Kepelabuhanan"),
    ),
    "DUK": (
        ("T.DUK.01", "Pendaftaran Penduduk"),
        ("T.DUK.02", "Pencatatan Sipil"),
        ("T.DUK.03", "Pengelolaan Informasi Administrasi Kependudukan"),
    ),
    "IZN": (
        ("T.IZN.01", "Pelayanan Perizinan Terpadu"),
        ("T.IZN.02", "Promosi dan Pengendalian Penanaman Modal"),
    ),
    "KB": (
        ("T.KB.01", "Penyuluhan Keluarga Berencana"),
        ("T.KB.02", "Perlindungan Perempuan dan Anak"),
    ),
    "PUS": (
        ("T.PUS.01", "Pengelolaan Perpustakaan"),
        ("T.PUS.02", "Pengelolaan Arsip Statis"),
    ),
    "TIB": (
        ("T.TIB.01", "Penegakan Peraturan Daerah"),
        ("T.TIB.02", "Pemadaman Kebakaran dan Penyelamatan"),
        ("T.TIB.03", "Perlindungan Masyarakat"),
    ),
    "KSB": (
        ("T.KSB.01", "Pembinaan Ideologi dan Wawasan Kebangsaan"),
        ("T.KSB.02", "Kewaspadaan Nasional"),
    ),
    "SOS": (
        ("T.SOS.01", "Rehabilitasi dan Perlindungan Sosial"),
        ("T.SOS.02", "Pemberdayaan Sosial"),
    ),
    "EKO": (
        ("T.EKO.01", "Pembinaan Koperasi dan Usaha Mikro"),
        ("T.EKO.02", "Perdagangan dan Metrologi Legal"),
    ),
    "PAR": (
        ("T.PAR.01", "Pengembangan Destinasi Pariwisata"),
        ("T.PAR.02", "Kepemudaan dan Olahraga"),
    ),
    "BEN": (
        ("T.BEN.01", "Pencegahan dan Kesiapsiagaan Bencana"),
        ("T.BEN.02", "Kedaruratan dan Logistik Bencana"),
    ),
}

# Golongan range of structural posts by legacy eselon (docs/domain.md, "Rank ranges";
# II.a/II.b from the same tables).
ESELON_RANGE: Final[dict[str, tuple[str, str]]] = {
    "II.a": ("IV/c", "IV/d"),
    "II.b": ("IV/b", "IV/c"),
    "III.a": ("IV/a", "IV/b"),
    "III.b": ("III/d", "IV/a"),
    "IV.a": ("III/c", "III/d"),
    "IV.b": ("III/b", "III/c"),
}
# Golongan range of functional posts by jenjang (docs/domain.md, "Rank ranges", for keahlian;
# keterampilan per PermenPANRB: pemula II/a, terampil II/b-II/d, mahir III/a-III/b, penyelia
# III/c-III/d).
JENJANG_RANGE: Final[dict[str, tuple[str, str]]] = {
    "ahli_pertama": ("III/a", "III/b"),
    "ahli_muda": ("III/c", "III/d"),
    "ahli_madya": ("IV/a", "IV/c"),
    "ahli_utama": ("IV/d", "IV/e"),
    "pemula": ("II/a", "II/a"),
    "terampil": ("II/b", "II/d"),
    "mahir": ("III/a", "III/b"),
    "penyelia": ("III/c", "III/d"),
}
JENJANG_LABEL: Final[dict[str, str]] = {
    "ahli_pertama": "Ahli Pertama",
    "ahli_muda": "Ahli Muda",
    "ahli_madya": "Ahli Madya",
    "ahli_utama": "Ahli Utama",
    "pemula": "Pemula",
    "terampil": "Terampil",
    "mahir": "Mahir",
    "penyelia": "Penyelia",
}

# Golongan at CPNS appointment by education (PP 99/2000 as practised).
ENTRY_GOLONGAN: Final[dict[str, str]] = {
    "SD": "I/a", "SMP": "I/c", "SMA": "II/a", "D1": "II/a", "D2": "II/b", "D3": "II/c",
    "D4": "III/a", "S1": "III/a", "S2": "III/b", "S3": "III/c",
}  # fmt: skip
# Highest golongan reached by regular promotion alone, for posts without a range (pelaksana).
CEILING_GOLONGAN: Final[dict[str, str]] = {
    "SD": "II/a", "SMP": "II/c", "SMA": "III/b", "D1": "III/b", "D2": "III/b", "D3": "III/c",
    "D4": "III/d", "S1": "III/d", "S2": "IV/a", "S3": "IV/b",
}  # fmt: skip
# Youngest plausible age at CPNS appointment by education.
MIN_CPNS_AGE: Final[dict[str, float]] = {
    "SD": 18.0, "SMP": 18.0, "SMA": 19.0, "D1": 19.5, "D2": 20.0, "D3": 21.0,
    "D4": 22.0, "S1": 22.0, "S2": 24.5, "S3": 28.0,
}  # fmt: skip

# Education mixes: profile -> ((education, share), ...). Every mix meets the posts that use it.
EDUCATION_MIX: Final[dict[str, tuple[tuple[str, float], ...]]] = {
    "jpt": (("S1", 0.22), ("S2", 0.73), ("S3", 0.05)),
    "administrator": (("S1", 0.55), ("S2", 0.45)),
    "pengawas": (("D3", 0.08), ("D4", 0.04), ("S1", 0.74), ("S2", 0.14)),
    "ahli": (("D4", 0.05), ("S1", 0.80), ("S2", 0.15)),
    "ahli_s1": (("S1", 0.88), ("S2", 0.12)),
    "terampil": (("D3", 1.0),),
    "sma_d3": (("SMA", 0.75), ("D3", 0.25)),
    "sma": (("SMA", 1.0),),
    "pel_s1": (("S1", 0.9), ("S2", 0.1)),
    "pel_d3": (("D3", 0.7), ("S1", 0.3)),
    "pel_sma": (("SMA", 0.74), ("D1", 0.03), ("D3", 0.13), ("S1", 0.10)),
}

# Functional families: group -> (share of women, degree style). Structural and pelaksana posts
# use the group names "structural" and "pelaksana".
GROUPS: Final[dict[str, tuple[float, str]]] = {
    "structural": (0.36, "opd"),
    "pelaksana": (0.46, "opd"),
    "guru": (0.72, "pend"),
    "pengawas_sekolah": (0.55, "pend"),
    "dokter": (0.62, "dokter"),
    "dokter_gigi": (0.7, "dokter_gigi"),
    "perawat": (0.78, "perawat"),
    "bidan": (1.0, "bidan"),
    "farmasi": (0.8, "farmasi"),
    "kesehatan": (0.65, "kesmas"),
    "polpp": (0.12, "opd"),
    "damkar": (0.04, "opd"),
    "auditor": (0.5, "opd"),
    "penyuluh": (0.5, "opd"),
    "teknik": (0.2, "teknik"),
    "analis": (0.48, "opd"),
}

# Academic titles by degree style and education: (prefix, suffix).
DEGREES: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "opd": {"D3": ("", "A.Md."), "D4": ("", "S.Tr.AP."), "S1": ("", "S.E."), "S2": ("", "S.E., M.Si."), "S3": ("Dr. ", "M.Si.")},
    "pend": {"D3": ("", "A.Md.Pd."), "D4": ("", "S.Pd."), "S1": ("", "S.Pd."), "S2": ("", "S.Pd., M.Pd."), "S3": ("Dr. ", "M.Pd.")},
    "dokter": {"S1": ("dr. ", ""), "S2": ("dr. ", "M.Kes."), "S3": ("Dr. dr. ", "M.Kes.")},
    "dokter_gigi": {"S1": ("drg. ", ""), "S2": ("drg. ", "M.Kes."), "S3": ("Dr. drg. ", "M.Kes.")},
    "perawat": {"D3": ("", "A.Md.Kep."), "D4": ("", "S.Tr.Kep."), "S1": ("Ns. ", "S.Kep."), "S2": ("Ns. ", "M.Kep.")},
    "bidan": {"D3": ("", "A.Md.Keb."), "D4": ("", "S.Tr.Keb."), "S1": ("", "S.Keb., Bd."), "S2": ("", "M.Keb.")},
    "farmasi": {"D3": ("", "A.Md.Farm."), "D4": ("", "S.Tr.Farm."), "S1": ("apt. ", "S.Farm."), "S2": ("apt. ", "M.Farm.")},
    "kesmas": {"D3": ("", "A.Md.Kes."), "D4": ("", "S.Tr.Kes."), "S1": ("", "S.K.M."), "S2": ("", "S.K.M., M.Kes."), "S3": ("Dr. ", "M.Kes.")},
    "teknik": {"D3": ("", "A.Md.T."), "D4": ("", "S.Tr.T."), "S1": ("", "S.T."), "S2": ("", "S.T., M.T."), "S3": ("Dr. ", "M.T.")},
}  # fmt: skip
# Variety in the OPD style, by technical family: the S1 title most common in that family.
FAMILY_S1_TITLE: Final[dict[str, str]] = {
    "ADM": "S.Sos.", "PEM": "S.STP.", "KEU": "S.E.", "REN": "S.E.", "SDM": "S.Psi.",
    "WAS": "S.Ak.", "PUPR": "S.T.", "LH": "S.Si.", "PKN": "S.Pi.", "KOM": "S.Kom.",
    "HUB": "S.Tr.Tra.", "DUK": "S.Kom.", "IZN": "S.H.", "KB": "S.Sos.", "PUS": "S.IP.",
    "TIB": "S.H.", "KSB": "S.IP.", "SOS": "S.Sos.", "EKO": "S.E.", "PAR": "S.Par.", "BEN": "S.T.",
    "PEND": "S.Pd.", "KES": "S.K.M.",
}  # fmt: skip

# Given names and clan names seen in Sibolga's mix of Batak (Toba, Angkola, Mandailing), Pesisir
# Malay, Minang, Nias and Javanese families. Synthetic combinations; no real person is meant.
MALE_NAMES: Final[tuple[str, ...]] = (
    "Ahmad", "Rahmat", "Muhammad", "Budi", "Hendra", "Rudi", "Fauzi", "Irwan", "Syahrul", "Zulkifli",
    "Hasan", "Yusuf", "Ridwan", "Arifin", "Darwin", "Sahat", "Tigor", "Parlindungan", "Maruli",
    "Binsar", "Togar", "Jonny", "Robert", "Hotman", "Ferdinand", "Martin", "Daniel", "Sabar",
    "Benny", "Dedi", "Eko", "Agus", "Bambang", "Hendrik", "Rizal", "Fikri", "Ilham", "Andi",
    "Yohanes", "Samuel", "Erwin", "Poltak", "Bonar", "Sutan", "Khairul", "Afrizal", "Faisal",
    "Ronald", "Jefri", "Amran",
)  # fmt: skip
FEMALE_NAMES: Final[tuple[str, ...]] = (
    "Siti", "Nurhayati", "Rahmawati", "Fitri", "Dewi", "Sri", "Yanti", "Rina", "Nurul", "Aisyah",
    "Maria", "Rosmawati", "Lestari", "Herlina", "Juliana", "Rosdiana", "Masniari", "Tiurma",
    "Lamria", "Rugun", "Sondang", "Romauli", "Debora", "Elisabeth", "Christina", "Ratna", "Yusnita",
    "Erni", "Linda", "Mariani", "Wahyuni", "Indah", "Putri", "Novita", "Desi", "Ayu", "Rika",
    "Helena", "Roslina", "Nova", "Ernawati", "Syafrida", "Hafni", "Nurmala", "Sarah", "Ruth",
    "Evi", "Yosephine", "Melati", "Hotmaida",
)  # fmt: skip
MALE_MIDDLE_NAMES: Final[tuple[str, ...]] = (
    "Hidayat", "Saputra", "Pratama", "Kurniawan", "Wijaya", "Santoso", "Hamdani", "Syahputra",
    "Fadillah", "Rahman", "Putra", "Halim", "Gunawan", "Effendi",
)  # fmt: skip
FEMALE_MIDDLE_NAMES: Final[tuple[str, ...]] = (
    "Sari", "Wati", "Ningsih", "Amelia", "Anggraini", "Maharani", "Lestari", "Puspita",
    "Handayani", "Rahmadani", "Oktaviani", "Safitri",
)  # fmt: skip
CLAN_NAMES: Final[tuple[str, ...]] = (
    "Siregar", "Hutagalung", "Simatupang", "Pasaribu", "Tanjung", "Nasution", "Lubis", "Harahap",
    "Sitompul", "Panggabean", "Hutabarat", "Situmorang", "Sihombing", "Simanjuntak", "Batubara",
    "Pohan", "Hutauruk", "Lumban Tobing", "Sinaga", "Manurung", "Silitonga", "Sitorus", "Marpaung",
    "Siahaan", "Napitupulu", "Simbolon", "Sibarani", "Tambunan", "Pardede", "Hasibuan",
    "Rangkuti", "Daulay", "Matondang", "Pane", "Ritonga", "Zebua", "Gulo", "Telaumbanua",
    "Harefa", "Zalukhu", "Halawa", "Hulu",
)  # fmt: skip

# PPPK (UU 20/2023): most regions filled their teacher and nurse/midwife formations with PPPK since
# 2021 (former honorer staff), so a third of these holders are PPPK; elsewhere a few percent.
# PPPK never hold structural posts. Shares of the placed holders of each group.
PPPK_SHARES: Final[dict[str, float]] = {"Guru": 0.33, "Perawat": 0.30, "Bidan": 0.30}
PPPK_OTHER_FUNCTIONAL_SHARE: Final[float] = 0.04
PPPK_PELAKSANA_SHARE: Final[float] = 0.04
# PPPK are appointed at the lowest jenjang (raised later by angka kredit): weight of each jenjang.
PPPK_JENJANG_WEIGHT: Final[dict[str, float]] = {
    "pemula": 1.0, "terampil": 1.0, "ahli_pertama": 1.0, "mahir": 0.5, "ahli_muda": 0.5,
    "penyelia": 0.15, "ahli_madya": 0.15, "ahli_utama": 0.0,
}  # fmt: skip

# Second professions (employees.qualifications): (holder, qualification, probability, education at
# least, women only). The holder is a functional family ("Perawat": a holder of a Perawat post), or
# "pelaksana@<OPD family>" / "structural@<OPD family>" for the pelaksana or structural staff of the
# OPDs of that technical family ("*" for every OPD). Only professions a person can really practise
# too: an STR of a second health profession, a functional certificate (sertifikat JFA) of an
# official who held the post before. A teacher certified for another subject is still a Guru.
QUALIFICATION_PATHS: Final[tuple[tuple[str, str, float, str | None, bool], ...]] = (
    ("Perawat", "Bidan", 0.05, "D3", True),
    ("Bidan", "Perawat", 0.06, "D3", True),
    ("Apoteker", "Asisten Apoteker", 0.5, None, False),
    ("Dokter", "Administrator Kesehatan", 0.05, "S1", False),
    ("Pengawas Sekolah", "Guru", 0.6, None, False),  # appointed from certified teachers
    ("Guru", "Pengawas Sekolah", 0.003, "S1", False),  # passed the calon pengawas training
    ("Penyuluh Perikanan", "Penyuluh Pertanian", 0.1, None, False),
    ("Polisi Pamong Praja", "Pemadam Kebakaran", 0.05, None, False),
    ("Pemadam Kebakaran", "Polisi Pamong Praja", 0.05, None, False),
    ("pelaksana@KES", "Perawat", 0.25, "D3", False),
    ("pelaksana@KES", "Bidan", 0.10, "D3", True),
    ("pelaksana@*", "Perawat", 0.008, "D3", False),
    ("pelaksana@PEND", "Guru", 0.10, "S1", False),
    ("pelaksana@KOM", "Pranata Komputer", 0.15, "D3", False),
    ("structural@KES", "Dokter", 0.25, "S1", False),
    ("structural@KES", "Perawat", 0.20, "D3", False),
    ("structural@PEND", "Guru", 0.50, "S1", False),
    ("structural@WAS", "Auditor", 0.50, "S1", False),
)
