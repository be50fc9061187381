"""`kadev export`: typed tables read back by DuckDB, pyarrow and sqlite3, their row counts
matching the folder's files, and contacts' personal data only with --personal."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import yaml

from tests.conftest import Run


def _counts(root: Path) -> dict[str, int]:
    cards = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(root.glob("*/account.yaml"))]
    ledger = 0
    for month in root.glob("_sales/*.csv"):
        with month.open(encoding="utf-8") as handle:
            ledger += sum(1 for _ in csv.DictReader(handle))
    return {"accounts": len(cards),
            "contacts": sum(len(c.get("contacts") or []) for c in cards),
            "deals": sum(len(c.get("opportunities") or []) for c in cards),
            "visits": len(list(root.glob("*/visits/*.yaml"))),
            "complaints": len(list(root.glob("*/complaints/*.yaml"))),
            "plans": len(list(root.glob("*/plans/*.yaml"))), "ledger": ledger}


def test_parquet_read_back_by_duckdb_matches_the_folder(run: Run, sample: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "tables"
    result = run("export", "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    for table, count in _counts(sample).items():
        found = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/{table}.parquet')")
        assert found.fetchall() == [(count,)], table
    schema = pq.read_schema(out / "ledger.parquet")
    assert str(schema.field("revenue").type).startswith("decimal")
    assert str(pq.read_schema(out / "visits.parquet").field("date").type) == "date32[day]"
    # the ledger's cents are exact: the same sum as the CSV files
    total = duckdb.sql(f"SELECT sum(revenue) FROM read_parquet('{out}/ledger.parquet')")
    expected = 0
    from decimal import Decimal

    for month in sample.glob("_sales/*.csv"):
        with month.open(encoding="utf-8") as handle:
            expected += sum(Decimal(r["revenue"]) for r in csv.DictReader(handle))
    assert total.fetchall()[0][0] == expected


@pytest.mark.parametrize("fmt", ["sqlite", "duckdb"])
def test_single_file_exports(run: Run, sample: Path, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"ka.{fmt}"
    for _ in range(2):  # a second export replaces the first
        assert run("export", "--format", fmt, "-o", str(path)).exit_code == 0
    counts = _counts(sample)
    if fmt == "sqlite":
        db = sqlite3.connect(path)
        found = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts}
        db.close()
    else:
        con = duckdb.connect(str(path), read_only=True)
        found = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                 for t in counts}
        con.close()
    assert found == counts


def test_personal_fields_only_with_personal(run: Run, sample: Path, tmp_path: Path) -> None:
    card = sample / "huaguang" / "account.yaml"
    data = yaml.safe_load(card.read_text("utf-8"))
    person = next(c for c in data["contacts"] if c.get("birthday") and c.get("personal"))
    notes = [str(v) for v in person["personal"].values() if len(str(v)) > 3]
    plain, full = tmp_path / "plain.sqlite", tmp_path / "full.sqlite"
    assert run("export", "--format", "sqlite", "-o", str(plain)).exit_code == 0
    assert run("export", "--format", "sqlite", "-o", str(full), "--personal").exit_code == 0
    db = sqlite3.connect(plain)
    names = [r[1] for r in db.execute("PRAGMA table_info(contacts)")]
    everything = repr([db.execute(f"SELECT * FROM {t}").fetchall()
                       for t in ("accounts", "contacts", "deals", "visits", "plans")])
    db.close()
    assert "birthday" not in names and "personal" not in names
    assert notes and not [n for n in notes if n in everything]
    db = sqlite3.connect(full)
    got = db.execute("SELECT birthday FROM contacts WHERE account='huaguang' AND name=?",
                     (person["name"],)).fetchone()
    db.close()
    assert got == (str(person["birthday"]),)
