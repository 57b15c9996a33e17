"""Charts of the reports, embedded in the HTML (inline SVG by default, or base64 PNG).

Figures are built with :class:`matplotlib.figure.Figure` and an explicit canvas (Agg for PNG, the
SVG canvas for SVG), never through ``pyplot``: nothing global is switched, no GUI backend is ever
touched, and figures are freed with their last reference. SVG output is deterministic (fixed
``svg.hashsalt``, no date) and stripped of its XML prolog, metadata and namespace declarations, so
the HTML names no external address at all.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mutasi_opt.report.labels import Language, label

__all__ = [
    "ImageFormat",
    "embed",
    "nine_box_grids",
    "plot_style",
    "short",
]

ImageFormat = Literal["svg", "png"]

BEFORE = "#9aa5b1"
AFTER = "#1f4e79"
ACCENT = "#c0392b"
GOOD = "#2e7d32"
CMAP_COUNTS = "Blues"
CMAP_GAPS = "Reds_r"


@contextmanager
def plot_style(salt: str = "mutasi-opt") -> Iterator[None]:
    """The look of every chart, and deterministic SVG (``svg.hashsalt`` set to ``salt``)."""
    with matplotlib.rc_context(
        {
            "font.family": "DejaVu Sans",
            "font.size": 8.5,
            "axes.titlesize": 10,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.edgecolor": "#55606e",
            "axes.labelcolor": "#222222",
            "xtick.color": "#333333",
            "ytick.color": "#333333",
            "svg.hashsalt": salt,
            "svg.fonttype": "path",
            "figure.dpi": 100,
        }
    ):
        yield


_SVG_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_SVG_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_SVG_XMLNS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')


def embed(fig: Figure, fmt: ImageFormat = "svg", *, alt: str = "", salt: str = "mutasi-opt") -> str:
    """HTML markup that shows ``fig`` with no external reference.

    Parameters
    ----------
    fig
        The figure.
    fmt
        ``"svg"``: inline ``<svg>``; ``"png"``: ``<img src="data:image/png;base64,...">``.
    alt
        Text alternative (the chart's title).
    salt
        ``svg.hashsalt``: makes ids unique per chart and the output reproducible.
    """
    buffer: io.StringIO | io.BytesIO
    if fmt == "png":
        FigureCanvasAgg(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        safe_alt = alt.replace('"', "&quot;").replace("<", "&lt;")
        return f'<img class="chart" alt="{safe_alt}" src="data:image/png;base64,{data}">'
    FigureCanvasSVG(fig)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = _SVG_PROLOG.sub("", text, count=1)
    text = _SVG_METADATA.sub("", text, count=1)
    # HTML5 inline SVG needs no namespace declarations (the parser knows svg and xlink:href),
    # and without them the report contains no http:// string at all.
    head, sep, body = text.partition(">")
    head = _SVG_XMLNS.sub("", head)
    role = f' role="img" aria-label="{alt}"' if alt else ""
    return f'{head} class="chart"{role}{sep}{body}'.strip()


def short(text: object, width: int = 30) -> str:
    """``text`` cut to ``width`` characters with an ellipsis (long OPD names on axes)."""
    value = str(text)
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def _nonzero(bars: Any) -> list[str]:
    """Bar labels with the zeros left out (a row of 0s over empty bars is noise)."""
    return [f"{int(b.get_height())}" if b.get_height() > 0 else "" for b in bars]


def _annotate(ax: Axes, matrix: np.ndarray, fmt: str = "{:.0f}", *, dark_above: float) -> None:
    for (r, c), v in np.ndenumerate(matrix):
        if np.isnan(v):
            continue
        colour = "white" if v > dark_above else "#1b1b1b"
        ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize=7.5, color=colour)


JPM_CLIP = 150.0
"""JPM (%) shown at most on the histogram's axis; higher values join the last bin."""


def jpm_distribution(
    before: np.ndarray,
    after: np.ndarray,
    categories: Sequence[str],
    counts_before: Mapping[str, int],
    counts_after: Mapping[str, int],
    cuts: tuple[float, float],
    language: Language = "id",
) -> Figure:
    """Histogram of JPM (%) before and after, with the category cuts; beside it the category counts."""
    fig = Figure(figsize=(9.5, 3.4), layout="constrained")
    ax_hist, ax_cat = fig.subplots(1, 2, width_ratios=(1.6, 1))
    # Uncapped JPM has a long right tail: everything from JPM_CLIP up shares the last bin.
    b = np.minimum(before[np.isfinite(before)], JPM_CLIP + 2.5)
    a = np.minimum(after[np.isfinite(after)], JPM_CLIP + 2.5)
    bins = np.arange(0.0, JPM_CLIP + 10.0, 5.0)
    ax_hist.hist(b, bins=bins, color=BEFORE, alpha=0.75, label=label("plot.before", language))
    ax_hist.hist(
        a,
        bins=bins,
        histtype="step",
        color=AFTER,
        linewidth=1.8,
        label=label("plot.after", language),
    )
    for cut in cuts:
        ax_hist.axvline(cut, color=ACCENT, linestyle="--", linewidth=0.9)
    ticks = np.arange(0.0, JPM_CLIP + 1.0, 25.0)
    ax_hist.set_xticks(ticks, [f"{t:.0f}" for t in ticks[:-1]] + [f"≥{JPM_CLIP:.0f}"])
    ax_hist.set_xlabel("JPM (%)")
    ax_hist.set_ylabel(label("plot.people", language))
    ax_hist.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax_hist.set_title(label("plot.jpm_hist", language))
    ax_hist.legend(frameon=False)
    x = np.arange(len(categories))
    vb = [int(counts_before.get(c, 0)) for c in categories]
    va = [int(counts_after.get(c, 0)) for c in categories]
    bars_b = ax_cat.bar(x - 0.2, vb, 0.4, color=BEFORE, label=label("plot.before", language))
    bars_a = ax_cat.bar(x + 0.2, va, 0.4, color=AFTER, label=label("plot.after", language))
    for bars in (bars_b, bars_a):
        ax_cat.bar_label(bars, labels=_nonzero(bars), fontsize=7.5, padding=1)
    ax_cat.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax_cat.set_xticks(x, [c.replace(" ", "\n", 1) for c in categories])
    ax_cat.set_title(label("plot.jpm_categories", language))
    ax_cat.margins(y=0.15)
    return fig


NINE_BOX_LAYOUT = np.array([[6, 8, 9], [3, 5, 7], [1, 2, 4]])
"""Box numbers as drawn: potential rows high → low, performance columns below → above."""


def nine_box_grids(
    panels: Sequence[tuple[str, Mapping[str, int]]], language: Language = "id"
) -> Figure:
    """One annotated 3×3 grid per panel (e.g. before and after): box number and head count."""
    fig = Figure(figsize=(4.0 * len(panels) + 0.6, 3.6), layout="constrained")
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    vmax = max([1, *(int(v) for _, counts in panels for v in counts.values())])
    perf = [label(f"plot.perf.{k}", language) for k in ("below", "meets", "above")]
    pot = [label(f"plot.pot.{k}", language) for k in ("tinggi", "menengah", "rendah")]
    for ax, (title, counts) in zip(axes, panels, strict=True):
        grid = np.array(
            [[float(counts.get(str(box), 0)) for box in row] for row in NINE_BOX_LAYOUT.tolist()]
        )
        ax.imshow(grid, cmap=CMAP_COUNTS, vmin=0, vmax=vmax * 1.25)
        for (r, c), box in np.ndenumerate(NINE_BOX_LAYOUT):
            v = grid[r, c]
            colour = "white" if v > vmax * 0.6 else "#1b1b1b"
            ax.text(
                c,
                r - 0.22,
                f"{label('plot.box', language)} {box}",
                ha="center",
                va="center",
                fontsize=7,
                color=colour,
            )
            ax.text(
                c,
                r + 0.12,
                f"{int(v)}",
                ha="center",
                va="center",
                fontsize=12,
                fontweight="bold",
                color=colour,
            )
        ax.set_xticks(range(3), perf)
        ax.set_yticks(range(3), pot)
        ax.set_xlabel(label("plot.performance", language))
        ax.set_ylabel(label("plot.potential", language))
        ax.set_title(title)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xticks(np.arange(-0.5, 3.0, 1.0), minor=True)
        ax.set_yticks(np.arange(-0.5, 3.0, 1.0), minor=True)
        ax.grid(which="minor", color="white", linewidth=2)
        ax.tick_params(which="minor", length=0)
    return fig


def moves_per_unit(flows: pd.DataFrame, language: Language = "id", top: int = 20) -> Figure:
    """Horizontal bars of people moving in and out per OPD (the ``top`` busiest OPDs)."""
    data = flows.assign(_busy=flows["moves_in"] + flows["moves_out"])
    data = data.sort_values(["_busy", "unit"], ascending=[False, True], kind="stable").head(top)
    data = data.iloc[::-1]
    fig = Figure(figsize=(8.0, 0.9 + 0.28 * max(len(data), 3)), layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(data))
    ax.barh(y + 0.2, data["moves_in"], 0.4, color=AFTER, label=label("moves_in", language))
    ax.barh(y - 0.2, data["moves_out"], 0.4, color=BEFORE, label=label("moves_out", language))
    ax.set_yticks(y, [short(u, 38) for u in data["unit"]])
    ax.set_xlabel(label("plot.people", language))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False, loc="lower right")
    return fig


