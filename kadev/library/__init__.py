"""The library under the CLI: one object for an open data root, offering the use cases the
commands show (the views each report needs, the rep's facts, the plans).

`DataRoot(path, settings, today)` is opened once per command by the CLI and passed down; it
holds no language (what it returns is data and messages worded when shown) and reads each
thing once per command (the cards, the account index). Below it, `analysis` computes and
`store` reads and writes files; nothing here imports Typer or words a message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from kadev.models import Account, Settings
    from kadev.store.accounts import CardIndex

T = TypeVar("T")


@dataclass
class DataRoot:
    """An open data root: its folder, its settings and the day the command runs as."""

    path: Path
    settings: Settings
    today: dt.date
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def cards(self) -> list[tuple[str, Account]]:
        """Every readable card, read once per command (a broken one is left out and noted
        in `kadev.store.skipped`)."""
        if "cards" not in self._memo:
            from kadev.store.accounts import load_accounts

            self._memo["cards"] = load_accounts(self.path)
        found: list[tuple[str, Account]] = self._memo["cards"]
        return found

    def index(self) -> dict[str, CardIndex]:
        """What lookups and filters need of every card (name, aliases, owner …)."""
        if "index" not in self._memo:
            from kadev.store.accounts import account_index

            self._memo["index"] = account_index(self.path)
        found: dict[str, CardIndex] = self._memo["index"]
        return found

    def ledger_end(self) -> str:
        """The last month the ledger has, up to today's month (today's when it has none): a
        report's default period ends there, so it never counts months not yet imported."""
        from kadev.analysis.periods import month_of
        from kadev.store import ledger

        now = month_of(self.today)
        return max((m for m in ledger.months(self.path) if m <= now), default=now)

    def missing_months(self, first: str, last: str) -> list[str]:
        """The months of first..last that the ledger has no file for."""
        from kadev.analysis.periods import month_range
        from kadev.store import ledger

        present = set(ledger.months(self.path))
        return [m for m in month_range(first, last) if m not in present]

    def kept(self, name: str, params: tuple[Any, ...], build: Callable[[], T]) -> T:
        """A report's data kept while git says the root is unchanged (`store.views`), asking
        git once per command."""
        from kadev.store.views import kept

        return kept(self.path, name, params, build, self._tree_key())

    def kept_rows(self, name: str, params: tuple[Any, ...], build: Callable[[], list[T]]
                  ) -> Sequence[T]:
        """`kept` for a long list, its items decoded as used."""
        from kadev.store.views import kept_rows

        return kept_rows(self.path, name, params, build, self._tree_key())

    def _tree_key(self) -> Any:
        if "tree" not in self._memo:
            from kadev.store.views import tree_key

            self._memo["tree"] = tree_key(self.path)
        return self._memo["tree"]
