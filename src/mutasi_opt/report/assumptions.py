"""The assumptions of a plan in words: the question it answers, and the rules and weights it used.

A plan is optimal for its weights and rules, not the best for each person: the first page of the
report says so, and lists every rule and weight with its value and its default, the ones that
differ from the default marked (the comparison lists what differs between scenarios the same way).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import pandas as pd

from mutasi_opt.report.labels import Language
from mutasi_opt.report.present import DisplayTable, fmt_num
from mutasi_opt.scenario import Rules, Scenario, ScoringSettings, Weights

__all__ = ["SETTING_WORDS", "assumptions_table", "changed_settings", "setting_rows", "show_value"]

# setting -> (Indonesian, English): what it means, in a few words.
SETTING_WORDS: Final[dict[str, tuple[str, str]]] = {
    "rules.min_tenure_months": ("Masa jabatan minimum (bulan) sebelum boleh dimutasi", "Minimum months in post before a move"),
    "rules.max_tenure_months": ("Masa jabatan maksimum (bulan)", "Maximum months in post"),
    "rules.max_tenure_hard": ("Lewat masa maksimum wajib pindah", "Past the maximum a person must move"),
    "rules.retirement_horizon_months": ("Tidak dimutasi bila pensiun dalam (bulan)", "Not moved within (months) of retirement"),
    "rules.allow_promotion": ("Promosi (naik satu tingkat) diperbolehkan", "Promotion (one level up) allowed"),
    "rules.allow_demotion": ("Demosi diperbolehkan", "Demotion allowed"),
    "rules.rank_range": ("Rentang golongan jabatan", "Posts' golongan range"),
    "rules.education": ("Pendidikan minimum jabatan", "Posts' minimum education"),
    "rules.refusals": ("Penolakan pegawai", "Refusals"),
    "rules.profession": ("Jabatan fungsional hanya untuk rumpun profesinya", "Functional posts only for their profession"),
    "rules.missing_technical": ("Kompetensi teknis wajib yang tidak dimiliki (level 0)", "Required technical competency at level 0"),
    "rules.no_worse_off": ("Tidak ada yang mendapat jabatan di bawah pilihannya sendiri", "Nobody gets a post they rank below their own"),
    "rules.no_fit_loss": ("Mutasi tidak boleh menurunkan kecocokan", "A move may not lower the person's fit"),
    "rules.fit_loss_allowed_min_priority": ("… kecuali ke lowongan berprioritas minimal", "… except into a vacancy of priority at least"),
    "rules.only_scored_pairs": ("Hanya pasangan dalam tabel skor", "Only pairs in the scores table"),
    "rules.max_moves": ("Jumlah mutasi paling banyak", "Moves at most"),
    "rules.max_unit_outflow_share": ("Porsi pegawai yang boleh keluar dari satu OPD", "Share of an OPD's staff that may leave"),
    "rules.must_fill_min_priority": ("Jabatan wajib diisi mulai prioritas", "Posts that must be filled from priority"),
    "rules.freeze_windows": ("Masa larangan mutasi", "Freeze windows"),
    "rules.allow_external_approval": ("Jabatan yang perlu persetujuan eksternal boleh diisi", "Posts needing outside approval may be filled"),
    "rules.jpt_protection_months": ("Pejabat JPT tidak dipindah dalam (bulan) sejak dilantik", "JPT holders not moved within (months) of appointment"),
    "rules.movable_asn_types": ("Jenis ASN yang boleh dimutasi", "Employment types that may move"),
    "weights.fit": ("Bobot kecocokan kompetensi", "Weight of competency fit"),
    "weights.performance": ("Bobot kinerja (SKP)", "Weight of performance (SKP)"),
    "weights.potential": ("Bobot potensi", "Weight of potential"),
    "weights.preference": ("Bobot keinginan pegawai", "Weight of the person's wishes"),
    "weights.move_cost": ("Biaya setiap perpindahan", "Cost of every change of post"),
    "weights.overdue": ("Bonus memindahkan yang lewat masa maksimum", "Bonus for moving someone past the maximum"),
    "weights.refusal_penalty": ("Denda penolakan (bila lunak)", "Penalty of a refusal (when soft)"),
    "weights.rank_range_penalty": ("Denda di luar rentang golongan (bila lunak)", "Penalty outside the golongan range (when soft)"),
    "weights.missing_technical_penalty": ("Denda kompetensi teknis hilang (bila lunak)", "Penalty of a missing technical competency (when soft)"),
    "scoring.jpm_categories": ("Batas kategori JPM", "JPM category cut-offs"),
    "scoring.candidates_per_person": ("Kandidat terbaik per pegawai yang dipertimbangkan", "Best candidate posts kept per person"),
}  # fmt: skip

_SECTIONS: Final[tuple[tuple[str, type[Any]], ...]] = (
    ("rules", Rules),
    ("weights", Weights),
    ("scoring", ScoringSettings),
)

_WORDS: Final[dict[str, tuple[str, str]]] = {
    "setting": ("Pengaturan", "Setting"),
    "meaning": ("Arti", "Meaning"),
    "value": ("Nilai dipakai", "Value used"),
    "default": ("Bawaan", "Default"),
    "none": ("tidak ada", "none"),
    "hard": ("wajib (keras)", "hard"),
    "soft": ("lunak (denda)", "soft (a penalty)"),
    "off": ("tidak dipakai", "off"),
    "true": ("ya", "yes"),
    "false": ("tidak", "no"),
    "mapping": ("pemetaan (90/78)", "mapping (90/78)"),
    "selection": ("seleksi (80/68)", "selection (80/68)"),
    "question": (
        "Pertanyaan yang dijawab: penempatan mana bagi {people} pegawai pada {posts} jabatan yang "
        "memberi nilai total terbesar bagi organisasi, menurut bobot dan aturan di bawah ini?",
        "The question answered: which placement of {people} people in {posts} posts gives the "
        "organisation the largest total value, under the weights and rules below?",
    ),
    "optimal": (
        '"Optimal" berarti terbaik secara keseluruhan untuk bobot dan aturan ini — bukan terbaik '
        "bagi setiap pegawai, dan bukan keputusan: rencana ini usulan bagi tim penilai kinerja "
        "dan PPK. Bobot atau aturan lain memberi rencana lain; bandingkan skenario dengan "
        "`mutasi-opt compare`.",
        '"Optimal" means the best as a whole for these weights and rules — not the best for '
        "each person, and not a decision: the plan is a proposal for the panel and the PPK. "
        "Other weights or rules give another plan; compare scenarios with `mutasi-opt compare`.",
    ),
    "changed": (
        "Baris yang ditandai berbeda dari nilai bawaan ({n} pengaturan).",
        "Highlighted rows differ from the defaults ({n} settings).",
    ),
    "all_default": (
        "Semua aturan dan bobot memakai nilai bawaan.",
        "Every rule and weight is at its default.",
    ),
}


def _w(key: str, lang: Language) -> str:
    return _WORDS[key][0 if lang == "id" else 1]


def show_value(value: Any, lang: Language) -> str:
    """A setting's value as a reader would say it."""
    if value is None:
        return _w("none", lang)
    if isinstance(value, bool):
        return _w("true" if value else "false", lang)
    if isinstance(value, int | float):
        return fmt_num(value, lang, 0 if float(value).is_integer() else 2)
    if isinstance(value, str):
        return _w(value, lang) if value in _WORDS else value
    if isinstance(value, list):
        if not value:
            return _w("none", lang)
        parts = []
        for item in value:
            if isinstance(item, Mapping):
                text = f"{item.get('from')} – {item.get('to')}"
                parts.append(f"{text} ({item['reason']})" if item.get("reason") else text)
            else:
                parts.append(str(item))
        return ", ".join(parts)
    return str(value)


