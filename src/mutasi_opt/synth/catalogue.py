"""The OPDs of the synthetic Kota Sibolga with their posts at the reference size (~2,500 people).

The OPD names follow docs/domain.md, "Kota Sibolga" (public sources name them); the bidang,
formations and their sizes are plausible for a city of about 90,000 inhabitants and are this
generator's own. Education and health are the largest OPDs, as in every Indonesian city (teachers
and health staff). Functional formations of schools and health facilities are one row per workplace
("Guru Ahli Muda pada SD Negeri 081224"), so that a teacher can move between schools.
"""

from __future__ import annotations

from typing import Final

from mutasi_opt.synth.templates import (
    Opd,
    PostTemplate,
    SubUnit,
    administrator,
    fungsional,
    jpt,
    pelaksana,
    pengawas,
)

__all__ = ["CATALOGUE", "KECAMATAN"]

# The four kecamatan and their seventeen kelurahan.
KECAMATAN: Final[dict[str, tuple[str, ...]]] = {
    "Sibolga Utara": ("Angin Nauli", "Huta Barangan", "Hutatonga-tonga", "Sibolga Ilir", "Simaremare"),
    "Sibolga Kota": ("Pasar Baru", "Pasar Belakang", "Kota Baringin", "Pancuran Gerobak"),
    "Sibolga Selatan": ("Aek Habil", "Aek Manis", "Aek Parombunan", "Aek Muara Pinang"),
    "Sibolga Sambas": ("Pancuran Pinang", "Pancuran Kerambil", "Pancuran Bambu", "Pancuran Dewa"),
}  # fmt: skip

_SUBBAG = ("Umum dan Kepegawaian", "Perencanaan dan Keuangan")
# Seksi of a bidang are named by task ("Kepala Seksi Pelaksanaan Bina Marga").
_SECTION_TOPICS = ("Pelaksanaan", "Pengendalian", "Perencanaan")


def _opd(
    code: str,
    unit: str,
    family: str,
    order: int,
    *,
    head: PostTemplate,
    bidang: tuple[tuple[str, int], ...],
    functional: tuple[PostTemplate, ...],
    staff: tuple[PostTemplate, ...],
    category: str = "dinas",
    section: str = "Seksi",
    subbag: tuple[str, ...] = _SUBBAG,
    sekretaris: str | None = "III.a",
    subunits: tuple[SubUnit, ...] = (),
) -> Opd:
    """A dinas or badan: head, sekretaris with subbagian, bidang with their seksi, staff."""
    posts = [head]
    if sekretaris is not None:
        posts.append(administrator(f"Sekretaris {unit}", sekretaris))
    posts += [pengawas(f"Kepala Subbagian {name}") for name in subbag]
    for name, n_sections in bidang:
        posts.append(administrator(f"Kepala Bidang {name}"))
        topics = _SECTION_TOPICS[:n_sections]
        posts += [pengawas(f"Kepala {section} {topic} {name}") for topic in topics]
    return Opd(code, unit, category, family, order, (*posts, *functional, *staff), subunits)


def _dinas_head(unit: str) -> PostTemplate:
    return jpt(f"Kepala {unit}")


def _school(
    kind: str, names: tuple[str, ...], count: int, caps: tuple[int, int, int, int]
) -> SubUnit:
    pertama, muda, madya, staff = caps
    guru = fungsional("Guru", {"ahli_pertama": pertama, "ahli_muda": muda, "ahli_madya": madya},
                      "guru", ("T.PEND.01", "T.PEND.03"), priority=4)  # fmt: skip
    return SubUnit(kind, names, count, (*guru, *pelaksana(0, 0, staff, 1 if staff > 1 else 0)))


_SD_NAMES = tuple(f"SD Negeri {n:06d}" for n in (*range(81221, 81251), *range(84081, 84101)))
_SMP_NAMES = tuple(f"SMP Negeri {n} Sibolga" for n in range(1, 13))
_PUSKESMAS = ("Aek Habil", "Aek Parombunan", "Pintu Angin", "Sibolga Sambas", "Hutabarat",
              "Sibolga Ilir", "Pancuran Gerobak", "Simaremare")  # fmt: skip

