"""The words of the decisions table (``data.decisions``): the rulings and their spellings."""

from __future__ import annotations

from typing import Final

from mutasi_opt.tables.aliases import value_key

__all__ = ["DECISIONS", "DECISION_ALIASES"]

DECISIONS: Final[tuple[str, ...]] = ("keep", "forbid", "assign")
"""The rulings, as the engine names them."""

DECISION_ALIASES: Final[dict[str, str]] = {
    **{value_key(d): d for d in DECISIONS},
    "STAY": "keep",
    "TETAP": "keep",
    "PERTAHANKAN": "keep",
    "LARANG": "forbid",
    "TOLAK": "forbid",
    "JANGAN": "forbid",
    "TETAPKAN": "assign",
    "TEMPATKAN": "assign",
}
"""Accepted spellings (compared on :func:`~mutasi_opt.tables.aliases.value_key`)."""
