"""Text that comes from a user's files, made safe where it crosses an edge.

Names, titles and units come from tables that people type, export and pass around; a scenario's
``name`` becomes a folder. This module holds the few rules that keep such text inert:

- :func:`control_characters`: characters that are invisible, that no workbook may hold (XML 1.0
  refuses C0 controls but tab, line feed and carriage return), or that reorder what a reader sees
  (bidirectional overrides, the "Trojan source" trick). The table readers refuse them.
- :func:`neutralise_csv_text` / :func:`restore_csv_text`: a CSV field that a spreadsheet would
  evaluate (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a
  leading apostrophe, as the OWASP "CSV injection" guidance recommends. A field that is a plain
  number (``-3``, ``+0.5``) is left alone: a spreadsheet reads it as that number and nothing else,
  and numeric columns must stay numeric; so is a lone ``-`` (a placeholder). A field that itself starts with an apostrophe gets one
  more, so :func:`restore_csv_text` gives back exactly what was written.
- :func:`folder_name_problem`: whether a name may be used as one folder name, on Linux and on
  Windows alike (no separator, no ``..``, no character Windows refuses).
- :func:`short_text`: a value as text (a string as it is, anything else as its ``repr``) cut to a
  bounded length without building the whole text first (a YAML alias bomb expands to billions
  of items).
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

__all__ = [
    "FORMULA_PREFIXES",
    "MAX_FOLDER_NAME",
    "control_characters",
    "folder_name_problem",
    "folder_name_problem_id",
    "has_control_character",
    "neutralise_csv_text",
    "restore_csv_text",
    "short_text",
    "strip_control_characters",
]

# C0 controls but tab, line feed and carriage return; DEL; C1 controls; the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""First characters that make a spreadsheet evaluate a cell (with their full-width forms, which
some spreadsheet front ends turn into the ASCII ones)."""

_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")

_WINDOWS_RESERVED = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }
)
_FOLDER_FORBIDDEN = frozenset('/\\:*?"<>|')
MAX_FOLDER_NAME = 100
"""Longest scenario name (the run folder adds a time stamp; file systems allow 255 bytes)."""


def control_characters(text: str) -> list[str]:
    """The distinct control characters in ``text``, as ``U+XXXX``, in order of appearance."""
    found: dict[str, None] = {}
    for char in _CONTROL.findall(text):
        found[f"U+{ord(char):04X}"] = None
    return list(found)


def has_control_character(text: str) -> bool:
    """True when ``text`` holds a character :func:`control_characters` names."""
    return _CONTROL.search(text) is not None


def strip_control_characters(text: str) -> str:
    """``text`` without the characters :func:`control_characters` names (a last defence before a
    workbook; the readers refuse them first)."""
    return _CONTROL.sub("", text)


def neutralise_csv_text(text: str) -> str:
    """``text`` as a CSV field no spreadsheet evaluates (see the module docstring)."""
    if not text:
        return text
    if text.startswith("'"):
        return "'" + text
    if text == "-":
        return text  # a placeholder, never evaluated
    if text.startswith(FORMULA_PREFIXES) and _PLAIN_NUMBER.fullmatch(text) is None:
        return "'" + text
    return text


def restore_csv_text(text: str) -> str:
    """The text :func:`neutralise_csv_text` was given (one leading apostrophe removed)."""
    return text[1:] if text.startswith("'") else text


def folder_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be one folder name, or ``None`` when it can.

    Refused: separators and the other characters Windows does not allow (``/ \\ : * ? " < > |``),
    control characters, ``.`` and ``..``, a leading dot (hidden; the tool's own temporary folders
    start with one), leading or trailing spaces and a trailing dot (Windows drops them), the
    Windows device names (``CON``, ``NUL``, ``COM1``, ...), and more than
    :data:`MAX_FOLDER_NAME` characters.
    """
    problem = _folder_name_problem(name)
    return None if problem is None else problem[0]


def folder_name_problem_id(name: str) -> str | None:
    """:func:`folder_name_problem` in Bahasa Indonesia."""
    problem = _folder_name_problem(name)
    return None if problem is None else problem[1]


def _folder_name_problem(name: str) -> tuple[str, str] | None:
    """Why ``name`` cannot be one folder name, in English and in Indonesian."""
    if not name.strip():
        return "is empty", "kosong"
    bad = sorted({c for c in name if c in _FOLDER_FORBIDDEN})
    if bad:
        shown = " ".join(bad)
        return (
            f"holds {shown}, which a folder name may not (write - instead)",
            f"memuat {shown}, yang tidak boleh ada pada nama folder (tulis - sebagai gantinya)",
        )
    if control_characters(name) or any(c in name for c in "\t\n\r"):
        return "holds a control character", "memuat karakter kendali"
    if name.startswith("."):
        return "starts with a dot (a hidden folder)", "diawali titik (folder tersembunyi)"
    if name != name.strip():
        return "starts or ends with a space", "diawali atau diakhiri spasi"
    if name.endswith("."):
        return "ends with a dot", "diakhiri titik"
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        return "is a device name on Windows", "adalah nama perangkat di Windows"
    if len(name) > MAX_FOLDER_NAME:
        return (
            f"is longer than {MAX_FOLDER_NAME} characters",
            f"lebih panjang dari {MAX_FOLDER_NAME} karakter",
        )
    return None


_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 6
_REPR.maxstring = _REPR.maxother = 120


def short_text(value: Any, limit: int = 200) -> str:
    """``value`` as text of at most ``limit`` characters, built without expanding it."""
    text = value if isinstance(value, str) else _REPR.repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text
