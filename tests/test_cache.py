"""The validate cache: a warm run equals a cold one after any edits; corrupt caches rebuild."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kadev.store import cache, index
from kadev.store.dataset import _kept, validate_root
from kadev.store.index import Index
from tests.conftest import invoke, write_tree

BASE = {
    "kadev.yaml": "team: [zhang]\n",
    "a/account.yaml": "name: 甲\nowner: zhang\nnature: dealer\ncontacts:\n  - name: 王\n",
    "a/visits/2026-11-01-aaaaaa.yaml": "date: 2026-11-01\nmethod: phone\nours: [zhang]\n"
                                       "theirs: [王]\n",
    "a/complaints/2026-11-02-bbbbbb.yaml": "date: 2026-11-02\nwhat: 漏油\n",
    "b/account.yaml": "name: 乙\nowner: zhang\nnature: dealer\n",
    "_sales/2026-10.csv": "account,revenue\na,100\nb,200\n",
}
VARIANTS = [
    ("a/visits/2026-11-01-aaaaaa.yaml", "date: 2026-11-01\nmethod: phone\nours: [zhang]\n"
                                        "theirs: [李]\n"),               # unknown contact
    ("a/visits/2026-11-01-aaaaaa.yaml", "date: 2026-11-01\nmethod: fax\nours: [zhang]\n"),
    ("a/account.yaml", "name: 甲\nowner: zhang\nnature: dealer\ncontacts:\n  - name: 李\n"),
    ("b/account.yaml", "name: 乙\nowner: li\nnature: dealer\n"),         # not in team
    ("b/account.yaml", "name: 乙\nowner: zhang\nnature: dealer\nowner: x\n"),  # duplicate
    ("_sales/2026-10.csv", "account,revenue\na,100\nc,5\n"),              # unknown account
    ("a/complaints/2026-11-02-bbbbbb.yaml", "date: 2026-11-02\nwhat: 漏油\n"
                                            "resolved: 2026-11-01\n"),
]
operations = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.integers(0, len(VARIANTS) - 1)),
    st.tuples(st.just("delete"), st.sampled_from(sorted(BASE)[1:])),
    st.tuples(st.just("rename"), st.just("a/visits/2026-11-01-aaaaaa.yaml")),
    st.tuples(st.just("restore"), st.sampled_from(sorted(BASE))),
), min_size=1, max_size=6)
clock = itertools.count(1)


def _age(path: Path) -> None:
    """Give a file a unique timestamp in the past, so the cache may keep its entry."""
    stamp = 1_700_000_000 + next(clock)
    os.utime(path, (stamp, stamp))


def _validate(root: Path, use_cache: bool) -> tuple[int, str, str]:
    result = invoke(root, "validate", *([] if use_cache else ["--no-cache"]))
    return result.exit_code, result.stdout, result.stderr


def _assert_warm_equals_fresh(root: Path, ops: object) -> None:
    fresh = _validate(root, False)
    for _ in range(2):  # the second run is served from the saved verdict
        assert _validate(root, True) == fresh, ops


def _apply(root: Path, op: str, arg: object) -> None:
    if op == "edit":
        assert isinstance(arg, int)
        rel, text = VARIANTS[arg]
        write_tree(root, {rel: text})
        _age(root / rel)
    elif op == "delete":
        (root / str(arg)).unlink(missing_ok=True)
    elif op == "rename" and (root / str(arg)).exists():
        shutil.move(root / str(arg), root / "a/visits/2026-11-03-cccccc.yaml")
    elif op == "restore":
        write_tree(root, {str(arg): BASE[str(arg)]})
        _age(root / str(arg))


@given(operations)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_validate_verdict_from_the_cache_equals_a_fresh_one(tmp_path_factory, ops) -> None:  # type: ignore[no-untyped-def]
    """`validate` answers from its last verdict when nothing changed: after any edits,
    deletions and renames its output is exactly that of `validate --no-cache`."""
    root = write_tree(tmp_path_factory.mktemp("v") / "r", BASE)
    for path in root.rglob("*"):
        if path.is_file():
            _age(path)
    for op, arg in [("edit", -1), *ops]:
        if op != "edit" or arg != -1:
            _apply(root, op, arg)
        _assert_warm_equals_fresh(root, ops)
    assert _kept(root, "state")  # what the verdict was made of was kept


git_operations = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.integers(0, len(VARIANTS) - 1)),
    st.tuples(st.just("delete"), st.sampled_from(sorted(BASE)[1:])),
    st.tuples(st.just("rename"), st.just("a/visits/2026-11-01-aaaaaa.yaml")),
    st.tuples(st.just("restore"), st.sampled_from(sorted(BASE))),
    st.tuples(st.just("new-folder"), st.sampled_from(["c", "d"])),
    st.tuples(st.just("git"), st.sampled_from(["commit", "stage", "reset", "amend"])),
), min_size=1, max_size=8)


@given(git_operations)
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_validate_in_git_equals_a_fresh_one(tmp_path_factory, ops) -> None:  # type: ignore[no-untyped-def]
    """In a git work tree `validate` learns what changed from git (status against the commit,
    and the commits between two runs): after edits, new folders, staging, commits, amends and
    resets its output is exactly that of `validate --no-cache`."""
    from tests.conftest import git

    root = write_tree(tmp_path_factory.mktemp("g") / "r", {**BASE,
                                                           ".gitignore": ".kadev-cache/\n"})
    for path in root.rglob("*"):
        if path.is_file():
            _age(path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    assert invoke(root, "validate").exit_code == 0
    for op, arg in ops:
        if op == "new-folder":
            write_tree(root, {f"{arg}/account.yaml": f"name: {arg}\nowner: zhang\n"
                                                     "nature: dealer\n"})
            _age(root / str(arg) / "account.yaml")
        elif op == "git":
            args = {"commit": ["commit", "-qam", "c", "--allow-empty"],
                    "stage": ["add", "-A"], "reset": ["reset", "-q", "--hard", "HEAD~1"],
                    "amend": ["commit", "-qa", "--amend", "--allow-empty", "-m", "amended"]}
            if arg != "reset" or git(root, "rev-list", "--count", "HEAD").strip() != "1":
                git(root, *args[str(arg)])
        else:
            _apply(root, op, arg)
        _assert_warm_equals_fresh(root, ops)
    assert _kept(root, "verdict")  # the verdict was kept


@given(operations)
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_per_file_cache_equals_a_cold_parse_after_random_changes(tmp_path_factory, ops) -> None:  # type: ignore[no-untyped-def]
    """Without the verdict and the folders' parts of it, `validate` rebuilds everything from
    the per-file cache: still exactly what `validate --no-cache` prints."""
    root = write_tree(tmp_path_factory.mktemp("c") / "r", BASE)
    for path in root.rglob("*"):
        if path.is_file():
            _age(path)
    assert _validate(root, True) == _validate(root, False)
    for op, arg in ops:
        _apply(root, op, arg)
        index = Index.of(root)
        assert index is not None
        index.write("validate-run", {}, ["state", "verdict"])
        assert _validate(root, True) == _validate(root, False), ops


def test_corrupt_or_foreign_index_is_rebuilt_silently(tmp_path: Path) -> None:
    import sqlite3

    root = write_tree(tmp_path / "r", BASE)
    for path in root.rglob("*"):
        if path.is_file():
            _age(path)
    assert invoke(root, "validate").exit_code == 0
    db = root / ".kadev-cache" / "index.sqlite3"
    assert db.exists()
    db.write_bytes(b"not a database" * 100)
    again = invoke(root, "validate")
    assert again.exit_code == 0 and again.stderr == ""
    assert _kept(root, "state")  # rebuilt
    with sqlite3.connect(db) as con:  # another version's index
        con.execute("UPDATE meta SET value = 'other' WHERE name = 'version'")
    index._OPEN.clear()  # (each command is a new process; here they share one)
    assert invoke(root, "validate").exit_code == 0
    assert _kept(root, "state")
    with sqlite3.connect(db) as con:  # a foreign table layout
        con.execute("DROP TABLE entries")
        con.execute("CREATE TABLE entries (x)")
    index._OPEN.clear()
    assert invoke(root, "validate").exit_code == 0
    assert _kept(root, "state")


def test_nothing_read_from_the_cache_folder_is_run(tmp_path: Path) -> None:
    """A pickle planted in .kadev-cache/ is never loaded, and a row of the index that names
    anything but kadev's data classes counts as corrupt: nothing in it runs."""
    import pickle
    import sqlite3

    root = write_tree(tmp_path / "r", BASE)
    for path in root.rglob("*"):
        if path.is_file():
            _age(path)
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    assert invoke(root, "validate").exit_code == 0
    folder = root / ".kadev-cache"
    for name in ("cards.v4.pickle", "validate-00.en.v4.pickle", "ledger-view.v5.pickle"):
        (folder / name).write_bytes(pickle.dumps({"schema": 4, "entries": Evil()}))
    with sqlite3.connect(folder / "index.sqlite3") as con:
        con.execute("UPDATE entries SET value = ?", ('{"r":["os:system",["touch ' + str(marker)
                                                      + '"]]}',))
    index._OPEN.clear()
    for args in (("validate",), ("due",), ("account", "list"), ("abc",)):
        invoke(root, *args)
    assert not marker.exists()
    assert invoke(root, "validate").exit_code == 0


