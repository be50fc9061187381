"""An account folder's records held together: the card, its visits and complaints, with paths."""

from __future__ import annotations

from dataclasses import dataclass, field

from kadev.models.account import Account
from kadev.models.records import Complaint, Visit


@dataclass
class AccountFolder:
    """One account's validated records, each with its path relative to the data root."""

    id: str
    account_path: str
    account: Account | None
    visits: list[tuple[str, Visit]] = field(default_factory=list)
    complaints: list[tuple[str, Complaint]] = field(default_factory=list)
