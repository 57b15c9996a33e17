"""Render a :class:`~mutasi_opt.report.document.Document` as Markdown (GitHub-flavoured tables).

Charts are not repeated here: the Markdown names the HTML report where they are.
"""

from __future__ import annotations

from mutasi_opt.report.document import Document
from mutasi_opt.report.present import DisplayTable

__all__ = ["render_markdown", "table_markdown"]


def _escape(text: str) -> str:
    """A table cell: no pipe, line break, HTML tag or link that a Markdown viewer would act on
    (names and units come from user tables)."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return _inert(text)


def _inert(text: str) -> str:
    """``text`` with ``<`` as ``&lt;`` and brackets escaped: never a tag or a link."""
    return text.replace("<", "&lt;").replace("[", "\\[").replace("]", "\\]")


def table_markdown(table: DisplayTable, language: str = "id") -> str:
    """A pipe table with right-aligned numeric columns, and the truncation note below it."""
    headers = [str(h) for h in table.frame.columns]
    lines = []
    if table.caption:
        lines.extend([f"**{_escape(table.caption)}**", ""])
    lines.append("| " + " | ".join(_escape(h) for h in headers) + " |")
    lines.append(
        "|" + "|".join("---:" if table.align.get(h) == "right" else ":---" for h in headers) + "|"
    )
    marked = table.row_classes
    for k, row in enumerate(table.static_frame.itertuples(index=False, name=None)):
        cells = [_escape(str(v)) for v in row]
        if marked and k < len(marked) and marked[k] == "changed":
            # A setting that differs from its default: bold, as the HTML highlights it.
            cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    note = table.note("en" if language == "en" else "id")
    if note:
        lines.extend(["", f"*{note}*"])
    return "\n".join(lines)


def render_markdown(doc: Document, *, charts_in: str | None = None) -> str:
    """The whole document as Markdown text ending in a newline.

    Parameters
    ----------
    doc
        The report.
    charts_in
        File name of the HTML report, named where a section has charts.
    """
    out: list[str] = [f"# {_inert(doc.title)}", "", f"*{_inert(doc.subtitle)}*", ""]
    for key, value in doc.meta:
        out.append(f"- **{key}:** {_inert(str(value))}")
    out.append("")
    if doc.kpis:
        out.extend(["| " + " | ".join(_escape(k.label) for k in doc.kpis) + " |"])
        out.append("|" + "|".join("---:" for _ in doc.kpis) + "|")
        out.append("| " + " | ".join(_escape(k.value) for k in doc.kpis) + " |")
        details = [k.detail for k in doc.kpis]
        if any(details):
            out.append("| " + " | ".join(_escape(d) for d in details) + " |")
        out.append("")
    for section in doc.sections:
        out.extend([f"{'#' * section.level} {section.title}", ""])
        for paragraph in section.paragraphs:
            out.extend([paragraph, ""])
        if section.charts and charts_in:
            names = ", ".join(chart.title for chart in section.charts)
            out.extend([f"*({names}: {charts_in})*", ""])
        for table in section.tables:
            out.extend([table_markdown(table, doc.language), ""])
    if doc.footer:
        out.extend(["---", "", doc.footer, ""])
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"
