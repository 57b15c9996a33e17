"""``docs/rules.md``, rendered from the registry: every hard rule, its setting and its source.

:func:`render_markdown` writes the page from :data:`mutasi_opt.rules.RULES` alone (each rule's
code, descriptions, :attr:`~mutasi_opt.rules.Rule.doc`, setting with its default, legal source
and the heading of ``docs/domain.md`` it rests on), so the page cannot say something the code does
not. ``python -m mutasi_opt.rules docs/rules.md`` writes it; a test fails when the committed page
differs from the render.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence

from pydantic import BaseModel

from mutasi_opt.scenario import Rules, Weights

if typing.TYPE_CHECKING:
    from mutasi_opt.rules import Rule

__all__ = ["render_markdown", "setting_default"]

_SECTIONS: dict[str, type[BaseModel]] = {"rules": Rules, "weights": Weights}

_HEADER = """\
# The hard rules

<!-- Generated from mutasi_opt.rules.RULES by `python -m mutasi_opt.rules docs/rules.md`.
Do not edit by hand: a test fails when this page differs from the render. -->

Every hard rule of mutasi-opt, in the order of the registry (`mutasi_opt.rules.RULES`): the order
in which `problem.stats["excluded.<code>"]` credits an excluded pair to its first excluding rule,
and in which a stay's reason quotes the rules that keep the person in place. A person's current
post stays a candidate under every rule except `abolished` and a hard `max_tenure`. Each section
is rendered from the rule's own object, which also holds its test, the words of its reasons and
of `explain`; [adding-a-rule.md](adding-a-rule.md) shows how one is added, and
[domain.md](domain.md) holds the rules of the domain they rest on.

Kinds: **pair** closes (person, post) pairs; **stays** keeps some people in their current post
(it excludes every other post for them); **stays + pair** does both.
"""


def _yaml(value: object) -> str:
    """A default as the scenario file writes it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return str(value)


def setting_default(key: str) -> str:
    """The default of a scenario key such as ``rules.min_tenure_months``, as YAML (``24``).

    Raises
    ------
    KeyError
        For a key that is not a field of ``rules`` or ``weights``.
    """
    section, name = key.split(".", 1)
    field = _SECTIONS[section].model_fields[name]
    return _yaml(field.get_default(call_default_factory=True))


def _choices(key: str) -> tuple[str, ...]:
    """The values a setting takes when it is a list of words (``hard``, ``soft``, ``off``)."""
    section, name = key.split(".", 1)
    annotation = _SECTIONS[section].model_fields[name].annotation
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(annotation))
    return ()


def _setting(key: str) -> str:
    text = f"`{key}` (default `{setting_default(key)}`"
    choices = _choices(key)
    if choices:
        text += "; " + ", ".join(f"`{c}`" for c in choices)
    return text + ")"


def _kind(rule: Rule) -> str:
    if rule.stays is None:
        return "pair"
    return "stays" if rule.pure_stays else "stays + pair"


def _domain_link(anchor: str) -> str:
    return f"[domain.md#{anchor}](domain.md#{anchor})"


def _source(rule: Rule) -> str:
    parts = [p for p in (rule.source, _domain_link(rule.domain) if rule.domain else "") if p]
    return "; ".join(parts) if parts else "none cited"


def _section(bit: int, rule: Rule) -> str:
    lines = [
        f"## `{rule.code}`",
        "",
        f"*{rule.description_id}* ({rule.description_en}).",
        "",
        f"- **Kind**: {_kind(rule)}; bit {bit} of the exclusion mask.",
        "- **Setting**: " + (_setting(rule.setting) if rule.setting else "none: always on") + ".",
    ]
    if rule.also_reads:
        lines.append("- **Also reads**: " + ", ".join(_setting(k) for k in rule.also_reads) + ".")
    lines.append(f"- **Source**: {_source(rule)}.")
    said = [
        what
        for what, has in (
            ("the requirement a pair fails (`explain`)", rule.detail is not None),
            ("why it keeps a person in place (a stay's reason)", rule.stay_clause is not None),
            ("why a person moved (a move's reason)", rule.move_clause is not None),
        )
        if has
    ]
    if said:
        lines.append("- **Its own words, with the numbers**: " + "; ".join(said) + ".")
    lines += ["", rule.doc or "(undocumented)"]
    return "\n".join(lines)


def render_markdown(registry: Sequence[Rule] | None = None) -> str:
    """``docs/rules.md``: a table of every rule, then a section per rule.

    Parameters
    ----------
    registry
        The rules to document; default :data:`mutasi_opt.rules.RULES`.
    """
    if registry is None:
        from mutasi_opt import rules

        registry = rules.RULES
    table = [
        "| bit | rule | kind | setting (default) | source |",
        "|---|---|---|---|---|",
    ]
    for bit, rule in enumerate(registry):
        setting = f"`{rule.setting}: {setting_default(rule.setting)}`" if rule.setting else "—"
        source = rule.source or "—"
        table.append(
            f"| {bit} | [`{rule.code}`](#{rule.code}) | {_kind(rule)} | {setting} | {source} |"
        )
    body = "\n\n".join(_section(bit, rule) for bit, rule in enumerate(registry))
    return _HEADER + "\n" + "\n".join(table) + "\n\n" + body + "\n"
