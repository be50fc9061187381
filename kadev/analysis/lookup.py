"""Resolving an ACCOUNT argument (id, exact name, alias, or an unambiguous part, in Chinese or
pinyin) and suggesting ids from names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kadev.errors import Ambiguous, NotFoundError
from kadev.i18n import lazy

_COMPANY_FORMS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "公司",
                  "co., ltd.", "co.,ltd.", "co. ltd", "ltd.", "ltd", "inc.", "inc", "gmbh",
                  "limited", "corporation", "corp.")


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    aliases: tuple[str, ...] = ()


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def pinyin_forms(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower case, without spaces: 华光 → (huaguang, hg)."""
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="default")]
    words = [s for s in syllables if s.strip()]
    full = re.sub(r"[^a-z0-9]", "", "".join(words))
    initials = "".join(w[0] for w in words if w and w[0].isalnum())
    return full, initials.lower()


def suggest_id(name: str) -> str:
    """A folder id from a name: pinyin for Chinese, a slug for Latin; company forms dropped."""
    base = name.strip()
    lowered = base.lower()
    for form in _COMPANY_FORMS:
        if lowered.endswith(form) and len(lowered) > len(form):
            base = base[: len(base) - len(form)].strip(" ,.")
            lowered = base.lower()
    if _has_han(base):
        from pypinyin import Style, lazy_pinyin

        text = "".join(lazy_pinyin(base, style=Style.NORMAL))
    else:
        text = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (slug or "account")[:64].rstrip("-")


def resolve(query: str, candidates: Sequence[Candidate]) -> Candidate:
    """The one candidate `query` names, or NotFoundError listing the closest ones.

    Tried in order, the first tier with any match decides: exact id, exact name or alias, part
    of a name/alias/id, full pinyin or initials of a Chinese name (whole or part).
    """
    q = query.strip()
    ql = q.lower()
    tiers: list[Callable[[Candidate], bool]] = [
        lambda c: c.id == ql,
        lambda c: q == c.name or q in c.aliases,
        lambda c: ql in c.id or ql in c.name.lower() or any(ql in a.lower() for a in c.aliases),
    ]
    for tier in tiers:
        hits = [c for c in candidates if tier(c)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            _ambiguous(q, hits)
    if q.isascii() and q.isalnum():
        hits = [c for c in candidates if _pinyin_match(ql, c)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            _ambiguous(q, hits)
    if _has_han(q):  # a homophone typed by the input method (华广 for 华光): same sounds
        sounds = pinyin_forms(q)[0]
        hits = [c for c in candidates if _pinyin_match(sounds, c)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            _ambiguous(q, hits)
    close = difflib.get_close_matches(q, [c.name for c in candidates] +
                                      [c.id for c in candidates], n=5, cutoff=0.4)
    if not close and _has_han(q):  # names that sound alike
        sounds = pinyin_forms(q)[0]
        by_sound = {pinyin_forms(c.name)[0]: c.name for c in candidates if _has_han(c.name)}
        close = [by_sound[p] for p in difflib.get_close_matches(sounds, list(by_sound), n=5,
                                                                  cutoff=0.5)]
    hint = lazy("err.closest", names=", ".join(close)) if close else ""
    raise NotFoundError(code="err.no_account", query=q, hint=hint)


def _pinyin_match(ql: str, candidate: Candidate) -> bool:
    for name in (candidate.name, *candidate.aliases):
        if _has_han(name):
            full, initials = pinyin_forms(name)
            if ql in full or ql in initials:
                return True
    return False


def _rank(query: str, candidate: Candidate) -> tuple[bool, bool, int, str]:
    """Closer matches first: the id or name starting with the query, then shorter names."""
    q = query.lower()
    return (not candidate.id.startswith(q), not candidate.name.lower().startswith(q),
            len(candidate.name), candidate.id)


def _ambiguous(query: str, hits: Sequence[Candidate]) -> None:
    hits = sorted(hits, key=lambda c: _rank(query, c))
    shown = ", ".join(f"{c.id} ({c.name})" for c in hits[:8])
    more = lazy("err.more", count=len(hits) - 8) if len(hits) > 8 else ""
    raise Ambiguous(lazy("err.ambiguous", query=query, count=len(hits), shown=shown,
                         more=more), [(c.id, c.name) for c in hits])
