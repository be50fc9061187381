"""Finding the data root: --data, KADEV_DATA, the nearest kadev.yaml upwards, ./accounts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kadev.store.root import NoDataRoot, find_root


def test_order_of_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "team"
    (root / "huaguang").mkdir(parents=True)
    (root / "kadev.yaml").write_text("")
    assert find_root(cwd=root / "huaguang") == root
    assert find_root(cwd=tmp_path) == root if (tmp_path / "kadev.yaml").exists() else True
    (tmp_path / "accounts").mkdir()
    (tmp_path / "accounts" / "kadev.yaml").write_text("")
    assert find_root(cwd=tmp_path) == tmp_path / "accounts"
    monkeypatch.setenv("KADEV_DATA", str(root))
    assert find_root(cwd=tmp_path) == root
    assert find_root(str(tmp_path / "accounts"), cwd=tmp_path) == tmp_path / "accounts"


def test_missing_root_explains(tmp_path: Path) -> None:
    with pytest.raises(NoDataRoot, match="kadev init"):
        find_root(cwd=tmp_path)
    with pytest.raises(NoDataRoot, match="--data"):
        find_root(str(tmp_path), cwd=tmp_path)
