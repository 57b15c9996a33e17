"""Fold SIASN's columns into the engine's: ids where names are empty, the employment type, the post.

An employees table in a SIASN shape (:mod:`~mutasi_opt.tables.siasn`) carries some engine columns
under several SIASN columns. The reader keeps those as ``siasn:<name>`` columns of the raw table
(:mod:`~mutasi_opt.tables.aliases`), and :func:`fold_employees` turns them into engine columns
before anything is parsed, so that every later message and check sees one column per fact:

- **Ids where the name is empty.** ``golongan``, ``education`` and ``status`` take the id column
  (``gol_akhir_id``, ``tkPendidikanTerakhirId``, ``kedudukanPnsId``, ...) where the name column is
  empty or absent; a message about such a cell names the id column.
- **Employment type** (``asn_type``, when the table has no column of its own): SIASN states it in
  several columns, *jenis pegawai* (``PNS Daerah Otonom``, ``PPPK``) and ``status_cpns_pns`` /
  ``statusPegawai`` (``C``/``P``, ``CPNS``/``PNS``), and a *kedudukan hukum* of ``PPPK Aktif``. The
  most specific wins: PPPK, then CPNS, then PNS (:data:`~mutasi_opt.tables.siasn.ASN_TYPE_ORDER`). A
  value none of them knows is kept, so that the reader reports it.
- **The post** (``position_id``, when the table has none): SIASN identifies a structural post by
  its unit, ``unor_id``, and a functional or general (*pelaksana*) post by the jabatan id together
  with the unit: the id of a general post such as "Pengadministrasi Perkantoran" is the same in
  every OPD, so it alone is no post. The built id is :func:`post_id`. The kind of jabatan comes
  from ``jenis_jabatan_id`` / ``jenisJabatanId`` (or its name), else from which jabatan id is
  filled. A person with neither unit nor jabatan is not placed.

Rows whose *kedudukan hukum* says the person has left the service (``Pensiun``, ``Diberhentikan``,
...) get a warning (:data:`~mutasi_opt.tables.siasn.LEFT_SERVICE_IDS`).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from mutasi_opt.errors import IssueCollector
from mutasi_opt.tables import siasn
from mutasi_opt.tables.aliases import ASN_TYPE_ALIASES, value_key
from mutasi_opt.tables.source import RawTable

__all__ = [
    "POST_ID_SEPARATOR",
    "fold_employees",
    "post_id",
    "post_kinds",
    "status_name_column",
    "status_names",
]

AUX = siasn.AUX_PREFIX

POST_ID_SEPARATOR = "@"
"""Between the jabatan id and the unit of a built functional or general post id."""


def post_id(kind: str, unor_id: str, jabatan_id: str | None) -> str:
    """The engine's id of a SIASN post: ``unor_id`` for a structural post, ``jabatan_id@unor_id``
    for a functional or general (*pelaksana*) one (a pooled post: everyone holding that jabatan in
    that unit)."""
    if kind == "struktural":
        return unor_id
    if not jabatan_id:
        raise ValueError("a functional or general post needs its jabatan id")
    return f"{jabatan_id}{POST_ID_SEPARATOR}{unor_id}"


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _header(raw: RawTable, name: str) -> str:
    return raw.headers.get(name, name.removeprefix(AUX))


def fold_employees(raw: RawTable, issues: IssueCollector) -> RawTable:
    """``raw`` (an employees table) with its SIASN columns folded into engine columns and dropped.

    Parameters
    ----------
    raw
        The employees table as read (``siasn:`` columns included).
    issues
        Where problems go: a post id that cannot be built, an unknown kind of jabatan; a warning
        per person SIASN records as having left the service.

    Returns
    -------
    RawTable
        The same rows, with engine columns only (the ``siasn:`` columns removed).
    """
    aux = [c for c in raw.frame.columns if c.startswith(AUX)]
    if not aux:
        return raw
    out = replace(
        raw,
        frame=raw.frame.copy(),
        numeric=dict(raw.numeric),
        headers=dict(raw.headers),
        cell_columns=dict(raw.cell_columns),
        hints=dict(raw.hints),
        hints_id=dict(raw.hints_id),
    )
    for column, ident in (("golongan", "golongan_id"), ("education", "education_id"),
                          ("status", "status_id")):  # fmt: skip
        _fill_from_id(out, raw, column, AUX + ident)
    _asn_type(out, raw)
    _post(out, raw, issues)
    _left_service(out, issues)
    out.frame = out.frame.drop(columns=aux)
    out.numeric = {k: v for k, v in out.numeric.items() if not k.startswith(AUX)}
    out.headers = {k: v for k, v in out.headers.items() if not k.startswith(AUX)}
    return out


def _fill_from_id(out: RawTable, raw: RawTable, column: str, ident: str) -> None:
    """``column`` takes the id column's text where it is empty (or absent)."""
    if ident not in raw.frame.columns:
        return
    source = raw.frame[ident]
    own = _column(raw.frame, column)
    use = (own.isna() & source.notna()).to_numpy()
    had = column in raw.frame.columns
    if had and not use.any():
        return
    n = len(raw.frame)
    out.frame[column] = own.where(~use, source)
    name_header = _header(raw, column) if had else _header(raw, ident)
    out.headers[column] = name_header
    out.cell_columns[column] = np.where(use, _header(raw, ident), name_header).astype(object)
    own_numeric = raw.numeric.get(column, np.zeros(n, dtype=bool))
    id_numeric = raw.numeric.get(ident, np.zeros(n, dtype=bool))
    if own_numeric.any() or id_numeric.any():
        out.numeric[column] = np.where(use, id_numeric, own_numeric)