def setting_rows(scenario: Scenario) -> list[tuple[str, Any, Any]]:
    """``(setting, value, default)`` of every rule, weight and scoring setting, in order."""
    out = []
    for section, model in _SECTIONS:
        used = getattr(scenario, section).model_dump(mode="json", by_alias=True)
        default = model().model_dump(mode="json", by_alias=True)
        for key in used:
            out.append((f"{section}.{key}", used[key], default.get(key)))
    return out


def changed_settings(scenario: Scenario) -> list[str]:
    """The settings whose value differs from the default."""
    return [key for key, value, default in setting_rows(scenario) if value != default]


def setting_words(key: str, lang: Language) -> str:
    """What a setting means, in a few words (the key itself when it has none)."""
    pair = SETTING_WORDS.get(key)
    return key if pair is None else pair[0 if lang == "id" else 1]


def assumptions_table(scenario: Scenario, lang: Language) -> tuple[DisplayTable, str]:
    """The rules and weights used, the ones differing from the default marked ``changed``; and
    the sentence saying how many differ."""
    rows = setting_rows(scenario)
    # The settings that differ from their default first, then the others in their own order.
    rows = [r for r in rows if r[1] != r[2]] + [r for r in rows if r[1] == r[2]]
    frame = pd.DataFrame(
        {
            _w("meaning", lang): [setting_words(k, lang) for k, _, _ in rows],
            _w("value", lang): [show_value(v, lang) for _, v, _ in rows],
            _w("default", lang): [show_value(d, lang) for _, _, d in rows],
            _w("setting", lang): [k for k, _, _ in rows],
        }
    )
    changed = tuple("changed" if v != d else "" for _, v, d in rows)
    n = sum(1 for c in changed if c)
    note = _w("changed", lang).replace("{n}", str(n)) if n else _w("all_default", lang)
    align = {_w("setting", lang): "code"}
    return DisplayTable(frame, total=len(frame), align=align, row_classes=changed), note


def question(people: int, posts: int, lang: Language) -> list[str]:
    """The question the plan answers, and what "optimal" means."""
    from mutasi_opt.report.present import fmt_int

    first = _w("question", lang).format(people=fmt_int(people, lang), posts=fmt_int(posts, lang))
    return [first, _w("optimal", lang)]
