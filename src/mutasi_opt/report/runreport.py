"""The run report as a :class:`~mutasi_opt.report.document.Document` and as workbook sheets.

Everything a panel reads about one plan: the title block (scenario, planning date, creation date,
status, objective, bound, gap), KPI cards, the charts (JPM before and after, the 9-box before and
after, moves per OPD, flows between OPDs, vacancies filled by priority) and short tables; the full
data stays in the CSVs and the workbook. An infeasible or timed-out run gets a short report that
explains why there is no plan, with no charts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from mutasi_opt import domain, rules
from mutasi_opt.report import plots
from mutasi_opt.report.assumptions import assumptions_table, question
from mutasi_opt.report.columns import (
    ASSIGNMENT_COLUMNS,
    CHAIN_COLUMNS,
    DEVELOPMENT_COLUMNS,
    FRONTIER_COLUMNS,
    RUN_SHEETS,
    RUN_SHEETS_EN,
    SHORTLIST_COLUMNS,
    VACANCY_COLUMNS,
)
from mutasi_opt.report.datatable import Filter, interactive_table, options_of
from mutasi_opt.report.devbudget import development_totals
from mutasi_opt.report.document import Chart, Document, Kpi, Section
from mutasi_opt.report.labels import Language, has_label, label, value_label
from mutasi_opt.report.panel_section import panel_section
from mutasi_opt.report.present import (
    Cell,
    DisplayTable,
    as_text,
    display_table,
    fmt_int,
    fmt_num,
    fmt_pct,
)
from mutasi_opt.report.protocol import PlanLike
from mutasi_opt.report.summary import package_versions
from mutasi_opt.report.xlsx import Block, Sheet

__all__ = ["CELLS", "has_plan", "run_document", "run_sheets"]

_TEXT: Cell = "text"
CELLS: dict[str, Cell] = {
    **dict.fromkeys(
        (
            *ASSIGNMENT_COLUMNS,
            *VACANCY_COLUMNS,
            *CHAIN_COLUMNS,
            *DEVELOPMENT_COLUMNS,
            *FRONTIER_COLUMNS,
            *SHORTLIST_COLUMNS,
        ),
        _TEXT,
    ),
    **dict.fromkeys(
        (
            "nip",
            "from_position_id",
            "to_position_id",
            "position_id",
            "chain_id",
            "mentor_nip",
            "competency",
        ),
        "code",
    ),
    "moved": "bool",
    "move_type": "move_type",
    "score": "num1",
    "score_before": "num1",
    "jpm_before": "num1",
    "jpm_after": "num1",
    "value": "num4",
    "gender": "gender",
    "nine_box": "int",
    "wish_rank_honoured": "int",
    "priority": "int",
    "capacity": "int",
    "holders_after": "int",
    "free_seats": "int",
    "eligible_candidates": "int",
    "chain_type": "chain_type",
    "ends_with": "ends_with",
    "step": "int",
    "required": "int",
    "level": "int",
    "gap": "int",
    "staff_before": "int",
    "staff_after": "int",
    "moves_in": "int",
    "moves_out": "int",
    "moves_within": "int",
    "staff": "int",
    "staff_share": "pct",
    "moves": "int",
    "move_share": "pct",
    "open_before": "int",
    "filled": "int",
    "count": "int",
    "moves_share": "pct",
    "placements": "int",
    "move_price": "num4",
    "fit_mean": "pct",
    "jpm_mean": "num1",
    "fit_lowering_moves": "int",
    "wishes_honoured": "int",
    "priority_seats_filled": "int",
    "chosen": "bool",
    "best_for_moves": "bool",
    "free_before": "int",
    "rank": "int",
    "jpm": "num1",
    "plan_position_id": "code",
}
"""How every column of the run folder is shown in the reports."""

MOVE_TYPES = ("rotasi", "promosi", "demosi", "placement", "stay")
FLOW_COLUMNS = ("unit", "staff_before", "staff_after", "moves_in", "moves_out", "moves_within")
FAIRNESS_COLUMNS = ("group", "staff", "staff_share", "moves", "move_share")
FILES_NOTE = "assignments.csv, report.xlsx"


def _cells(columns: tuple[str, ...] | list[str]) -> dict[str, Cell]:
    return {c: CELLS.get(c, "text") for c in columns}


def has_plan(plan: PlanLike) -> bool:
    """True when the run produced a plan (optimal or feasible)."""
    return plan.result.status.value in ("optimal", "feasible")


def _language(plan: PlanLike) -> Language:
    return "en" if plan.language == "en" else "id"


def _kpis(plan: PlanLike) -> dict[str, Any]:
    return dict(plan.kpis or {})


def _flows(kpis: Mapping[str, Any]) -> pd.DataFrame:
    rows = kpis.get("unit_flows") or []
    frame = pd.DataFrame(list(rows))
    for column in FLOW_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype="int64" if column != "unit" else "object")
    return frame.loc[:, list(FLOW_COLUMNS)]


def _meta(plan: PlanLike, created_at: dt.datetime, lang: Language) -> list[tuple[str, str]]:
    scenario = plan.problem.scenario
    result = plan.result
    meta = [(label("meta.scenario", lang), scenario.name)]
    if scenario.description:
        meta.append((label("meta.description", lang), scenario.description))
    meta += [
        (label("meta.as_of", lang), scenario.as_of.isoformat()),
        (label("meta.created", lang), created_at.strftime("%Y-%m-%d %H:%M")),
        (label("meta.status", lang), value_label("status", result.status.value, lang)),
        *_check_row(plan, lang),
    ]
    return meta


def _solver_meta(plan: PlanLike, lang: Language) -> list[tuple[str, str]]:
    """The solver's figures (the appendix of the report, and the workbook's summary)."""
    scenario = plan.problem.scenario
    result = plan.result
    return [
        (label("meta.objective", lang), fmt_num(result.objective, lang, 2)),
        (label("meta.bound", lang), fmt_num(result.bound, lang, 2)),
        (label("meta.gap", lang), fmt_pct(result.gap, lang, 2)),
        (label("meta.backend", lang), result.backend or "–"),
        (label("meta.seed", lang), str(scenario.solver.seed)),
        (
            label("meta.time_limit", lang),
            f"{fmt_num(scenario.solver.time_limit_s, lang, 0)} {'detik' if lang == 'id' else 's'}",
        ),
        (
            label("meta.solve_time", lang),
            f"{fmt_num(sum(result.timings.values()), lang, 1)} {'detik' if lang == 'id' else 's'}",
        ),
    ]


def _appendix(plan: PlanLike, lang: Language) -> Section:
    """Solver details, at the end: what a panel does not decide from."""
    section = Section("solver", label("sec.solver", lang))
    section.paragraphs.append(label("note.solver", lang))
    pairs = _solver_meta(plan, lang)
    frame = pd.DataFrame({"key": [k for k, _ in pairs], "value_col": [v for _, v in pairs]})
    section.tables.append(display_table(frame, ["key", "value_col"], lang, max_rows=None))
    return section


def _check_row(plan: PlanLike, lang: Language) -> list[tuple[str, str]]:
    """The independent check's verdict, when the plan carries one with an ``ok`` flag."""
    ok = getattr(getattr(plan, "check", None), "ok", None)
    if ok is None:
        return []
    return [(label("meta.check", lang), label("check.ok" if ok else "check.failed", lang))]


