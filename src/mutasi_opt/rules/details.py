"""Which requirement of a rule a (person, post) pair fails, in words (``explain``, vacancies).

Each function reads the same arrays as its rule in :mod:`mutasi_opt.rules` and returns a short
phrase with the numbers ("butuh S1/D-IV, pendidikan D3", "usia 57 thn > 56", "rumpun Perawat;
pegawai: Guru"), or ``""`` when the rule allows the pair. They are registered with their rule
(:attr:`mutasi_opt.rules.Rule.detail`) and never decide anything: the rule's mask does.
"""

from __future__ import annotations

import numpy as np

from mutasi_opt import domain
from mutasi_opt.rule_context import KIND_INDEX, RuleContext, pair_fit

JPT = KIND_INDEX["jpt_pratama"]
ADMINISTRATOR = KIND_INDEX["administrator"]
PENGAWAS = KIND_INDEX["pengawas"]
D3 = domain.EDUCATION_INDEX["D3"]
D4 = domain.EDUCATION_INDEX["D4"]


def _say(language: str, id_: str, en: str) -> str:
    return id_ if language == "id" else en


def _education(code: int) -> str:
    return domain.EDUCATION[code] if code >= 0 else "-"


def _golongan(code: int) -> str:
    return domain.GOLONGAN[code] if code >= 0 else "-"


def _months(x: float) -> int | None:
    return None if np.isnan(x) else int(x)


def education(ctx: RuleContext, i: int, j: int, language: str) -> str:
    """``butuh S1, pendidikan D3``."""
    low, edu = int(ctx.min_education[j]), int(ctx.education[i])
    if low < 0 or edu >= low:
        return ""
    return _say(
        language,
        f"butuh {_education(low)}, pendidikan {_education(edu)}",
        f"needs {_education(low)}, education {_education(edu)}",
    )


def rank_range(ctx: RuleContext, i: int, j: int, language: str) -> str:
    """``golongan II/c, rentang III/a-III/d`` (``minimal IV/a`` when only a floor is set)."""
    g, low, high = int(ctx.golongan[i]), int(ctx.min_golongan[j]), int(ctx.max_golongan[j])
    if low >= 0 and high >= 0:
        span = _say(language, "rentang", "range") + f" {_golongan(low)}-{_golongan(high)}"
    elif low >= 0:
        span = _say(language, "minimal", "at least") + f" {_golongan(low)}"
    else:
        span = _say(language, "maksimal", "at most") + f" {_golongan(high)}"
    return f"golongan {_golongan(g)}, {span}"


def promotion(ctx: RuleContext, i: int, j: int, language: str) -> str:
    """The PP 17/2020 requirements of the target kind that the person does not meet."""
    kind, edu = int(ctx.post_kind[j]), int(ctx.education[i])
    tenure, age, service = _months(ctx.tenure[i]), _months(ctx.age[i]), _months(ctx.service[i])
    placed = ctx.current[i] >= 0
    level_i, level_j = int(ctx.person_level[i]), int(ctx.post_level[j])
    gaps: list[str] = []
    if placed and not ctx.rules.allow_promotion and level_j > level_i:
        return _say(language, "promosi tidak diizinkan", "promotion not allowed")
    if placed and level_j > level_i + 1 and not (level_i == 1 and kind == PENGAWAS):
        gaps.append(
            _say(language, f"naik {level_j - level_i} tingkat (maks. 1)",
                 f"{level_j - level_i} levels up (at most 1)")
        )  # fmt: skip
    need_edu = {PENGAWAS: D3, ADMINISTRATOR: D4, JPT: D4}.get(kind)
    if need_edu is not None and edu < need_edu:
        words = "D-III" if need_edu == D3 else "S1/D-IV"
        gaps.append(
            _say(language, f"butuh {words}, pendidikan {_education(edu)}",
                 f"needs {words}, education {_education(edu)}")
        )  # fmt: skip
    if kind == JPT:
        if age is not None and age >= 57 * 12:
            gaps.append(_say(language, f"usia {age // 12} thn > 56", f"age {age // 12} > 56"))
        if service is not None and service < 60:
            gaps.append(
                _say(
                    language, f"masa kerja {service} bln < 60", f"{service} months of service < 60"
                )
            )
    if placed and level_j > level_i:
        need_months = {PENGAWAS: 48, ADMINISTRATOR: 36, JPT: 24}.get(kind)
        if need_months is not None and (tenure is None or tenure < need_months):
            have = "?" if tenure is None else str(tenure)
            gaps.append(
                _say(language, f"{have} bln di jabatan sekarang, butuh {need_months}",
                     f"{have} months in the current post, needs {need_months}")
            )  # fmt: skip
        if not ctx.good_record[i]:
            gaps.append(
                _say(language, "predikat kinerja di bawah Baik", "performance rating below Baik")
            )
    return "; ".join(gaps)


