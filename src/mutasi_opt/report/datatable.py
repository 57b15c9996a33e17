"""Tables a panel can search, sort, filter and page through in ``report.html``, with no network.

:func:`interactive_table` turns a frame into a :class:`~mutasi_opt.report.present.DisplayTable`
holding **every** row (as text in the report's language) plus an :class:`Interactive` part: the
filters (by OPD, move type, reason, ...), the numbers to sort numeric columns by, and a page size.
The HTML page carries the rows as JSON in the page itself and a small inline script
(``templates/_datatable.js.j2``) draws one page at a time, so 20,000 rows stay fast; the first page
is also written as plain rows, so the table reads without script and prints. The Markdown report
shows the first rows and names the files with the rest.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from markupsafe import Markup

from mutasi_opt.report.labels import Language, label
from mutasi_opt.report.present import (
    PAGE_SIZE,
    Cell,
    DisplayTable,
    Filter,
    Interactive,
    display_table,
)

__all__ = ["PAGE_SIZE", "Filter", "Interactive", "interactive_table", "payload_json"]
# PAGE_SIZE, Filter and Interactive are defined with the display table (report.present).


def options_of(
    values: Sequence[str | Sequence[str]],
    words: Mapping[str, str] | None = None,
    *,
    everything: str,
    first: Sequence[tuple[str, str]] = (),
) -> list[tuple[str, str]]:
    """``(value, label)`` options: ``first``, "everything", then each value found (sorted by
    label), labelled by ``words`` (the value itself otherwise)."""
    seen: set[str] = set()
    for value in values:
        for item in [value] if isinstance(value, str) else value:
            if item:
                seen.add(item)
    names = dict(words or {})
    found = sorted(seen, key=lambda v: (names.get(v) or v).casefold() + "\0" + v)
    return [*first, ("", everything), *((v, names.get(v) or v) for v in found)]


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def interactive_table(
    key: str,
    frame: pd.DataFrame,
    columns: Mapping[str, Cell],
    language: Language,
    *,
    filters: Sequence[Filter] = (),
    headers: Mapping[str, str] | None = None,
    files: str = "",
    caption: str = "",
    page_size: int = PAGE_SIZE,
) -> DisplayTable:
    """Every row of ``frame`` as a display table the HTML page can search, sort, filter and page.

    Parameters
    ----------
    key
        Unique on the page (the table's id).
    frame
        The rows, in the order shown first.
    columns
        Columns to show with how to show each.
    language
        Labels and number format.
    filters
        The drop-downs; each :attr:`Filter.values` has one entry per row of ``frame``.
    headers, files, caption
        As for :func:`~mutasi_opt.report.present.display_table`.
    page_size
        Rows per page when the page opens.
    """
    table = display_table(
        frame, columns, language, max_rows=None, headers=headers, files=files, caption=caption
    )
    numbers = {
        k: [_number(v) for v in (frame[c] if c in frame.columns else [None] * len(frame))]
        for k, (c, kind) in enumerate(columns.items())
        if kind in ("int", "num1", "num2", "num4", "pct")
    }
    for item in filters:
        if len(item.values) != len(frame):
            raise ValueError(
                f"filter {item.key!r} has {len(item.values)} values for {len(frame)} rows"
            )
    return DisplayTable(
        table.frame,
        total=table.total,
        align=table.align,
        caption=table.caption,
        files=table.files,
        interactive=Interactive(key, tuple(filters), numbers, page_size),
    )


def payload_json(table: DisplayTable, language: Language) -> Markup:
    """The table's rows, numbers and filters as JSON safe inside ``<script>``."""
    spec = table.interactive
    if spec is None:
        raise ValueError("not an interactive table")
    data = {
        "rows": table.frame.astype(str).to_numpy().tolist(),
        "num": {str(k): list(v) for k, v in spec.numbers.items()},
        "filters": [
            {
                "key": f.key,
                "label": f.label,
                "values": [v if isinstance(v, str) else list(v) for v in f.values],
                "options": [list(o) for o in f.options],
                "default": f.default,
            }
            for f in spec.filters
        ],
        "pageSize": spec.page_size,
        "words": {
            k: label(f"dt.{k}", language)
            for k in ("search", "shown", "none", "prev", "next", "page", "per_page", "of")
        },
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Never a closing tag or a comment opener inside the script element.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
