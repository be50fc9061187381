"""ABC classification: properties, the published textbook table, hand-computed examples."""

from __future__ import annotations

import csv
import json
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kadev.analysis.abc import AbcError, abc_classes
from tests.conftest import invoke

amounts_strategy = st.dictionaries(
    st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True),
    st.integers(min_value=-10_000, max_value=10_000_000), min_size=1, max_size=60,
).filter(lambda d: sum(d.values()) > 0)


@given(amounts_strategy)
def test_classes_never_improve_as_rank_worsens(amounts: dict[str, int]) -> None:
    rows = abc_classes(amounts).rows
    assert [r.abc_class for r in rows] == sorted(r.abc_class for r in rows)


@given(amounts_strategy)
def test_a_is_the_smallest_prefix_within_the_a_boundary(amounts: dict[str, int]) -> None:
    rows = abc_classes(amounts, (55, 30)).rows
    a_rows = [r for r in rows if r.abc_class == "A"]
    assert all(r.cumulative_share <= Fraction(55, 100) for r in a_rows)
    if len(a_rows) < len(rows):
        following = rows[len(a_rows)]
        assert following.cumulative_share > Fraction(55, 100) or following.amount <= 0


@given(amounts_strategy)
def test_shares_sum_to_one(amounts: dict[str, int]) -> None:
    result = abc_classes(amounts)
    assert sum(r.share for r in result.rows if r.amount > 0) == 1
    if all(v >= 0 for v in amounts.values()):
        assert sum(r.share for r in result.rows) == 1
        assert sum(s.share for s in result.classes.values()) == 1
    assert result.rows[-1].cumulative_share == 1


@given(amounts_strategy, st.randoms())
@settings(max_examples=50)
def test_result_does_not_depend_on_input_order(amounts: dict[str, int],
                                               rnd: random.Random) -> None:
    items = list(amounts.items())
    rnd.shuffle(items)
    assert abc_classes(dict(items)).rows == abc_classes(amounts).rows


@given(amounts_strategy)
def test_thresholds_100_0_put_every_positive_account_in_a(amounts: dict[str, int]) -> None:
    rows = abc_classes(amounts, (100, 0)).rows
    assert all(r.abc_class == ("A" if r.amount > 0 else "C") for r in rows)


def test_boundary_account_falls_in_the_class_below() -> None:
    # a 50% (A); c 70% crosses 55 → B; b 85% exactly → B (tie with d, b first by id);
    # d 100% → C
    result = abc_classes({"a": 50, "b": 15, "c": 20, "d": 15}, (55, 30))
    assert [(r.account, r.abc_class) for r in result.rows] == [
        ("a", "A"), ("c", "B"), ("b", "B"), ("d", "C")]


def test_account_exactly_at_55_percent_is_a() -> None:
    result = abc_classes({"a": 55, "b": 30, "c": 15})
    assert [r.abc_class for r in result.rows] == ["A", "B", "C"]
    assert result.rows[0].cumulative_share == Fraction(55, 100)


def test_exact_arithmetic_where_floats_would_flip_a_class() -> None:
    # 0.1 + 0.2 style: with floats 0.55 may come out as 0.5500000000000002
    amounts = {f"x{i}": 11 for i in range(5)} | {"y": 45}
    result = abc_classes(amounts, (Decimal("55"), Decimal("30")))
    cumulative = {r.account: r.cumulative_share for r in result.rows}
    assert cumulative["x0"] == Fraction(56, 100)  # y (45) then x0 → 56%: B
    assert result.class_of("y") == "A" and result.class_of("x0") == "B"


def test_ties_are_ordered_by_id() -> None:
    result = abc_classes({"b": 10, "a": 10, "c": 10})
    assert [r.account for r in result.rows] == ["a", "b", "c"]


def test_zero_and_negative_amounts_are_c_and_listed() -> None:
    result = abc_classes({"a": 100, "z": 0, "n": -20})
    assert [(r.account, r.abc_class) for r in result.rows][-2:] == [("z", "C"), ("n", "C")]
    assert "2 account(s) with zero or negative amounts are class C" in result.notes


