"""A report as plain data: title block, KPI cards, sections of text, tables and charts.

The run report and the needs analysis are each built once as a :class:`Document`; the Markdown and
HTML writers only render it, so both always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mutasi_opt.report.labels import Language
from mutasi_opt.report.present import DisplayTable

__all__ = ["Chart", "Document", "Kpi", "Section"]


@dataclass(frozen=True)
class Kpi:
    """One card: a label, a headline value and a line of detail."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart already rendered to HTML markup (inline SVG or a PNG data URI)."""

    key: str
    title: str
    markup: str


@dataclass
class Section:
    """A heading with paragraphs, tables and charts, shown in that order."""

    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[DisplayTable] = field(default_factory=list)
    level: int = 2


@dataclass
class Document:
    """A whole report.

    Attributes
    ----------
    title, subtitle
        The title block's headline.
    meta
        Label/value pairs of the title block (scenario, planning date, created, status, ...).
    status
        ``optimal``, ``feasible``, ``infeasible``, ``no_solution`` or ``""``: colours the badge.
    status_label
        The status in words.
    kpis
        The cards under the title block.
    sections
        The body.
    footer
        A closing line (version, note on embedded charts).
    language
        ``id`` or ``en`` (the ``lang`` of the HTML page).
    """

    title: str
    subtitle: str
    meta: list[tuple[str, str]]
    language: Language
    status: str = ""
    status_label: str = ""
    kpis: list[Kpi] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footer: str = ""
