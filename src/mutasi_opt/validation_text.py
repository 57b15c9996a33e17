"""Indonesian words for what pydantic and the scenario validators refuse.

A scenario or sweep file is validated by pydantic, whose messages are English (``Input should be
greater than or equal to 0``). :func:`pydantic_message_id` gives the same message in Bahasa
Indonesia from the error's ``type`` and ``ctx`` (the numbers, the allowed values); a type not
listed gives ``None`` and the English message is shown.

A validator of our own raises :class:`LocalizedValueError`, a ``ValueError`` that carries its
Indonesian text next to the English one; pydantic keeps the exception in the error's ``ctx``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["LocalizedValueError", "pydantic_message_id"]


class LocalizedValueError(ValueError):
    """A validator's refusal in English (the exception's text) and in Indonesian.

    Parameters
    ----------
    message
        English, as pydantic shows it (``Value error, <message>``).
    message_id
        The same in Bahasa Indonesia.
    """

    def __init__(self, message: str, message_id: str) -> None:
        super().__init__(message)
        self.message_id = message_id


def _number(value: Any) -> str:
    """``0.0`` as ``0`` (as pydantic writes it), anything else as it is."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _choices(expected: Any) -> str:
    """pydantic's ``'a', 'b' or 'c'`` with ``atau`` for ``or``."""
    text = str(expected)
    head, sep, tail = text.rpartition(" or ")
    return f"{head} atau {tail}" if sep else text


_FIXED: dict[str, str] = {
    "missing": "kunci wajib tidak ada",
    "extra_forbidden": "kunci tidak dikenal (periksa ejaannya)",
    "int_parsing": "nilai harus bilangan bulat",
    "int_type": "nilai harus bilangan bulat",
    "int_from_float": "nilai harus bilangan bulat, bukan pecahan",
    "float_parsing": "nilai harus angka",
    "float_type": "nilai harus angka",
    "finite_number": "nilai harus angka yang terhingga",
    "bool_parsing": "nilai harus true atau false",
    "bool_type": "nilai harus true atau false",
    "string_type": "nilai harus teks",
    "dict_type": "nilai harus pemetaan kunci ke nilai",
    "model_type": "nilai harus pemetaan kunci ke nilai",
    "model_attributes_type": "nilai harus pemetaan kunci ke nilai",
    "list_type": "nilai harus daftar",
    "tuple_type": "nilai harus daftar",
    "set_type": "nilai harus daftar",
    "path_type": "nilai harus path berkas",
    "date_parsing": "bukan tanggal (tulis YYYY-MM-DD)",
    "date_type": "bukan tanggal (tulis YYYY-MM-DD)",
    "date_from_datetime_parsing": "bukan tanggal (tulis YYYY-MM-DD)",
    "date_from_datetime_inexact": "tanggal tidak boleh memuat jam",
    "none_required": "nilai harus kosong (null)",
}


def pydantic_message_id(error: Mapping[str, Any]) -> str | None:
    """One pydantic error (an item of ``ValidationError.errors()``) in Indonesian words, or
    ``None`` when its type has no translation here."""
    kind = str(error.get("type", ""))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in _FIXED:
        return _FIXED[kind]
    if kind == "value_error":
        cause = ctx.get("error")
        return cause.message_id if isinstance(cause, LocalizedValueError) else None
    if kind in ("literal_error", "enum"):
        return f"nilai harus salah satu dari {_choices(ctx.get('expected', ''))}"
    if kind == "greater_than":
        return f"nilai harus lebih dari {_number(ctx.get('gt'))}"
    if kind == "greater_than_equal":
        return f"nilai paling kecil {_number(ctx.get('ge'))}"
    if kind == "less_than":
        return f"nilai harus kurang dari {_number(ctx.get('lt'))}"
    if kind == "less_than_equal":
        return f"nilai paling besar {_number(ctx.get('le'))}"
    if kind == "multiple_of":
        return f"nilai harus kelipatan {_number(ctx.get('multiple_of'))}"
    if kind == "string_too_short":
        n = ctx.get("min_length")
        return "nilai tidak boleh kosong" if n == 1 else f"teks paling sedikit {n} karakter"
    if kind == "string_too_long":
        return f"teks paling banyak {ctx.get('max_length')} karakter"
    if kind == "too_short":
        n = ctx.get("min_length")
        return "daftar tidak boleh kosong" if n == 1 else f"daftar paling sedikit {n} isian"
    if kind == "too_long":
        return f"daftar paling banyak {ctx.get('max_length')} isian"
    if kind == "string_pattern_mismatch":
        return f"teks tidak sesuai pola {ctx.get('pattern')!r}"
    return None
