"""Strict, safe YAML reading and stable YAML writing.

Reading uses libyaml's C parser when present. On top of safe loading it refuses what a data
file never needs and an attacker or a slip of the hand could use: duplicate keys (PyYAML keeps
the last silently), anchors/aliases (the way to build an expansion bomb), merge keys and
explicit tags. An impossible date (`2026-02-30`) is kept as its text so the model reports it at
its line instead of the parser crashing. Line numbers are computed only on the error path, by
composing the text again and walking to the node a validation error points at.

Writing is block style, fixed key order, Chinese left readable (no `\\u` escapes), multi-line
text as literal blocks, so that a change of one field is a one-line diff.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kadev.errors import Problem
from kadev.i18n import t

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


class YamlProblem(Exception):
    """A refusal raised while constructing, with the node's position."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.message = message
        self.line = node.start_mark.line + 1
        self.column = node.start_mark.column + 1


class StrictLoader(_BaseLoader):  # type: ignore[misc]
    """Safe loader that refuses aliases, duplicate keys, merge keys and explicit tags."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise YamlProblem("YAML aliases (*name) are not allowed in kadev files", node)
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(f"YAML tag {node.tag} is not allowed in kadev files", node)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            raise YamlProblem("expected a mapping", node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("YAML merge keys (<<) are not allowed in kadev files", key_node)
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                raise YamlProblem("a mapping key must be a plain value", key_node) from None
            if key in mapping:
                raise YamlProblem(t("p.duplicate_key", key=key), key_node)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return str(node.value)  # impossible date: let the model report it at its line


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


def decode(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text of a file (a BOM is accepted), or the problem at the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, Problem(path, line, column,
                             t("p.not_utf8", byte=f"{raw[err.start]:02x}"))


def parse(text: str, path: str) -> tuple[Any, Problem | None]:
    """The data of one YAML document, or the problem that stops it from loading."""
    if not text.strip():
        return None, Problem(path, 1, 1, t("p.empty"))
    try:
        data = yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a safe loader
    except YamlProblem as err:
        line, column = err.line, err.column
        if "alias" in err.message:
            line, column = _first_alias(text) or (line, column)
        return None, Problem(path, line, column, err.message)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or str(err)
        if err.context:
            what = f"{err.context}: {what}"
        return None, Problem(path, line, col, f"YAML syntax error: {what}")
    except yaml.YAMLError as err:
        return None, Problem(path, 1, 1, f"YAML error: {err}")
    if data is None:
        return None, Problem(path, 1, 1, "empty file (only comments)")
    return data, None


def _first_alias(text: str) -> tuple[int, int] | None:
    for token in yaml.scan(text, Loader=_BaseLoader):
        if isinstance(token, yaml.AliasToken):
            return token.start_mark.line + 1, token.start_mark.column + 1
    return None


def locate(text: str, loc: Sequence[str | int]) -> tuple[int, int]:
    """Line and column (1-based) of the node at `loc`, or of the nearest ancestor present.

    For a mapping entry the key's position is returned, so the line shown is the key's line.
    """
    try:
        node: Node | None = yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return 1, 1
    if node is None:
        return 1, 1
    mark = node.start_mark
    for part in loc:
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                    mark, node = key_node.start_mark, value_node
                    break
            else:
                continue  # a model-internal loc part (union member name); skip it
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        else:
            continue
    return mark.line + 1, mark.column + 1


def _represent_str(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_decimal(dumper: Any, value: Decimal) -> Any:
    if value == value.to_integral_value():
        return dumper.represent_scalar("tag:yaml.org,2002:int", str(int(value)))
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


class StableDumper(yaml.SafeDumper):
    """Block style, indented sequences, literal blocks for multi-line text, never aliases
    (kadev refuses them on reading, so it must never write one for a repeated object)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


StableDumper.add_representer(str, _represent_str)
StableDumper.add_representer(Decimal, _represent_decimal)


def dump(data: Any) -> str:
    """Stable block-style YAML text for `data` (dicts keep their insertion order)."""
    return yaml.dump(data, Dumper=StableDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10_000, indent=2)