def test_a_same_size_edit_with_its_mtime_restored_is_seen(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "r", BASE)
    for path in root.rglob("*"):
        if path.is_file():
            _age(path)
    assert invoke(root, "validate").exit_code == 0
    card = root / "b" / "account.yaml"
    before = card.stat()
    card.write_text(card.read_text("utf-8").replace("owner: zhang", "owner: zhanx"), "utf-8")
    os.utime(card, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert card.stat().st_size == before.st_size
    again = invoke(root, "validate")
    assert again.exit_code == 1 and "zhanx" in again.stdout


def test_a_second_language_reads_the_index_without_parsing_again(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "r", {**BASE, "b/account.yaml":
                                       "name: 乙\nowner: zhang\nnature: dealer\nbad_key: 1\n"})
    for path in root.rglob("*"):
        if path.is_file():
            _age(path)
    english = invoke(root, "validate")
    assert "unknown key 'bad_key'" in english.stdout
    Index.of(root).write("validate-run", {}, ["state", "verdict"])  # type: ignore[union-attr]
    from kadev.store import dataset

    parsed = []
    original = dataset._parse_all
    dataset._parse_all = lambda *a: parsed.append(a) or original(*a)  # type: ignore[assignment]
    try:
        chinese = invoke(root, "--lang", "zh", "validate")
    finally:
        dataset._parse_all = original  # type: ignore[assignment]
    assert "未知的键 'bad_key'" in chinese.stdout
    assert all(not todo for _, todo, _ in parsed)  # every file came from the index


def test_problems_keep_their_lines_when_served_from_the_cache(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "r", {**BASE, "b/account.yaml":
                                       "name: 乙\nowner: zhang\nnature: dealer\nowner: x\n"})
    for path in root.rglob("*"):
        if path.is_file():
            _age(path)
    cold = invoke(root, "validate")
    for path in (root / ".kadev-cache").glob("validate-state.*"):
        path.unlink()  # its folders' parts gone: only the per-file cache is left
    warm = validate_root(root, lambda folder, settings: [], lambda cards: [])
    assert warm.parsed == 0
    assert cold.stdout.splitlines() == [str(p) for p in warm.problems]
    assert "b/account.yaml:4:1: duplicate key 'owner'" in cold.stdout


def test_a_shared_alias_is_a_problem(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "r", {
        "kadev.yaml": "",
        "a/account.yaml": "name: 甲\naliases: [华光]\nowner: z\nnature: dealer\n",
        "b/account.yaml": "name: 乙\naliases: [x, 华光]\nowner: z\nnature: dealer\n",
    })
    lines = invoke(root, "validate").stdout.splitlines()
    assert lines == ["a/account.yaml:2:11: alias '华光' also names b; an alias must name one "
                     "account",
                     "b/account.yaml:2:14: alias '华光' also names a; an alias must name one "
                     "account"]


DERIVED_COMMANDS = [("due", "--format", "json"), ("due", "--owner", "zhang", "--format", "json"),
                    ("brief", "huaguang", "--format", "json"),
                    ("brief", "baichuan", "--format", "json"),
                    ("account", "list", "--format", "json")]
derived_ops = st.lists(st.tuples(st.sampled_from(["owner", "review", "ledger", "resolve"]),
                                 st.integers(0, 39)), min_size=1, max_size=4)


def _edit_sample(root: Path, op: str, n: int) -> None:
    import re

    if op in ("owner", "review"):
        path = sorted(root.glob("*/account.yaml"))[n]
        old = path.read_text(encoding="utf-8")
        new = (re.sub(r"^owner: .*$", "owner: zhang" if "owner: zhang" not in old
                      else "owner: li", old, flags=re.M) if op == "owner"
               else re.sub(r"^reviewed: .*$", "reviewed: 2026-11-19", old, flags=re.M))
    elif op == "ledger":
        path = sorted((root / "_sales").glob("*.csv"))[-1 - n % 14]
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        cells = lines[1 + n % (len(lines) - 1)].split(",")
        cells[1] = str(int(float(cells[1]) * 3 + 1))
        lines[1 + n % (len(lines) - 1)] = ",".join(cells)
        new = "".join(lines)
    else:
        complaints = sorted(root.glob("*/complaints/*.yaml"))
        path = complaints[n % len(complaints)]
        new = path.read_text(encoding="utf-8")
        if "resolved:" not in new:
            new += "resolved: 2026-11-19\n"
    path.write_text(new, encoding="utf-8")
    _age(path)


def _outputs(root: Path) -> list[str]:
    outs = []
    for command in DERIVED_COMMANDS:
        result = invoke(root, *command)
        assert result.exit_code == 0, result.stderr
        outs.append(result.stdout)
    return outs


@given(derived_ops)
@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_due_brief_and_list_from_their_caches_equal_a_cold_run(tmp_path_factory, ops) -> None:  # type: ignore[no-untyped-def]
    """The derived caches (every card's due fields, the ledger view, per-account folders)
    never serve a stale owner, review date, complaint or ledger figure."""
    from kadev.store import index, records
    from tests.conftest import SAMPLE

    root = tmp_path_factory.mktemp("derived") / "data"
    shutil.copytree(SAMPLE, root)
    _outputs(root)  # fill every cache
    for op, n in ops:
        _edit_sample(root, op, n)
    warm = _outputs(root)
    shutil.rmtree(root / ".kadev-cache")
    cache._MEMO.clear()
    records._FOLDER_CACHES.clear()
    index._OPEN.clear()
    assert _outputs(root) == warm


def test_validate_sees_edits_to_files_git_ignores(tmp_path: Path) -> None:
    """A data root inside a repository that ignores it: git lists none of its changes, so
    validate must not answer from git (it walks every folder instead)."""
    from tests.conftest import git

    write_tree(tmp_path, {".gitignore": "data/\n", "README": "outer\n"})
    root = write_tree(tmp_path / "data", BASE)
    for path in root.rglob("*"):
        _age(path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "outer")
    assert invoke(root, "validate").exit_code == 0
    assert invoke(root, "validate").exit_code == 0
    rel, text = VARIANTS[1]  # method: fax
    write_tree(root, {rel: text})
    _age(root / rel)
    again = invoke(root, "validate")
    assert again.exit_code == 1 and "fax" in again.stdout
