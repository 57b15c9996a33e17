"""docs/rules.md is the registry rendered: it cannot go stale, and its links hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mutasi_opt.rules import RULES, Rule
from mutasi_opt.rules.reference import render_markdown, setting_default

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _anchors(markdown: str) -> set[str]:
    """GitHub's anchors of the headings of a Markdown page."""
    out = set()
    for line in markdown.splitlines():
        m = re.match(r"^#+\s+(.*)$", line)
        if m:
            words = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower())
            out.add(words.replace(" ", "-"))
    return out


def test_the_committed_page_is_the_render() -> None:
    committed = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), "run: python -m mutasi_opt.rules docs/rules.md"


def test_every_rule_is_documented_with_a_source_or_a_heading() -> None:
    page = render_markdown()
    for r in RULES:
        assert r.doc, r.code
        assert f"## `{r.code}`" in page
        if r.setting is not None:
            assert f"`{r.setting}` (default `{setting_default(r.setting)}`" in page


def test_every_domain_heading_a_rule_cites_exists() -> None:
    headings = _anchors((DOCS / "domain.md").read_text(encoding="utf-8"))
    cited = {r.domain for r in RULES if r.domain}
    assert cited
    assert cited <= headings, cited - headings


def test_defaults_are_the_scenarios() -> None:
    assert setting_default("rules.min_tenure_months") == "24"
    assert setting_default("rules.max_tenure_months") == "60"
    assert setting_default("rules.max_tenure_hard") == "false"
    assert setting_default("rules.movable_asn_types") == "[PNS]"
    assert setting_default("rules.freeze_windows") == "[]"
    assert setting_default("weights.overdue") == "0.05"
    with pytest.raises(KeyError):
        setting_default("rules.no_such_key")


def test_a_rule_is_rendered_from_its_object_alone() -> None:
    extra = Rule(
        "example", "contoh", "an example", RULES[0].func, setting="rules.education",
        doc="Closes nothing; a test.", source="PP 1/2000 art. 1", domain="tenure-window",
    )  # fmt: skip
    page = render_markdown((extra,))
    assert (
        "| 0 | [`example`](#example) | pair | `rules.education: hard` | PP 1/2000 art. 1 |" in page
    )
    assert "*contoh* (an example)." in page
    assert "- **Setting**: `rules.education` (default `hard`; `hard`, `off`)." in page
    assert "PP 1/2000 art. 1; [domain.md#tenure-window](domain.md#tenure-window)" in page
    assert page.endswith("Closes nothing; a test.\n")


def test_the_module_writes_and_checks_the_page(tmp_path: Path) -> None:
    from mutasi_opt.rules.__main__ import main

    target = tmp_path / "rules.md"
    assert main(["--check", str(target)]) == 1
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render_markdown()
    assert main(["--check", str(target)]) == 0
    assert main(["--bogus"]) == 2
