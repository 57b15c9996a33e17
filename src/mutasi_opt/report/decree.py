"""The draft decree attachment (*lampiran keputusan*): ``decree.xlsx`` and ``decree.docx``.

A BKPSDM ends a round with a decree of the PPK whose attachment lists, per person moved, a numbered
row: name and NIP, pangkat and golongan, the old post and unit, the new post and unit, and a remark
(keterangan). The header block (number, date, subject, TMT) and the signature block come from the
scenario's ``output.decree``; whatever is not given is left as dots for the legal section to fill.
Both files are marked as a draft (*DRAF*): the plan is a proposal until the PPK signs.

Rows: every person whose post changes (``moved``; placements of people without a post included),
ordered by the new OPD, then the new post, then the name, as the Transfers table of the report.
The words follow ``output.language``; the layout is the Indonesian one in both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd

from mutasi_opt.report.labels import Language, value_label
from mutasi_opt.report.stamp import restamp_zip
from mutasi_opt.scenario import DecreeSettings, Scenario
from mutasi_opt.textsafe import has_control_character, strip_control_characters

__all__ = ["DECREE_COLUMNS", "PANGKAT", "DecreeRow", "decree_rows", "write_decree_docx",
           "write_decree_xlsx"]  # fmt: skip

PANGKAT: Final[dict[str, str]] = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I", "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata", "III/d": "Penata Tingkat I", "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}  # fmt: skip
"""Pangkat of each golongan/ruang of a PNS (PP 99/2000)."""

BLANK: Final[str] = "………………"
"""What stands for a header field the scenario leaves empty."""

_MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember")  # fmt: skip
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")  # fmt: skip

# key -> (Indonesian, English)
_WORDS: Final[dict[str, tuple[str, str]]] = {
    "draft": (
        "DRAF — usulan mutasi-opt, belum ditetapkan",
        "DRAFT — proposed by mutasi-opt, not yet decreed",
    ),
    "attachment": ("LAMPIRAN KEPUTUSAN", "ATTACHMENT TO THE DECREE OF"),
    "issuer": ("PEJABAT PEMBINA KEPEGAWAIAN", "THE STAFFING AUTHORITY (PPK)"),
    "number": ("NOMOR", "NUMBER"),
    "date": ("TANGGAL", "DATE"),
    "subject": ("TENTANG", "ON"),
    "subject_default": (
        "PEMINDAHAN DAN PENGANGKATAN PEGAWAI NEGERI SIPIL DALAM JABATAN",
        "THE TRANSFER AND APPOINTMENT OF CIVIL SERVANTS TO POSTS",
    ),
    "heading": (
        "DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN DAN DIANGKAT DALAM JABATAN",
        "CIVIL SERVANTS TRANSFERRED AND APPOINTED TO POSTS",
    ),
    "effective": ("TERHITUNG MULAI TANGGAL (TMT)", "EFFECTIVE FROM (TMT)"),
    "no": ("NO", "NO"),
    "name_nip": ("NAMA / NIP", "NAME / NIP"),
    "pangkat": ("PANGKAT / GOL. RUANG", "RANK / GRADE"),
    "old": ("JABATAN LAMA / UNIT KERJA", "FORMER POST / UNIT"),
    "new": ("JABATAN BARU / UNIT KERJA", "NEW POST / UNIT"),
    "remark": ("KETERANGAN", "REMARKS"),
    "no_post": ("(belum memiliki jabatan)", "(no post)"),
    "nip": ("NIP", "NIP"),
    "total": ("Jumlah: {n} orang", "Total: {n} people"),
    "none": ("Tidak ada pegawai yang dimutasi.", "Nobody is moved."),
    "sheet": ("Lampiran SK", "Decree attachment"),
}

DECREE_COLUMNS: Final[tuple[str, ...]] = ("no", "name_nip", "pangkat", "old", "new", "remark")
"""The columns of the attachment, in order (keys of the column headers)."""

_WIDTHS_XLSX: Final[tuple[float, ...]] = (5, 32, 22, 40, 40, 18)
_WIDTHS_CM: Final[tuple[float, ...]] = (1.0, 5.2, 3.6, 6.6, 6.6, 3.0)


def _w(key: str, lang: Language, **values: object) -> str:
    text = _WORDS[key][0 if lang == "id" else 1]
    return text.format(**values) if values else text


def _clean(value: object) -> str:
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    return strip_control_characters(text) if has_control_character(text) else text


def long_date(day: dt.date | None, lang: Language) -> str:
    """``1 Desember 2026`` / ``1 December 2026``; :data:`BLANK` without a date."""
    if day is None:
        return BLANK
    months = _MONTHS_ID if lang == "id" else _MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def pangkat(golongan: object) -> str:
    """``Penata Tingkat I, III/d``; the golongan alone when it is not a PNS golongan."""
    gol = _clean(golongan).strip()
    name = PANGKAT.get(gol)
    return f"{name}, {gol}" if name else gol


@dataclass(frozen=True)
class DecreeRow:
    """One numbered row of the attachment."""

    number: int
    name: str
    nip: str
    pangkat: str
    old_post: str
    old_unit: str
    new_post: str
    new_unit: str
    remark: str


def decree_rows(assignments: pd.DataFrame, lang: Language) -> list[DecreeRow]:
    """The rows of the attachment: every person moved, ordered (see the module docstring)."""
    if len(assignments) == 0:
        return []
    moved = assignments.loc[assignments["moved"].fillna(False).astype(bool)].copy()
    for column in ("to_unit", "to_title", "name", "nip"):
        moved[f"_{column}"] = moved[column].map(_clean).str.casefold()
    moved = moved.sort_values(
        ["_to_unit", "_to_title", "_name", "_nip"], kind="stable"
    ).reset_index(drop=True)
    rows = []
    for k, rec in enumerate(moved.to_dict("records"), start=1):
        has_old = bool(_clean(rec.get("from_position_id")))
        remark = value_label("move_type", _clean(rec.get("move_type")), lang)
        rows.append(
            DecreeRow(
                number=k,
                name=_clean(rec.get("name")),
                nip=_clean(rec.get("nip")),
                pangkat=pangkat(rec.get("golongan")),
                old_post=_clean(rec.get("from_title")) if has_old else _w("no_post", lang),
                old_unit=_clean(rec.get("from_unit")) if has_old else "",
                new_post=_clean(rec.get("to_title")),
                new_unit=_clean(rec.get("to_unit")),
                remark=remark,
            )
        )
    return rows


@dataclass(frozen=True)
class DecreeHeader:
    """The header and signature block, with blanks filled by dots."""

    lines: tuple[tuple[str, str], ...]
    """(label, value) of the block top right: number, date, subject."""
    attachment: str
    heading: str
    effective: str
    place_date: str
    official_title: str
    official_name: str
    official_nip: str


def decree_header(scenario: Scenario, lang: Language) -> DecreeHeader:
    """The header block of ``scenario.output.decree`` in ``lang``."""
    settings: DecreeSettings = scenario.output.decree
    issuer = _clean(settings.issuer).upper() or _w("issuer", lang)
    subject = _clean(settings.subject) or _w("subject_default", lang)
    effective = settings.effective_date or scenario.as_of
    place = _clean(settings.place)
    when = long_date(settings.date, lang)
    return DecreeHeader(
        lines=(
            (_w("number", lang), _clean(settings.number) or BLANK),
            (_w("date", lang), when),
            (_w("subject", lang), subject.upper()),
        ),
        attachment=f"{_w('attachment', lang)} {issuer}",
        heading=_w("heading", lang),
        effective=f"{_w('effective', lang)}: {long_date(effective, lang)}",
        place_date=f"{place or BLANK}, {when}",
        official_title=_clean(settings.official_title).upper() or BLANK,
        official_name=_clean(settings.official_name) or BLANK,
        official_nip=f"{_w('nip', lang)} {_clean(settings.official_nip) or BLANK}",
    )


def _signature(header: DecreeHeader) -> tuple[str, ...]:
    """The signature block's lines: place and date, office, room to sign, name, NIP."""
    return (header.place_date, header.official_title, "", "", "", header.official_name,
            header.official_nip)  # fmt: skip


