"""Column order of every CSV of the run folder (docs/model.md, "Outputs", extended by the plan).

The CSVs are written with exactly these columns in this order; a column the plan adds beyond them is
appended after, in the plan's order. A column named by docs/model.md that the plan lacks is a bug
and raises; a column of the plan contract that is missing is written empty (so the file keeps its
shape).
"""

from __future__ import annotations

from typing import Final

ASSIGNMENT_COLUMNS: Final[tuple[str, ...]] = (
    "nip", "name", "from_position_id", "from_title", "from_unit", "to_position_id", "to_title",
    "to_unit", "moved", "move_type", "score", "score_before", "jpm_before", "jpm_after", "jpm_category",
    "jpm_category_before", "value", "reason", "reason_code", "chain_id", "gender", "golongan",
    "performance", "nine_box", "wish_rank_honoured",
)  # fmt: skip
ASSIGNMENT_REQUIRED: Final[tuple[str, ...]] = (
    "nip", "name", "from_position_id", "from_unit", "to_position_id", "to_unit", "moved",
    "move_type", "score", "jpm_before", "jpm_after", "jpm_category", "reason", "chain_id",
    "score_before",
)  # fmt: skip

VACANCY_COLUMNS: Final[tuple[str, ...]] = (
    "position_id", "title", "unit", "kind", "jenjang", "priority", "capacity", "holders_after",
    "free_seats", "blocked_by", "reason", "eligible_candidates",
)  # fmt: skip
VACANCY_REQUIRED: Final[tuple[str, ...]] = ("position_id", "unit", "free_seats", "blocked_by")

CHAIN_COLUMNS: Final[tuple[str, ...]] = (
    "chain_id", "chain_type", "step", "nip", "name", "from_position_id", "from_unit",
    "to_position_id", "to_unit", "ends_with",
)  # fmt: skip
CHAIN_REQUIRED: Final[tuple[str, ...]] = ("chain_id", "step", "nip")

DEVELOPMENT_COLUMNS: Final[tuple[str, ...]] = (
    "nip", "name", "to_position_id", "to_unit", "competency", "competency_name", "required",
    "level", "gap", "development_kind", "suggestion", "mentor_nip", "mentor_name",
)  # fmt: skip
DEVELOPMENT_REQUIRED: Final[tuple[str, ...]] = ("nip", "competency", "gap")

FRONTIER_COLUMNS: Final[tuple[str, ...]] = (
    "moves", "moves_share", "placements", "value", "move_price", "fit_mean", "jpm_mean",
    "fit_lowering_moves", "wishes_honoured", "priority_seats_filled", "best_for_moves", "chosen",
    "method",
)  # fmt: skip
FRONTIER_REQUIRED: Final[tuple[str, ...]] = (
    "moves", "value", "fit_mean", "best_for_moves", "chosen",
)  # fmt: skip

SHORTLIST_COLUMNS: Final[tuple[str, ...]] = (
    "position_id", "title", "unit", "priority", "free_before", "rank", "nip", "name",
    "from_title", "from_unit", "score", "jpm", "jpm_category", "nine_box", "value", "chosen",
    "plan_position_id", "plan_title", "plan_unit", "why_not", "why_not_text",
)  # fmt: skip
SHORTLIST_REQUIRED: Final[tuple[str, ...]] = ("position_id", "rank", "nip", "chosen", "why_not")

# File name -> (plan attribute, full column order, columns that must be present).
CSV_FILES: Final[dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]] = {
    "assignments.csv": ("assignments", ASSIGNMENT_COLUMNS, ASSIGNMENT_REQUIRED),
    "vacancies.csv": ("vacancies", VACANCY_COLUMNS, VACANCY_REQUIRED),
    "chains.csv": ("chains", CHAIN_COLUMNS, CHAIN_REQUIRED),
    "development.csv": ("development", DEVELOPMENT_COLUMNS, DEVELOPMENT_REQUIRED),
    "frontier.csv": ("frontier", FRONTIER_COLUMNS, FRONTIER_REQUIRED),
    "shortlist.csv": ("shortlist", SHORTLIST_COLUMNS, SHORTLIST_REQUIRED),
}

RUN_FILES: Final[tuple[str, ...]] = (
    "summary.json", "assignments.csv", "vacancies.csv", "chains.csv", "development.csv",
    "frontier.csv", "shortlist.csv", "report.xlsx", "decree.xlsx", "decree.docx", "report.md", "report.html",
    "proof.json", "manifest.json",
)  # fmt: skip
"""Every file of a complete run folder (all formats)."""

RUN_SHEETS: Final[tuple[str, ...]] = (
    "Ringkasan", "Mutasi", "Per OPD", "Rantai", "Lowongan", "Pengembangan",
    "Anggaran Pengembangan", "Daftar Pendek", "OPD", "Frontier",
)  # fmt: skip
"""Sheet names of ``report.xlsx`` (``output.language: id``, the default)."""

RUN_SHEETS_EN: Final[tuple[str, ...]] = (
    "Summary", "Transfers", "By OPD", "Chains", "Vacancies", "Development", "Development budget",
    "Shortlist", "OPD", "Frontier",
)  # fmt: skip
"""Sheet names of ``report.xlsx`` in English (``output.language: en``), in the same order."""

NEEDS_FILES: Final[tuple[str, ...]] = ("needs.xlsx", "needs.md", "needs.html")
"""Every file of a needs-analysis folder."""
