"""Allow `python -m kadev`."""

from kadev.entry import main

main()
