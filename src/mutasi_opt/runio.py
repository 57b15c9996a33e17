"""Reading the files of a run folder: the JSON files (``summary.json``, ``manifest.json``) and the
CSVs (their text fields back as they were before the CSV writer neutralised them, see
:mod:`mutasi_opt.report.csvout`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.textsafe import restore_csv_text, short_text

__all__ = ["MAX_JSON_BYTES", "read_csv_text", "read_run_json"]

MAX_JSON_BYTES = 256 << 20
"""A run folder's JSON files are far smaller; a larger one is refused before it is read."""


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def read_run_json(path: Path) -> dict[str, Any]:
    """A JSON object from a run folder.

    Raises
    ------
    InputError
        The file is missing (not a run folder), not JSON, or not an object.
    """
    try:
        if path.is_file() and path.stat().st_size > MAX_JSON_BYTES:
            raise InputError(
                [
                    InputIssue(
                        "bad_json",
                        f"larger than {MAX_JSON_BYTES >> 20} MiB; not a file mutasi-opt wrote",
                        file=str(path),
                        message_id=f"lebih besar dari {MAX_JSON_BYTES >> 20} MiB; bukan berkas "
                        "yang ditulis mutasi-opt",
                    )
                ]
            )
        data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)
    except FileNotFoundError:
        raise InputError(
            [
                InputIssue(
                    "not_a_run",
                    "not a run folder: this file is missing",
                    file=str(path),
                    message_id="bukan folder run: berkas ini tidak ada",
                )
            ]
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                InputIssue(
                    "bad_json",
                    f"not valid JSON ({exc.msg})",
                    file=str(path),
                    row=exc.lineno,
                    message_id=f"bukan JSON yang sah ({exc.msg})",
                )
            ]
        ) from None
    except _DuplicateKey as exc:
        raise InputError(
            [
                InputIssue(
                    "bad_json",
                    "a key is written twice in one object",
                    file=str(path),
                    column=short_text(exc.key, 80),
                    message_id="sebuah kunci ditulis dua kali dalam satu objek",
                )
            ]
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            [
                InputIssue(
                    "bad_json", "not UTF-8 text", file=str(path), message_id="bukan teks UTF-8"
                )
            ]
        ) from None
    except RecursionError:
        raise InputError(
            [
                InputIssue(
                    "bad_json",
                    "nested too deeply to be a file mutasi-opt wrote",
                    file=str(path),
                    message_id="bersarang terlalu dalam untuk berkas yang ditulis mutasi-opt",
                )
            ]
        ) from None
    except IsADirectoryError:
        raise InputError(
            [
                InputIssue(
                    "bad_json",
                    "is a folder, not a file",
                    file=str(path),
                    message_id="adalah folder, bukan berkas",
                )
            ]
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            [
                InputIssue(
                    "bad_json",
                    "expected a JSON object",
                    file=str(path),
                    message_id="seharusnya objek JSON",
                )
            ]
        )
    return data


def read_csv_text(path: Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A CSV of a run folder, every field as text, as it was before it was neutralised.

    Parameters
    ----------
    path
        The file.
    columns
        Read only these columns (all when ``None``).

    Raises
    ------
    FileNotFoundError, UnicodeDecodeError, pandas.errors.ParserError, pandas.errors.EmptyDataError,
    ValueError
        As :func:`pandas.read_csv` does (a missing column of ``columns`` is a ``ValueError``).
    """
    frame = pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,
        encoding="utf-8",
        usecols=None if columns is None else list(columns),
    )
    for column in frame.columns:
        frame[column] = frame[column].map(restore_csv_text)
    return frame
