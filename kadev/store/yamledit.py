"""Minimal in-place edits of a YAML file a person wrote: set one value, append one list item.

The text is composed (not loaded) to find the node's position, and only that span is replaced
or a line inserted, so comments, key order, quoting and layout elsewhere stay exactly as they
were and a one-field change is a one-line `git diff`. (A round-trip library would re-emit the
whole file; this keeps the person's bytes.) Flow-style collections (`{a: 1}`) are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kadev.errors import WriteRefused
from kadev.store.yamlio import StableDumper, dump

Path_ = Sequence[str | int]
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str) -> Node:
    node = yaml.compose(text, Loader=_Loader)
    if not isinstance(node, MappingNode):
        raise WriteRefused(code="err.edit.not_mapping")
    return node


def _child(node: Node, part: str | int) -> tuple[Node | None, Node | None]:
    """(key node, value node) of `part` in a mapping, or (None, item) in a sequence."""
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                return key, value
        return None, None
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None, None


def _walk(root: Node, parts: Path_) -> Node:
    node = root
    for part in parts:
        _, found = _child(node, part)
        if found is None:
            raise WriteRefused(code="err.edit.not_found", key=".".join(map(str, parts)))
        node = found
    return node


def _scalar(value: Any) -> str:
    text = yaml.dump(value, Dumper=StableDumper, allow_unicode=True, width=10_000)
    return text.removesuffix("\n").removesuffix("\n...").removesuffix("...").rstrip("\n")


def _last_leaf_end(node: Node) -> int:
    while isinstance(node, MappingNode | SequenceNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return int(node.end_mark.index)


def _line_end(text: str, index: int) -> int:
    """Index just after the line that holds `index` (or after the text, adding a newline)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _indent_block(block: str, spaces: int) -> str:
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in block.splitlines(True))


def _ensure_newline(text: str) -> str:
    return text if text.endswith("\n") or not text else text + "\n"


def set_value(text: str, parts: Path_, value: Any) -> str:
    """`text` with the value at `parts` set; a missing last key is added to its mapping."""
    text = _ensure_newline(text)
    root = _compose(text)
    parent = _walk(root, parts[:-1])
    if not isinstance(parent, MappingNode) or parent.flow_style:
        raise WriteRefused(code="err.edit.not_block_mapping",
                           key=".".join(map(str, parts[:-1])) or "/")
    key_node, node = _child(parent, parts[-1])
    multiline = isinstance(value, str) and "\n" in value
    if node is None:
        column = parent.value[0][0].start_mark.column if parent.value else 0
        entry = dump({parts[-1]: value})
        at = _line_end(text, _last_leaf_end(parent)) if parent.value else len(text)
        text = _ensure_newline(text[:at]) + _indent_block(entry, column) + text[at:]
        return text
    if not isinstance(node, ScalarNode):
        raise WriteRefused(code="err.edit.not_scalar", key=".".join(map(str, parts)))
    start, end = node.start_mark.index, node.end_mark.index
    if multiline:
        assert key_node is not None
        block = "\n".join("  " + line for line in str(value).split("\n"))
        new = "|-\n" + _indent_block(block, key_node.start_mark.column) + "\n"
        if start == end:
            new = " " + new
            end = _line_end(text, end)
        elif not text[start:end].endswith("\n"):
            end = _line_end(text, end)
        return text[:start] + new + text[end:]
    new = _scalar(value)
    if start == end:  # `key:` with an empty value
        new = " " + new
    trailing = len(text[start:end]) - len(text[start:end].rstrip("\n"))
    return text[:start] + new + "\n" * trailing + text[end:]


def put_value(text: str, parts: Path_, value: Any) -> str:
    """`text` with the value at `parts` set, whatever its shape: a scalar in place, a list or
    mapping as a block under its key (a missing key is added)."""
    parent = _walk(_compose(_ensure_newline(text)), parts[:-1])
    key_node, node = _child(parent, parts[-1])
    if node is None or (isinstance(node, ScalarNode) and not isinstance(value, dict | list)):
        return set_value(text, parts, value)
    if key_node is None:
        raise WriteRefused(code="err.edit.list_item", key=".".join(map(str, parts)))
    return set_value_block(_ensure_newline(text), parts, value, key_node, node)


def append_item(text: str, parts: Path_, item: Any) -> str:
    """`text` with `item` appended to the list at `parts` (created if the key is missing)."""
    text = _ensure_newline(text)
    root = _compose(text)
    parent = _walk(root, parts[:-1])
    key_node, node = _child(parent, parts[-1])
    if node is None or (isinstance(node, ScalarNode) and node.value in ("", "null", "~")):
        return set_value(text, parts, [item])
    if isinstance(node, SequenceNode) and not node.value:
        return set_value_block(text, parts, [item], key_node, node)
    if not isinstance(node, SequenceNode) or node.flow_style:
        raise WriteRefused(code="err.edit.not_block_list", key=".".join(map(str, parts)))
    first = node.value[0]
    line_start = text.rfind("\n", 0, first.start_mark.index) + 1
    dash = text.index("-", line_start)
    dash_column = dash - line_start
    block = dump([item])  # "- a: 1\n  b: 2\n"
    at = _line_end(text, _last_leaf_end(node))
    return text[:at] + _indent_block(block, dash_column) + text[at:]


def set_value_block(text: str, parts: Path_, value: Any, key_node: Node | None,
                    node: Node) -> str:
    """Replace a flow `[]`/`{}` value with a block collection under its key."""
    assert key_node is not None
    block = dump({parts[-1]: value})
    start = text.rfind("\n", 0, key_node.start_mark.index) + 1
    end = _line_end(text, node.end_mark.index)
    return text[:start] + _indent_block(block, key_node.start_mark.column) + text[end:]



def remove_keys(text: str, paths: Sequence[Path_]) -> str:
    """`text` without the entries at `paths` of block mappings: each key's line(s) through the
    end of its value; other lines, comments included, stay as they were. Composed once."""
    text = _ensure_newline(text)
    root = _compose(text)
    spans = []
    for parts in paths:
        parent = _walk(root, parts[:-1])
        if not isinstance(parent, MappingNode) or parent.flow_style:
            raise WriteRefused(code="err.edit.not_block_mapping",
                               key=".".join(map(str, parts[:-1])) or "/")
        key_node, node = _child(parent, parts[-1])
        if key_node is None or node is None:
            continue
        start = key_node.start_mark.index
        line_start = text.rfind("\n", 0, start) + 1
        end = _line_end(text, max(_last_leaf_end(node), int(key_node.end_mark.index)))
        if not text[line_start:start].strip():  # the key begins its line: whole lines
            start = line_start
        else:  # `- key: …`: the next entry moves up beside the dash
            column = key_node.start_mark.column
            while end < len(text) and text[end] == " " and column:
                end, column = end + 1, column - 1
        spans.append((start, end))
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + text[end:]
    return text
