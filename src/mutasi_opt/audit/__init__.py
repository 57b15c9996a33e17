"""An independent audit of a plan: every hard rule and the value of each chosen pair, re-derived.

:func:`check_plan <mutasi_opt.check.check_plan>` checks a plan against the problem's candidate
pairs; if candidate generation let through a pair that a rule forbids, or scored it wrongly, the
plan would still pass. :func:`audit_plan` closes that gap: for the post each person is given, it
re-derives from the raw tables (``problem.tables``) and the scenario (``problem.scenario``) whether
every hard rule allows the pair, and what the pair is worth, and compares with what the engine
stored. A disagreement is a bug of the engine, named by NIP, position_id and rule.

Independence
------------
This package imports nothing from :mod:`mutasi_opt.rules`, :mod:`~mutasi_opt.rule_context`,
:mod:`~mutasi_opt.scoring`, :mod:`~mutasi_opt.candidates`, :mod:`~mutasi_opt.domain` or
:mod:`~mutasi_opt.solve`. Its small tables (golongan and education order, BUP, job levels,
predikat and potential mappings) are copied from docs/domain.md and docs/model.md, so a copy in the
engine that disagrees with the documents is exactly what it catches. From the problem it reads only
``tables``, ``scenario``, the identifiers ``nip`` and ``post_id`` (to turn the plan's indices into
NIPs and position ids), ``current_post`` (only to compare it with the employees table) and the
stored numbers of the chosen pairs in ``pairs``. It works one chosen pair per person (``n`` pairs,
never ``n x m``), vectorised over the people where that stays plain.

Codes of :attr:`Disagreement.rule`
----------------------------------
- a hard-rule code of :data:`AUDITED_RULES` (the same codes as ``mutasi_opt.rules.RULE_CODES``):
  the rule, re-derived, forbids the chosen pair;
- ``value``: the stored value, its integer, or one of its parts (fit, JPM, preference, penalty)
  differs from the re-derived one;
- ``not_candidate``: the chosen pair is not among ``problem.pairs`` (``check_plan`` reports it too);
- ``unassigned``: the plan gives the person no post (an index outside the posts);
- ``identity``: the problem's identifiers do not match the tables (a NIP or post missing, or
  ``current_post`` naming another post than ``employees.position_id``).

Documented choices (the engine's, transcribed; see ``docs/audit.md``)
----------------------------------------------------------------------
- Months are whole calendar months at ``as_of``: from 2020-03-15, 2022-03-14 is 23 months and
  2022-03-15 is 24. Tenure runs from ``tmt_jabatan``, age from ``birth_date`` (the NIP's digits
  1-8 when missing), service from ``cpns_date`` (the NIP's digits 9-14, first of the month).
  An unknown date blocks nothing that needs "fewer than" and meets nothing that needs "at least".
- An unknown golongan or education ranks below every known one.
- A functional post's family is ``positions.family``, else what its title names (cut at the first
  " pada " or " di ", the jenjang words removed); one with neither constrains nobody. Families
  compare case-insensitively, whitespace collapsed. A dictionary row without a kind is teknis.
- Units compare case-insensitively with whitespace collapsed (``DINAS  A`` is Dinas A), in
  wishes and refusals alike.
- Preference rows naming an unknown post or unit are ignored (as the engine does); a row with a
  ``position_id`` is about that post, otherwise about its ``unit``. Repeated wishes keep the best
  ``1 / rank``, repeated scores the largest, repeated levels or requirements the last row.
- ``value_int`` is checked as ``rint(value x 1_000_000)`` with half a unit of slack, so that a
  re-derived value one rounding step away from the engine's on a ``.5`` boundary is no false alarm.

Modules
-------
- :mod:`.vocabulary`: the audit's own tables (golongan and education order, predikat and potential
  values, job levels, BUP);
- :mod:`.cells`: reading cells of the raw tables (text, flags, ranks, dates in whole months);
- :mod:`.facts`: the positions and preferences tables read, and the facts of each chosen pair
  (profession families of posts and people, the teknis competencies a person lacks);
- :mod:`.eligibility`: the hard rules, re-derived (:data:`AUDITED_RULES`);
- :mod:`.qualification`: the two of them about what the holder must bring, ``profession`` and
  ``missing_technical``;
- :mod:`.value`: the value of a pair, re-derived (:data:`VALUE_SCALE`);
- :mod:`.report`: :class:`Disagreement`, :class:`AuditReport`, :class:`AuditError` and
  :func:`audit_plan`, which compares the re-derived rules and values with the engine's.
"""

from __future__ import annotations

from mutasi_opt.audit.eligibility import AUDITED_RULES
from mutasi_opt.audit.report import AuditError, AuditReport, Disagreement, audit_plan
from mutasi_opt.audit.value import VALUE_SCALE

__all__ = [
    "AUDITED_RULES",
    "VALUE_SCALE",
    "AuditError",
    "AuditReport",
    "Disagreement",
    "audit_plan",
]
