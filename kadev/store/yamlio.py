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

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kadev.errors import Problem
from kadev.i18n import Msg, lazy

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


class YamlProblem(Exception):
    """A refusal raised while constructing, with the node's position."""

    def __init__(self, message: str | Msg, node: Node) -> None:
        super().__init__(message)
        self.message = message
        self.line = node.start_mark.line + 1
        self.column = node.start_mark.column + 1


class StrictLoader(_BaseLoader):  # type: ignore[misc]
    """Safe loader that refuses aliases, duplicate keys, merge keys and explicit tags."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise YamlProblem(lazy("p.yaml_alias"), node)
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(lazy("p.yaml_tag", tag=node.tag), node)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            raise YamlProblem(lazy("p.expected_mapping"), node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(lazy("p.yaml_merge"), key_node)
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                raise YamlProblem(lazy("p.plain_key"), key_node) from None
            if key in mapping:
                raise YamlProblem(lazy("p.duplicate_key", key=key), key_node)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            value = super().construct_yaml_timestamp(node)
        except ValueError:
            return str(node.value)  # impossible date: let the model report it at its line
        from kadev.limits import day_ok

        if not day_ok(value if isinstance(value, dt.date) else value.date()):
            raise YamlProblem(lazy("p.date_range", value=node.value), node)
        return value

    def construct_yaml_int(self, node: ScalarNode) -> Any:
        from kadev.limits import number_ok

        digits = sum(c.isdigit() for c in str(node.value))
        value = super().construct_yaml_int(node) if digits <= 19 else None
        if value is None or not number_ok(value):
            raise YamlProblem(lazy("p.number_range", value=_short(node.value)), node)
        return value

    def construct_yaml_float(self, node: ScalarNode) -> Any:
        from kadev.limits import number_ok

        value = super().construct_yaml_float(node)
        if not number_ok(value):
            raise YamlProblem(lazy("p.number_range", value=_short(node.value)), node)
        return value

    def construct_yaml_str(self, node: ScalarNode) -> Any:
        value = super().construct_yaml_str(node)
        if len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
            from kadev.limits import FIRST_DAY, LAST_DAY

            if not FIRST_DAY.year <= int(value[:4]) <= LAST_DAY.year:  # a quoted date
                raise YamlProblem(lazy("p.date_range", value=value), node)
        return value


def _short(text: object) -> str:
    text = str(text)
    return text if len(text) <= 24 else text[:20] + "…"


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
StrictLoader.add_constructor("tag:yaml.org,2002:float", StrictLoader.construct_yaml_float)
StrictLoader.add_constructor("tag:yaml.org,2002:str", StrictLoader.construct_yaml_str)


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
                             lazy("p.not_utf8", byte=f"{raw[err.start]:02x}"))


def parse(text: str, path: str) -> tuple[Any, Problem | None]:
    """The data of one YAML document, or the problem that stops it from loading."""
    if not text.strip():
        return None, Problem(path, 1, 1, lazy("p.empty"))
    conflict = _conflict_line(text)
    if conflict:
        return None, Problem(path, conflict, 1, lazy("p.conflict", account=path.split("/")[0],
                                                     path=path))
    try:
        data = yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a safe loader
    except YamlProblem as err:
        line, column = err.line, err.column
        if getattr(err.message, "key", None) == "p.yaml_alias":
            line, column = _first_alias(text) or (line, column)
        return None, Problem(path, line, column, err.message)
    except yaml.MarkedYAMLError as err:
        # where the broken construct (an unclosed quote or bracket) starts, which is where
        # the mistake is, rather than where the parser gave up
        mark = err.context_mark or err.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or str(err)
        if err.context:
            what = f"{err.context}: {what}"
        gave_up: Msg | str = ""
        if mark and err.context_mark and err.problem_mark and err.problem_mark.line != mark.line:
            gave_up = lazy("p.gave_up_at", line=err.problem_mark.line + 1)
        return None, Problem(path, line, col, lazy("p.yaml_syntax", what=what, gave_up=gave_up))
    except yaml.YAMLError as err:
        return None, Problem(path, 1, 1, lazy("p.yaml_error", what=str(err)))
    if data is None:
        return None, Problem(path, 1, 1, lazy("p.only_comments"))
    return data, None


def _conflict_line(text: str) -> int:
    """The line of the first merge-conflict marker git left in the text (or the conflict
    block kadev's card merge puts on top), or 0."""
    if "<<<<<<<" not in text:
        return 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(("<<<<<<<", "# <<<<<<< kadev")):
            return number
    return 0


def _first_alias(text: str) -> tuple[int, int] | None:
    for token in yaml.scan(text, Loader=_BaseLoader):
        if isinstance(token, yaml.AliasToken):
            return token.start_mark.line + 1, token.start_mark.column + 1
    return None


_COMPOSED: dict[str, Node | None] = {}  # the last text composed: one file's many problems
_KEYS: dict[int, dict[str, tuple[Node, Node]]] = {}  # its mappings' keys, by id of the node


def _composed(text: str) -> Node | None:
    """The node tree of `text`, composed once for all the problems of one file (a file with
    thousands of problems is located in linear time)."""
    if text not in _COMPOSED:
        _COMPOSED.clear()
        _KEYS.clear()
        try:
            _COMPOSED[text] = yaml.compose(text, Loader=_BaseLoader)
        except yaml.YAMLError:
            _COMPOSED[text] = None
    return _COMPOSED[text]


def _keys(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    found = _KEYS.get(id(node))
    if found is None:
        found = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                found.setdefault(key_node.value, (key_node, value_node))
        _KEYS[id(node)] = found
    return found


def locate(text: str, loc: Sequence[str | int]) -> tuple[int, int]:
    """Line and column (1-based) of the node at `loc`, or of the nearest ancestor present.

    For a mapping entry the key's position is returned, so the line shown is the key's line.
    """
    node = _composed(text)
    if node is None:
        return 1, 1
    mark = node.start_mark
    for part in loc:
        if isinstance(node, MappingNode):
            found = _keys(node).get(str(part))
            if found is None:
                continue  # a model-internal loc part (union member name); skip it
            mark, node = found[0].start_mark, found[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        else:
            continue
    return mark.line + 1, mark.column + 1


_ODD = {chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0x2028, 0x2029)}


def _represent_str(dumper: Any, value: str) -> Any:
    # Text with a character YAML reads as a line break (U+0085, U+2028, U+2029) or a control
    # character would not read back the same in plain or block style: double quotes escape it.
    # Trailing spaces would be lost in a literal block, so they are quoted too.
    if _ODD.intersection(value) or ("\n" in value and " \n" in value + "\n"):
        style: str | None = '"'
    else:
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

