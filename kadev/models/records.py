"""Visits (访问履历卡 / 拜访记录表, DOMAIN §3) and complaints (抱怨管理卡, DOMAIN §4).

One record per file under the account folder: `visits/<date>-<suffix>.yaml`,
`complaints/<date>-<suffix>.yaml`. The date in the file name is the record's date.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from kadev.i18n import t
from kadev.models.base import FieldRule, Record
from kadev.models.enums import Method, Severity


class Preparation(Record):
    """Before a visit: a preparation meeting and materials (000 §6)."""

    meeting: bool = False
    materials: list[str] = []


class DealChange(Record):
    """A change to an opportunity made with this visit, so stage history reads from visits."""

    opportunity: str
    field: str = Field(pattern=r"^(stage|expected_close|grade|value)$")
    old: str | None = Field(default=None, alias="from")
    new: str | None = Field(default=None, alias="to")


class Visit(Record):
    date: dt.date
    time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    place: str | None = None
    method: Method
    ours: list[str] = Field(min_length=1)
    theirs: list[str] = []
    preparation: Preparation | None = None
    points: str | None = None
    thoughts: str | None = None
    progress: str | None = None
    next_steps: str | None = None
    next_visit: dt.date | None = None
    next_visit_time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    changes: list[DealChange] = []

    @model_validator(mode="after")
    def _next_after(self) -> Visit:
        if self.next_visit is not None and self.next_visit < self.date:
            raise FieldRule("next_visit", t("p.next_before", next=self.next_visit, date=self.date))
        return self


class Step(Record):
    date: dt.date
    action: str


class Complaint(Record):
    date: dt.date
    what: str = Field(min_length=1)
    product: str | None = None
    severity: Severity = Severity.MEDIUM
    escalated: bool = False
    contact: str | None = None
    steps: list[Step] = []
    result: str | None = None
    resolved: dt.date | None = None

    @model_validator(mode="after")
    def _resolved_after_opened(self) -> Complaint:
        if self.resolved is not None and self.resolved < self.date:
            raise FieldRule("resolved", t("p.resolved_before", resolved=self.resolved,
                                          date=self.date))
        return self

    @property
    def is_open(self) -> bool:
        return self.resolved is None
