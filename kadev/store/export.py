"""The data root as typed tables for BI (DuckDB, Spark, a warehouse): accounts, contacts,
deals, visits, complaints, plans and the ledger, one row per record, with stable column names.
Contacts' personal fields are left out unless asked for.

Written as SQLite (standard library), Parquet (one file per table, with pyarrow) or DuckDB
(with duckdb); the last two are optional packages (`pip install 'kadev[export]'`). Records are
read through the derived index, so a second export after a few edits parses only those.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from kadev.models import Account

# table: [(column, type)] — the contract analysts query; types as SQL names
TABLES: dict[str, list[tuple[str, str]]] = {
    "accounts": [("account", "TEXT"), ("name", "TEXT"), ("short_name", "TEXT"),
                 ("status", "TEXT"), ("owner", "TEXT"), ("nature", "TEXT"),
                 ("industry", "TEXT"), ("region", "TEXT"), ("tier", "INTEGER"),
                 ("reviewed", "DATE"), ("payment_terms", "TEXT"), ("credit_limit", "DECIMAL"),
                 ("aliases", "TEXT")],
    "contacts": [("account", "TEXT"), ("name", "TEXT"), ("title", "TEXT"), ("layer", "TEXT"),
                 ("function", "TEXT"), ("attitude", "TEXT"), ("influence", "TEXT"),
                 ("key_person", "BOOLEAN"), ("node", "BOOLEAN"), ("phone", "TEXT"),
                 ("wechat", "TEXT"), ("email", "TEXT"), ("retired", "DATE")],
    "deals": [("account", "TEXT"), ("name", "TEXT"), ("product", "TEXT"), ("stage", "TEXT"),
              ("opened", "DATE"), ("expected_close", "DATE"), ("value", "DECIMAL"),
              ("grade", "TEXT"), ("result", "TEXT"), ("closed", "DATE"), ("reasons", "TEXT"),
              ("reason", "TEXT")],
    "visits": [("account", "TEXT"), ("id", "TEXT"), ("date", "DATE"), ("time", "TEXT"),
               ("method", "TEXT"), ("ours", "TEXT"), ("theirs", "TEXT"), ("points", "TEXT"),
               ("thoughts", "TEXT"), ("progress", "TEXT"), ("next_steps", "TEXT"),
               ("next_visit", "DATE")],
    "complaints": [("account", "TEXT"), ("id", "TEXT"), ("date", "DATE"), ("what", "TEXT"),
                   ("product", "TEXT"), ("severity", "TEXT"), ("escalated", "BOOLEAN"),
                   ("contact", "TEXT"), ("steps", "INTEGER"), ("result", "TEXT"),
                   ("resolved", "DATE")],
    "plans": [("account", "TEXT"), ("id", "TEXT"), ("date", "DATE"), ("time", "TEXT"),
              ("method", "TEXT"), ("ours", "TEXT"), ("theirs", "TEXT"), ("purpose", "TEXT"),
              ("visit", "TEXT"), ("cancelled", "DATE"), ("reason", "TEXT")],
    "ledger": [("month", "TEXT"), ("account", "TEXT"), ("product", "TEXT"),
               ("revenue", "DECIMAL"), ("profit", "DECIMAL"), ("quantity", "DECIMAL")],
}
PERSONAL_COLUMNS = [("birthday", "TEXT"), ("personal", "TEXT"), ("trips", "TEXT")]
FORMATS = ("sqlite", "parquet", "duckdb")


def _joined(values: list[str]) -> str:
    return "、".join(values)


def _value(value: Any) -> Any:
    return getattr(value, "value", value)  # an enumeration as the word files spell


def rows(root: Path, personal: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in `TABLES`' column order (and `PERSONAL_COLUMNS` for contacts
    with `personal`)."""
    from kadev.store.accounts import load_accounts, load_records, record_id
    from kadev.store.cache import FileCache

    out: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    files = {kind: FileCache(root, kind) for kind in ("visits", "complaints", "plans")}
    listing = FileCache(root, "listing")
    for account_id, card in load_accounts(root):
        out["accounts"].append(_account(account_id, card))
        out["contacts"] += [_contact(account_id, c, personal) for c in card.contacts]
        out["deals"] += [(account_id, d.name, d.product, _value(d.stage), d.opened,
                          d.expected_close, d.value, _value(d.grade), _value(d.result),
                          d.closed, _joined([_value(r) for r in d.reasons]), d.reason)
                         for d in card.opportunities]
        for kind, records in ((k, load_records(root, account_id, k, files[k], listing))
                              for k in files):
            out[kind] += [_record(kind, account_id, record_id(rel), r) for rel, r in records]
    for cache in (*files.values(), listing):
        cache.save(prune=True)
    out["ledger"] = list(_ledger(root))
    return out


