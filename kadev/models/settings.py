"""Settings of a data root (`kadev.yaml`), every key with a default."""

from __future__ import annotations

from pydantic import Field, field_validator

from kadev.models.base import Record

DEFAULT_CONTACT_INTERVALS = {"A": 14, "B": 30, "C": 60, "prospect": 30}


class Settings(Record):
    currency: str = "CNY"
    currency_symbol: str = "¥"
    lang: str = Field(default="en", pattern=r"^(en|zh)$")
    fiscal_year_start: int = Field(default=1, ge=1, le=12)
    abc_thresholds: list[float] = [55, 30]
    grade_months: list[int] = [6, 12, 18]
    follow_up_days: int = Field(default=7, ge=1)
    review_days: int = Field(default=7, ge=1)
    contact_interval_days: dict[str, int] = dict(DEFAULT_CONTACT_INTERVALS)
    change_reason_threshold: float = Field(default=30, gt=0)
    team: list[str] = []
    auto_commit: bool = True

    @field_validator("abc_thresholds")
    @classmethod
    def _thresholds(cls, value: list[float]) -> list[float]:
        if len(value) != 2 or any(v < 0 for v in value) or sum(value) > 100:
            raise ValueError("abc_thresholds is two percentages (A, B) summing to at most 100")
        return value

    @field_validator("grade_months")
    @classmethod
    def _grade_months(cls, value: list[int]) -> list[int]:
        if len(value) != 3 or not (0 < value[0] < value[1] < value[2]):
            raise ValueError("grade_months is three increasing month counts (A, B, C limits)")
        return value
