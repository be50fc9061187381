"""JSON Schema of every record kind, generated from the models, for editors: completion,
hover text (each field's Chinese and English name) and inline errors while a rep edits a
card in VS Code (the YAML extension reads `yaml.schemas`).

Rules across fields (an active account needs contacts, a date after another) stay with
`kadev validate`; the schema knows the keys, the types, the enumerations and the ranges.
"""

from __future__ import annotations

import json
from typing import Any

# kind: (model name, the files it describes, as globs from the data root)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "account": ("Account", ("*/account.yaml",)),
    "visit": ("Visit", ("*/visits/*.yaml",)),
    "complaint": ("Complaint", ("*/complaints/*.yaml",)),
    "plan": ("Plan", ("*/plans/*.yaml",)),
    "settings": ("Settings", ("kadev.yaml",)),
}
SCHEMA_DIR = ".schemas"  # in the data root, committed: every clone's editor uses it


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record kind, with each field described in
    Chinese and English."""
    from pydantic import TypeAdapter

    import kadev.models as models

    schema: dict[str, Any] = TypeAdapter(getattr(models, KINDS[kind][0])).json_schema(
        mode="validation")
    _describe(schema)
    for definition in schema.get("$defs", {}).values():
        _describe(definition)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"kadev-{kind}.schema.json", **schema}


def _describe(schema: dict[str, Any]) -> None:
    from kadev.i18n import LABELS

    names = LABELS["field"]
    for key, prop in schema.get("properties", {}).items():
        if key in names:
            english, chinese = names[key]
            prop["title"] = chinese
            prop["description"] = f"{chinese} ({english})"


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def editor_settings(existing: str | None, schema_dir: str = SCHEMA_DIR) -> str:
    """`.vscode/settings.json` with `yaml.schemas` pointing each record kind's files at its
    schema, keeping every other setting of `existing`; ValueError if `existing` is not JSON
    (VS Code allows comments there: then the lines are to be added by hand)."""
    settings: dict[str, Any] = json.loads(existing) if existing and existing.strip() else {}
    if not isinstance(settings, dict):
        raise ValueError("not a JSON object")
    schemas = {k: v for k, v in settings.get("yaml.schemas", {}).items()
               if not k.startswith(f"./{schema_dir}/")}
    for kind, (_, globs) in KINDS.items():
        # from anywhere in the workspace: the data root may be one of its folders
        schemas[f"./{schema_dir}/{kind}.schema.json"] = [f"**/{g.removeprefix('*/')}"
                                                         for g in globs]
    settings["yaml.schemas"] = schemas
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
