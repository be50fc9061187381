"""A card's owner and lookup fields read from its text on a first run (as after a clone),
where the text says them plainly; anything else is parsed. What is read must be exactly what
parsing gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, invoke

from kadev.models import Account
from kadev.store.accounts import _card_index, card_index_in_text, owner_in_text
from kadev.store.loader import load_file

BASE = """name: 无锡华光汽车零部件有限公司
aliases:
- 无锡华光
- 华光
status: active
owner: chen
nature: end_user
industry: 汽车零部件
region: 华东
contacts:
- name: 张三
  title: 采购部长
"""


def test_every_sample_card_reads_the_same_as_parsed() -> None:
    for card in sorted(SAMPLE.glob("*/account.yaml")):
        text = card.read_text(encoding="utf-8")
        loaded = load_file(SAMPLE, f"{card.parent.name}/account.yaml", Account)
        assert loaded.record is not None
        quick = card_index_in_text(text)
        assert quick is not None, card  # kadev writes its cards plainly
        assert quick == _card_index(loaded.record)
        assert owner_in_text(text) == loaded.record.owner


def test_a_plain_card() -> None:
    found = card_index_in_text(BASE)
    assert found is not None
    assert (found.name, found.aliases, found.owner, found.short) == (
        "无锡华光汽车零部件有限公司", ("无锡华光", "华光"), "chen", "华光")
    quoted = BASE.replace("owner: chen", "owner: 'chen'  # 2026 起").replace(
        "region: 华东", 'region: "华东"')
    assert card_index_in_text(quoted) == found
    assert card_index_in_text(BASE.replace("status: active\n", "")).status == "prospect"  # type: ignore[union-attr]


@pytest.mark.parametrize("change", [
    ("name: 无锡华光汽车零部件有限公司", "name: 无锡华光汽车\n  零部件有限公司"),  # folded on
    ("aliases:\n- 无锡华光\n- 华光", "aliases: [无锡华光, 华光]"),  # a flow list
    ("status: active", "status: 活跃"),  # not as files spell it: the parser decides
    ("owner: chen", "owner: yes"),  # YAML reads a yes-no
    ("owner: chen", "owner: &who chen"),  # an anchor
    ("owner: chen", "owner: chen\nowner: li"),  # twice
    ("name: 无锡华光汽车零部件有限公司", "name: >\n  无锡华光"),  # a block scalar
    ("nature: end_user", "nature: 123"),
    ("- 华光", "- 华光\n  # 旧名\n  继续"),  # an item that goes on
    ("region: 华东", "region: 华东: 无锡"),
])
def test_anything_else_is_parsed(change: tuple[str, str]) -> None:
    old, new = change
    assert old in BASE
    assert card_index_in_text(BASE.replace(old, new)) is None


def test_owner_alone() -> None:
    assert owner_in_text(BASE) == "chen"
    assert owner_in_text(BASE.replace("owner: chen", "owner: chen # 组长")) == "chen"
    for odd in ("owner: null", "owner:\n  chen", "owner: *who", "x:\n  owner: chen",
                "owner : chen", "owner: 2026", "owner: chen\n  li"):  # (the last: "chen li")
        assert owner_in_text(BASE.replace("owner: chen", odd)) is None


def test_a_first_run_finds_and_lists_as_parsing_would(sample: Path) -> None:
    """A card folded over two lines is parsed and found by its whole name; a rep's list
    on a first run is the list of a run with the cards all parsed."""
    card = sample / "huaguang" / "account.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("name: 无锡华光汽车零部件有限公司",
                                 "name: 无锡华光汽车零部件\n  有限公司"), encoding="utf-8")
    shown = invoke(sample, "brief", "无锡华光汽车零部件 有限公司", "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    first = invoke(sample, "due", "--owner", "chen", "--format", "json")
    assert first.exit_code == 0
    # every card parsed (the index built by validate, which parses all), then the same list
    import shutil

    shutil.rmtree(sample / ".kadev-cache")
    assert invoke(sample, "validate").exit_code in (0, 1)
    again = invoke(sample, "due", "--owner", "chen", "--format", "json")
    assert again.stdout == first.stdout


def test_a_broken_card_of_the_rep_is_said_not_fatal(sample: Path) -> None:
    card = sample / "huaguang" / "account.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("reviewed: 2026-11-19",
                                                             "reviewed: 2026-13-45"),
                    encoding="utf-8")
    result = invoke(sample, "due", "--owner", "chen")
    assert result.exit_code == 0, result.stderr
    assert "huaguang" in result.stderr and "account.yaml" in result.stderr


@pytest.mark.parametrize("args", [("funnel", "--format", "json"),
                                  ("account", "list", "--format", "json"),
                                  ("matrix", "--format", "json"),
                                  ("brief", "华光", "--format", "json"),
                                  ("due", "--team", "--format", "json"),
                                  ("due", "--team", "--missed", "--format", "json")])
def test_files_read_on_every_core_give_what_one_process_gives(
        args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first run reads the cards and the funnel's visits on every core when there are many;
    with the threshold lowered to one file, the sample's first run gives the same output as
    one process reading them."""
    import shutil

    from kadev.store import parallel

    one, many = tmp_path / "one", tmp_path / "many"
    shutil.copytree(SAMPLE, one)
    shutil.copytree(SAMPLE, many)
    alone = invoke(one, *args)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    shared = invoke(many, *args)
    assert alone.exit_code == shared.exit_code == 0, shared.stderr
    assert shared.stdout == alone.stdout