def _pct_points(value: Any, lang: Language) -> str:
    """A fit in [0, 1] as a percentage ("91,5 %")."""
    return "-" if value is None else fmt_pct(float(value), lang)


def _kpi_cards(
    kpis: Mapping[str, Any], lang: Language, *, soft_refusals: bool = False
) -> list[Kpi]:
    """The headline cards: only figures that differ between plans (free seats after the round are
    seats minus people whatever the plan, and hard refusals are always respected)."""
    by_type = kpis.get("moves_by_type") or {}
    types = " · ".join(
        f"{value_label('move_type', t, lang)} {fmt_int(by_type.get(t, 0), lang)}"
        for t in MOVE_TYPES[:4]
        if by_type.get(t, 0)
    )
    arrow = label("kpi.before_after", lang)
    of = label("kpi.of", lang)
    people = int(kpis.get("people", 0) or 0)
    moves = int(kpis.get("moves", 0) or 0)
    wishes_people = int(kpis.get("wishes_people", 0) or 0)
    refusals = int(kpis.get("refusals", 0) or 0)
    overdue = int(kpis.get("overdue_tenure", 0) or 0)
    no_data = int(kpis.get("no_competency_data", 0) or 0)
    seats_before = int(kpis.get("priority_seats_open_before", 0) or 0)
    seats_left = int(kpis.get("priority_seats_open_after", 0) or 0)
    recruit = int(kpis.get("priority_seats_recruitment", 0) or 0)
    lowering_abolished = int(kpis.get("fit_lowering_moves_abolished", 0) or 0)
    largest = kpis.get("largest_net_loss")
    cards = [
        Kpi(label("kpi.people", lang), fmt_int(people, lang)),
        Kpi(
            label("kpi.moves", lang),
            f"{fmt_int(moves, lang)} ({fmt_pct(moves / people if people else 0.0, lang)})",
            types,
        ),
        Kpi(
            label("kpi.fit_mean", lang),
            f"{_pct_points(kpis.get('fit_mean_before'), lang)} → "
            f"{_pct_points(kpis.get('fit_mean_after'), lang)}",
            arrow
            + (f" · {fmt_int(no_data, lang)} {label('kpi.no_data', lang)}" if no_data else ""),
        ),
        Kpi(
            label("kpi.jpm_mean", lang),
            f"{fmt_num(kpis.get('jpm_mean_before'), lang)} → {fmt_num(kpis.get('jpm_mean_after'), lang)}",
            f"{arrow} (%)",
        ),
        Kpi(
            label("kpi.fit_lowering", lang),
            f"{fmt_int(kpis.get('fit_lowering_moves', 0), lang)} {of} {fmt_int(moves, lang)}",
            label("kpi.fit_lowering_abolished", lang).format(n=fmt_int(lowering_abolished, lang))
            if lowering_abolished
            else "",
        ),
        Kpi(
            label("kpi.priority_seats", lang),
            f"{fmt_int(kpis.get('priority_seats_filled', 0), lang)} {of} "
            f"{fmt_int(seats_before, lang)}",
            label("kpi.priority_seats_left", lang).format(
                left=fmt_int(seats_left, lang), recruit=fmt_int(recruit, lang)
            )
            if seats_left
            else "",
        ),
        Kpi(
            label("kpi.wishes", lang),
            f"{fmt_int(kpis.get('wishes_honoured', 0), lang)} {of} {fmt_int(wishes_people, lang)}",
            fmt_pct(kpis.get("wishes_honoured_share"), lang) if wishes_people else "",
        ),
        Kpi(label("kpi.no_wish", lang), fmt_int(kpis.get("movers_without_wish", 0), lang)),
        Kpi(
            label("kpi.overdue", lang),
            f"{fmt_int(kpis.get('overdue_tenure_moved', 0), lang)} {of} {fmt_int(overdue, lang)}",
        ),
    ]
    if largest:
        cards.append(
            Kpi(
                label("kpi.largest_loss", lang),
                fmt_pct(largest.get("net_loss_share"), lang),
                str(largest.get("unit", "")),
            )
        )
    if soft_refusals:
        cards.append(
            Kpi(
                label("kpi.refusals", lang),
                f"{fmt_int(kpis.get('refusals_respected', 0), lang)} {of} {fmt_int(refusals, lang)}",
            )
        )
    return cards


