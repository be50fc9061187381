"""A report's data kept while git says the data root is as it was (`kadev.store.views`):
reused while nothing changed, made again after any change git can see — a commit, an edit,
a same-size edit with its time put back, a new file — and never kept from a file too new to
trust or outside git."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import git, invoke

from kadev.store import views
from kadev.store.index import FILE
from kadev.store.root import CACHE_DIR


def _counting() -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    return calls, build


def _age(path: Path, seconds: int = 10) -> None:
    """Make a file look written `seconds` ago (as if edited earlier, not in this tick)."""
    past = time.time_ns() - seconds * 1_000_000_000
    os.utime(path, ns=(past, past))


@pytest.fixture
def settled(sample: Path) -> Path:
    """The sample as a git repository whose files were written a while ago and whose index
    is more than two seconds old (as in a rep's clone in the morning)."""
    for path in sample.rglob("*"):
        _age(path, 60)
    git(sample, "init", "-q")
    git(sample, "add", "-A")
    git(sample, "commit", "-q", "-m", "sample")
    _settle()
    return sample


def _settle() -> None:
    """Let git's index grow older than two seconds: until then nothing is kept (git compares
    ctimes in whole seconds). Waited for, not faked: an index made to look old would hide
    the very edit in its second that the rule is for."""
    time.sleep(2.1)


def _kept_rows(root: Path, name: str) -> int:
    db = sqlite3.connect(root / CACHE_DIR / FILE)
    try:
        return int(db.execute("SELECT count(*) FROM entries WHERE family = ? AND path LIKE ?",
                              (views.FAMILY, f"{name}/%")).fetchone()[0])
    finally:
        db.close()


def test_kept_while_git_sees_no_change(settled: Path) -> None:
    repo = settled
    calls, build = _counting()
    first = views.kept(repo, "test", ("a",), build)  # type: ignore[arg-type]
    again = views.kept(repo, "test", ("a",), build)  # type: ignore[arg-type]
    assert first == again == {"n": 1} and len(calls) == 1
    other = views.kept(repo, "test", ("b",), build)  # other options: made for them
    assert other == {"n": 2}
    assert views.kept(repo, "test", ("a",), build) == {"n": 1}  # (both kept)


def test_made_again_after_every_change_git_sees(settled: Path) -> None:
    repo = settled
    calls, build = _counting()
    card = repo / "huaguang" / "account.yaml"
    views.kept(repo, "test", (), build)  # type: ignore[arg-type]

    text = card.read_text(encoding="utf-8")
    card.write_text(text + "#\n", encoding="utf-8")
    _age(card)
    views.kept(repo, "test", (), build)  # type: ignore[arg-type]
    assert len(calls) == 2  # an edit not committed
    views.kept(repo, "test", (), build)  # type: ignore[arg-type]
    assert len(calls) == 2  # (and kept while it stays as it is)

    git(repo, "commit", "-qam", "edit")
    views.kept(repo, "test", (), build)  # type: ignore[arg-type]
    assert len(calls) == 3  # a commit
    views.kept(repo, "test", (), build)  # type: ignore[arg-type]
    assert len(calls) == 4  # (not kept: git's index was written just now, see below)
    _settle()
    views.kept(repo, "test", (), build)  # type: ignore[arg-type]
    assert len(calls) == 5  # now kept

    # a same-size edit with its time put back: git sees it by its ctime (in whole seconds,
    # as git is usually built: hence nothing is kept while git's index is two seconds young)
    st = card.stat()
    body = card.read_bytes()
    card.write_bytes(body[:-2] + b"$\n")
    os.utime(card, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert card.stat().st_size == st.st_size and card.stat().st_mtime_ns == st.st_mtime_ns
    views.kept(repo, "test", (), build)  # type: ignore[arg-type]
    assert len(calls) == 6

    new = repo / "huaguang" / "visits" / "2026-11-19-abcdef.yaml"
    new.write_text("date: 2026-11-19\nmethod: phone\n", encoding="utf-8")
    _age(new)
    views.kept(repo, "test", (), build)  # type: ignore[arg-type]
    assert len(calls) == 7  # an untracked file


def test_not_kept_from_a_file_too_new_or_outside_git(settled: Path, tmp_path: Path) -> None:
    repo = settled
    calls, build = _counting()
    card = repo / "huaguang" / "account.yaml"
    card.write_text(card.read_text(encoding="utf-8") + "#\n", encoding="utf-8")  # just now
    views.kept(repo, "test", (), build)  # type: ignore[arg-type]
    views.kept(repo, "test", (), build)  # type: ignore[arg-type]
    assert len(calls) == 2

    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "kadev.yaml").write_text("currency: CNY\n", encoding="utf-8")
    views.kept(plain, "test", (), build)  # type: ignore[arg-type]
    views.kept(plain, "test", (), build)  # type: ignore[arg-type]
    assert len(calls) == 4


def test_a_few_values_per_report(settled: Path) -> None:
    _, build = _counting()
    for day in range(views.KEEP + 5):
        views.kept(settled, "test", (day,), build)  # type: ignore[arg-type]
    assert _kept_rows(settled, "test") == views.KEEP


def test_team_due_list_follows_a_same_size_edit(settled: Path) -> None:
    """Through the CLI: the whole team's list is kept, and a complaint's text edited in place
    (same size, time put back) shows at once, in both languages."""
    repo = settled
    first = invoke(repo, "due", "--team", "--format", "json")
    assert first.exit_code == 0, first.stderr
    assert _kept_rows(repo, "due") == 1
    items = json.loads(first.stdout)["items"]
    complaint = next(i for i in items if i["kind"] == "complaint")
    assert invoke(repo, "due", "--team", "--format", "json").stdout == first.stdout

    folder = repo / complaint["account"] / "complaints"
    path = next(p for p in sorted(folder.iterdir()) if p.name[-11:-5] in complaint["reason"])
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    what = next(line for line in text.splitlines() if line.startswith("what:"))
    changed = what[:-1] + ("甲" if what[-1] != "甲" else "乙")  # (three bytes each)
    path.write_text(text.replace(what, changed), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size

    after = invoke(repo, "due", "--team", "--format", "json")
    reasons = [i["reason"] for i in json.loads(after.stdout)["items"]]
    assert any(changed[len("what:"):].strip() in r for r in reasons)

    zh = invoke(repo, "--lang", "zh", "due", "--team")
    assert zh.exit_code == 0 and "天" in zh.stdout and "days" not in zh.stdout


def test_a_kept_list_still_says_what_it_left_out(settled: Path) -> None:
    repo = settled
    broken = repo / "huaguang" / "visits" / "2026-11-18-bad000.yaml"
    broken.write_text("date: [\n", encoding="utf-8")
    _age(broken, 20)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "broken")
    _settle()
    for _ in range(2):
        result = invoke(repo, "due", "--team")
        assert result.exit_code == 0
        assert "huaguang" in result.stderr and "2026-11-18-bad000.yaml" in result.stderr
    assert _kept_rows(repo, "due") == 1


def test_a_ledger_kept_out_of_git_is_still_seen(settled: Path) -> None:
    """A team that git-ignores its ledger: a month's file changed is seen by its own stat,
    and `report performance` shows the new figures."""
    repo = settled
    (repo / ".gitignore").write_text("_sales/\n", encoding="utf-8")
    git(repo, "rm", "-rq", "--cached", "_sales")
    _age(repo / ".gitignore", 30)
    git(repo, "add", ".gitignore")
    git(repo, "commit", "-qm", "ledger kept out of git")
    _settle()
    before = invoke(repo, "report", "performance", "--format", "json")
    assert before.exit_code == 0, before.stderr
    assert _kept_rows(repo, "performance") == 1
    assert invoke(repo, "report", "performance", "--format", "json").stdout == before.stdout

    month = sorted((repo / "_sales").glob("*.csv"))[-1]
    lines = month.read_text(encoding="utf-8").splitlines()
    account = lines[1].split(",")[0]
    lines.append(f"{account},1000000.00,100000.00,加急备件,1")
    month.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _age(month, 30)
    after = invoke(repo, "report", "performance", "--format", "json")
    total = json.loads(after.stdout)["total"]["revenue"]["now"]
    assert total == json.loads(before.stdout)["total"]["revenue"]["now"] + 1_000_000


def test_every_kept_report_comes_back_from_the_index_whole(sample: Path) -> None:
    """What each report keeps is written to the index and read back as it was, messages
    of every kind included (a value the index cannot read back would be built anew on every
    run, silently: the matrix's tier factors once were)."""
    import datetime as dt

    from kadev.library import DataRoot
    from kadev.library import reports as r
    from kadev.library.due import due_list
    from kadev.store.index import decode, encode
    from kadev.store.loader import load_settings

    lib = DataRoot(sample, load_settings(sample), dt.date(2026, 11, 20))
    period = ("2025-11", "2026-10")
    built = {
        "funnel": r._funnel_data(lib, None, period),
        "matrix": r._matrix_view(lib, None, explain=True),
        "performance": r._performance_data(lib, period, ("2024-11", "2025-10")),
        "account list": r._account_rows(lib, {}),
        "due": list(due_list(lib, "chen", 7, None, True, None)),
    }
    for name, value in built.items():
        back = decode(encode(value))
        assert back == value, name
        assert json.dumps(back, default=str, ensure_ascii=False) == \
            json.dumps(value, default=str, ensure_ascii=False), name
