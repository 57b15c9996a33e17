"""The terminal's language: Bahasa Indonesia unless asked for English.

The language of help, progress, messages and summary lines is, first to last:

1. ``--language id|en`` on the command line (before or after the command's name);
2. the environment variable ``MUTASI_OPT_LANGUAGE`` (a user's standing preference);
3. for a command that reads a scenario, its ``output.language``;
4. Indonesian.

Help texts are made when the commands are registered, so :func:`mutasi_opt.cli.main` settles the
language from the command line and the environment before it loads them; a command that reads a
scenario may then follow the scenario's language for what it prints.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from mutasi_opt.errors import InputError, InputIssue, Language

__all__ = [
    "ENV_VAR",
    "current",
    "from_argv",
    "say",
    "set_current",
    "settle",
    "use",
]

ENV_VAR: Final = "MUTASI_OPT_LANGUAGE"
LANGUAGES: Final[tuple[Language, ...]] = ("id", "en")

_current: list[Language] = ["id"]


def current() -> Language:
    """The language the terminal speaks now."""
    return _current[0]


def set_current(language: Language) -> None:
    """Speak ``language`` from now on."""
    _current[0] = language


def say(indonesian: str, english: str) -> str:
    """The text in the terminal's language."""
    return english if _current[0] == "en" else indonesian


def _valid(value: str | None) -> Language | None:
    if value is None:
        return None
    text = value.strip().lower()
    if text == "id":
        return "id"
    if text == "en":
        return "en"
    return None


def from_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--language`` on a command line (``--language en`` or ``--language=en``),
    as written, or ``None``."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--language" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--language="):
            return arg.split("=", 1)[1]
    return None


def from_environment() -> Language | None:
    """``MUTASI_OPT_LANGUAGE`` when it names a language (anything else is ignored)."""
    return _valid(os.environ.get(ENV_VAR))


def settle(argv: Sequence[str]) -> None:
    """Choose the language from the command line, else the environment, else Indonesian (a
    wrong ``--language`` value is reported by the command itself, in Indonesian)."""
    set_current(_valid(from_argv(argv)) or from_environment() or "id")


def use(language: str | None, scenario: Path | None = None) -> Language:
    """The command's ``--language`` (checked), else the environment, else the scenario's
    ``output.language``, else Indonesian; the terminal speaks it from now on.

    Raises
    ------
    InputError
        ``language`` is neither ``id`` nor ``en``.
    """
    chosen = _valid(language)
    if language is not None and chosen is None:
        raise InputError(
            [
                InputIssue(
                    "bad_value",
                    "--language is id or en",
                    column="--language",
                    value=language[:20],
                    message_id="--language bernilai id atau en",
                )
            ]
        )
    chosen = chosen or from_environment() or _scenario_language(scenario) or "id"
    set_current(chosen)
    return chosen


def _scenario_language(path: Path | None) -> Language | None:
    """The scenario's ``output.language`` (its base's, through ``extends``); ``None`` when the
    scenario cannot be read (the command reports why when it loads it)."""
    if path is None:
        return None
    try:
        from mutasi_opt.scenario import load_scenario

        return _valid(load_scenario(path).output.language)
    except Exception:  # only a peek: loading the scenario reports any problem
        return None
