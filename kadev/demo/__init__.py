"""Deterministic sample data: a Chinese equipment maker's dealers and key accounts.

`generate` writes a whole data root (settings, cards, visits, complaints, ledger) from a seed
and a `today`; the same inputs give byte-identical files. The committed `accounts/` folder is
its output at 40 accounts; the benchmarks use it at 10,000.
"""

from kadev.demo.generate import generate

__all__ = ["generate"]
