"""The needs analysis as a :class:`~mutasi_opt.report.document.Document` and as workbook sheets.

Sections: vacancies by OPD, kind and priority (a chart and tables); incumbents whose JPM is in the
lowest category; people past the maximum tenure; people retiring within the horizon; each OPD's
competency gaps (a heatmap); the 9-box per OPD (a heatmap); posts with no eligible candidate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from mutasi_opt import domain
from mutasi_opt.needs import NEEDS_COLUMNS, NeedsAnalysis
from mutasi_opt.report import plots
from mutasi_opt.report.document import Chart, Document, Kpi, Section
from mutasi_opt.report.labels import Language, label, value_label
from mutasi_opt.report.present import Cell, DisplayTable, display_table, fmt_int, fmt_pct
from mutasi_opt.report.summary import package_versions
from mutasi_opt.report.xlsx import Block, Sheet

__all__ = ["NEEDS_CELLS", "needs_document", "needs_sheets"]

NEEDS_CELLS: dict[str, Cell] = {
    **dict.fromkeys(("nip", "position_id", "competency"), "code"),
    **{f"prio_{p}": "int" for p in range(1, 6)},
    "total_seats": "int",
    "vacant_posts": "int",
    "priority": "int",
    "capacity": "int",
    "holders": "int",
    "free_seats": "int",
    "eligible_candidates": "int",
    "needs_external_approval": "bool",
    "posts": "int",
    "jpm": "num1",
    "nine_box": "int",
    "tmt_jabatan": "date",
    "tenure_months": "int",
    "max_tenure_months": "int",
    "birth_date": "date",
    "bup_age": "int",
    "retirement_date": "date",
    "months_to_retirement": "int",
    "required_mean": "num2",
    "level_mean": "num2",
    "gap_mean": "num2",
    "below_share": "pct",
    "people": "int",
    "no_data": "int",
    **{f"box_{b}": "int" for b in range(1, 10)},
}
"""How each column of the needs frames is shown (text when not listed)."""

SHEET_KEYS = (
    "vacancies_by_unit",
    "vacancies",
    "poor_match",
    "overdue",
    "retiring",
    "competency_gaps",
    "nine_box_by_unit",
    "no_candidate",
)
_SHEET_LABEL = {
    "vacancies_by_unit": "sheet.needs.vacancies",
    "vacancies": "sheet.needs.vacancy_list",
    "poor_match": "sheet.needs.poor_match",
    "overdue": "sheet.needs.overdue",
    "retiring": "sheet.needs.retiring",
    "competency_gaps": "sheet.needs.gaps",
    "nine_box_by_unit": "sheet.needs.nine_box",
    "no_candidate": "sheet.needs.no_candidate",
}


SHOWN: dict[str, tuple[str, ...]] = {
    "vacancies": (
        "position_id", "title", "unit", "kind", "priority", "capacity", "holders", "free_seats",
        "eligible_candidates",
    ),
    "poor_match": (
        "nip", "name", "position_id", "title", "unit", "jpm", "performance", "potential", "nine_box",
    ),
    "no_candidate": (
        "position_id", "title", "unit", "kind", "priority", "capacity", "holders", "free_seats",
    ),
}  # fmt: skip
"""Columns of the HTML/Markdown tables where fewer than the frame's (the workbook has them all)."""


