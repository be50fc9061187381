"""Allow `python -m kadev`."""

from kadev.cli import main

main()
