"""Deterministic CSV cells and localised numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutasi_opt.report import csvout
from mutasi_opt.report.csvout import conform, text_frame, write_csv
from mutasi_opt.report.present import display_table, fmt_int, fmt_num, fmt_pct


def test_floats_are_rounded_to_four_decimals_in_shortest_form() -> None:
    frame = pd.DataFrame({"x": [1 / 3, 2.0, -0.00001, np.nan, 87.5, 1e-5, 1234567.891234]})
    assert text_frame(frame)["x"].tolist() == ["0.3333", "2", "0", "", "87.5", "0", "1234567.8912"]


def test_other_types() -> None:
    frame = pd.DataFrame(
        {
            "b": [True, False],
            "i": pd.array([3, None], dtype="Int64"),
            "d": pd.to_datetime(["2026-01-31", None]),
            "o": ["198001012005011001", None],
            "m": [True, None],
        }
    )
    out = text_frame(frame)
    assert out.to_dict("list") == {
        "b": ["true", "false"],
        "i": ["3", ""],
        "d": ["2026-01-31", ""],
        "o": ["198001012005011001", ""],
        "m": ["true", ""],
    }


def test_conform_orders_columns_and_fills_optional_ones() -> None:
    frame = pd.DataFrame({"extra": [1], "b": [2], "a": [3]})
    out = conform(frame, ["a", "b", "c"], ["a"])
    assert list(out.columns) == ["a", "b", "c", "extra"]
    assert out["c"].isna().all()
    with pytest.raises(ValueError, match=r"t\.csv lacks the contract column\(s\) z"):
        conform(frame, ["a"], ["a", "z"], what="t.csv")


def test_write_csv_uses_newline_line_ends_and_utf8(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_csv(pd.DataFrame({"name": ["Ñoman, S.Pd."], "v": [0.5]}), path, ["name", "v"])
    assert path.read_bytes() == 'name,v\n"Ñoman, S.Pd.",0.5\n'.encode()


@pytest.mark.parametrize("rows_at_once", [1, 3, 7, 20_000])
def test_write_csv_in_steps_writes_the_bytes_of_pandas_to_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows_at_once: int
) -> None:
    # Quotes, separators, line breaks, formulas, empty cells, a column of text in some steps and
    # mixed in others: the rows written a few at a time are pandas' own bytes for the whole.
    monkeypatch.setattr(csvout, "CSV_ROWS_AT_ONCE", rows_at_once)
    frame = pd.DataFrame(
        {
            "name": ["Ñoman, S.Pd.", 'say "hi"', "two\nlines", "=SUM(1,2)", "", None, "x"],
            "mixed": ["a", "b", "c", 1.5, True, None, "@cmd"],
            "v": [0.5, np.nan, 1 / 3, -0.0, 2.0, 1e-7, 12.25],
            "n": pd.array([1, None, 3, 4, 5, 6, 7], dtype="Int64"),
            "ok": [True, False, True, False, True, False, True],
        }
    )
    path = tmp_path / "t.csv"
    write_csv(frame, path, list(frame.columns))
    want = text_frame(frame).to_csv(index=False, lineterminator="\n")
    assert path.read_bytes() == want.encode()
    one = tmp_path / "one.csv"
    write_csv(frame.iloc[:0], one, list(frame.columns))
    assert one.read_bytes() == b"name,mixed,v,n,ok\n"


@pytest.mark.parametrize(
    ("value", "language", "decimals", "expected"),
    [
        (1234.5, "id", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (-0.04, "id", 1, "-0,0"),
        (None, "id", 1, "–"),
        (float("nan"), "en", 2, "–"),
        (2_500_000, "id", 0, "2.500.000"),
    ],
)
def test_fmt_num(value: object, language: str, decimals: int, expected: str) -> None:
    assert fmt_num(value, language, decimals) == expected  # type: ignore[arg-type]


def test_fmt_pct_and_int() -> None:
    assert fmt_pct(0.125, "id") == "12,5 %"
    assert fmt_pct(0.125, "en") == "12.5%"
    assert fmt_int(1234, "en") == "1,234"


def test_display_table_labels_cuts_and_aligns() -> None:
    frame = pd.DataFrame({"nip": [f"{k:018d}" for k in range(60)], "score": np.arange(60) / 3})
    table = display_table(frame, {"nip": "text", "score": "num1"}, "id", files="x.csv")
    assert list(table.frame.columns) == ["NIP", "Skor kecocokan"]
    assert len(table.frame) == 50
    assert table.total == 60
    assert table.truncated
    assert table.frame.iloc[1].tolist() == ["000000000000000001", "0,3"]
    assert table.align == {"NIP": "left", "Skor kecocokan": "right"}
    assert table.note("id") == "Menampilkan 50 dari 60 baris; data lengkap ada di x.csv."
    assert table.note("en") == "Showing 50 of 60 rows; the full data is in x.csv."