def _account(account_id: str, card: Account) -> tuple[Any, ...]:
    credit = card.credit
    return (account_id, card.name, card.short, _value(card.status), card.owner,
            _value(card.nature), card.industry, card.region, card.tier, card.reviewed,
            credit.payment_terms if credit else None, credit.limit if credit else None,
            _joined(card.aliases))


def _contact(account_id: str, c: Any, personal: bool) -> tuple[Any, ...]:
    row = (account_id, c.name, c.title, _value(c.layer), _value(c.function),
           _value(c.attitude), _value(c.influence), c.key_person, c.node,
           c.phone, c.wechat, c.email, c.retired)
    if not personal:
        return row
    from kadev.models.base import to_data

    notes = "；".join(f"{k}: {v}" for k, v in to_data(c.personal).items()) if c.personal \
        else None
    trips = "；".join(f"{t.start}..{t.end} {t.place}" for t in c.itinerary)
    return (*row, c.birthday, notes or None, trips or None)


def _record(kind: str, account_id: str, rid: str, r: Any) -> tuple[Any, ...]:
    if kind == "visits":
        return (account_id, rid, r.date, r.time, _value(r.method), _joined(r.ours),
                _joined(r.theirs), r.points, r.thoughts, r.progress, r.next_steps,
                r.next_visit)
    if kind == "complaints":
        return (account_id, rid, r.date, r.what, r.product, _value(r.severity), r.escalated,
                r.contact, len(r.steps), r.result, r.resolved)
    return (account_id, rid, r.date, r.time, _value(r.method), _joined(r.ours),
            _joined(r.theirs), r.purpose, r.visit, r.cancelled, r.reason)


def _ledger(root: Path) -> Iterator[tuple[Any, ...]]:
    from kadev.errors import DataError
    from kadev.store import ledger

    for month in ledger.months(root):
        month_rows, problems = ledger.read_month(root, month)
        if problems:
            raise DataError(problems)
        for row in month_rows:
            yield (month, row.account, row.product or None, Decimal(row.revenue) / 100,
                   None if row.profit is None else Decimal(row.profit) / 100, row.quantity)


def columns(table: str, personal: bool) -> list[tuple[str, str]]:
    return TABLES[table] + (PERSONAL_COLUMNS if personal and table == "contacts" else [])


def write(tables: dict[str, list[tuple[Any, ...]]], fmt: str, output: Path,
          personal: bool) -> None:
    """Write the tables to `output` (a file for sqlite and duckdb, a folder for parquet),
    replacing what an earlier export wrote there, atomically for the single-file forms."""
    if fmt == "parquet":
        _parquet(tables, output, personal)
        return
    temp = output.with_name(f".{output.name}.tmp")
    temp.unlink(missing_ok=True)
    if fmt == "sqlite":
        _sqlite(tables, temp, personal)
    else:
        _duckdb(tables, temp, personal)
    temp.replace(output)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _sqlite(tables: dict[str, list[tuple[Any, ...]]], path: Path, personal: bool) -> None:
    import sqlite3

    sql_types = {"DECIMAL": "REAL", "DATE": "TEXT", "BOOLEAN": "INTEGER"}
    with sqlite3.connect(path) as db:
        for table, data in tables.items():
            cols = columns(table, personal)
            db.execute(f"CREATE TABLE {table} ("
                       + ", ".join(f"{c} {sql_types.get(t, t)}" for c, t in cols) + ")")
            db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})",
                           ([_plain(v) for v in row] for row in data))
    db.close()


def _arrow(table: str, data: list[tuple[Any, ...]], personal: bool) -> Any:
    import pyarrow as pa

    kinds = {"TEXT": pa.string(), "INTEGER": pa.int64(), "DATE": pa.date32(),
             "BOOLEAN": pa.bool_(), "DECIMAL": pa.decimal128(20, 4)}
    cols = columns(table, personal)
    schema = pa.schema([(name, kinds[kind]) for name, kind in cols])
    arrays = [pa.array([row[i] for row in data], type=schema.field(i).type)
              for i in range(len(cols))]
    return pa.Table.from_arrays(arrays, schema=schema)


def _parquet(tables: dict[str, list[tuple[Any, ...]]], folder: Path, personal: bool) -> None:
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for table, data in tables.items():
        temp = folder / f".{table}.parquet.tmp"
        pq.write_table(_arrow(table, data, personal), temp)
        temp.replace(folder / f"{table}.parquet")


def _duckdb(tables: dict[str, list[tuple[Any, ...]]], path: Path, personal: bool) -> None:
    import duckdb

    db = duckdb.connect(str(path))
    try:
        for table, data in tables.items():
            arrow = _arrow(table, data, personal)  # noqa: F841 (read by name below)
            db.execute(f"CREATE TABLE {table} AS SELECT * FROM arrow")
    finally:
        db.close()
