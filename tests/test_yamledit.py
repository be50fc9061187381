"""In-place edits keep every other byte: comments, order, quoting, layout."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from kadev.errors import WriteRefused
from kadev.store.yamledit import append_item, set_value

TEXT = """\
# card kept by hand
name: 华光  # legal name
grade:
opportunities:
  - name: 注塑机
    stage: proposal   # since May
    value: 100
contacts:
- name: 王
  personal:
    family: x
reviewed: 2026-01-01
empty: []
"""


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    import difflib

    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [(d[0], d[2:]) for d in diff if d[0] in "+-"]


def test_set_existing_scalar_keeps_comment() -> None:
    after = set_value(TEXT, ["opportunities", 0, "stage"], "tender")
    assert changed_lines(TEXT, after) == [("-", "    stage: proposal   # since May"),
                                          ("+", "    stage: tender   # since May")]


def test_set_empty_value_and_date() -> None:
    after = set_value(set_value(TEXT, ["grade"], "B"), ["reviewed"], dt.date(2026, 11, 22))
    assert yaml.safe_load(after)["grade"] == "B"
    assert len(changed_lines(TEXT, after)) == 4


def test_add_missing_key_to_a_list_item() -> None:
    after = set_value(TEXT, ["opportunities", 0, "grade"], "A")
    assert changed_lines(TEXT, after) == [("+", "    grade: A")]
    assert yaml.safe_load(after)["opportunities"][0] == {"name": "注塑机", "stage": "proposal",
                                                         "value": 100, "grade": "A"}


def test_append_to_lists() -> None:
    after = append_item(TEXT, ["contacts"], {"name": "李", "layer": "decision"})
    assert changed_lines(TEXT, after) == [("+", "- name: 李"), ("+", "  layer: decision")]
    after = append_item(after, ["empty"], "x")
    after = append_item(after, ["missing"], {"a": 1})
    data = yaml.safe_load(after)
    assert data["empty"] == ["x"] and data["missing"] == [{"a": 1}]
    assert data["contacts"][1] == {"name": "李", "layer": "decision"}


def test_strings_that_need_quoting_stay_strings() -> None:
    for value in ("yes", "12:30", "2026-01-01", "a: b", "# not a comment", "多行\n文本"):
        after = set_value(TEXT, ["name"], value)
        assert yaml.safe_load(after)["name"] == value


def test_flow_mapping_is_refused() -> None:
    with pytest.raises(WriteRefused):
        set_value("profile: {phone: '1'}\n", ["profile", "bank"], "x")


def test_a_repeated_object_is_written_twice_not_as_an_alias() -> None:
    from kadev.store.yamlio import dump, parse

    day = dt.date(2026, 11, 20)
    text = dump({"date": day, "steps": [{"date": day}], "ours": ["chen"], "theirs": ["chen"]})
    assert "&" not in text and "*" not in text
    data, problem = parse(text, "x.yaml")
    assert problem is None and data["steps"][0]["date"] == day


def test_remove_keys_keeps_every_other_line_and_comment() -> None:
    import yaml

    from kadev.store.yamledit import remove_keys

    text = ("name: X  # the name\ncontacts:\n  - birthday: '04-01'\n    personal:\n"
            "      family: |\n        two kids\n    name: 李\n  - name: 袁婷\n"
            "    birthday: 03-14\n    # a comment kept\n    itinerary:\n"
            "      - {from: 2026-01-01, to: 2026-01-02, place: 上海}\n    title: 总经理\n")
    out = remove_keys(text, [["contacts", 0, "birthday"], ["contacts", 0, "personal"],
                             ["contacts", 1, "birthday"], ["contacts", 1, "itinerary"]])
    assert yaml.safe_load(out) == {"name": "X", "contacts": [
        {"name": "李"}, {"name": "袁婷", "title": "总经理"}]}
    assert "# the name" in out and "# a comment kept" in out
    assert out.count("\n") == text.count("\n") - 7
