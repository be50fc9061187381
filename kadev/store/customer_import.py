"""A team's customer list (the spreadsheet it kept before kadev) as file cards: columns found
by their Chinese or English headers, contacts from repeated columns (联系人, 职务, 手机, then
联系人2, 职务2, 手机2 …) or from a second sheet named 联系人 / contacts; each row matched to an
existing card by id, name or alias (then only what the row gives is added or changed) or made
a new prospect card. Nothing is worded here: problems carry catalogue codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kadev.errors import Problem
from kadev.i18n import lazy

# field: the headers that name it (compared without spaces, case-insensitively)
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "客户编号", "id"),
    "name": ("客户名称", "客户", "名称", "公司名称", "单位名称", "name", "customer",
             "customer name", "company"),
    "short_name": ("简称", "客户简称", "short name", "short_name"),
    "aliases": ("别名", "曾用名", "erp名称", "其他名称", "aliases", "alias"),
    "owner": ("负责人", "客户经理", "业务员", "销售", "大客户代表", "owner", "rep"),
    "region": ("区域", "地区", "大区", "region"),
    "industry": ("行业", "所属行业", "industry"),
    "nature": ("客户性质", "性质", "客户类型", "nature", "type"),
    "address": ("地址", "公司地址", "address"),
    "phone": ("公司电话", "总机", "phone"),
}
CONTACT_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("联系人", "姓名", "contact", "contact name"),
    "title": ("职务", "职位", "title"),
    "mobile": ("手机", "联系电话", "电话", "mobile", "tel"),
    "wechat": ("微信", "wechat"),
    "email": ("邮箱", "电子邮件", "email", "e-mail"),
}
CONTACT_SHEETS = ("联系人", "contacts")
_SPLIT = re.compile(r"[、,，;；/|]")


def _key(header: object) -> str:
    return re.sub(r"\s+", "", str(header or "")).lower()


@dataclass
class Row:
    """One customer of the list: the fields it gives (text), its contacts, where it is."""

    line: int
    fields: dict[str, str]
    contacts: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Columns:
    """Which column holds which field, and each contact group's columns."""

    fields: dict[str, int]
    contacts: list[dict[str, int]]


def find_columns(header: list[Any], mapped: dict[str, str]) -> Columns:
    """The columns of a header row; `mapped` (header → field, from --map) comes first."""
    names = {_key(h): i for i, h in enumerate(header) if h not in (None, "")}
    fields: dict[str, int] = {}
    for text, wanted in mapped.items():
        if _key(text) in names:
            fields[wanted] = names[_key(text)]
    for wanted, words in HEADERS.items():
        if wanted not in fields:
            found = next((names[_key(w)] for w in words if _key(w) in names), None)
            if found is not None and found not in fields.values():
                fields[wanted] = found
    groups: dict[str, dict[str, int]] = {}
    for key, index in names.items():
        if index in fields.values():
            continue
        number = re.search(r"(\d+)$", key)
        base = key[: number.start()] if number else key
        for part, words in CONTACT_HEADERS.items():
            if any(base == _key(w) or base == "联系人" + _key(w) for w in words):
                groups.setdefault(number.group(1) if number else "1", {})[part] = index
                break
    contacts = [g for _, g in sorted(groups.items(), key=lambda kv: int(kv[0])) if "name" in g]
    return Columns(fields, contacts)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        value = int(value)  # a phone number Excel stored as a number
    return str(value).strip()


def read_customers(path: Path, rows: list[tuple[int, list[Any]]], mapped: dict[str, str],
                   contact_rows: list[tuple[int, list[Any]]] | None
                   ) -> tuple[list[Row], list[Problem]]:
    """The customers of a list: the header is the first row naming a customer column;
    every later row with a name is one customer. Problems: no such header, a row without a
    name but with other values."""
    name = path.name
    header_at = next((i for i, (_, cells) in enumerate(rows)
                      if "name" in find_columns(cells, mapped).fields), None)
    if header_at is None:
        return [], [Problem(name, 1, 0, lazy("p.list_no_header"))]
    columns = find_columns(rows[header_at][1], mapped)
    found: list[Row] = []
    problems: list[Problem] = []
    for line, cells in rows[header_at + 1:]:
        values = {f: _text(cells[i]) if i < len(cells) else "" for f, i in
                  columns.fields.items()}
        if not any(_text(c) for c in cells):
            continue
        if not values.get("name"):
            problems.append(Problem(name, line, 0, lazy("p.list_no_name")))
            continue
        row = Row(line, {k: v for k, v in values.items() if v})
        for group in columns.contacts:
            person = {p: _text(cells[i]) if i < len(cells) else "" for p, i in group.items()}
            if person.get("name"):
                row.contacts.append({k: v for k, v in person.items() if v})
        found.append(row)
    if contact_rows:
        problems += _second_sheet(name, found, contact_rows)
    return found, problems