def _asn_type(out: RawTable, raw: RawTable) -> None:
    """``asn_type`` from SIASN's type columns: the most specific type any of them states."""
    if "asn_type" in raw.frame.columns:
        return
    sources = [c for c in (AUX + "jenis_pegawai", AUX + "status_pegawai") if c in raw.frame]
    if not sources:
        return
    status = _column(out.frame, "status")
    pppk_status = status.map(lambda s: isinstance(s, str) and value_key(s).startswith("PPPK"))
    columns = [raw.frame[c] for c in sources]
    headers = [_header(raw, c) for c in sources]
    if pppk_status.any():
        columns.append(status.where(pppk_status.astype(bool), None))
        headers.append(out.headers.get("status", "status"))
    values: list[str | None] = []
    where: list[str] = []
    rank = {t: k for k, t in enumerate(siasn.ASN_TYPE_ORDER)}
    memo: dict[tuple[object, ...], tuple[str | None, str]] = {}
    for combo in zip(*(c.tolist() for c in columns), strict=True):
        if combo not in memo:
            memo[combo] = _one_type(combo, headers, rank)
        value, header = memo[combo]
        values.append(value)
        where.append(header)
    out.frame["asn_type"] = pd.Series(values, index=raw.frame.index, dtype=object)
    out.headers["asn_type"] = headers[0]
    out.cell_columns["asn_type"] = np.array(where, dtype=object)


def _one_type(
    combo: tuple[object, ...], headers: list[str], rank: dict[str, int]
) -> tuple[str | None, str]:
    """The type one person's SIASN cells state, and the header of the cell that decided it."""
    best: tuple[int, str, str] | None = None
    for text, header in zip(combo, headers, strict=True):
        if not isinstance(text, str):
            continue
        found = siasn.asn_type_of(text, ASN_TYPE_ALIASES)
        if found is None:
            return text, header  # unknown: the reader reports it, naming this column
        if best is None or rank[found] < best[0]:
            best = (rank[found], found, header)
    if best is None:
        return None, headers[0]
    return best[1], best[2]


def post_kinds(frame: pd.DataFrame) -> pd.Series:
    """Per row of a raw employees table: ``struktural``, ``fungsional``, ``umum``, ``None`` (no
    jabatan) or the unknown *jenis jabatan* text as written."""
    stated = _column(frame, AUX + "jenis_jabatan_id").where(
        _column(frame, AUX + "jenis_jabatan_id").notna(), _column(frame, AUX + "jenis_jabatan")
    )
    kinds = stated.map(lambda t: (siasn.jenis_jabatan_of(t) or t) if isinstance(t, str) else None)
    inferred = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    for kind, ident in (("umum", "jabatan_fungsional_umum_id"),
                        ("fungsional", "jabatan_fungsional_id"),
                        ("struktural", "jabatan_struktural_id")):  # fmt: skip
        inferred = inferred.where(_column(frame, AUX + ident).isna(), kind)
    return kinds.where(kinds.notna(), inferred).astype(object)


