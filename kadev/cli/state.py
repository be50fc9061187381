"""Global options of one kadev run, and the helpers commands use to reach root, today, settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kadev.errors import UsageError

if TYPE_CHECKING:
    from kadev.library import DataRoot
    from kadev.models import Account, Settings


@dataclass
class Options:
    data: str | None = None
    today: str | None = None
    lang: str | None = None
    debug: bool = False
    units: str = "yuan"
    as_of: str | None = None  # read the data root as it was at the last commit by this day
    noted: set[str] = field(default_factory=set)  # notes said once in this run


options = Options()


def set_options(**values: object) -> None:
    from kadev import i18n

    global options
    options = Options(**values)  # type: ignore[arg-type]
    _root.cache_clear()
    _settings.cache_clear()
    _git_user.cache_clear()
    _snapshot.cache_clear()
    _opened.clear()
    i18n.set_lang(options.lang or "en")
    from kadev.render.output import set_as_of, set_units

    set_units(options.units)
    set_as_of(None)


def parse_date(text: str, option: str) -> dt.date:
    from kadev.i18n import t
    from kadev.limits import FIRST_DAY, LAST_DAY, day_ok

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        from kadev.analysis.periods import relative_day

        # 明天, 下周三, +7, 12-2 …: relative to --today (which itself must be a full date)
        found = relative_day(text, today()) if option != "--today" else None
        if found is None:
            raise UsageError(t("err.date", option=option, value=text)) from None
        day = found
    if not day_ok(day):
        raise UsageError(t("err.date_range", option=option, value=text, first=FIRST_DAY,
                           last=LAST_DAY))
    return day


def user() -> str | None:
    """Who is running kadev: KADEV_USER, else `git config kadev.user`; checked against the
    settings' team when it is set (an unknown name is an error listing the closest)."""
    import os

    name = os.environ.get("KADEV_USER") or _git_user(str(root()))
    if name:
        check_member(name, "KADEV_USER")
    return name or None


@cache
def _git_user(folder: str) -> str:
    import subprocess

    try:
        found = subprocess.run(["git", "config", "kadev.user"], cwd=folder,
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip()


def check_member(name: str, option: str) -> None:
    """A usage error (with the closest names) when the team is set and `name` is not in it."""
    team = settings().team
    if team and name not in team:
        import difflib

        from kadev.i18n import t

        close = difflib.get_close_matches(name, team, n=3, cutoff=0.4)
        raise UsageError(t("err.not_member", option=option, value=name,
                           closest=", ".join(close or team[:8])))


def owner_filter(owner: str | None, everyone: bool) -> str | None:
    """The owner a rep's list is for: --owner, else (unless --team) the user running kadev."""
    if owner:
        check_member(owner, "--owner")
        return owner
    return None if everyone else user()


def today() -> dt.date:
    if options.today:
        return parse_date(options.today, "--today")
    if options.as_of:
        return as_of_day()
    return dt.date.today()


def as_of_day() -> dt.date:
    assert options.as_of is not None
    return parse_date(options.as_of, "--as-of")


@cache
def _root(data: str | None) -> Path:
    from kadev.store.root import find_root

    return find_root(data)


def root() -> Path:
    """The data root; with --as-of, a read-only copy of it as it was then (see `snapshot`)."""
    if options.as_of:
        return _snapshot(_root(options.data), options.as_of)[0]
    return _root(options.data)


def work_root() -> Path:
    """The data root itself, even with --as-of."""
    return _root(options.data)


def as_of() -> tuple[str, str, dt.date] | None:
    """(commit, its date, the day asked) the data is read at with --as-of, else None."""
    if not options.as_of:
        return None
    _, commit, when = _snapshot(_root(options.data), options.as_of)
    return commit, when, as_of_day()


@cache
def _snapshot(real: Path, day_text: str) -> tuple[Path, str, str]:
    """The data root as of the last commit on or before the day, from git, extracted once per
    commit into a folder of its own (kept for the next run; never the work tree); said once
    on stderr."""
    from kadev.i18n import t
    from kadev.store.gitlog import snapshot

    day = parse_date(day_text, "--as-of")
    found = snapshot(real, day)
    if found is None:
        raise UsageError(t("err.as_of_none", day=day))
    folder, commit, when = found
    import typer

    typer.echo(t("asof.note", day=day, commit=commit[:7], when=when), err=True)
    from kadev.render.output import set_as_of

    set_as_of({"date": day.isoformat(), "commit": commit, "commit_date": when})
    return folder, commit, when


def library() -> DataRoot:
    """The data root this command reads, opened once (its folder, settings and today)."""
    key = (root(), today())
    found = _opened.get(key)
    if found is None:
        from kadev.library import DataRoot

        found = _opened[key] = DataRoot(key[0], settings(), key[1])
    return found


_opened: dict[tuple[Path, dt.date], DataRoot] = {}


def cards() -> list[tuple[str, Account]]:
    """Every readable card of the data root, read once per command (a report that puts
    several views together reads them once)."""
    return library().cards()


@cache
def _settings(root_path: Path) -> Settings:
    from kadev import i18n
    from kadev.store.loader import load_settings

    settings: Settings = load_settings(root_path)
    if options.lang is None:  # kadev.yaml's language unless --lang or KADEV_LANG says
        i18n.set_lang(settings.lang)
    return settings


def settings() -> Settings:
    return _settings(root())


def settings_lang(data: str | None) -> str | None:
    """kadev.yaml's `lang:` in the data root `data` names, or None when there is none. Read
    as a line of text, for `--help` must not wait for the YAML and the models to load (the
    command itself validates the file)."""
    import re

    from kadev.store.root import SETTINGS_FILE

    try:
        text = (_root(data) / SETTINGS_FILE).read_text(encoding="utf-8")
    except Exception:  # no root, or no readable settings: the command reports it
        return None
    found = re.search(r"^lang:\s*['\"]?(en|zh)\b", text, re.M)
    return found[1] if found else None


def apply_settings_lang() -> None:
    """Use kadev.yaml's `lang` when the data root can be found; otherwise keep English (the
    command itself reports a missing root or broken settings)."""
    try:
        settings()
    except Exception:  # no root yet (kadev init), or settings the command will report
        pass

