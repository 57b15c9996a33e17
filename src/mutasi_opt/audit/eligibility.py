"""The hard rules, re-derived for each chosen pair (``docs/rules.md`` is their contract).

``profession`` and ``missing_technical`` live in :mod:`.qualification`; :data:`RULES` lists all.

Each rule gives the chosen pairs it forbids and a sentence saying why (asked only for those).
"Stays" rules forbid every post but the current one: ``stays & ~is_current``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

import numpy as np

from mutasi_opt.audit.cells import BoolArray
from mutasi_opt.audit.facts import Facts, fit_of
from mutasi_opt.audit.qualification import missing_technical, profession
from mutasi_opt.audit.vocabulary import ASN_TYPES, EDUCATION_ORDER, GOLONGAN_ORDER, GOOD_PREDIKAT

if TYPE_CHECKING:
    from mutasi_opt.scenario import FreezeWindow, Scenario

AUDITED_RULES: Final[frozenset[str]] = frozenset({
    "abolished", "frozen", "not_active", "locked", "min_tenure", "retirement", "jpt_protection",
    "max_tenure", "promotion", "demotion", "rank_range", "education", "profession",
    "missing_technical", "refusal", "external_approval", "only_scored", "no_worse_off",
    "asn_type", "no_fit_loss", "ruling",
})  # fmt: skip
"""The hard-rule codes this audit re-derives (a test keeps it equal to the engine's rule codes)."""

Detail = Callable[[int], str]
Verdict = tuple[BoolArray, Detail]

PLACEMENT_KINDS: Final[tuple[str, ...]] = ("pengawas", "administrator", "jpt_pratama")
"""Kinds whose PP 17/2020 requirements a person without a post must meet to be placed there."""


def _months(x: float) -> str:
    return "unknown" if np.isnan(x) else f"{int(x)}"


def _label(order: tuple[str, ...], rank: int) -> str:
    return order[rank] if rank >= 0 else "-"


def _window(scenario: Scenario) -> FreezeWindow | None:
    """The freeze window containing ``as_of`` (both ends included), if any."""
    for w in scenario.rules.freeze_windows:
        if w.from_ <= scenario.as_of <= w.to:
            return w
    return None


def _stays_frozen(f: Facts, s: Scenario) -> BoolArray:
    # UU 10/2016 art. 71: no replacing officials in the window; filling a post is no replacing.
    return f.placed & (_window(s) is not None)


def _stays_not_active(f: Facts, s: Scenario) -> BoolArray:
    # docs/model.md: anyone not aktif stays where they are (Perban BKN 5/2019); empty = aktif.
    return np.array([st not in (None, "aktif") for st in f.status.tolist()], dtype=bool)


def _stays_asn_type(f: Facts, s: Scenario) -> BoolArray:
    # docs/model.md: only the types in rules.movable_asn_types may be moved (CPNS on probation and
    # PPPK on contract stay unless listed); placing someone without a post is no transfer.
    movable = {str(t).upper() for t in s.rules.movable_asn_types} & set(ASN_TYPES)
    return f.placed & np.array([a not in movable for a in f.asn_type.tolist()], dtype=bool)


def _stays_min_tenure(f: Facts, s: Scenario) -> BoolArray:
    # PP 11/2017 art. 190(3): at least 2 years in the post (setting min_tenure_months); the holder
    # of an abolished post must be placed elsewhere whatever their tenure.
    with np.errstate(invalid="ignore"):
        return f.placed & (f.tenure < s.rules.min_tenure_months) & ~f.cur_abolished


def _stays_retirement(f: Facts, s: Scenario) -> BoolArray:
    # Within the horizon of the current post's BUP a person is not moved.
    with np.errstate(invalid="ignore"):
        return f.placed & (f.cur_bup - f.age <= s.rules.retirement_horizon_months)


def _stays_jpt(f: Facts, s: Scenario) -> BoolArray:
    # UU 10/2016: JPT holders are not moved within 2 years of appointment (jpt_protection_months).
    # A protection counted in months in the post: it does not hold the holder of an abolished
    # post, who must move whatever their tenure.
    with np.errstate(invalid="ignore"):
        protected = f.tenure < s.rules.jpt_protection_months
    return (f.cur_kind == "jpt_pratama") & protected & ~f.cur_abolished


def _abolished(f: Facts, s: Scenario) -> Verdict:
    # The holder of an abolished post must be placed elsewhere: never a candidate, not even theirs.
    # (min_tenure and jpt_protection, counted in months in the post, do not hold them; the
    # other stays rules do, and then they have no post at all.)
    def detail(k: int) -> str:
        return f"post {f.to_id[k]} is abolished"

    return f.to_abolished, detail


def _frozen(f: Facts, s: Scenario) -> Verdict:
    w = _window(s)
    window = "" if w is None else f"{w.from_}..{w.to} {w.reason!r}"

    def detail(k: int) -> str:
        return (
            f"as_of {s.as_of} is inside the freeze window {window}: placed people stay in "
            f"{f.cur_id[k]}"
        )

    return _stays_frozen(f, s) & ~f.is_current, detail


def _not_active(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return f"status {f.status[k]} (not aktif): stays in {f.cur_id[k] or 'no post'}"

    return _stays_not_active(f, s) & ~f.is_current, detail


def _locked(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return f"locked: stays in {f.cur_id[k] or 'no post'}"

    return f.locked & ~f.is_current, detail


def _asn_type(f: Facts, s: Scenario) -> Verdict:
    movable = ", ".join(s.rules.movable_asn_types) or "none"

    def detail(k: int) -> str:
        return (
            f"asn_type {f.asn_type[k]} is not in movable_asn_types ({movable}): stays in "
            f"{f.cur_id[k]}"
        )

    return _stays_asn_type(f, s) & ~f.is_current, detail


def _min_tenure(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return (
            f"{_months(f.tenure[k])} months in {f.cur_id[k]}, below min_tenure_months "
            f"{s.rules.min_tenure_months}"
        )

    return _stays_min_tenure(f, s) & ~f.is_current, detail


def _retirement(f: Facts, s: Scenario) -> Verdict:
    limit = s.rules.retirement_horizon_months
    horizon = _stays_retirement(f, s) & ~f.is_current
    with np.errstate(invalid="ignore"):
        # Nobody takes another post whose own BUP is within the horizon (the BUP counts against
        # the post taken, not only the one held); an unknown age closes nothing.
        near = (f.to_bup - f.age <= limit) & ~f.is_current

    def detail(k: int) -> str:
        if horizon[k]:
            return (
                f"age {_months(f.age[k])} months, {_months(f.cur_bup[k] - f.age[k])} months from "
                f"the BUP of {f.cur_id[k]} ({int(f.cur_bup[k]) // 12}), within "
                f"retirement_horizon_months {limit}: stays"
            )
        if f.age[k] >= f.to_bup[k]:
            return (
                f"age {_months(f.age[k])} months, past the BUP of the post "
                f"({int(f.to_bup[k]) // 12})"
            )
        return (
            f"age {_months(f.age[k])} months, {_months(f.to_bup[k] - f.age[k])} months from the "
            f"BUP of {f.to_id[k]} ({int(f.to_bup[k]) // 12}), within retirement_horizon_months "
            f"{limit}"
        )

    return horizon | near, detail


def _jpt_protection(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return (
            f"JPT holder {_months(f.tenure[k])} months in {f.cur_id[k]}, within "
            f"jpt_protection_months {s.rules.jpt_protection_months}: stays"
        )

    return _stays_jpt(f, s) & ~f.is_current, detail


def _max_tenure(f: Facts, s: Scenario) -> Verdict:
    limit = s.rules.max_tenure_months

    def detail(k: int) -> str:
        return (
            f"{_months(f.tenure[k])} months in {f.cur_id[k]}, past max_tenure_months {limit} "
            "(max_tenure_hard): must move"
        )

    return f.is_current & _forced_out(f, s), detail


def _forced_out(f: Facts, s: Scenario) -> BoolArray:
    """Past a hard maximum tenure, and not held by a "stays" rule: the person must move."""
    limit = s.rules.max_tenure_months
    if not s.rules.max_tenure_hard or limit is None:
        return np.zeros(f.nip.shape[0], dtype=bool)
    # A person held by a "stays" rule cannot both stay and go: they are exempt.
    pinned = f.placed & (
        _stays_frozen(f, s) | _stays_not_active(f, s) | f.locked | _stays_min_tenure(f, s)
        | _stays_retirement(f, s) | _stays_jpt(f, s) | _stays_asn_type(f, s)
    )  # fmt: skip
    with np.errstate(invalid="ignore"):
        over = f.tenure > limit
    return f.placed & over & ~pinned


def _kind_gaps(f: Facts, k: int) -> list[str]:
    """What PP 17/2020 asks of the holder of person k's chosen post's kind, on education, service
    and age, that they lack (asked of a promotion and of the placement of someone unplaced)."""
    edu, kind, gaps = int(f.education[k]), f.to_kind[k], []
    d3, d4 = EDUCATION_ORDER.index("D3"), EDUCATION_ORDER.index("D4")
    # An unknown date meets no "at least" (NaN compares false).
    if kind == "pengawas" and edu < d3:
        gaps.append("education below D3")
    elif kind in ("administrator", "jpt_pratama") and edu < d4:
        gaps.append("education below S1/D4")
    if kind == "jpt_pratama":
        if not f.service[k] >= 60:
            gaps.append(f"{_months(f.service[k])} months since CPNS, below 60")
        if not f.age[k] < 57 * 12:  # age at most 56, in whole years
            gaps.append(f"age {_months(f.age[k])} months, above 56 years")
    return gaps


def _promotion_gaps(f: Facts, k: int) -> list[str]:
    """What PP 17/2020 asks of a promotion into person k's chosen post that they lack."""
    tenure, gaps = f.tenure[k], _kind_gaps(f, k)
    # Months in the current post stand for the years in the lower post that PP 17/2020 asks
    # (4 years as pelaksana, 3 as pengawas, 2 as administrator or ahli madya).
    months = {"pengawas": 48, "administrator": 36, "jpt_pratama": 24}.get(f.to_kind[k])
    if months is not None and not tenure >= months:
        gaps.append(f"{_months(tenure)} months in post, below {months}")
    # Perban BKN 5/2019 art. 3: below Baik in the last 2 years blocks promotion (a missing
    # previous predikat does not).
    previous_ok = f.predikat_prev[k] is None or f.predikat_prev[k] in GOOD_PREDIKAT
    if f.predikat[k] not in GOOD_PREDIKAT or not previous_ok:
        gaps.append(
            f"predikat {f.predikat[k]} / previous {f.predikat_prev[k]}: both at least Baik needed"
        )
    return gaps


def _promotion(f: Facts, s: Scenario) -> Verdict:
    # Unplaced people have no level: they are placed, not promoted. They must meet the education,
    # service and age requirements of the post's kind (the months in a lower post cannot be asked
    # of someone without one; no level of theirs to be "one up" from; the predikat rule and
    # allow_promotion are about promotions).
    up = (f.cur_level > 0) & (f.to_level > f.cur_level)
    # At most one level up; from level 1 to pengawas (level 3) is one step, the structural
    # ladder having no level 2.
    one_step = (f.to_level == f.cur_level + 1) | ((f.cur_level == 1) & (f.to_kind == "pengawas"))
    reasons: dict[int, str] = {}
    for k in np.flatnonzero(up).tolist():
        if not s.rules.allow_promotion:
            reasons[k] = "allow_promotion is false"
        elif not one_step[k]:
            reasons[k] = "more than one level up"
        elif gaps := _promotion_gaps(f, k):
            reasons[k] = "; ".join(gaps)
    placing = np.flatnonzero(~f.placed & np.isin(f.to_kind, PLACEMENT_KINDS)).tolist()
    for k in placing:
        if gaps := _kind_gaps(f, k):
            reasons[k] = "; ".join(gaps)
    forbidden = np.zeros(f.nip.shape[0], dtype=bool)
    forbidden[list(reasons)] = True

    def detail(k: int) -> str:
        if not f.placed[k]:
            return f"placement of a person without a post in {f.to_kind[k]}: {reasons[k]}"
        return (
            f"promotion from level {f.cur_level[k]} ({f.cur_id[k]}) to level {f.to_level[k]} "
            f"({f.to_kind[k]}): {reasons[k]}"
        )

    return forbidden, detail


def _demotion(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return (
            f"level {f.to_level[k]} below the current level {f.cur_level[k]} and "
            "allow_demotion is false"
        )

    down = (f.cur_level > 0) & (f.to_level < f.cur_level)
    return down & (not s.rules.allow_demotion), detail


def outside_range(f: Facts) -> BoolArray:
    """Golongan outside the post's [min_golongan, max_golongan] (the bounds that are set)."""
    low, high = f.to_min_golongan, f.to_max_golongan
    return ((low >= 0) & (f.golongan < low)) | ((high >= 0) & (f.golongan > high))


def _rank_range(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        low, high = f.to_min_golongan[k], f.to_max_golongan[k]
        return (
            f"golongan {_label(GOLONGAN_ORDER, f.golongan[k])} outside "
            f"[{_label(GOLONGAN_ORDER, low)}, {_label(GOLONGAN_ORDER, high)}]"
        )

    # `soft` is a penalty in the value (below), `off` nothing.
    return (s.rules.rank_range == "hard") & outside_range(f) & ~f.is_current, detail


def _education(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return (
            f"education {_label(EDUCATION_ORDER, f.education[k])} below the post's minimum "
            f"{_label(EDUCATION_ORDER, f.to_min_education[k])}"
        )

    low = f.to_min_education
    below = (low >= 0) & (f.education < low)
    return (s.rules.education == "hard") & below & ~f.is_current, detail


def _refusal(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return f"the person refused post {f.to_id[k]} or unit {f.to_unit[k]}"

    # `soft` is a penalty in the value (below).
    return (s.rules.refusals == "hard") & f.refused & ~f.is_current, detail


def _external_approval(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return f"post {f.to_id[k]} needs external approval and allow_external_approval is false"

    # A post needing a minister's involvement is kept out of the plan; its holder may stay.
    closed = f.to_external & (not s.rules.allow_external_approval)
    return closed & ~f.is_current, detail


def _only_scored(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return "only_scored_pairs and the pair is not in the scores table"

    return s.rules.only_scored_pairs & np.isnan(f.score) & ~f.is_current, detail


def _no_worse_off(f: Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return (
            f"preference {f.pref[k]:.4g} for the post, below {f.pref_current[k]:.4g} for the "
            f"current post {f.cur_id[k]} (or no wish)"
        )

    # Nobody worse off than in the current post by their own ranking (individual rationality):
    # a placed person with wishes gets the current post or one wished at least as much.
    constrained = s.rules.no_worse_off & f.has_wish & f.placed
    good = (f.pref > 0) & (f.pref >= f.pref_current)
    return constrained & ~good & ~f.is_current, detail


def _no_fit_loss(f: Facts, s: Scenario) -> Verdict:
    low = s.rules.fit_loss_allowed_min_priority
    fit = fit_of(f.capped, f.required, f.score)

    def detail(k: int) -> str:
        return (
            f"fit {fit[k]:.4f} in the post, below {f.cur_fit[k]:.4f} in the current post "
            f"{f.cur_id[k]}; the post is not a vacancy of priority >= {low}"
        )

    # docs/model.md: a voluntary move may not lower the person's fit, except into a vacancy (a
    # free seat before the round) of priority >= fit_loss_allowed_min_priority, or out of an
    # abolished post; people who must move (abolished post, hard maximum tenure) and people
    # without a post are not moving voluntarily. Fits within 1e-9 are equal.
    voluntary = f.placed & ~f.cur_abolished & ~_forced_out(f, s)
    lowers = fit < f.cur_fit - 1e-9
    vacancy = f.to_open_at_start & (low is not None) & (f.to_priority >= (low or 0))
    forbidden = s.rules.no_fit_loss & voluntary & lowers & ~vacancy & ~f.is_current
    return np.asarray(forbidden, dtype=bool), detail


def _ruling(f: Facts, s: Scenario) -> Verdict:
    r = f.rulings
    if r is None:
        return np.zeros(f.nip.shape[0], dtype=bool), lambda k: ""

    def detail(k: int) -> str:
        return str(r.why[k])

    return r.forbidden, detail


RULES: Final[tuple[tuple[str, Callable[[Facts, Scenario], Verdict]], ...]] = (
    ("abolished", _abolished),
    ("frozen", _frozen),
    ("not_active", _not_active),
    ("locked", _locked),
    ("min_tenure", _min_tenure),
    ("retirement", _retirement),
    ("jpt_protection", _jpt_protection),
    ("max_tenure", _max_tenure),
    ("promotion", _promotion),
    ("demotion", _demotion),
    ("rank_range", _rank_range),
    ("education", _education),
    # What the holder must bring (audit/qualification.py): the post's profession, its teknis.
    ("profession", profession),
    ("missing_technical", missing_technical),
    ("refusal", _refusal),
    ("external_approval", _external_approval),
    ("only_scored", _only_scored),
    ("no_worse_off", _no_worse_off),
    ("asn_type", _asn_type),
    ("no_fit_loss", _no_fit_loss),
    # The panel's rulings (audit/panel.py, from the decisions table).
    ("ruling", _ruling),
)
"""Every re-derived hard rule, in the engine's reporting order."""
