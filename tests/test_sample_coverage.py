"""The sample data shows every field kadev knows: each key of every model occurs in accounts/."""

from __future__ import annotations

import typing
from pathlib import Path

import yaml

from kadev.models import Account, Complaint, Settings, Visit
from kadev.models.base import Record, inner_record, record_fields
from tests.conftest import SAMPLE


def _keys(model: type[Record], prefix: str = "") -> set[str]:
    out = set()
    for name, annotation in record_fields(model):
        key = f"{prefix}{name}"
        out.add(key)
        inner = inner_record(annotation)
        if inner is not None and inner is not model:
            out |= _keys(inner, key + ".")
    return out


def _present(data: typing.Any, prefix: str = "") -> set[str]:
    out = set()
    if isinstance(data, dict):
        for key, value in data.items():
            out.add(f"{prefix}{key}")
            out |= _present(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        for item in data:
            out |= _present(item, prefix)
    return out


def test_every_model_key_occurs_in_the_sample() -> None:
    found: dict[str, set[str]] = {"account": set(), "visits": set(), "complaints": set()}
    for path in Path(SAMPLE).glob("*/account.yaml"):
        found["account"] |= _present(yaml.safe_load(path.read_text("utf-8")))
    for kind in ("visits", "complaints"):
        for path in Path(SAMPLE).glob(f"*/{kind}/*.yaml"):
            found[kind] |= _present(yaml.safe_load(path.read_text("utf-8")))
    settings = _present(yaml.safe_load((SAMPLE / "kadev.yaml").read_text("utf-8")))
    assert sorted(_keys(Account) - found["account"]) == []
    assert sorted(_keys(Visit) - found["visits"]) == []
    assert sorted(_keys(Complaint) - found["complaints"]) == []
    assert sorted(_keys(Settings) - settings) == []