def test_a_visit_without_changes_is_known_from_its_text() -> None:
    """The funnel reads a visit's deal changes; a visit whose text plainly has no `changes`
    key is not parsed. Every sample visit: the text's verdict agrees with parsing, and the
    visits that record changes are all parsed."""
    from kadev.models import Visit
    from kadev.store.plaintext import changes_none_in_text

    with_changes = 0
    for visit in sorted(SAMPLE.glob("*/visits/*.yaml")):
        rel = str(visit.relative_to(SAMPLE))
        loaded = load_file(SAMPLE, rel, Visit)
        assert loaded.record is not None
        if changes_none_in_text(visit.read_text(encoding="utf-8")):
            assert loaded.record.changes == [], rel
        else:
            with_changes += 1
            assert loaded.record.changes, rel  # kadev writes visits plainly
    assert with_changes > 0


@pytest.mark.parametrize("text", [
    "date: 2026-11-01\nmethod: phone\npoints: x\nchanges:\n- opportunity: a\n  field: stage\n",
    "{date: 2026-11-01, method: phone, points: x, changes: []}\n",
    '"changes": []\ndate: 2026-11-01\n',
    "---\ndate: 2026-11-01\n",
    "date: 2026-11-01\npoints: |\n  a\nchanges: []\n",
])
def test_a_visit_that_may_record_changes_is_parsed(text: str) -> None:
    from kadev.store.plaintext import changes_none_in_text

    assert not changes_none_in_text(text)


def test_a_visits_date_and_method_read_from_its_text_are_as_parsed() -> None:
    """The due list reads a visit's date and method; where its text writes them plainly
    they are read from the text, and must be what parsing gives, on every sample visit."""
    from kadev.models import Visit
    from kadev.store.plaintext import stamp_in_text

    for visit in sorted(SAMPLE.glob("*/visits/*.yaml")):
        rel = str(visit.relative_to(SAMPLE))
        loaded = load_file(SAMPLE, rel, Visit)
        assert loaded.record is not None
        quick = stamp_in_text(visit.read_text(encoding="utf-8"))
        assert quick == (loaded.record.date, loaded.record.method.value), rel


@pytest.mark.parametrize("text", [
    "date: '2026-11-01'\nmethod: phone\n",  # quoted: parsed
    "date: 2026-11-01\ndate: 2026-11-02\nmethod: phone\n",  # twice: refused when parsed
    "date: 2026-11-01\n  more\nmethod: phone\n",  # goes on below
    "date: 2026-13-01\nmethod: phone\n",  # not a day
    "date: 2026-11-01\nmethod: telegram\n",  # not a method
    "date: 2026-11-01\nmethod: phone\n<<<<<<< HEAD\n",  # a merge conflict
    "{date: 2026-11-01, method: phone}\n",
    "method: phone\npoints: 'x\n\ndate: 2026-11-01'\n",  # a date inside a quoted value
])
def test_a_visit_not_plain_about_its_date_or_method_is_parsed(text: str) -> None:
    from kadev.store.plaintext import stamp_in_text

    assert stamp_in_text(text) is None
