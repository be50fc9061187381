"""Turning pydantic validation errors into located `Problem`s (only ever on the error path)."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from kadev.errors import Problem
from kadev.i18n import t
from kadev.models.base import FieldRule
from kadev.store.yamlio import locate

Loc = tuple[str | int, ...]


def loc_text(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside `X | None`, `list[X]`, `dict[str, X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, dict, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _keys_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys a file may use in the mapping at `loc` (for 'did you mean')."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        field = next((f for n, f in current.model_fields.items()
                      if (f.alias or n) == part), None)
        current = _inner_model(field.annotation) if field else None
    if current is None:
        return []
    return [f.alias or n for n, f in current.model_fields.items()]


def _found(value: Any) -> str:
    text = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def validation_problems(err: ValidationError, model: type[BaseModel], text: str,
                        path: str) -> list[Problem]:
    """One located problem per pydantic error."""
    problems = []
    for item in err.errors():
        loc: Loc = tuple(item["loc"])
        rule = (item.get("ctx") or {}).get("error")
        if isinstance(rule, FieldRule):
            loc = (*loc, rule.field)
            message = f"{loc_text(loc)}: {rule}"
        elif item["type"] == "extra_forbidden":
            key = str(loc[-1])
            close = difflib.get_close_matches(key, _keys_at(model, loc[:-1]), n=1, cutoff=0.6)
            hint = t("p.did_you_mean", key=close[0]) if close else ""
            message = t("p.unknown_key", key=loc_text(loc), hint=hint)
        elif item["type"] == "missing":
            message = t("p.missing_key", key=loc_text(loc))
        else:
            msg = item["msg"].removeprefix("Value error, ")
            message = f"{loc_text(loc) or 'record'}: {msg} (found {_found(item['input'])})"
        line, column = locate(text, loc)
        problems.append(Problem(path, line, column, message))
    return problems