def _second_sheet(name: str, customers: list[Row], rows: list[tuple[int, list[Any]]]
                  ) -> list[Problem]:
    """Contacts listed on their own sheet, each naming its customer."""
    header_at = next((i for i, (_, cells) in enumerate(rows)
                      if "name" in find_columns(cells, {}).fields), None)
    if header_at is None:
        return [Problem(name, 1, 0, lazy("p.list_no_header"))]
    cells0 = rows[header_at][1]
    customer_col = find_columns(cells0, {}).fields["name"]
    rest = [c if i != customer_col else None for i, c in enumerate(cells0)]
    groups = find_columns(rest, {}).contacts
    by_name = {r.fields["name"]: r for r in customers}
    problems = []
    for line, cells in rows[header_at + 1:]:
        customer = _text(cells[customer_col]) if customer_col < len(cells) else ""
        if not customer:
            continue
        target = by_name.get(customer)
        if target is None:
            problems.append(Problem(name, line, 0, lazy("p.list_contact_customer",
                                                        customer=customer)))
            continue
        for group in groups:
            person = {p: _text(cells[i]) if i < len(cells) else "" for p, i in group.items()}
            if person.get("name"):
                target.contacts.append({k: v for k, v in person.items() if v})
    return problems


def aliases_of(text: str) -> list[str]:
    return [a.strip() for a in _SPLIT.split(text) if a.strip()]


@dataclass
class CardChange:
    """What a row does: `account` is the folder id (new or existing), `text` the card's new
    text (None: nothing changes), `fields` what it adds or changes."""

    line: int
    account: str
    new: bool
    text: str | None
    fields: list[str]
    short: str = ""  # the name tables show


def plan_cards(root: Path, file_name: str, rows: list[Row], owner: str | None, nature: str,
               today: Any, natures: dict[str, str]) -> tuple[list[CardChange], list[Problem]]:
    """Each row as a new prospect card or changes to an existing one, validated as the
    card would be; problems at the row's line (in the list) when a card would not be
    valid, a nature is unknown, a new card has no owner, or two rows name one account."""
    from kadev.analysis.lookup import suggest_id
    from kadev.models import Account
    from kadev.models.account import short_name
    from kadev.store.accounts import account_index
    from kadev.store.loader import validate_data
    from kadev.store.root import ACCOUNT_FILE, ID_RE
    from kadev.store.yamlio import dump, parse

    index = account_index(root)
    by_name: dict[str, str] = {}
    for known_id, card in index.items():
        for known in (known_id, card.name, *card.aliases):
            by_name.setdefault(known, known_id)
    changes: list[CardChange] = []
    problems: list[Problem] = []
    taken: dict[str, int] = {}
    for row in rows:
        f = row.fields
        wanted_nature = natures.get(f["nature"].lower()) if f.get("nature") else None
        if f.get("nature") and wanted_nature is None:
            problems.append(Problem(file_name, row.line, 0, lazy("p.list_nature",
                                                                 value=f["nature"])))
            continue
        account_id: str | None = (f.get("id") if f.get("id") in index else None) or by_name.get(
            f["name"]) or next((by_name[a] for a in aliases_of(f.get("aliases", ""))
                                if a in by_name), None)
        new = account_id is None
        if account_id is None:
            account_id = f.get("id") or suggest_id(f["name"])
            base, n = account_id, 2
            while account_id in index or (root / account_id).exists() or (
                    account_id in taken and not f.get("id")):
                account_id, n = f"{base}-{n}", n + 1
        if not ID_RE.match(account_id):
            problems.append(Problem(file_name, row.line, 0, lazy("p.list_bad_id",
                                                                 value=account_id)))
            continue
        if account_id in taken:
            problems.append(Problem(file_name, row.line, 0, lazy(
                "p.list_twice", account=account_id, first=taken[account_id])))
            continue
        taken[account_id] = row.line
        rel = f"{account_id}/{ACCOUNT_FILE}"
        text: str | None
        if new:
            data, fields = _new_card(f, row.contacts, owner, wanted_nature or nature, today)
            if not data.get("owner"):
                problems.append(Problem(file_name, row.line, 0, lazy("p.list_no_owner")))
                continue
            text = dump(data)
        else:
            old = (root / rel).read_text(encoding="utf-8")
            changed, fields = _changed_card(old, f, row.contacts, wanted_nature)
            text = changed if fields else None
        if text is not None:
            data, problem = parse(text, rel)
            loaded = validate_data(data, text, rel, Account) if problem is None else None
            found = [problem] if problem else (loaded.problems if loaded else [])
            if found:
                problems += [Problem(file_name, row.line, 0, lazy(
                    "p.list_card", problem=str(p.message))) for p in found]
                continue
        short = (short_name(f["name"], f.get("short_name"), aliases_of(f.get("aliases", "")))
                 if new else index[account_id].short)
        changes.append(CardChange(row.line, account_id, new, text, fields, short))
    return changes, problems