def test_a_single_dominant_account_leaves_a_empty_and_says_so() -> None:
    result = abc_classes({"big": 90, "small": 10})
    assert result.classes["A"].accounts == 0
    assert str(result.notes[0]).startswith("class A is empty: the largest account, big, alone "
                                      "brings 90.00%")


def test_total_not_positive_is_an_error() -> None:
    with pytest.raises(AbcError, match="positive total"):
        abc_classes({"a": 0, "b": -5})


# the published table (shared/examples/), copied so a clone alone runs the tests
TEXTBOOK = Path(__file__).parent / "data" / "abc_textbook_55_30_15.csv"


def test_published_textbook_table_through_import_and_cli(tmp_path: Path) -> None:
    rows = list(csv.DictReader(TEXTBOOK.open(encoding="utf-8")))
    root = tmp_path / "textbook"
    assert invoke(None, "init", str(root), "--no-git").exit_code == 0
    for row in rows:
        result = invoke(root, "account", "add", row["customer"], "--owner", "zhang",
                        "--nature", "dealer")
        assert result.exit_code == 0, result.stderr
    imported = invoke(root, "sales", "import", str(TEXTBOOK), "--account-col", "customer",
                      "--amount-col", "revenue", "--period", "2026-10")
    assert imported.exit_code == 0, imported.stderr
    result = invoke(root, "abc", "--from", "2026-10", "--to", "2026-10", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    got = {a["name"]: a for a in data["accounts"]}
    for row in rows:
        mine = got[row["customer"]]
        assert mine["class"] == row["class"], row
        assert round(mine["cumulative_share"] * 100, 2) == float(
            row["published_cumulative_share_pct"]), row
        assert mine["amount"] == int(row["revenue"])
    assert data["classes"]["A"]["accounts"] == 12 and data["classes"]["B"]["accounts"] == 15
    assert data["period"] == {"from": "2026-10", "to": "2026-10"} and data["by"] == "revenue"
    assert data["thresholds"] == [55, 30]
    assert abs(sum(a["share"] for a in data["accounts"]) - 1) < 1e-9


def test_abc_on_the_sample_json_shape_and_compare(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("abc", "--compare", "--format", "json").stdout)
    assert data["period"] == {"from": "2025-11", "to": "2026-10"}  # the ledger's last month
    assert set(data) >= {"period", "by", "thresholds", "accounts", "classes", "top20_share"}
    assert set(data["accounts"][0]) == {"rank", "account", "name", "amount", "share",
                                        "cumulative_share", "class"}
    assert len(data["accounts"]) == 40
    assert data["accounts"][0]["account"] == "huaguang"
    assert data["compare"]["period"] == {"from": "2024-11", "to": "2025-10"}
    moves = data["compare"]["accounts"]
    left_a = [m for m in moves if m["left_a"]]
    assert moves[: len(left_a)] == left_a


def test_abc_table_chart_and_filters(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    png, svg = tmp_path / "abc.png", tmp_path / "abc.svg"
    table = run("abc", "--owner", "zhang", "--chart", str(png))
    assert table.exit_code == 0, table.stderr
    assert "80/20 check" in table.stdout and "A|B 55%" in table.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert run("abc", "--chart", str(svg), "--format", "csv").exit_code == 0
    assert b"<svg" in svg.read_bytes()[:500]
    zhang = json.loads(run("abc", "--owner", "zhang", "--format", "json").stdout)
    owners = json.loads(run("account", "list", "--owner", "zhang", "--format", "json").stdout)
    assert {a["account"] for a in zhang["accounts"]} == {o["account"] for o in owners}


def test_abc_bad_options_are_one_line_errors(run) -> None:  # type: ignore[no-untyped-def]
    for args, message in [(("--thresholds", "80"), "--thresholds '80'"),
                          (("--from", "2026-13"), "--from '2026-13'"),
                          (("--from", "2026-11", "--to", "2026-01"), "is after --to"),
                          (("--by", "margin"), "--by 'margin'"),
                          (("--chart", "x.pdf"), "must end in .png or .svg"),
                          (("--from", "2010-01", "--to", "2010-12"), "positive total")]:
        result = run("abc", *args)
        # a bad option is a usage error (2); a period with no positive total is bad data (1)
        assert result.exit_code == (1 if message == "positive total" else 2), args
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