def _post(out: RawTable, raw: RawTable, issues: IssueCollector) -> None:
    """``position_id`` built from the unit and the jabatan ids (see the module docstring)."""
    frame = raw.frame
    ids = [AUX + c for c in ("jabatan_id", "jabatan_struktural_id", "jabatan_fungsional_id",
                             "jabatan_fungsional_umum_id")]  # fmt: skip
    if "position_id" in frame.columns:
        return
    if AUX + "unor_id" not in frame.columns:
        if any(c in frame.columns for c in ids):
            out.hints["position_id"] = (
                "SIASN's jabatan ids alone do not name a post (a general post's id is the same in "
                "every OPD): add the unit column (unor_id or unorId), and the post id is built "
                "from both"
            )
            out.hints_id["position_id"] = (
                "id jabatan SIASN saja tidak menyebut jabatan (id jabatan pelaksana sama di setiap "
                "OPD): tambahkan kolom unit (unor_id atau unorId), dan id jabatan dibentuk dari "
                "keduanya"
            )
        return
    unor = frame[AUX + "unor_id"]
    kinds = post_kinds(frame)
    generic = _column(frame, AUX + "jabatan_id")
    jabatan = {
        "fungsional": _column(frame, AUX + "jabatan_fungsional_id").where(
            _column(frame, AUX + "jabatan_fungsional_id").notna(), generic
        ),
        "umum": _column(frame, AUX + "jabatan_fungsional_umum_id").where(
            _column(frame, AUX + "jabatan_fungsional_umum_id").notna(), generic
        ),
    }
    jabatan_headers = {
        "fungsional": _first_header(raw, ("jabatan_fungsional_id", "jabatan_id")),
        "umum": _first_header(raw, ("jabatan_fungsional_umum_id", "jabatan_id")),
    }
    unor_header = _header(raw, AUX + "unor_id")
    kind_header = _first_header(raw, ("jenis_jabatan_id", "jenis_jabatan"))
    any_jabatan = np.zeros(len(frame), dtype=bool)
    for c in ids:
        any_jabatan |= _column(frame, c).notna().to_numpy()
    built: list[str | None] = []
    for k, (u, kind) in enumerate(zip(unor.tolist(), kinds.tolist(), strict=True)):
        row = int(raw.rows[k])
        if kind is None and u is None:
            built.append(None)  # no post: not placed
            continue
        if kind not in ("struktural", "fungsional", "umum"):
            if kind is None:
                message = (
                    f"the kind of jabatan is unknown (no {kind_header} and no jabatan id): the "
                    "post id cannot be built"
                )
                message_id = (
                    f"jenis jabatan tidak diketahui (tidak ada {kind_header} dan tidak ada id "
                    "jabatan): id jabatan tidak dapat dibentuk"
                )
            else:
                message = (
                    "unknown kind of jabatan (expected 1 Jabatan Struktural, 2 Jabatan Fungsional "
                    "Tertentu, 3 Jabatan Rangkap or 4 Jabatan Fungsional Umum/Pelaksana)"
                )
                message_id = (
                    "jenis jabatan tidak dikenal (seharusnya 1 Jabatan Struktural, 2 Jabatan "
                    "Fungsional Tertentu, 3 Jabatan Rangkap atau 4 Jabatan Fungsional "
                    "Umum/Pelaksana)"
                )
            issues.error("unknown_jenis_jabatan", message, file=raw.label, row=row,
                         column=kind_header, value=kind, message_id=message_id)  # fmt: skip
            built.append(None)
            continue
        if u is None:
            issues.error(
                "siasn_post_id",
                f"{unor_header} is empty but the person holds a jabatan: the post id needs the "
                "unit",
                file=raw.label, row=row, column=unor_header,
                message_id=f"{unor_header} kosong padahal orang ini memegang jabatan: id jabatan "
                "memerlukan unit",
            )  # fmt: skip
            built.append(None)
            continue
        jab = None if kind == "struktural" else jabatan[kind].iat[k]
        if kind != "struktural" and jab is None:
            issues.error(
                "siasn_post_id",
                f"a {'functional' if kind == 'fungsional' else 'general (pelaksana)'} post needs "
                f"its jabatan id ({jabatan_headers[kind]}) beside the unit: the id of such a "
                "jabatan is shared by every OPD, so the unit alone is not the post",
                file=raw.label, row=row, column=jabatan_headers[kind],
                message_id=f"jabatan {'fungsional' if kind == 'fungsional' else 'pelaksana'} "
                f"memerlukan id jabatannya ({jabatan_headers[kind]}) di samping unit: id jabatan "
                "seperti itu sama di setiap OPD, sehingga unit saja belum menyebut jabatan",
            )  # fmt: skip
            built.append(None)
            continue
        built.append(post_id(str(kind), str(u), None if jab is None else str(jab)))
    out.frame["position_id"] = pd.Series(built, index=frame.index, dtype=object)
    out.headers["position_id"] = f"position_id (built from {unor_header} and the jabatan id)"