def _named(values: pd.Series) -> pd.Series:
    """True where a unit is given (the planner writes ``""`` for people without a post)."""
    return values.notna() & (values.astype(str).str.strip() != "")


def unit_flow_matrix(
    moves: pd.DataFrame, language: Language = "id", top: int = 12
) -> Figure | None:
    """Heatmap of moves from OPD (rows) to OPD (columns); the rest grouped as other OPDs.

    ``moves`` has one row per person moved with ``from_unit`` and ``to_unit``; moves inside one OPD
    and people without a previous post are left out (the cell "other -> other" counts moves between
    two different small OPDs). ``None`` when nobody moved between OPDs.
    """
    between = _named(moves["from_unit"]) & _named(moves["to_unit"])
    between &= moves["from_unit"] != moves["to_unit"]
    data = moves.loc[between, ["from_unit", "to_unit"]]
    if data.empty:
        return None
    busy = pd.concat([data["from_unit"], data["to_unit"]]).value_counts()
    busy = busy.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    keep = list(busy.index[:top])
    other = label("plot.other_units", language)
    mapped = data.apply(lambda col: col.where(col.isin(keep), other))
    order = keep + ([other] if (mapped == other).to_numpy().any() else [])
    matrix = pd.crosstab(mapped["from_unit"], mapped["to_unit"]).reindex(
        index=order, columns=order, fill_value=0
    )
    values = matrix.to_numpy(dtype=float)
    shown = np.where(values > 0, values, np.nan)
    n = len(order)
    # The colour scale follows the named OPDs; the "other" row and column may exceed it.
    named = values[: len(keep), : len(keep)]
    top_value = max(float(named.max()) if named.size else 0.0, 1.0)
    fig = Figure(figsize=(2.6 + 0.45 * n, 1.6 + 0.38 * n), layout="constrained")
    ax = fig.subplots()
    ax.imshow(shown, cmap=CMAP_COUNTS, vmin=0, vmax=top_value * 1.15, aspect="auto")
    _annotate(ax, shown, dark_above=top_value * 0.6)
    ax.set_xticks(range(n), [short(u, 24) for u in order], rotation=40, ha="right")
    ax.set_yticks(range(n), [short(u, 30) for u in order])
    ax.set_xlabel(label("plot.to_unit", language))
    ax.set_ylabel(label("plot.from_unit", language))
    ax.set_xticks(np.arange(-0.5, n, 1.0), minor=True)
    ax.set_yticks(np.arange(-0.5, n, 1.0), minor=True)
    ax.grid(which="minor", color="#e3e7ec", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    return fig


def vacancies_by_priority(
    by_priority: Mapping[str, Mapping[str, int]], language: Language = "id"
) -> Figure:
    """Grouped bars per priority 1-5: seats open before the plan and seats the plan filled."""
    keys = [str(p) for p in range(1, 6)]
    before = [int(by_priority.get(k, {}).get("open_before", 0)) for k in keys]
    filled = [int(by_priority.get(k, {}).get("filled", 0)) for k in keys]
    fig = Figure(figsize=(6.0, 3.0), layout="constrained")
    ax = fig.subplots()
    x = np.arange(len(keys))
    bars_b = ax.bar(x - 0.2, before, 0.4, color=BEFORE, label=label("open_before", language))
    bars_f = ax.bar(x + 0.2, filled, 0.4, color=AFTER, label=label("filled", language))
    for bars in (bars_b, bars_f):
        ax.bar_label(bars, labels=_nonzero(bars), fontsize=7.5, padding=1)
    ax.set_xticks(x, keys)
    critical = "kritis" if language == "id" else "critical"
    ax.set_xlabel(f"{label('plot.priority', language)} (5 = {critical})")
    ax.set_ylabel(label("plot.posts", language))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False)
    ax.margins(y=0.15)
    return fig


