"""One unit (OPD) under one spelling: ``positions.unit`` and ``preferences.unit`` unified.

A unit is typed by many hands: ``Dinas Kesehatan``, ``dinas kesehatan``, ``Dinas  Kesehatan``
(two spaces), ``Dinas Kesehatan`` with a non-breaking space from a web page. Read as written they
would be separate units, silently: the outflow limit per unit, the wishes and refusals naming a
unit, the unit of a move and every report grouped by unit would all split. So spellings that differ
only in case or white space (:func:`mutasi_opt.domain.unit_key`) are one unit:

- in ``positions``, every unit is written with its white space collapsed, and a unit written more
  than one way takes its most frequent spelling (ties: the one written first), with a
  ``unit_spellings`` warning that lists every spelling as written and its rows;
- in ``preferences``, a unit written another way than the positions table's takes that spelling,
  with a ``unit_spelling`` warning naming the rows; a unit that matches none stays as written (the
  ``unknown_unit`` check reports it).

Nothing looser is merged (punctuation, abbreviations, typing errors): ``Dinas Kesehatan.`` and
``Dinkes`` stay units of their own, since two OPDs may differ by exactly such a detail.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from mutasi_opt.domain import unit_key
from mutasi_opt.errors import IssueCollector, Language
from mutasi_opt.tables.schema import ParsedTable

__all__ = ["unify_units"]

MAX_ROWS_SHOWN = 10
"""Rows listed per spelling in a warning; the rest are counted."""


def unify_units(tables: dict[str, ParsedTable], issues: IssueCollector) -> None:
    """Write each unit of ``positions`` and ``preferences`` under its one spelling (in place).

    Parameters
    ----------
    tables
        The parsed tables by name; ``positions`` and ``preferences`` are changed where present.
    issues
        Receives the ``unit_spellings`` and ``unit_spelling`` warnings.
    """
    positions = tables.get("positions")
    names: dict[str, str] = {}
    if positions is not None:
        names = _unify_positions(positions, issues)
    preferences = tables.get("preferences")
    if preferences is not None:
        _unify_preferences(preferences, names, issues)


def _unify_positions(t: ParsedTable, issues: IssueCollector) -> dict[str, str]:
    """Unit key -> its one name; the column rewritten and every unit written two ways reported."""
    written = t.frame["unit"]
    usable = written.notna().to_numpy() & t.ok("unit")
    spellings: dict[str, dict[str, list[int]]] = {}  # key -> spelling as written -> row positions
    for k in np.flatnonzero(usable):
        text = str(written.iat[int(k)])
        spellings.setdefault(unit_key(text), {}).setdefault(text, []).append(int(k))
    names: dict[str, str] = {}
    for key, by_spelling in spellings.items():
        # Count the spellings with white space collapsed: a double space is no rival spelling.
        counts: dict[str, int] = {}
        for text, rows in by_spelling.items():
            collapsed = " ".join(text.split())
            counts[collapsed] = counts.get(collapsed, 0) + len(rows)
        # dicts keep the order of first appearance; max() keeps the first of equals.
        name = max(counts, key=lambda c: counts[c])
        names[key] = name
        if len(by_spelling) > 1:
            _report_positions(t, by_spelling, name, issues)
    values = written.to_numpy(dtype=object, copy=True)
    for k in np.flatnonzero(usable):
        values[k] = names[unit_key(str(values[k]))]
    t.frame["unit"] = pd.Series(values, index=written.index, dtype=object)
    return names


def _report_positions(
    t: ParsedTable, by_spelling: dict[str, list[int]], name: str, issues: IssueCollector
) -> None:
    listed = ", ".join(f"{text!r} ({_rows(t, rows)})" for text, rows in by_spelling.items())
    listed_id = ", ".join(
        f"{text!r} ({_rows(t, rows, 'id')})" for text, rows in by_spelling.items()
    )
    # The warning points at the first row written otherwise than the name.
    first_other = min(k for text, rows in by_spelling.items() if text != name for k in rows)
    issues.warn(
        "unit_spellings",
        f"one unit written {len(by_spelling)} ways: {listed}; read as {name!r} (spellings that "
        "differ only in case or spaces are one unit; write it one way to silence this)",
        file=t.label,
        row=int(t.rows[first_other]),
        column=t.header("unit", first_other),
        message_id=f"satu unit ditulis dengan {len(by_spelling)} cara: {listed_id}; dibaca "
        f"sebagai {name!r} (ejaan yang hanya berbeda huruf besar-kecil atau spasi dianggap satu "
        "unit; tulis dengan satu cara agar peringatan ini hilang)",
    )


def _unify_preferences(t: ParsedTable, names: dict[str, str], issues: IssueCollector) -> None:
    written = t.frame["unit"]
    usable = written.notna().to_numpy() & t.ok("unit")
    others: dict[str, list[int]] = {}  # spelling as written -> row positions
    values = written.to_numpy(dtype=object, copy=True)
    for k in np.flatnonzero(usable):
        text = str(values[k])
        name = names.get(unit_key(text))
        if name is None:
            continue  # an unknown unit: reported by checks.preference_rows
        if text != name:
            values[k] = name
            others.setdefault(text, []).append(int(k))
    t.frame["unit"] = pd.Series(values, index=written.index, dtype=object)
    for text, rows in others.items():
        also = f" (written this way in {_rows(t, rows)})" if len(rows) > 1 else ""
        also_id = f" (ditulis begini di {_rows(t, rows, 'id')})" if len(rows) > 1 else ""
        issues.warn(
            "unit_spelling",
            f"unit is read as {names[unit_key(text)]!r}, as the positions table writes it{also}",
            file=t.label,
            row=int(t.rows[rows[0]]),
            column=t.header("unit", rows[0]),
            value=text,
            message_id=f"unit dibaca sebagai {names[unit_key(text)]!r}, sebagaimana ditulis di "
            f"tabel positions{also_id}",
        )


def _rows(t: ParsedTable, positions: Iterable[int], language: Language = "en") -> str:
    """``row 4`` or ``rows 2, 3, 9`` (at most :data:`MAX_ROWS_SHOWN`, then a count);
    ``baris 2, 3, 9`` in Indonesian."""
    numbers = [int(t.rows[k]) for k in positions]
    shown = ", ".join(str(n) for n in numbers[:MAX_ROWS_SHOWN])
    more = len(numbers) - MAX_ROWS_SHOWN
    if language == "id":
        return f"baris {shown}" + (f" dan {more} lainnya" if more > 0 else "")
    tail = f" and {more} more" if more > 0 else ""
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{tail}"
