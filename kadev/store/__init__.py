"""The only code that touches the filesystem or git: find the root, load, cache, write, commit."""
