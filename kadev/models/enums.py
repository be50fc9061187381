"""Enumerations, spelt in files as the English words of shared/DESIGN.md §1."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """The six stages of a key-account deal (003), in order."""

    DEVELOPMENT = "development"
    INITIATION = "initiation"
    PROPOSAL = "proposal"
    TENDER = "tender"
    NEGOTIATION = "negotiation"
    DELIVERY = "delivery"


class Grade(StrEnum):
    """Funnel grade by time to close (003): A ≤ 6 months … D > 18 months."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class Status(StrEnum):
    """Where the account stands with us. A prospect needs only name, owner and nature."""

    PROSPECT = "prospect"
    ACTIVE = "active"
    DORMANT = "dormant"
    CLOSED = "closed"


class Nature(StrEnum):
    DEALER = "dealer"
    DISTRIBUTOR = "distributor"
    WHOLESALER = "wholesaler"
    AGENT = "agent"
    END_USER = "end_user"
    OEM = "oem"
    GOVERNMENT = "government"
    OTHER = "other"


class Method(StrEnum):
    FACE_TO_FACE = "face-to-face"
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    EVENT = "event"


class Layer(StrEnum):
    """Layer of a contact in the decision-making unit."""

    DECISION = "decision"
    MANAGEMENT = "management"
    OPERATION = "operation"


class Function(StrEnum):
    USER = "user"
    TECHNICAL = "technical"
    FINANCE = "finance"


class Level(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Attitude(StrEnum):
    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    OPPONENT = "opponent"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Result(StrEnum):
    WON = "won"
    LOST = "lost"


class Outcome(StrEnum):
    """Development outcome of the account (000 §7)."""

    OPEN = "open"
    WON = "won"
    NOT_WON = "not_won"


class NotWonReason(StrEnum):
    PRICE = "price"
    PRODUCT_FIT = "product_fit"
    RELATIONSHIP = "relationship"
    COMPETITOR = "competitor"
    BUDGET = "budget"
    TIMING = "timing"
    CREDIT = "credit"
    OTHER = "other"


class Advantage(StrEnum):
    """The six advantages of a value proposition (000 §3)."""

    LOWER_TOTAL_COST = "lower_total_cost"
    MORE_REVENUE = "more_revenue"
    LESS_WASTE = "less_waste"
    BETTER_EFFICIENCY = "better_efficiency"
    REAL_SOLUTION = "real_solution"
    INTANGIBLE_VALUE = "intangible_value"


class Approach(StrEnum):
    PRODUCT_EVENT = "product_event"
    MAILING = "mailing"
    VISITS = "visits"


class Channel(StrEnum):
    LETTER = "letter"
    PHONE = "phone"
    EMAIL = "email"
