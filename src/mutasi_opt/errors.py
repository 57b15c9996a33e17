"""Problems found in the input, collected and reported all at once.

Every reader and cross-table check appends :class:`InputIssue` objects to a list instead of
raising at the first one; at the end of loading the list is raised as one :class:`InputError`
(errors) or kept as warnings (allowed but suspicious input). The CLI prints them and exits 2.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
Language = Literal["id", "en"]
"""Bahasa Indonesia (the default of every user-facing text) or English."""

MAX_VALUE_CHARS = 120
"""A value is shown in a message with at most this many characters (a cell may hold megabytes)."""


@dataclass(frozen=True, slots=True)
class InputIssue:
    """One problem in one place of the input.

    Parameters
    ----------
    rule
        Short stable code of the rule that was broken, e.g. ``"duplicate_nip"``.
    message
        The rule in words, e.g. ``"NIP appears more than once"``.
    file
        The file (or ``file.xlsx[sheet]``) the problem is in.
    row
        Row number as a spreadsheet shows it (the header is row 1), or ``None``.
    column
        Column name, or ``None`` when the problem is not about one column.
    value
        The offending value as text, or ``None``.
    severity
        ``"error"`` stops the run; ``"warning"`` is printed and counted.
    message_id
        The same rule in Indonesian words (the terminal's default language); ``None`` falls back
        to ``message``.
    """

    rule: str
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    severity: Severity = "error"
    message_id: str | None = None

    def location(self, language: Language = "en") -> str:
        """``file, row R, column C`` with the parts that are known (``file, baris R, kolom C``
        in Indonesian)."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.row is not None:
            parts.append(f"{'baris' if language == 'id' else 'row'} {self.row}")
        if self.column:
            # In a scenario file the "column" is a dotted key.
            key = (self.file or "").endswith((".yaml", ".yml", ".json"))
            label = (
                ("kunci" if key else "kolom") if language == "id" else ("key" if key else "column")
            )
            parts.append(f"{label} {self.column!r}")
        return ", ".join(parts)

    def text(self, language: Language = "en") -> str:
        """The issue as one line: where, the rule in words, the value, and the rule's code."""
        where = self.location(language)
        shown = self.value
        if shown is not None and len(shown) > MAX_VALUE_CHARS:
            shown = shown[: MAX_VALUE_CHARS - 3] + "..."
        words = self.message_id if language == "id" and self.message_id else self.message
        value = ""
        if shown is not None:
            value = f" ({'nilai' if language == 'id' else 'value'} {shown!r})"
        head = f"{where}: " if where else ""
        return f"{head}{words}{value} [{self.rule}]"

    def __str__(self) -> str:
        return self.text("en")


class InputError(Exception):
    """The input cannot be used; holds every problem found, not only the first.

    Parameters
    ----------
    issues
        The errors (severity ``"error"``) found while loading.
    warnings
        Warnings collected up to the point of failure, for completeness.
    """

    def __init__(self, issues: Sequence[InputIssue], warnings: Sequence[InputIssue] = ()) -> None:
        self.issues: list[InputIssue] = list(issues)
        self.warnings: list[InputIssue] = list(warnings)
        super().__init__(self._text())

    def _text(self) -> str:
        n = len(self.issues)
        lines = [f"{n} problem{'s' if n != 1 else ''} in the input:"]
        lines.extend(f"  - {issue}" for issue in self.issues)
        return "\n".join(lines)

    def by_rule(self) -> dict[str, list[InputIssue]]:
        """The issues grouped by rule code, in order of first appearance."""
        groups: dict[str, list[InputIssue]] = {}
        for issue in self.issues:
            groups.setdefault(issue.rule, []).append(issue)
        return groups


class IssueCollector:
    """Accumulates issues; raises them together with :meth:`raise_if_errors`."""

    def __init__(self) -> None:
        self.errors: list[InputIssue] = []
        self.warnings: list[InputIssue] = []

    def add(self, issue: InputIssue) -> None:
        """Record one issue under its severity."""
        (self.errors if issue.severity == "error" else self.warnings).append(issue)

    def error(self, rule: str, message: str, **where: object) -> None:
        """Record an error; ``where`` takes ``file``, ``row``, ``column``, ``value`` and
        ``message_id`` (the message in Indonesian)."""
        self.add(_issue(rule, message, "error", where))

    def warn(self, rule: str, message: str, **where: object) -> None:
        """Record a warning; ``where`` takes ``file``, ``row``, ``column``, ``value`` and
        ``message_id`` (the message in Indonesian)."""
        self.add(_issue(rule, message, "warning", where))

    def extend(self, issues: Iterable[InputIssue]) -> None:
        """Record several issues."""
        for issue in issues:
            self.add(issue)

    @property
    def ok(self) -> bool:
        """True while no error has been recorded."""
        return not self.errors

    def raise_if_errors(self) -> None:
        """Raise one :class:`InputError` holding every error, if there is any."""
        if self.errors:
            raise InputError(self.errors, self.warnings)


def _issue(rule: str, message: str, severity: Severity, where: dict[str, object]) -> InputIssue:
    row = where.get("row")
    value = where.get("value")
    file = where.get("file")
    column = where.get("column")
    message_id = where.get("message_id")
    return InputIssue(
        rule=rule,
        message=message,
        file=None if file is None else str(file),
        row=None if row is None else int(str(row)),
        column=None if column is None else str(column),
        value=None if value is None else str(value),
        severity=severity,
        message_id=None if message_id is None else str(message_id),
    )
