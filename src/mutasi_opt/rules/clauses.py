"""What a rule says in a person's reason: why it keeps them in place, or why it moved them (id/en).

Each function reads the same arrays as its rule in :mod:`mutasi_opt.rules` and returns the clause
a panel reads, with the numbers ("masa jabatan 14 bulan < 24 bulan", "pensiun dalam 4 bulan (BUP
58 tahun)"). They are registered with their rule (:attr:`mutasi_opt.rules.Rule.stay_clause`,
:attr:`~mutasi_opt.rules.Rule.move_clause`); a stay clause is only asked about people the rule's
``stays`` test holds for, a move clause returns ``""`` when the rule did not count. They never
decide anything. :func:`mutasi_opt.rules.stay_clauses` and :func:`~mutasi_opt.rules.move_clauses`
collect them for one person, and the reasons (:mod:`mutasi_opt.plan.reasons`) quote them.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from mutasi_opt.rule_context import RuleContext

STATUS_WORDS: Final[dict[str, tuple[str, str]]] = {
    "tugas_belajar": ("sedang tugas belajar", "on study leave (tugas belajar)"),
    "hukuman_disiplin": (
        "sedang menjalani hukuman disiplin",
        "under a disciplinary sanction (hukuman disiplin)",
    ),
    "cuti": ("sedang cuti", "on leave (cuti)"),
    "proses_hukum": ("sedang menjalani proses hukum", "in court proceedings (proses hukum)"),
    "ikatan_dinas": ("sedang menjalani ikatan dinas", "serving a service bond (ikatan dinas)"),
    "pemberhentian_sementara": (
        "sedang diberhentikan sementara",
        "temporarily dismissed (pemberhentian sementara)",
    ),
    "masa_persiapan_pensiun": (
        "sedang dalam masa persiapan pensiun",
        "in pre-retirement (masa persiapan pensiun)",
    ),
    "tidak_aktif": ("status pegawai tidak aktif", "not active (tidak aktif)"),
}
"""Per status other than ``aktif`` (:data:`mutasi_opt.domain.EMPLOYEE_STATUS`): the clause."""


def _say(language: str, id_: str, en: str) -> str:
    if language not in ("id", "en"):
        raise ValueError(f"language must be 'id' or 'en', not {language!r}")
    return id_ if language == "id" else en


def frozen(ctx: RuleContext, i: int, language: str) -> str:
    """``masa larangan mutasi 2026-11-01 s.d. 2027-04-30 (pilkada)``."""
    window = ctx.freeze_window
    if window is None:
        return ""
    why = f" ({window.reason})" if window.reason else ""
    return _say(
        language,
        f"masa larangan mutasi {window.from_} s.d. {window.to}{why}",
        f"transfer freeze from {window.from_} to {window.to}{why}",
    )


def not_active(ctx: RuleContext, i: int, language: str) -> str:
    """``sedang tugas belajar`` (the person's status in words), with the name the table gave it
    when that is more than a spelling of the code: ``sedang menjalani hukuman disiplin (kedudukan
    hukum: PNS kena hukuman disiplin)``."""
    status = str(ctx.status[i])
    words = STATUS_WORDS.get(status)
    if words is None:
        said = _say(language, f"status pegawai {status}", f"status {status}")
    else:
        said = _say(language, *words)
    name = ctx.status_name[i]
    if name:
        said += f" (kedudukan hukum: {name})"
    return said


def locked(ctx: RuleContext, i: int, language: str) -> str:
    """``dikunci oleh perencana``."""
    return _say(language, "dikunci oleh perencana", "locked by the planner")


def min_tenure(ctx: RuleContext, i: int, language: str) -> str:
    """``masa jabatan 14 bulan < 24 bulan``."""
    months, low = int(ctx.tenure[i]), ctx.rules.min_tenure_months
    return _say(
        language,
        f"masa jabatan {months} bulan < {low} bulan",
        f"tenure {months} months < {low} months",
    )


def retirement(ctx: RuleContext, i: int, language: str) -> str:
    """``pensiun dalam 4 bulan (BUP 58 tahun)`` (the BUP of the current post)."""
    left, bup = ctx.months_to_bup[i], ctx.person_bup[i]
    if np.isnan(left):
        return ""
    years = int(bup) // 12
    return _say(
        language,
        f"pensiun dalam {int(left)} bulan (BUP {years} tahun)",
        f"retires in {int(left)} months (BUP {years})",
    )


def jpt_protection(ctx: RuleContext, i: int, language: str) -> str:
    """``pejabat JPT baru 7 bulan menjabat (< 24 bulan)``."""
    months, low = int(ctx.tenure[i]), ctx.rules.jpt_protection_months
    return _say(
        language,
        f"pejabat JPT baru {months} bulan menjabat (< {low} bulan)",
        f"JPT official appointed {months} months ago (< {low} months)",
    )


def asn_type(ctx: RuleContext, i: int, language: str) -> str:
    """``PPPK tidak termasuk jenis ASN yang dapat dimutasi (PNS)``."""
    kind = str(ctx.asn_type[i])
    movable = ", ".join(ctx.rules.movable_asn_types) or "-"
    return _say(
        language,
        f"{kind} tidak termasuk jenis ASN yang dapat dimutasi ({movable})",
        f"{kind} is not an ASN type that may be moved ({movable})",
    )


def max_tenure(ctx: RuleContext, i: int, language: str) -> str:
    """``masa jabatan 90 bulan melewati batas 60 bulan``, for a mover past the maximum, cited
    only where it counted: a hard maximum, or the overdue bonus in the value; else ``""``."""
    counted = ctx.rules.max_tenure_hard or ctx.weights.overdue > 0
    if ctx.current[i] < 0 or not ctx.overdue[i] or not counted:
        return ""
    months, limit = int(ctx.tenure[i]), ctx.rules.max_tenure_months
    return _say(
        language,
        f"masa jabatan {months} bulan melewati batas {limit} bulan",
        f"{months} months in the post, past the maximum of {limit}",
    )
