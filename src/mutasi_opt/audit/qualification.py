"""The hard rules on what the holder of a post must bring: its profession, its technical competency.

Re-derived from the facts of :mod:`.facts` (the families and technical competencies read from the
raw cells), apart from :mod:`.eligibility` only to keep that module short; its ``RULES`` table
lists them in the engine's reporting order. Each rule gives the chosen pairs it forbids and a
sentence saying why; a person's current post stays allowed under both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from mutasi_opt.audit.cells import BoolArray
from mutasi_opt.audit.facts import Facts, family_key

if TYPE_CHECKING:
    from mutasi_opt.scenario import Scenario

Verdict = tuple[BoolArray, Callable[[int], str]]


def out_of_family(f: Facts) -> BoolArray:
    """The chosen post is functional and its family is none of the person's families.

    The post's family is ``positions.family``, or the family its title names when that cell is
    empty (:func:`~.facts.family_of_title`); a functional post with neither constrains nobody. The
    person's families are their current functional post's and their listed ``qualifications``.
    """
    return np.array(
        [
            kind == "fungsional"
            and family is not None
            and family_key(family) not in {family_key(h) for h in held}
            for kind, family, held in zip(
                f.to_kind.tolist(), f.to_family.tolist(), f.families.tolist(), strict=True
            )
        ],
        dtype=bool,
    )


def profession(f: Facts, s: Scenario) -> Verdict:
    """``rules.profession: hard``: a functional post takes only people of its family.

    docs/domain.md, "Professions and the career pattern": "Holding one requires that profession's
    qualification ... A move across families is not a rotation: it needs the new profession's
    qualification. The career pattern and the fit of competency to the post are the basis of every
    transfer (PP 11/2017 art. 190(4)-(5)). **[check]** default: a functional post takes only
    people of its family or with a listed qualification." docs/model.md, scenario: "profession:
    hard # hard | off". A person without a post has no current family: they enter a functional
    post only through a listed qualification.
    """

    def detail(k: int) -> str:
        held = ", ".join(f.families[k]) or "none"
        return f"post family {f.to_family[k]}; person's families: {held}"

    if s.rules.profession != "hard":
        return np.zeros(f.nip.shape[0], dtype=bool), detail
    return out_of_family(f) & ~f.is_current, detail


def lacks_technical(f: Facts) -> BoolArray:
    """The chosen post requires a teknis competency the person does not have (level 0 or none)."""
    return np.array([len(codes) > 0 for codes in f.missing_technical.tolist()], dtype=bool)


def missing_technical(f: Facts, s: Scenario) -> Verdict:
    """``rules.missing_technical: hard``: no post requiring a teknis competency the person lacks.

    docs/domain.md, "Technical competency": "a required technical competency the person does not
    have at all (level 0) is not offset by surplus managerial levels. **[check]** default: hard."
    docs/model.md, scenario: "missing_technical: hard # hard | soft | off". Teknis is what the
    competency dictionary says (a row without a kind is teknis; the built-in dictionary has none).
    ``soft`` is a penalty in the value (:mod:`.value`), ``off`` nothing.
    """

    def detail(k: int) -> str:
        codes = ", ".join(f.missing_technical[k])
        return f"the post requires teknis competency {codes}, which the person lacks (level 0)"

    if s.rules.missing_technical != "hard":
        return np.zeros(f.nip.shape[0], dtype=bool), detail
    # docs/domain.md "Restructuring": the holder of an abolished post must be placed elsewhere;
    # a person without a post is placed. For them a missing teknis competency is a training
    # need (the soft penalty, value.py), not a bar.
    must_be_placed = ~f.placed | f.cur_abolished
    return lacks_technical(f) & ~f.is_current & ~must_be_placed, detail
