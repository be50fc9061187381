"""The account file card (大客户档案卡, shared/DOMAIN.md §1–2, §6): one `account.yaml` per account.

A prospect needs only name, owner and nature; an active account also needs contacts and credit
terms (004 §3.2: a new target account needs at least the basic profile).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kadev.i18n import lazy
from kadev.models.base import Birthday, FieldRule, Money, Record
from kadev.models.enums import (
    Advantage,
    Approach,
    Attitude,
    Channel,
    Function,
    Grade,
    Layer,
    Level,
    Nature,
    NotWonReason,
    Outcome,
    Result,
    Stage,
    Status,
)


@dataclass(kw_only=True, slots=True)
class Profile(Record):
    """Company profile (企业概况)."""

    address: str | None = None
    phone: str | None = None
    legal_representative: str | None = None
    founded: dt.date | None = None
    headcount: int | None = field(default=None, metadata={"ge": 0})
    management_structure: str | None = None
    bank: str | None = None
    website: str | None = None


@dataclass(kw_only=True, slots=True)
class Financials(Record):
    """Financial figures for one fiscal year (000 §2, 004 §5 step 2)."""

    year: int = field(metadata={"ge": 1900, "le": 2100})
    current_ratio: float | None = None
    net_margin: float | None = None
    roa: float | None = None
    collection_days: int | None = field(default=None, metadata={"ge": 0})
    inventory_days: int | None = field(default=None, metadata={"ge": 0})
    annual_sales: Money | None = None
    cash_flow: Money | None = None
    market_share: float | None = field(default=None, metadata={"ge": 0, "le": 1})
    costs: Money | None = None
    profit: Money | None = None
    interest_paid: Money | None = None


@dataclass(kw_only=True, slots=True)
class Receivables(Record):
    outstanding: Money = Decimal(0)
    overdue: Money = Decimal(0)
    as_of: dt.date | None = None
    oldest_due: dt.date | None = None


@dataclass(kw_only=True, slots=True)
class Credit(Record):
    limit: Money | None = None
    payment_terms: str | None = None
    bank_rating: str | None = None
    receivables: Receivables | None = None


@dataclass(kw_only=True, slots=True)
class Trade(Record):
    """Summary of trade with us; the monthly figures live in the ledger (`_sales/`)."""

    since: dt.date | None = None
    main_products: list[str] = field(default_factory=list)
    purchase_volume: str | None = None
    share_of_wallet: float | None = field(default=None, metadata={"ge": 0, "le": 1})


@dataclass(kw_only=True, slots=True)
class Logistics(Record):
    storage: str | None = None
    transport: str | None = None


@dataclass(kw_only=True, slots=True)
class Business(Record):
    """The customer's own business: who they sell to and how they move goods (000 §2)."""

    sells_to: str | None = None
    customer_gender: str | None = None
    customer_age: str | None = None
    marketing_style: str | None = None
    logistics: Logistics | None = None


@dataclass(kw_only=True, slots=True)
class PurchaseInfluences(Record):
    cost: str | None = None
    technical: str | None = None
    policy: str | None = None


@dataclass(kw_only=True, slots=True)
class Competitor(Record):
    name: str
    products: str | None = None
    our_strengths: list[str] = field(default_factory=list)
    our_weaknesses: list[str] = field(default_factory=list)
    risk: Level | None = None


@dataclass(kw_only=True, slots=True)
class Swot(Record):
    strengths: list[str] = field(default_factory=list)
    weaknesses: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    threats: list[str] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class DevelopmentCosts(Record):
    inventory_interest: Money | None = None
    staff: Money | None = None
    travel: Money | None = None
    management: Money | None = None


@dataclass(kw_only=True, slots=True)
class DevelopmentValue(Record):
    """Is this account worth developing? (000 §2.6, 002 paper 2 §1.3.2)."""

    forecast_sales: Money | None = None
    forecast_profit: Money | None = None
    costs: DevelopmentCosts | None = None
    risk_coefficient: float | None = field(default=None, metadata={"ge": 0, "le": 1})
    response_rate: float | None = field(default=None, metadata={"ge": 0, "le": 1})
    purchase_quantity: str | None = None
    cost_to_serve: Money | None = None
    profitability: str | None = None
    worth_developing: bool | None = None


