"""Post templates and the small builders the catalogue of OPDs is written with.

A :class:`PostTemplate` is one row of the positions table before it is placed in an OPD: a
structural post (capacity 1) or a formation of pelaksana or functional staff whose capacity, given
at the reference size of about 2,500 people, is scaled to the size asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from mutasi_opt.synth.vocab import JENJANG_LABEL

__all__ = [
    "Opd",
    "PostTemplate",
    "SubUnit",
    "administrator",
    "fungsional",
    "jpt",
    "pelaksana",
    "pengawas",
]


@dataclass(frozen=True, slots=True)
class PostTemplate:
    """One post or formation of an OPD.

    Attributes
    ----------
    title, kind, jenjang
        As in the positions table.
    eselon
        Legacy eselon of a structural post (``"II.b"``, ...): sets its golongan range.
    min_education
        As in the positions table.
    education_mix
        Key of :data:`~mutasi_opt.synth.vocab.EDUCATION_MIX`: how holders' education is drawn.
    capacity
        Seats at the reference size (structural posts: 1).
    priority
        1-5, as in the positions table.
    group
        Family of the post (``structural``, ``pelaksana``, ``guru``, ``perawat``, ...): gender mix,
        academic titles and which posts a person wishes for.
    tech
        Core technical competencies; empty = drawn from the OPD's family.
    family
        Profession family of a functional post (``"Perawat"``), the positions table's ``family``;
        ``None`` for the other kinds. It is the title without its jenjang words and workplace, so
        that it equals what the engine derives from the title when a cell is left empty.
    """

    title: str
    kind: str
    jenjang: str | None = None
    eselon: str | None = None
    min_education: str | None = None
    education_mix: str = "pel_sma"
    capacity: int = 1
    priority: int = 3
    group: str = "structural"
    tech: tuple[str, ...] = ()
    family: str | None = None

    @property
    def is_formation(self) -> bool:
        """Pelaksana and functional posts are pooled formations whose capacity scales."""
        return self.kind in ("pelaksana", "fungsional")


@dataclass(frozen=True, slots=True)
class SubUnit:
    """A workplace repeated inside an OPD (a school, a puskesmas); its posts carry its name.

    ``count`` is the number at the reference size; names beyond ``names`` are numbered.
    """

    kind: str
    names: tuple[str, ...]
    count: int
    posts: tuple[PostTemplate, ...]

    def name(self, k: int) -> str:
        """Name of the ``k``-th workplace (0-based)."""
        if k < len(self.names):
            return self.names[k]
        return f"{self.kind} {k + 1}"


@dataclass(frozen=True, slots=True)
class Opd:
    """One OPD (the ``unit`` of its posts).

    Attributes
    ----------
    code
        Prefix of its position ids.
    unit
        Its name, the ``unit`` column.
    category
        dinas, badan, sekretariat, inspektorat, satpol, kecamatan or kelurahan.
    family
        Technical competency family (a key of :data:`~mutasi_opt.synth.vocab.TECHNICAL`).
    order
        Order of inclusion when a small sample cannot hold the whole city (lower first).
    """

    code: str
    unit: str
    category: str
    family: str
    order: int
    posts: tuple[PostTemplate, ...]
    subunits: tuple[SubUnit, ...] = ()


def jpt(title: str, eselon: str = "II.b", priority: int = 4) -> PostTemplate:
    """A JPT Pratama post (head of an OPD, Sekda, asisten)."""
    return PostTemplate(
        title,
        "jpt_pratama",
        eselon=eselon,
        min_education="S1",
        education_mix="jpt",
        priority=priority,
    )


def administrator(title: str, eselon: str = "III.b", priority: int = 3) -> PostTemplate:
    """An administrator post (sekretaris, kepala bidang/bagian, camat)."""
    return PostTemplate(
        title,
        "administrator",
        eselon=eselon,
        min_education="S1",
        education_mix="administrator",
        priority=priority,
    )


def pengawas(title: str, eselon: str = "IV.a", priority: int = 3) -> PostTemplate:
    """A pengawas post (kepala subbagian/seksi, lurah)."""
    return PostTemplate(
        title,
        "pengawas",
        eselon=eselon,
        min_education="D3",
        education_mix="pengawas",
        priority=priority,
    )


def fungsional(
    base: str,
    capacities: dict[str, int],
    group: str = "analis",
    tech: tuple[str, ...] = (),
    priority: int = 3,
    *,
    s1_only: bool = False,
    sma_entry: bool = False,
) -> tuple[PostTemplate, ...]:
    """One formation per jenjang of a functional post, e.g. ``Perawat Terampil``.

    Parameters
    ----------
    base
        The functional post's name (``"Perawat"``): the profession family of every formation.
    capacities
        Jenjang to capacity at the reference size.
    s1_only
        Keahlian posts that need a full S1 (doctors, pharmacists), not a D4.
    sma_entry
        Keterampilan posts open to SMA graduates (Polisi Pamong Praja, Pemadam Kebakaran).
    """
    out = []
    for jenjang, capacity in capacities.items():
        if jenjang.startswith("ahli"):
            edu, mix = ("S1", "ahli_s1") if s1_only else ("D4", "ahli")
        elif jenjang == "pemula" or sma_entry:
            edu, mix = "SMA", ("sma" if jenjang == "pemula" else "sma_d3")
        else:
            edu, mix = "D3", "terampil"
        title = f"{base} {JENJANG_LABEL[jenjang]}"
        out.append(
            PostTemplate(
                title,
                "fungsional",
                jenjang=jenjang,
                min_education=edu,
                education_mix=mix,
                capacity=capacity,
                priority=priority,
                group=group,
                tech=tech,
                family=base,
            )
        )
    return tuple(out)


def pelaksana(
    penata: int, pengelola: int, pengadministrasi: int, operator: int
) -> tuple[PostTemplate, ...]:
    """The pelaksana formations of an OPD (2024 nomenclature), by capacity at the reference size."""
    rows = (
        ("Penata Layanan Operasional", "S1", "pel_s1", penata, ("T.ADM.01",)),
        ("Pengelola Layanan Operasional", "D3", "pel_d3", pengelola, ("T.ADM.01",)),
        ("Pengadministrasi Perkantoran", "SMA", "pel_sma", pengadministrasi, ("T.ADM.01",)),
        ("Operator Layanan Operasional", "SMA", "pel_sma", operator, ()),
    )
    return tuple(
        PostTemplate(
            title,
            "pelaksana",
            min_education=edu,
            education_mix=mix,
            capacity=cap,
            priority=2,
            group="pelaksana",
            tech=tech,
        )
        for title, edu, mix, cap, tech in rows
        if cap > 0
    )
