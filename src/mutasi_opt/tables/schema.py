"""Column specifications of every table of the contract, and turning a raw table into values.

A :class:`ColumnSpec` says whether the column must be present, whether every row needs a value,
what an empty cell means (the default), how the text is parsed and which dtype the column has in
:class:`~mutasi_opt.tables.model.Tables`. Canonical dtypes (see ``tables/model.py``): text is an
object column of ``str`` or ``None``; dates ``datetime64[ns]`` (NaT when empty); yes/no ``bool``;
whole numbers ``int64``; ``preferences.rank``, which refusals may leave empty, the nullable
``Int64``; ``scores.score`` ``float64``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.domain import PREDIKAT
from mutasi_opt.errors import IssueCollector, Language
from mutasi_opt.tables import parse
from mutasi_opt.tables.aliases import (
    ASN_TYPE_ALIASES,
    COMPETENCY_KIND_ALIASES,
    EDUCATION_ALIASES,
    EMPLOYEE_STATUS_ALIASES,
    JENJANG_ALIASES,
    KIND_ALIASES,
    POSITION_STATUS_ALIASES,
    POTENTIAL_ALIASES,
    PREDIKAT_ALIASES,
    accepted_names,
    column_key,
)
from mutasi_opt.tables.coded import Coded
from mutasi_opt.tables.decision_words import DECISION_ALIASES
from mutasi_opt.tables.model import EXTENSION_COLUMNS, SKP_HISTORY_COLUMNS, TABLE_COLUMNS
from mutasi_opt.tables.source import RawTable

Parser = Callable[[parse.Cells], parse.Parsed]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class ColumnSpec:
    """How one column of one table is read.

    Attributes
    ----------
    name
        Engine column name.
    parser
        Turns the column's text into values, reporting bad cells.
    dtype
        Dtype in :class:`~mutasi_opt.tables.model.Tables`: ``"text"``, ``"datetime64[ns]"``,
        ``"bool"``, ``"int64"``, ``"Int64"`` or ``"float64"``.
    required
        The file must have this column.
    needs_value
        Every row needs a value (an empty cell is an error).
    default
        Value of an empty cell when ``needs_value`` is false.
    absent
        Value of every row when the file has no such column (``None``: left empty); the reader
        then says so in a warning, ``absent_note``.
    absent_note
        The words of that warning.
    absent_note_id
        The same in Indonesian.
    """

    name: str
    parser: Parser
    dtype: str = "text"
    required: bool = False
    needs_value: bool = False
    default: Any = None
    absent: Any = None
    absent_note: str = ""
    absent_note_id: str = ""


def _choice(aliases: dict[str, str], rule: str, what: str, what_id: str) -> Parser:
    return partial(parse.choice, aliases=aliases, rule=rule, what=what, what_id=what_id)


_PREDIKAT = _choice(
    PREDIKAT_ALIASES,
    "unknown_predikat",
    f"unknown predikat (expected {', '.join(PREDIKAT)})",
    f"predikat tidak dikenal (seharusnya {', '.join(PREDIKAT)})",
)
_EDUCATION = _choice(
    EDUCATION_ALIASES,
    "unknown_education",
    "unknown education (expected SD, SMP, SMA, D1-D4, S1-S3)",
    "pendidikan tidak dikenal (seharusnya SD, SMP, SMA, D1-D4, S1-S3)",
)
_LEVEL = partial(
    parse.integer,
    lo=1,
    hi=5,
    rule="level_out_of_range",
    what="level must be 1 to 5",
    what_id="level harus 1 sampai 5",
)
_NIP = partial(parse.nip, embedded=False)


def _spec(*specs: ColumnSpec) -> dict[str, ColumnSpec]:
    return {s.name: s for s in specs}


SPECS: dict[str, dict[str, ColumnSpec]] = {
    "employees": _spec(
        ColumnSpec("nip", partial(parse.nip, embedded=True), required=True, needs_value=True),
        ColumnSpec("name", parse.text, required=True, needs_value=True),
        # Required column, but an empty cell means "not placed" (back from leave, new).
        ColumnSpec("position_id", parse.text, required=True),
        ColumnSpec("golongan", parse.golongan, required=True, needs_value=True),
        ColumnSpec("education", _EDUCATION, required=True, needs_value=True),
        # Needed for every placed person; checked in checks.py because it depends on position_id.
        ColumnSpec("tmt_jabatan", parse.date, dtype="datetime64[ns]"),
        ColumnSpec("performance", _PREDIKAT, required=True, needs_value=True),
        ColumnSpec("performance_prev", _PREDIKAT),
        ColumnSpec(
            "potential",
            _choice(
                POTENTIAL_ALIASES,
                "unknown_potential",
                "unknown potential (expected rendah, menengah or tinggi)",
                "potensi tidak dikenal (seharusnya rendah, menengah atau tinggi)",
            ),
        ),
        # Empty: the NIP's birth date (filled in read.py).
        ColumnSpec("birth_date", parse.date, dtype="datetime64[ns]"),
        ColumnSpec(
            "status",
            _choice(
                EMPLOYEE_STATUS_ALIASES,
                "unknown_status",
                "unknown status (expected aktif, hukuman_disiplin, tugas_belajar, cuti, "
                "proses_hukum, ikatan_dinas, pemberhentian_sementara, masa_persiapan_pensiun or "
                "tidak_aktif, or a SIASN kedudukan hukum name or id)",
                "status tidak dikenal (seharusnya aktif, hukuman_disiplin, tugas_belajar, cuti, "
                "proses_hukum, ikatan_dinas, pemberhentian_sementara, masa_persiapan_pensiun atau "
                "tidak_aktif, atau nama atau id kedudukan hukum SIASN)",
            ),
            default="aktif",
        ),
        ColumnSpec("locked", parse.boolean, dtype="bool", default=False),
        # No column: everyone is PNS (said in a warning); an empty cell of the column is an error.
        ColumnSpec(
            "asn_type",
            _choice(
                ASN_TYPE_ALIASES,
                "unknown_asn_type",
                "unknown asn_type (expected PNS, CPNS or PPPK)",
                "asn_type tidak dikenal (seharusnya PNS, CPNS atau PPPK)",
            ),
            needs_value=True,
            absent="PNS",
            absent_note="no asn_type column: everyone is taken as PNS",
            absent_note_id="tidak ada kolom asn_type: semua orang dianggap PNS",
        ),
        # Profession families held beside the current post's (an STR, a second certificate).
        ColumnSpec("qualifications", parse.text),
    ),
    "positions": _spec(
        ColumnSpec("position_id", parse.text, required=True, needs_value=True),
        ColumnSpec("title", parse.text, required=True, needs_value=True),
        ColumnSpec("unit", parse.text, required=True, needs_value=True),
        ColumnSpec(
            "kind",
            _choice(
                KIND_ALIASES,
                "unknown_kind",
                "unknown kind (expected jpt_pratama, administrator, pengawas, pelaksana or fungsional)",
                "jenis jabatan tidak dikenal (seharusnya jpt_pratama, administrator, pengawas, "
                "pelaksana atau fungsional)",
            ),
            required=True,
            needs_value=True,
        ),
        ColumnSpec(
            "jenjang",
            _choice(
                JENJANG_ALIASES,
                "unknown_jenjang",
                "unknown jenjang (expected ahli_pertama, ahli_muda, ahli_madya, ahli_utama, "
                "pemula, terampil, mahir or penyelia)",
                "jenjang tidak dikenal (seharusnya ahli_pertama, ahli_muda, ahli_madya, ahli_utama, "
                "pemula, terampil, mahir atau penyelia)",
            ),
        ),
        ColumnSpec(
            "capacity",
            partial(
                parse.integer,
                lo=1,
                hi=None,
                rule="capacity_below_1",
                what="capacity must be at least 1",
                what_id="capacity paling kecil 1",
            ),
            dtype="int64",
            default=1,
        ),
        ColumnSpec("min_golongan", parse.golongan),
        ColumnSpec("max_golongan", parse.golongan),
        ColumnSpec("min_education", _EDUCATION),
        ColumnSpec(
            "priority",
            partial(
                parse.integer,
                lo=1,
                hi=5,
                rule="priority_out_of_range",
                what="priority must be 1 to 5",
                what_id="priority harus 1 sampai 5",
            ),
            dtype="int64",
            default=3,
        ),
        ColumnSpec(
            "status",
            _choice(
                POSITION_STATUS_ALIASES,
                "unknown_status",
                "unknown status (expected active or abolished)",
                "status tidak dikenal (seharusnya active atau abolished)",
            ),
            default="active",
        ),
        ColumnSpec("needs_external_approval", parse.boolean, dtype="bool", default=False),
        # Empty: derived from the title (domain.post_family).
        ColumnSpec("family", parse.text),
    ),
    "competencies": _spec(
        ColumnSpec("nip", _NIP, required=True, needs_value=True),
        ColumnSpec("competency", parse.code, required=True, needs_value=True),
        ColumnSpec("level", _LEVEL, dtype="int64", required=True, needs_value=True),
    ),
    "requirements": _spec(
        ColumnSpec("position_id", parse.text, required=True, needs_value=True),
        ColumnSpec("competency", parse.code, required=True, needs_value=True),
        ColumnSpec("level", _LEVEL, dtype="int64", required=True, needs_value=True),
    ),
    "competency_dictionary": _spec(
        ColumnSpec("code", parse.code, required=True, needs_value=True),
        ColumnSpec("name", parse.text, required=True, needs_value=True),
        ColumnSpec(
            "kind",
            _choice(
                COMPETENCY_KIND_ALIASES,
                "unknown_competency_kind",
                "unknown competency kind (expected manajerial, sosial_kultural or teknis)",
                "jenis kompetensi tidak dikenal (seharusnya manajerial, sosial_kultural atau teknis)",
            ),
            default="teknis",
        ),
    ),
    "preferences": _spec(
        ColumnSpec("nip", _NIP, required=True, needs_value=True),
        # Needed for a wish, not for a refusal: checked in checks.py.
        ColumnSpec(
            "rank",
            partial(
                parse.integer,
                lo=1,
                hi=None,
                rule="rank_below_1",
                what="rank must be 1 or more",
                what_id="rank harus 1 atau lebih",
            ),
            dtype="Int64",
        ),
        ColumnSpec("position_id", parse.text),
        ColumnSpec("unit", parse.text),
        ColumnSpec("refuse", parse.boolean, dtype="bool", default=False),
    ),
    "scores": _spec(
        ColumnSpec("nip", _NIP, required=True, needs_value=True),
        ColumnSpec("position_id", parse.text, required=True, needs_value=True),
        ColumnSpec(
            "score",
            partial(
                parse.number,
                lo=0.0,
                hi=100.0,
                rule="score_out_of_range",
                what="score must be 0 to 100",
                what_id="score harus 0 sampai 100",
            ),
            dtype="float64",
            required=True,
            needs_value=True,
        ),
    ),
    # The panel's rulings (tables/decisions.py, tables/decision_words.py).
    "decisions": _spec(
        ColumnSpec("nip", _NIP, required=True, needs_value=True),
        ColumnSpec("position_id", parse.text),
        ColumnSpec(
            "decision",
            _choice(
                DECISION_ALIASES,
                "unknown_decision",
                "unknown decision (expected keep, forbid or assign)",
                "putusan tidak dikenal (seharusnya keep, forbid atau assign)",
            ),
            required=True,
            needs_value=True,
        ),
        ColumnSpec("note", parse.text),
        ColumnSpec("override", parse.boolean, dtype="bool", default=False),
    ),
}

# skp_history: read, then folded into employees.performance and performance_prev (tables/skp.py).
SKP_HISTORY_SPECS: dict[str, ColumnSpec] = _spec(
    ColumnSpec("nip", _NIP, required=True, needs_value=True),
    ColumnSpec(
        "year",
        partial(
            parse.integer,
            lo=1950,
            hi=2100,
            rule="year_out_of_range",
            what="year must be 1950 to 2100",
            what_id="year harus 1950 sampai 2100",
        ),
        dtype="int64",
        required=True,
        needs_value=True,
    ),
    ColumnSpec("predikat", _PREDIKAT, required=True, needs_value=True),
)


def _bup(cells: parse.Cells) -> parse.Parsed:
    # SIASN writes 0 where it records no BUP: an empty cell, as its 01-01-0001 is an empty date.
    zero = cells.text.str.fullmatch(r"0+(\.0+)?", na=False)
    blanked = replace(cells, text=cells.text.where(~zero))
    return parse.integer(
        blanked,
        lo=50,
        hi=75,
        rule="bup_out_of_range",
        what="bup must be 50 to 75 years",
        what_id="bup harus 50 sampai 75 tahun",
    )


# Optional columns beyond the first contract (model.EXTENSION_COLUMNS): parsed when the file has them.
EXTENSION_SPECS: dict[str, dict[str, ColumnSpec]] = {
    "employees": _spec(ColumnSpec("bup", _bup, dtype="float64")),
}

# Tables that are useless without rows.
NEEDS_ROWS = ("employees", "positions")

# The contract names exactly these columns; a spec that drifts from model.py is a bug.
if (
    any(tuple(SPECS[t]) != cols for t, cols in TABLE_COLUMNS.items())
    or tuple(SKP_HISTORY_SPECS) != SKP_HISTORY_COLUMNS
    or any(tuple(EXTENSION_SPECS[t]) != cols for t, cols in EXTENSION_COLUMNS.items())
):  # pragma: no cover
    raise RuntimeError("tables/schema.py and tables/model.py disagree on the columns")


def specs_of(table: str) -> dict[str, ColumnSpec]:
    """The column specifications of ``table`` (``skp_history`` included)."""
    return SKP_HISTORY_SPECS if table == "skp_history" else SPECS[table]


@dataclass
class ParsedTable:
    """A table after parsing, before cross-table checks and final dtypes.

    Attributes
    ----------
    table, label, rows
        As in :class:`~mutasi_opt.tables.source.RawTable`.
    frame
        Engine columns with parsed values (bad cells missing, except identifiers, which keep
        their cleaned text) and defaults filled.
    bad
        Column -> mask of bad or missing-but-needed cells.
    missing
        Required columns the file does not have.
    headers
        Engine column -> the header as written (for messages).
    cell_columns
        Column -> per-row header, where it varies (a reshaped wide table).
    coded
        Column -> its values as codes, where parsing kept them (a shortcut, checked before use).
    """

    table: str
    label: str
    frame: pd.DataFrame
    rows: npt.NDArray[np.int64]
    bad: dict[str, BoolArray] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    cell_columns: dict[str, npt.NDArray[np.object_]] = field(default_factory=dict)
    coded: dict[str, Coded] = field(default_factory=dict)

    def coded_column(self, column: str) -> Coded | None:
        """``column`` as codes (:mod:`mutasi_opt.tables.coded`), when the parser left them and
        they still describe it."""
        coded = self.coded.get(column)
        if coded is None or column not in self.frame.columns:
            return None
        return coded if coded.fits(self.frame[column]) else None

    def has(self, *columns: str) -> bool:
        """True when none of ``columns`` is missing from the file."""
        return not any(c in self.missing for c in columns)

    def ok(self, *columns: str) -> BoolArray:
        """Rows whose ``columns`` are all well formed."""
        mask = np.ones(len(self.frame), dtype=bool)
        for c in columns:
            mask &= ~self.bad.get(c, np.zeros(len(self.frame), dtype=bool))
        return mask

    def header(self, column: str, row: int) -> str:
        """The header, as written in the file, of ``column`` at row position ``row``."""
        if column in self.cell_columns:
            return str(self.cell_columns[column][row])
        return self.headers.get(column, column)


def parse_table(
    raw: RawTable, issues: IssueCollector, *, optional: frozenset[str] = frozenset()
) -> ParsedTable:
    """Parse every column of ``raw`` by its spec, reporting every bad cell and missing column.

    ``optional``: required columns that another table may fill (``performance`` when an
    ``skp_history`` is given): neither the column nor a value is required here.
    """
    specs = dict(specs_of(raw.table))
    for name, spec in specs.items():
        if name in optional:
            specs[name] = ColumnSpec(spec.name, spec.parser, spec.dtype, default=spec.default)
    specs.update(
        {k: v for k, v in EXTENSION_SPECS.get(raw.table, {}).items() if k in raw.frame.columns}
    )
    n = len(raw.frame)
    missing = tuple(s.name for s in specs.values() if s.required and s.name not in raw.frame)
    for name in missing:
        issues.error(
            "missing_column",
            f"required column {name!r} is missing{did_you_mean(raw, name)}",
            file=raw.label,
            column=name,
            message_id=f"kolom wajib {name!r} tidak ada{did_you_mean(raw, name, 'id')}",
        )
    if n == 0 and raw.table in NEEDS_ROWS and not missing:
        issues.error(
            "no_rows",
            f"the {raw.table} table has no rows",
            file=raw.label,
            message_id=f"tabel {raw.table} tidak memiliki baris",
        )
    columns: dict[str, pd.Series] = {}
    bad: dict[str, BoolArray] = {}
    coded: dict[str, Coded] = {}
    for spec in specs.values():
        if spec.name not in raw.frame:
            parsed = parse.empty(n)
            if spec.absent is not None and n:
                parsed = parse.Parsed(pd.Series([spec.absent] * n, dtype=object), parsed.bad)
                issues.warn(
                    f"absent_{spec.name}",
                    spec.absent_note,
                    file=raw.label,
                    column=spec.name,
                    message_id=spec.absent_note_id or None,
                )
        else:
            text = raw.frame[spec.name]
            codes = raw.coded.get(spec.name)
            cells = parse.Cells(
                text=text,
                numeric=raw.numeric.get(spec.name, np.zeros(n, dtype=bool)),
                rows=raw.rows,
                file=raw.label,
                column=raw.headers.get(spec.name, spec.name),
                issues=issues,
                decimal_comma=raw.decimal_comma,
                cell_columns=raw.cell_columns.get(spec.name),
                coded=codes if codes is not None and codes.fits(text) else None,
            )
            parsed = spec.parser(cells)
            # A cell reported unreadable (a formula without a value) is bad, and not also empty.
            unread = raw.unread.get(spec.name, np.zeros(n, dtype=bool))
            if spec.needs_value:
                empty = ~cells.present & ~unread
                cells.flag(
                    empty,
                    "missing_value",
                    f"{spec.name} needs a value",
                    f"{spec.name} wajib diisi",
                )
                parsed.bad = parsed.bad | empty
            parsed.bad = parsed.bad | unread
        values = parsed.values
        if spec.default is not None:
            values = _fill(values, spec.default)
        elif parsed.coded is not None:
            coded[spec.name] = parsed.coded
        columns[spec.name] = values
        bad[spec.name] = parsed.bad
    # copy=False: the parsed columns as they are, one block each (a long table's text columns
    # are not copied into one block again).
    frame = pd.DataFrame(columns, index=pd.RangeIndex(n), copy=False)
    for name, c in coded.items():
        c.bind(frame[name])  # the frame's column was just made from these values
    return ParsedTable(
        raw.table,
        raw.label,
        frame,
        raw.rows,
        bad,
        missing,
        dict(raw.headers),
        dict(raw.cell_columns),
        coded,
    )


def did_you_mean(raw: RawTable, column: str, language: Language = "en") -> str:
    """``"; did you mean 'X' (...)?"`` when a header the engine does not know is close to a name
    accepted for ``column`` (SIASN's included); the table's own advice (``raw.hints``) too.
    ``language="id"``: in Indonesian (``"; maksudnya 'X' (...)?"``, ``raw.hints_id``)."""
    names = accepted_names(raw.table).get(column, [column])
    best: tuple[float, str, str] | None = None
    for header in raw.unused:
        have = column_key(header).replace("_", "")
        for name in names:
            ratio = difflib.SequenceMatcher(None, have, column_key(name).replace("_", "")).ratio()
            if ratio >= 0.8 and (best is None or ratio > best[0]):
                best = (ratio, header, name)
    text = ""
    if best is not None:
        _, header, name = best
        if language == "id":
            text = f"; maksudnya {header!r} (diterima sebagai {name!r})? Ganti nama kolomnya"
        else:
            text = f"; did you mean {header!r} (accepted as {name!r})? Rename the column"
    hint = (raw.hints_id if language == "id" else raw.hints).get(column) or raw.hints.get(column)
    if hint:
        text += f"; {hint}"
    return text


def _fill(values: pd.Series, default: Any) -> pd.Series:
    """Empty cells -> ``default`` (without pandas' object-downcasting warning)."""
    if values.dtype != object:
        return values.fillna(default)
    arr = values.to_numpy(dtype=object, copy=True)
    arr[pd.isna(arr)] = default
    return pd.Series(arr, index=values.index, dtype=object)


def empty_table(table: str) -> pd.DataFrame:
    """A table with no rows and its canonical columns and dtypes."""
    return finalize(
        table, pd.DataFrame({c: pd.Series([], dtype=object) for c in TABLE_COLUMNS[table]})
    )


def finalize(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a checked table to its canonical dtypes (only called when there is no error)."""
    return _finalized(table, frame, {})[0]


def finalize_parsed(parsed: ParsedTable) -> tuple[pd.DataFrame, dict[str, Coded]]:
    """:func:`finalize` of a parsed table, and its text columns' codes, where parsing kept them,
    bound to the final columns (:mod:`mutasi_opt.tables.coded`): a long table's identifiers are
    then never hashed again."""
    valid = {name: c for name in parsed.coded if (c := parsed.coded_column(name)) is not None}
    return _finalized(parsed.table, parsed.frame, valid)


def _finalized(
    table: str, frame: pd.DataFrame, coded: dict[str, Coded]
) -> tuple[pd.DataFrame, dict[str, Coded]]:
    out: dict[str, pd.Series] = {}
    specs = dict(specs_of(table))
    specs.update({k: v for k, v in EXTENSION_SPECS.get(table, {}).items() if k in frame.columns})
    kept: dict[str, Coded] = {}
    for name, spec in specs.items():
        col = frame[name]
        if spec.dtype == "text" and name in coded:
            # The same text, None where missing, without a pass over the column's strings (with
            # no missing value, the column already is that).
            full = bool(coded[name].present.all())
            out[name] = (
                col if full else pd.Series(coded[name].values(), index=col.index, dtype=object)
            )
            kept[name] = Coded(coded[name].codes, coded[name].uniques)
        elif spec.dtype == "text":
            out[name] = col.astype(object).where(col.notna(), None)
        elif spec.dtype == "datetime64[ns]":
            out[name] = pd.to_datetime(col).astype("datetime64[ns]")
        elif spec.dtype == "bool":
            out[name] = col.astype(bool)
        elif spec.dtype == "Int64":
            out[name] = pd.to_numeric(col).astype("Int64")
        else:
            numbers = pd.to_numeric(col)
            wanted = np.dtype(spec.dtype)
            out[name] = numbers if numbers.dtype == wanted else numbers.astype(wanted)
    extra = [c for c in frame.columns if c not in out]
    for c in extra:
        out[c] = frame[c]
    # copy=False: the columns as made above, not copied into one block per dtype once more.
    result = pd.DataFrame(out, index=pd.RangeIndex(len(frame)), copy=False)
    for column, codes in kept.items():
        codes.bind(result[column])
    return result, kept
