"""Every sentence the plan writes, in Bahasa Indonesia (``id``, the default) and English (``en``).

Templates live here, keyed ``<part>.<code>``: ``head.*`` opens a person's reason, ``move.*`` and
``stay.*`` are its clauses, ``vac.*`` explain open posts, ``dev.*`` suggest development, ``rule.*``
name what closes a post besides the hard rules (side rules, pruning). A hard rule's own words (its
description, the clause of a stay it causes, the requirement a pair fails) belong to the rule, in
:mod:`mutasi_opt.rules`. A reason is ``head: clause; clause.``. Numbers follow the language:
``72,5%`` in Indonesian, ``72.5%`` in English.
"""

from __future__ import annotations

import math
from typing import Final

LANGUAGES: Final[tuple[str, ...]] = ("id", "en")

MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # Opening of a person's reason, by move type.
    "head.promosi": (
        "Promosi dari {from_title} ({from_unit}) ke {to_title} ({to_unit})",
        "Promotion from {from_title} ({from_unit}) to {to_title} ({to_unit})",
    ),
    "head.rotasi": (
        "Rotasi dari {from_title} ({from_unit}) ke {to_title} ({to_unit})",
        "Rotation from {from_title} ({from_unit}) to {to_title} ({to_unit})",
    ),
    "head.demosi": (
        "Demosi dari {from_title} ({from_unit}) ke {to_title} ({to_unit})",
        "Demotion from {from_title} ({from_unit}) to {to_title} ({to_unit})",
    ),
    "head.placement": (
        "Penempatan di {to_title} ({to_unit})",
        "Placement in {to_title} ({to_unit})",
    ),
    "head.stay": ("Tetap di {from_title} ({from_unit})", "Stays in {from_title} ({from_unit})"),
    # Clauses of a move.
    "move.abolished_post": ("jabatan asal dihapus", "the former post is abolished"),
    "move.placement": ("sebelumnya belum memiliki jabatan", "had no post before"),
    "move.wish": ("sesuai keinginan ke-{rank}", "honours wish no. {rank}"),
    "move.fill_vacancy": (
        "mengisi lowongan prioritas {priority}",
        "fills a vacancy of priority {priority}",
    ),
    "move.swap": (
        "bertukar jabatan dengan {name} (NIP {nip})",
        "swaps posts with {name} (NIP {nip})",
    ),
    "move.chain": (
        "menggantikan {name} (NIP {nip}) yang pindah",
        "takes the seat of {name} (NIP {nip}), who moves",
    ),
    "move.cycle": (
        "bagian dari siklus tukar {chain_id} ({n} orang)",
        "part of exchange cycle {chain_id} ({n} people)",
    ),
    "move.jpm": ("JPM {before} → {after} ({category})", "JPM {before} → {after} ({category})"),
    "move.jpm_new": ("JPM {after} ({category})", "JPM {after} ({category})"),
    "move.better_value": (
        "nilai naik dari {before} menjadi {after}",
        "value rises from {before} to {after}",
    ),
    # Clauses of a stay: why no other post was taken (the clause of a rule that kept the person
    # is the rule's own: mutasi_opt.rules, Rule.stay_clause).
    "stay.no_eligible_post": (
        "tidak ada jabatan lain yang memenuhi syarat",
        "no other post meets the requirements",
    ),
    "stay.best_fit_here": (
        "jabatan sekarang bernilai tertinggi ({value}) di antara {n} jabatan yang memenuhi syarat",
        "the current post has the highest value ({value}) of the {n} eligible posts",
    ),
    "stay.max_moves": (
        "batas jumlah mutasi ({limit} orang) sudah tercapai",
        "the limit of {limit} moves is reached",
    ),
    "stay.unit_outflow": (
        "batas pegawai keluar dari {unit} ({limit} orang) sudah tercapai",
        "the limit of {limit} people leaving {unit} is reached",
    ),
    "stay.no_better_post": (
        "tidak ada jabatan lain yang lebih baik terbuka ({n} jabatan yang lebih baik sudah diisi "
        "pegawai lain)",
        "no better post was open (better posts taken by others: {n})",
    ),
    "stay.plan_total": (
        "rencana secara keseluruhan bernilai lebih tinggi bila pegawai ini tetap",
        "the plan as a whole is worth more with this person staying",
    ),
    # Why a post is left open.
    "vac.no_candidate": (
        "Tidak ada kandidat yang memenuhi syarat{detail}",
        "No eligible candidate{detail}",
    ),
    "vac.external_approval": (
        "Memerlukan persetujuan pihak luar; tidak diisi oleh rencana",
        "Needs external approval; kept out of the plan",
    ),
    "vac.kept_by_stay_rules": (
        "Tidak ada kandidat: pegawai yang memenuhi syarat tertahan aturan: {rules}",
        "No candidate: the people who qualify are kept in place by rules: {rules}",
    ),
    "vac.kept_by_rules": (
        "{n} kandidat tertahan aturan: {rules}",
        "Candidates held back by rules ({n}): {rules}",
    ),
    "vac.not_worth_move": (
        "{n} kandidat, tetapi mengisinya bernilai lebih rendah daripada biaya mutasi dan "
        "penempatan mereka sekarang (terbaik: {name}, NIP {nip}, nilai {here} di sini, "
        "{there} dalam rencana)",
        "Candidates: {n}; filling it was worth less than the move cost and their placement in "
        "the plan (best: {name}, NIP {nip}, value {here} here, {there} in the plan)",
    ),
    # Development suggestions.
    "dev.pka": (
        "PKA (Pelatihan Kepemimpinan Administrator)",
        "PKA (Administrator Leadership Training)",
    ),
    "dev.pkp": (
        "PKP (Pelatihan Kepemimpinan Pengawas)",
        "PKP (Supervisor Leadership Training)",
    ),
    "dev.pkn2": (
        "PKN Tingkat II (Pelatihan Kepemimpinan Nasional)",
        "PKN Tingkat II (National Leadership Training)",
    ),
    "dev.managerial": ("Pelatihan manajerial {name}", "Managerial training in {name}"),
    "dev.technical": ("Pelatihan teknis {name}", "Technical training in {name}"),
    "dev.coaching": ("Coaching {name}", "Coaching in {name}"),
    "dev.mentoring": ("Mentoring {name} oleh {mentor}", "Mentoring in {name} by {mentor}"),
    "dev.no_mentor": (
        "Mentoring {name} (belum ada mentor yang memenuhi syarat di OPD tujuan)",
        "Mentoring in {name} (no qualified mentor in the target OPD)",
    ),
    "dev.induction": (
        "Pendampingan {months} bulan pertama di {unit} oleh {mentor}",
        "Induction mentoring for the first {months} months in {unit} by {mentor}",
    ),
    "dev.induction_no_mentor": (
        "Pendampingan {months} bulan pertama di {unit} oleh atasan langsung (belum ada mentor yang "
        "memenuhi syarat di OPD tujuan)",
        "Induction mentoring for the first {months} months in {unit} by the direct superior (no "
        "qualified mentor in the target OPD)",
    ),
    # What else closes a post, in words (a hard rule's own words are its Rule.description).
    "rule.pruned": ("tidak termasuk kandidat terbaik", "not among the best candidates"),
    "rule.max_moves": ("batas jumlah mutasi", "limit on the number of moves"),
    "rule.unit_outflow": ("batas pegawai keluar OPD", "limit on people leaving the OPD"),
}