def _headline(kpis: Mapping[str, Any], lang: Language) -> str:
    by_type = kpis.get("moves_by_type") or {}
    parts = ", ".join(
        f"{value_label('move_type', t, lang).lower()} {fmt_int(by_type.get(t, 0), lang)}"
        for t in MOVE_TYPES[:4]
        if by_type.get(t, 0)
    )
    people_n = int(kpis.get("people", 0) or 0)
    moves_n = int(kpis.get("moves", 0) or 0)
    people, moves = fmt_int(people_n, lang), fmt_int(moves_n, lang)
    share = fmt_pct(moves_n / people_n if people_n else 0.0, lang)
    fit_b, fit_a = (
        _pct_points(kpis.get("fit_mean_before"), lang),
        _pct_points(kpis.get("fit_mean_after"), lang),
    )
    jpm_b, jpm_a = (
        fmt_num(kpis.get("jpm_mean_before"), lang),
        fmt_num(kpis.get("jpm_mean_after"), lang),
    )
    lowering = fmt_int(kpis.get("fit_lowering_moves", 0), lang)
    seats_before = fmt_int(kpis.get("priority_seats_open_before", 0), lang)
    filled = fmt_int(kpis.get("priority_seats_filled", 0), lang)
    left = int(kpis.get("priority_seats_open_after", 0) or 0)
    recruit = fmt_int(kpis.get("priority_seats_recruitment", 0), lang)
    elsewhere = fmt_int(kpis.get("priority_seats_qualified_elsewhere", 0), lang)
    detail = f" ({parts})" if parts else ""
    if lang == "id":
        text = (
            f"Dari {people} pegawai, {moves} ({share}) dimutasi{detail}. Kecocokan rata-rata "
            f"pegawai berubah dari {fit_b} menjadi {fit_a}, JPM rata-rata dari {jpm_b} % menjadi "
            f"{jpm_a} %; {lowering} mutasi menurunkan kecocokan pegawai yang dipindah. {filled} dari "
            f"{seats_before} kursi prioritas 4-5 yang kosong terisi."
        )
        if left:
            text += (
                f" Dari {fmt_int(left, lang)} yang kosong sesudah mutasi, {recruit} tidak punya kandidat sama "
                f"sekali (kebutuhan rekrutmen) dan {elsewhere} hanya dapat diisi pegawai yang sudah "
                "menduduki kursi prioritas."
            )
        return text
    text = (
        f"Of {people} people, {moves} ({share}) move{detail}. Mean fit goes from {fit_b} to "
        f"{fit_a}, mean JPM from {jpm_b}% to {jpm_a}%; {lowering} moves lower the mover's fit. "
        f"{filled} of the {seats_before} free priority 4-5 seats are filled."
    )
    if left:
        text += (
            f" Of the {fmt_int(left, lang)} free after the round, {recruit} have no candidate at all (a "
            f"recruitment need) and {elsewhere} could only be filled by people who already hold a "
            "priority seat."
        )
    return text


def _moves(plan: PlanLike) -> pd.DataFrame:
    frame = plan.assignments
    moved = frame.loc[frame["moved"].fillna(False).astype(bool)].copy()
    order = {t: k for k, t in enumerate(("promosi", "rotasi", "placement", "demosi"))}
    moved["_type"] = moved["move_type"].map(order).fillna(len(order))
    return moved.sort_values(["_type", "to_unit", "to_title", "name"], kind="stable").drop(
        columns="_type"
    )


def _clauses(reason: object) -> str:
    """The clauses of a reason without its opening (``head: clause; clause.``): the table's own
    columns already say from where to where."""
    text = "" if not isinstance(reason, str) else reason
    _, sep, rest = text.partition(": ")
    rest = rest.strip()
    return rest[:1].upper() + rest[1:] if sep and rest else text


def _post_unit(titles: pd.Series, units: pd.Series) -> list[str]:
    """``title (unit)`` per row, ``–`` without a post (a placement's origin)."""
    return [
        "–"
        if not isinstance(t, str) or not t
        else (f"{t} ({u})" if isinstance(u, str) and u else t)
        for t, u in zip(titles, units, strict=True)
    ]


def _nine_box_same(kpis: Mapping[str, Any]) -> bool:
    """True when the 9-box is the same before and after (it is a property of the person)."""
    same = (kpis.get("nine_box_before") or {}) == (kpis.get("nine_box_after") or {})
    return same and bool(kpis.get("nine_box_moved"))


def _nine_box_panels(
    kpis: Mapping[str, Any], lang: Language
) -> list[tuple[str, Mapping[str, int]]]:
    if _nine_box_same(kpis):
        return [
            (label("plot.all_staff", lang), kpis.get("nine_box_before") or {}),
            (label("plot.moved_staff", lang), kpis.get("nine_box_moved") or {}),
        ]
    return [
        (label("plot.before", lang), kpis.get("nine_box_before") or {}),
        (label("plot.after", lang), kpis.get("nine_box_after") or {}),
    ]


def _charts(plan: PlanLike, fmt: plots.ImageFormat) -> dict[str, Chart]:
    lang = _language(plan)
    kpis = _kpis(plan)
    frame = plan.assignments
    family = plan.problem.scenario.scoring.jpm_categories
    out: dict[str, Chart] = {}

    def add(key: str, title: str, fig: Any) -> None:
        if fig is not None:
            out[key] = Chart(key, title, plots.embed(fig, fmt, alt=title, salt=f"mutasi-opt-{key}"))

    with plots.plot_style():
        add(
            "jpm",
            label("sec.jpm", lang),
            plots.jpm_distribution(
                pd.to_numeric(frame["jpm_before"], errors="coerce").to_numpy(dtype=float),
                pd.to_numeric(frame["jpm_after"], errors="coerce").to_numpy(dtype=float),
                domain.JPM_LABELS[family],
                kpis.get("jpm_category_before") or {},
                kpis.get("jpm_category_after") or {},
                domain.JPM_CUTS[family],
                lang,
            ),
        )
        add(
            "nine_box",
            label("sec.nine_box", lang),
            plots.nine_box_grids(_nine_box_panels(kpis, lang), lang),
        )
        flows = _flows(kpis)
        if len(flows) and (flows["moves_in"].sum() + flows["moves_out"].sum()) > 0:
            add("units", label("sec.units", lang), plots.moves_per_unit(flows, lang))
        add("flows", label("sec.flows", lang), plots.unit_flow_matrix(_moves(plan), lang))
        add(
            "frontier",
            label("sec.frontier", lang),
            plots.frontier_chart(_frontier(plan), lang),
        )
        add(
            "vacancies_priority",
            label("sec.vacancies_priority", lang),
            plots.vacancies_by_priority(kpis.get("vacancies_filled_by_priority") or {}, lang),
        )
    return out


