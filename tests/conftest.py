"""Shared fixtures: a copy of the sample data, the CLI through Typer's runner, real git."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kadev.cli import app

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "accounts"
TODAY = "2026-11-20"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KADEV_KEY", str(tmp_path / "no-key.txt"))  # never the tester's own
    for name in ("KADEV_DATA", "KADEV_TODAY", "KADEV_LANG", "KADEV_OWNER", "KADEV_USER",
                 "VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Test Rep")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "rep@example.com")
    monkeypatch.setenv("COLUMNS", "120")
    from kadev import i18n

    i18n.set_lang("en")  # a run in the runner may have left Chinese for the library's words


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the committed sample data root (not a git repository)."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target)
    return target


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repo(sample: Path) -> Path:
    """The sample data as a git repository with one commit."""
    git(sample, "init", "-q")
    git(sample, "add", "-A")
    git(sample, "commit", "-q", "-m", "sample")
    return sample


Run = Callable[..., "Result"]


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr


def invoke(root: Path | None, *args: str, input: str | None = None,
           today: str = TODAY) -> Result:
    cli_args = [*(["--data", str(root)] if root else []), "--today", today, *args]
    result = CliRunner().invoke(app, cli_args, input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def run(sample: Path) -> Callable[..., Result]:
    def _run(*args: str, input: str | None = None, today: str = TODAY) -> Result:
        return invoke(sample, *args, input=input, today=today)

    return _run


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root (but .git) and its bytes, to prove nothing was written."""
    skip = {".git", ".kadev-cache"}  # git's own files, and the disposable derived cache
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not skip & set(p.relative_to(root).parts)}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path → text) under root; returns root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def plant_personal(root: Path, birthday: str, trip: tuple[str, str],
                   mark: str = "PMARK") -> None:
    """Every contact of every card given `birthday`, personal notes and a trip (from, to)
    whose texts carry `mark` and the contact's number, so that an output can be searched
    for any of them."""
    import yaml

    for path in sorted(root.glob("*/account.yaml")):
        card = yaml.safe_load(path.read_text("utf-8"))
        for n, person in enumerate(card.get("contacts") or []):
            person["birthday"] = birthday
            person["personal"] = {"family": f"{mark}family{n}", "health": f"{mark}health{n}"}
            person["itinerary"] = [{"place": f"{mark}place{n}", "from": trip[0],
                                    "to": trip[1]}]
        path.write_text(yaml.safe_dump(card, allow_unicode=True, sort_keys=False), "utf-8")
