"""The panel's rulings (``data.decisions``) read into arrays: who is kept, assigned, forbidden.

What they do to the round is the ``ruling`` rule (:mod:`mutasi_opt.rules.rulings`); this module
only resolves the table's rows against the round's people, posts and units
(:func:`read_rulings`), so that the rule context can hold them without importing the rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.arrays import BoolArray, IntArray, PairTable
from mutasi_opt.errors import InputError, InputIssue

__all__ = ["Ruling", "Rulings", "no_rulings", "read_rulings", "rows_frame", "ruling_issue"]


@dataclass(frozen=True)
class Ruling:
    """One row of the decisions table, resolved to indices.

    Attributes
    ----------
    row
        Spreadsheet row (for messages).
    nip, person
        The person.
    decision
        ``keep``, ``forbid`` or ``assign``.
    position_id
        As written (a post, or for ``forbid`` a unit name; ``None`` for a bare ``keep``).
    post, unit
        The post index (``keep``: the current post) and, for a forbidden unit, the unit index
        (``-1`` where not applicable).
    note
        The panel's words.
    override
        The ruling stands against the hard rules (``keep``/``assign`` only).
    """

    row: int
    nip: str
    person: int
    decision: str
    position_id: str | None
    post: int
    unit: int
    note: str
    override: bool


@dataclass(frozen=True, eq=False)
class Rulings:
    """The rulings of a round as arrays (what the ``ruling`` rule reads).

    Attributes
    ----------
    items
        Every ruling, in table order.
    target
        Per person, the post a ``keep`` or ``assign`` ruling places them in (``-1``: none).
    override
        Per person: their target stands against the hard rules.
    forbid_post, forbid_unit
        The forbidden (person, post) and (person, unit) pairs.
    overridden
        Per person whose override was needed, the codes of the hard rules it overrides (filled by
        :func:`mutasi_opt.problem.check_ruling_targets`).
    """

    items: tuple[Ruling, ...]
    target: IntArray
    override: BoolArray
    forbid_post: PairTable
    forbid_unit: PairTable
    overridden: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """No ruling at all."""
        return not self.items

    def of(self, person: int) -> list[Ruling]:
        """The rulings about one person, in table order."""
        return [r for r in self.items if r.person == person]

    def counts(self) -> dict[str, int]:
        """Rulings per decision (and overrides applied)."""
        out = dict.fromkeys(("keep", "forbid", "assign"), 0)
        for r in self.items:
            out[r.decision] += 1
        out["overridden"] = len(self.overridden)
        return out


def ruling_issue(
    rule: str, message: str, message_id: str, row: int, column: str, value: object
) -> InputIssue:
    """An error in one row of the decisions table (``message_id``: the same in Indonesian)."""
    return InputIssue(rule, message, file="decisions", row=row, column=column,
                      value=None if value is None else str(value),
                      message_id=message_id)  # fmt: skip


def rows_frame(frame: pd.DataFrame) -> pd.Series:
    """The spreadsheet row of each ruling (``row`` column when read from a file, else index + 2)."""
    if "row" in frame.columns:
        return frame["row"].astype("int64")
    return pd.Series(np.arange(len(frame), dtype=np.int64) + 2, index=frame.index)


def read_rulings(
    decisions: pd.DataFrame,
    nip: npt.NDArray[np.object_],
    post_id: npt.NDArray[np.object_],
    units: tuple[str, ...],
    current: IntArray,
) -> Rulings:
    """The rulings of the decisions table, resolved against the round's people, posts and units.

    The readers already reject unknown NIPs, posts and units and contradicting rows
    (:func:`mutasi_opt.tables.decisions.decision_rows`); tables built by hand get the same
    errors here.

    Raises
    ------
    InputError
        A ruling naming an unknown person, post or unit, or a ``keep`` for someone without a post.
    """
    n, m, n_units = nip.shape[0], post_id.shape[0], len(units)
    person_of = {str(x): i for i, x in enumerate(nip.tolist())}
    post_of = {str(x): j for j, x in enumerate(post_id.tolist())}
    unit_of = {u: k for k, u in enumerate(units)}
    issues: list[InputIssue] = []
    items: list[Ruling] = []
    frame = decisions
    rows = rows_frame(frame).tolist()
    notes = frame["note"].tolist() if "note" in frame.columns else [None] * len(frame)
    overrides = (
        [v is True or v == 1 for v in frame["override"].tolist()]
        if "override" in frame.columns
        else [False] * len(frame)
    )
    cells = zip(rows, frame["nip"].tolist(), frame["decision"].tolist(),
                frame["position_id"].tolist(), notes, overrides, strict=True)  # fmt: skip
    for row, nip, decision, pid, note, override in cells:
        i = person_of.get(str(nip), -1)
        if i < 0:
            issues.append(ruling_issue("unknown_nip", "no employee with this NIP",
                                       "tidak ada pegawai dengan NIP ini", row, "nip", nip))  # fmt: skip
            continue
        where = None if pid is None or pd.isna(pid) else str(pid)
        post, unit = -1, -1
        if decision == "keep":
            post = int(current[i])
            if post < 0:
                issues.append(ruling_issue("keep_not_placed", "keep means staying in the current post, "
                                     "and this person has none (use assign)",
                                     "keep berarti tetap di jabatan sekarang, dan orang ini tidak "
                                     "memegang jabatan (pakai assign)", row, "nip", nip))  # fmt: skip
                continue
        elif where is not None and where in post_of:
            post = post_of[where]
        elif decision == "forbid" and where is not None and where in unit_of:
            unit = unit_of[where]
        else:
            issues.append(ruling_issue("unknown_position", "names no post (and, to forbid, no unit) of "
                                 "the positions table",
                                 "tidak menyebut jabatan (dan, untuk forbid, unit) mana pun di tabel "
                                 "positions", row, "position_id", where))  # fmt: skip
            continue
        text = "" if note is None or pd.isna(note) else str(note).strip()
        items.append(Ruling(int(row), str(nip), i, str(decision), where, post, unit, text,
                            bool(override) and decision != "forbid"))  # fmt: skip
    if issues:
        raise InputError(issues)
    target = np.full(n, -1, dtype=np.int32)
    override_of = np.zeros(n, dtype=bool)
    for r in items:
        if r.decision != "forbid":
            target[r.person] = r.post
            override_of[r.person] |= r.override
    forbid = [r for r in items if r.decision == "forbid"]
    on_post = [r for r in forbid if r.post >= 0]
    on_unit = [r for r in forbid if r.unit >= 0]
    return Rulings(
        items=tuple(items),
        target=target,
        override=override_of,
        forbid_post=PairTable.build([r.person for r in on_post], [r.post for r in on_post],
                                    np.ones(len(on_post)), n, m),
        forbid_unit=PairTable.build([r.person for r in on_unit], [r.unit for r in on_unit],
                                    np.ones(len(on_unit)), n, n_units),
    )  # fmt: skip


def no_rulings(n_people: int, n_posts: int, n_units: int) -> Rulings:
    """The rulings of a round without a decisions table."""
    n = n_people
    empty = np.zeros(0, dtype=np.int64)
    return Rulings(
        items=(),
        target=np.full(n, -1, dtype=np.int32),
        override=np.zeros(n, dtype=bool),
        forbid_post=PairTable.build(empty, empty, np.zeros(0), n, n_posts),
        forbid_unit=PairTable.build(empty, empty, np.zeros(0), n, n_units),
    )
