"""Cross-table and row rules, one named check per rule, run after every table is parsed.

Each check reads :class:`~mutasi_opt.tables.schema.ParsedTable` objects and records issues; none
raises. A check is skipped where it would only repeat an earlier problem: when a table it needs
is absent or lacks the column, and for cells already reported as bad (an unparseable NIP is not
also an "unknown NIP").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.domain import GOLONGAN_INDEX, retirement_age
from mutasi_opt.errors import IssueCollector
from mutasi_opt.tables.coded import Coded
from mutasi_opt.tables.parse import nip_birth_dates
from mutasi_opt.tables.schema import ParsedTable

BoolArray = npt.NDArray[np.bool_]


@dataclass
class Context:
    """Everything the checks look at."""

    tables: dict[str, ParsedTable]
    given: frozenset[str]
    competency_codes: frozenset[str]
    issues: IssueCollector
    as_of: dt.date | None = None
    """The scenario's planning date (dates after it are checked when it is known)."""

    def get(self, name: str, *columns: str) -> ParsedTable | None:
        """The table if it was read and has ``columns``."""
        table = self.tables.get(name)
        if table is None or not table.has(*columns):
            return None
        return table

    def referable(self, name: str, column: str) -> ParsedTable | None:
        """The table if references to its ``column`` can be checked: read, with the column, and
        every identifier in it well formed (a mangled NIP would make every reference to it look
        unknown, repeating one problem many times)."""
        table = self.get(name, column)
        if table is None or len(table.frame) == 0 or not table.ok(column).all():
            return None
        return table


def _flag(
    ctx: Context,
    t: ParsedTable,
    mask: BoolArray,
    rule: str,
    message: str | Callable[[int], str],
    message_id: str | Callable[[int], str],
    column: str | None,
    values: pd.Series | None = None,
    *,
    warning: bool = False,
) -> None:
    """Record one issue per row in ``mask``; ``message`` (English) and ``message_id`` (the same
    in Indonesian) may depend on the row position."""
    shown = values if values is not None else (t.frame[column] if column else None)
    record = ctx.issues.warn if warning else ctx.issues.error
    for k in np.flatnonzero(mask):
        value = None if shown is None else shown.iat[int(k)]
        record(
            rule,
            message if isinstance(message, str) else message(int(k)),
            file=t.label,
            row=int(t.rows[k]),
            column=None if column is None else t.header(column, int(k)),
            value=None if _missing(value) else _text(value),
            message_id=message_id if isinstance(message_id, str) else message_id(int(k)),
        )


def _missing(value: object) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value))


