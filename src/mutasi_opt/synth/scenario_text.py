"""The scenario file written with a sample: every default spelled out, each with its meaning.

The values and comments come from the pydantic models of :mod:`mutasi_opt.scenario` (their
defaults and field descriptions), so the file stays in step with the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import yaml
from pydantic import BaseModel

from mutasi_opt.scenario import (
    DevelopmentSettings,
    OutputSettings,
    Rules,
    ScoringSettings,
    SolverSettings,
    Weights,
)

__all__ = ["scenario_yaml"]

_SECTIONS: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("rules", Rules, "Hard and side rules (defaults: PP 11/2017 as amended, see docs/domain.md)."),
    ("weights", Weights, "Value of a (person, post) pair; the plan maximises the total."),
    ("scoring", ScoringSettings, "How pairs are rated and which are kept."),
    ("solver", SolverSettings, "Algorithm and limits."),
    ("development", DevelopmentSettings, "Development plans for people moved."),
    ("output", OutputSettings, "Where and what to write."),
)


def _scalar(value: Any) -> str:
    """A value as flow-style YAML on one line."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000)
    return text.strip().removesuffix("...").strip()


def _section(
    name: str, model: type[BaseModel], title: str, overrides: Mapping[str, Any]
) -> list[str]:
    values = model().model_dump(mode="json", by_alias=True)
    values.update(overrides)
    lines = [f"# {title}", f"{name}:"]
    rendered = [f"  {key}: {_scalar(value)}" for key, value in values.items()]
    width = max(len(line) for line in rendered) + 2
    for key, line in zip(values, rendered, strict=True):
        comment = model.model_fields[key].description or ""
        lines.append(f"{line:<{width}}# {comment}" if comment else line)
    return lines


def scenario_yaml(
    name: str,
    as_of: dt.date,
    data: Mapping[str, str],
    *,
    description: str = "",
    header: str = "",
    output: Mapping[str, Any] | None = None,
) -> str:
    """A complete scenario file with every default written out and commented.

    Parameters
    ----------
    name
        Scenario name.
    as_of
        Planning date.
    data
        Table name to path (relative to the scenario file).
    description
        One line that says what the scenario is.
    header
        Comment lines put at the top (without ``#``).
    output
        Overrides of the ``output`` section (e.g. ``{"dir": "../runs"}``).
    """
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    if lines:
        lines.append("")
    lines += [f"name: {_scalar(name)}"]
    if description:
        lines.append(f"description: {_scalar(description)}")
    lines += [
        f"as_of: {as_of.isoformat()}                 # planning date: tenure, age and retirement are computed at it"
    ]
    lines += ["", "# Tables, relative to this file.", "data:"]
    lines += [f"  {key}: {_scalar(path)}" for key, path in data.items()]
    for section, model, title in _SECTIONS:
        overrides = dict(output or {}) if section == "output" else {}
        lines += ["", *_section(section, model, title, overrides)]
    return "\n".join(lines) + "\n"
