"""The comparison report: ``kpis.csv``, ``person_diff.csv``, ``robust_core.csv``, and the same in
``comparison.md``, ``comparison.xlsx`` and a self-contained ``comparison.html`` with charts.

Built from a :class:`~mutasi_opt.comparison.Comparison` (plain frames) on the run report's
infrastructure: the folder is written atomically, the CSVs deterministically, the Markdown through
the same renderer, the workbook with the same styling, the charts with the same look and embedding.
The page shows the runs, their key figures side by side (a table and bars), total fit against the
number of moves (one point per run), the robust core (moves made in every run) and the people placed
differently (the first rows; every row is in ``person_diff.csv``).
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
import pandas as pd
from markupsafe import Markup
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mutasi_opt.comparison import CORE_COLUMNS, Comparison
from mutasi_opt.report import plots
from mutasi_opt.report.assumptions import setting_words, show_value
from mutasi_opt.report.atomic import atomic_folder
from mutasi_opt.report.csvout import write_csv
from mutasi_opt.report.document import Chart, Document, Kpi, Section
from mutasi_opt.report.labels import Language, label, value_label
from mutasi_opt.report.markdown import render_markdown
from mutasi_opt.report.present import Cell, DisplayTable, display_table, fmt_int, fmt_num, fmt_pct
from mutasi_opt.report.summary import package_versions
from mutasi_opt.report.xlsx import Block, Sheet, write_workbook

__all__ = [
    "COMPARISON_FILES",
    "KEY_KPIS",
    "comparison_document",
    "comparison_sheets",
    "render_comparison_html",
    "write_comparison",
]

COMPARISON_FILES: tuple[str, ...] = (
    "kpis.csv",
    "person_diff.csv",
    "robust_core.csv",
    "comparison.md",
    "comparison.xlsx",
    "comparison.html",
)
"""Every file of a comparison folder (all formats)."""

FORMATS = ("csv", "xlsx", "md", "html")
MAX_ROWS = 100
"""Rows of the person tables shown in the Markdown and HTML (all rows are in the CSV/XLSX)."""

# (id, en) words of this report that the run report does not have.
_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Perbandingan Skenario Mutasi", "Comparison of Transfer Scenarios"),
    "subtitle": (
        "Hasil beberapa skenario mutasi-opt berdampingan",
        "Several mutasi-opt runs side by side",
    ),
    "runs": ("Skenario dibandingkan", "Runs compared"),
    "run": ("Skenario", "Run"),
    "differ": ("Pegawai berbeda penempatan", "People placed differently"),
    "core": ("Inti robust (mutasi di semua skenario)", "Robust core (moves in every run)"),
    "core_short": ("Inti robust", "Robust core"),
    "sec.runs": ("Skenario", "Runs"),
    "sec.kpis": ("Indikator berdampingan", "Key figures side by side"),
    "sec.tradeoff": ("Kecocokan rata-rata terhadap jumlah mutasi", "Mean fit against moves"),
    "sec.core": (
        "Inti robust: mutasi yang sama di semua skenario",
        "Robust core: moves every run makes",
    ),
    "sec.diff": ("Pegawai dengan penempatan berbeda", "People placed differently"),
    "kpi": ("Indikator", "Key figure"),
    "scenario": ("Nama skenario", "Scenario name"),
    "time_s": ("Waktu (detik)", "Time (s)"),
    "core_share": ("Porsi mutasi dalam inti", "Share of moves in the core"),
    "runs_moved": ("Dimutasi di (skenario)", "Moved in (runs)"),
    "from": ("Jabatan asal", "From post"),
    "objective": ("Nilai tujuan", "Objective"),
    "objective_not_comparable": (
        "Nilai tujuan (tidak sebanding: bobot berbeda)",
        "Objective (not comparable: different weights)",
    ),
    "sec.settings": (
        "Pengaturan yang berbeda antar-skenario",
        "Settings that differ between the runs",
    ),
    "setting": ("Pengaturan", "Setting"),
    "setting_key": ("Kunci", "Key"),
    "note.settings": (
        "Hanya aturan, bobot dan pengaturan penilaian yang berbeda; semua lainnya sama.",
        "Only the rules, weights and scoring settings that differ; everything else is the same.",
    ),
    "note.same_settings": (
        "Semua skenario memakai aturan, bobot dan pengaturan penilaian yang sama.",
        "Every run uses the same rules, weights and scoring settings.",
    ),
    "note.objective": (
        "Bobotnya berbeda, sehingga nilai tujuan diukur dengan ukuran yang berbeda: jangan "
        "dibandingkan. Bandingkan kecocokan, JPM, jumlah mutasi, keinginan dan kursi prioritas.",
        "The weights differ, so the objectives are measured on different scales: do not compare "
        "them. Compare fit, JPM, moves, wishes and priority seats instead.",
    ),
    "note.core": (
        "Mutasi dalam inti robust muncul di setiap skenario yang menghasilkan rencana: "
        "usulan ini tidak bergantung pada pilihan skenario.",
        "The moves of the robust core appear in every run that has a plan: "
        "they do not depend on the choice of scenario.",
    ),
    "note.diff": (
        "Setiap pegawai yang jabatan tujuannya tidak sama di semua skenario.",
        "Every person whose new post is not the same in every run.",
    ),
    "note.tradeoff": (
        "Satu titik per skenario: semakin ke kiri atas, semakin besar kecocokan dengan "
        "semakin sedikit mutasi.",
        "One point per run: further up and to the left is more fit for fewer moves.",
    ),
    "note.different_data": (
        "Perhatian: run ini disusun dari data yang berbeda ({roles}); pegawai dan jabatan belum "
        "tentu sama di setiap run.",
        "Warning: these runs were planned on different data ({roles}); people and posts may not "
        "be the same in every run.",
    ),
    "note.no_plan": (
        "{run} tidak menghasilkan rencana ({status}); tidak diikutkan dalam perbandingan pegawai.",
        "{run} has no plan ({status}); it is left out of the person-level comparison.",
    ),
    "note.files": (
        "Semua indikator ada di kpis.csv dan comparison.xlsx.",
        "Every key figure is in kpis.csv and comparison.xlsx.",
    ),
    "total_fit": ("Kecocokan total", "Total fit"),
    "mean_fit_after": ("Kecocokan rata-rata sesudah (semua)", "Mean fit after (everyone)"),
    "fit_mean_before": ("Kecocokan rata-rata sebelum", "Mean fit before"),
    "fit_mean_after": ("Kecocokan rata-rata sesudah", "Mean fit after"),
    "fit_lowering_moves": ("Mutasi yang menurunkan kecocokan", "Moves lowering fit"),
    "movers_without_wish": ("Dipindah tanpa keinginan", "Moved without a wish"),
    "priority_seats_filled": ("Kursi prioritas 4-5 terisi", "Priority 4-5 seats filled"),
    "priority_seats_open_after": (
        "Kursi prioritas 4-5 kosong sesudah",
        "Priority 4-5 seats free after",
    ),
    "priority_seats_recruitment": (
        "... di antaranya kebutuhan rekrutmen",
        "... of which a recruitment need",
    ),
    "largest_net_loss.net_loss_share": (
        "Kehilangan bersih terbesar satu OPD",
        "Largest net loss of one OPD",
    ),
    "jpm_mean_after": ("JPM rata-rata sesudah (%)", "Mean JPM after (%)"),
    "jpm_mean_before": ("JPM rata-rata sebelum (%)", "Mean JPM before (%)"),
    "vacancies_after": ("Kursi kosong sesudah", "Free seats after"),
    "vacancies_before": ("Kursi kosong sebelum", "Free seats before"),
    "overdue_tenure_moved": (
        "Lewat masa jabatan maksimum, dipindah",
        "Past maximum tenure, moved",
    ),
    "wishes_honoured": ("Keinginan dipenuhi", "Wishes honoured"),
    "wishes_honoured_share": ("Porsi keinginan dipenuhi", "Share of wishes honoured"),
    "refusals_respected": ("Penolakan dihormati", "Refusals respected"),
    "total_value": ("Nilai total", "Total value"),
    "critical_filled": ("Kursi prioritas 5 terisi", "Priority-5 seats filled"),
}

KEY_KPIS: tuple[tuple[str, Cell], ...] = (
    ("objective", "num2"),
    ("moves", "int"),
    ("moves_by_type.rotasi", "int"),
    ("moves_by_type.promosi", "int"),
    ("moves_by_type.demosi", "int"),
    ("moves_by_type.placement", "int"),
    ("fit_mean_before", "pct"),
    ("fit_mean_after", "pct"),
    ("jpm_mean_before", "num1"),
    ("jpm_mean_after", "num1"),
    ("fit_lowering_moves", "int"),
    ("movers_without_wish", "int"),
    ("priority_seats_filled", "int"),
    ("priority_seats_open_after", "int"),
    ("priority_seats_recruitment", "int"),
    ("largest_net_loss.net_loss_share", "pct"),
    ("overdue_tenure_moved", "int"),
    ("wishes_honoured", "int"),
    ("wishes_honoured_share", "pct"),
    ("time_s", "num1"),
)
"""The key figures of the side-by-side table, with how each is shown. Figures that are the same
for every plan (free seats after the round: seats minus people; hard refusals respected) stay in
``kpis.csv`` only."""

BAR_KPIS: tuple[str, ...] = (
    "moves",
    "fit_mean_after",
    "jpm_mean_after",
    "fit_lowering_moves",
    "wishes_honoured",
    "priority_seats_filled",
)
"""The key figures drawn as bars, one panel each."""


def _w(key: str, lang: Language) -> str:
    pair = _WORDS.get(key)
    if pair is None:
        if key.startswith("moves_by_type."):
            return (
                f"{label('kpi.moves', lang)}: {value_label('move_type', key.split('.')[1], lang)}"
            )
        if key == "vacancies_filled_by_priority.5.filled":
            return _w("critical_filled", lang)
        return label(key, lang)
    return pair[0] if lang == "id" else pair[1]


def _lang(comparison: Comparison, language: str | None) -> Language:
    chosen = language or comparison.language
    return "en" if chosen == "en" else "id"


def _cell_text(value: Any, kind: Cell, lang: Language) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if kind == "int":
        return fmt_int(value, lang)
    if kind == "pct":
        return fmt_pct(value, lang)
    if kind in ("num1", "num2", "num4"):
        return fmt_num(value, lang, int(kind[-1]))
    return str(value)


def _side_by_side(comparison: Comparison, lang: Language) -> DisplayTable:
    """Key figures as rows, runs as columns."""
    kpis = comparison.kpis
    head = _w("kpi", lang)
    apart = weights_differ(comparison)
    rows = [
        [
            _w("objective_not_comparable" if key == "objective" and apart else key, lang),
            *(_cell_text(v, kind, lang) for v in kpis[key]),
        ]
        for key, kind in KEY_KPIS
        if key in kpis.columns
    ]
    columns = [head, *comparison.labels]
    frame = pd.DataFrame(rows, columns=columns)
    align = {c: ("left" if c == head else "right") for c in columns}
    return DisplayTable(frame, total=len(frame), align=align)


def _scenario_settings(comparison: Comparison) -> list[dict[str, Any]]:
    """Per run, the rules, weights and scoring settings of its resolved scenario (flattened)."""
    out = []
    for run in comparison.runs:
        scenario = run.manifest.get("scenario") if isinstance(run.manifest, dict) else None
        flat: dict[str, Any] = {}
        if isinstance(scenario, dict):
            for section in ("rules", "weights", "scoring"):
                values = scenario.get(section)
                if isinstance(values, dict):
                    flat.update({f"{section}.{k}": v for k, v in values.items()})
        out.append(flat)
    return out


def differing_settings(comparison: Comparison) -> list[str]:
    """The settings whose value is not the same in every run (in the scenario's order)."""
    settings = _scenario_settings(comparison)
    keys: list[str] = []
    for flat in settings:
        keys.extend(k for k in flat if k not in keys)
    return [k for k in keys if len({repr(flat.get(k)) for flat in settings}) > 1]


def weights_differ(comparison: Comparison) -> bool:
    """True when the runs were valued with different weights (their objectives do not compare)."""
    return any(k.startswith("weights.") for k in differing_settings(comparison))


def _settings_table(comparison: Comparison, lang: Language) -> DisplayTable:
    """What differs between the scenarios' settings: one row per setting, one column per run."""
    settings = _scenario_settings(comparison)
    keys = differing_settings(comparison)
    head = _w("setting", lang)
    frame = pd.DataFrame(
        [
            [setting_words(k, lang), *(show_value(flat.get(k), lang) for flat in settings), k]
            for k in keys
        ],
        columns=[head, *comparison.labels, _w("setting_key", lang)],
    )
    align = {_w("setting_key", lang): "code"}
    return DisplayTable(frame, total=len(frame), align=align)


def _runs_table(comparison: Comparison, lang: Language) -> DisplayTable:
    kpis = comparison.kpis.copy()
    kpis["status_text"] = [value_label("status", s, lang) for s in kpis["status"]]
    share = comparison.core_share()
    kpis["core_share"] = [share.get(r) for r in kpis["run"]]
    cells: dict[str, Cell] = {
        "run": "text",
        "scenario": "text",
        "status_text": "text",
        "objective": "num2",
        "moves": "int",
        "total_fit": "num2",
        "core_share": "pct",
        "time_s": "num1",
    }
    for column in cells:
        if column not in kpis.columns:
            kpis[column] = None
    headers = {c: _w(c, lang) for c in ("run", "scenario", "objective", "total_fit", "core_share")}
    if weights_differ(comparison):
        headers["objective"] = _w("objective_not_comparable", lang)
    headers |= {"status_text": label("status", lang), "moves": label("kpi.moves", lang)}
    headers["time_s"] = _w("time_s", lang)
    return display_table(kpis, cells, lang, max_rows=None, headers=headers)


def _post(post: Any, unit: Any, title: Any = "") -> str:
    """``Analis Data, P02 (Dinas Kominfo)``: the title first, then the id and the OPD."""
    if not isinstance(post, str) or not post:
        return "–"
    text = f"{title}, {post}" if isinstance(title, str) and title else post
    return f"{text} ({unit})" if isinstance(unit, str) and unit else text


def _diff_display(comparison: Comparison, lang: Language) -> pd.DataFrame:
    diff = comparison.person_diff
    out = pd.DataFrame(
        {
            "nip": diff["nip"],
            "name": diff["name"],
            "from": [
                _post(p, u, t)
                for p, u, t in zip(
                    diff["from_position_id"], diff["from_unit"], diff["from_title"], strict=True
                )
            ],
            "runs_moved": diff["runs_moved"],
        }
    )
    for run in comparison.planned_labels:
        out[run] = [
            _post(p, u, title)
            + (
                ""
                if not isinstance(t, str) or t == "stay"
                else f" · {value_label('move_type', t, lang)}"
            )
            for p, u, title, t in zip(
                diff[f"{run}.to_position_id"],
                diff[f"{run}.to_unit"],
                diff[f"{run}.to_title"],
                diff[f"{run}.move_type"],
                strict=True,
            )
        ]
    return out


def _diff_table(comparison: Comparison, lang: Language, max_rows: int | None) -> DisplayTable:
    frame = _diff_display(comparison, lang)
    cells: dict[str, Cell] = {"nip": "text", "name": "text", "from": "text", "runs_moved": "int"}
    cells |= dict.fromkeys(comparison.planned_labels, "text")
    headers = {"from": _w("from", lang), "runs_moved": _w("runs_moved", lang)}
    headers |= {r: r for r in comparison.planned_labels}
    return display_table(
        frame, cells, lang, max_rows=max_rows, headers=headers, files="person_diff.csv"
    )


def _core_table(comparison: Comparison, lang: Language, max_rows: int | None) -> DisplayTable:
    cells: dict[str, Cell] = dict.fromkeys(CORE_COLUMNS, "text")
    cells["move_type"] = "move_type"
    return display_table(
        comparison.robust_core, cells, lang, max_rows=max_rows, files="robust_core.csv"
    )


_POINT_ID = re.compile(r"^p\d+-")


def _common_prefix(texts: Sequence[str]) -> str:
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def chart_labels(labels: Sequence[str]) -> tuple[list[str], str]:
    """Short run labels for chart axes, and the part they all share (shown once, beside).

    A sweep's point ids are dropped, then the longest common prefix that ends at a separator.

    Examples
    --------
    >>> chart_labels(["p001-weights.move_cost=0.0", "p002-weights.move_cost=0.2"])
    (['0.0', '0.2'], 'weights.move_cost=')
    >>> chart_labels(["sibolga-2026-baseline", "sibolga-2026-rotasi-ketat"])
    (['baseline', 'rotasi-ketat'], 'sibolga-2026-')
    """
    names = [_POINT_ID.sub("", lab) for lab in labels]
    if len(set(names)) < len(names) or not all(names):
        names = list(labels)
    common = _common_prefix(names) if len(names) > 1 else ""
    cut = max((common.rfind(sep) for sep in "=-_/ "), default=-1) + 1
    prefix = common[:cut]
    rest = [n[len(prefix) :] for n in names]
    if not prefix or not all(rest) or len(set(rest)) < len(rest):
        return [plots.short(n, 28) for n in names], ""
    return [plots.short(r, 28) for r in rest], prefix


def kpi_bars(comparison: Comparison, lang: Language) -> Figure | None:
    """One small bar chart per key figure of :data:`BAR_KPIS`, one bar per run."""
    kpis = comparison.kpis
    keys = [
        k
        for k in BAR_KPIS
        if k in kpis.columns
        and kpis[k].notna().any()
        # A figure that is the same for every run tells nothing side by side.
        and pd.to_numeric(kpis[k], errors="coerce").dropna().nunique() > 1
    ]
    if not keys:
        return None
    n_cols = 3
    n_rows = -(-len(keys) // n_cols)
    n_runs = len(kpis)
    width = max(9.0, 1.2 + n_cols * (0.9 + 0.45 * n_runs))
    fig = Figure(figsize=(width, 0.6 + 2.9 * n_rows), layout="constrained")
    axes = fig.subplots(n_rows, n_cols, squeeze=False).ravel()
    names, shared = chart_labels(comparison.labels)
    x = np.arange(n_runs)
    tilt = n_runs > 3 or max(len(n) for n in names) > 12
    for ax, key in zip(axes, keys, strict=False):
        values = pd.to_numeric(kpis[key], errors="coerce").to_numpy(dtype=float)
        bars = ax.bar(x, np.nan_to_num(values), 0.65, color=plots.AFTER)
        known = values[np.isfinite(values)]
        decimals = 0 if np.all(np.mod(known, 1.0) == 0.0) else 1
        texts = ["–" if np.isnan(v) else fmt_num(v, lang, decimals) for v in values]
        ax.bar_label(bars, labels=texts, fontsize=7.5, padding=1)
        title = _w(key, lang) if key != "moves" else label("kpi.moves", lang)
        ax.set_title(textwrap.fill(title, 30), fontsize=9)
        ax.set_xticks(x, names, rotation=30 if tilt else 0, ha="right" if tilt else "center")
        if decimals == 0:
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.margins(y=0.18)
    if shared:
        fig.supxlabel(shared, fontsize=8.5, color="#55606e")
    for ax in axes[len(keys) :]:
        ax.set_visible(False)
    return fig


def _fit_column(kpis: pd.DataFrame) -> str | None:
    """``fit_mean_after`` when the runs have it, else ``total_fit`` (runs of older versions)."""
    for column in ("fit_mean_after", "total_fit"):
        if column in kpis.columns and pd.to_numeric(kpis[column], errors="coerce").notna().any():
            return column
    return None


def fit_vs_moves(comparison: Comparison, lang: Language) -> Figure | None:
    """Mean fit against the number of moves, one labelled point per run with a plan."""
    kpis = comparison.kpis
    fit_column = _fit_column(kpis)
    if "moves" not in kpis.columns or fit_column is None:
        return None
    x = pd.to_numeric(kpis["moves"], errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(kpis[fit_column], errors="coerce").to_numpy(dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    if not keep.any():
        return None
    fig = Figure(figsize=(7.0, 4.2), layout="constrained")
    ax = fig.subplots()
    ax.scatter(x[keep], y[keep], s=46, color=plots.AFTER, zorder=3)
    names, shared = chart_labels(comparison.labels)
    middle = (np.nanmin(x[keep]) + np.nanmax(x[keep])) / 2.0
    for xi, yi, name in zip(x[keep], y[keep], np.asarray(names)[keep], strict=True):
        # Labels point inwards so that none runs off the figure.
        right = xi > middle
        ax.annotate(
            plots.short(name, 34),
            (xi, yi),
            xytext=(-6 if right else 6, 5),
            textcoords="offset points",
            ha="right" if right else "left",
            fontsize=7.5,
            color="#1b1b1b",
        )
    ax.set_xlabel(label("kpi.moves", lang))
    if shared:
        ax.set_title(shared, fontsize=8.5, fontweight="normal", color="#55606e", loc="left")
    ax.set_ylabel(_w(fit_column, lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(color="#e3e7ec", linewidth=0.6)
    ax.margins(x=0.2, y=0.15)
    return fig


def _charts(comparison: Comparison, lang: Language, fmt: plots.ImageFormat) -> dict[str, Chart]:
    out: dict[str, Chart] = {}
    with plots.plot_style():
        for key, title, fig in (
            ("kpis", _w("sec.kpis", lang), kpi_bars(comparison, lang)),
            ("tradeoff", _w("sec.tradeoff", lang), fit_vs_moves(comparison, lang)),
        ):
            if fig is not None:
                out[key] = Chart(
                    key, title, plots.embed(fig, fmt, alt=title, salt=f"mutasi-opt-cmp-{key}")
                )
    return out


def comparison_document(
    comparison: Comparison,
    *,
    language: str | None = None,
    created_at: dt.datetime | None = None,
    image_format: plots.ImageFormat | None = "svg",
) -> Document:
    """The comparison as a :class:`~mutasi_opt.report.document.Document` (Markdown and HTML).

    ``image_format=None`` leaves the charts out (the Markdown does not show them).
    """
    lang = _lang(comparison, language)
    moment = created_at or dt.datetime.now().astimezone()
    charts = _charts(comparison, lang, image_format) if image_format is not None else {}
    n_core = len(comparison.robust_core)
    meta = [
        (_w("runs", lang), ", ".join(comparison.labels)),
        (label("meta.created", lang), moment.strftime("%Y-%m-%d %H:%M")),
    ]
    cards = [
        Kpi(_w("runs", lang), fmt_int(len(comparison.runs), lang)),
        Kpi(_w("differ", lang), fmt_int(len(comparison.person_diff), lang)),
        Kpi(_w("core_short", lang), fmt_int(n_core, lang), _w("core", lang)),
    ]
    runs = Section("runs", _w("sec.runs", lang), tables=[_runs_table(comparison, lang)])
    if comparison.different_data:
        roles = ", ".join(comparison.different_data)
        runs.paragraphs.append(_w("note.different_data", lang).format(roles=roles))
    for run, folder in zip(comparison.labels, comparison.runs, strict=True):
        if not folder.has_plan:
            status = value_label("status", folder.status, lang)
            runs.paragraphs.append(_w("note.no_plan", lang).format(run=run, status=status))
    settings = Section("settings", _w("sec.settings", lang))
    if differing_settings(comparison):
        settings.paragraphs.append(_w("note.settings", lang))
        settings.tables.append(_settings_table(comparison, lang))
    else:
        settings.paragraphs.append(_w("note.same_settings", lang))
    if weights_differ(comparison):
        settings.paragraphs.append(_w("note.objective", lang))
    kpis = Section(
        "kpis",
        _w("sec.kpis", lang),
        paragraphs=[_w("note.files", lang)],
        charts=[charts["kpis"]] if "kpis" in charts else [],
        tables=[_side_by_side(comparison, lang)],
    )
    tradeoff = Section(
        "tradeoff",
        _w("sec.tradeoff", lang),
        paragraphs=[_w("note.tradeoff", lang)],
        charts=[charts["tradeoff"]] if "tradeoff" in charts else [],
    )
    core = Section(
        "core",
        _w("sec.core", lang),
        paragraphs=[_w("note.core", lang)],
        tables=[_core_table(comparison, lang, MAX_ROWS)],
    )
    diff = Section(
        "diff",
        _w("sec.diff", lang),
        paragraphs=[_w("note.diff", lang)],
        tables=[_diff_table(comparison, lang, MAX_ROWS)],
    )
    version = package_versions().get("mutasi-opt") or "-"
    footer = f"mutasi-opt {version} · {label('note.plots', lang)}"
    return Document(
        title=_w("title", lang),
        subtitle=_w("subtitle", lang),
        meta=meta,
        language=lang,
        kpis=cards,
        sections=[runs, settings, kpis, tradeoff, core, diff],
        footer=footer,
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("mutasi_opt.report", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=jinja2.StrictUndefined,
    )


def _classes(table: DisplayTable) -> list[Markup]:
    return [
        Markup(' class="num"') if table.align.get(str(h)) == "right" else Markup("")
        for h in table.frame.columns
    ]


def render_comparison_html(doc: Document) -> str:
    """The comparison document as one self-contained HTML page (``comparison.html.j2``)."""
    template = _environment().get_template("comparison.html.j2")
    return template.render(
        doc=doc, column_classes=_classes, empty_text=label("note.empty", doc.language)
    )


def _infer_cells(frame: pd.DataFrame) -> dict[str, Cell]:
    """How to show each KPI column: integers, numbers, or text."""
    cells: dict[str, Cell] = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values.dtype):
            cells[column] = "bool"
        elif pd.api.types.is_integer_dtype(values.dtype):
            cells[column] = "int"
        elif pd.api.types.is_float_dtype(values.dtype):
            known = values.dropna().to_numpy(dtype=float)
            cells[column] = "int" if np.all(np.mod(known, 1.0) == 0.0) else "num4"
        else:
            cells[column] = "text"
    return cells


def comparison_sheets(comparison: Comparison, *, language: str | None = None) -> list[Sheet]:
    """The sheets of ``comparison.xlsx``: summary, KPI (all), differences, robust core."""
    lang = _lang(comparison, language)
    runs = comparison.kpis
    run_cells: dict[str, Cell] = {
        "run": "text",
        "scenario": "text",
        "status": "text",
        "objective": "num4",
        "moves": "int",
        "total_fit": "num4",
        "time_s": "num1",
        "path": "text",
    }
    run_frame = runs.reindex(columns=list(run_cells))
    diff = comparison.person_diff
    diff_cells: dict[str, Cell] = dict.fromkeys(diff.columns, "text")
    diff_cells["runs_moved"] = "int"
    core_cells: dict[str, Cell] = dict.fromkeys(CORE_COLUMNS, "text")
    core_cells["move_type"] = "move_type"
    pairs = [
        (_w("runs", lang), len(comparison.runs)),
        (_w("differ", lang), len(diff)),
        (_w("core", lang), len(comparison.robust_core)),
    ]
    return [
        Sheet(
            "Ringkasan",
            [
                Block("title", text=_w("title", lang)),
                Block("pairs", pairs=pairs),
                Block("heading", text=_w("sec.runs", lang)),
                Block("table", frame=run_frame, columns=run_cells),
            ],
        ),
        Sheet("KPI", [Block("table", frame=runs, columns=_infer_cells(runs))]),
        Sheet("Perbedaan", [Block("table", frame=diff, columns=diff_cells)]),
        Sheet("Inti", [Block("table", frame=comparison.robust_core, columns=core_cells)]),
    ]


def _formats(formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format(s) {', '.join(unknown)}; use {', '.join(FORMATS)}")
    return chosen


def write_comparison(
    comparison: Comparison,
    out_dir: str | Path,
    *,
    force: bool = False,
    language: str | None = None,
    formats: Iterable[str] = FORMATS,
    created_at: dt.datetime | None = None,
    image_format: plots.ImageFormat = "svg",
) -> Path:
    """Write the comparison folder, all at once or not at all.

    Parameters
    ----------
    comparison
        From :func:`~mutasi_opt.comparison.compare_runs`.
    out_dir
        The folder to create.
    force
        Replace an existing folder.
    language
        ``id`` or ``en`` (default: the first run's).
    formats
        Subset of ``csv``, ``xlsx``, ``md``, ``html`` (``csv``: ``kpis.csv``,
        ``person_diff.csv``, ``robust_core.csv``).
    created_at
        Time stamp of the title block (default: now).
    image_format
        Charts as inline ``"svg"`` or ``"png"`` data URIs.

    Returns
    -------
    Path
        The folder written (absolute).

    Raises
    ------
    OutputExistsError
        ``out_dir`` exists and ``force`` is false (nothing is written).
    """
    chosen = _formats(formats)
    lang = _lang(comparison, language)
    moment = created_at or dt.datetime.now().astimezone()
    target = Path(out_dir).absolute()
    with atomic_folder(target, force=force, kind="comparison") as tmp:
        if "csv" in chosen:
            write_csv(comparison.kpis, tmp / "kpis.csv", list(comparison.kpis.columns))
            write_csv(
                comparison.person_diff,
                tmp / "person_diff.csv",
                list(comparison.person_diff.columns),
            )
            write_csv(comparison.robust_core, tmp / "robust_core.csv", list(CORE_COLUMNS))
        if "xlsx" in chosen:
            write_workbook(
                tmp / "comparison.xlsx",
                comparison_sheets(comparison, language=lang),
                lang,
                title=_w("title", lang),
                created_at=moment,
            )
        if "md" in chosen:
            doc = comparison_document(
                comparison, language=lang, created_at=moment, image_format=None
            )
            charts_in = "comparison.html" if "html" in chosen else None
            # The Markdown names the HTML where the charts are; give it the chart titles.
            if charts_in:
                doc = _with_chart_names(doc, comparison, lang)
            (tmp / "comparison.md").write_text(
                render_markdown(doc, charts_in=charts_in), encoding="utf-8"
            )
        if "html" in chosen:
            doc = comparison_document(
                comparison, language=lang, created_at=moment, image_format=image_format
            )
            (tmp / "comparison.html").write_text(render_comparison_html(doc), encoding="utf-8")
    return target


def _with_chart_names(doc: Document, comparison: Comparison, lang: Language) -> Document:
    """Placeholder charts (titles only) so the Markdown says which charts the HTML holds."""
    titles: Mapping[str, str] = {
        "kpis": _w("sec.kpis", lang),
        "tradeoff": _w("sec.tradeoff", lang),
    }
    for section in doc.sections:
        if section.key in titles and len(comparison.kpis):
            section.charts = [Chart(section.key, titles[section.key], "")]
    return doc
