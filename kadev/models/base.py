"""Shared model base and value types: money as exact decimals that serialise as JSON numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PlainSerializer


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


Money = Annotated[Decimal, PlainSerializer(_json_number, when_used="json")]
"""An amount in the settings' currency, exact (no float sums)."""


def _check_month_day(value: str) -> str:
    match = re.fullmatch(r"(?:(\d{4})-)?(\d{2})-(\d{2})", value)
    if not match:
        raise ValueError("expected YYYY-MM-DD or MM-DD")
    month, day = int(match.group(2)), int(match.group(3))
    days_in = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if not (1 <= month <= 12 and 1 <= day <= days_in[month - 1]):
        raise ValueError(f"no such day: {value}")
    return value


def _coerce_birthday(value: object) -> object:
    # a full birthday written in YAML arrives as a date; keep the text form
    return value.isoformat() if hasattr(value, "isoformat") else value


Birthday = Annotated[str, BeforeValidator(_coerce_birthday), AfterValidator(_check_month_day)]
"""A birthday: full date or, as people often only know it, month and day (MM-DD)."""


class Record(BaseModel):
    """Base of every record: unknown keys are errors; YAML keys may be aliases (`from`)."""

    # defer_build: schemas are built at the first validation, so a command that reads its
    # records from the cache (already validated, unpickled) never pays for building them
    model_config = ConfigDict(extra="forbid", populate_by_name=True, use_enum_values=False,
                              str_strip_whitespace=True, defer_build=True)


class FieldRule(ValueError):
    """A rule across fields, raised in a model validator, that belongs at one field's line.

    Pydantic reports model-level errors at the record's root; validation looks for this
    exception in the error's context and reports it at `field` instead.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
