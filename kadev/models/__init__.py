"""Pydantic v2 models of every kadev record; no I/O. Every model forbids unknown keys."""

from kadev.models.account import Account, Contact, Opportunity
from kadev.models.records import Complaint, Plan, Visit
from kadev.models.settings import Settings

__all__ = ["Account", "Complaint", "Contact", "Opportunity", "Plan", "Settings", "Visit"]
