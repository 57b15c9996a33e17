"""The panel's rulings, re-derived from the raw decisions table for each chosen pair.

The contract (docs/model.md, ``data.decisions``; docs/rules.md, ``ruling``): ``keep`` = the person
stays in their current post; ``forbid`` = never the post named, or no post of the unit named (a
``position_id`` that is a post of the positions table is a post, otherwise a unit name);
``assign`` = exactly the post named. A ``keep`` or ``assign`` row with ``override`` true stands
against the other hard rules: the audit then accepts that one pair whatever they say (the run
lists it), and still checks the ruling itself.

Read here from ``tables.decisions`` with this package's own cell readers; nothing of
:mod:`mutasi_opt.rules` is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mutasi_opt.audit.cells import BoolArray, ObjArray, flags, texts


@dataclass(frozen=True)
class RulingFacts:
    """Per audited person: does a ruling forbid the chosen pair, why, and is it an override."""

    forbidden: BoolArray
    why: ObjArray
    overridden: BoolArray


def ruling_facts(
    decisions: pd.DataFrame | None,
    post_ids: set[str],
    nip: ObjArray,
    cur_id: ObjArray,
    to_id: ObjArray,
    to_unit: ObjArray,
) -> RulingFacts:
    """The rulings about each chosen pair ``(nip[k], to_id[k])`` (unit ``to_unit[k]``)."""
    n = nip.shape[0]
    forbidden = np.zeros(n, dtype=bool)
    why = np.full(n, "", dtype=object)
    overridden = np.zeros(n, dtype=bool)
    if decisions is None or len(decisions) == 0:
        return RulingFacts(forbidden, why, overridden)
    who = texts(decisions["nip"]).tolist()
    what = [(d or "").strip().lower() for d in texts(decisions["decision"]).tolist()]
    where = texts(decisions["position_id"]).tolist()
    over = (
        flags(decisions["override"]).tolist()
        if "override" in decisions.columns
        else [False] * len(who)
    )
    rows: dict[str, list[tuple[str, str | None, bool]]] = {}
    for p, d, w, o in zip(who, what, where, over, strict=True):
        if p is not None:
            rows.setdefault(p, []).append((d, w, o))
    for k in range(n):
        for decision, target, override in rows.get(str(nip[k]), []):
            if decision == "keep":
                place = cur_id[k]
            elif decision == "assign":
                place = target
            else:
                hit = target is not None and (
                    target == to_id[k] or (target not in post_ids and target == to_unit[k])
                )
                if hit:
                    forbidden[k] = True
                    why[k] = f"the panel forbids {target}"
                continue
            if place != to_id[k]:
                forbidden[k] = True
                why[k] = f"the panel's {decision} ruling names {place}"
            elif override:
                overridden[k] = True
    return RulingFacts(forbidden, why, overridden)
