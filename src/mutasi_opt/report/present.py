"""Presentation of numbers and tables for people: localised numbers, labelled columns, short tables.

Indonesian writes ``1.234,5`` and English ``1,234.5``. Display tables are frames of text with the
columns' labels as headers; they feed both the Markdown and the HTML report. The CSVs never go
through here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from mutasi_opt.report.labels import Language, label, value_label

__all__ = [
    "NOT",
    "PAGE_SIZE",
    "Cell",
    "DisplayTable",
    "Filter",
    "Interactive",
    "as_text",
    "display_table",
    "fmt_int",
    "fmt_num",
    "fmt_pct",
]

PAGE_SIZE = 50
"""Rows per page at first (the reader may choose 25, 50, 100 or 500)."""

NOT = "!"
"""An option value starting with this matches every row whose value is not the rest."""


@dataclass(frozen=True)
class Filter:
    """A drop-down that keeps the rows whose value (any of them, for a list) equals the option.

    Attributes
    ----------
    key
        Short name (``opd``, ``move_type``, ``reason``): the ``data-filter`` of the control.
    label
        The control's label.
    values
        Per row: one value, or a list of values (a move belongs to its old and its new OPD).
    options
        ``(value, label)`` in the order shown; ``""`` keeps every row, ``"!x"`` every row whose
        value is not ``x``.
    default
        The option chosen when the page opens.
    """

    key: str
    label: str
    values: Sequence[str | Sequence[str]]
    options: Sequence[tuple[str, str]]
    default: str = ""


@dataclass(frozen=True)
class Interactive:
    """What makes a display table searchable, sortable, filterable and paged in the HTML
    (:mod:`mutasi_opt.report.datatable` builds it and draws it)."""

    key: str
    filters: tuple[Filter, ...] = ()
    numbers: Mapping[int, Sequence[float | None]] = field(default_factory=dict)
    """Column index -> the numbers to sort that column by (``None`` sorts last)."""
    page_size: int = PAGE_SIZE


Cell = Literal[
    "text",
    "code",
    "int",
    "num1",
    "num2",
    "num4",
    "pct",
    "bool",
    "date",
    "move_type",
    "chain_type",
    "ends_with",
    "gender",
    "development_kind",
    "reason_code",
    "direction",
]
"""How a column is shown: plain text, an identifier kept on one line (``code``), integer, 1/2/4
decimals, share as percent, or the label of an enumerated value."""

MAX_ROWS = 50
"""Rows shown in a report table; the full data is in the CSV/XLSX."""


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def fmt_num(value: object, language: Language = "id", decimals: int = 1) -> str:
    """A number with ``decimals`` decimals and the language's separators; ``–`` when missing."""
    if _missing(value):
        return "–"
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    text = f"{number + 0.0:,.{decimals}f}"
    if language == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_int(value: object, language: Language = "id") -> str:
    """An integer with the language's thousands separator."""
    return fmt_num(value, language, 0)


def fmt_pct(share: object, language: Language = "id", decimals: int = 1) -> str:
    """A share in [0, 1] as a percentage (``12,5 %`` / ``12.5%``)."""
    if _missing(share):
        return "–"
    number = fmt_num(float(share) * 100.0, language, decimals)  # type: ignore[arg-type]
    return f"{number} %" if language == "id" else f"{number}%"


def as_text(value: object) -> str:
    """A cell as text: ``""`` when missing, an integral float without ``.0`` (ids read as floats)."""
    if _missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell(value: object, kind: Cell, language: Language) -> str:
    if kind in ("text", "code"):
        return as_text(value)
    if _missing(value):
        return "–"
    if kind == "int":
        return fmt_int(value, language)
    if kind in ("num1", "num2", "num4"):
        return fmt_num(value, language, int(kind[-1]))
    if kind == "pct":
        return fmt_pct(value, language)
    if kind == "bool":
        return value_label("bool", "true" if bool(value) else "false", language)
    if kind == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")  # type: ignore[arg-type]
    return value_label(kind, value, language)


@dataclass(frozen=True)
class DisplayTable:
    """A table ready to print: text cells, labelled headers, and how much of the data it shows.

    Attributes
    ----------
    frame
        Text cells; the headers are labels.
    total
        Rows of the full data (``len(frame)`` when nothing was cut).
    align
        Per header: ``"right"`` for numbers, ``"code"`` for identifiers (never wrapped),
        ``"left"`` otherwise.
    caption
        Optional caption shown above the table.
    files
        Where the full data is (named in the note when the table was cut).
    interactive
        For a table of every row that ``report.html`` searches, sorts, filters and pages
        (:mod:`mutasi_opt.report.datatable`); the Markdown shows its first :data:`MAX_ROWS`.
    row_classes
        Per row, a CSS class for the HTML (``"changed"`` marks a setting that differs from its
        default); empty: none.
    """

    frame: pd.DataFrame
    total: int
    align: dict[str, str] = field(default_factory=dict)
    caption: str = ""
    files: str = ""
    interactive: Interactive | None = None
    row_classes: tuple[str, ...] = ()

    @property
    def static_frame(self) -> pd.DataFrame:
        """The rows written as plain text (Markdown, and the HTML before its script runs)."""
        spec = self.interactive
        if spec is None:
            return self.frame
        # The rows the page opens on: those its filters keep at first.
        keep = [True] * len(self.frame)
        for item in spec.filters:
            if not item.default:
                continue
            negate, want = item.default.startswith("!"), item.default.lstrip("!")
            for k, value in enumerate(item.values):
                found = want == value if isinstance(value, str) else want in value
                keep[k] = keep[k] and (found != negate)
        return self.frame.loc[keep].head(spec.page_size)

    @property
    def truncated(self) -> bool:
        """True when the table shows fewer rows than the data has."""
        return self.total > len(self.static_frame)

    def note(self, language: Language) -> str:
        """The sentence that says where the rest is, or ``""``."""
        if not self.truncated:
            return ""
        return label("note.truncated", language).format(
            shown=fmt_int(len(self.static_frame), language),
            total=fmt_int(self.total, language),
            files=self.files,
        )


def display_table(
    frame: pd.DataFrame,
    columns: Mapping[str, Cell] | Sequence[str],
    language: Language = "id",
    *,
    max_rows: int | None = MAX_ROWS,
    caption: str = "",
    files: str = "",
    headers: Mapping[str, str] | None = None,
) -> DisplayTable:
    """The first ``max_rows`` rows of ``frame`` as text, under their columns' labels.

    Parameters
    ----------
    frame
        The data, already in the order to show.
    columns
        Columns to show with how to show each (a plain sequence shows text).
    language
        Labels and number format.
    max_rows
        Rows at most (``None``: all).
    caption, files
        See :class:`DisplayTable`.
    headers
        Header overrides per column (default: the column's label).
    """
    kinds: dict[str, Cell] = (
        dict(columns) if isinstance(columns, Mapping) else dict.fromkeys(columns, "text")
    )
    head = frame if max_rows is None else frame.head(max_rows)
    names = {c: (headers or {}).get(c, label(c, language)) for c in kinds}
    out = pd.DataFrame(
        {
            names[c]: [
                _cell(v, kind, language)
                for v in (head[c] if c in head.columns else [None] * len(head))
            ]
            for c, kind in kinds.items()
        },
        columns=list(names.values()),
    )
    align = {
        names[c]: (
            "right"
            if kind in ("int", "num1", "num2", "num4", "pct")
            else "code"
            if kind == "code"
            else "left"
        )
        for c, kind in kinds.items()
    }
    return DisplayTable(out, total=len(frame), align=align, caption=caption, files=files)
