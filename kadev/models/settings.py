"""Settings of a data root (`kadev.yaml`), every key with a default."""

from __future__ import annotations

from pydantic import Field, field_validator

from kadev.models.base import Record

DEFAULT_CONTACT_INTERVALS = {"A": 14, "B": 30, "C": 60, "prospect": 30}
DEFAULT_STAGE_PROBABILITIES = {"development": 0.05, "initiation": 0.1, "proposal": 0.25,
                               "tender": 0.4, "negotiation": 0.7, "delivery": 0.9}


class MatrixSettings(Record):
    """How `kadev matrix` measures profitability and loyalty, and where it cuts them."""

    profitability: str = Field(default="margin", pattern=r"^(margin|profit)$")
    loyalty: str = Field(default="months", pattern=r"^(months|tenure|share_of_wallet)$")
    profitability_cutoff: float | None = None  # None: the median of the accounts
    loyalty_cutoff: float | None = None  # None: the median of the accounts
    months: int = Field(default=12, ge=1, le=60)


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
    stage_probabilities: dict[str, float] = dict(DEFAULT_STAGE_PROBABILITIES)
    stuck_days: int = Field(default=90, ge=1)
    matrix: MatrixSettings = MatrixSettings()
    tier_cutoffs: list[int] = [16, 12, 8]

    @field_validator("stage_probabilities")
    @classmethod
    def _probabilities(cls, value: dict[str, float]) -> dict[str, float]:
        stages = ("development", "initiation", "proposal", "tender", "negotiation", "delivery")
        unknown = [k for k in value if k not in stages]
        if unknown or any(not 0 <= v <= 1 for v in value.values()):
            raise ValueError("stage_probabilities maps the six stages to fractions in [0, 1]"
                             + (f" (unknown: {', '.join(unknown)})" if unknown else ""))
        return {**DEFAULT_STAGE_PROBABILITIES, **value}

    @field_validator("tier_cutoffs")
    @classmethod
    def _tier_cutoffs(cls, value: list[int]) -> list[int]:
        if len(value) != 3 or not (value[0] > value[1] > value[2] > 0):
            raise ValueError("tier_cutoffs is three decreasing scores (tier 1, 2, 3 minimums "
                             "out of 20)")
        return value

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