def retirement(ctx: RuleContext, i: int, j: int, language: str) -> str:
    """``usia 57 thn 6 bln; BUP 58 thn: 6 bln lagi (batas 12)`` (``lewat 11 bln`` past it)."""
    age = _months(ctx.age[i])
    if age is None:
        return ""
    bup = ctx.post_bup[j] if j != ctx.current[i] else ctx.person_bup[i]
    if np.isnan(bup):
        return ""
    left = int(bup) - age
    horizon = ctx.rules.retirement_horizon_months
    if left >= 0:
        when = _say(language, f"{left} bln lagi", f"{left} months left")
    else:
        when = _say(language, f"lewat {-left} bln", f"{-left} months past")
    return _say(
        language,
        f"usia {age // 12} thn {age % 12} bln; BUP {int(bup) // 12} thn: {when} (batas {horizon})",
        f"age {age // 12} y {age % 12} m; BUP {int(bup) // 12}: {when} (horizon {horizon})",
    )


def min_tenure(ctx: RuleContext, i: int, j: int, language: str) -> str:
    """``masa jabatan 14 bln < 24``."""
    tenure = _months(ctx.tenure[i])
    low = ctx.rules.min_tenure_months
    if tenure is None:
        return ""
    return _say(language, f"masa jabatan {tenure} bln < {low}", f"{tenure} months in post < {low}")


def profession(ctx: RuleContext, i: int, j: int, language: str) -> str:
    """``rumpun jabatan Perawat; rumpun pegawai: Guru``."""
    fam = int(ctx.post_family[j])
    if fam < 0:
        return ""
    held = [ctx.families[k] for k in np.flatnonzero(ctx.person_families[i])]
    words = ", ".join(held) if held else "-"
    return _say(
        language,
        f"rumpun jabatan {ctx.families[fam]}; rumpun pegawai: {words}",
        f"post family {ctx.families[fam]}; person's families: {words}",
    )


def missing_technical(ctx: RuleContext, i: int, j: int, language: str) -> str:
    """``belum memiliki T.PEND.03`` (the required teknis codes at level 0)."""
    lacking = ctx.technical & (ctx.required[j] > 0) & (ctx.levels[i] == 0)
    codes = [ctx.competency_codes[c] for c in np.flatnonzero(lacking)]
    if not codes:
        return ""
    words = ", ".join(codes)
    return _say(language, f"belum memiliki {words}", f"lacks {words}")


def fit_loss(ctx: RuleContext, i: int, j: int, language: str) -> str:
    """``kecocokan 92% -> 75%`` (the vacancy exception named when the post is a vacancy)."""
    now = ctx.fit_current[i]
    if np.isnan(now):
        return ""
    there = float(pair_fit(ctx, np.array([i]), np.array([j]))[0])
    low = ctx.rules.fit_loss_allowed_min_priority
    words = _say(
        language,
        f"kecocokan {100 * now:.0f}% -> {100 * there:.0f}%",
        f"fit {100 * now:.0f}% -> {100 * there:.0f}%",
    )
    if low is not None:
        words += _say(
            language,
            f" (turun hanya boleh ke lowongan prioritas >= {low})",
            f" (a fall only into a vacancy of priority >= {low})",
        )
    return words
