"""The reports in a real browser: the tables search, filter, sort and page; nothing is fetched from
the network; a screenshot is taken of each page."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mutasi_opt.report import write_run_folder
from report.conftest import CREATED

from .cdp import Browser
from .conftest import big_plan

pytestmark = pytest.mark.browser

ROWS = "Array.from(document.querySelectorAll('#table-moves tbody tr:not(.dt-empty)')).map(r => Array.from(r.cells).map(c => c.textContent))"


def _settle(browser: Browser) -> None:
    """Let the search box's short delay pass."""
    browser.evaluate("new Promise(r => setTimeout(r, 250))")


def _set(browser: Browser, selector: str, value: str, event: str = "change") -> None:
    browser.evaluate(
        f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
        f"e.value = {json.dumps(value)}; e.dispatchEvent(new Event({json.dumps(event)})); }})()"
    )
    _settle(browser)


def _rows(browser: Browser) -> list[list[str]]:
    rows: list[list[str]] = browser.evaluate(ROWS)
    return rows


def _only_local(browser: Browser, page: Path) -> None:
    urls = browser.requested_urls()
    assert urls, "the browser saw no request at all: the network log is not working"
    outside = [u for u in urls if not (u == page.as_uri() or u.startswith("data:"))]
    assert outside == [], f"the page asked for {outside[:3]}"
    assert browser.console_errors() == []


def test_report_moves_table_search_filter_sort(
    browser: Browser, pages: dict[str, Path], tmp_path: Path
) -> None:
    page = pages["report"]
    browser.open(page.as_uri())
    _only_local(browser, page)
    assert browser.evaluate("document.querySelectorAll('.dt.dt-ready').length") >= 4
    # The page opens on the five people moved.
    names = {r[1] for r in _rows(browser)}
    assert names == {"Budi Hutagalung", "Citra Panggabean", "Dedi Simanjuntak", "Eka Sitompul",
                     "Fajar Nasution"}  # fmt: skip
    # Search: by name, by NIP, without the accents or case.
    _set(browser, "#table-moves input[type=search]", "citra", "input")
    assert [r[1] for r in _rows(browser)] == ["Citra Panggabean"]
    _set(browser, "#table-moves input[type=search]", "197904042003011004", "input")
    assert [r[1] for r in _rows(browser)] == ["Dedi Simanjuntak"]
    _set(browser, "#table-moves input[type=search]", "", "input")
    # Everyone, then one OPD (as old or new OPD), then a move type, then a reason.
    _set(browser, "#table-moves select[data-filter=move_type]", "")
    assert len(_rows(browser)) == 8
    _set(browser, "#table-moves select[data-filter=opd]", "Kecamatan Sibolga Kota")
    assert {r[1] for r in _rows(browser)} == {"Dedi Simanjuntak", "Eka Sitompul", "Fajar Nasution",
                                               "Gita Lubis"}  # fmt: skip
    _set(browser, "#table-moves select[data-filter=move_type]", "placement")
    assert [r[1] for r in _rows(browser)] == ["Fajar Nasution"]
    _set(browser, "#table-moves select[data-filter=opd]", "")
    _set(browser, "#table-moves select[data-filter=move_type]", "")
    _set(browser, "#table-moves select[data-filter=reason]", "promosi")
    assert [r[1] for r in _rows(browser)] == ["Citra Panggabean"]
    _set(browser, "#table-moves select[data-filter=reason]", "")
    # Sort by score, twice: ascending then descending, numbers as numbers.
    header = "document.querySelectorAll('#table-moves thead th')[5]"
    browser.evaluate(f"{header}.click()")
    ascending = [r[5] for r in _rows(browser)]
    browser.evaluate(f"{header}.click()")
    descending = [r[5] for r in _rows(browser)]
    assert ascending[0] == "58,3"
    assert descending[0] == "100,0"
    assert browser.evaluate(f"{header}.getAttribute('aria-sort')") == "descending"
    # A search that matches nothing says so.
    _set(browser, "#table-moves input[type=search]", "tidak ada orang ini", "input")
    assert browser.evaluate("document.querySelector('#table-moves .dt-empty') !== null")
    shot = browser.screenshot(tmp_path / "report.png", full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_first_page_states_the_question_and_the_assumptions(
    browser: Browser, pages: dict[str, Path]
) -> None:
    browser.open(pages["report"].as_uri())
    order = browser.evaluate(
        "Array.from(document.querySelectorAll('main > section[id]')).map(s => s.id)"
    )
    assert order[:3] == ["question", "assumptions", "summary"]
    assert order[-1] == "solver"
    # Nothing of the solver in the title block.
    meta = browser.evaluate("document.querySelector('dl.meta').textContent")
    assert "Nilai tujuan" not in meta
    assert "Nilai tujuan" in browser.evaluate("document.getElementById('solver').textContent")


def test_comparison_and_needs_pages_load_offline(
    browser: Browser, pages: dict[str, Path], tmp_path: Path
) -> None:
    for key in ("comparison", "needs"):
        page = pages[key]
        browser.open(page.as_uri())
        _only_local(browser, page)
        assert browser.evaluate("document.querySelectorAll('h2').length") >= 3
        assert browser.evaluate("document.querySelectorAll('svg').length") >= 1
        browser.screenshot(tmp_path / f"{key}.png", full_page=True)
        assert (tmp_path / f"{key}.png").stat().st_size > 10_000


def test_twenty_thousand_people_stay_fast(browser: Browser, tmp_path: Path) -> None:
    plan = big_plan(tmp_path / "inputs", 20_000)
    out = write_run_folder(plan, tmp_path / "run", formats=["html"], created_at=CREATED)
    start = time.perf_counter()
    browser.open((out / "report.html").as_uri())
    assert time.perf_counter() - start < 20
    assert (
        browser.evaluate("document.querySelector('#table-moves').getAttribute('data-matches')")
        == "12500"
    )
    # A search over every row, and a page of 50, in well under a second in the page itself.
    elapsed = browser.evaluate(
        "(() => { const box = document.querySelector('#table-moves input[type=search]');"
        " const t = performance.now(); box.value = 'Pegawai 19997';"
        " box.dispatchEvent(new Event('input'));"
        " return new Promise(r => setTimeout(() => r(performance.now() - t - 120), 400)); })()"
    )
    assert [r[1] for r in _rows(browser)] == ["Pegawai 19997"]
    assert elapsed < 1000
    _set(browser, "#table-moves input[type=search]", "", "input")
    _set(browser, "#table-moves select[data-filter=move_type]", "")
    assert (
        browser.evaluate("document.querySelector('#table-moves').getAttribute('data-matches')")
        == "20000"
    )
    assert len(_rows(browser)) == 50
    browser.evaluate("document.querySelector('#table-moves .dt-pager button:last-child').click()")
    assert _rows(browser)[0][1] != "Pegawai 00000"