def stacked_units(
    table: pd.DataFrame, title: str, xlabel: str, language: Language = "id", top: int = 25
) -> Figure:
    """Horizontal stacked bars: one row per OPD (index), one segment per column (e.g. priority)."""
    data = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    data = data.iloc[::-1]
    fig = Figure(figsize=(8.0, 1.0 + 0.28 * max(len(data), 3)), layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(data))
    left = np.zeros(len(data))
    colours = matplotlib.colormaps["Blues"](np.linspace(0.3, 0.95, max(len(data.columns), 1)))
    for colour, column in zip(colours, data.columns, strict=True):
        values = data[column].to_numpy(dtype=float)
        ax.barh(y, values, 0.7, left=left, color=colour, label=str(column))
        left += values
    ax.set_yticks(y, [short(u, 38) for u in data.index])
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if title:
        ax.set_title(title)
    ax.legend(
        frameon=False,
        title=label("plot.priority", language),
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
    )
    return fig


def heatmap(
    matrix: pd.DataFrame,
    title: str,
    *,
    cmap: str,
    fmt: str,
    vmin: float,
    vmax: float,
    colorbar: str,
    xrotation: float = 0.0,
    xlabel: str = "",
) -> Figure:
    """Annotated heatmap of ``matrix`` (rows: OPDs), missing cells left blank."""
    values = matrix.to_numpy(dtype=float)
    rows, cols = values.shape
    fig = Figure(figsize=(3.2 + 0.62 * cols, 1.2 + 0.27 * max(rows, 3)), layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    span = vmax - vmin if vmax > vmin else 1.0
    for (r, c), v in np.ndenumerate(values):
        if np.isnan(v):
            continue
        strong = (v - vmin) / span
        dark = strong < 0.45 if cmap.endswith("_r") else strong > 0.6
        ax.text(
            c,
            r,
            fmt.format(v),
            ha="center",
            va="center",
            fontsize=7,
            color="white" if dark else "#1b1b1b",
        )
    ax.set_xticks(
        range(cols),
        [str(c) for c in matrix.columns],
        rotation=xrotation,
        ha="right" if xrotation else "center",
    )
    ax.set_yticks(range(rows), [short(u, 38) for u in matrix.index])
    if title:
        ax.set_title(title)
    if xlabel:
        ax.set_xlabel(xlabel)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if colorbar:
        fig.colorbar(image, ax=ax, shrink=0.8, label=colorbar)
    return fig


def frontier_chart(frame: pd.DataFrame, language: Language = "id") -> Figure | None:
    """Two panels over the number of moves: mean fit (%) and, beside it, wishes honoured and
    priority 4-5 seats filled; the chosen plan marked on both.

    ``frame`` is ``frontier.csv``. Points with ``best_for_moves`` are the best plan for their
    number of moves; the dashed line only joins them. ``None`` without points.
    """
    if frame.empty:
        return None
    data = frame.sort_values(["moves", "value"], kind="stable")
    moves = pd.to_numeric(data["moves"]).to_numpy(dtype=float)
    fit = 100.0 * pd.to_numeric(data["fit_mean"], errors="coerce").to_numpy(dtype=float)
    exact = data["best_for_moves"].astype(str).str.lower().eq("true").to_numpy()
    chosen = data["chosen"].astype(str).str.lower().eq("true").to_numpy()
    fig = Figure(figsize=(8.4, 3.1), layout="constrained")
    left, right = fig.subplots(1, 2)
    left.plot(moves[exact], fit[exact], color=AFTER, linestyle="--", linewidth=1.0)
    left.scatter(moves[exact], fit[exact], color=AFTER, s=18, zorder=3,
                 label=label("plot.frontier.best", language))  # fmt: skip
    for ax in (left, right):
        for x in moves[chosen]:
            ax.axvline(x, color=ACCENT, linewidth=1.0, linestyle=":")
    if chosen.any():
        left.scatter(moves[chosen], fit[chosen], marker="*", s=120, color=ACCENT, zorder=4,
                     label=label("plot.frontier.chosen", language))  # fmt: skip
    left.set_xlabel(label("plot.frontier.moves", language))
    left.set_ylabel(label("plot.frontier.fit", language))
    left.legend(frameon=False, fontsize=7.5, loc="lower right")
    wishes = pd.to_numeric(data["wishes_honoured"]).to_numpy(dtype=float)
    seats = pd.to_numeric(data["priority_seats_filled"]).to_numpy(dtype=float)
    right.plot(moves, wishes, color=GOOD, marker="o", markersize=3.5, linewidth=1.0,
               label=label("plot.frontier.wishes", language))  # fmt: skip
    right.plot(moves, seats, color=BEFORE, marker="s", markersize=3.5, linewidth=1.0,
               label=label("plot.frontier.seats", language))  # fmt: skip
    right.set_xlabel(label("plot.frontier.moves", language))
    right.set_ylabel(label("plot.people", language))
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    right.legend(frameon=False, fontsize=7.5, loc="upper left")
    for ax in (left, right):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", color="#e3e7ec", linewidth=0.6)
    return fig