def _priority_pivot(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Free seats per ``by`` and priority (5 first), with the total and the vacant posts."""
    if frame.empty:
        return pd.DataFrame(
            columns=[by, *(f"prio_{p}" for p in range(5, 0, -1)), "total_seats", "vacant_posts"]
        )
    seats = frame.pivot_table(
        index=by, columns="priority", values="free_seats", aggfunc="sum", fill_value=0
    )
    seats = seats.reindex(columns=range(5, 0, -1), fill_value=0)
    seats.columns = [f"prio_{p}" for p in seats.columns]
    seats["total_seats"] = seats.sum(axis=1)
    seats["vacant_posts"] = frame.groupby(by)["posts"].sum()
    seats = seats.reset_index()
    return seats.sort_values(["total_seats", by], ascending=[False, True], kind="stable")


def _cells(columns: Iterable[str]) -> dict[str, Cell]:
    return {c: NEEDS_CELLS.get(c, "text") for c in columns}


def _language(analysis: NeedsAnalysis) -> Language:
    return "en" if analysis.language == "en" else "id"


def _meta(
    analysis: NeedsAnalysis, created_at: dt.datetime, lang: Language
) -> list[tuple[str, str]]:
    months = label("meta.months", lang)
    meta = [(label("meta.scenario", lang), analysis.scenario_name)]
    if analysis.description:
        meta.append((label("meta.description", lang), analysis.description))
    meta += [
        (label("meta.as_of", lang), analysis.as_of),
        (label("meta.created", lang), created_at.strftime("%Y-%m-%d %H:%M")),
        (
            label("meta.max_tenure", lang),
            "–" if analysis.max_tenure_months is None else f"{analysis.max_tenure_months} {months}",
        ),
        (label("meta.horizon", lang), f"{analysis.retirement_horizon_months} {months}"),
        (label("meta.jpm_scheme", lang), value_label("jpm_scheme", analysis.jpm_scheme, lang)),
    ]
    return meta


def _kpis(analysis: NeedsAnalysis, lang: Language) -> list[Kpi]:
    s = analysis.summary()
    incumbents = sum(analysis.jpm_categories.values())
    return [
        Kpi(label("needs.kpi.people", lang), fmt_int(s["people"], lang)),
        Kpi(label("needs.kpi.posts", lang), fmt_int(s["posts"], lang)),
        Kpi(
            label("needs.kpi.vacancies", lang),
            fmt_int(s["free_seats"], lang),
            f"{fmt_int(s['vacant_posts'], lang)} {label('needs.kpi.vacant_posts', lang)}",
        ),
        Kpi(
            label("needs.kpi.poor_match", lang),
            fmt_int(s["poor_match"], lang),
            " · ".join(
                part
                for part in (
                    f"{fmt_pct(s['poor_match'] / incumbents, lang)} "
                    f"{label('needs.kpi.of_incumbents', lang)}"
                    if incumbents
                    else "",
                    f"{fmt_int(s['jpm_no_data'], lang)} {label('needs.kpi.no_data', lang)}"
                    if s["jpm_no_data"]
                    else "",
                )
                if part
            ),
        ),
        Kpi(label("needs.kpi.overdue", lang), fmt_int(s["overdue"], lang)),
        Kpi(label("needs.kpi.retiring", lang), fmt_int(s["retiring"], lang)),
        Kpi(
            label("needs.kpi.no_candidate", lang),
            fmt_int(s["no_candidate"], lang),
            f"{fmt_int(s['no_candidate_vacant'], lang)} {label('needs.kpi.vacant', lang)}",
        ),
    ]


def _charts(analysis: NeedsAnalysis, fmt: plots.ImageFormat) -> dict[str, Chart]:
    lang = _language(analysis)
    out: dict[str, Chart] = {}

    def add(key: str, title: str, fig: object) -> None:
        from matplotlib.figure import Figure

        if isinstance(fig, Figure):
            out[key] = Chart(key, title, plots.embed(fig, fmt, alt=title, salt=f"needs-{key}"))

    with plots.plot_style():
        by_unit = analysis.vacancies_by_unit
        if len(by_unit):
            table = by_unit.pivot_table(
                index="unit", columns="priority", values="free_seats", aggfunc="sum", fill_value=0
            ).sort_index(axis=1)
            add(
                "vacancies",
                label("needs.sec.vacancies", lang),
                plots.stacked_units(table, "", label("needs.plot.free_seats", lang), lang),
            )
        matrix = analysis.gap_matrix()
        if not matrix.empty:
            # A code alone (M.01, T.PEND.03) says nothing to a panel: the name beside it.
            gaps = analysis.competency_gaps
            names = dict(zip(gaps["competency"], gaps["competency_name"], strict=False))
            matrix = matrix.rename(
                columns=lambda c: f"{c} {plots.short(names[c], 24)}" if names.get(c, c) != c else c
            )
            low = float(min(-0.5, pd.DataFrame(matrix).min().min()))
            add(
                "gaps",
                label("needs.sec.gaps", lang),
                plots.heatmap(
                    matrix,
                    "",
                    cmap=plots.CMAP_GAPS,
                    fmt="{:.2f}",
                    vmin=low,
                    vmax=0.0,
                    colorbar=label("plot.gap", lang),
                ),
            )
        boxes = analysis.nine_box_by_unit
        if len(boxes):
            counts = boxes.set_index("unit")[[f"box_{b}" for b in range(1, 10)]]
            counts.columns = [str(b) for b in range(1, 10)]
            add(
                "nine_box",
                label("needs.sec.nine_box", lang),
                plots.heatmap(
                    counts.astype(float).where(counts > 0),
                    "",
                    cmap=plots.CMAP_COUNTS,
                    fmt="{:.0f}",
                    vmin=0.0,
                    vmax=float(max(1, counts.to_numpy().max())) * 1.2,
                    colorbar="",
                    xlabel=label("plot.box", lang),
                ),
            )
    return out


def _pick(charts: dict[str, Chart], key: str) -> list[Chart]:
    return [charts[key]] if key in charts else []


def needs_document(
    analysis: NeedsAnalysis,
    *,
    created_at: dt.datetime,
    image_format: plots.ImageFormat = "svg",
    charts: bool = True,
) -> Document:
    """The needs analysis as a document (for Markdown and HTML).

    Parameters
    ----------
    analysis
        From :func:`mutasi_opt.needs.needs_analysis`.
    created_at
        Shown in the title block.
    image_format
        ``"svg"`` (inline) or ``"png"`` (data URI) charts.
    charts
        Draw the charts (only the HTML shows them).
    """
    lang = _language(analysis)
    drawn = _charts(analysis, image_format) if charts else {}
    doc = Document(
        title=label("needs.title", lang),
        subtitle=label("needs.subtitle", lang),
        meta=_meta(analysis, created_at, lang),
        language=lang,
        kpis=_kpis(analysis, lang),
    )
    version = package_versions().get("mutasi-opt") or "?"
    doc.footer = f"mutasi-opt {version} · {label('note.plots', lang)}"

    def table(key: str) -> DisplayTable:
        sheet = label(_SHEET_LABEL[key], lang)
        columns = SHOWN.get(key, NEEDS_COLUMNS[key])
        return display_table(
            getattr(analysis, key), _cells(columns), lang, files=f"needs.xlsx ({sheet})"
        )

    def pivot(by: str, caption: str) -> DisplayTable:
        frame = _priority_pivot(analysis.vacancies_by_unit, by)
        sheet = label(_SHEET_LABEL["vacancies_by_unit"], lang)
        return display_table(
            frame, _cells(frame.columns), lang, caption=caption, files=f"needs.xlsx ({sheet})"
        )

    vac = Section("vacancies", label("needs.sec.vacancies", lang), charts=_pick(drawn, "vacancies"))
    vac.tables.append(pivot("unit", label("needs.caption.by_unit", lang)))
    vac.tables.append(pivot("kind", label("needs.caption.by_kind", lang)))
    vac_list = Section("vacancy_list", label("needs.sec.vacancy_list", lang), level=3)
    vac_list.tables.append(table("vacancies"))
    categories = domain.JPM_LABELS[analysis.jpm_scheme]
    cat_frame = pd.DataFrame(
        {
            "jpm_category": list(categories),
            "count": [analysis.jpm_categories.get(c, 0) for c in categories],
        }
    )
    poor = Section(
        "poor_match",
        label("needs.sec.poor_match", lang),
        paragraphs=[label("needs.note.poor_match", lang)],
    )
    poor.tables.append(display_table(cat_frame, {"jpm_category": "text", "count": "int"}, lang))
    poor.tables.append(table("poor_match"))
    if analysis.max_tenure_months is None:
        tenure_note = label("needs.note.no_max_tenure", lang)
    else:
        tenure_note = label("needs.note.max_tenure", lang).format(months=analysis.max_tenure_months)
    overdue = Section("overdue", label("needs.sec.overdue", lang), paragraphs=[tenure_note])
    overdue.tables.append(table("overdue"))
    retiring = Section(
        "retiring",
        label("needs.sec.retiring", lang),
        paragraphs=[
            label("needs.note.horizon", lang).format(months=analysis.retirement_horizon_months)
        ],
    )
    retiring.tables.append(table("retiring"))
    gaps = Section(
        "gaps",
        label("needs.sec.gaps", lang),
        paragraphs=[label("needs.note.gaps", lang)],
        charts=_pick(drawn, "gaps"),
    )
    matrix = analysis.gap_matrix(top=None)
    if not matrix.empty:
        wide = matrix.reset_index()
        gaps.tables.append(
            display_table(
                wide,
                {"unit": "text", **dict.fromkeys(matrix.columns, "num2")},
                lang,
                files=f"needs.xlsx ({label('sheet.needs.gaps', lang)})",
            )
        )
    nine = Section(
        "nine_box",
        label("needs.sec.nine_box", lang),
        paragraphs=[label("needs.note.nine_box", lang)],
        charts=_pick(drawn, "nine_box"),
    )
    nine.tables.append(table("nine_box_by_unit"))
    none = Section(
        "no_candidate",
        label("needs.sec.no_candidate", lang),
        paragraphs=[label("needs.note.no_candidate", lang)],
    )
    none.tables.append(table("no_candidate"))
    doc.sections = [vac, vac_list, poor, overdue, retiring, gaps, nine, none]
    return doc


def needs_sheets(analysis: NeedsAnalysis, *, created_at: dt.datetime) -> list[Sheet]:
    """The sheets of ``needs.xlsx``: a summary, then one sheet per frame (full data)."""
    lang = _language(analysis)
    categories = domain.JPM_LABELS[analysis.jpm_scheme]
    summary = Sheet(
        label("sheet.needs.summary", lang),
        [
            Block("title", text=f"{label('needs.title', lang)}: {analysis.scenario_name}"),
            Block("pairs", pairs=_meta(analysis, created_at, lang)),
            Block("heading", text=label("needs.sec.summary", lang)),
            Block(
                "pairs",
                pairs=[(k.label, f"{k.value} {k.detail}".strip()) for k in _kpis(analysis, lang)],
            ),
            Block("heading", text=label("plot.jpm_categories", lang)),
            Block(
                "table",
                frame=pd.DataFrame(
                    {
                        "jpm_category": list(categories),
                        "count": [analysis.jpm_categories.get(c, 0) for c in categories],
                    }
                ),
                columns={"jpm_category": "text", "count": "int"},
            ),
        ],
    )
    sheets = [summary]
    for key in SHEET_KEYS:
        frame = getattr(analysis, key)
        sheets.append(
            Sheet(
                label(_SHEET_LABEL[key], lang),
                [Block("table", frame=frame, columns=_cells(NEEDS_COLUMNS[key]))],
            )
        )
    return sheets
