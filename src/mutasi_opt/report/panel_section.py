"""The report's section on the panel's loop: rulings, the re-plan, alternatives, firm moves.

Shown when the run has any of them (``data.decisions``, ``--baseline``, ``--alternatives``,
veto costs): the rulings with their notes and the overrides with the rules they set aside, the
distance to the baseline run, the alternatives found, and the moves that are firmest (the highest
veto costs, with their stability when sampled). Its words are its own (Bahasa Indonesia and
English), so that it adds nothing to the shared label table.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt.report.document import Section
from mutasi_opt.report.labels import Language
from mutasi_opt.report.present import Cell, display_table, fmt_num
from mutasi_opt.report.protocol import PlanLike

__all__ = ["panel_section"]

FIRMEST = 15
"""Moves listed in the firmness table (the highest veto costs)."""

_WORDS: dict[str, tuple[str, str]] = {
    "title": (
        "Keputusan panel dan kekokohan mutasi",
        "The panel's rulings and how firm each move is",
    ),
    "baseline": (
        "Perencanaan ulang terhadap {source}: {changes} pegawai ditempatkan berbeda{cap}.",
        "Re-plan against {source}: {changes} people placed differently{cap}.",
    ),
    "cap": (" (paling banyak {n})", " (at most {n})"),
    "rulings": ("Keputusan panel (data.decisions)", "The panel's rulings (data.decisions)"),
    "override": (
        "Keputusan yang mengesampingkan aturan: {items}.",
        "Rulings that override the rules: {items}.",
    ),
    "alternatives": (
        "{found} rencana alternatif (masing-masing berbeda sedikitnya {d} pegawai dari setiap "
        "rencana sebelumnya, nilai paling rendah {floor}) di folder alternatives/.",
        "{found} alternative plans (each placing at least {d} people differently from every earlier "
        "plan, worth at least {floor}) in the folder alternatives/.",
    ),
    "firm": (
        "Mutasi paling kokoh (biaya veto tertinggi)",
        "The firmest moves (highest veto costs)",
    ),
    "firm_note": (
        "Biaya veto: nilai yang hilang bila panel membatalkan mutasi itu ({exact} dihitung ulang "
        "tepat, {bound} batas bawah dari harga dual). Stabilitas: bagian sampel dengan tingkat "
        "kompetensi diacak ±1 yang tetap memuat mutasi itu.",
        "Veto cost: the value lost if the panel vetoes the move ({exact} re-solved exactly, "
        "{bound} lower bounds from the dual prices). Stability: the share of samples with "
        "competency levels perturbed by one that make the move too.",
    ),
    "ruling": ("keputusan", "ruling"),
    "veto_cost": ("biaya veto", "veto cost"),
    "veto_cost_kind": ("jenis", "kind"),
    "stability": ("stabilitas", "stability"),
    "to_position_id": ("jabatan tujuan", "to post"),
}


def _w(key: str, lang: Language) -> str:
    pair = _WORDS[key]
    return pair[0] if lang == "id" else pair[1]


def panel_section(plan: PlanLike, lang: Language) -> Section | None:
    """The section, or ``None`` when the run has no ruling, baseline, alternative or veto cost."""
    summary: dict[str, Any] = plan.summary()
    frame = plan.assignments
    has_veto = "veto_cost" in frame.columns and frame["veto_cost"].notna().any()
    keys = ("rulings", "baseline", "alternatives")
    if not (has_veto or any(k in summary for k in keys)):
        return None
    section = Section("panel", _w("title", lang))
    base = summary.get("baseline")
    if base:
        cap = (
            "" if base.get("max_changes") is None else _w("cap", lang).format(n=base["max_changes"])
        )
        section.paragraphs.append(
            _w("baseline", lang).format(
                source=base.get("source"), changes=base.get("changes"), cap=cap
            )
        )
    rulings = summary.get("rulings")
    if rulings and "ruling" in frame.columns:
        ruled = frame[frame["ruling"].astype(str) != ""]
        columns: dict[str, Cell] = {"nip": "code", "name": "text", "ruling": "text",
                                    "to_position_id": "code", "reason": "text"}  # fmt: skip
        headers = {c: _w(c, lang) for c in ("ruling", "to_position_id")}
        section.tables.append(display_table(ruled, columns, lang, caption=_w("rulings", lang),
                                            headers=headers, files="assignments.csv"))  # fmt: skip
        if rulings.get("overridden"):
            items = "; ".join(
                f"NIP {o['nip']} → {o['position_id']} ({', '.join(o['rules'])})"
                for o in rulings["overridden"]
            )
            section.paragraphs.append(_w("override", lang).format(items=items))
    alternatives = summary.get("alternatives")
    if alternatives:
        section.paragraphs.append(
            _w("alternatives", lang).format(found=alternatives["found"],
                                            d=alternatives["min_difference"],
                                            floor=fmt_num(alternatives["value_floor"], lang))
        )  # fmt: skip
    if has_veto:
        moved = frame[frame["veto_cost"].notna()].copy()
        kinds = moved["veto_cost_kind"].astype(str)
        section.paragraphs.append(
            _w("firm_note", lang).format(exact=int((kinds == "exact").sum()),
                                         bound=int((kinds == "bound").sum()))
        )  # fmt: skip
        cost = moved["veto_cost"].astype(float)
        moved["veto_cost"] = np.where(np.isinf(cost), np.nan, cost)
        moved = moved.assign(_order=np.where(np.isinf(cost), np.inf, cost))
        firmest = moved.sort_values(["_order", "nip"], ascending=[False, True], kind="stable")
        shown: dict[str, Cell] = {"nip": "code", "name": "text", "to_position_id": "code",
                                  "veto_cost": "num4", "veto_cost_kind": "text",
                                  "stability": "pct"}  # fmt: skip
        headers = {
            c: _w(c, lang) for c in ("to_position_id", "veto_cost", "veto_cost_kind", "stability")
        }
        section.tables.append(
            display_table(pd.DataFrame(firmest), shown, lang, max_rows=FIRMEST, caption=_w("firm", lang),
                          headers=headers, files="assignments.csv")
        )  # fmt: skip
    return section