@dataclass(kw_only=True, slots=True)
class ValuePoint(Record):
    advantage: Advantage
    point: str


@dataclass(kw_only=True, slots=True)
class Development(Record):
    approach: Approach | None = None
    first_contact: Channel | None = None
    first_contact_date: dt.date | None = None


@dataclass(kw_only=True, slots=True)
class AccountOutcome(Record):
    result: Outcome = Outcome.OPEN
    reasons: list[NotWonReason] = field(default_factory=list)
    summary: str | None = None


@dataclass(kw_only=True, slots=True)
class Qualification(Record):
    """The searching-state questions (003); an empty answer is an 'ask this visit' item."""

    need: str | None = None
    budget: str | None = None
    key_person: str | None = None
    decision_process: str | None = None
    priorities: str | None = None
    schedule: str | None = None
    competitors: str | None = None


@dataclass(kw_only=True, slots=True)
class Man(Record):
    """MAN screening (002): Money, Authority, Need; None = not yet known."""

    money: bool | None = None
    authority: bool | None = None
    need: bool | None = None


@dataclass(kw_only=True, slots=True)
class TierScores(Record):
    """The four factors of the tier (002), each 1-5, when the team scores them by hand."""

    assets: int | None = field(default=None, metadata={"ge": 1, "le": 5})
    contribution: int | None = field(default=None, metadata={"ge": 1, "le": 5})
    relationship: int | None = field(default=None, metadata={"ge": 1, "le": 5})
    potential: int | None = field(default=None, metadata={"ge": 1, "le": 5})


@dataclass(kw_only=True, slots=True)
class ChangeNote(Record):
    """The recorded reason for a marked revenue change in a month (004 §3.2)."""

    month: str = field(metadata={"pattern": r"^\d{4}-(0[1-9]|1[0-2])$"})
    reason: str


@dataclass(kw_only=True, slots=True)
class Trip(Record):
    start: dt.date = field(metadata={"alias": "from"})
    end: dt.date = field(metadata={"alias": "to"})
    place: str
    purpose: str | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise FieldRule("to", lazy("p.trip_before", end=self.end, start=self.start))


@dataclass(kw_only=True, slots=True)
class Personal(Record):
    """The personal profile (004 task 3's twelve items plus 000's list). Sensitive."""

    family: str | None = None
    hometown: str | None = None
    university: str | None = None
    sports: str | None = None
    food: str | None = None
    pets: str | None = None
    books: str | None = None
    last_holiday: str | None = None
    next_holiday: str | None = None
    role: str | None = None
    colleagues: str | None = None
    goals: str | None = None
    development_plan: str | None = None
    health: str | None = None
    social_circle: str | None = None
    culture: str | None = None
    pursuits: str | None = None
    personality: str | None = None
    pressures: str | None = None


@dataclass(kw_only=True, slots=True)
class Contact(Record):
    """A person in the customer's decision-making unit."""

    name: str = field(metadata={"min_length": 1})
    aliases: list[str] = field(default_factory=list)  # former names: old visits still name them
    retired: dt.date | None = None  # left the customer or the role: kept for history only
    title: str | None = None
    department: str | None = None
    phone: str | None = None
    email: str | None = None
    wechat: str | None = None
    layer: Layer | None = None
    function: Function | None = None
    influence: Level | None = None
    attitude: Attitude | None = None
    key_person: bool = False
    node: bool = False
    birthday: Birthday | None = None
    personal: Personal | None = None
    itinerary: list[Trip] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class Opportunity(Record):
    """A deal: stage, expected close, value, optional explicit grade, outcome."""

    name: str = field(metadata={"min_length": 1})
    product: str | None = None
    stage: Stage
    opened: dt.date | None = None
    expected_close: dt.date | None = None
    value: Money | None = None
    grade: Grade | None = None
    result: Result | None = None
    closed: dt.date | None = None
    reasons: list[NotWonReason] = field(default_factory=list)  # why it was lost, by category
    reason: str | None = None  # what decided it, in a sentence

    def __post_init__(self) -> None:
        if self.value is not None and self.value < 0:
            raise FieldRule("value", lazy("p.negative_value", value=self.value))
        for name in ("expected_close", "closed"):
            day = getattr(self, name)
            if day is not None and self.opened is not None and day < self.opened:
                raise FieldRule(name, lazy("p.before_opened", field=name, date=day,
                                           opened=self.opened))

    @property
    def is_open(self) -> bool:
        return self.result is None


