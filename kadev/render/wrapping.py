"""Text broken into lines by the rules of Chinese typesetting, and its width in terminal
cells: for table cells and `--help`, which must not wait for rich to load."""

from __future__ import annotations

import re
from functools import cache

# Chinese line breaking: a line never starts with closing punctuation nor ends with opening
# punctuation; CJK characters break anywhere else, other words only at spaces.
_NO_START = frozenset("。，、；：？！）」』】》〉”’…%‰·,.;:?!)]}")
_NO_END = frozenset("（「『【《〈“‘([{")
_UNIT_PATTERN = (r"\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
                 r"。，、；：？！）」』】》〉”’…%‰·,.;:?!)\]}（「『【《〈“‘(\[{]+|.")


@cache
def _unit() -> re.Pattern[str]:
    return re.compile(_UNIT_PATTERN)


def cells(text: str) -> int:
    """The terminal cells `text` takes: two for a wide (Chinese) character. The standard
    library's width table, so that `--help` need not load rich."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c)
               else 1 for c in text)


def wrap(text: str, width: int) -> str:
    """`text` broken into lines of at most `width` terminal cells by the rules of Chinese
    typesetting (no line starts with 。，）… or ends with （「…), words kept whole where they
    fit. Rich folds a long run of CJK characters anywhere, so a table pre-wraps its cells."""
    width = max(width, 2)
    lines: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        used = 0
        for unit in _unit().findall(para):
            size = cells(unit)
            while size > width and not unit.isspace():  # a word longer than a line: cut it
                room = width - used if used < width else width
                cut, cut_size = "", 0
                for char in unit:
                    if cut_size + cells(char) > room:
                        break
                    cut, cut_size = cut + char, cut_size + cells(char)
                if not cut:  # no room left on this line
                    lines.append("".join(line).rstrip())
                    line, used = [], 0
                    continue
                line.append(cut)
                lines.append("".join(line).rstrip())
                line, used = [], 0
                unit, size = unit[len(cut):], size - cut_size
            if line and used + (0 if unit.isspace() else size) > width:
                carry: list[str] = []
                first = unit
                while first[0] in _NO_START and len(line) > 1 and not line[-1].isspace():
                    first = line.pop()  # a closing mark takes the unit before it along
                    carry.insert(0, first)
                while len(line) > 1 and line[-1][-1] in _NO_END:
                    carry.insert(0, line.pop())  # an opening mark goes with what it opens
                lines.append("".join(line).rstrip())
                line, used = carry, sum(cells(u) for u in carry)
                if unit.isspace():
                    continue
            line.append(unit)
            used += size
        lines.append("".join(line).rstrip())
    return "\n".join(lines)
