"""The data root as typed tables for BI (DuckDB, Spark, a warehouse): accounts, contacts,
deals, visits, complaints, plans and the ledger, one row per record, with stable column names.
Contacts' personal fields are left out unless asked for.

Written as SQLite (standard library), Parquet (one file per table, with pyarrow) or DuckDB
(with duckdb); the last two are optional packages (`pip install 'kadev[export]'`). Records are
read through the derived index, so a second export after a few edits parses only those.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
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


Tables = Iterator[tuple[str, Any]]  # (table, its rows: tuples, or the `Ledger`)


def tables(root: Path, personal: bool = False) -> Tables:
    """Every table and its rows, in `TABLES`' column order (and `PERSONAL_COLUMNS` for
    contacts with `personal`), one table at a time so that a writer holds one in memory."""
    from kadev.store.accounts import account_ids, load_accounts
    from kadev.store.cache import FileCache

    cards = load_accounts(root)
    if personal:  # where personal data is encrypted, as far as this machine's key opens it
        from kadev.store.personal import my_identity, reveal

        identity = my_identity()
        cards = [(account_id, reveal(root, account_id, card, identity))
                 for account_id, card in cards]
    yield "accounts", [_account(account_id, card) for account_id, card in cards]
    yield "contacts", [_contact(account_id, c, personal) for account_id, card in cards
                       for c in card.contacts]
    yield "deals", [(account_id, d.name, d.product, _value(d.stage), d.opened,
                     d.expected_close, d.value, _value(d.grade), _value(d.result), d.closed,
                     _joined([_value(r) for r in d.reasons]), d.reason)
                    for account_id, card in cards for d in card.opportunities]
    del cards
    # each record's row itself is kept in the index (plain text and numbers, dates as ISO
    # text), so a second export decodes small rows instead of building records
    listing = FileCache(root, "listing")
    for kind in ("visits", "complaints", "plans"):
        files = FileCache(root, f"export-{kind}")
        found = [row for account_id in account_ids(root)
                 for row in record_rows(root, account_id, kind, files, listing)]
        files.save(prune=True)
        del files
        yield kind, found
    listing.save(prune=True)
    yield "ledger", Ledger(root)


def record_rows(root: Path, account_id: str, kind: str, files: Any, listing: Any
                ) -> list[tuple[Any, ...]]:
    """The export rows of one account's visits, complaints or plans, from the index while
    their files are unchanged."""
    import os

    from kadev.models import Complaint, Plan, Visit
    from kadev.store.loader import load_or_raise, record_names

    model: Any = {"visits": Visit, "complaints": Complaint, "plans": Plan}[kind]

    found = []
    for name in record_names(root, account_id, kind, listing):
        rel = f"{account_id}/{kind}/{name}"

        def build(rel: str = rel, rid: str = name.removesuffix(".yaml")) -> list[Any]:
            record = load_or_raise(root, rel, model)
            row = _record(kind, account_id, rid, record)
            return [v.isoformat() if isinstance(v, dt.date) else v for v in row]

        found.append(tuple(files.get(rel, os.stat(root / rel), build)))
    return found


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


class Ledger:
    """The ledger as columns (amounts in cents): 1.4 million rows at 10,000 accounts over 36
    months, too many for a tuple and two Decimals each."""

    def __init__(self, root: Path) -> None:
        from kadev.errors import DataError
        from kadev.store import ledger

        self.month: list[str] = []
        self.account: list[str] = []
        self.product: list[str | None] = []
        self.revenue: list[int] = []
        self.profit: list[int | None] = []
        self.quantity: list[str | None] = []
        for month in ledger.months(root):
            month_rows, problems = ledger.read_month(root, month)
            if problems:
                raise DataError(problems)
            self.month += [month] * len(month_rows)
            for row in month_rows:
                self.account.append(row.account)
                self.product.append(row.product or None)
                self.revenue.append(row.revenue)
                self.profit.append(row.profit)
                self.quantity.append(None if row.quantity is None else str(row.quantity))

    def __len__(self) -> int:
        return len(self.month)

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """Rows for SQLite: amounts in yuan."""
        for i in range(len(self.month)):
            profit = self.profit[i]
            yield (self.month[i], self.account[i], self.product[i], self.revenue[i] / 100,
                   None if profit is None else profit / 100,
                   None if self.quantity[i] is None else float(self.quantity[i] or 0))


def columns(table: str, personal: bool) -> list[tuple[str, str]]:
    return TABLES[table] + (PERSONAL_COLUMNS if personal and table == "contacts" else [])


def write(tables: Tables, fmt: str, output: Path, personal: bool) -> dict[str, int]:
    """Write the tables to `output` (a file for sqlite and duckdb, a folder for parquet),
    replacing what an earlier export wrote there, atomically for the single-file forms;
    the number of rows of each table."""
    counts: dict[str, int] = {}

    def counted() -> Tables:
        for table, data in tables:
            counts[table] = len(data)
            yield table, data

    if fmt == "parquet":
        _parquet(counted(), output, personal)
        return counts
    temp = output.with_name(f".{output.name}.tmp")
    temp.unlink(missing_ok=True)
    if fmt == "sqlite":
        _sqlite(counted(), temp, personal)
    else:
        _duckdb(counted(), temp, personal)
    temp.replace(output)
    return counts


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _sqlite(tables: Tables, path: Path, personal: bool) -> None:
    import sqlite3

    sql_types = {"DECIMAL": "REAL", "DATE": "TEXT", "BOOLEAN": "INTEGER"}
    db = sqlite3.connect(path)
    try:
        with db:
            for table, data in tables:
                cols = columns(table, personal)
                db.execute(f"CREATE TABLE {table} ("
                           + ", ".join(f"{c} {sql_types.get(t, t)}" for c, t in cols) + ")")
                db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})",
                               data.rows() if isinstance(data, Ledger)
                               else ([_plain(v) for v in row] for row in data))
    finally:
        db.close()


def _cents(values: Sequence[int | None]) -> Any:
    """Amounts in cents as an Arrow decimal128(20, 2) column, exactly (the unscaled 128-bit
    integers built from the cents, no float or Decimal on the way)."""
    import numpy as np
    import pyarrow as pa

    missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    cents = np.fromiter((0 if v is None else v for v in values), dtype=np.int64,
                        count=len(values))
    words = np.empty(len(values) * 2, dtype=np.uint64)
    words[0::2] = cents.view(np.uint64)
    words[1::2] = np.where(cents < 0, np.uint64(2**64 - 1), np.uint64(0))
    validity = pa.array(~missing).buffers()[1] if missing.any() else None
    return pa.Array.from_buffers(pa.decimal128(20, 2), len(values),
                                 [validity, pa.py_buffer(words.tobytes())],
                                 null_count=int(missing.sum()))


def _arrow(table: str, data: Any, personal: bool) -> Any:
    import pyarrow as pa

    kinds = {"TEXT": pa.string(), "INTEGER": pa.int64(), "DATE": pa.date32(),
             "BOOLEAN": pa.bool_(), "DECIMAL": pa.decimal128(20, 2)}
    cols = columns(table, personal)
    schema = pa.schema([(name, kinds[kind]) for name, kind in cols])
    if isinstance(data, Ledger):
        arrays = [pa.array(data.month, pa.string()), pa.array(data.account, pa.string()),
                  pa.array(data.product, pa.string()), _cents(data.revenue),
                  _cents(data.profit),
                  pa.array(data.quantity, pa.string()).cast(pa.decimal128(20, 2))]
        return pa.Table.from_arrays(arrays, schema=schema)
    arrays = []
    for i, (_, kind) in enumerate(cols):
        values = [row[i] for row in data]
        if kind == "DATE" and any(isinstance(v, str) for v in values):
            arrays.append(pa.array(values, pa.string()).cast(pa.date32()))  # cached as text
        else:
            arrays.append(pa.array(values, type=kinds[kind]))
    return pa.Table.from_arrays(arrays, schema=schema)


def _parquet(tables: Tables, folder: Path, personal: bool) -> None:
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for table, data in tables:
        temp = folder / f".{table}.parquet.tmp"
        pq.write_table(_arrow(table, data, personal), temp)
        temp.replace(folder / f"{table}.parquet")


def _duckdb(tables: Tables, path: Path, personal: bool) -> None:
    import duckdb

    db = duckdb.connect(str(path))
    try:
        for table, data in tables:
            arrow = _arrow(table, data, personal)  # noqa: F841 (read by name below)
            db.execute(f"CREATE TABLE {table} AS SELECT * FROM arrow")
    finally:
        db.close()
