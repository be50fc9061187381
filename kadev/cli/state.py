"""Global options of one kadev run, and the helpers commands use to reach root, today, settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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


options = Options()


def set_options(**values: object) -> None:
    from kadev import i18n

    global options
    options = Options(**values)  # type: ignore[arg-type]
    _root.cache_clear()
    _settings.cache_clear()
    i18n.set_lang(options.lang or "en")
    from kadev.render.output import set_units

    set_units(options.units)


def parse_date(text: str, option: str) -> dt.date:
    from kadev.i18n import t
    from kadev.limits import FIRST_DAY, LAST_DAY, day_ok

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(t("err.date", option=option, value=text)) from None
    if not day_ok(day):
        raise UsageError(t("err.date_range", option=option, value=text, first=FIRST_DAY,
                           last=LAST_DAY))
    return day


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


def apply_settings_lang() -> None:
    """Use kadev.yaml's `lang` when the data root can be found; otherwise keep English (the
    command itself reports a missing root or broken settings)."""
    try:
        settings()
    except Exception:  # no root yet (kadev init), or settings the command will report
        pass

