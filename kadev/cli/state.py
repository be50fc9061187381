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


options = Options()


def set_options(**values: object) -> None:
    global options
    options = Options(**values)  # type: ignore[arg-type]
    _root.cache_clear()
    _settings.cache_clear()


def parse_date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r}: not a date (expected YYYY-MM-DD)") from None


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
    from kadev.store.loader import load_settings

    settings: Settings = load_settings(root_path)
    return settings


def settings() -> Settings:
    return _settings(root())


def lang() -> str:
    chosen = options.lang or settings_lang()
    if chosen not in ("en", "zh"):
        raise UsageError(f"--lang {chosen!r}: expected en or zh")
    return chosen


def settings_lang() -> str:
    try:
        return settings().lang
    except Exception:  # no data root yet (e.g. `kadev init`): the default language
        return "en"
