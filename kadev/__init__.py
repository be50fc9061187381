"""kadev: key-account management from a git-tracked folder of small YAML files."""

__version__ = "0.1.0"