def _first_header(raw: RawTable, names: tuple[str, ...]) -> str:
    for name in names:
        if AUX + name in raw.frame.columns:
            return _header(raw, AUX + name)
    return names[0]


def _left_service(out: RawTable, issues: IssueCollector) -> None:
    """Warn about each person whose *kedudukan hukum* says they have left the service."""
    if "status" not in out.frame.columns:
        return
    status = out.frame["status"]
    gone = {t: siasn.left_service(t) for t in status.dropna().unique().tolist()}
    for k in np.flatnonzero(status.map(gone).fillna(False).to_numpy(dtype=bool)).tolist():
        text = str(status.iat[k])
        issues.warn(
            "siasn_left_service",
            "SIASN records this person as no longer in service (kedudukan hukum "
            f"{siasn.kedudukan_name(text) or text!r}); they are read as not active and stay where "
            "the table puts them: remove the row if they no longer hold the post",
            file=out.label,
            row=int(out.rows[k]),
            column=_cell_header(out, "status", k),
            value=text,
            message_id="SIASN mencatat orang ini tidak lagi dalam dinas (kedudukan hukum "
            f"{siasn.kedudukan_name(text) or text!r}); ia dibaca sebagai tidak aktif dan tetap di "
            "tempat yang disebut tabel: hapus barisnya bila ia tidak lagi memegang jabatan itu",
        )


def _cell_header(raw: RawTable, column: str, k: int) -> str:
    if column in raw.cell_columns:
        return str(raw.cell_columns[column][k])
    return raw.headers.get(column, column)


def status_name_column(raw: RawTable, codes: pd.Series) -> pd.Series:
    """``employees.status_name`` for the folded table ``raw`` and the parsed ``codes``
    (:func:`status_names`; all ``None`` when the table has no status)."""
    if "status" not in raw.frame.columns:
        return pd.Series([None] * len(codes), index=codes.index, dtype=object)
    written = raw.frame["status"].reset_index(drop=True)
    return status_names(written.set_axis(codes.index), codes)


def status_names(written: pd.Series, codes: pd.Series) -> pd.Series:
    """The name each status was given, where it is more than a spelling of its code.

    ``PNS kena hukuman disiplin`` (code ``hukuman_disiplin``) is kept, ``Tugas Belajar``
    (``tugas_belajar``) is not; a *kedudukan hukum* id (``15``) gives its SIASN name. ``None``
    where nothing is written.
    """
    out: list[str | None] = []
    memo: dict[tuple[object, object], str | None] = {}
    for text, code in zip(written.tolist(), codes.tolist(), strict=True):
        key = (text, code)
        if key not in memo:
            memo[key] = _status_name(text, code)
        out.append(memo[key])
    return pd.Series(out, index=codes.index, dtype=object)


def _status_name(text: object, code: object) -> str | None:
    if not isinstance(text, str) or not isinstance(code, str):
        return None
    named = siasn.kedudukan_name(text) or text
    if value_key(named) == value_key(code):
        return None
    return named