def _cells(row: DecreeRow) -> tuple[str, ...]:
    old = f"{row.old_post}\n{row.old_unit}" if row.old_unit else row.old_post
    return (
        str(row.number),
        f"{row.name}\n{row.nip}",
        row.pangkat,
        old,
        f"{row.new_post}\n{row.new_unit}",
        row.remark,
    )


def write_decree_xlsx(
    path: Path,
    assignments: pd.DataFrame,
    scenario: Scenario,
    lang: Language,
    *,
    created_at: dt.datetime,
) -> None:
    """Write ``decree.xlsx``: one sheet, A4 landscape, the header rows repeated on every page.

    Streamed as ``report.xlsx`` is (:func:`mutasi_opt.report.xlsx.open_workbook`); every text is a
    string cell, never a formula or a link, whatever it holds.
    """
    from mutasi_opt.report.xlsx import open_workbook

    header = decree_header(scenario, lang)
    rows = decree_rows(assignments, lang)
    n_cols = len(DECREE_COLUMNS)
    with open_workbook(path, title=header.heading, created_at=created_at) as book:
        ws = book.add_worksheet(_w("sheet", lang))
        style = book.add_format
        bold = style({"bold": True})
        box = {"border": 1}
        for c, width in enumerate(_WIDTHS_XLSX):
            ws.set_column(c, c, width)
        head_row = len(header.lines) + 6  # 0-based, under the mark, the block, the title and gaps
        ws.freeze_panes(head_row + 2, 0)
        ws.repeat_rows(head_row, head_row + 1)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.4, right=0.4)
        ws.set_footer("&L" + _w("draft", lang).replace("&", "&&") + "&C&P / &N")
        ws.write_string(0, 0, _w("draft", lang), style({"bold": True, "font_color": "#B3261E"}))
        ws.write_string(1, 3, header.attachment, bold)
        wrap_top = style({"text_wrap": True, "valign": "top"})
        for k, (key, value) in enumerate(header.lines, start=2):
            ws.write_string(k, 3, key)
            ws.write_string(k, 4, f": {value}", wrap_top)
        row = head_row - 3
        for text, fmt in (
            (header.heading, style({"bold": True, "align": "center"})),
            (header.effective, style({"align": "center"})),
        ):
            ws.merge_range(row, 0, row, n_cols - 1, "", fmt)
            ws.write_string(row, 0, text, fmt)
            row += 1
        head = style(
            {**box, "bold": True, "text_wrap": True, "align": "center", "valign": "vcenter"}
        )
        for c, key in enumerate(DECREE_COLUMNS):
            ws.write_string(head_row, c, _w(key, lang), head)
        numbered = style({**box, "align": "center"})
        for c in range(n_cols):
            ws.write_string(head_row + 1, c, f"{c + 1}", numbered)
        number = style({**box, "align": "center", "valign": "top"})
        body = style({**box, "text_wrap": True, "valign": "top"})
        r = head_row + 2
        for item in rows:
            ws.write_number(r, 0, item.number, number)
            for c, value in enumerate(_cells(item)[1:], start=1):
                ws.write_string(r, c, value, body)
            r += 1
        if not rows:
            ws.write_string(r, 0, _w("none", lang))
            r += 1
        ws.write_string(r, 1, _w("total", lang, n=len(rows)), bold)
        r += 2
        for k, value in enumerate(_signature(header)):
            if value:
                ws.write_string(r + k, 4, value, bold if k in (1, 5) else None)


