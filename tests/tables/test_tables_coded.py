"""The readers' codes of text columns (mutasi_opt.tables.coded): always what the columns hold.

The CSV reader keeps each column's distinct values and per-row codes beside the text, and the
parsers, checks, problem builder and audit use them instead of hashing a long column again. They
must describe the final tables exactly, survive the header being a value too, blanks, padded
and merged spellings, and never be used once a column was replaced.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutasi_opt.errors import InputError, IssueCollector
from mutasi_opt.tables.coded import Coded
from mutasi_opt.tables.read import read_tables
from mutasi_opt.tables.source import read_csv

NIPS = ("197501012000031001", "199212122020122006")


def _scores(folder: Path, body: str, good_paths: dict[str, Path]) -> dict[str, Path]:
    path = folder / "scores.csv"
    path.write_text("nip,position_id,score\n" + body, encoding="utf-8")
    return {**good_paths, "scores": path}


def _described(codes: Coded | None, column: pd.Series) -> None:
    assert codes is not None
    expected = column.to_numpy(dtype=object)
    assert codes.values().tolist() == expected.tolist()
    assert sorted(map(str, codes.uniques)) == sorted({str(v) for v in expected if v is not None})


def test_codes_describe_the_final_columns(tmp_path: Path, good_paths: dict[str, Path]) -> None:
    # Padded spellings, a leading apostrophe and a blank row: each distinct final value once, each
    # row's code pointing at its own value.
    body = f" {NIPS[0]} ,P06,82.5\n'{NIPS[1]},P04,70\n{NIPS[0]},P04,60\n\n{NIPS[1]},P06 ,10\n"
    tables = read_tables(_scores(tmp_path, body, good_paths))
    scores = tables.scores
    assert scores["nip"].tolist() == [NIPS[0], NIPS[1], NIPS[0], NIPS[1]]
    assert scores["position_id"].tolist() == ["P06", "P04", "P04", "P06"]
    for column in ("nip", "position_id"):
        _described(tables.coded_column("scores", column), scores[column])
    assert tables.coded_column("scores", "score") is None  # numbers are not text


def test_codes_of_a_replaced_column_are_not_used(
    tmp_path: Path, good_paths: dict[str, Path]
) -> None:
    tables = read_tables(_scores(tmp_path, f"{NIPS[0]},P06,82.5\n{NIPS[1]},P04,70\n", good_paths))
    swapped = tables.scores.assign(position_id=["P04", "P06"])
    other = dataclasses.replace(tables, scores=swapped)
    assert other.coded_column("scores", "position_id") is None
    # The same values in a new frame are recognised (compared value by value), and kept.
    same = dataclasses.replace(tables, scores=tables.scores.copy())
    _described(same.coded_column("scores", "position_id"), same.scores["position_id"])


def test_duplicates_and_unknown_names_are_found_by_code(
    tmp_path: Path, good_paths: dict[str, Path]
) -> None:
    # The NIP written with its printed spaces is the same NIP: a repeated pair, and an unknown
    # post, each reported on its own row.
    spaced = f"{NIPS[0][:8]} {NIPS[0][8:14]} {NIPS[0][14]} {NIPS[0][15:]}"
    body = f"{NIPS[0]},P06,82.5\n{spaced},P06,70\n{NIPS[1]},NOPE,10\n"
    with pytest.raises(InputError) as err:
        read_tables(_scores(tmp_path, body, good_paths))
    found = {(i.rule, i.row) for i in err.value.issues if i.file and i.file.endswith("scores.csv")}
    assert ("duplicate_score", 3) in found
    assert ("unknown_position", 4) in found


def test_mapped_codes_merge_equal_texts_and_drop_the_unheld() -> None:
    codes = np.array([0, 2, 2, -1, 0], dtype=np.int16)
    merged = Coded.mapped(codes, ["a", "b", "a"])
    assert merged.values().tolist() == ["a", "a", "a", None, "a"]
    assert merged.uniques.tolist() == ["a"]
    kept = Coded.mapped(np.array([1, 1, -1], dtype=np.int8), ["x", "y", None], all_held=False)
    assert kept.uniques.tolist() == ["y"]
    assert kept.codes.tolist() == [0, 0, -1]


@pytest.mark.parametrize("header_is_a_value", [False, True])
def test_a_value_equal_to_its_header_keeps_its_code(
    tmp_path: Path, header_is_a_value: bool
) -> None:
    # The CSV is read as categories with the header row among the data: the header's category
    # goes only when no other row holds it.
    path = tmp_path / "employees.csv"
    names = ["Ani", "name" if header_is_a_value else "Budi", "Ani", ""]
    path.write_text("nip,name\n" + "".join(f"{i},{v}\n" for i, v in enumerate(names)))
    raw = read_csv(path, "employees", str(path), IssueCollector())
    assert raw is not None
    codes = raw.coded_column("name")
    assert codes is not None
    assert codes.values().tolist() == ["Ani", names[1], "Ani", None]
    assert raw.frame["name"].tolist() == ["Ani", names[1], "Ani", None]