def _frontier(plan: PlanLike) -> pd.DataFrame:
    """``frontier.csv`` of the plan (no rows when the plan has none)."""
    return plan.frontier


FRONTIER_SHOWN = ("moves", "moves_share", "fit_mean", "jpm_mean", "fit_lowering_moves",
                  "wishes_honoured", "priority_seats_filled", "move_price", "chosen")  # fmt: skip


def _frontier_section(plan: PlanLike, charts: Mapping[str, Chart], lang: Language) -> Section:
    section = Section("frontier", label("sec.frontier", lang), charts=_pick(charts, "frontier"))
    section.paragraphs.append(label("note.frontier", lang))
    if plan.problem.instance.unit_outflow_cap is not None:
        section.paragraphs.append(
            label("note.frontier_relaxed", lang).format(rules="rules.max_unit_outflow_share")
        )
    frame = _frontier(plan)
    section.tables.append(
        display_table(
            frame, _cells(list(FRONTIER_SHOWN)), lang, files="frontier.csv, report.xlsx (Frontier)",
            max_rows=None,
        )
    )  # fmt: skip
    return section


def _pick(charts: Mapping[str, Chart], key: str) -> list[Chart]:
    return [charts[key]] if key in charts else []


def reason_label(code: object, lang: Language) -> str:
    """A reason code in words: the plan's own codes here, a rule's code by its description."""
    text = "" if not isinstance(code, str) else code
    if has_label(f"reason_code.{text}"):
        return label(f"reason_code.{text}", lang)
    if text in rules.RULE_CODES:
        return rules.rule(text).description(lang)
    return text


def _people_table(plan: PlanLike, lang: Language) -> Any:
    """Every person, moves first (the Transfers order), then those who stay, by OPD and name:
    searchable, sortable, filtered by OPD (old or new), move type and reason; moves only at
    first."""
    frame = plan.assignments
    moves = _moves(plan)
    stays = frame.loc[~frame.index.isin(moves.index)].sort_values(
        ["from_unit", "from_title", "name"], kind="stable", na_position="last"
    )
    people = pd.concat([moves, stays])
    people["from_post_unit"] = _post_unit(people["from_title"], people["from_unit"])
    people["to_post_unit"] = _post_unit(people["to_title"], people["to_unit"])
    people["reason_clauses"] = [_clauses(r) for r in people["reason"]]
    people["jpm_change"] = [
        f"{fmt_num(a, lang)} → {fmt_num(b, lang)}"
        for a, b in zip(people["jpm_before"], people["jpm_after"], strict=True)
    ]
    shown = ["nip", "name", "from_post_unit", "to_post_unit", "move_type", "score", "jpm_change",
             "reason_clauses"]  # fmt: skip
    opd = [
        [u for u in (f, t) if isinstance(u, str) and u]
        for f, t in zip(people["from_unit"], people["to_unit"], strict=True)
    ]
    types = [str(t) for t in people["move_type"]]
    codes = ["" if not isinstance(c, str) else c for c in people["reason_code"]]
    everything = label("dt.everything", lang)
    type_words = {t: value_label("move_type", t, lang) for t in MOVE_TYPES}
    filters = [
        Filter("opd", label("dt.opd", lang), opd, options_of(opd, everything=everything)),
        Filter(
            "move_type",
            label("dt.move_type", lang),
            types,
            [("!stay", label("dt.all_moves", lang)), ("", label("dt.all_people", lang))]
            + [(t, type_words[t]) for t in MOVE_TYPES if t in set(types)],
            default="!stay",
        ),
        Filter(
            "reason",
            label("dt.reason", lang),
            codes,
            options_of(
                codes, {c: reason_label(c, lang) for c in set(codes)}, everything=everything
            ),
        ),
    ]
    return interactive_table(
        "moves",
        people,
        {**_cells(shown), "jpm_change": "code"},
        lang,
        filters=filters,
        files="report.html, " + FILES_NOTE + " (Mutasi)",
        headers={
            "score": label("score_short", lang),
            "jpm_change": label("jpm_change", lang),
            "reason_clauses": label("reason", lang),
        },
    )


def _unit_filter(key: str, frame: pd.DataFrame, columns: tuple[str, ...], lang: Language) -> Filter:
    values = [
        [u for u in units if isinstance(u, str) and u]
        for units in zip(*(frame[c] for c in columns), strict=True)
    ] if len(frame) else []  # fmt: skip
    return Filter(
        key,
        label("dt.opd", lang),
        values,
        options_of(values, everything=label("dt.everything", lang)),
    )


def _critical_open(plan: PlanLike, lang: Language) -> Section:
    """Priority 4-5 posts left open after the round, and why (the vacancies' own reasons)."""
    section = Section("critical", label("sec.critical", lang))
    vac = plan.vacancies
    prio = pd.to_numeric(vac["priority"], errors="coerce") if len(vac) else vac["priority"]
    left = vac.loc[prio >= 4].sort_values(
        ["priority", "unit", "position_id"], ascending=[False, True, True], kind="stable"
    )
    section.paragraphs.append(
        label("note.critical", lang).format(n=fmt_int(int(left["free_seats"].sum()), lang))
        if len(left)
        else label("note.critical_none", lang)
    )
    if len(left):
        cols = ["title", "unit", "priority", "free_seats", "eligible_candidates", "reason"]
        section.tables.append(
            interactive_table(
                "critical",
                left,
                _cells(cols),
                lang,
                filters=[_unit_filter("opd", left, ("unit",), lang)],
                files="report.html, vacancies.csv",
                page_size=10,
            )
        )
    return section


def _net_flows(kpis: Mapping[str, Any], lang: Language) -> DisplayTable | None:
    """OPDs that lose or gain staff, the largest changes first."""
    flows = _flows(kpis)
    if not len(flows):
        return None
    flows["net"] = flows["staff_after"] - flows["staff_before"]
    changed = flows.loc[flows["net"] != 0].copy()
    if not len(changed):
        return None
    changed["_abs"] = changed["net"].abs()
    changed = changed.sort_values(["_abs", "unit"], ascending=[False, True], kind="stable")
    return display_table(
        changed,
        {
            "unit": "text",
            "staff_before": "int",
            "staff_after": "int",
            "net": "int",
            "moves_in": "int",
            "moves_out": "int",
        },
        lang,
        caption=label("sec.net_flows", lang),
        headers={"net": label("net", lang)},
        max_rows=10,
        files="report.xlsx (OPD)",
    )


