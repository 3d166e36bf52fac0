"""A subscriber for tests: records every change the pipeline dispatches (see the
`heard_changes` fixture in tests/conftest.py)."""

heard: list = []


def record(change) -> None:
    heard.append(change)
