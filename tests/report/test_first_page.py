"""The first page of report.html: the question answered, the rules and weights used (those that
differ from the defaults marked), solver details only in the appendix."""

from __future__ import annotations

from pathlib import Path

from mutasi_opt.report import write_run_folder
from mutasi_opt.report.assumptions import changed_settings
from mutasi_opt.scenario import scenario_from_dict

from .builders import make_plan
from .conftest import CREATED


def test_settings_that_differ_from_the_defaults_are_marked(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "in")
    raw = plan.problem.scenario.to_dict()
    raw["weights"]["move_cost"] = 0.3
    raw["rules"]["max_moves"] = 40
    plan.problem.scenario = scenario_from_dict(raw, source=plan.problem.scenario.source)
    assert changed_settings(plan.problem.scenario) == ["rules.max_moves", "weights.move_cost"]
    out = write_run_folder(plan, tmp_path / "r", formats=["md", "html"], created_at=CREATED)
    html = (out / "report.html").read_text(encoding="utf-8")
    section = html.split('<section id="assumptions">')[1].split("</section>")[0]
    marked = [row for row in section.split("<tr") if 'class="changed"' in row]
    assert len(marked) == 2
    assert "weights.move_cost" in marked[1]
    assert "0,30" in marked[1]
    assert "0,10" in marked[1]  # the default beside it
    assert "Baris yang ditandai berbeda dari nilai bawaan (2 pengaturan)." in section
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| **Biaya setiap perpindahan** | **0,30** | **0,10** | **weights.move_cost** |" in md
    # The order of the first page, and the solver at the end.
    order = [part.split('"')[0] for part in html.split('<section id="')[1:]]
    assert order[:3] == ["question", "assumptions", "summary"]
    assert order[-1] == "solver"
    title_block = html.split("</header>")[0]
    assert "Nilai tujuan" not in title_block
    assert "bukan terbaik bagi setiap pegawai" in html
