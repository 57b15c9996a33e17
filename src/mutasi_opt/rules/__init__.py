"""The rule registry: every hard rule is one :class:`Rule`, registered in :data:`RULES`.

A :class:`Rule` owns the whole story of one rule: its stable code and its setting, its pair test
(vectorised, :mod:`.masks`), its "stays" test if it keeps people in place, its descriptions and the
clause of a stay's reason in Indonesian and English (:mod:`.clauses`), the words ``explain`` uses
for the requirement a pair fails (:mod:`.details`), and its documentation (what it does, its
legal source). Everything else asks the registry and keeps no list of its own: candidate
generation and ``problem.stats``, :func:`pinned`, the reasons of a stay, vacancies' blockers,
``explain``, the needs analysis and the infeasibility explanation. ``docs/rules.md`` is rendered
from :data:`RULES` (``python -m mutasi_opt.rules docs/rules.md``; a test keeps it current), and
``docs/adding-a-rule.md`` walks through adding one. The audit (:mod:`mutasi_opt.audit`) re-derives
every rule apart from this package; a test keeps its list of codes equal to :data:`RULE_CODES`.

The contract every rule keeps
-----------------------------
- ``func(ctx, person_idx, post_idx) -> bool array`` (True = the pair is allowed): the index arrays
  broadcast together (a ``(B, 1)`` block of people against ``(1, M)`` posts, or flat arrays of
  pairs); the result broadcasts to their common shape (a 0-d ``True`` means the rule allows
  everything here).
- **A person's current post stays a candidate** under every rule except ``abolished`` and a hard
  ``max_tenure``: a rule that is not about leaving the post ends in ``| is_current(...)``.
- A "stays" rule (``stays=``) excludes every post but the current one for the people its person
  test selects; with ``pure_stays`` that is all it does, and the candidate generator applies it
  per person.
- The order of :data:`RULES` is the bit order of :func:`exclusion_mask` and decides which rule is
  credited with an exclusion in ``problem.stats`` (the first that excludes the pair); the mask has
  32 bits and the infeasibility explanation uses one more for pruned pairs: at most 31 rules.

Each rule's meaning is its :attr:`Rule.doc` (``docs/rules.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mutasi_opt.arrays import BoolArray
from mutasi_opt.rule_context import RuleContext, pair_fit
from mutasi_opt.rules import clauses, details, rulings
from mutasi_opt.rules.masks import (
    Index,
    allow_all,
    forget_current,
    is_current,
    must_be_placed,
    rule_abolished,
    rule_asn_type,
    rule_demotion,
    rule_education,
    rule_external_approval,
    rule_frozen,
    rule_jpt_protection,
    rule_locked,
    rule_min_tenure,
    rule_missing_technical,
    rule_no_worse_off,
    rule_not_active,
    rule_only_scored,
    rule_profession,
    rule_promotion,
    rule_rank_range,
    rule_refusal,
    rule_retirement,
    stays_asn_type,
    stays_frozen,
    stays_jpt_protection,
    stays_locked,
    stays_min_tenure,
    stays_not_active,
    stays_retirement,
)
from mutasi_opt.rules.soft import has_penalties, has_preferences, penalty, preference

__all__ = [
    "FIT_TOLERANCE",
    "MAX_RULES",
    "RULES",
    "RULE_CODES",
    "STAYS_RULE_CODES",
    "Rule",
    "RuleContext",
    "RuleExclusions",
    "decode_exclusions",
    "exclusion_codes",
    "exclusion_mask",
    "forget_current",
    "has_penalties",
    "has_preferences",
    "kept_by",
    "move_clauses",
    "pair_details",
    "penalty",
    "pinned",
    "preference",
    "registered",
    "rule",
    "stay_clauses",
    "stays_table",
]

RuleFunc = Callable[[RuleContext, Index, Index], BoolArray]
StaysFunc = Callable[[RuleContext, Index], BoolArray]
DetailFunc = Callable[[RuleContext, int, int, str], str]
ClauseFunc = Callable[[RuleContext, int, str], str]

MAX_RULES = 31
"""Rules the 32-bit exclusion mask holds (one bit is the infeasibility explanation's)."""


@dataclass(frozen=True)
class Rule:
    """One hard rule and everything said about it.

    A rule is one object here and one line in :data:`RULES`; candidate generation, ``pinned``,
    the exclusion counts, the reasons of a stay, vacancies' blockers, ``explain``, the needs
    analysis and ``docs/rules.md`` all read :data:`RULES` (``docs/adding-a-rule.md``).

    Attributes
    ----------
    code
        Stable code: in ``summary.json``, ``problem.stats["excluded.<code>"]``, ``reason_code``,
        explanations and tests. It never changes meaning once released.
    description_id, description_en
        What the rule closes, in a few words (explanations, vacancies, infeasibility).
    func
        The pair test ``func(ctx, p, q) -> bool array`` (True = allowed; see the package
        docstring).
    stays
        The person test of a rule that keeps people in place (what :func:`pinned` and the
        reasons of a stay read); ``None`` for a pair rule.
    setting
        The scenario key that switches or tunes it (``rules.profession``); ``None``: always on.
    also_reads
        Other scenario keys it reads (``rules.max_tenure_months`` beside ``rules.max_tenure_hard``).
    pure_stays
        With ``stays`` given: the rule does nothing else (``func`` is exactly
        ``~stays(ctx, p) | (q == current(p))``), so candidates are generated per person.
        ``retirement`` also closes other posts: ``False``. The property tests check both agree.
    detail
        ``detail(ctx, i, j, language)``: which requirement the pair fails, with the numbers
        (``explain``); ``None``: the description says it all.
    stay_clause
        ``stay_clause(ctx, i, language)``: the clause of the reason of a person the rule keeps in
        place, with the numbers ("masa jabatan 14 bulan < 24 bulan"); ``None``: the description.
    move_clause
        ``move_clause(ctx, i, language)``: the clause of the reason of a person who moved, when
        the rule (or the value term it goes with) counted for the move, else ``""``
        ("masa jabatan 90 bulan melewati batas 60 bulan"); ``None``: it never speaks for a move.
    doc
        What the rule does, in Markdown: its semantics, for whom, the exceptions
        (``docs/rules.md``).
    source
        Its legal source (regulation and article), ``""`` when it is the agency's own choice.
    domain
        The heading of ``docs/domain.md`` it rests on, as its Markdown anchor (``tenure-window``).
    """

    code: str
    description_id: str
    description_en: str
    func: RuleFunc
    stays: StaysFunc | None = None
    setting: str | None = None
    also_reads: tuple[str, ...] = ()
    pure_stays: bool = True
    detail: DetailFunc | None = None
    stay_clause: ClauseFunc | None = None
    move_clause: ClauseFunc | None = None
    doc: str = ""
    source: str = ""
    domain: str | None = None

    @property
    def keeps_in_place(self) -> bool:
        """The rule keeps some people in their current post (it may also close other posts)."""
        return self.stays is not None

    def description(self, language: str) -> str:
        """:attr:`description_id` or :attr:`description_en`."""
        if language not in ("id", "en"):
            raise ValueError(f"language must be 'id' or 'en', not {language!r}")
        return self.description_id if language == "id" else self.description_en


def pinned(ctx: RuleContext, person_idx: Index) -> BoolArray:
    """True for people a "stays" rule of :data:`RULES` keeps in their current post (placed
    people only)."""
    p = np.asarray(person_idx)
    stays = np.zeros(p.shape, dtype=bool)
    for r in RULES:
        if r.stays is not None:
            stays |= r.stays(ctx, p)
    return np.asarray(stays & (ctx.current[p] >= 0))


def kept_by(code: str, ctx: RuleContext, person_idx: Index) -> BoolArray:
    """True for people the "stays" rule ``code`` keeps in their current post (placed people).

    Raises
    ------
    KeyError
        For a code that is not a registered rule.
    ValueError
        For a rule that keeps nobody in place.
    """
    r = rule(code)
    if r.stays is None:
        raise ValueError(f"rule {code!r} keeps nobody in place")
    p = np.asarray(person_idx)
    return np.asarray(r.stays(ctx, p) & (ctx.current[p] >= 0))


def rule_max_tenure(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With a hard maximum, a person past it loses the current post as a candidate, unless a
    "stays" rule keeps them (:func:`pinned`: the one rule defined through the registry)."""
    limit = ctx.rules.max_tenure_months
    if not ctx.rules.max_tenure_hard or limit is None:
        return allow_all()
    over = (ctx.tenure[p] > limit) & ~pinned(ctx, p)
    if not over.any():
        return allow_all()
    return ~(over & is_current(ctx, p, q))


FIT_TOLERANCE = 1e-9
"""Fits closer than this are equal (a fit is a ratio of small integers: distinct ones differ by
far more)."""


def forced_out(ctx: RuleContext, p: Index) -> BoolArray:
    """People a hard maximum tenure makes leave their post (a "stays" rule exempts them)."""
    limit = ctx.rules.max_tenure_months
    pa = np.asarray(p)
    if not ctx.rules.max_tenure_hard or limit is None:
        return np.zeros(pa.shape, dtype=bool)
    return np.asarray((np.nan_to_num(ctx.tenure[pa], nan=-1.0) > limit) & ~pinned(ctx, pa))


def fit_loss_exempt_post(ctx: RuleContext, q: Index) -> BoolArray:
    """Posts a move may lower fit into: a free seat before the round, of priority at least
    ``rules.fit_loss_allowed_min_priority``."""
    low = ctx.rules.fit_loss_allowed_min_priority
    qa = np.asarray(q)
    if low is None:
        return np.zeros(qa.shape, dtype=bool)
    return np.asarray(ctx.open_at_start[qa] & (ctx.priority[qa] >= low))


def rule_no_fit_loss(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``no_fit_loss``, a voluntary move keeps or raises the person's fit, except into a
    vacancy of priority at least ``fit_loss_allowed_min_priority`` (:func:`forced_out` reads
    :func:`pinned`, so the rule lives beside ``max_tenure``)."""
    if not ctx.rules.no_fit_loss:
        return allow_all()
    voluntary = (ctx.current[p] >= 0) & ~must_be_placed(ctx, p) & ~forced_out(ctx, p)
    if not voluntary.any():
        return allow_all()
    lowers = pair_fit(ctx, p, q) < ctx.fit_current[p] - FIT_TOLERANCE
    return np.asarray(~(voluntary & lowers) | fit_loss_exempt_post(ctx, q) | is_current(ctx, p, q))


RULES: tuple[Rule, ...] = (
    Rule(
        "abolished", "jabatan dihapus", "the post is abolished", rule_abolished,
        doc="An abolished post (`positions.status: abolished`) is never a candidate, not even "
        "for its holder, who must be placed elsewhere whatever their tenure: the two rules that "
        "count months in the post, `min_tenure` and `jpt_protection`, do not hold the holder of "
        "an abolished post. The other stays rules (`frozen`, `not_active`, `locked`, "
        "`retirement`, `asn_type`) are not about tenure and still hold: such a holder has no "
        "candidate at all, and the round is infeasible with an explanation that names them. A "
        "holder every other post is closed to (by any rule) is infeasible in the same way; "
        "otherwise the round must place them. An abolished post is never a vacancy.",
        domain="restructuring",
    ),
    Rule(
        "frozen", "masa pembekuan mutasi: pegawai tetap di jabatannya",
        "a freeze window: placed people stay", rule_frozen, stays_frozen,
        setting="rules.freeze_windows", stay_clause=clauses.frozen,
        doc="`as_of` lies inside one of `rules.freeze_windows`: every placed person stays in "
        "their post. Unplaced people may still be placed (filling a post is not replacing an "
        "official). The reason quotes the window and its `reason`.",
        source="UU 10/2016 art. 71, 162", domain="calendar-freezes",
    ),
    Rule(
        "not_active",
        "status pegawai tidak aktif (hukuman disiplin, tugas belajar, cuti, proses hukum, ikatan "
        "dinas, pemberhentian sementara, masa persiapan pensiun)",
        "not active (disciplinary sanction, study leave, leave, court proceedings, service bond, "
        "temporary dismissal, pre-retirement): stays", rule_not_active, stays_not_active,
        stay_clause=clauses.not_active,
        doc="A person whose `employees.status` is not `aktif` (`hukuman_disiplin`, "
        "`tugas_belajar`, `cuti`, `proses_hukum`, `ikatan_dinas`, `pemberhentian_sementara`, "
        "`masa_persiapan_pensiun`, `tidak_aktif`; SIASN *kedudukan hukum* names and ids are "
        "accepted, CLTN, unpaid leave, is read as `cuti`, and a *kedudukan hukum* with no code "
        "of its own as `tidak_aktif`) stays in their post, and the reason names the status, "
        "quoting the name the table gave it when that is more than a spelling of the code "
        "(\"kedudukan hukum: PNS kena hukuman disiplin\"). An unplaced person who is not aktif has no "
        "candidate (the round is infeasible, explained): leave them out of the round or give "
        "them a post.",
        source="Perban BKN 5/2019 art. 3; regional rules such as Perwali Palangka Raya 26/2018",
        domain="statuses-that-stop-a-transfer",
    ),
    Rule(
        "locked", "dikunci: pegawai tetap di jabatannya", "locked: stays in place", rule_locked,
        stays_locked, stay_clause=clauses.locked,
        doc="`employees.locked: true`: the planner keeps this person in place. An unplaced "
        "locked person has no candidate (the round is infeasible, explained).",
    ),
    Rule(
        "min_tenure", "masa jabatan belum mencapai minimum", "tenure below the minimum: stays",
        rule_min_tenure, stays_min_tenure, setting="rules.min_tenure_months",
        detail=details.min_tenure, stay_clause=clauses.min_tenure,
        doc="Fewer than `rules.min_tenure_months` whole calendar months in the current post "
        "(from `tmt_jabatan` to `as_of`): the person stays, unless their post is abolished "
        "(restructuring). An unknown tenure holds nobody.",
        source="PP 11/2017 art. 190(3)", domain="tenure-window",
    ),
    Rule(
        "retirement", "mendekati atau melewati batas usia pensiun (BUP)",
        "within the retirement horizon of the BUP of the current post or of this post",
        rule_retirement, stays_retirement, pure_stays=False,
        setting="rules.retirement_horizon_months", detail=details.retirement,
        stay_clause=clauses.retirement,
        doc="The BUP of the *current* post (by kind and, for a functional post, jenjang) minus "
        "the age is at most `rules.retirement_horizon_months`: the person stays. And nobody "
        "takes a post other than their current one whose own BUP minus their age is at most "
        "the horizon (placed and unplaced people alike; with a horizon of 0, a post whose BUP "
        "they have reached). So an ahli madya aged 57 years 6 months (BUP 60, 30 months away) "
        "may move, but not into an administrator post (BUP 58, 6 months away). An unknown age "
        "closes nothing.",
        source="UU 20/2023; BKN letter on JF", domain="retirement-bup",
    ),
    Rule(
        "jpt_protection", "pejabat JPT dalam masa perlindungan setelah pelantikan",
        "JPT holder within the protection period: stays", rule_jpt_protection,
        stays_jpt_protection, setting="rules.jpt_protection_months",
        stay_clause=clauses.jpt_protection,
        doc="A JPT Pratama holder within `rules.jpt_protection_months` of `tmt_jabatan` stays, "
        "unless the post is abolished.",
        domain="calendar-freezes",
    ),
    Rule(
        "max_tenure", "masa jabatan melewati maksimum: wajib pindah",
        "past the maximum tenure: must move", rule_max_tenure, setting="rules.max_tenure_hard",
        also_reads=("rules.max_tenure_months", "weights.overdue"),
        move_clause=clauses.max_tenure,
        doc="With `rules.max_tenure_hard: true`, more than `rules.max_tenure_months` whole "
        "months in the current post removes that post from the person's candidates: they must "
        "move. A person kept in place by a stays rule is exempt (they cannot both stay and go). "
        "Without it the maximum is soft: `weights.overdue` adds to the value of moving someone "
        "past it, and a mover's reason cites the tenure only when one of the two counted.",
        source="PP 11/2017 art. 190(3)", domain="tenure-window",
    ),
    Rule(
        "promotion", "promosi tidak diizinkan atau syarat promosi tidak terpenuhi",
        "promotion not allowed or its requirements not met", rule_promotion,
        setting="rules.allow_promotion", detail=details.promotion,
        doc="A post of a higher job level must be exactly one step up (pelaksana-level 1 to "
        "pengawas counts as one step, the structural ladder having no level 2) and meet "
        "PP 17/2020: pengawas needs at least D3 and 48 months in the current post (the proxy "
        "for \"4 years as pelaksana\"); administrator at least D4/S1 and 36 months in the "
        "current post; JPT Pratama at least D4/S1, 60 months since CPNS, 24 months in the "
        "current (level-4) post and age at most 56; every promotion needs predikat and previous "
        "predikat at least Baik (a missing previous predikat does not block). "
        "`allow_promotion: false` forbids all.\n\n"
        "An unplaced person has no level and no post, so they are *placed*, not promoted: they "
        "may take a post only if they meet its kind's PP 17/2020 requirements on education, "
        "service and age (pengawas at least D3; administrator at least D4/S1; JPT Pratama at "
        "least D4/S1, 60 months since CPNS and age at most 56); pelaksana and fungsional posts "
        "ask nothing here. The months in the lower post cannot be checked for someone without "
        "a post and are not asked, nor is \"at most one level up\" (the rank ranges of the old "
        "eselon and of the keahlian jenjang are ranges of *posts*, checked by `rank_range`). "
        "The predikat requirement (it blocks a *promotion*) and `allow_promotion` do not apply "
        "to a placement, nor does `demotion`.",
        source="PP 17/2020; Perban BKN 5/2019 art. 3 (predikat)",
        domain="promotion-requirements",
    ),
    Rule(
        "demotion", "demosi tidak diizinkan", "demotion not allowed", rule_demotion,
        setting="rules.allow_demotion",
        doc="A post of a lower job level than the current one, unless `rules.allow_demotion: "
        "true`. An unplaced person has no level: it does not apply to a placement.",
    ),
    Rule(
        "rank_range", "golongan di luar rentang jabatan", "golongan outside the post's range",
        rule_rank_range, setting="rules.rank_range",
        also_reads=("weights.rank_range_penalty",), detail=details.rank_range,
        doc="With `rules.rank_range: hard`, a golongan outside the post's `[min_golongan, "
        "max_golongan]` (the bounds that are set) closes the pair, for placed and unplaced "
        "people alike (a person's current post excepted). `soft` is a penalty in the value (`weights.rank_range_penalty`) instead, "
        "`off` ignores the ranges.",
        domain="rank-ranges",
    ),
    Rule(
        "education", "pendidikan di bawah syarat minimum jabatan",
        "education below the post's minimum", rule_education, setting="rules.education",
        detail=details.education,
        doc="With `rules.education: hard`, education below the post's `min_education` closes "
        "the pair (a person's current post excepted); `off` ignores it.",
    ),
    Rule(
        "profession", "jabatan fungsional di luar rumpun profesi pegawai (pola karier)",
        "a functional post outside the person's profession family (career pattern)",
        rule_profession, setting="rules.profession", detail=details.profession,
        doc="With `rules.profession: hard`, a `fungsional` post takes only people of its "
        "family: the family of their current functional post, or one listed in "
        "`employees.qualifications`. A pelaksana or structural official (or an unplaced "
        "person) enters a functional family only through a listed qualification. A post's "
        "family is its `positions.family` cell or, when empty, derived from the title (the "
        "title without its jenjang words and without what follows \" pada \" or \" di \"); "
        "names compare case-insensitively. Posts of other kinds ask nothing of it.",
        source="PP 11/2017 art. 190(4)-(5); UU 14/2005; UU 17/2023; PermenPANRB 1/2023",
        domain="professions-and-the-career-pattern",
    ),
    Rule(
        "missing_technical",
        "kompetensi teknis yang disyaratkan jabatan belum dimiliki (level 0)",
        "a required teknis competency the person lacks (level 0)", rule_missing_technical,
        setting="rules.missing_technical", also_reads=("weights.missing_technical_penalty",),
        detail=details.missing_technical,
        doc="With `rules.missing_technical: hard`, a post requiring a competency whose "
        "dictionary kind is `teknis` (an empty kind is teknis) that the person has no level for "
        "(level 0) closes the pair. Not for people the round must place (unplaced, or holding "
        "an abolished post): a post they lack a teknis competency for is a training need, not "
        "a bar, so for them the pair stays open with the soft penalty. `soft` subtracts "
        "`weights.missing_technical_penalty` once per such pair for everyone; `off` ignores it.",
        source="PermenPANRB 38/2017", domain="technical-competency",
    ),
    Rule(
        "refusal", "pegawai menolak jabatan atau unit ini",
        "the person refused this post or its unit", rule_refusal, setting="rules.refusals",
        also_reads=("weights.refusal_penalty",),
        doc="With `rules.refusals: hard`, a post the person refused (`preferences.refuse: "
        "true`), or any post of a unit they refused, closes the pair. `soft` is a penalty in "
        "the value (`weights.refusal_penalty`) instead.",
        domain="preferences",
    ),
    Rule(
        "external_approval", "jabatan memerlukan persetujuan pihak luar",
        "the post needs external approval", rule_external_approval,
        setting="rules.allow_external_approval",
        doc="Posts flagged `needs_external_approval` (such as the head of Disdukcapil) are no "
        "target unless `rules.allow_external_approval: true`; their holder may stay.",
        domain="special-posts",
    ),
    Rule(
        "only_scored", "pasangan tidak ada dalam tabel nilai (scores)",
        "the pair is not listed in scores", rule_only_scored,
        setting="rules.only_scored_pairs",
        doc="With `rules.only_scored_pairs: true`, only pairs listed in the `scores` table are "
        "candidates; the current post stays a candidate even when not scored.",
    ),
    Rule(
        "no_worse_off", "lebih buruk dari jabatan sekarang menurut keinginan pegawai",
        "worse than the current post by the person's own wishes", rule_no_worse_off,
        setting="rules.no_worse_off",
        doc="With `rules.no_worse_off: true`, a placed person with wishes gets the current post "
        "or a post they wish at least as much as the current one (a wish score at least that "
        "of the current post, and above 0); people without wishes and unplaced people are "
        "unconstrained (individual rationality).",
        source="Combe, Tercieux & Terrier 2022 (mechanism design, not a regulation)",
        domain="preferences",
    ),
    Rule(
        "asn_type", "jenis ASN tidak termasuk yang dapat dimutasi (CPNS, PPPK): tetap di jabatannya",
        "ASN type not movable (CPNS, PPPK): stays", rule_asn_type, stays_asn_type,
        setting="rules.movable_asn_types", stay_clause=clauses.asn_type,
        doc="A placed person whose `employees.asn_type` (PNS when the table has no such column) "
        "is not in `rules.movable_asn_types` (CPNS on probation and PPPK on contract, by "
        "default) stays in their current post. An unplaced one may still be placed: placement "
        "is not a transfer.",
        source="UU 20/2023", domain="employment-types",
    ),
    Rule(
        "no_fit_loss",
        "kecocokan kompetensi di jabatan ini lebih rendah dari di jabatan sekarang",
        "the person's fit in this post is below their fit in the current post",
        rule_no_fit_loss, setting="rules.no_fit_loss",
        also_reads=("rules.fit_loss_allowed_min_priority",), detail=details.fit_loss,
        doc="With `rules.no_fit_loss: true`, a voluntary move may not lower the person's fit (the "
        "capped competency match, or the `scores` override): a post where their fit is below "
        "their fit in the current post is closed, unless it is a vacancy (a free seat before the "
        "round) of priority at least `rules.fit_loss_allowed_min_priority` (null: none). A move is "
        "not voluntary for a person who must leave (out of an abolished post, or past a hard "
        "maximum tenure), and a person without a post is placed, not moved: the rule asks "
        "nothing of them. Equal fits are no loss (a teacher between two schools with the same "
        "standard). Wishes do not lift it: competency is the basis of a transfer.",
        source="PP 11/2017 art. 190(4)-(5)", domain="basis-of-a-transfer",
    ),
    Rule(
        "ruling", "keputusan panel (data.decisions)", "the panel's ruling (data.decisions)",
        rulings.rule_ruling, rulings.stays_ruling, pure_stays=False, detail=rulings.detail,
        stay_clause=rulings.stay_clause,
        doc="The panel's rulings, from the `data.decisions` table (`nip, position_id, decision, "
        "note, override`): `keep` keeps the person in their current post; `assign` gives them "
        "exactly the post named; `forbid` closes the post named, or every post of the unit "
        "named, to them. Unlike every other rule it may close the person's current post (a "
        "`forbid` of it, or a `keep`/`assign` elsewhere): the panel decides. The post a `keep` "
        "or `assign` names must pass every other hard rule, or the round is refused with an "
        "error naming the rule and what the pair fails; with `override: true` the ruling stands "
        "against them and the run lists it (`rulings.csv`, `summary.json`). A soft rule never "
        "stops a ruling: its penalty stays in the value. Each ruling, with its `note`, is "
        "quoted in the person's reason. In a re-plan a ruling that moves someone away from "
        "their baseline post counts as one of the changes.",
        source="the panel's own decision (Baperjakat / tim penilai kinerja)",
        domain="the-panels-rulings",
    ),
)  # fmt: skip
"""Every hard rule, in bit and reporting order."""

RULE_CODES: tuple[str, ...] = tuple(r.code for r in RULES)
"""The codes of :data:`RULES`, in order."""
STAYS_RULE_CODES: tuple[str, ...] = tuple(r.code for r in RULES if r.keeps_in_place)
"""The rules that keep people in place, in :data:`RULES` order (reasons quote them so)."""


def _install(registry: tuple[Rule, ...]) -> None:
    """Make ``registry`` the rules of every reader (they read these names at call time)."""
    global RULES, RULE_CODES, STAYS_RULE_CODES
    codes = [r.code for r in registry]
    if len(set(codes)) != len(codes):
        raise ValueError(f"rule codes must be unique: {codes}")
    if len(registry) > MAX_RULES:
        raise ValueError(f"at most {MAX_RULES} rules fit the exclusion mask, not {len(registry)}")
    RULES = registry
    RULE_CODES = tuple(codes)
    STAYS_RULE_CODES = tuple(r.code for r in registry if r.keeps_in_place)


@contextmanager
def registered(*extra: Rule) -> Iterator[tuple[Rule, ...]]:
    """Append rules to :data:`RULES` inside a ``with`` block, then restore the registry.

    For trying a rule out (a test, a notebook) before it is written into :data:`RULES`: inside the
    block every reader sees it, exactly as if it were the last line of the tuple. It changes this
    process's registry only (not thread-safe; a sweep's workers do not see it). A problem built
    inside the block keeps its candidate pairs; asked about rules after it (``explain``,
    vacancies), it gets the restored registry's answers.

    Examples
    --------
    >>> with registered(my_rule):                                   # doctest: +SKIP
    ...     problem = build_problem(tables, scenario)
    """
    saved = RULES
    _install((*saved, *extra))
    try:
        yield RULES
    finally:
        _install(saved)


def rule(code: str) -> Rule:
    """The registered rule of this code (``KeyError`` for an unknown one)."""
    for r in RULES:
        if r.code == code:
            return r
    raise KeyError(code)


def stays_table(ctx: RuleContext) -> BoolArray:
    """People x :data:`RULES`: the "stays" rule keeps the person in place (the tests of
    :func:`pinned`, rule by rule, for everyone at once; ``False`` for rules without one)."""
    everyone = np.arange(ctx.n_people)
    table = np.zeros((ctx.n_people, len(RULES)), dtype=bool)
    for k, r in enumerate(RULES):
        if r.stays is not None:
            table[:, k] = np.broadcast_to(np.asarray(r.stays(ctx, everyone)), (ctx.n_people,))
    return table


def stay_clauses(
    ctx: RuleContext, i: int, language: str, kept: BoolArray | None = None
) -> list[tuple[str, str]]:
    """The "stays" rules that keep placed person ``i`` in place, as ``(code, clause)`` pairs.

    In :data:`RULES` order; the same tests as :func:`pinned`, with each rule's own clause (its
    description when it has none). Empty for an unplaced person. ``kept``: person ``i``'s row
    of :func:`stays_table` (computed here when not given).
    """
    if ctx.current[i] < 0:
        return []
    if kept is None:
        p = np.array([i])
        kept = np.array(
            [r.stays is not None and bool(np.asarray(r.stays(ctx, p)).ravel()[0]) for r in RULES]
        )
    out: list[tuple[str, str]] = []
    for k, r in enumerate(RULES):
        if not kept[k]:
            continue
        clause = r.stay_clause(ctx, i, language) if r.stay_clause is not None else ""
        out.append((r.code, clause or r.description(language)))
    return out


def move_clauses(ctx: RuleContext, i: int, language: str) -> list[tuple[str, str]]:
    """The rules that speak for the move of person ``i``, as ``(code, clause)`` pairs, in
    :data:`RULES` order (a rule whose clause is ``""`` did not count)."""
    out: list[tuple[str, str]] = []
    for r in RULES:
        clause = r.move_clause(ctx, i, language) if r.move_clause is not None else ""
        if clause:
            out.append((r.code, clause))
    return out


def pair_details(ctx: RuleContext, i: int, j: int, language: str) -> dict[str, str]:
    """For one pair, each excluding rule's code and what it fails (``""`` when it has no words)."""
    out: dict[str, str] = {}
    p, q = np.array([i]), np.array([j])
    for r in RULES:
        if not bool(np.asarray(r.func(ctx, p, q)).ravel()[0]):
            out[r.code] = r.detail(ctx, i, j, language) if r.detail is not None else ""
    return out


def exclusion_mask(
    ctx: RuleContext, person_idx: npt.ArrayLike, post_idx: npt.ArrayLike
) -> npt.NDArray[np.uint32]:
    """Bit ``k`` set where ``RULES[k]`` excludes the pair; 0 = every hard rule allows it.

    Parameters
    ----------
    ctx
        The rule context of the round (``problem.context``).
    person_idx, post_idx
        Indices, broadcast together (e.g. one person against ``np.arange(ctx.n_posts)``).

    Notes
    -----
    A pair allowed by every rule may still be missing from ``problem.pairs`` when
    ``scoring.candidates_per_person`` pruned it.
    """
    p = np.asarray(person_idx, dtype=np.int64)
    q = np.asarray(post_idx, dtype=np.int64)
    out = np.zeros(np.broadcast_shapes(p.shape, q.shape), dtype=np.uint32)
    for bit, rule in enumerate(RULES):
        allowed = rule.func(ctx, p, q)
        out |= np.where(allowed, np.uint32(0), np.uint32(1 << bit)).astype(np.uint32)
    return out


@dataclass(frozen=True, eq=False)
class RuleExclusions:
    """The hard rules of one round as an :class:`~mutasi_opt.instance.Exclusions`: which rules
    close each pair, for the explanation of an infeasible round (``problem.instance.exclusions``).

    Attributes
    ----------
    context
        The round's rule context.
    """

    context: RuleContext

    @property
    def codes(self) -> tuple[str, ...]:
        """:data:`RULE_CODES`: bit ``k`` of a mask is ``RULES[k]``."""
        return RULE_CODES

    def mask(self, person: npt.ArrayLike, post: npt.ArrayLike) -> npt.NDArray[np.uint32]:
        """:func:`exclusion_mask` of the pairs."""
        return exclusion_mask(self.context, person, post)


def decode_exclusions(mask: int) -> tuple[str, ...]:
    """Rule codes whose bit is set in ``mask`` (in :data:`RULES` order)."""
    return tuple(code for bit, code in enumerate(RULE_CODES) if int(mask) >> bit & 1)


def exclusion_codes(
    ctx: RuleContext, person_idx: npt.ArrayLike, post_idx: npt.ArrayLike
) -> list[tuple[str, ...]]:
    """The codes of every rule excluding each pair (flattened in C order); ``()`` = allowed."""
    mask = exclusion_mask(ctx, person_idx, post_idx).ravel()
    cache: dict[int, tuple[str, ...]] = {}
    return [cache.setdefault(v, decode_exclusions(v)) for v in mask.tolist()]
