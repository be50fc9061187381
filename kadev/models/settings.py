"""Settings of a data root (`kadev.yaml`), every key with a default."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from kadev.i18n import lazy
from kadev.models.base import After, Record

DEFAULT_CONTACT_INTERVALS = {"A": 14, "B": 30, "C": 60, "prospect": 30,
                             "tier1": 7, "tier2": 14, "tier3": 30, "tier4": 60}
DEFAULT_STAGE_PROBABILITIES = {"development": 0.05, "initiation": 0.1, "proposal": 0.25,
                               "tender": 0.4, "negotiation": 0.7, "delivery": 0.9}


def _probabilities(value: dict[str, float]) -> dict[str, float]:
    stages = ("development", "initiation", "proposal", "tender", "negotiation", "delivery")
    unknown = [k for k in value if k not in stages]
    if unknown or any(not 0 <= v <= 1 for v in value.values()):
        raise ValueError(lazy("p.stage_probabilities", unknown=lazy(
            "p.unknown_names", names=", ".join(unknown)) if unknown else ""))
    return {**DEFAULT_STAGE_PROBABILITIES, **value}


def _tier_cutoffs(value: list[int]) -> list[int]:
    if len(value) != 3 or not (value[0] > value[1] > value[2] > 0):
        raise ValueError(lazy("p.tier_cutoffs"))
    return value


def _thresholds(value: list[float]) -> list[float]:
    if len(value) != 2 or any(v < 0 for v in value) or sum(value) > 100:
        raise ValueError(lazy("p.abc_thresholds"))
    return value


def _grade_months(value: list[int]) -> list[int]:
    if len(value) != 3 or not (0 < value[0] < value[1] < value[2]):
        raise ValueError(lazy("p.grade_months"))
    return value


@dataclass(kw_only=True, slots=True)
class MatrixSettings(Record):
    """How `kadev matrix` measures profitability and loyalty, and where it cuts them."""

    profitability: str = field(default="margin", metadata={"pattern": r"^(margin|profit)$"})
    loyalty: str = field(default="months",
                         metadata={"pattern": r"^(months|tenure|share_of_wallet)$"})
    profitability_cutoff: float | None = None  # None: the median of the accounts
    loyalty_cutoff: float | None = None  # None: the median of the accounts
    months: int = field(default=12, metadata={"ge": 1, "le": 60})


@dataclass(kw_only=True, slots=True)
class Settings(Record):
    currency: str = "CNY"
    currency_symbol: str = "¥"
    lang: str = field(default="en", metadata={"pattern": r"^(en|zh)$"})
    fiscal_year_start: int = field(default=1, metadata={"ge": 1, "le": 12})
    abc_thresholds: Annotated[list[float], After(_thresholds)] = field(
        default_factory=lambda: [55, 30])
    grade_months: Annotated[list[int], After(_grade_months)] = field(
        default_factory=lambda: [6, 12, 18])
    follow_up_days: int = field(default=7, metadata={"ge": 1})
    review_days: int = field(default=7, metadata={"ge": 1})
    contact_interval_days: dict[str, int] = field(
        default_factory=lambda: dict(DEFAULT_CONTACT_INTERVALS))
    change_reason_threshold: float = field(default=30, metadata={"gt": 0})
    team: list[str] = field(default_factory=list)
    auto_commit: bool = True
    stage_probabilities: Annotated[dict[str, float], After(_probabilities)] = field(
        default_factory=lambda: dict(DEFAULT_STAGE_PROBABILITIES))
    stuck_days: int = field(default=90, metadata={"ge": 1})
    matrix: MatrixSettings = field(default_factory=MatrixSettings)
    chart_font: str | None = None  # a font file with Chinese glyphs, for charts
    tier_cutoffs: Annotated[list[int], After(_tier_cutoffs)] = field(
        default_factory=lambda: [16, 12, 8])