def _text(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _present(t: ParsedTable, column: str) -> BoolArray:
    coded = t.coded_column(column)
    if coded is not None:
        return coded.present
    return t.frame[column].notna().to_numpy()


def _duplicates(
    ctx: Context,
    t: ParsedTable,
    keys: tuple[str, ...],
    rule: str,
    what: str,
    what_id: str,
    *,
    rows: BoolArray | None = None,
    frame: pd.DataFrame | None = None,
    shown: pd.Series | None = None,
) -> None:
    """Rows whose ``keys`` repeat an earlier row's, naming the first row (``what``: the keys in
    English words, ``what_id``: in Indonesian).

    ``rows`` restricts the rows compared; ``frame`` supplies key columns not in the table;
    ``shown`` is the value printed (default: the keys joined by commas).
    """
    if not t.has(*(k for k in keys if k in t.frame)):
        return
    source = t.frame if frame is None else frame
    usable = t.ok(*keys) if rows is None else rows & t.ok(*keys)
    coded = [t.coded_column(k) if frame is None else None for k in keys]
    if all(c is not None for c in coded):
        dup_at, first_row = _coded_duplicates(t, [c for c in coded if c is not None], usable)
    else:
        for k in keys:
            usable &= source[k].notna().to_numpy()
        keyed = source.loc[usable, list(keys)]
        dup = keyed.duplicated(keep="first")
        dup_at = keyed.index[dup.to_numpy()].to_numpy()
        first_row = (
            pd.Series(t.rows[usable], index=keyed.index)
            .groupby([keyed[k] for k in keys], sort=False)
            .transform("first")
        )
    if dup_at.size == 0:
        return
    mask = np.zeros(len(t.frame), dtype=bool)
    mask[dup_at] = True
    if shown is None:
        shown = source[keys[0]] if len(keys) == 1 else _joined(source, keys)
    _flag(
        ctx,
        t,
        mask,
        rule,
        lambda k: f"{what} appears more than once (first in row {int(first_row.loc[k])})",
        lambda k: f"{what_id} muncul lebih dari sekali (pertama di baris {int(first_row.loc[k])})",
        keys[0],
        shown,
    )


def _coded_duplicates(
    t: ParsedTable, coded: list[Coded], usable: BoolArray
) -> tuple[npt.NDArray[np.int64], pd.Series]:
    """:func:`_duplicates` on the codes of the key columns: the positions of the rows that
    repeat an earlier one, and per usable row the spreadsheet row of its key's first row."""
    key = np.zeros(len(t.frame), dtype=np.int64)
    space = 1
    for c in coded:
        usable = usable & c.present
        key = key * (len(c.uniques) + 1) + c.codes  # distinct keys, distinct numbers
        space *= len(c.uniques) + 1
    at = np.flatnonzero(usable)
    groups = key[at]
    if space > max(4 * len(at), 1 << 20):  # too many possible keys for a table of them
        groups, _ = pd.factorize(groups)
        space = len(at)
    # The first position of each key: written from the last row back, so the first one stays.
    first = np.zeros(max(space, 1), dtype=np.int64)
    order = np.arange(len(groups))
    first[groups[::-1]] = order[::-1]
    first_of = first[groups]
    repeated = first_of != order
    if not repeated.any():  # the common case: no row to name, so no first rows either
        return np.zeros(0, dtype=np.int64), pd.Series([], dtype=np.int64)
    return at[repeated], pd.Series(t.rows[at][first_of], index=at)


def _joined(frame: pd.DataFrame, keys: tuple[str, ...]) -> pd.Series:
    out = frame[keys[0]].map(_text)
    for k in keys[1:]:
        out = out + ", " + frame[k].map(_text)
    return out


def _unknown(
    ctx: Context,
    t: ParsedTable,
    column: str,
    known: Collection[str],
    rule: str,
    message: str,
    message_id: str,
) -> None:
    """Rows whose ``column`` names something not in ``known`` (``message_id``: the message in
    Indonesian)."""
    if not t.has(column):
        return
    coded = t.coded_column(column)
    if coded is not None:
        # Each distinct value looked up once.
        lookup = known if isinstance(known, (set, frozenset)) else set(known)
        found = np.append([u in lookup for u in coded.uniques], False).astype(bool)
        mask = t.ok(column) & coded.present & ~found[coded.codes]
    else:
        values = t.frame[column]
        mask = t.ok(column) & _present(t, column) & ~values.isin(list(known)).to_numpy()
    _flag(ctx, t, mask, rule, message, message_id, column)


# ------------------------------------------------------------------------------------------------
# The checks, in the order they run.


def duplicate_ids(ctx: Context) -> None:
    """No NIP, position_id or dictionary code twice; no repeated (nip, competency) and the like."""
    pairs = {
        "employees": (("nip",), "duplicate_nip", "NIP", "NIP"),
        "positions": (("position_id",), "duplicate_position", "position_id", "position_id"),
        "competency_dictionary": (
            ("code",),
            "duplicate_code",
            "competency code",
            "kode kompetensi",
        ),
        "competencies": (
            ("nip", "competency"),
            "duplicate_competency",
            "this NIP and competency",
            "pasangan NIP dan kompetensi ini",
        ),
        "requirements": (
            ("position_id", "competency"),
            "duplicate_requirement",
            "this position_id and competency",
            "pasangan position_id dan kompetensi ini",
        ),
        "scores": (
            ("nip", "position_id"),
            "duplicate_score",
            "this NIP and position_id",
            "pasangan NIP dan position_id ini",
        ),
    }
    for name, (keys, rule, what, what_id) in pairs.items():
        t = ctx.tables.get(name)
        if t is not None:
            _duplicates(ctx, t, keys, rule, what, what_id)


def position_rows(ctx: Context) -> None:
    """A fungsional post has a jenjang, other posts none; min_golongan is not above max."""
    t = ctx.get("positions", "kind")
    if t is None:
        return
    kind = t.frame["kind"]
    fungsional = (kind == "fungsional").to_numpy()
    known_kind = t.ok("kind") & _present(t, "kind")
    has_jenjang = _present(t, "jenjang")
    _flag(
        ctx,
        t,
        known_kind & fungsional & ~has_jenjang & t.ok("jenjang"),
        "missing_jenjang",
        "a fungsional post needs a jenjang",
        "jabatan fungsional memerlukan jenjang",
        "jenjang",
    )
    _flag(
        ctx,
        t,
        known_kind & ~fungsional & has_jenjang,
        "jenjang_not_fungsional",
        "only fungsional posts have a jenjang (leave it empty for this kind)",
        "hanya jabatan fungsional yang memiliki jenjang (kosongkan untuk jenis ini)",
        "jenjang",
    )
    lo = t.frame["min_golongan"].map(GOLONGAN_INDEX)
    hi = t.frame["max_golongan"].map(GOLONGAN_INDEX)
    inverted = (lo > hi).to_numpy()
    shown = t.frame["min_golongan"].astype(str) + " > " + t.frame["max_golongan"].astype(str)
    _flag(
        ctx,
        t,
        inverted,
        "golongan_range_inverted",
        "min_golongan is above max_golongan",
        "min_golongan lebih tinggi dari max_golongan",
        "min_golongan",
        shown,
    )


def employee_posts(ctx: Context) -> None:
    """Every placed employee holds a known post, with a tmt_jabatan; locked people are placed."""
    e = ctx.get("employees", "position_id")
    if e is None:
        return
    placed = _present(e, "position_id")
    p = ctx.referable("positions", "position_id")
    if p is not None:
        _unknown(ctx, e, "position_id", set(p.frame["position_id"].dropna()), "unknown_position",
                 "no post with this position_id in the positions table",
                 "tidak ada jabatan dengan position_id ini di tabel positions")  # fmt: skip
    if "tmt_jabatan" in e.headers:
        no_tmt = placed & ~_present(e, "tmt_jabatan") & e.ok("tmt_jabatan")
        _flag(
            ctx,
            e,
            no_tmt,
            "missing_tmt_jabatan",
            "a placed employee needs a tmt_jabatan",
            "pegawai yang memegang jabatan memerlukan tmt_jabatan",
            "tmt_jabatan",
        )
    elif placed.any():
        ctx.issues.error(
            "missing_column",
            "column 'tmt_jabatan' is missing (required when employees hold a post)",
            file=e.label,
            column="tmt_jabatan",
            message_id="kolom 'tmt_jabatan' tidak ada (wajib bila pegawai memegang jabatan)",
        )
    locked = e.frame["locked"].astype(bool).to_numpy()
    _flag(
        ctx,
        e,
        locked & ~placed,
        "locked_not_placed",
        "a locked employee must hold a post (locked keeps a person in place)",
        "pegawai yang dikunci (locked) harus memegang jabatan (locked menahan orang di tempatnya)",
        "locked",
    )


def occupancy(ctx: Context) -> None:
    """No post holds more employees than its capacity."""
    e = ctx.get("employees", "position_id")
    p = ctx.get("positions", "position_id")
    if e is None or p is None:
        return
    held = e.frame["position_id"].dropna().value_counts()
    first = ~p.frame["position_id"].duplicated(keep="first").to_numpy()
    usable = first & p.ok("capacity") & _present(p, "position_id")
    counts = p.frame["position_id"].map(held).to_numpy(dtype=float, na_value=0).astype(np.int64)
    capacity = pd.to_numeric(p.frame["capacity"]).to_numpy()
    over = usable & (counts > capacity)
    _flag(
        ctx,
        p,
        over,
        "over_capacity",
        lambda k: f"{counts[k]} employees hold this post but its capacity is {int(capacity[k])}",
        lambda k: (
            f"{counts[k]} pegawai memegang jabatan ini padahal kapasitasnya {int(capacity[k])}"
        ),
        "capacity",
        p.frame["position_id"],
    )


def competency_refs(ctx: Context) -> None:
    """Competencies and requirements name known people, posts and competency codes."""
    e = ctx.referable("employees", "nip")
    p = ctx.referable("positions", "position_id")
    c = ctx.tables.get("competencies")
    r = ctx.tables.get("requirements")
    message = "competency code is not in the competency dictionary (built-in M.01-M.08, SK.01 or the file)"
    message_id = (
        "kode kompetensi tidak ada di kamus kompetensi (bawaan M.01-M.08, SK.01 atau berkasnya)"
    )
    for t in (c, r):
        if t is not None:
            _unknown(
                ctx,
                t,
                "competency",
                ctx.competency_codes,
                "unknown_competency",
                message,
                message_id,
            )
    if c is not None and e is not None:
        _unknown(ctx, c, "nip", _known_nips(e), "unknown_nip", "no employee with this NIP",
                 "tidak ada pegawai dengan NIP ini")  # fmt: skip
    if r is not None and p is not None:
        _unknown(ctx, r, "position_id", set(p.frame["position_id"].dropna()), "unknown_position",
                 "no post with this position_id in the positions table",
                 "tidak ada jabatan dengan position_id ini di tabel positions")  # fmt: skip


def _known_nips(e: ParsedTable) -> set[str]:
    return set(e.frame["nip"].dropna())


def preference_rows(ctx: Context) -> None:
    """Each preference names one known post or unit; wishes have distinct ranks per person."""
    t = ctx.tables.get("preferences")
    if t is None:
        return
    e = ctx.referable("employees", "nip")
    p = ctx.referable("positions", "position_id")
    if e is not None:
        _unknown(ctx, t, "nip", _known_nips(e), "unknown_nip", "no employee with this NIP",
                 "tidak ada pegawai dengan NIP ini")  # fmt: skip
    if p is not None:
        _unknown(ctx, t, "position_id", set(p.frame["position_id"].dropna()), "unknown_position",
                 "no post with this position_id in the positions table",
                 "tidak ada jabatan dengan position_id ini di tabel positions")  # fmt: skip
        if p.has("unit"):
            _unknown(ctx, t, "unit", set(p.frame["unit"].dropna()), "unknown_unit",
                     "no post of the positions table is in this unit",
                     "tidak ada jabatan di tabel positions pada unit ini")  # fmt: skip
    if "position_id" not in t.headers and "unit" not in t.headers:
        ctx.issues.error(
            "missing_column",
            "a preferences table needs a 'position_id' or a 'unit' column",
            file=t.label,
            column="position_id",
            message_id="tabel preferences memerlukan kolom 'position_id' atau 'unit'",
        )
        return
    post, unit = _present(t, "position_id"), _present(t, "unit")
    _flag(ctx, t, post & unit, "preference_target", "name a post or a unit, not both",
          "sebutkan jabatan atau unit, bukan keduanya", "position_id")  # fmt: skip
    neither = ~post & ~unit & t.ok("position_id", "unit")
    _flag(ctx, t, neither, "preference_target", "name a post (position_id) or a unit",
          "sebutkan jabatan (position_id) atau unit", "position_id")  # fmt: skip
    refuse = t.frame["refuse"].astype(bool).to_numpy()
    has_rank = _present(t, "rank")
    _flag(
        ctx,
        t,
        ~refuse & ~has_rank & t.ok("rank"),
        "missing_rank",
        "a wish needs a rank (1 = most wanted)",
        "keinginan memerlukan rank (1 = paling diinginkan)",
        "rank",
    )
    wishes = ~refuse & has_rank
    _duplicates(ctx, t, ("nip", "rank"), "duplicate_rank", "this NIP and rank",
                "pasangan NIP dan rank ini", rows=wishes)  # fmt: skip
    # A post and a unit of the same name are different targets: prefix the kind.
    target = ("post " + t.frame["position_id"].astype(str)).where(
        post, "unit " + t.frame["unit"].astype(str)
    )
    keyed = pd.DataFrame({"nip": t.frame["nip"], "target": target, "refuse": refuse})
    _duplicates(
        ctx, t, ("nip", "target", "refuse"), "duplicate_preference",
        "this NIP and post or unit", "pasangan NIP dan jabatan atau unit ini",
        rows=post ^ unit, frame=keyed,
        shown=_joined(keyed, ("nip", "target")),
    )  # fmt: skip
    # Wished and refused at once: allowed (the refusal is the stronger statement), but suspicious.
    single = post ^ unit
    pair = keyed.loc[single].groupby(["nip", "target"], sort=False)["refuse"].transform("nunique")
    both = np.zeros(len(t.frame), dtype=bool)
    both[pair.index[(pair > 1).to_numpy()]] = True
    _flag(
        ctx, t, both & refuse, "wish_and_refusal", "this NIP both wishes for and refuses this post or unit",
        "NIP ini sekaligus menginginkan dan menolak jabatan atau unit ini",
        "position_id", _joined(keyed, ("nip", "target")), warning=True,
    )  # fmt: skip


def score_refs(ctx: Context) -> None:
    """Scores name known people and posts."""
    t = ctx.tables.get("scores")
    if t is None:
        return
    e = ctx.referable("employees", "nip")
    p = ctx.referable("positions", "position_id")
    if e is not None:
        _unknown(ctx, t, "nip", _known_nips(e), "unknown_nip", "no employee with this NIP",
                 "tidak ada pegawai dengan NIP ini")  # fmt: skip
    if p is not None:
        _unknown(ctx, t, "position_id", set(p.frame["position_id"].dropna()), "unknown_position",
                 "no post with this position_id in the positions table",
                 "tidak ada jabatan dengan position_id ini di tabel positions")  # fmt: skip


# ------------------------------------------------------------------------------------------------
# Warnings: allowed but suspicious.


def birth_dates(ctx: Context) -> None:
    """Warn where a given birth date differs from the one the NIP encodes."""
    e = ctx.get("employees", "nip")
    if e is None or "birth_date" not in e.headers:
        return
    from_nip = nip_birth_dates(e.frame["nip"].where(e.ok("nip")))
    given = pd.to_datetime(e.frame["birth_date"])
    nip_text = from_nip.dt.strftime("%Y-%m-%d")
    differ = (given.notna() & from_nip.notna() & (given != from_nip)).to_numpy()
    _flag(
        ctx,
        e,
        differ,
        "birth_date_mismatch",
        lambda k: (
            f"birth date differs from the NIP's ({nip_text.iat[k]}); the given birth date is used"
        ),
        lambda k: (
            f"tanggal lahir berbeda dari yang tercantum di NIP ({nip_text.iat[k]}); tanggal lahir "
            "yang diisi yang dipakai"
        ),
        "birth_date",
        warning=True,
    )


ADULT_AGE_YEARS = 18
"""The youngest age at which a civil servant is appointed (UU 20/2023: at least 18)."""
OLDEST_PLAUSIBLE_AGE = 70
"""Above this age at ``as_of`` a person is surely past every retirement age (BUP 58 to 65)."""


def dates(ctx: Context) -> None:
    """Dates that cannot be true change tenure and age silently: refuse them, warn about the odd.

    Errors: a birth date (given, or the NIP's when none is given) after ``as_of``; a
    ``tmt_jabatan`` after ``as_of`` (tenure would be negative) or before the person's birth.
    Warnings: a ``tmt_jabatan`` before the person turned 18; an age at ``as_of`` under 18 or over
    70.
    """
    e = ctx.get("employees", "nip")
    if e is None or len(e.frame) == 0:
        return
    frame = e.frame
    given = (
        pd.to_datetime(frame["birth_date"]).where(e.ok("birth_date"))
        if "birth_date" in e.headers
        else pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    )
    from_nip = nip_birth_dates(frame["nip"].where(e.ok("nip")))
    birth = given.fillna(from_nip)
    birth_column = np.where(given.notna().to_numpy(), "birth_date", "nip")
    tmt = (
        pd.to_datetime(frame["tmt_jabatan"]).where(e.ok("tmt_jabatan"))
        if "tmt_jabatan" in e.headers
        else pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    )
    has_birth, has_tmt = birth.notna().to_numpy(), tmt.notna().to_numpy()
    born_later = np.zeros(len(frame), dtype=bool)

    birth_text = birth.dt.strftime("%Y-%m-%d")

    def flag(mask: BoolArray, rule: str, message: Callable[[int], str],
             message_id: Callable[[int], str], column: str,
             warning: bool = False) -> None:  # fmt: skip
        _flag(ctx, e, mask, rule, message, message_id, column, warning=warning)

    if ctx.as_of is not None:
        as_of = pd.Timestamp(ctx.as_of)
        born_later = has_birth & (birth > as_of).to_numpy()
        for column in ("birth_date", "nip"):
            flag(born_later & (birth_column == column), "birth_after_as_of",
                 lambda k: f"born on {birth_text.iat[k]}, after the planning date as_of "
                 f"({ctx.as_of}); check the date",
                 lambda k: f"lahir pada {birth_text.iat[k]}, sesudah tanggal perencanaan as_of "
                 f"({ctx.as_of}); periksa tanggalnya", column)  # fmt: skip
        flag(has_tmt & (tmt > as_of).to_numpy(), "tmt_after_as_of",
             lambda k: f"starts in the current post after the planning date as_of ({ctx.as_of}); "
             "tenure cannot be negative: check the date or the scenario's as_of",
             lambda k: f"mulai menjabat di jabatan sekarang sesudah tanggal perencanaan as_of "
             f"({ctx.as_of}); masa jabatan tidak bisa negatif: periksa tanggalnya atau as_of "
             "skenario", "tmt_jabatan")  # fmt: skip
        age = ((as_of - birth).dt.days / 365.25).to_numpy(dtype=float, na_value=np.nan)
        odd_age = has_birth & ~born_later & ((age < ADULT_AGE_YEARS) | (age > OLDEST_PLAUSIBLE_AGE))
        for column in ("birth_date", "nip"):
            flag(odd_age & (birth_column == column), "implausible_age",
                 lambda k: f"{int(age[k])} years old at as_of ({ctx.as_of}); check the birth "
                 "date",
                 lambda k: f"berusia {int(age[k])} tahun pada as_of ({ctx.as_of}); periksa "
                 "tanggal lahirnya", column, warning=True)  # fmt: skip
    both = has_birth & has_tmt & ~born_later  # one error per person is enough
    before_birth = both & (tmt < birth).to_numpy()
    flag(before_birth, "tmt_before_birth",
         lambda k: f"starts in the current post before the person was born "
         f"({birth_text.iat[k]}); check the date",
         lambda k: f"mulai menjabat di jabatan sekarang sebelum orang itu lahir "
         f"({birth_text.iat[k]}); periksa tanggalnya", "tmt_jabatan")  # fmt: skip
    adult = birth + pd.DateOffset(years=ADULT_AGE_YEARS)
    young = both & ~before_birth & (tmt < adult).to_numpy()
    flag(young, "tmt_before_age_18",
         lambda k: f"starts in the current post before the person turned {ADULT_AGE_YEARS} "
         f"(born {birth_text.iat[k]}); check the date",
         lambda k: f"mulai menjabat di jabatan sekarang sebelum orang itu berusia "
         f"{ADULT_AGE_YEARS} tahun (lahir {birth_text.iat[k]}); periksa tanggalnya", "tmt_jabatan",
         warning=True)  # fmt: skip


def bup(ctx: Context) -> None:
    """Warn where a person's BUP as SIASN records it (``bup``, ``bupPensiun``) differs from the
    BUP the engine gives the holder of their post (docs/domain.md, "Retirement (BUP)"); the
    person's own is used."""
    e = ctx.get("employees", "position_id")
    p = ctx.referable("positions", "position_id")
    if e is None or p is None or "bup" not in e.frame.columns:
        return
    posts = p.frame.drop_duplicates("position_id").set_index("position_id")
    kind = e.frame["position_id"].map(posts["kind"])
    jenjang = e.frame["position_id"].map(posts["jenjang"])
    engine = pd.Series(
        [
            retirement_age(k, g if k == "fungsional" else None) if isinstance(k, str) else np.nan
            for k, g in zip(kind.tolist(), jenjang.tolist(), strict=True)
        ],
        index=e.frame.index,
        dtype=float,
    )
    given = pd.to_numeric(e.frame["bup"]).to_numpy(dtype=float, na_value=np.nan)
    ours = engine.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        differ = np.isfinite(given) & np.isfinite(ours) & (given != ours) & e.ok("bup")
    _flag(
        ctx,
        e,
        differ,
        "bup_differs",
        lambda k: (
            f"BUP {int(given[k])} as recorded differs from the engine's BUP "
            f"{int(ours[k])} for the holder of {e.frame['position_id'].iat[k]} "
            f"({kind.iat[k]}{'' if jenjang.iat[k] is None else ', ' + str(jenjang.iat[k])}); "
            f"the recorded {int(given[k])} is used for the current post"
        ),
        lambda k: (
            f"BUP {int(given[k])} yang tercatat berbeda dari BUP {int(ours[k])} menurut mesin "
            f"untuk pemegang {e.frame['position_id'].iat[k]} "
            f"({kind.iat[k]}{'' if jenjang.iat[k] is None else ', ' + str(jenjang.iat[k])}); "
            f"BUP tercatat {int(given[k])} yang dipakai untuk jabatan sekarang"
        ),
        "bup",
        warning=True,
    )


def coverage(ctx: Context) -> None:
    """Warn about people without competency data and active posts without requirements."""
    e = ctx.get("employees", "nip")
    if e is not None:
        if "competencies" not in ctx.given:
            ctx.issues.warn(
                "no_competency_table",
                "no competencies table: every person's competency match is 0",
                file=e.label,
                message_id="tidak ada tabel competencies: kecocokan kompetensi setiap orang 0",
            )
        elif (c := ctx.get("competencies", "nip")) is not None:
            have = set(c.frame["nip"].dropna())
            lacking = e.ok("nip") & ~e.frame["nip"].isin(list(have)).to_numpy()
            _flag(ctx, e, lacking, "no_competency_data", "no competency data for this person (match 0)",
                  "tidak ada data kompetensi untuk orang ini (kecocokan 0)", "nip",
                  warning=True)  # fmt: skip
    p = ctx.get("positions", "position_id")
    if p is not None:
        if "requirements" not in ctx.given:
            ctx.issues.warn(
                "no_requirements_table",
                "no requirements table: no post has competency standards",
                file=p.label,
                message_id="tidak ada tabel requirements: tidak ada jabatan yang memiliki standar "
                "kompetensi",
            )
        elif (r := ctx.get("requirements", "position_id")) is not None:
            have = set(r.frame["position_id"].dropna())
            active = (p.frame["status"] == "active").to_numpy()
            lacking = (
                active
                & _present(p, "position_id")
                & ~p.frame["position_id"].isin(list(have)).to_numpy()
            )
            _flag(ctx, p, lacking, "no_requirements", "active post with no competency requirements",
                  "jabatan aktif tanpa persyaratan kompetensi", "position_id",
                  warning=True)  # fmt: skip


CHECKS: tuple[Callable[[Context], None], ...] = (
    duplicate_ids,
    position_rows,
    employee_posts,
    occupancy,
    competency_refs,
    preference_rows,
    score_refs,
    dates,
    birth_dates,
    bup,
    coverage,
)


def run_checks(ctx: Context) -> None:
    """Run every check in a fixed order (so messages come out in a stable order)."""
    for check in CHECKS:
        check(ctx)
