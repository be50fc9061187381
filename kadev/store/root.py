"""Finding the data root (shared/DESIGN.md §2) and the layout of files inside it."""

from __future__ import annotations

import os
import re
from pathlib import Path

from kadev.errors import KadevError

SETTINGS_FILE = "kadev.yaml"
ACCOUNT_FILE = "account.yaml"
RECIPIENTS_FILE = "recipients.txt"  # the team's public keys: contacts' personal data sealed
SEALED_FILE = "personal.age"  # an account's contacts' personal data, encrypted
SALES_DIR = "_sales"
CACHE_DIR = ".kadev-cache"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
RECORD_NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]{1,16})\.yaml$")


class NoDataRoot(KadevError):
    pass


def find_root(data: str | None = None, cwd: Path | None = None) -> Path:
    """`--data`, else `KADEV_DATA`, else the nearest kadev.yaml upwards, else ./accounts."""
    given = data or os.environ.get("KADEV_DATA")
    if given:
        root = Path(given).expanduser()
        if not (root / SETTINGS_FILE).is_file():
            source = "--data" if data else "KADEV_DATA"
            raise NoDataRoot(f"{source} {given}: no {SETTINGS_FILE} there "
                             f"(make one with: kadev init {given})")
        return root.resolve()
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    if (here / "accounts" / SETTINGS_FILE).is_file():
        return here / "accounts"
    raise NoDataRoot(code="err.no_root")


def linked_part(root: Path, rel: str) -> str | None:
    """The first part of `rel` (a path relative to the data root) that is a symbolic link, or
    None. kadev neither reads nor writes through links inside the data root: a committed link
    could point anywhere on the machine of whoever pulls it."""
    path = str(root)
    parts = rel.split("/")
    for number, part in enumerate(parts):
        path = f"{path}/{part}"
        if os.path.islink(path):
            return "/".join(parts[:number + 1])
    return None


def is_account_dir_name(name: str) -> bool:
    """Folders starting with `_` or `.` are not accounts (the ledger, the cache, git)."""
    return not name.startswith(("_", "."))
