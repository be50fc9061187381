"""JSON Schema for editors: every file of the sample validates against its kind's schema (with
the jsonschema library, as an editor's YAML extension would), the bad-input corpus is
rejected, each field is described in Chinese and English, and `kadev init` / `kadev schema`
set VS Code up to use it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kadev.models.schema import KINDS, json_schema
from tests.conftest import SAMPLE, git, invoke

FILES = {"account": "*/account.yaml", "visit": "*/visits/*.yaml",
         "complaint": "*/complaints/*.yaml", "plan": "*/plans/*.yaml", "settings": "kadev.yaml"}


def _as_editor_sees(value: Any) -> Any:
    """YAML as JSON: dates are the strings they are written as."""
    if isinstance(value, dict):
        return {str(k): _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator(kind: str) -> jsonschema.protocols.Validator:
    schema = json_schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_sample_file_validates_against_its_schema(kind: str) -> None:
    validator = _validator(kind)
    paths = sorted(SAMPLE.glob(FILES[kind]))
    assert paths, kind
    for path in paths:
        data = _as_editor_sees(yaml.safe_load(path.read_text("utf-8")))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, (path, errors[:3])


BAD = [
    ("account", {"naem": "x"}, "misspelt key"),
    ("account", {"nature": "retailer"}, "unknown enumeration value"),
    ("account", {"tier": 7}, "out of range"),
    ("account", {"reviewed": "2026-13-45"}, "impossible date"),
    ("account", {"owner": ["chen"]}, "wrong type"),
    ("account", {"contacts": [{"name": "袁婷", "attitude": "friendly"}]}, "nested enum"),
    ("visit", {"method": "pigeon"}, "unknown method"),
    ("visit", {"time": "25:00"}, "bad time"),
    ("complaint", {"severity": "urgent"}, "unknown severity"),
    ("plan", {"date": "tomorrow"}, "not a date"),
    ("settings", {"abc_thresholds": "55,30"}, "wrong type"),
]


@pytest.mark.parametrize(("kind", "change", "why"), BAD, ids=[b[2] for b in BAD])
def test_the_bad_input_corpus_is_rejected(kind: str, change: dict[str, Any], why: str) -> None:
    path = sorted(SAMPLE.glob(FILES[kind]))[0]
    data = _as_editor_sees(yaml.safe_load(path.read_text("utf-8")))
    data.update(change)
    assert list(_validator(kind).iter_errors(data)), why


def test_fields_are_described_in_both_languages() -> None:
    schema = json_schema("account")
    assert schema["properties"]["owner"]["description"] == "负责人 (owner)"
    contact = schema["$defs"]["Contact"]["properties"]
    assert "（" not in contact["name"]["title"] and contact["name"]["description"]


def test_init_and_schema_set_vs_code_up(tmp_path: Path) -> None:
    root = tmp_path / "ka"
    assert invoke(None, "init", str(root)).exit_code == 0
    settings = json.loads((root / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"]["./.schemas/account.schema.json"] == ["**/account.yaml"]
    assert (root / ".schemas" / "account.schema.json").is_file()
    assert "schema.json" in git(root, "show", "--stat", "HEAD")
    # an existing root: other settings are kept, one commit, and again changes nothing
    vscode = root / ".vscode" / "settings.json"
    vscode.write_text(json.dumps({"editor.fontSize": 15}), "utf-8")
    git(root, "commit", "-qam", "font")
    assert invoke(root, "schema").exit_code == 0
    kept = json.loads(vscode.read_text("utf-8"))
    assert kept["editor.fontSize"] == 15 and len(kept["yaml.schemas"]) == len(KINDS)
    assert git(root, "log", "-1", "--format=%s").startswith("schema:")
    before = git(root, "rev-parse", "HEAD")
    assert invoke(root, "schema").exit_code == 0 and git(root, "rev-parse", "HEAD") == before
    vscode.write_text('{ // my settings\n "a": 1 }', "utf-8")
    refused = invoke(root, "schema")
    assert refused.exit_code == 1 and "not plain JSON" in refused.stderr
    printed = invoke(root, "schema", "--print", "visit")
    assert json.loads(printed.stdout)["$id"] == "kadev-visit.schema.json"
