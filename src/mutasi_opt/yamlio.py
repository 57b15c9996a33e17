"""How scenario and sweep files are read: YAML with the words a user wrote, and no key twice.

PyYAML follows YAML 1.1, where ``off``, ``on``, ``yes``, ``no`` (and their capitalised forms) are
booleans; ``rank_range: off`` would then arrive as ``False`` and be refused, though the contract
(``docs/model.md``) lists ``off`` as a value. :class:`ScenarioLoader` reads booleans as YAML 1.2
does (``true`` / ``false`` only), so those words stay text, and refuses a mapping that names a key
twice (PyYAML keeps the last silently: a second ``rules:`` block would wipe the first).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node

__all__ = ["ScenarioLoader", "load_yaml"]

_BOOL_1_2 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class ScenarioLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with YAML 1.2 booleans and duplicate keys refused."""

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node)
                except TypeError:
                    continue  # an unhashable key: the base class reports it
                if first is not key_node:
                    raise ConstructorError(
                        "while reading a mapping",
                        node.start_mark,
                        f"key {key!r} is written twice (first on line {first.start_mark.line + 1})",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep=deep)  # type: ignore[arg-type]


# Only true/false are booleans: drop YAML 1.1's yes/no/on/off resolver and add YAML 1.2's.
ScenarioLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ScenarioLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL_1_2, list("tTfF"))


def load_yaml(text: str) -> Any:
    """The document in ``text`` (``yaml.YAMLError`` on bad syntax or a key written twice)."""
    # A SafeLoader subclass: no tag builds a Python object.
    return yaml.load(text, Loader=ScenarioLoader)