def _contact(person: dict[str, str]) -> dict[str, str]:
    out = {"name": person["name"]}
    for key in ("title", "mobile", "wechat", "email"):
        if person.get(key):
            out["phone" if key == "mobile" else key] = person[key]
    return out


def _new_card(f: dict[str, str], contacts: list[dict[str, str]], owner: str | None,
              nature: str, today: Any) -> tuple[dict[str, Any], list[str]]:
    data: dict[str, Any] = {"name": f["name"]}
    if f.get("short_name"):
        data["short_name"] = f["short_name"]
    if f.get("aliases"):
        data["aliases"] = aliases_of(f["aliases"])
    data |= {"status": "prospect", "owner": f.get("owner") or owner or "", "nature": nature}
    data |= {k: f[k] for k in ("industry", "region") if f.get(k)}
    data["reviewed"] = today
    profile = {k: f[k] for k in ("address", "phone") if f.get(k)}
    if profile:
        data["profile"] = profile
    if contacts:
        data["contacts"] = [_contact(p) for p in contacts]
    return data, sorted(k for k in data if k not in ("status", "reviewed"))


def _changed_card(text: str, f: dict[str, str], contacts: list[dict[str, str]],
                  nature: str | None) -> tuple[str, list[str]]:
    """The card's text with what the row gives that the card does not say yet (aliases and
    contacts added, the other fields set), its comments and layout kept."""
    from kadev.store.yamledit import append_item, put_value
    from kadev.store.yamlio import parse

    data, _ = parse(text, "")
    card: dict[str, Any] = data if isinstance(data, dict) else {}
    changed = []
    for key in ("short_name", "owner", "industry", "region"):
        if f.get(key) and card.get(key) != f[key]:
            text = put_value(text, [key], f[key])
            changed.append(key)
    if nature and card.get("nature") != nature:
        text = put_value(text, ["nature"], nature)
        changed.append("nature")
    aliases = list(card.get("aliases") or [])
    more = [a for a in aliases_of(f.get("aliases", "")) if a not in aliases and a != f["name"]]
    if more:
        text = put_value(text, ["aliases"], aliases + more)
        changed.append("aliases")
    known = {c.get("name") for c in card.get("contacts") or [] if isinstance(c, dict)}
    for person in contacts:
        if person["name"] not in known:
            text = append_item(text, ["contacts"], _contact(person))
            known.add(person["name"])
            changed.append(f"contacts: {person['name']}")
    return text, changed


def contact_sheet(path: Path, main: str | None) -> str | None:
    """The workbook's sheet of contacts (named 联系人 or contacts), if it has one besides
    the customers' sheet."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    import openpyxl  # type: ignore[import-untyped]

    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # the customers' sheet is read first and reports a broken file
        return None
    try:
        names: list[str] = list(book.sheetnames)
    finally:
        book.close()
    first = main or (names[0] if names else None)
    return next((n for n in names if n != first and n.strip().lower() in CONTACT_SHEETS),
                None)