def _plan_sections(plan: PlanLike, fmt: plots.ImageFormat | None) -> list[Section]:
    lang = _language(plan)
    kpis = _kpis(plan)
    charts = _charts(plan, fmt) if fmt is not None else {}
    scenario = plan.problem.scenario
    by_type = kpis.get("moves_by_type") or {}
    type_frame = pd.DataFrame(
        {"move_type": list(MOVE_TYPES), "count": [int(by_type.get(t, 0)) for t in MOVE_TYPES]}
    )
    posts = getattr(plan.problem, "n_posts", None)
    n_posts = (
        int(posts)
        if isinstance(posts, int)
        else len(
            set(plan.assignments["to_position_id"].dropna()) | set(plan.vacancies["position_id"])
        )
    )
    ask = Section("question", label("sec.question", lang))
    ask.paragraphs.extend(question(int(kpis.get("people", 0) or 0), n_posts, lang))
    settings, changed_note = assumptions_table(scenario, lang)
    assumptions = Section(
        "assumptions", label("sec.assumptions", lang), paragraphs=[changed_note], tables=[settings]
    )
    summary = Section("summary", label("sec.summary", lang), paragraphs=[_headline(kpis, lang)])
    if plan.result.status.value == "feasible":
        summary.paragraphs.append(
            label("note.feasible", lang).format(gap=fmt_pct(plan.result.gap, lang, 2))
        )
    summary.tables.append(
        display_table(
            type_frame,
            {"move_type": "move_type", "count": "int"},
            lang,
            caption=label("sec.moves_by_type", lang),
        )
    )
    net = _net_flows(kpis, lang)
    if net is not None:
        summary.tables.append(net)
    categories = domain.JPM_LABELS[scenario.scoring.jpm_categories]
    cat_before = kpis.get("jpm_category_before") or {}
    cat_after = kpis.get("jpm_category_after") or {}
    jpm_frame = pd.DataFrame(
        {
            "jpm_category": list(categories),
            "before": [int(cat_before.get(c, 0)) for c in categories],
            "after": [int(cat_after.get(c, 0)) for c in categories],
        }
    )
    sections = [ask, assumptions, summary]
    panel = panel_section(plan, lang)  # the panel's rulings, a re-plan, alternatives, veto costs
    if panel is not None:
        sections.append(panel)
    if len(_frontier(plan)):
        sections.append(_frontier_section(plan, charts, lang))
    sections.append(_critical_open(plan, lang))
    jpm = Section("jpm", label("sec.jpm", lang), charts=_pick(charts, "jpm"))
    jpm.tables.append(
        display_table(
            jpm_frame,
            {"jpm_category": "text", "before": "int", "after": "int"},
            lang,
            headers={"before": label("plot.before", lang), "after": label("plot.after", lang)},
        )
    )
    sections.append(jpm)
    nine = Section("nine_box", label("sec.nine_box", lang), charts=_pick(charts, "nine_box"))
    if _nine_box_same(kpis):
        nine.paragraphs.append(label("note.nine_box_same", lang))
    sections.append(nine)
    units = Section("units", label("sec.units", lang), charts=_pick(charts, "units"))
    flows = _flows(kpis).sort_values(["moves_in", "unit"], ascending=[False, True], kind="stable")
    units.tables.append(
        display_table(flows, _cells(list(FLOW_COLUMNS)), lang, files="report.xlsx (OPD)")
    )
    sections.append(units)
    if "flows" in charts:
        sections.append(Section("flows", label("sec.flows", lang), charts=_pick(charts, "flows")))
    by_priority = kpis.get("vacancies_filled_by_priority") or {}
    prio = pd.DataFrame(
        {
            "priority": list(range(5, 0, -1)),
            "open_before": [
                int((by_priority.get(str(p)) or {}).get("open_before", 0)) for p in range(5, 0, -1)
            ],
            "filled": [
                int((by_priority.get(str(p)) or {}).get("filled", 0)) for p in range(5, 0, -1)
            ],
        }
    )
    vp = Section(
        "vacancies_priority",
        label("sec.vacancies_priority", lang),
        charts=_pick(charts, "vacancies_priority"),
    )
    vp.tables.append(display_table(prio, _cells(["priority", "open_before", "filled"]), lang))
    sections.append(vp)

    moves = Section("moves", label("sec.moves", lang), tables=[_people_table(plan, lang)])
    moves.paragraphs.append(label("note.moves_table", lang))
    sections.append(moves)
    chain_cols = ["chain_id", "chain_type", "step", "nip", "name", "from_unit", "to_unit",
                  "ends_with"]  # fmt: skip
    chains = plan.chains
    chain_types = [str(t) for t in chains["chain_type"]]
    sections.append(
        Section(
            "chains",
            label("sec.chains", lang),
            tables=[
                interactive_table(
                    "chains",
                    chains,
                    _cells(chain_cols),
                    lang,
                    filters=[
                        _unit_filter("opd", chains, ("from_unit", "to_unit"), lang),
                        Filter(
                            "chain_type",
                            label("dt.kind", lang),
                            chain_types,
                            options_of(
                                chain_types,
                                {t: value_label("chain_type", t, lang) for t in set(chain_types)},
                                everything=label("dt.everything", lang),
                            ),
                        ),
                    ],
                    files="report.html, chains.csv, report.xlsx (Rantai)",
                )
            ],
        )
    )
    vac = plan.vacancies.sort_values(
        ["priority", "unit", "position_id"], ascending=[False, True, True], kind="stable"
    )
    vac_cols = ["position_id", "title", "unit", "kind", "priority", "free_seats",
                "eligible_candidates", "reason"]  # fmt: skip
    prios = [as_text(p) for p in vac["priority"]]
    sections.append(
        Section(
            "vacancies",
            label("sec.vacancies", lang),
            tables=[
                interactive_table(
                    "vacancies",
                    vac,
                    _cells(vac_cols),
                    lang,
                    filters=[
                        _unit_filter("opd", vac, ("unit",), lang),
                        Filter(
                            "priority",
                            label("dt.priority", lang),
                            prios,
                            [("", label("dt.everything", lang))]
                            + [(p, p) for p in sorted(set(prios), reverse=True) if p],
                        ),
                    ],
                    files="report.html, vacancies.csv, report.xlsx (Lowongan)",
                )
            ],
        )
    )
    sections.append(_shortlist_section(plan, lang))
    sections.append(_development_section(plan, lang))
    fairness = Section("fairness", label("sec.fairness", lang))
    for key, cell in (("gender", "gender"), ("golongan_group", "text")):
        rows = (kpis.get("fairness") or {}).get(key) or []
        frame = pd.DataFrame(list(rows), columns=list(FAIRNESS_COLUMNS))
        cells = _cells(list(FAIRNESS_COLUMNS))
        cells["group"] = cell  # type: ignore[assignment]
        fairness.tables.append(
            display_table(
                frame, cells, lang, caption=label(f"sec.fairness.{key}", lang), max_rows=None
            )
        )
    sections.append(fairness)
    return sections


