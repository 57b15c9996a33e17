"""The outputs: the run folder of a plan and the needs analysis of a scenario.

:func:`write_run_folder` writes ``summary.json``, the CSVs, ``report.xlsx``, the draft decree
(``decree.xlsx``, ``decree.docx``), ``report.md``, ``report.html`` and ``manifest.json`` into a
folder, atomically (all or nothing).
:func:`write_needs_analysis` writes ``needs.xlsx``, ``needs.md`` and ``needs.html`` the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mutasi_opt.report.atomic import MARKER, OutputExistsError, atomic_folder, check_target
from mutasi_opt.report.columns import CSV_FILES, NEEDS_FILES, RUN_FILES, RUN_SHEETS, RUN_SHEETS_EN
from mutasi_opt.report.csvout import conform, write_csv
from mutasi_opt.report.labels import Language
from mutasi_opt.report.protocol import PlanLike
from mutasi_opt.report.summary import (
    manifest_payload,
    proof_payload,
    summary_payload,
    write_json,
)

# The workbook, Markdown and HTML writers (and openpyxl, matplotlib, jinja2 behind them, about a
# second of start-up) are imported where a format asks for them: a run folder of CSV files only
# never loads them.
if TYPE_CHECKING:
    from mutasi_opt.needs import NeedsAnalysis
    from mutasi_opt.report.plots import ImageFormat

__all__ = [
    "FORMATS",
    "MARKER",
    "NEEDS_FILES",
    "RUN_FILES",
    "RUN_SHEETS",
    "RUN_SHEETS_EN",
    "OutputExistsError",
    "PlanLike",
    "check_target",
    "write_needs_analysis",
    "write_run_folder",
]

FORMATS = ("csv", "xlsx", "md", "html")


def _formats(formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format(s) {', '.join(unknown)}; use {', '.join(FORMATS)}")
    return chosen


def write_run_folder(
    plan: PlanLike,
    out_dir: str | Path,
    *,
    force: bool = False,
    formats: Iterable[str] | None = None,
    created_at: dt.datetime | None = None,
    image_format: ImageFormat = "svg",
    also: Callable[[Path], None] | None = None,
) -> Path:
    """Write the run folder of ``plan``, all at once or not at all.

    Parameters
    ----------
    plan
        The plan (see :class:`~mutasi_opt.report.protocol.PlanLike`); an infeasible or timed-out
        plan gets its summary, manifest, header-only CSVs and a short report on why.
    out_dir
        The run folder itself (created; its parent too).
    force
        Replace an existing folder (the old one is removed only once the new one is complete).
    formats
        Subset of ``csv``, ``xlsx``, ``md``, ``html``; default: ``scenario.output.formats``.
        ``xlsx`` writes ``report.xlsx`` and the draft decree (``decree.xlsx``, ``decree.docx``).
        ``summary.json`` and ``manifest.json`` are always written.
    created_at
        Time stamp of ``summary.json``, ``manifest.json`` and the reports' title block
        (default: now, local time).
    image_format
        Charts in ``report.html`` as inline ``"svg"`` or ``"png"`` data URIs.
    also
        Writes more into the folder before it is put in place (``also(folder)``: the
        alternatives of a run, ``alternatives/``), so that they are part of the same atomic write.

    Returns
    -------
    Path
        The absolute path of the folder written.

    Raises
    ------
    OutputExistsError
        ``out_dir`` exists and ``force`` is false (nothing is written).
    """
    scenario = plan.problem.scenario
    chosen = _formats(scenario.output.formats if formats is None else formats)
    moment = created_at or dt.datetime.now().astimezone()
    target = Path(out_dir).absolute()
    with atomic_folder(target, force=force) as tmp:
        frames = {}
        for name, (attr, columns, required) in CSV_FILES.items():
            frame = getattr(plan, attr)
            if "csv" in chosen:
                frames[attr] = write_csv(frame, tmp / name, columns, required)
            else:
                frames[attr] = conform(frame, columns, required, what=name)
        if "xlsx" in chosen:
            from mutasi_opt.report.decree import write_decree_docx, write_decree_xlsx
            from mutasi_opt.report.runreport import run_sheets
            from mutasi_opt.report.xlsx import write_workbook

            write_workbook(
                tmp / "report.xlsx",
                run_sheets(plan, created_at=moment, frames=frames),
                "en" if plan.language == "en" else "id",
                title=scenario.name,
                created_at=moment,
            )
            language: Language = "en" if plan.language == "en" else "id"
            for name, writer in (
                ("decree.xlsx", write_decree_xlsx),
                ("decree.docx", write_decree_docx),
            ):
                writer(tmp / name, frames["assignments"], scenario, language, created_at=moment)
        if "md" in chosen or "html" in chosen:
            from mutasi_opt.report.html import render_html
            from mutasi_opt.report.markdown import render_markdown
            from mutasi_opt.report.runreport import run_document

            doc = run_document(
                plan, created_at=moment, image_format=image_format, charts="html" in chosen
            )
            if "md" in chosen:
                charts_in = "report.html" if "html" in chosen else None
                (tmp / "report.md").write_text(
                    render_markdown(doc, charts_in=charts_in), encoding="utf-8"
                )
            if "html" in chosen:
                (tmp / "report.html").write_text(
                    render_html(doc, page_name=scenario.name), encoding="utf-8"
                )
        if also is not None:
            also(tmp)
        write_json(summary_payload(plan.summary(), scenario, moment), tmp / "summary.json")
        write_json(proof_payload(plan.problem, plan.result), tmp / "proof.json")
        outputs = {p.name: p for p in sorted(tmp.iterdir()) if p.is_file() and p.name != MARKER}
        manifest = manifest_payload(scenario, moment, outputs, backend=plan.result.backend)
        write_json(manifest, tmp / "manifest.json")
    return target


def write_needs_analysis(
    analysis: NeedsAnalysis,
    out_dir: str | Path,
    *,
    force: bool = False,
    created_at: dt.datetime | None = None,
    image_format: ImageFormat = "svg",
) -> Path:
    """Write ``needs.xlsx``, ``needs.md`` and a self-contained ``needs.html``, all or nothing.

    Parameters
    ----------
    analysis
        From :func:`mutasi_opt.needs.needs_analysis` (its ``language`` decides the words).
    out_dir
        The folder to create (its parent too).
    force
        Replace an existing folder.
    created_at
        Shown in the title block (default: now, local time).
    image_format
        Charts as inline ``"svg"`` or ``"png"`` data URIs.

    Returns
    -------
    Path
        The absolute path of the folder written.

    Raises
    ------
    OutputExistsError
        ``out_dir`` exists and ``force`` is false (nothing is written).
    """
    from mutasi_opt.report.html import render_html
    from mutasi_opt.report.markdown import render_markdown
    from mutasi_opt.report.needsreport import needs_document, needs_sheets
    from mutasi_opt.report.xlsx import write_workbook

    moment = created_at or dt.datetime.now().astimezone()
    target = Path(out_dir).absolute()
    language: Language = "en" if analysis.language == "en" else "id"
    with atomic_folder(target, force=force, kind="needs") as tmp:
        write_workbook(
            tmp / "needs.xlsx",
            needs_sheets(analysis, created_at=moment),
            language,
            title=analysis.scenario_name,
            created_at=moment,
        )
        doc = needs_document(analysis, created_at=moment, image_format=image_format)
        (tmp / "needs.md").write_text(
            render_markdown(doc, charts_in="needs.html"), encoding="utf-8"
        )
        (tmp / "needs.html").write_text(
            render_html(doc, page_name=analysis.scenario_name), encoding="utf-8"
        )
    return target
