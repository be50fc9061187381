"""Finding things in an open data root, and checking a card before it is written: the
account a name means, the record an id means, and what an edited card's text breaks (its
own fields and the references its visits, complaints and plans make to it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kadev.errors import Ambiguous, NotFoundError, Problem, UsageError, WriteRefused

if TYPE_CHECKING:
    from pathlib import Path

    from kadev.library import DataRoot
    from kadev.models import Account
    from kadev.store.transaction import Transaction

Chooser = Callable[[list[tuple[str, str]]], str]


def resolve(lib: DataRoot, query: str, choose: Chooser | None = None) -> str:
    """The id of the account `query` names (id, name, alias, part, pinyin); NotFoundError,
    or Ambiguous listing the closest when `choose` (asking a person) is not given."""
    from kadev.analysis.lookup import Candidate
    from kadev.analysis.lookup import resolve as pick
    from kadev.store.root import ACCOUNT_FILE, ID_RE

    if ID_RE.match(query) and (lib.path / query / ACCOUNT_FILE).is_file():
        return query  # the id itself: no need to read any card
    candidates = [Candidate(i, c.name, c.aliases if c.short in (c.name, *c.aliases)
                            else (*c.aliases, c.short)) for i, c in lib.index().items()]
    if not candidates:
        raise NotFoundError(code="err.no_accounts", query=query)
    try:
        return pick(query, candidates).id
    except Ambiguous as err:
        if choose is None:
            raise
        return choose(err.choices)


def find_record(lib: DataRoot, kind: str, target: str, choose: Chooser | None = None
                ) -> tuple[str, str]:
    """(account id, relative path) of the record `target` names: `ACCOUNT/ID`, the full id
    or the short id a list shows (its last six characters), else NotFoundError naming the
    choices."""
    from kadev.i18n import lazy
    from kadev.store.records import find_records

    account_id = None
    wanted = target.strip()
    if "/" in wanted:
        account_part, wanted = wanted.rsplit("/", 1)
        account_id = resolve(lib, account_part, choose)
    wanted = wanted.removesuffix(".yaml")
    hits = find_records(lib.path, kind, wanted, account_id) if wanted else []
    if len(hits) == 1:
        return hits[0].split("/", 1)[0], hits[0]
    listed = ", ".join(h.split("/", 1)[0] + "/" + h.rsplit("/", 1)[-1].removesuffix(".yaml")
                       for h in hits[:8])
    raise NotFoundError(code="err.record_several" if hits else "err.record_none",
                        kind=lazy(f"kind.{kind}"), wanted=target, listed=listed)


def card_problems(lib: DataRoot, account_id: str, text: str) -> tuple[list[Problem], Any]:
    """What is wrong with `text` as the account's card, including what its records refer to
    (a visit's attendee no longer a contact …), and the card it makes (None if it makes
    none)."""
    from kadev.analysis.checks import check_folder
    from kadev.models import Account
    from kadev.models.folder import AccountFolder, CardFacts, ComplaintFacts, PlanFacts, VisitFacts
    from kadev.store.loader import account_rel, validate_data
    from kadev.store.records import load_complaints, load_plans, load_visits
    from kadev.store.yamlio import locate, parse

    rel = account_rel(account_id)
    data, problem = parse(text, rel)
    if problem is not None:
        return [problem], None
    loaded = validate_data(data, text, rel, Account)
    if loaded.record is None:
        return loaded.problems, None
    root = lib.path
    folder = AccountFolder(
        account_id, rel, CardFacts.of(loaded.record),
        [(p, VisitFacts.of(v)) for p, v in load_visits(root, account_id)],
        [(p, ComplaintFacts.of(c)) for p, c in load_complaints(root, account_id)],
        [(f"{account_id}/plans/{i}.yaml", PlanFacts.of(p))
         for i, p in load_plans(root, account_id)])
    problems = []
    for finding in check_folder(folder, lib.settings, history=False):
        line, column = locate(text, finding.loc) if finding.path == rel else (0, 0)
        problems.append(Problem(finding.path, line, column, finding.message))
    return sorted(problems), loaded.record


def check_card(lib: DataRoot, account_id: str, text: str) -> None:
    """DataError with the problems of `text` as the account's card, if it has any."""
    from kadev.errors import DataError

    problems, _ = card_problems(lib, account_id, text)
    if problems:
        raise DataError(problems)