@dataclass(kw_only=True, slots=True)
class Account(Record):
    """The file card. Everything but name, owner and nature is optional for a prospect."""

    name: str = field(metadata={"min_length": 1})
    short_name: str | None = field(default=None, metadata={"min_length": 1})  # for tables
    aliases: list[str] = field(default_factory=list)
    status: Status = Status.PROSPECT
    owner: str = field(metadata={"min_length": 1})
    team: list[str] = field(default_factory=list)
    nature: Nature
    industry: str | None = None
    product_category: str | None = None
    services: list[str] = field(default_factory=list)
    region: str | None = None
    tier: int | None = field(default=None, metadata={"ge": 1, "le": 4})
    tier_scores: TierScores | None = None
    reviewed: dt.date | None = None
    profile: Profile | None = None
    financials: list[Financials] = field(default_factory=list)
    credit: Credit | None = None
    trade: Trade | None = None
    business: Business | None = None
    purchase_influences: PurchaseInfluences | None = None
    competitors: list[Competitor] = field(default_factory=list)
    swot: Swot | None = None
    development_value: DevelopmentValue | None = None
    value_proposition: list[ValuePoint] = field(default_factory=list)
    development: Development | None = None
    outcome: AccountOutcome | None = None
    qualification: Qualification | None = None
    man: Man | None = None
    change_notes: list[ChangeNote] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.status is Status.ACTIVE:
            missing = []
            if not self.contacts:
                missing.append("contacts")
            if self.credit is None or not self.credit.payment_terms:
                missing.append("credit.payment_terms")
            if missing:
                raise FieldRule("status", lazy("p.active_needs", missing=list(missing)))

    @property
    def short(self) -> str:
        """The name tables show: `short_name`, else the shortest alias, else the name."""
        return short_name(self.name, self.short_name, self.aliases)

    def contact(self, name: str) -> Contact | None:
        """The contact of that name, or whose former name it is."""
        return next((c for c in self.contacts if c.name == name), None) or next(
            (c for c in self.contacts if name in c.aliases), None)

    def contact_names(self, active: bool = False) -> list[str]:
        """Every name a record may give a contact: each name and former name (of the
        contacts not retired, with `active`)."""
        people = self.active_contacts if active else self.contacts
        return [n for c in people for n in (c.name, *c.aliases)]

    @property
    def active_contacts(self) -> list[Contact]:
        """The contacts not retired: those briefings, prompts and lists show."""
        return [c for c in self.contacts if c.retired is None]


def short_name(name: str, short: str | None, aliases: Sequence[str]) -> str:
    """`short`, else the shortest alias (the first of equal length), else `name`."""
    return short or min(aliases, key=len, default=name)


PERSONAL_FIELDS = ("birthday", "personal", "itinerary")
"""Contact fields that are personal data: left out of reports and exports unless asked for."""


def plain_personal_fields(card: Account) -> list[tuple[int, str]]:
    """(contact's index, field) of each personal field a card holds, as loaded."""
    return [(number, name) for number, contact in enumerate(card.contacts)
            for name in PERSONAL_FIELDS if getattr(contact, name) not in (None, [])]


def without_personal(card: dict[str, object]) -> dict[str, object]:
    """A dumped card with every contact's personal fields removed."""
    contacts = card.get("contacts")
    if isinstance(contacts, list):
        card = {**card, "contacts": [
            {k: v for k, v in c.items() if k not in PERSONAL_FIELDS} for c in contacts
        ]}
    return card
