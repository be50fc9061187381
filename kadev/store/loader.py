"""Loading records from the data root: one file → one validated model, or located problems.

Commands load only what they need (a briefing reads one account folder); `validate` walks
everything. A file's text is read once; line numbers are computed only when something is wrong.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from kadev.errors import DataError, Problem
from kadev.i18n import lazy
from kadev.models.base import Record, validate
from kadev.store.root import ACCOUNT_FILE, RECORD_NAME_RE, SETTINGS_FILE

M = TypeVar("M", bound=Record)


@dataclass
class Loaded(Generic[M]):
    """A record file: its path relative to the root, the model (None if broken), problems."""

    path: str
    record: M | None
    problems: list[Problem] = field(default_factory=list)


def parse_file(root: Path, rel: str) -> tuple[Any, str | None, Problem | None]:
    """(data, text, problem) of one YAML file."""
    from kadev.store.root import linked_part
    from kadev.store.yamlio import decode, parse

    link = linked_part(root, rel)
    if link is not None:
        return None, None, Problem(rel, 0, 0, lazy("p.symlink", path=link))
    try:
        raw = (root / rel).read_bytes()
    except OSError as err:
        return None, None, Problem(rel, 0, 0, lazy("p.cannot_read", why=err.strerror))
    text, problem = decode(raw, rel)
    if text is None:
        return None, None, problem
    data, problem = parse(text, rel)
    return data, text, problem


def load_file(root: Path, rel: str, model: type[M], allow_empty: bool = False) -> Loaded[M]:
    """`allow_empty`: an empty file (or only comments) is the model's defaults (settings)."""
    data, text, problem = parse_file(root, rel)
    empty = getattr(problem.message, "key", None) in ("p.empty", "p.only_comments") \
        if problem is not None else False
    if problem is not None and allow_empty and empty:
        data, problem = {}, None
    if problem is not None:
        return Loaded(rel, None, [problem])
    return validate_data(data, text or "", rel, model)


def validate_data(data: Any, text: str, rel: str, model: type[M]) -> Loaded[M]:
    if not isinstance(data, dict):
        return Loaded(rel, None, [Problem(rel, 1, 1, lazy("p.not_mapping",
                                                          found=type(data).__name__))])
    from pydantic import ValidationError

    try:
        return Loaded(rel, validate(model, data))
    except ValidationError as err:
        from kadev.store.problems import validation_problems

        return Loaded(rel, None, validation_problems(err, model, text, rel))


def load_or_raise(root: Path, rel: str, model: type[M]) -> M:
    loaded = load_file(root, rel, model)
    if loaded.record is None:
        raise DataError(loaded.problems)
    return loaded.record


def account_rel(account_id: str) -> str:
    return f"{account_id}/{ACCOUNT_FILE}"


def record_names(root: Path, account_id: str, kind: str, listing: Any = None) -> list[str]:
    """File names of one account's visits or complaints, oldest first (the name holds the date).

    With `listing` (a FileCache), a folder whose mtime is unchanged is not listed again: adding
    or removing a file changes the folder's mtime.
    """
    folder = os.path.join(root, account_id, kind)

    def scan() -> list[str]:
        return sorted(n for n in os.listdir(folder) if RECORD_NAME_RE.match(n))

    try:
        if listing is None:
            return scan()
        st = os.stat(folder)
        names: list[str] = listing.get(f"{account_id}/{kind}", st, scan)
        return names
    except (FileNotFoundError, NotADirectoryError):
        return []


def check_settings(root: Path) -> Loaded[Any]:
    """The root's settings file read and validated (its record None when broken, with the
    problems); once per version of the file, then from the cache, so a warm command imports
    neither YAML nor pydantic for them."""
    from kadev.models.settings import Settings
    from kadev.store.cache import FileCache

    def build() -> Loaded[Settings]:
        return load_file(root, SETTINGS_FILE, Settings, allow_empty=True)

    try:
        st = os.stat(root / SETTINGS_FILE)
    except OSError:
        return build()
    cache = FileCache(root, "settings-file")
    loaded: Loaded[Settings] = cache.get(SETTINGS_FILE, st, build)
    cache.save()
    return loaded


def load_settings(root: Path) -> Any:
    """The root's settings; any problem in the file stops the command."""
    loaded = check_settings(root)
    if loaded.record is None:
        raise DataError(loaded.problems)
    return loaded.record
