"""Render a :class:`~mutasi_opt.report.document.Document` as one self-contained HTML page.

Jinja2 with autoescaping; the CSS and the script of the searchable tables are inline and the charts
are inline SVG or PNG data URIs, so the page opens from a USB stick with no network. Nothing in it
points to an external address.
"""

from __future__ import annotations

from functools import cache

import jinja2
from markupsafe import Markup

from mutasi_opt.report.datatable import payload_json
from mutasi_opt.report.document import Document
from mutasi_opt.report.labels import label
from mutasi_opt.report.present import DisplayTable

__all__ = ["render_html"]


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mutasi_opt.report", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "j2"), default=True),
        trim_blocks=False,
        lstrip_blocks=False,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["column_classes"] = _column_classes
    env.globals["payload_json"] = payload_json
    return env


def _column_classes(table: DisplayTable) -> list[Markup]:
    classes = {"right": Markup(' class="num"'), "code": Markup(' class="code"')}
    return [classes.get(table.align.get(str(h), ""), Markup("")) for h in table.frame.columns]


def render_html(doc: Document, *, page_name: str = "") -> str:
    """The document as a complete HTML page (UTF-8 text).

    Parameters
    ----------
    doc
        The report.
    page_name
        Shown in the browser's title bar after the title (e.g. the scenario name).
    """
    template = _environment().get_template("document.html.j2")
    lang = doc.language
    return template.render(
        doc=doc,
        page_name=page_name,
        status_key=label("meta.status", lang),
        empty_text=label("note.empty", lang),
        has_datatables=any(t.interactive for s in doc.sections for t in s.tables),
        dt_words={k: label(f"dt.{k}", lang) for k in ("search", "search_hint", "per_page")},
    )
