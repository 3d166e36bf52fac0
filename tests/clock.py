"""The whole suite on a chosen day: `NEWSDESK_TEST_CLOCK=month-start` (the 1st of this
month, just after midnight), `month-end` (the last day of last month, late evening) or an
ISO datetime. `make test` runs SQLite on a month's first day and PostgreSQL on a month's
last, so lists that straddle a month, a day or a year are tried on every run, whatever the
date the run happens on.

The clock goes back, never forward: processes the tests start (servers, workers, the
browser) keep the real time, and a story written "now" by the test process must not be in
their future.
"""

import os
from datetime import UTC, datetime, time, timedelta

import time_machine

_traveller = None


def chosen_moment(spec: str, now: datetime) -> datetime:
    first_of_month = now.date().replace(day=1)
    if spec == "month-start":
        moment = datetime.combine(first_of_month, time(0, 20), tzinfo=UTC)
        if moment > now:  # the first minutes of a month: take the month before's first
            moment = datetime.combine(
                (first_of_month - timedelta(days=1)).replace(day=1), time(0, 20), tzinfo=UTC
            )
        return moment
    if spec == "month-end":
        return datetime.combine(first_of_month - timedelta(days=1), time(22, 30), tzinfo=UTC)
    moment = datetime.fromisoformat(spec)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def start_test_clock() -> None:
    global _traveller
    spec = os.environ.get("NEWSDESK_TEST_CLOCK", "").strip()
    if not spec or _traveller is not None:
        return
    moment = chosen_moment(spec, datetime.now(UTC))
    if moment > datetime.now(UTC):
        raise ValueError(f"NEWSDESK_TEST_CLOCK={spec}: {moment} is in the future")
    _traveller = time_machine.travel(moment, tick=True)
    _traveller.start()


def describe_test_clock() -> str:
    if _traveller is None:
        return "clock: real time"
    spec = os.environ["NEWSDESK_TEST_CLOCK"]
    return f"clock: NEWSDESK_TEST_CLOCK={spec}, started at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