def write_decree_docx(
    path: Path,
    assignments: pd.DataFrame,
    scenario: Scenario,
    lang: Language,
    *,
    created_at: dt.datetime,
) -> None:
    """Write ``decree.docx``: A4 landscape, the table's header row repeated on every page, page
    numbers in the footer."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    header = decree_header(scenario, lang)
    rows = decree_rows(assignments, lang)
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.6))
    section.top_margin = section.bottom_margin = Cm(1.5)

    def paragraph(text: str, *, bold: bool = False, align: object = None, size: float = 10) -> None:
        par = document.add_paragraph()
        run = par.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
        if align is not None:
            par.alignment = align  # type: ignore[assignment]
        par.paragraph_format.space_after = Pt(0)

    draft = document.add_paragraph()
    mark = draft.add_run(_w("draft", lang))
    mark.bold = True
    mark.font.color.rgb = RGBColor(0xB3, 0x26, 0x1E)
    # The block top right: attachment, number, date, subject.
    block = document.add_table(rows=1 + len(header.lines), cols=2)
    block.alignment = WD_TABLE_ALIGNMENT.RIGHT
    block.cell(0, 0).merge(block.cell(0, 1)).text = header.attachment
    for k, (key, value) in enumerate(header.lines, start=1):
        block.cell(k, 0).text = key
        block.cell(k, 1).text = f": {value}"
    for k, width in enumerate((Cm(2.6), Cm(8.4))):
        for cell in block.columns[k].cells:
            cell.width = width
    paragraph("")
    paragraph(header.heading, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=11)
    paragraph(header.effective, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph("")
    table = document.add_table(rows=2, cols=len(DECREE_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, key in enumerate(DECREE_COLUMNS):
        cell = table.cell(0, c)
        cell.text = ""
        run = cell.paragraphs[0].add_run(_w(key, lang))
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        table.cell(1, c).text = str(c + 1)
        table.cell(1, c).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for header_row in table.rows[:2]:
        properties = header_row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
    # A row added later takes its grid column's width (python-docx's add_row): setting them first
    # spares a pass over every cell of every column.
    for c, cm in enumerate(_WIDTHS_CM):
        table.columns[c].width = Cm(cm)
        for header_row in (0, 1):
            table.cell(header_row, c).width = Cm(cm)
    for item in rows:
        cells = table.add_row().cells
        for c, value in enumerate(_cells(item)):
            cells[c].text = value
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not rows:
        paragraph(_w("none", lang))
    paragraph(_w("total", lang, n=len(rows)), bold=True)
    paragraph("")
    for k, value in enumerate(_signature(header)):
        par = document.add_paragraph()
        par.paragraph_format.left_indent = Cm(17.0)
        par.paragraph_format.space_after = Pt(0)
        run = par.add_run(value)
        run.bold = k in (1, 5)
    # Page numbers: "page / pages" in the footer.
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", OxmlElement, qn)
    footer.add_run(" / ")
    _field(footer, "NUMPAGES", OxmlElement, qn)
    props = document.core_properties
    props.author = "mutasi-opt"
    props.last_modified_by = "mutasi-opt"
    props.title = header.heading
    props.revision = 1
    stamp = created_at.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    document.save(str(path))
    restamp_zip(path, created_at)


def _field(paragraph: object, code: str, element: object, qn: object) -> None:
    """Append a Word field (``PAGE``, ``NUMPAGES``) to ``paragraph``."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), ("instr", code), ("end", None)):
        if kind == "instr":
            node = element("w:instrText")  # type: ignore[operator]
            node.set(qn("xml:space"), "preserve")  # type: ignore[operator]
            node.text = f" {text} "
        else:
            node = element("w:fldChar")  # type: ignore[operator]
            node.set(qn("w:fldCharType"), kind)  # type: ignore[operator]
        run._r.append(node)
