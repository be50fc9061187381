"""Visits (访问履历卡 / 拜访记录表, DOMAIN §3), planned visits and complaints (抱怨管理卡,
DOMAIN §4).

One record per file under the account folder: `visits/<date>-<suffix>.yaml`,
`plans/<date>-<suffix>.yaml`, `complaints/<date>-<suffix>.yaml`. The date in the file name is
the record's date; the suffix is the record's id (a moved plan keeps it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from kadev.i18n import lazy
from kadev.models.base import FieldRule, Record
from kadev.models.enums import Method, Severity

TIME = r"^([01]\d|2[0-3]):[0-5]\d$"


@dataclass(kw_only=True, slots=True)
class Preparation(Record):
    """Before a visit: a preparation meeting and materials (000 §6)."""

    meeting: bool = False
    materials: list[str] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class DealChange(Record):
    """A change to an opportunity made with this visit, so stage history reads from visits."""

    opportunity: str
    # `field` names a key here, so the dataclasses function is spelt out in this class
    field: str = dataclasses.field(metadata={"pattern": r"^(stage|expected_close|grade|value)$"})
    old: str | None = dataclasses.field(default=None, metadata={"alias": "from"})
    new: str | None = dataclasses.field(default=None, metadata={"alias": "to"})


@dataclass(kw_only=True, slots=True)
class Visit(Record):
    date: dt.date
    time: str | None = field(default=None, metadata={"pattern": TIME})
    place: str | None = None
    method: Method
    ours: list[str] = field(metadata={"min_length": 1})
    theirs: list[str] = field(default_factory=list)
    preparation: Preparation | None = None
    points: str | None = None
    thoughts: str | None = None
    progress: str | None = None
    next_steps: str | None = None
    next_visit: dt.date | None = None
    next_visit_time: str | None = field(default=None, metadata={"pattern": TIME})
    changes: list[DealChange] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.next_visit is not None and self.next_visit < self.date:
            raise FieldRule("next_visit", lazy("p.next_before", next=self.next_visit,
                                               date=self.date))


@dataclass(kw_only=True, slots=True)
class Plan(Record):
    """A visit planned for a day: it stays owed until a visit fulfils it (the first visit of
    its kind on or after its date, or one recorded with `--plan ID`), or it is cancelled or
    moved; a day passed without one is a missed plan."""

    date: dt.date
    time: str | None = field(default=None, metadata={"pattern": TIME})
    method: Method = Method.FACE_TO_FACE
    ours: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)
    purpose: str | None = None
    agreed_at: str | None = None  # the id of the visit at which it was agreed
    visit: str | None = None  # the id of the visit that fulfilled it, when named
    cancelled: dt.date | None = None
    reason: str | None = None

    @property
    def is_open(self) -> bool:
        return self.cancelled is None and self.visit is None


@dataclass(kw_only=True, slots=True)
class Step(Record):
    date: dt.date
    action: str


@dataclass(kw_only=True, slots=True)
class Complaint(Record):
    date: dt.date
    what: str = field(metadata={"min_length": 1})
    product: str | None = None
    severity: Severity = Severity.MEDIUM
    escalated: bool = False
    contact: str | None = None
    steps: list[Step] = field(default_factory=list)
    result: str | None = None
    resolved: dt.date | None = None

    def __post_init__(self) -> None:
        if self.resolved is not None and self.resolved < self.date:
            raise FieldRule("resolved", lazy("p.resolved_before", resolved=self.resolved,
                                          date=self.date))

    @property
    def is_open(self) -> bool:
        return self.resolved is None
