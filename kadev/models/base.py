"""Shared record base and value types, in plain dataclasses that pydantic validates.

Records are standard-library dataclasses: reading them back from the cache, and every
analysis, needs no pydantic at all (importing pydantic and building model classes costs
~0.1 s, more than a warm command's whole work). Pydantic is imported only to validate a file:
`validate()` makes one validator per record class on first use. Field constraints are
pydantic `Field` arguments written in `dataclasses.field(metadata=...)`, which pydantic reads;
rules across fields live in `__post_init__`, which pydantic calls after validating the fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from kadev.i18n import Msg


class After:
    """`Annotated` metadata: run `func` on the validated value (pydantic's AfterValidator,
    without importing pydantic until a schema is built)."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.func, handler(source))


class Before(After):
    """`Annotated` metadata: run `func` on the raw value before validating it."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.func, handler(source))


def _check_money(value: Decimal) -> Decimal:
    from kadev.limits import MAX_AMOUNT

    if not value.is_finite() or abs(value) > MAX_AMOUNT:
        from kadev.i18n import lazy

        raise ValueError(lazy("p.amount_range", value=str(value)))
    return value


Money = typing.Annotated[Decimal, After(_check_money)]
"""An amount in the settings' currency, exact (no float sums), at most 10^15 in size; a JSON
number when dumped."""


def _check_month_day(value: str) -> str:
    match = re.fullmatch(r"(?:(\d{4})-)?(\d{2})-(\d{2})", value)
    if not match:
        from kadev.i18n import lazy

        raise ValueError(lazy("p.month_day"))
    month, day = int(match.group(2)), int(match.group(3))
    days_in = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if not (1 <= month <= 12 and 1 <= day <= days_in[month - 1]):
        from kadev.i18n import lazy

        raise ValueError(lazy("p.no_such_day", value=value))
    return value


def _coerce_birthday(value: object) -> object:
    # a full birthday written in YAML arrives as a date; keep the text form
    return value.isoformat() if isinstance(value, dt.date) else value


Birthday = typing.Annotated[str, Before(_coerce_birthday), After(_check_month_day)]
"""A birthday: full date or, as people often only know it, month and day (MM-DD)."""


class Record:
    """Base of every record: unknown keys are errors; YAML keys may be aliases (`from`).

    Subclasses are `@dataclass(kw_only=True, slots=True)`.
    """

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid", "populate_by_name": True, "str_strip_whitespace": True}


class FieldRule(ValueError):
    """A rule across fields, raised in `__post_init__`, that belongs at one field's line.

    Pydantic reports such errors at the record's root; validation looks for this exception in
    the error's context and reports it at `field` instead.
    """

    def __init__(self, field: str, message: str | Msg) -> None:
        super().__init__(message)
        self.field = field


R = TypeVar("R", bound=Record)
_VALIDATORS: dict[type, Any] = {}


def validate(model: type[R], data: Any) -> R:
    """`data` as a `model`, or pydantic's ValidationError. The model's validator is built on
    first use in a process (~0.1 s for a card, which imports most of pydantic)."""
    check = _VALIDATORS.get(model)
    if check is None:
        from pydantic import TypeAdapter

        check = _VALIDATORS[model] = TypeAdapter(model)
    record: R = check.validate_python(data)
    return record


def record_fields(model: type[Record]) -> list[tuple[str, Any]]:
    """(key as written in YAML, resolved annotation) of each field, in order."""
    hints = typing.get_type_hints(model, include_extras=True)
    fields = dataclasses.fields(model)  # type: ignore[arg-type]
    return [(f.metadata.get("alias", f.name), hints[f.name]) for f in fields]


def inner_record(annotation: Any) -> type[Record] | None:
    """The record class inside `X | None`, `list[X]`, `dict[str, X]`, `Annotated[X, ...]`."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, dict, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = inner_record(arg)
            if found is not None:
                return found
    return None


def to_data(value: Any, *, exclude_none: bool = True) -> Any:
    """A record as plain YAML/JSON data: keys as written (aliases), in field order; dates as
    ISO text, enums as their values, money as numbers; None fields left out."""
    if isinstance(value, Record):
        out = {}
        for f in dataclasses.fields(value):  # type: ignore[arg-type]
            item = getattr(value, f.name)
            if item is None and exclude_none:
                continue
            out[f.metadata.get("alias", f.name)] = to_data(item, exclude_none=exclude_none)
        return out
    if isinstance(value, list | tuple):
        return [to_data(v, exclude_none=exclude_none) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v, exclude_none=exclude_none) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
