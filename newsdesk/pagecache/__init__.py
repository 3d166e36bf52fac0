"""Anonymous pages cached as files, purged exactly on content events (see store.py)."""
