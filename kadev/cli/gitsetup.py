"""`kadev git-setup` and the merge driver git calls for cards (`kadev merge-card`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kadev.cli import state

if TYPE_CHECKING:
    from kadev.store.transaction import Transaction


def git_setup(
    hook: Annotated[bool, typer.Option("--hook", help="Also install a git pre-commit hook "
                                       "that refuses a commit of a broken card or record.")]
    = False,
) -> None:
    """Make git merge account cards field by field in this clone: adds the line to the data
    root's .gitattributes (committed) and registers the merge driver in the repository's
    config; also writes git's commit-graph so `kadev history` stays quick. Run once in each
    clone (`kadev init` and `kadev sync` do it too).

    Example: kadev git-setup
    """
    from kadev.errors import KadevError
    from kadev.i18n import t

    root = state.root()
    if not setup(root):
        raise KadevError(t("sync.no_git"))
    typer.echo(t("git.setup_done"))
    if hook:
        install_pre_commit(root)


def install_pre_commit(root: Path) -> None:
    """The pre-commit hook that runs `kadev validate --staged`; refused (exit 1) outside git
    or when another program's hook is there."""
    import sys

    from kadev.errors import WriteRefused
    from kadev.i18n import t
    from kadev.store import git

    if git.work_tree(root) is None:
        raise WriteRefused(code="err.hook_no_git")
    path = git.install_hook(root, git.hook_text(root, [sys.executable, "-m", "kadev"]))
    if path is None:
        raise WriteRefused(code="err.hook_exists")
    typer.echo(t("git.hook_installed", path=path))


def setup(root: Path) -> bool:
    """The driver registered and the attribute committed; False outside git."""
    from kadev.store import git
    from kadev.store.transaction import Transaction

    with Transaction(root, ()) as tx:
        if not add_setup(tx, root):
            return False
        if tx.files:
            from kadev.cli.common import commit_text

            tx.commit(commit_text("commit.git_setup"))
    top = git.work_tree(root)
    if top is not None:
        from kadev.store.gitlog import index_history

        index_history(top)  # an account's history skips commits that did not touch it
    return True


def add_setup(tx: Transaction, root: Path) -> bool:
    """Register the merge driver in the repository holding `root` and add the line to the
    root's .gitattributes to the write `tx` (if missing); False outside git."""
    from kadev.store import git
    from kadev.store.cardmerge import attributes_text, configure
    from kadev.store.root import RECIPIENTS_FILE

    top = git.work_tree(root)
    if top is None:
        return False
    configure(top)
    path = root / ".gitattributes"
    from kadev.store.personal import is_sealed

    text = attributes_text(path.read_text(encoding="utf-8") if path.exists() else None,
                           is_sealed(root) or (root / RECIPIENTS_FILE) in tx.files)
    if text is not None:
        (tx.replace if path.exists() else tx.create)(path, text)
    return True


def merge_card(
    base: Annotated[Path, typer.Argument(help="The common ancestor's version (%O).")],
    ours: Annotated[Path, typer.Argument(help="Our version, replaced by the result (%A).")],
    theirs: Annotated[Path, typer.Argument(help="Their version (%B).")],
    path: Annotated[str, typer.Argument(help="The card's path (%P).")] = "",
) -> None:
    """Git's merge driver for account cards (registered by `kadev git-setup`): merges two
    sides' changes field by field; where both changed a field differently it keeps our value,
    puts a comment block naming each such field and both values on top of the card, and
    exits 1 so git stops the merge on this file."""
    from kadev.store.cardmerge import Unmergeable, field_name, shown, with_block
    from kadev.store.cardmerge import merge_card as merge

    texts = [p.read_text(encoding="utf-8") for p in (base, ours, theirs)]
    if path.endswith("personal.age"):
        _merge_sealed(texts, ours, path)
        return
    try:
        merged, conflicts = merge(*texts)
    except Unmergeable:  # git's own line merge, markers and all
        from kadev.store.git import merge_in_place

        raise typer.Exit(0 if merge_in_place(ours, base, theirs) else 1) from None
    if conflicts:
        from kadev.i18n import t

        account = path.split("/")[-2] if path.count("/") else "ACCOUNT"
        fields = [field_name(parts) for parts, _ in conflicts]
        merged = with_block(merged, [t("git.block_head", account=account), *(
            t("git.block_field", field=field_name(parts), ours=shown(values[1]),
              theirs=shown(values[2])) for parts, values in conflicts)])
    ours.write_text(merged, encoding="utf-8")
    if conflicts:
        typer.echo(t("git.merge_conflicts", path=path, fields=", ".join(fields)), err=True)
        raise typer.Exit(1)


def _merge_sealed(texts: list[str], ours: Path, path: str) -> None:
    """An account's encrypted personal data merged field by field; exit 1 (git stops on the
    file) where both sides changed a field differently (ours is kept) or without a key."""
    from kadev.errors import KadevError
    from kadev.i18n import t
    from kadev.store.personal import merge_sealed

    top = Path.cwd()  # git runs the driver at the top of the work tree
    root = (top / path).parent.parent
    try:
        merged, conflicts = merge_sealed(texts, root, path)
    except KadevError as err:
        typer.echo(t("git.sealed_unmerged", path=path, why=err.worded()), err=True)
        raise typer.Exit(1) from None
    ours.write_text(merged, encoding="ascii")
    if conflicts:
        typer.echo(t("git.sealed_conflicts", path=path, fields="、".join(conflicts)), err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("git-setup")(git_setup)
    app.command("merge-card", hidden=True)(merge_card)
