"""Vectorised parsers of one column of text cells into typed values, reporting every bad cell.

Each parser takes a :class:`Cells` (the column's text, which cells were workbook numbers, their
spreadsheet rows) and returns a :class:`Parsed`: the values (missing where empty or bad) and the
mask of bad cells. The work is done on whole columns with pandas string and numeric methods; only
the bad cells are visited one by one, to write their issues.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property, wraps
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.domain import GOLONGAN
from mutasi_opt.errors import IssueCollector
from mutasi_opt.tables.aliases import (
    ARABIC_TO_ROMAN,
    FALSE_WORDS,
    GOLONGAN_PATTERN,
    TRUE_WORDS,
)
from mutasi_opt.tables.coded import Coded
from mutasi_opt.tables.siasn import GOLONGAN_IDS

BoolArray = npt.NDArray[np.bool_]

NIP_AS_NUMBER = (
    "NIP was stored as a number, which loses digits (Excel shows 1.97501E+17); "
    "store the NIP column as text"
)
NIP_AS_NUMBER_ID = (
    "NIP disimpan sebagai angka, sehingga digitnya hilang (Excel menampilkan 1.97501E+17); "
    "simpan kolom NIP sebagai teks"
)
GOLONGAN_EXPECTED = "expected I/a…I/d, II/a…II/d, III/a…III/d or IV/a…IV/e"
GOLONGAN_EXPECTED_ID = "seharusnya I/a…I/d, II/a…II/d, III/a…III/d atau IV/a…IV/e"


@dataclass
class Cells:
    """One column of a raw table, with what is needed to report its bad cells.

    ``sink``, when set, collects ``(call, position, rule, message, message_id)`` instead of
    recording issues;
    :func:`per_unique` uses it to parse each distinct value once and report every row that has it.
    """

    text: pd.Series
    numeric: BoolArray
    rows: npt.NDArray[np.int64]
    file: str
    column: str
    issues: IssueCollector
    decimal_comma: bool = False
    cell_columns: npt.NDArray[np.object_] | None = None
    sink: list[tuple[int, int, str, str, str]] | None = None
    coded: Coded | None = None
    """``text`` as codes (:mod:`mutasi_opt.tables.coded`); used only while it is bound to this
    very ``text`` (a copy of these cells with other text, ``dataclasses.replace``, drops them)."""

    @property
    def codes(self) -> Coded | None:
        """:attr:`coded` when it describes :attr:`text`, else ``None``."""
        coded = self.coded
        return coded if coded is not None and coded.checked is self.text else None

    @cached_property
    def present(self) -> BoolArray:
        """Cells with a value."""
        codes = self.codes
        if codes is not None:
            return codes.present
        return self.text.notna().to_numpy()

    def flag(
        self, mask: BoolArray, rule: str, message: str | pd.Series, message_id: str | pd.Series
    ) -> None:
        """Record an error for every cell in ``mask``; ``message`` (English) and ``message_id``
        (the same in Indonesian) may vary per cell."""
        call = len(self.sink) if self.sink is not None else 0
        for k in np.flatnonzero(mask):
            text = message if isinstance(message, str) else str(message.iat[int(k)])
            text_id = message_id if isinstance(message_id, str) else str(message_id.iat[int(k)])
            if self.sink is not None:
                self.sink.append((call, int(k), rule, text, text_id))
            else:
                self.report(int(k), rule, text, text_id)

    def report(self, k: int, rule: str, message: str, message_id: str) -> None:
        """Record the error of the cell at position ``k``."""
        self.issues.error(
            rule,
            message,
            file=self.file,
            row=int(self.rows[k]),
            column=self.column if self.cell_columns is None else str(self.cell_columns[k]),
            value=self.text.iat[k],
            message_id=message_id,
        )


@dataclass
class Parsed:
    """Values of a column (missing where empty or bad) and the mask of bad cells; ``coded``:
    the values as codes, when the parser could make them cheaply."""

    values: pd.Series
    bad: BoolArray
    coded: Coded | None = None


ParserFunc = Callable[..., Parsed]


def per_unique(parser: ParserFunc) -> ParserFunc:
    """Run ``parser`` on the distinct values of a column only, then spread the result.

    Columns repeat their values (250,000 competency rows hold some 20,000 NIPs and a dozen
    codes), and pandas string methods on text loop in Python: parsing each distinct value once
    keeps a large table fast. Issues are still reported for every row, in row order per rule.
    """

    @wraps(parser)
    def wrapped(cells: Cells, **kwargs: Any) -> Parsed:
        key = cells.text
        read = cells.codes
        if read is not None and not cells.numeric.any():
            # The reader's codes: no pass over the column's strings (a missing cell is one
            # more value, last, as factorize below would count it).
            codes, n_uniques = read.codes, len(read.uniques)
            if (codes < 0).any():
                codes = np.where(codes < 0, n_uniques, codes)
                n_uniques += 1
        else:
            if cells.numeric.any():
                # A number typed in a cell and the same digits typed as text are different values.
                key = key.where(~cells.numeric, "\0" + key.astype(str))
            codes, uniques = pd.factorize(key, use_na_sentinel=False)
            n_uniques = len(uniques)
        if n_uniques * 2 > len(key):
            return parser(cells, **kwargs)
        first = np.empty(n_uniques, dtype=np.int64)
        first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1, dtype=np.int32)
        sink: list[tuple[int, int, str, str, str]] = []
        sub = Cells(
            text=cells.text.iloc[first].reset_index(drop=True),
            numeric=cells.numeric[first],
            rows=cells.rows[first],
            file=cells.file,
            column=cells.column,
            issues=cells.issues,
            decimal_comma=cells.decimal_comma,
            sink=sink,
        )
        parsed = parser(sub, **kwargs)
        if sink:
            order = np.argsort(codes, kind="stable")
            starts = np.searchsorted(codes[order], np.arange(n_uniques + 1))
            found = []
            for call, u, rule, message, message_id in sink:
                for k in order[starts[u] : starts[u + 1]]:
                    found.append((call, int(k), rule, message, message_id))
            for _, k, rule, message, message_id in sorted(found, key=lambda f: (f[0], f[1])):
                cells.report(k, rule, message, message_id)
        bad = parsed.bad[codes]
        if read is not None and _unchanged(parsed.values, sub.text):
            # Every value parses to itself (clean identifiers): the column as read, and its codes.
            return Parsed(cells.text, bad, Coded(read.codes, read.uniques))
        values = parsed.values.iloc[codes].reset_index(drop=True)
        coded = None
        if values.dtype == object:
            coded = Coded.mapped(codes, parsed.values.tolist(), all_held=True).bind(values)
        return Parsed(values, bad, coded)

    return wrapped


def _unchanged(values: pd.Series, text: pd.Series) -> bool:
    """True when every parsed value is its text itself (a text column needing no cleaning)."""
    if values.dtype != object or len(values) != len(text):
        return False
    return all(
        v is t or (type(v) is str and v == t)
        for v, t in zip(values.tolist(), text.tolist(), strict=True)
    )


def _none_series(n: int) -> pd.Series:
    return pd.Series([None] * n, dtype=object)


def text(cells: Cells) -> Parsed:
    """Free text, kept as written (already stripped)."""
    read = cells.codes
    coded = None if read is None else Coded(read.codes, read.uniques)
    return Parsed(cells.text, np.zeros(len(cells.text), dtype=bool), coded)


@per_unique
def code(cells: Cells) -> Parsed:
    """An identifier compared in upper case (competency codes: ``m.01`` is ``M.01``)."""
    return Parsed(cells.text.str.upper(), np.zeros(len(cells.text), dtype=bool))


@per_unique
def nip(cells: Cells, *, embedded: bool) -> Parsed:
    """A NIP: 18 digits as text.

    Spaces inside (``19750101 200003 1 001``, the printed form) and a leading apostrophe (Excel's
    mark for text) are removed. With ``embedded``, the birth date, CPNS month and gender digit
    the NIP encodes are checked too. Bad NIPs keep their cleaned text (so that cross-table checks
    can still recognise the person) and are flagged.
    """
    cleaned = cells.text.str.replace(r"^'|\s+", "", regex=True)
    present = cells.present
    digits = cleaned.str.fullmatch(r"\d+", na=False).to_numpy(dtype=bool)
    looks_numeric = cleaned.str.fullmatch(
        r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", na=False
    ).to_numpy(dtype=bool)
    as_number = present & (cells.numeric | (looks_numeric & ~digits))
    cells.flag(as_number, "nip_as_number", NIP_AS_NUMBER, NIP_AS_NUMBER_ID)
    not_digits = present & ~as_number & ~digits
    cells.flag(
        not_digits,
        "nip_format",
        "NIP must be 18 digits (0-9) and nothing else",
        "NIP harus 18 digit (0-9) dan tidak memuat yang lain",
    )
    lengths = cleaned.str.len().fillna(0).to_numpy(dtype=np.int64)
    wrong_length = present & ~as_number & digits & (lengths != 18)
    cells.flag(
        wrong_length,
        "nip_length",
        pd.Series([f"NIP must have 18 digits, this one has {n}" for n in lengths]),
        pd.Series([f"NIP harus 18 digit, yang ini {n} digit" for n in lengths]),
    )
    bad = as_number | not_digits | wrong_length
    if embedded:
        bad |= _check_embedded(cleaned, present & ~bad, cells)
    return Parsed(cleaned, bad)


def _check_embedded(cleaned: pd.Series, ok: BoolArray, cells: Cells) -> BoolArray:
    """Birth date (digits 1-8), CPNS month (9-14) and gender (15) of well-formed NIPs."""
    candidates = cleaned.where(ok)
    birth = pd.to_datetime(candidates.str[:8], format="%Y%m%d", errors="coerce")
    bad_birth = ok & birth.isna().to_numpy()
    cells.flag(
        bad_birth,
        "nip_birth_date",
        "the NIP's digits 1-8 are not a birth date (YYYYMMDD)",
        "digit 1-8 NIP bukan tanggal lahir (YYYYMMDD)",
    )
    cpns = pd.to_datetime(candidates.str[8:14] + "01", format="%Y%m%d", errors="coerce")
    bad_cpns = ok & cpns.isna().to_numpy()
    cells.flag(
        bad_cpns,
        "nip_cpns_date",
        "the NIP's digits 9-14 are not a CPNS month (YYYYMM)",
        "digit 9-14 NIP bukan bulan CPNS (YYYYMM)",
    )
    gender = candidates.str[14]
    bad_gender = ok & ~gender.isin(["1", "2"]).to_numpy()
    cells.flag(
        bad_gender,
        "nip_gender",
        "the NIP's digit 15 must be 1 (man) or 2 (woman)",
        "digit 15 NIP harus 1 (laki-laki) atau 2 (perempuan)",
    )
    return bad_birth | bad_cpns | bad_gender


def nip_birth_dates(nips: pd.Series) -> pd.Series:
    """Birth dates encoded in NIPs (NaT where not a date)."""
    return pd.to_datetime(nips.str[:8], format="%Y%m%d", errors="coerce")


def nip_cpns_dates(nips: pd.Series) -> pd.Series:
    """First day of the CPNS month encoded in NIPs (NaT where not a date)."""
    return pd.to_datetime(nips.str[8:14] + "01", format="%Y%m%d", errors="coerce")


def nip_genders(nips: pd.Series) -> pd.Series:
    """``L`` (digit 15 = 1) or ``P`` (2) from NIPs, ``None`` otherwise."""
    return nips.str[14].map({"1": "L", "2": "P"}).astype(object)


_NO_DATE = r"0?1[/.\-]0?1[/.\-]0001|0001-0?1-0?1(?:[ T]00:00(?::00(?:\.0+)?)?)?"
"""SIASN's "no date": the first day of the year 1, day first or ISO."""