SHORTLIST_SHOWN: tuple[tuple[str, Cell], ...] = (
    ("post_unit", "text"), ("priority", "int"), ("rank", "int"), ("name", "text"),
    ("nip", "code"), ("score", "num1"), ("jpm", "num1"), ("jpm_category", "text"),
    ("nine_box", "int"), ("chosen", "bool"), ("why_not_text", "text"),
)  # fmt: skip


def _shortlist_section(plan: PlanLike, lang: Language) -> Section:
    """Per vacancy and priority 4-5 post, the best candidates, who was chosen and why not the
    others: searchable, filtered by OPD, priority and why."""
    frame = plan.shortlist.copy()
    frame["post_unit"] = _post_unit(frame["title"], frame["unit"])
    codes = [
        "chosen" if bool(c) else str(w)
        for c, w in zip(frame["chosen"], frame["why_not"], strict=True)
    ]
    prios = [as_text(p) for p in frame["priority"]]
    everything = label("dt.everything", lang)
    table = interactive_table(
        "shortlist",
        frame,
        dict(SHORTLIST_SHOWN),
        lang,
        filters=[
            _unit_filter("opd", frame, ("unit",), lang),
            Filter(
                "priority",
                label("dt.priority", lang),
                prios,
                [("", everything)] + [(p, p) for p in sorted(set(prios), reverse=True) if p],
            ),
            Filter(
                "why",
                label("dt.why", lang),
                codes,
                options_of(
                    codes,
                    {c: label(f"why_not.{c}", lang) for c in set(codes)},
                    everything=everything,
                ),
            ),
        ],
        headers={
            "post_unit": label("title", lang),
            "score": label("score_short", lang),
            "why_not_text": label("why_not_text", lang),
        },
        files="report.html, shortlist.csv, report.xlsx",
    )
    return Section(
        "shortlist",
        label("sec.shortlist", lang),
        paragraphs=[label("note.shortlist", lang)],
        tables=[table],
    )


def _development_section(plan: PlanLike, lang: Language) -> Section:
    """Every development row, searchable and filtered by OPD and kind."""
    dev = plan.development.sort_values(["gap", "nip", "competency"], kind="stable")
    dev_cols = ["nip", "name", "to_unit", "competency_name", "level", "required", "gap",
                "development_kind", "suggestion", "mentor_name"]  # fmt: skip
    kinds = ["" if not isinstance(k, str) else k for k in dev["development_kind"]]
    cells = _cells(dev_cols)
    cells["development_kind"] = "development_kind"
    trainings, mentors = development_totals(plan.development)
    return Section(
        "development",
        label("sec.development", lang),
        paragraphs=[label("note.development", lang)],
        tables=[
            display_table(
                trainings,
                dict(TRAINING_CELLS),
                lang,
                caption=label("sec.dev_trainings", lang),
                max_rows=None,
            ),
            display_table(
                mentors,
                dict(MENTOR_CELLS),
                lang,
                caption=label("sec.dev_mentors", lang),
                max_rows=None,
            ),
            interactive_table(
                "development",
                dev,
                cells,
                lang,
                filters=[
                    _unit_filter("opd", dev, ("to_unit",), lang),
                    Filter(
                        "kind",
                        label("dt.kind", lang),
                        kinds,
                        options_of(
                            kinds,
                            {k: value_label("development_kind", k, lang) for k in set(kinds)},
                            everything=label("dt.everything", lang),
                        ),
                    ),
                ],
                files="report.html, development.csv, report.xlsx (Pengembangan)",
            ),
        ],
    )


def _no_plan_sections(plan: PlanLike) -> list[Section]:
    lang = _language(plan)
    status = plan.result.status.value
    section = Section("infeasible", label("sec.infeasible", lang))
    section.paragraphs.append(
        label("note.infeasible" if status == "infeasible" else "note.no_solution", lang)
    )
    conflicts = pd.DataFrame(
        [
            {
                "families": ", ".join(c.families),
                "message": c.message,
                "nips": ", ".join(c.nips[:10]) + (" …" if len(c.nips) > 10 else ""),
                "position_ids": ", ".join(c.position_ids[:10])
                + (" …" if len(c.position_ids) > 10 else ""),
            }
            for c in plan.result.conflicts
        ],
        columns=["families", "message", "nips", "position_ids"],
    )
    if len(conflicts) or status == "infeasible":
        section.tables.append(
            display_table(
                conflicts,
                ["families", "message", "nips", "position_ids"],
                lang,
                headers={k: label(f"conflict.{k}", lang) for k in conflicts.columns},
                files="summary.json",
            )
        )
    return [section]


