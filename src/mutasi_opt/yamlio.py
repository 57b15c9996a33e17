"""How scenario and sweep files are read: YAML with the words a user wrote, and no key twice.

PyYAML follows YAML 1.1, where ``off``, ``on``, ``yes``, ``no`` (and their capitalised forms) are
booleans; ``rank_range: off`` would then arrive as ``False`` and be refused, though the contract
(``docs/model.md``) lists ``off`` as a value. :class:`ScenarioLoader` reads booleans as YAML 1.2
does (``true`` / ``false`` only), so those words stay text, and refuses a mapping that names a key
twice (PyYAML keeps the last silently: a second ``rules:`` block would wipe the first); the error
names the key and both lines.

Aliases (``*name``) reuse an anchored value; nested, a few dozen of them stand for billions of
values (the "billion laughs"). The document is measured before it is built: more than
:data:`MAX_NODES` values, counted with every alias expanded, is refused at once. A scenario holds a
few hundred.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["MAX_NODES", "ScenarioLoader", "ScenarioYAMLError", "load_yaml", "yaml_problem_id"]

MAX_NODES = 100_000
"""Most values (every alias expanded) a scenario or sweep file may hold."""

_BOOL_1_2 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class ScenarioYAMLError(ConstructorError):
    """A refusal of :class:`ScenarioLoader` of its own, with the problem in Indonesian too
    (``problem_id``)."""

    def __init__(self, problem: str, problem_id: str, mark: Any) -> None:
        super().__init__(None, None, problem, mark)
        self.problem_id = problem_id


def yaml_problem_id(exc: BaseException) -> str:
    """The problem of a YAML error in Indonesian where this module knows it; PyYAML's own
    problems (``expected ',' or ']'``, ...) are its English words."""
    problem_id = getattr(exc, "problem_id", None)
    if isinstance(problem_id, str):
        return problem_id
    return str(getattr(exc, "problem", exc))


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
                    line, again = first.start_mark.line + 1, key_node.start_mark.line + 1
                    raise ScenarioYAMLError(
                        f"key {str(key)[:80]!r} is written twice: on line {line} and again on "
                        f"line {again}",
                        f"kunci {str(key)[:80]!r} ditulis dua kali: di baris {line} dan lagi di "
                        f"baris {again}",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep=deep)  # type: ignore[arg-type]

    def construct_document(self, node: Node) -> Any:
        """Build the document once it is known to be of a sensible size."""
        _check_size(node)
        return super().construct_document(node)


def _check_size(root: Node) -> None:
    """Raise when ``root`` expands to more than :data:`MAX_NODES` values (aliases counted as
    many times as they are used), or refers to itself."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise ScenarioYAMLError(
                "an alias refers to the value that holds it",
                "sebuah alias merujuk ke nilai yang memuatnya",
                node.start_mark,
            )
        busy.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            children: list[Node] = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            children = []
        for child in children:
            total += size(child)
            if total > MAX_NODES:
                raise ScenarioYAMLError(
                    f"the document expands to more than {MAX_NODES:,} values (aliases of "
                    "aliases?); a scenario is a short settings file",
                    f"dokumen berkembang menjadi lebih dari {MAX_NODES:,} nilai (alias dari "
                    "alias?); skenario adalah berkas pengaturan yang pendek",
                    node.start_mark,
                )
        busy.discard(key)
        sizes[key] = total
        return total

    if not isinstance(root, ScalarNode):
        size(root)


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
