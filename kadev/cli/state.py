"""Global options of one kadev run, and the helpers commands use to reach root, today, settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kadev.errors import UsageError

if TYPE_CHECKING:
    from kadev.models import Settings


@dataclass
class Options:
    data: str | None = None
    today: str | None = None
    lang: str | None = None
    debug: bool = False
    units: str = "yuan"
    noted: set[str] = field(default_factory=set)  # notes said once in this run


options = Options()


def set_options(**values: object) -> None:
    from kadev import i18n

    global options
    options = Options(**values)  # type: ignore[arg-type]
    _root.cache_clear()
    _settings.cache_clear()
    _git_user.cache_clear()
    i18n.set_lang(options.lang or "en")
    from kadev.render.output import set_units

    set_units(options.units)


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
    return parse_date(options.today, "--today") if options.today else dt.date.today()


@cache
def _root(data: str | None) -> Path:
    from kadev.store.root import find_root

    return find_root(data)


def root() -> Path:
    return _root(options.data)


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