@per_unique
def date(cells: Cells) -> Parsed:
    """A date: ``YYYY-MM-DD`` (ISO), ``DD/MM/YYYY``, ``DD-MM-YYYY`` or ``DD.MM.YYYY`` (day first,
    as Indonesian exports write it), or a workbook date cell. A time of 00:00 may follow.

    SIASN's empty date, the year 1 (``01-01-0001``, ``0001-01-01``), is read as an empty cell."""
    t = cells.text.where(~cells.numeric)
    blank = t.str.fullmatch(_NO_DATE, na=False).to_numpy(dtype=bool)
    t = t.where(~blank)
    iso = t.str.extract(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
    dmy = t.str.extract(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
    is_iso = iso[0].notna().to_numpy()
    shaped = is_iso | dmy[2].notna().to_numpy()

    def pick(a: pd.Series, b: pd.Series) -> pd.Series:
        # np.where rather than fillna: fillna on object columns warns about downcasting.
        return pd.Series(np.where(is_iso, a.to_numpy(object), b.to_numpy(object)), dtype=object)

    year = pick(iso[0], dmy[2])
    month = pick(iso[1], dmy[1]).str.zfill(2)
    day = pick(iso[2], dmy[0]).str.zfill(2)
    values = pd.to_datetime(year + "-" + month + "-" + day, format="%Y-%m-%d", errors="coerce")
    present = cells.present & ~blank
    as_number = present & cells.numeric
    cells.flag(
        as_number,
        "date_as_number",
        "date stored as a plain number; format the cell as a date or write YYYY-MM-DD",
        "tanggal disimpan sebagai angka biasa; format sel sebagai tanggal atau tulis YYYY-MM-DD",
    )
    wrong_shape = present & ~as_number & ~shaped
    cells.flag(
        wrong_shape,
        "invalid_date",
        "not a date (write YYYY-MM-DD or DD/MM/YYYY)",
        "bukan tanggal (tulis YYYY-MM-DD atau DD/MM/YYYY)",
    )
    impossible = shaped & values.isna().to_numpy()
    cells.flag(
        impossible, "impossible_date", "no such day in the calendar", "tanggal itu tidak ada"
    )
    bad = as_number | wrong_shape | impossible
    return Parsed(values.where(~bad), bad)


@per_unique
def boolean(cells: Cells) -> Parsed:
    """Yes/no: true/false, ya/tidak, yes/no, 1/0 (any case)."""
    lower = cells.text.str.lower()
    is_true = lower.isin(TRUE_WORDS).to_numpy()
    is_false = lower.isin(FALSE_WORDS).to_numpy()
    bad = cells.present & ~is_true & ~is_false
    cells.flag(
        bad,
        "not_a_bool",
        "not a yes/no value (write true/false, ya/tidak or 1/0)",
        "bukan nilai ya/tidak (tulis true/false, ya/tidak atau 1/0)",
    )
    values = pd.Series(np.full(len(lower), None, dtype=object))
    values[is_true] = True
    values[is_false] = False
    return Parsed(values, bad)


def _numbers(cells: Cells) -> tuple[pd.Series, BoolArray]:
    t = cells.text
    if cells.decimal_comma:
        t = t.str.replace(",", ".", regex=False)
    values = pd.to_numeric(t, errors="coerce").astype(float)
    finite = np.isfinite(values.to_numpy())
    bad = cells.present & ~finite
    cells.flag(bad, "not_a_number", "not a number", "bukan angka")
    return values.where(finite), bad


@per_unique
def integer(
    cells: Cells, *, lo: int | None, hi: int | None, rule: str, what: str, what_id: str
) -> Parsed:
    """A whole number in ``[lo, hi]``; ``3.0`` counts as 3 (Excel stores numbers as decimals).
    ``what``: the range in English words, ``what_id``: in Indonesian."""
    values, bad = _numbers(cells)
    arr = values.to_numpy()
    fractional = ~bad & cells.present & (np.floor(arr) != arr)
    cells.flag(fractional, "not_an_integer", "not a whole number", "bukan bilangan bulat")
    bad = bad | fractional
    bad |= _out_of_range(cells, arr, bad, lo, hi, rule, what, what_id)
    return Parsed(values.where(~bad), bad)


@per_unique
def number(
    cells: Cells, *, lo: float | None, hi: float | None, rule: str, what: str, what_id: str
) -> Parsed:
    """A decimal number in ``[lo, hi]`` (a decimal comma is read in semicolon files)."""
    values, bad = _numbers(cells)
    bad |= _out_of_range(cells, values.to_numpy(), bad, lo, hi, rule, what, what_id)
    return Parsed(values.where(~bad), bad)


def _out_of_range(
    cells: Cells,
    arr: npt.NDArray[np.float64],
    bad: BoolArray,
    lo: float | None,
    hi: float | None,
    rule: str,
    what: str,
    what_id: str,
) -> BoolArray:
    ok = cells.present & ~bad
    with np.errstate(invalid="ignore"):
        below = ok & (arr < lo) if lo is not None else np.zeros(len(arr), dtype=bool)
        above = ok & (arr > hi) if hi is not None else np.zeros(len(arr), dtype=bool)
    outside = below | above
    cells.flag(outside, rule, what, what_id)
    return outside


@per_unique
def choice(
    cells: Cells, aliases: Mapping[str, str], *, rule: str, what: str, what_id: str
) -> Parsed:
    """One of a fixed set of values, matched case- and separator-insensitively via ``aliases``
    (keys in :func:`~mutasi_opt.tables.aliases.value_key` form); ``what``/``what_id``: the
    message for another value, in English and in Indonesian."""
    keys = cells.text.str.replace(r"[\s\-./_]+", "", regex=True).str.upper()
    values = keys.map(aliases).astype(object)
    known = values.notna()
    bad = cells.present & ~known.to_numpy()
    cells.flag(bad, rule, what, what_id)
    return Parsed(values.where(known, None), bad)


@per_unique
def golongan(cells: Cells) -> Parsed:
    """A golongan/ruang such as ``III/a``; ``iii/a``, ``III / A``, ``IIIa`` and ``3/a`` too, and
    SIASN's id of it (``33`` is III/c, :data:`~mutasi_opt.tables.siasn.GOLONGAN_IDS`)."""
    upper = cells.text.str.upper().str.strip()
    parts = upper.str.extract(GOLONGAN_PATTERN)
    group = parts[0].map({**ARABIC_TO_ROMAN, **{r: r for r in ARABIC_TO_ROMAN.values()}})
    values = (group + "/" + parts[1].str.lower()).astype(object)
    by_id = upper.map(GOLONGAN_IDS)
    values = values.where(by_id.isna(), by_id).astype(object)
    valid = values.isin(GOLONGAN).to_numpy()
    bad = cells.present & ~valid
    cells.flag(
        bad,
        "unknown_golongan",
        f"unknown golongan ({GOLONGAN_EXPECTED})",
        f"golongan tidak dikenal ({GOLONGAN_EXPECTED_ID})",
    )
    return Parsed(values.where(valid, None), bad)


def empty(n: int) -> Parsed:
    """A column that is absent from the file: every value missing, nothing bad."""
    return Parsed(_none_series(n), np.zeros(n, dtype=bool))
