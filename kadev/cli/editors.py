"""`kadev schema`: JSON Schema of the records, and VS Code set up to use it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kadev.cli import state
from kadev.cli.common import choice

if TYPE_CHECKING:
    from kadev.store.transaction import Transaction

KIND_NAMES = ("account", "visit", "complaint", "plan", "settings")


def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the schema files "
                                                "into this folder instead (no editor setup, "
                                                "no commit).", show_default=False)] = None,
    show: Annotated[str | None, typer.Option("--print", **choice(KIND_NAMES),
                                             help="Print one kind's schema instead.",
                                             show_default=False)] = None,
) -> None:
    """Write JSON Schema for every record kind into the data root's .schemas/ and point VS
    Code's YAML extension at it (.vscode/settings.json), one commit: completion, field names
    in Chinese and English on hover, and errors as you type in account.yaml and the records.

    `kadev init` does this for a new data root.
    Example: kadev schema; kadev schema --print account > account.schema.json
    """
    from kadev.i18n import t
    from kadev.models.schema import KINDS, schema_text

    if show:
        typer.echo(schema_text(show), nl=False)
        return
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        for kind in KINDS:
            (output / f"{kind}.schema.json").write_text(schema_text(kind), encoding="utf-8")
        typer.echo(t("schema.written", path=output))
        return
    from kadev.cli.common import commit_text, writing

    root = state.root()
    with writing() as tx:
        add_editor_setup(tx, root)
        if tx.files:
            tx.commit(commit_text("commit.schema"))
    typer.echo(t("schema.set_up", path=root))


def add_editor_setup(tx: Transaction, root: Path) -> None:
    """The schema files and `.vscode/settings.json` (other settings kept), staged in `tx`
    where they differ from what is there."""
    from kadev.errors import WriteRefused
    from kadev.models.schema import KINDS, SCHEMA_DIR, editor_settings, schema_text

    for kind in KINDS:
        _put(tx, root / SCHEMA_DIR / f"{kind}.schema.json", schema_text(kind))
    path = root / ".vscode" / "settings.json"
    existing = path.read_text(encoding="utf-8") if path.exists() else None
    try:
        text = editor_settings(existing)
    except ValueError:
        raise WriteRefused(code="err.vscode_settings", path=path) from None
    _put(tx, path, text)


def _put(tx: Transaction, path: Path, text: str) -> None:
    if not path.exists():
        tx.create(path, text)
    elif path.read_text(encoding="utf-8") != text:
        tx.replace(path, text)


def register(app: typer.Typer) -> None:
    app.command()(schema)