def run_document(
    plan: PlanLike,
    *,
    created_at: dt.datetime,
    image_format: plots.ImageFormat = "svg",
    charts: bool = True,
) -> Document:
    """The run report of ``plan`` as a document (for Markdown and HTML).

    Parameters
    ----------
    plan
        The plan (any status).
    created_at
        Shown in the title block.
    image_format
        ``"svg"`` (inline) or ``"png"`` (data URI) charts.
    charts
        Draw the charts (only the HTML shows them; Markdown names them).
    """
    lang = _language(plan)
    doc = Document(
        title=label("run.title", lang),
        subtitle=label("run.subtitle", lang),
        meta=_meta(plan, created_at, lang),
        language=lang,
        status=plan.result.status.value,
        status_label=value_label("status", plan.result.status.value, lang),
    )
    version = package_versions().get("mutasi-opt") or "?"
    doc.footer = f"mutasi-opt {version}"
    if has_plan(plan):
        doc.footer += f" · {label('note.plots', lang)}"
        doc.kpis = _kpi_cards(
            _kpis(plan), lang, soft_refusals=plan.problem.scenario.rules.refusals == "soft"
        )
        doc.sections = _plan_sections(plan, image_format if charts else None)
    else:
        doc.sections = _no_plan_sections(plan)
    doc.sections.append(_appendix(plan, lang))
    return doc


def run_sheets(
    plan: PlanLike, *, created_at: dt.datetime, frames: Mapping[str, pd.DataFrame] | None = None
) -> list[Sheet]:
    """The sheets of ``report.xlsx`` (:func:`sheet_names`): Ringkasan (key figures as numbers),
    Mutasi (the people moved first), Per OPD (who leaves and who arrives), Rantai, Lowongan,
    Pengembangan, Anggaran Pengembangan (places per training, mentors per OPD), Daftar Pendek
    (the shortlist per post), OPD, Frontier.

    Parameters
    ----------
    plan
        The plan (any status).
    created_at
        Shown in the title block.
    frames
        The four frames as written to the CSVs (columns in contract order), by plan attribute
        name; default: the plan's own frames.
    """
    data = dict(frames or {})
    for attr in ("assignments", "chains", "vacancies", "development", "shortlist"):
        data.setdefault(attr, getattr(plan, attr))
    data.setdefault("frontier", _frontier(plan))
    lang = _language(plan)
    kpis = _kpis(plan)
    blocks: list[Block] = [
        Block("title", text=f"{label('run.title', lang)}: {plan.problem.scenario.name}"),
        Block("pairs", pairs=_meta(plan, created_at, lang)),
    ]
    if has_plan(plan):
        blocks.append(Block("heading", text=label("sec.summary", lang)))
        blocks.append(Block("pairs", pairs=_key_figures(kpis, lang)))
        blocks.append(Block("heading", text=label("sec.solver", lang)))
        blocks.append(Block("pairs", pairs=_solver_figures(plan, lang)))
        by_type = kpis.get("moves_by_type") or {}
        blocks.append(Block("heading", text=label("sec.moves_by_type", lang)))
        blocks.append(
            Block(
                "table",
                frame=pd.DataFrame(
                    {
                        "move_type": list(MOVE_TYPES),
                        "count": [int(by_type.get(t, 0)) for t in MOVE_TYPES],
                    }
                ),
                columns={"move_type": "move_type", "count": "int"},
            )
        )
        for key, cell in (("gender", "gender"), ("golongan_group", "text")):
            rows = (kpis.get("fairness") or {}).get(key) or []
            cells = _cells(list(FAIRNESS_COLUMNS))
            cells["group"] = cell  # type: ignore[assignment]
            blocks.append(
                Block(
                    "heading",
                    text=f"{label('sec.fairness', lang)}: {label(f'sec.fairness.{key}', lang)}",
                )
            )
            blocks.append(
                Block(
                    "table",
                    frame=pd.DataFrame(list(rows), columns=list(FAIRNESS_COLUMNS)),
                    columns=cells,
                )
            )
    else:
        status = plan.result.status.value
        blocks.append(Block("heading", text=label("sec.infeasible", lang)))
        blocks.append(
            Block(
                "pairs",
                pairs=[
                    (
                        "",
                        label(
                            "note.infeasible" if status == "infeasible" else "note.no_solution",
                            lang,
                        ),
                    )
                ],
            )
        )
        blocks.append(
            Block(
                "pairs",
                pairs=[(", ".join(c.families), c.message) for c in plan.result.conflicts],
            )
        )

    def table_sheet(name: str, frame: pd.DataFrame) -> Sheet:
        return Sheet(name, [Block("table", frame=frame, columns=_cells(list(frame.columns)))])

    flows = _flows(kpis)
    names = sheet_names(lang)
    assignments = data["assignments"]
    if len(assignments):
        # The people moved first (in the Transfers order), then those who stay.
        moved = _moves(plan).index
        taken = set(moved)
        order = [*moved, *(k for k in assignments.index if k not in taken)]
        assignments = assignments.loc[order]
    by_opd = opd_movements(assignments if has_plan(plan) else assignments.iloc[0:0])
    return [
        Sheet(names[0], blocks),
        table_sheet(names[1], assignments),
        Sheet(names[2], [Block("table", frame=by_opd, columns=dict(OPD_MOVEMENT_CELLS))]),
        table_sheet(names[3], data["chains"]),
        table_sheet(names[4], data["vacancies"]),
        table_sheet(names[5], data["development"]),
        _budget_sheet(names[6], data["development"], lang),
        table_sheet(names[7], data["shortlist"]),
        table_sheet(names[8], flows),
        table_sheet(names[9], data["frontier"]),
    ]


TRAINING_CELLS: tuple[tuple[str, Cell], ...] = (
    ("suggestion", "text"), ("development_kind", "development_kind"), ("places", "int"),
)  # fmt: skip
MENTOR_CELLS: tuple[tuple[str, Cell], ...] = (
    ("to_unit", "text"), ("people_in", "int"), ("mentors", "int"), ("with_mentor", "int"),
    ("without_mentor", "int"),
)  # fmt: skip


def _budget_sheet(name: str, development: pd.DataFrame, lang: Language) -> Sheet:
    trainings, mentors = development_totals(development)
    return Sheet(
        name,
        [
            Block("heading", text=label("sec.dev_trainings", lang)),
            Block("table", frame=trainings, columns=dict(TRAINING_CELLS)),
            Block("heading", text=label("sec.dev_mentors", lang)),
            Block("table", frame=mentors, columns=dict(MENTOR_CELLS)),
        ],
    )


