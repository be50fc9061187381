"""The `kadev` program builds only the command its line names (the others keep their names and
help): what it prints is what the whole command tree prints, through the real entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import invoke

WHOLE_TREE = "import sys; from kadev.cli import app; app(prog_name='kadev')"


def _kadev(*args: str, cwd: Path, whole: bool = False) -> subprocess.CompletedProcess[str]:
    """The program as installed (`python -m kadev`: the entry point), or with `whole` the
    same application with every command built."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KADEV_")}
    env |= {"COLUMNS": "80", "KADEV_KEY": str(cwd / "no-key.txt")}
    start = ["-c", WHOLE_TREE] if whole else ["-m", "kadev"]
    return subprocess.run([sys.executable, *start, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args", [
    ("--help",), ("--lang", "zh", "--help"), ("due", "--help"), ("account", "--help"),
    ("account", "list", "--help"), ("--lang", "zh", "plan", "month", "--help"),
    ("report",), ("--data", ".", "--today", "2026-11-20", "brief", "--help"),
])
def test_the_same_help_as_the_whole_tree(args: tuple[str, ...], tmp_path: Path) -> None:
    real = _kadev(*args, cwd=tmp_path)
    whole = _kadev(*args, cwd=tmp_path, whole=True)
    assert (real.returncode, real.stdout, real.stderr) == (whole.returncode, whole.stdout,
                                                           whole.stderr)
    assert real.stdout.strip()


@pytest.mark.parametrize("args", [("duee",), ("--lang", "zh", "funel")])
def test_a_misspelt_command_is_still_suggested(args: tuple[str, ...], tmp_path: Path) -> None:
    real = _kadev(*args, cwd=tmp_path)
    assert (real.returncode, real.stderr) == (2, _kadev(*args, cwd=tmp_path, whole=True).stderr)
    assert ("'due'" in real.stderr) if args[0] == "duee" else ("'funnel'" in real.stderr)
    assert real.stderr.count("\n") == 1  # one line


def test_a_command_runs(sample: Path, tmp_path: Path) -> None:
    real = _kadev("--data", str(sample), "--today", "2026-11-20", "due", "--owner", "chen",
                  "--format", "json", cwd=tmp_path)
    assert real.returncode == 0, real.stderr
    assert real.stdout == invoke(sample, "due", "--owner", "chen", "--format", "json").stdout
