"""Commands on the data root as a whole: `init`, `validate`, `demo`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kadev.cli import state
from kadev.cli.common import choice, format_option

if TYPE_CHECKING:
    pass


def init(
    path: Annotated[Path, typer.Argument(help="Folder for the new data root.")] = Path("accounts"),
    no_git: Annotated[bool, typer.Option("--no-git", help="Do not run git init.")] = False,
    lang: Annotated[str, typer.Option("--lang", **choice(("en", "zh")),
                                      help="Language of the settings comments and reports.")
                    ] = "en",
    hook: Annotated[bool, typer.Option("--hook", help="Also install a git pre-commit hook "
                                       "that refuses a commit of a broken card or record.")]
    = False,
) -> None:
    """Create a new data root: a commented kadev.yaml, a .gitignore for the cache, JSON
    Schema for editors (.schemas/, .vscode/settings.json), git init.

    Example: kadev init ~/ka-data --lang zh
    """
    from kadev.errors import WriteRefused
    from kadev.i18n import t
    from kadev.store import git
    from kadev.store.root import SETTINGS_FILE
    from kadev.store.templates import GITIGNORE, settings_text
    from kadev.store.transaction import Transaction

    try:
        if (path / SETTINGS_FILE).exists():
            raise WriteRefused(code="err.root_exists", path=path / SETTINGS_FILE)
        path.mkdir(parents=True, exist_ok=True)
        if not no_git and git.available() and git.work_tree(path) is None:
            git.init(path)
        with Transaction(path, ()) as tx:
            tx.create(path / SETTINGS_FILE, settings_text(lang))
            if not (path / ".gitignore").exists():  # a user's own is theirs: not touched
                tx.create(path / ".gitignore", GITIGNORE)
            from kadev.cli.gitsetup import add_setup

            add_setup(tx, path)  # cards merge field by field (in git)
            from kadev.cli.editors import add_editor_setup

            add_editor_setup(tx, path)  # completion and errors as you type, in VS Code
            from kadev.i18n import t_in

            written = tx.commit(t_in(lang, "commit.init"))
    except OSError as err:
        raise WriteRefused(t("err.cannot_create", path=path, reason=err.strerror)) from None
    typer.echo(t("init.created", path=path, files=", ".join(p.name for p in written)))
    if hook:
        from kadev.cli.gitsetup import install_pre_commit

        install_pre_commit(path)


def validate(
    fmt: Annotated[str, format_option("table", "json")] = "table",
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every file; neither "
                                           "read nor write .kadev-cache/.")] = False,
    staged: Annotated[bool, typer.Option("--staged", help="Only what the next commit holds: "
                                         "the staged files' account folders, as staged (the "
                                         "pre-commit hook's check).")] = False,
) -> None:
    """Check every file under the data root and every cross-reference; exit 1 on any problem.

    Problems are printed one per line as path:line:col: message, sorted.
    Example: kadev validate
    """
    from kadev.i18n import t
    from kadev.library.validate import validate as check_all
    from kadev.library.validate import validate_staged
    from kadev.render.output import emit_json
    from kadev.render.progress import progress_bar

    if staged:
        import os

        from kadev.store.git import COMMITTING

        if os.environ.get(COMMITTING):  # kadev's own commit: it checked what it wrote
            return
        verdict = validate_staged(state.root())
        if verdict is None:
            typer.echo(t("validate.nothing_staged"))
            return
    else:
        with progress_bar(t("validate.progress"), 1, minimum=0) as advance:
            verdict = check_all(state.root(), use_cache=not no_cache, progress=advance)
    problems = verdict.problems
    summary = t("validate.summary", accounts=verdict.accounts, visits=verdict.visits,
                complaints=verdict.complaints, files=verdict.files)
    if fmt == "json":
        emit_json({"ok": not problems, "files": verdict.files, "accounts": verdict.accounts,
                   "problems": [p.as_dict() for p in problems]})
    else:
        for problem in problems:
            typer.echo(str(problem))
        if problems:
            typer.echo(t("validate.problems", count=len(problems), summary=summary), err=True)
        else:
            typer.echo(t("validate.ok", summary=summary))
    if problems:
        raise typer.Exit(1)


def demo(
    path: Annotated[Path, typer.Argument(help="Folder to create (must not exist or be empty).")],
    accounts: Annotated[int, typer.Option(help="Number of accounts.", min=1)] = 40,
    visits_per_account: Annotated[int, typer.Option(help="Average visits per account.",
                                                    min=0)] = 10,
    complaints_per_account: Annotated[float, typer.Option(help="Average complaints per "
                                                          "account.", min=0)] = 0.7,
    months: Annotated[int, typer.Option(help="Months of ledger up to --today.", min=1)] = 24,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same "
                                      "files.")] = 7,
    no_git: Annotated[bool, typer.Option("--no-git", help="Do not git init and commit.")] = False,
) -> None:
    """Generate a realistic sample data root (a Chinese equipment maker's accounts).

    Deterministic for a seed and --today. The sample in accounts/ is made with:
    kadev --today 2026-11-20 demo accounts --no-git
    """
    from kadev import demo as demo_store
    from kadev.errors import WriteRefused

    if path.exists() and any(path.iterdir()):
        raise WriteRefused(code="err.demo_not_empty", path=path)
    from kadev.i18n import t
    from kadev.render.progress import progress_bar

    with progress_bar(t("demo.generating"), accounts) as advance:
        counts = demo_store.generate(path, state.today(), accounts=accounts,
                                     visits_per_account=visits_per_account, months=months,
                                     seed=seed, git=not no_git,
                                     complaints_per_account=complaints_per_account,
                                     progress=advance)
    typer.echo(t("demo.created", path=path, **counts))


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(validate)
    app.command()(demo)
