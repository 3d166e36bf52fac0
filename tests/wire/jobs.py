"""Jobs for the worker tests: each run leaves lines in a file, so runs can be counted
across worker processes."""

import os
import time

from django_tasks import task


def _line(path, text):
    # O_APPEND writes of one short line are atomic, whichever process writes.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{text}\n".encode())
    finally:
        os.close(fd)


@task()
def mark(path: str, label: str, seconds: float = 0.0) -> str:
    _line(path, f"start {label} {os.getpid()}")
    time.sleep(seconds)
    _line(path, f"end {label} {os.getpid()}")
    return label