def t(key: str, language: str, /, **values: object) -> str:
    """The template ``key`` in ``language``, filled with ``values``.

    Raises
    ------
    KeyError
        For an unknown key (a bug, not user input).
    ValueError
        For a language other than ``id`` or ``en``.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be 'id' or 'en', not {language!r}")
    template = MESSAGES[key][LANGUAGES.index(language)]
    return template.format(**values) if values else template


def rule_words(code: str, language: str) -> str:
    """A rule's exclusion code in words; the code itself when it has no template."""
    key = f"rule.{code}"
    return t(key, language) if key in MESSAGES else code


def sentence(head: str, clauses: list[str]) -> str:
    """``head: clause; clause.`` (just ``head.`` without clauses)."""
    body = f"{head}: {'; '.join(clauses)}" if clauses else head
    return body if body.endswith(".") else body + "."


def fmt_number(x: float, language: str, decimals: int = 1) -> str:
    """A number with a decimal comma in Indonesian, a point in English; trailing zeros dropped."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    text = f"{x:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if language == "id" else text


def fmt_pct(x: float, language: str) -> str:
    """A percentage such as ``72,5%`` (id) or ``72.5%`` (en)."""
    return f"{fmt_number(x, language, 1)}%"


def fmt_value(x: float, language: str) -> str:
    """A pair value with three decimals."""
    return fmt_number(x, language, 3)
