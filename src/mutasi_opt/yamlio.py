"""How scenario, sweep and batch files are read: YAML with the words a user wrote, and no key twice.

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
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mutasi_opt.errors import InputError, InputIssue

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "ScenarioLoader",
    "ScenarioYAMLError",
    "load_yaml",
    "read_yaml_file",
    "yaml_problem_id",
]

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


MAX_FILE_BYTES = 1 << 20
"""Largest settings file read (a sweep or batch file is a page of settings; the tables are
separate files)."""


def read_yaml_file(
    path: Path, *, what: str, what_id: str, max_bytes: int = MAX_FILE_BYTES
) -> dict[str, Any]:
    """A settings file (a sweep or batch file) as a mapping, every way it can fail one message.

    Parameters
    ----------
    path
        The file.
    what, what_id
        What the file is, in English and in Indonesian (``"batch file"``, ``"berkas batch"``),
        for the messages.
    max_bytes
        Larger files are refused before they are read.

    Raises
    ------
    InputError
        Missing, too large, not UTF-8, not YAML (with the line), a key twice, or not a mapping.
    """

    def refuse(rule: str, message: str, message_id: str, row: int | None = None) -> InputError:
        issue = InputIssue(rule, message, file=str(path), row=row, message_id=message_id)
        return InputError([issue])

    if not path.is_file():
        raise refuse("file_not_found", f"{what} does not exist", f"{what_id} tidak ada")
    if path.stat().st_size > max_bytes:
        mib = max_bytes >> 20
        raise refuse(
            f"{what.split()[0]}_too_large",
            f"{what} is larger than {mib} MiB",
            f"{what_id} lebih besar dari {mib} MiB",
        )
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except RecursionError:
        raise refuse(
            "yaml_syntax",
            "not valid YAML: nested too deeply",
            "bukan YAML yang sah: bersarang terlalu dalam",
        ) from None
    except UnicodeDecodeError as exc:
        raise refuse(
            "not_utf8",
            f"{what} is not UTF-8 text ({exc.reason})",
            f"{what_id} bukan teks UTF-8 ({exc.reason})",
        ) from None
    except yaml.YAMLError as exc:
        # An unclosed bracket is noticed at the end of the file: name the line it opened on.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        raise refuse(
            "yaml_syntax",
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            f"bukan YAML yang sah: {yaml_problem_id(exc)}",
            row=None if mark is None else mark.line + 1,
        ) from None
    if not isinstance(raw, dict):
        raise refuse(
            "yaml_not_mapping",
            f"a {what} must be a mapping",
            f"{what_id} harus berupa pemetaan kunci ke nilai",
        )
    return raw
