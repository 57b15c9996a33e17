"""What ``mutasi-opt import-siasn`` mapped: ``mapping.csv`` and ``import-report.md``.

``mapping.csv`` has one row per thing mapped, so that an analyst can sort and filter it in a
spreadsheet (:data:`MAPPING_COLUMNS`):

- ``column``: each column of the export, the engine column it feeds (or that it is not used);
- ``value``: each distinct SIASN value of ``golongan``, ``education``, ``status`` and the
  employment type, the engine value it became, and for how many people;
- ``post``: how many posts were built of each kind of jabatan, and from which ids;
- ``performance``: how many people's ``performance`` and ``performance_prev`` the SKP history gave.

``import-report.md`` says what was written, what to check in the draft of the posts, the
warnings, and the next commands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from mutasi_opt.errors import InputIssue
from mutasi_opt.siasn_import.drafts import PostNote
from mutasi_opt.tables import siasn
from mutasi_opt.tables.skp import HistoryFill
from mutasi_opt.tables.source import RawTable

__all__ = ["MAPPING_COLUMNS", "ImportFacts", "mapping_frame", "report_markdown"]

AUX = siasn.AUX_PREFIX

MAPPING_COLUMNS = ("what", "siasn_column", "siasn_value", "engine_column", "engine_value", "rows")

_AUX_ROLE = {
    "golongan_id": "golongan (where the name is empty)",
    "education_id": "education (where the name is empty)",
    "status_id": "status (where the name is empty)",
    "jenis_pegawai": "asn_type",
    "status_pegawai": "asn_type",
    "unor_id": "position_id (built)",
    "unor_nama": "positions.unit (draft)",
    "unor_induk_nama": "positions.unit (draft)",
    "jenis_jabatan_id": "position_id (built) and positions.kind (draft)",
    "jenis_jabatan": "position_id (built) and positions.kind (draft)",
    "jabatan_id": "position_id (built)",
    "jabatan_struktural_id": "position_id (built)",
    "jabatan_fungsional_id": "position_id (built)",
    "jabatan_fungsional_umum_id": "position_id (built)",
    "jabatan_nama": "positions.title (draft)",
    "eselon": "positions.kind (draft)",
    "eselon_id": "positions.kind (draft)",
}
_JENIS_NAME = {
    "struktural": ("Jabatan Struktural", "unor_id"),
    "fungsional": ("Jabatan Fungsional Tertentu", "jabatan_id@unor_id"),
    "umum": ("Jabatan Fungsional Umum (pelaksana)", "jabatan_id@unor_id"),
}


@dataclass(frozen=True)
class ImportFacts:
    """What the import read and built, for the report."""

    export: str
    skp_history: str | None
    raw: RawTable
    folded: RawTable
    employees: pd.DataFrame
    positions: pd.DataFrame
    kinds: pd.Series
    filled: HistoryFill | None
    notes: Sequence[PostNote]
    warnings: Sequence[InputIssue]


def _row(
    what: str, column: str, value: str, engine: str, engine_value: str, rows: int | None
) -> dict:
    return dict(
        zip(MAPPING_COLUMNS, (what, column, value, engine, engine_value, rows), strict=True)
    )


def mapping_frame(facts: ImportFacts) -> pd.DataFrame:
    """The rows of ``mapping.csv`` (see the module docstring)."""
    raw, folded, e = facts.raw, facts.folded, facts.employees
    rows: list[dict] = []
    for column, header in raw.headers.items():
        role = _AUX_ROLE.get(column.removeprefix(AUX), column) if column.startswith(AUX) else column
        rows.append(_row("column", header, "", role, "", int(raw.frame[column].notna().sum())))
    rows += [_row("column", h, "", "(known SIASN field, not used)", "", None) for h in raw.ignored]
    rows += [_row("column", h, "", "(unknown column, not used)", "", None) for h in raw.unused]
    for column in ("golongan", "education", "status"):
        if column not in folded.frame.columns:
            continue
        where = folded.cell_columns.get(column)
        headers = (
            pd.Series(where, dtype=object)
            if where is not None
            else pd.Series([folded.headers.get(column, column)] * len(e), dtype=object)
        )
        table = pd.DataFrame(
            {"h": headers, "v": folded.frame[column].reset_index(drop=True), "e": e[column]}
        )
        for h, v, x, n in _counts(table):
            rows.append(_row("value", h, v, column, x, n))
    rows += _type_rows(facts)
    for kind, (name, built) in _JENIS_NAME.items():
        held = facts.kinds == kind
        if held.any():
            posts = e.loc[held.to_numpy(), "position_id"].nunique()
            rows.append(_row("post", built, name, "position_id", f"{posts} posts", int(held.sum())))
    if facts.filled is not None:
        rows.append(_row("performance", "skp_history (latest year)", "", "performance", "",
                         facts.filled.performance))  # fmt: skip
        rows.append(_row("performance", "skp_history (year before)", "", "performance_prev", "",
                         facts.filled.performance_prev))  # fmt: skip
    out = pd.DataFrame(rows, columns=list(MAPPING_COLUMNS))
    out["rows"] = out["rows"].astype("Int64")
    return out


def _type_rows(facts: ImportFacts) -> list[dict]:
    """Employment type: the SIASN columns that state it, per distinct combination."""
    raw, e = facts.raw, facts.employees
    sources = [c for c in (AUX + "jenis_pegawai", AUX + "status_pegawai") if c in raw.frame]
    if "asn_type" in raw.frame.columns or not sources:
        return []
    label = " + ".join(raw.headers[c] for c in sources)
    values = raw.frame[sources].reset_index(drop=True).fillna("-").astype(str)
    combined = values.apply(lambda r: " / ".join(r), axis=1) if len(values) else values
    table = pd.DataFrame({"h": label, "v": combined, "e": e["asn_type"]})
    return [_row("value", h, v, "asn_type", x, n) for h, v, x, n in _counts(table)]


def _counts(table: pd.DataFrame) -> list[tuple[str, str, str, int]]:
    """(header, SIASN value, engine value, rows) per distinct row of ``table`` (columns h, v, e)."""
    text = table.astype(object).where(table.notna(), "").astype(str)
    sizes = text.groupby(["h", "v", "e"], sort=True).size()
    return [
        (str(h), str(v), str(x), int(n)) for (h, v, x), n in zip(sizes.index, sizes, strict=True)
    ]


def _cell(text: object) -> str:
    """A Markdown table cell: no pipe, line break, tag or link (names come from the export)."""
    out = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return out.replace("<", "&lt;").replace("[", "\\[").replace("]", "\\]")


def report_markdown(facts: ImportFacts, folder: str) -> str:
    """``import-report.md``: what was written, what to check, the warnings, what to run next."""
    e, p = facts.employees, facts.positions
    placed = int(e["position_id"].notna().sum())
    not_active = int((e["status"] != "aktif").sum())
    lines = [
        "# SIASN import",
        "",
        f"Read `{_cell(facts.export)}`: {len(e)} people, {placed} of them in a post, "
        f"{not_active} not active (they stay in place; the reason names their SIASN status).",
    ]
    if facts.skp_history:
        lines.append(f"Performance from the SKP history `{_cell(facts.skp_history)}`.")
    lines += [
        "",
        "| file | rows | what |",
        "|---|---:|---|",
        f"| `employees.csv` | {len(e)} | the people, in the engine's columns |",
        f"| `positions.csv` | {len(p)} | a draft of the posts held: check it (below) |",
        "| `mapping.csv` | | what was mapped, column by column and value by value |",
        "| `scenario.yaml` | | a round on these tables with the default rules |",
        "",
        "## Check before planning",
        "",
    ]
    if facts.skp_history is None:
        missing = int(e["performance"].isna().sum())
        lines.append(
            f"- **performance**: SIASN's export has no SKP predikat; {missing} people have none. "
            "Fill `performance` (and `performance_prev`) in `employees.csv`, or import again with "
            "`--skp-history` (one row per person and year: `nipBaru, tahun, kuadranKinerja`)."
        )
    lines += [
        "- **vacant posts**: an employee export lists only posts that someone holds. Add the "
        "vacant ones (from the *peta jabatan*) to `positions.csv`, and raise `capacity` where a "
        "formation has free seats.",
        "- **units**: `unit` is the unit above the post where the export names it, else the "
        "post's own unit (`unor_nama`), which for a structural post may be a bidang: make each "
        "`unit` the OPD.",
        "- **competencies**: SIASN does not hold competency levels. Without `competencies` and "
        "`requirements` tables every fit is 0 and the plan follows wishes and priorities only.",
    ]
    if facts.notes:
        lines += [
            "",
            f"### Posts to check ({len(facts.notes)})",
            "",
            "| position_id | title | check |",
            "|---|---|---|",
        ]
        lines += [f"| `{_cell(n.position_id)}` | {_cell(n.title)} | {_cell(n.note)} |"
                  for n in facts.notes]  # fmt: skip
    if facts.warnings:
        lines += ["", f"## Warnings ({len(facts.warnings)})", ""]
        lines += [f"- {_cell(w)}" for w in facts.warnings]
    lines += [
        "",
        "## Next",
        "",
        "```",
        f"mutasi-opt validate {folder}/scenario.yaml",
        f"mutasi-opt solve {folder}/scenario.yaml",
        "```",
        "",
        "Importing again with `--force` replaces these files, edits included: keep your edited "
        "tables elsewhere, or point the scenario at them.",
        "",
    ]
    return "\n".join(lines)