def prospect_card(lib: DataRoot, name: str, account_id: str | None, owner: str | None,
                  nature: str | None, extra: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A new prospect card's folder id (`account_id`, else one made from the name) and
    data: it needs a name, an owner (of the team, when kadev.yaml lists one) and a nature;
    the id must be free. `extra`: aliases, industry, region."""
    from pydantic import ValidationError

    from kadev.analysis.lookup import suggest_id
    from kadev.i18n import lazy
    from kadev.models import Account
    from kadev.models.base import validate
    from kadev.store.root import ID_RE

    missing = [o for o, v in (("--owner", owner), ("--nature", nature)) if not v]
    if missing:
        raise UsageError(code="err.prospect_needs", options=", ".join(missing))
    new_id = account_id or suggest_id(name)
    if not ID_RE.match(new_id):
        raise UsageError(code="err.bad_id", value=new_id)
    if new_id in lib.index() or (lib.path / new_id).exists():
        raise WriteRefused(code="err.id_taken", id=new_id,
                           hint="" if account_id else lazy("err.id_hint", id=new_id))
    team = lib.settings.team
    if team and owner not in team:
        raise UsageError(code="err.not_in_team", value=owner, team=", ".join(team))
    data: dict[str, Any] = {"name": name}
    if extra.get("aliases"):
        data["aliases"] = extra["aliases"]
    data |= {"status": "prospect", "owner": owner, "nature": nature}
    data |= {k: extra[k] for k in ("industry", "region") if extra.get(k)}
    data["reviewed"] = lib.today
    try:
        validate(Account, data)
    except ValidationError as err:
        first = err.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else "name"
        raise UsageError(code="err.option_value", option="NAME" if key == "name" else f"--{key}",
                         value=data.get(key, ""), reason=first["msg"]) from None
    return new_id, data


def create_card(lib: DataRoot, tx: Transaction, account_id: str, text: str) -> Path:
    """A new card written into `tx` (which holds the account's lock), refused when its
    folder was made meanwhile by someone else."""
    from kadev.store.root import ACCOUNT_FILE

    if (lib.path / account_id).exists():
        raise WriteRefused(code="err.id_taken", id=account_id, hint="")
    path = lib.path / account_id / ACCOUNT_FILE
    tx.create(path, text)
    return path


def change_card(lib: DataRoot, tx: Transaction, account_id: str,
                change: Callable[[str, Account, str], str]) -> Account:
    """The card read as it is now (`tx` holds the account's lock), its text changed by
    `change`, checked against the account's records and written into `tx`. The card as it
    was."""
    from kadev.store.accounts import load_account
    from kadev.store.loader import account_rel

    card = load_account(lib.path, account_id)
    path = lib.path / account_rel(account_id)
    text = change(account_id, card, path.read_text(encoding="utf-8"))
    check_card(lib, account_id, text)
    tx.replace(path, text)
    return card


def change_note(month: str, reason: str, today_month: str) -> Callable[[str, Account, str], str]:
    """The reason for the account's revenue swing in `month` (not ahead), added to the card
    or replacing the month's reason (`change_card` writes it)."""
    from kadev.store.yamledit import append_item, set_value

    if month > today_month:
        raise UsageError(code="err.month_ahead", option="--month", month=month)
    reason = reason.strip()
    if not reason:
        raise UsageError(code="err.missing_opt", what="REASON")

    def change(account_id: str, card: Account, text: str) -> str:
        index = next((i for i, n in enumerate(card.change_notes) if n.month == month), None)
        if index is None:
            return append_item(text, ["change_notes"], {"month": month, "reason": reason})
        return set_value(text, ["change_notes", index, "reason"], reason)

    return change


def save_edit(lib: DataRoot, tx: Transaction, account_id: str, before: str, after: str
              ) -> tuple[Account, bool]:
    """A card edited from `before` to `after` written into `tx` (which holds the account's
    lock). Changed meanwhile by someone else, the two are merged (`git merge-file`) and the
    result checked again; a conflict or a merge that no longer validates is refused with the
    edit kept in a rescue file. The card written, and whether a merge was needed."""
    from kadev.errors import DataError
    from kadev.i18n import lazy, lazy_lines
    from kadev.store.git import merge_text
    from kadev.store.loader import account_rel
    from kadev.store.writer import rescue

    path = lib.path / account_rel(account_id)
    now = path.read_text(encoding="utf-8")
    merged = now != before
    if merged:  # changed by another command while the editor was open
        after, clean = merge_text(now, before, after, ("changed meanwhile",
                                                        "when the editor opened", "your edit"))
        if not clean:
            raise WriteRefused(code="err.edit_conflict", account=account_id,
                               path=rescue(after, account_id))
    problems, card = card_problems(lib, account_id, after)
    if problems:
        if not merged:
            raise DataError(problems)
        raise WriteRefused(code="p.concat", a=lazy_lines(
            [lazy("err.edit_rescued", path=rescue(after, account_id)), *problems]), b="")
    tx.replace(path, after)
    return card, merged


def card_values(lib: DataRoot, account_id: str, card: Account) -> dict[str, Any]:
    """What a card shows beyond its own fields: the figures derived from the ledger and the
    records (`reports.derived`), and the account's funnel grade."""
    from kadev.analysis.grade import account_grade
    from kadev.library.reports import derived

    grade = account_grade(card.opportunities, lib.today, lib.settings.grade_months)
    return {**derived(lib, [(account_id, card)])[account_id],
            "grade": grade.value if grade else None}
