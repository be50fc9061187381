"""Turning pydantic validation errors into located `Problem`s (only ever on the error path)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kadev.errors import Problem
from kadev.i18n import Msg, lazy
from kadev.models.account import PERSONAL_FIELDS
from kadev.models.base import FieldRule, Record, inner_record, record_fields
from kadev.store.yamlio import locate

if TYPE_CHECKING:
    from pydantic import ValidationError

Loc = tuple[str | int, ...]


def loc_text(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _keys_at(model: type[Record], loc: Loc) -> list[str]:
    """The keys a file may use in the mapping at `loc` (for 'did you mean')."""
    current: type[Record] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        annotation = next((a for key, a in record_fields(current) if key == part), None)
        current = inner_record(annotation) if annotation is not None else None
    if current is None:
        return []
    return [key for key, _ in record_fields(current)]


def _found(value: Any) -> str:
    """What was found, as the file shows it: text quoted, dates and numbers as written."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, dict):
        text = "{…}"
    elif isinstance(value, list):
        text = "[…]"
    elif isinstance(value, dt.date | Decimal):
        text = str(value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_PYDANTIC = {  # pydantic error type → catalogue key (Chinese wording; English keeps pydantic's)
    "int_parsing": "pyd.int", "int_type": "pyd.int", "int_from_float": "pyd.int",
    "float_parsing": "pyd.number", "float_type": "pyd.number",
    "decimal_parsing": "pyd.number", "decimal_type": "pyd.number",
    "bool_parsing": "pyd.bool", "bool_type": "pyd.bool",
    "date_parsing": "pyd.date", "date_type": "pyd.date", "date_from_datetime_parsing": "pyd.date",
    "date_from_datetime_inexact": "pyd.date", "enum": "pyd.choice", "literal_error": "pyd.choice",
    "string_type": "pyd.string", "list_type": "pyd.list", "dict_type": "pyd.mapping",
    "model_type": "pyd.mapping", "model_attributes_type": "pyd.mapping",
    "dataclass_type": "pyd.mapping", "dataclass_args_type": "pyd.mapping",
    "greater_than_equal": "pyd.ge", "less_than_equal": "pyd.le", "greater_than": "pyd.gt",
    "string_pattern_mismatch": "pyd.pattern", "too_short": "pyd.empty",
    "string_too_short": "pyd.empty",
}


def _message(item: Any) -> str | Msg:
    """pydantic's message in English, the catalogue's wording of it in Chinese (worded when
    shown); a value error of kadev's own keeps its message."""
    ctx = item.get("ctx") or {}
    error = ctx.get("error")
    if isinstance(error, ValueError) and error.args and isinstance(error.args[0], Msg):
        return error.args[0]
    msg = str(item["msg"]).removeprefix("Value error, ")
    key = _PYDANTIC.get(item["type"])
    if key is None:
        return msg
    return Msg(key, {"expected": ctx.get("expected", ""), "pattern": ctx.get("pattern", ""),
                     "limit": ctx.get("ge", ctx.get("le", ctx.get("gt", "")))}, english=msg)


def validation_problems(err: ValidationError, model: type[Record], text: str,
                        path: str) -> list[Problem]:
    """One located problem per pydantic error."""
    problems = []
    for item in err.errors():
        loc: Loc = tuple(item["loc"])
        rule = (item.get("ctx") or {}).get("error")
        if isinstance(rule, FieldRule):
            loc = (*loc, rule.field)
            message = lazy("p.rule", loc=loc_text(loc), msg=rule.args[0])
        elif item["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            key = str(loc[-1])
            close = difflib.get_close_matches(key, _keys_at(model, loc[:-1]), n=1, cutoff=0.6)
            hint = lazy("p.did_you_mean", key=close[0]) if close else ""
            message = lazy("p.unknown_key", key=loc_text(loc), hint=hint)
        elif item["type"] == "missing":
            message = lazy("p.missing_key", key=loc_text(loc))
        elif set(PERSONAL_FIELDS) & {str(part) for part in loc}:  # personal data: not quoted
            message = lazy("p.rule", loc=loc_text(loc), msg=_message(item))
        else:
            message = lazy("p.field", loc=loc_text(loc) or lazy("p.record"), msg=_message(item),
                        found=_found(item["input"]))
        line, column = locate(text, loc)
        problems.append(Problem(path, line, column, message))
    return problems