_HEALTH_CLINICAL = 5  # priority of clinical formations: chronic shortages, critical to fill


def _health_facility(kind: str, names: tuple[str, ...], count: int, scale: int) -> SubUnit:
    """A puskesmas (scale 1) or the city hospital (scale ~6): clinical formations."""
    s = scale
    posts = (
        *fungsional("Dokter", {"ahli_pertama": 2 * s, "ahli_muda": s, **({"ahli_madya": s} if s > 1 else {})},
                    "dokter", ("T.KES.06", "T.KES.01"), _HEALTH_CLINICAL, s1_only=True),
        *fungsional("Dokter Gigi", {"ahli_pertama": 1}, "dokter_gigi", ("T.KES.06",), 4, s1_only=True),
        *fungsional("Perawat", {"terampil": 6 * s, "mahir": 3 * s, "ahli_pertama": 3 * s,
                                **({"ahli_muda": s} if s > 1 else {})},
                    "perawat", ("T.KES.02",), _HEALTH_CLINICAL),
        *fungsional("Bidan", {"terampil": 5 * s // 2 + 2, "mahir": 3, "ahli_pertama": 1}, "bidan",
                    ("T.KES.03",), _HEALTH_CLINICAL),
        *fungsional("Apoteker", {"ahli_pertama": max(1, s // 2)}, "farmasi", ("T.KES.04",), 4, s1_only=True),
        *fungsional("Asisten Apoteker", {"terampil": s}, "farmasi", ("T.KES.04",), 4),
        *fungsional("Pranata Laboratorium Kesehatan", {"terampil": s + 1}, "kesehatan", ("T.KES.07",), 4),
        *fungsional("Nutrisionis", {"terampil": max(1, s // 2)}, "kesehatan", ("T.KES.08",), 3),
        *fungsional("Sanitarian", {"terampil": 1}, "kesehatan", ("T.KES.08",), 3),
        *pelaksana(0, max(1, s // 2), s + 1, s),
    )  # fmt: skip
    return SubUnit(kind, names, count, posts)


# fmt: off
_OPDS: list[Opd] = [
    Opd("SETDA", "Sekretariat Daerah", "sekretariat", "ADM", 3, (
        jpt("Sekretaris Daerah", "II.a", priority=5),
        jpt("Asisten Pemerintahan dan Kesejahteraan Rakyat"),
        jpt("Asisten Perekonomian dan Pembangunan"),
        jpt("Asisten Administrasi Umum"),
        *(administrator(f"Kepala Bagian {b}", "III.a") for b in (
            "Tata Pemerintahan", "Hukum", "Kesejahteraan Rakyat", "Perekonomian dan Sumber Daya Alam",
            "Administrasi Pembangunan", "Pengadaan Barang dan Jasa", "Organisasi",
            "Protokol dan Komunikasi Pimpinan", "Umum")),
        *(pengawas(f"Kepala Subbagian {s}") for s in (
            "Pemerintahan Umum", "Otonomi Daerah", "Perundang-undangan", "Bantuan Hukum",
            "Kesejahteraan Sosial", "Perekonomian", "Pengendalian Pembangunan",
            "Pengelolaan Pengadaan", "Kelembagaan dan Analisis Jabatan", "Reformasi Birokrasi",
            "Protokol", "Tata Usaha Pimpinan", "Rumah Tangga", "Keuangan")),
        *fungsional("Analis Hukum", {"ahli_pertama": 2, "ahli_muda": 2}, tech=("T.ADM.04",)),
        *fungsional("Perancang Peraturan Perundang-undangan", {"ahli_pertama": 1, "ahli_muda": 1},
                    tech=("T.ADM.04",)),
        *fungsional("Pengelola Pengadaan Barang/Jasa", {"ahli_pertama": 3, "ahli_muda": 2},
                    tech=("T.ADM.06",)),
        *fungsional("Analis Kebijakan", {"ahli_pertama": 3, "ahli_muda": 3, "ahli_madya": 1}),
        *fungsional("Pranata Humas", {"terampil": 2, "ahli_pertama": 2}, tech=("T.ADM.03",)),
        *pelaksana(12, 10, 12, 14),
    )),
    _opd("SETWAN", "Sekretariat DPRD", "ADM", 16, head=jpt("Sekretaris DPRD"), category="sekretariat",
         sekretaris=None, bidang=(), subbag=("Tata Usaha dan Kepegawaian", "Keuangan", "Persidangan", "Perundang-undangan"),
         functional=(
             *(administrator(f"Kepala Bagian {b}") for b in (
                 "Umum dan Keuangan", "Persidangan dan Perundang-undangan",
                 "Fasilitasi Penganggaran dan Pengawasan")),
             *fungsional("Analis Kebijakan", {"ahli_pertama": 2, "ahli_muda": 1}),
             *fungsional("Perisalah Legislatif", {"ahli_pertama": 2, "ahli_muda": 1}, tech=("T.ADM.05",)),
             *fungsional("Pranata Humas", {"terampil": 2}, tech=("T.ADM.03",)),
         ), staff=pelaksana(5, 4, 6, 8)),
    _opd("INSP", "Inspektorat", "WAS", 6, head=jpt("Inspektur"), category="inspektorat",
         bidang=(), subbag=("Umum dan Keuangan", "Perencanaan, Evaluasi dan Pelaporan"),
         functional=(
             *(administrator(f"Inspektur Pembantu Wilayah {r}") for r in ("I", "II", "III", "IV")),
             *fungsional("Auditor", {"ahli_pertama": 6, "ahli_muda": 5, "ahli_madya": 3}, "auditor",
                         ("T.WAS.01", "T.WAS.02")),
             *fungsional("Pengawas Penyelenggaraan Urusan Pemerintahan Daerah",
                         {"ahli_pertama": 4, "ahli_muda": 3}, "auditor", ("T.WAS.03",)),
         ), staff=pelaksana(2, 2, 3, 2)),
    _opd("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "REN", 7, category="badan",
         head=jpt("Kepala Badan Perencanaan Pembangunan Daerah"), section="Subbidang", subbag=_SUBBAG[:1],
         bidang=(("Pemerintahan dan Pembangunan Manusia", 0), ("Perekonomian dan Sumber Daya Alam", 0),
                 ("Infrastruktur dan Pengembangan Wilayah", 0), ("Penelitian dan Pengembangan", 0)),
         functional=(
             *fungsional("Perencana", {"ahli_pertama": 5, "ahli_muda": 4, "ahli_madya": 2}, tech=("T.REN.01",)),
             *fungsional("Peneliti", {"ahli_pertama": 1}, tech=("T.REN.02",)),
             *fungsional("Statistisi", {"ahli_pertama": 1}, tech=("T.REN.03",)),
         ), staff=pelaksana(3, 2, 3, 3)),
    _opd("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "SDM", 4, category="badan",
         head=jpt("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"), subbag=_SUBBAG[:1],
         bidang=(("Pengadaan, Pemberhentian dan Informasi", 0), ("Mutasi dan Promosi", 0),
                 ("Pengembangan Kompetensi Aparatur", 0), ("Penilaian Kinerja Aparatur dan Penghargaan", 0)),
         functional=(
             *fungsional("Analis Sumber Daya Manusia Aparatur", {"ahli_pertama": 5, "ahli_muda": 3, "ahli_madya": 1},
                         tech=("T.SDM.01",)),
             *fungsional("Pranata Sumber Daya Manusia Aparatur", {"terampil": 3, "mahir": 2}, tech=("T.SDM.01",)),
             *fungsional("Asesor Sumber Daya Manusia Aparatur", {"ahli_pertama": 1, "ahli_muda": 1},
                         tech=("T.SDM.02",)),
         ), staff=pelaksana(3, 3, 3, 2)),
    _opd("BPKPD", "Badan Pengelolaan Keuangan dan Pendapatan Daerah", "KEU", 5, category="badan",
         head=jpt("Kepala Badan Pengelolaan Keuangan dan Pendapatan Daerah"), section="Subbidang",
         bidang=(("Anggaran", 1), ("Perbendaharaan", 1), ("Akuntansi dan Pelaporan", 1), ("Aset Daerah", 1),
                 ("Pendapatan Daerah", 2)),
         functional=(
             *fungsional("Analis Keuangan Pusat dan Daerah", {"ahli_pertama": 4, "ahli_muda": 3, "ahli_madya": 1},
                         tech=("T.KEU.01", "T.KEU.04")),
             *fungsional("Pemeriksa Pajak Daerah", {"ahli_pertama": 2}, tech=("T.KEU.02",)),
         ), staff=pelaksana(8, 7, 8, 6)),
    _opd("DISDIK", "Dinas Pendidikan", "PEND", 1, head=_dinas_head("Dinas Pendidikan"),
         bidang=(("Pembinaan Sekolah Dasar", 1), ("Pembinaan Sekolah Menengah Pertama", 1),
                 ("Pendidikan Anak Usia Dini dan Pendidikan Nonformal", 1), ("Guru dan Tenaga Kependidikan", 1)),
         functional=(
             *fungsional("Pengawas Sekolah", {"ahli_muda": 4, "ahli_madya": 6}, "pengawas_sekolah",
                         ("T.PEND.02",), 4),
             *fungsional("Penilik", {"ahli_pertama": 2, "ahli_muda": 2}, "pengawas_sekolah", ("T.PEND.02",)),
             *fungsional("Pamong Belajar", {"ahli_pertama": 1, "ahli_muda": 1}, "guru", ("T.PEND.01",)),
         ), staff=pelaksana(4, 3, 5, 4),
         subunits=(_school("SD Negeri", _SD_NAMES, 38, (3, 4, 6, 1)),
                   _school("SMP Negeri", _SMP_NAMES, 8, (8, 10, 18, 2)),
                   _school("TK Negeri", ("TK Negeri Pembina",), 1, (2, 2, 2, 0)))),
    _opd("DINKES", "Dinas Kesehatan", "KES", 2, head=_dinas_head("Dinas Kesehatan"),
         bidang=(("Kesehatan Masyarakat", 1), ("Pencegahan dan Pengendalian Penyakit", 1),
                 ("Pelayanan dan Sumber Daya Kesehatan", 1)),
         functional=(
             administrator("Direktur RSUD Dr. F.L. Tobing", "III.a", priority=4),
             *fungsional("Epidemiolog Kesehatan", {"ahli_pertama": 2, "ahli_muda": 1}, "kesehatan", ("T.KES.05",)),
             *fungsional("Administrator Kesehatan", {"ahli_pertama": 2, "ahli_muda": 2}, "kesehatan", ("T.KES.01",)),
             *fungsional("Penyuluh Kesehatan Masyarakat", {"ahli_pertama": 2}, "kesehatan", ("T.KES.01",)),
         ), staff=pelaksana(3, 3, 4, 3),
         subunits=(_health_facility("Puskesmas", tuple(f"Puskesmas {n}" for n in _PUSKESMAS), 5, 1),
                   _health_facility("RSUD", ("RSUD Dr. F.L. Tobing",), 1, 6))),
    _opd("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR", 9, head=_dinas_head("Dinas Pekerjaan Umum dan Penataan Ruang"),
         bidang=(("Bina Marga", 1), ("Sumber Daya Air", 1), ("Cipta Karya", 1), ("Penataan Ruang", 1)),
         functional=(
             *fungsional("Teknik Jalan dan Jembatan", {"ahli_pertama": 3, "ahli_muda": 2}, "teknik", ("T.PUPR.01",)),
             *fungsional("Teknik Pengairan", {"ahli_pertama": 2, "ahli_muda": 1}, "teknik", ("T.PUPR.02",)),
             *fungsional("Penata Ruang", {"ahli_pertama": 2, "ahli_muda": 1}, "teknik", ("T.PUPR.03",)),
             *fungsional("Teknik Tata Bangunan dan Perumahan", {"ahli_pertama": 2, "ahli_muda": 1}, "teknik",
                         ("T.PUPR.04",)),
             *fungsional("Pembina Jasa Konstruksi", {"ahli_pertama": 2}, "teknik", ("T.PUPR.04",)),
         ), staff=pelaksana(4, 4, 6, 14)),
    _opd("DPKPLH", "Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup", "LH", 14,
         head=_dinas_head("Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup"),
         bidang=(("Perumahan", 0), ("Kawasan Permukiman", 0), ("Pengelolaan Sampah dan Limbah", 1),
                 ("Pengendalian Pencemaran dan Pertamanan", 1)),
         functional=(
             *fungsional("Pengendali Dampak Lingkungan", {"ahli_pertama": 2, "ahli_muda": 2}, tech=("T.LH.02",)),
             *fungsional("Penyuluh Lingkungan Hidup", {"ahli_pertama": 2}, "penyuluh", ("T.LH.01",)),
         ), staff=pelaksana(3, 3, 6, 25)),
    _opd("DPKPP", "Dinas Perikanan, Ketahanan Pangan dan Pertanian", "PKN", 19,
         head=_dinas_head("Dinas Perikanan, Ketahanan Pangan dan Pertanian"),
         bidang=(("Perikanan Tangkap", 1), ("Ketahanan Pangan", 0), ("Pertanian dan Peternakan", 0)),
         functional=(
             *fungsional("Penyuluh Perikanan", {"terampil": 3, "ahli_pertama": 3, "ahli_muda": 2}, "penyuluh",
                         ("T.PKN.03", "T.PKN.01")),
             *fungsional("Penyuluh Pertanian", {"terampil": 2, "ahli_pertama": 2}, "penyuluh", ("T.PKN.03",)),
             *fungsional("Pengawas Mutu Hasil Perikanan", {"ahli_pertama": 2}, tech=("T.PKN.01",)),
             *fungsional("Analis Ketahanan Pangan", {"ahli_pertama": 2}, tech=("T.PKN.02",)),
         ), staff=pelaksana(3, 3, 4, 5)),
    _opd("KOMINFO", "Dinas Komunikasi dan Informatika", "KOM", 15, head=_dinas_head("Dinas Komunikasi dan Informatika"),
         bidang=(("Informasi dan Komunikasi Publik", 0), ("Aplikasi Informatika", 0), ("Statistik dan Persandian", 0)),
         functional=(
             *fungsional("Pranata Komputer", {"terampil": 3, "ahli_pertama": 3, "ahli_muda": 1}, tech=("T.KOM.01",)),
             *fungsional("Pranata Hubungan Masyarakat", {"terampil": 2, "ahli_pertama": 2, "ahli_muda": 1},
                         tech=("T.KOM.04",)),
             *fungsional("Statistisi", {"ahli_pertama": 2}, tech=("T.KOM.02",)),
             *fungsional("Sandiman", {"ahli_pertama": 1}, tech=("T.KOM.03",)),
         ), staff=pelaksana(3, 2, 3, 3)),
    _opd("DISHUB", "Dinas Perhubungan", "HUB", 13, head=_dinas_head("Dinas Perhubungan"),
         bidang=(("Lalu Lintas", 1), ("Angkutan", 1), ("Sarana dan Prasarana", 1)),
         functional=fungsional("Penguji Kendaraan Bermotor", {"terampil": 3, "mahir": 2, "ahli_pertama": 1},
                               tech=("T.HUB.02",)),
         staff=pelaksana(3, 4, 6, 22)),
    _opd("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "DUK", 8,
         head=jpt("Kepala Dinas Kependudukan dan Pencatatan Sipil"), subbag=_SUBBAG[:1],
         bidang=(("Pelayanan Pendaftaran Penduduk", 0), ("Pelayanan Pencatatan Sipil", 0),
                 ("Pengelolaan Informasi Administrasi Kependudukan", 0)),
         functional=fungsional("Administrator Database Kependudukan",
                               {"terampil": 3, "ahli_pertama": 3, "ahli_muda": 1}, tech=("T.DUK.03",)),
         staff=pelaksana(4, 5, 8, 5)),
    _opd("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "IZN", 17,
         head=_dinas_head("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"), subbag=_SUBBAG[:1],
         bidang=(("Penanaman Modal", 0), ("Pelayanan Perizinan", 0), ("Pengaduan, Kebijakan dan Pelaporan", 0)),
         functional=(
             *fungsional("Penata Perizinan", {"ahli_pertama": 3, "ahli_muda": 2}, tech=("T.IZN.01",)),
             *fungsional("Analis Kebijakan", {"ahli_pertama": 1}, tech=("T.IZN.02",)),
         ), staff=pelaksana(3, 3, 4, 3)),
    _opd("DPPKB", "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak",
         "KB", 18, head=_dinas_head("Dinas Pengendalian Penduduk dan Keluarga Berencana"), subbag=_SUBBAG[:1],
         bidang=(("Pengendalian Penduduk dan Penyuluhan", 0), ("Keluarga Sejahtera", 0),
                 ("Perlindungan Perempuan dan Anak", 1)),
         functional=fungsional("Penyuluh Keluarga Berencana", {"ahli_pertama": 8, "ahli_muda": 6, "ahli_madya": 2},
                               "penyuluh", ("T.KB.01",)),
         staff=pelaksana(2, 3, 4, 3)),
    _opd("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "PUS", 23, head=_dinas_head("Dinas Perpustakaan dan Kearsipan"),
         subbag=_SUBBAG[:1], bidang=(("Perpustakaan", 0), ("Kearsipan", 0)),
         functional=(
             *fungsional("Pustakawan", {"terampil": 3, "ahli_pertama": 2, "ahli_muda": 1}, tech=("T.PUS.01",)),
             *fungsional("Arsiparis", {"terampil": 3, "ahli_pertama": 2, "ahli_muda": 1}, tech=("T.PUS.02",)),
         ), staff=pelaksana(2, 2, 3, 3)),
    _opd("SATPOL", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "TIB", 10, category="satpol",
         head=jpt("Kepala Satuan Polisi Pamong Praja dan Pemadam Kebakaran"),
         bidang=(("Penegakan Peraturan Daerah", 1), ("Ketertiban Umum dan Ketenteraman Masyarakat", 1),
                 ("Perlindungan Masyarakat", 0), ("Pemadam Kebakaran dan Penyelamatan", 1)),
         functional=(
             *fungsional("Polisi Pamong Praja", {"terampil": 18, "mahir": 8, "ahli_pertama": 3, "ahli_muda": 1},
                         "polpp", ("T.TIB.01",), sma_entry=True),
             *fungsional("Pemadam Kebakaran", {"pemula": 4, "terampil": 16, "mahir": 6}, "damkar", ("T.TIB.02",),
                         4, sma_entry=True),
             *fungsional("Analis Kebakaran", {"ahli_pertama": 1}, tech=("T.TIB.02",)),
         ), staff=pelaksana(2, 2, 4, 6)),
    _opd("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "KSB", 24, category="badan",
         head=jpt("Kepala Badan Kesatuan Bangsa dan Politik"), subbag=_SUBBAG[:1],
         bidang=(("Ideologi, Wawasan Kebangsaan dan Karakter Bangsa", 0), ("Politik Dalam Negeri dan Ketahanan", 0)),
         functional=fungsional("Analis Kebijakan", {"ahli_pertama": 2, "ahli_muda": 1}, tech=("T.KSB.02",)),
         staff=pelaksana(2, 2, 3, 2)),
    _opd("DINSOS", "Dinas Sosial", "SOS", 20, head=_dinas_head("Dinas Sosial"), subbag=_SUBBAG[:1],
         bidang=(("Rehabilitasi Sosial", 0), ("Perlindungan dan Jaminan Sosial", 0),
                 ("Pemberdayaan Sosial dan Penanganan Fakir Miskin", 0)),
         functional=(
             *fungsional("Pekerja Sosial", {"terampil": 2, "ahli_pertama": 3, "ahli_muda": 1}, "penyuluh",
                         ("T.SOS.01",)),
             *fungsional("Penyuluh Sosial", {"ahli_pertama": 2}, "penyuluh", ("T.SOS.02",)),
         ), staff=pelaksana(2, 2, 4, 3)),
    _opd("DISPERINDAGKOP", "Dinas Perdagangan, Perindustrian, Koperasi dan Usaha Kecil Menengah", "EKO", 21,
         head=_dinas_head("Dinas Perdagangan, Perindustrian, Koperasi dan UKM"), subbag=_SUBBAG[:1],
         bidang=(("Perdagangan", 0), ("Perindustrian", 0), ("Koperasi dan Usaha Mikro", 0)),
         functional=(
             *fungsional("Penera", {"terampil": 2, "ahli_pertama": 1}, tech=("T.EKO.02",)),
             *fungsional("Pengawas Koperasi", {"ahli_pertama": 2, "ahli_muda": 1}, tech=("T.EKO.01",)),
         ), staff=pelaksana(2, 2, 4, 6)),
    _opd("DISPARPORA", "Dinas Pariwisata, Kebudayaan, Pemuda dan Olahraga", "PAR", 22,
         head=_dinas_head("Dinas Pariwisata, Kebudayaan, Pemuda dan Olahraga"), subbag=_SUBBAG[:1],
         bidang=(("Pariwisata", 0), ("Kebudayaan", 0), ("Pemuda dan Olahraga", 0)),
         functional=(
             *fungsional("Adyatama Kepariwisataan dan Ekonomi Kreatif", {"ahli_pertama": 2, "ahli_muda": 1},
                         tech=("T.PAR.01",)),
             *fungsional("Pamong Budaya", {"ahli_pertama": 2}, tech=("T.PAR.01",)),
         ), staff=pelaksana(2, 2, 3, 3)),
    _opd("BPBD", "Badan Penanggulangan Bencana Daerah", "BEN", 25, category="badan",
         head=jpt("Kepala Pelaksana Badan Penanggulangan Bencana Daerah"), sekretaris="III.b", subbag=(),
         bidang=(("Pencegahan dan Kesiapsiagaan", 0), ("Kedaruratan dan Logistik", 0),
                 ("Rehabilitasi dan Rekonstruksi", 0)),
         functional=fungsional("Penata Penanggulangan Bencana", {"ahli_pertama": 2, "ahli_muda": 1},
                               tech=("T.BEN.01",)),
         staff=pelaksana(2, 2, 3, 6)),
]
# fmt: on


def _kecamatan(name: str, order: int) -> Opd:
    posts = (
        administrator(f"Camat {name}", "III.a", priority=4),
        administrator(f"Sekretaris Kecamatan {name}"),
        *(pengawas(f"Kepala Seksi {s}") for s in (
            "Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Pemberdayaan Masyarakat dan Kelurahan",
            "Pelayanan Umum")),
        pengawas("Kepala Subbagian Umum dan Kepegawaian", "IV.b"),
        pengawas("Kepala Subbagian Perencanaan dan Keuangan", "IV.b"),
        *pelaksana(1, 2, 3, 2),
    )  # fmt: skip
    code = "KEC-" + name.removeprefix("Sibolga ").upper()
    return Opd(code, f"Kecamatan {name}", "kecamatan", "PEM", order, posts)


def _kelurahan(name: str, order: int) -> Opd:
    posts = (
        pengawas(f"Lurah {name}", "IV.a", priority=4),
        pengawas(f"Sekretaris Kelurahan {name}", "IV.b"),
        pengawas("Kepala Seksi Pemerintahan dan Ketenteraman", "IV.b"),
        pengawas("Kepala Seksi Pemberdayaan Masyarakat dan Pelayanan", "IV.b"),
        *pelaksana(0, 1, 2, 1),
    )
    code = "KEL-" + "".join(ch for ch in name.upper() if ch.isalpha())
    return Opd(code, f"Kelurahan {name}", "kelurahan", "PEM", order, posts)


def _regions() -> list[Opd]:
    out = []
    # Sibolga Kota (the city centre) comes early in the inclusion order, the others last.
    orders = {"Sibolga Kota": 11, "Sibolga Utara": 26, "Sibolga Selatan": 27, "Sibolga Sambas": 28}
    for kecamatan, kelurahan in KECAMATAN.items():
        out.append(_kecamatan(kecamatan, orders[kecamatan]))
        out += [_kelurahan(k, orders[kecamatan]) for k in kelurahan]
    return out


# Every OPD in the order the positions table lists them.
CATALOGUE: Final[tuple[Opd, ...]] = (*_OPDS, *_regions())