def sheet_names(lang: Language) -> tuple[str, ...]:
    """The sheet names of ``report.xlsx`` in ``lang`` (:data:`~mutasi_opt.report.columns.RUN_SHEETS`
    in Indonesian, :data:`~mutasi_opt.report.columns.RUN_SHEETS_EN` in English)."""
    return RUN_SHEETS_EN if lang == "en" else RUN_SHEETS


OPD_MOVEMENT_CELLS: tuple[tuple[str, Cell], ...] = (
    ("unit", "text"), ("direction", "direction"), ("nip", "code"), ("name", "text"),
    ("golongan", "text"), ("from_title", "text"), ("from_unit", "text"), ("to_title", "text"),
    ("to_unit", "text"), ("move_type", "move_type"), ("score", "num1"),
)  # fmt: skip
"""Columns of the per-OPD sheet of people leaving and arriving."""


def opd_movements(assignments: pd.DataFrame) -> pd.DataFrame:
    """Per OPD, the people who leave it (``out``), arrive in it (``in``) or change post inside it
    (``within``): one row per person and OPD concerned, by OPD, then direction, then name.

    One sheet with an OPD column (and its filter) rather than a sheet per OPD: a city has 40 and
    more OPDs, and one sheet filtered on an OPD prints that OPD's page(s) alone.
    """
    columns = [c for c, _ in OPD_MOVEMENT_CELLS]
    if not len(assignments):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    moved = assignments.loc[assignments["moved"].fillna(False).astype(bool)]
    same = moved["from_unit"] == moved["to_unit"]
    parts = []
    for mask, column, direction in (
        (same, "to_unit", "within"),
        (~same & moved["from_unit"].notna(), "from_unit", "out"),
        (~same, "to_unit", "in"),
    ):
        part = moved.loc[mask].copy()
        part["unit"] = part[column].to_numpy(dtype=object)
        part["direction"] = direction
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    rank = {"out": 0, "in": 1, "within": 2}
    out["_d"] = out["direction"].map(rank)
    out["_u"] = out["unit"].astype(str).str.casefold()
    out["_n"] = out["name"].astype(str).str.casefold()
    out = out.sort_values(["_u", "_d", "_n", "nip"], kind="stable")
    return out.loc[:, columns].reset_index(drop=True)


def _key_figures(kpis: Mapping[str, Any], lang: Language) -> list[tuple[Any, ...]]:
    """The headline figures as numbers (label, value, kind, detail) for the workbook."""
    people = int(kpis.get("people", 0) or 0)
    moves = int(kpis.get("moves", 0) or 0)
    by_type = kpis.get("moves_by_type") or {}
    largest = kpis.get("largest_net_loss") or {}

    def number(key: str) -> Any:
        value = kpis.get(key)
        return None if value is None else value

    def fit(key: str) -> Any:
        value = kpis.get(key)
        return None if value is None else float(value)

    rows: list[tuple[Any, ...]] = [
        (label("kpi.people", lang), people, "int"),
        (label("kpi.moves", lang), moves, "int"),
        (label("moves_share", lang), moves / people if people else None, "pct"),
        *(
            (
                f"{label('kpi.moves', lang)}: {value_label('move_type', t, lang)}",
                int(by_type.get(t, 0)),
                "int",
            )
            for t in MOVE_TYPES[:4]
        ),
        (
            f"{label('kpi.fit_mean', lang)} ({label('plot.before', lang)})",
            fit("fit_mean_before"),
            "pct",
        ),
        (
            f"{label('kpi.fit_mean', lang)} ({label('plot.after', lang)})",
            fit("fit_mean_after"),
            "pct",
        ),
        (
            f"{label('kpi.jpm_mean', lang)} ({label('plot.before', lang)}, %)",
            number("jpm_mean_before"),
            "num1",
        ),
        (
            f"{label('kpi.jpm_mean', lang)} ({label('plot.after', lang)}, %)",
            number("jpm_mean_after"),
            "num1",
        ),
        (label("kpi.fit_lowering", lang), int(kpis.get("fit_lowering_moves", 0) or 0), "int"),
        (label("kpi.priority_seats", lang), int(kpis.get("priority_seats_filled", 0) or 0), "int"),
        (
            label("kpi.priority_open_before", lang),
            int(kpis.get("priority_seats_open_before", 0) or 0),
            "int",
        ),
        (
            label("kpi.priority_open_after", lang),
            int(kpis.get("priority_seats_open_after", 0) or 0),
            "int",
        ),
        (
            label("kpi.priority_recruitment", lang),
            int(kpis.get("priority_seats_recruitment", 0) or 0),
            "int",
        ),
        (label("kpi.wishes", lang), int(kpis.get("wishes_honoured", 0) or 0), "int"),
        (label("kpi.wishes_people", lang), int(kpis.get("wishes_people", 0) or 0), "int"),
        (label("kpi.no_wish", lang), int(kpis.get("movers_without_wish", 0) or 0), "int"),
        (label("kpi.overdue", lang), int(kpis.get("overdue_tenure_moved", 0) or 0), "int"),
        (
            label("kpi.largest_loss", lang),
            largest.get("net_loss_share"),
            "pct",
            str(largest.get("unit", "") or ""),
        ),
    ]
    return rows


def _solver_figures(plan: PlanLike, lang: Language) -> list[tuple[Any, ...]]:
    """The solver's figures as numbers, for the workbook."""
    result = plan.result
    solver = plan.problem.scenario.solver
    return [
        (label("meta.objective", lang), result.objective, "num4"),
        (label("meta.bound", lang), result.bound, "num4"),
        (label("meta.gap", lang), result.gap, "pct"),
        (label("meta.backend", lang), result.backend or "–"),
        (label("meta.seed", lang), solver.seed, "int"),
        (f"{label('meta.time_limit', lang)} (s)", float(solver.time_limit_s), "num1"),
        (f"{label('meta.solve_time', lang)} (s)", float(sum(result.timings.values())), "num1"),
    ]
