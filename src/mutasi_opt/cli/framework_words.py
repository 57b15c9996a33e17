"""The words typer prints itself (panel titles, "try --help", defaults, its errors), in Indonesian.

typer marks these texts for GNU gettext but ships no Indonesian catalogue, and a catalogue would be
chosen by the machine's locale rather than by ``--language``. It looks them up through the
module-level ``_`` of ``typer.core`` and ``typer.rich_utils`` and a few constants of the latter;
:func:`speak` points those at the table below. The click that typer carries inside
(``typer._click``) has no such hook: its usage line and parsing errors ("Usage:", "Missing
argument", "No such option") stay English. typer's version is pinned in ``constraints.txt``;
``tests/cli/test_language.py`` fails when an upgrade renames what is replaced here.
"""

from __future__ import annotations

import gettext
import importlib
from typing import Final

from mutasi_opt.errors import Language

__all__ = ["INDONESIAN", "speak"]

INDONESIAN: Final[dict[str, str]] = {
    "Arguments": "Argumen",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Error": "Galat",
    "Aborted!": "Dibatalkan!",
    "Aborted.": "Dibatalkan.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan."
    ),
    "[default: {}]": "[bawaan: {}]",
    "default: {default}": "bawaan: {default}",
    "[required]": "[wajib]",
    "required": "wajib",
    "[env var: {}]": "[variabel lingkungan: {}]",
    "env var: {var}": "variabel lingkungan: {var}",
    "(deprecated) ": "(usang) ",
    "(dynamic)": "(dinamis)",
    "Missing command.": "Perintah tidak ada.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
}
"""English text of typer → Indonesian (placeholders kept)."""

_MODULES: Final = ("typer.core", "typer.rich_utils")

_RICH_CONSTANTS: Final = (
    "ARGUMENTS_PANEL_TITLE",
    "OPTIONS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
    "ERRORS_PANEL_TITLE",
    "ABORTED_TEXT",
    "RICH_HELP",
    "DEFAULT_STRING",
    "REQUIRED_LONG_STRING",
    "ENVVAR_STRING",
    "DEPRECATED_STRING",
)


def _gettext(message: str) -> str:
    return INDONESIAN.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


_ENGLISH_CONSTANTS: dict[str, str] = {}


def speak(language: Language) -> None:
    """Make typer and click print their own words in ``language`` from now on (for the rest of
    the process; calling it again switches back)."""
    indonesian = language == "id"
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _gettext if indonesian else gettext.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext if indonesian else gettext.ngettext  # type: ignore[attr-defined]
    rich_utils = importlib.import_module("typer.rich_utils")
    for constant in _RICH_CONSTANTS:
        english = _ENGLISH_CONSTANTS.setdefault(constant, getattr(rich_utils, constant))
        setattr(rich_utils, constant, _gettext(english) if indonesian else english)
