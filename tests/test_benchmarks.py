"""A smoke run of benchmarks/run.py on a tiny scale set: every row runs and is recorded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_benchmark_script_runs_on_a_tiny_set(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--accounts", "12",
         "--visits-per-account", "3", "--runs", "1", "--import-rows", "500",
         "--data", str(tmp_path / "scale"), "--output", str(output)],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    text = output.read_text(encoding="utf-8")
    for row in ("kadev --help", "validate cold", "validate warm", "validate after one file",
                "abc cold", "abc warm", "funnel", "due warm", "brief", "visit add", "sales import",
                "account list", "sample (40 accounts): abc"):
        assert f"| {row}" in text, row
    assert "Machine:" in text and "python benchmarks/run.py --accounts 12" in text
