"""Who is reading, reduced to what counting needs: is it a robot, and is it the same
reader as a moment ago. Nothing here is stored but a salted hash that stops meaning
anything when the day's salt is deleted."""

import hashlib
import hmac
import ipaddress
import re
import secrets
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError
from django.utils import timezone

from newsdesk.readership.models import DailySalt

# Crawlers, link previewers, monitors and scripted clients that name themselves; headless
# browsers are how scrapers read pages that need scripts.
ROBOTS = re.compile(
    r"bot|crawl|spider|slurp|scrap|fetch|preview|monitor|uptime|lighthouse|headless|phantom"
    r"|python|curl|wget|httpclient|okhttp|java/|go-http|libwww|axios|node-fetch|facebookexternal",
    re.IGNORECASE,
)


_memo: dict = {}


def is_robot(user_agent: str) -> bool:
    # A browser always says who it is; an empty or tiny user agent is a script.
    return len(user_agent) < 20 or ROBOTS.search(user_agent) is not None


def _trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net) for net in settings.NEWSDESK_READS_TRUSTED_PROXIES)


def client_address(request) -> str:
    """The reader's address: behind our own front server (deploy/nginx), the last address
    it appended to X-Forwarded-For; an address a client wrote there itself is ignored."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and _trusted_proxy(remote):
        return forwarded.rsplit(",", 1)[-1].strip()
    return remote


def forget_salts() -> None:
    """Drop this process's memo of the day's salt (the database's and cache's stay)."""
    _memo.clear()


def salt_for(day) -> str:
    """The day's salt, made by the first process that needs it and shared by all through
    the database; kept in the cache for the day, and in this process, so the beacon
    waits on neither (a cache server is a round trip)."""
    if day in _memo:
        return _memo[day]
    key = f"reads-salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt is None:
        try:
            row, _ = DailySalt.objects.get_or_create(
                day=day, defaults={"salt": secrets.token_hex(32)}
            )
        except IntegrityError:  # another worker made it meanwhile
            row = DailySalt.objects.get(day=day)
        salt = row.salt
        # Forgotten by the cache a few minutes after the day ends, as by the database.
        day_end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)
        cache.set(key, salt, max(60, (day_end - timezone.now()).total_seconds() + 300))
    _memo.clear()  # yesterday's goes
    _memo[day] = salt
    return salt


def visitor_hash(request, day) -> str:
    who = "\n".join(
        (
            client_address(request),
            request.META.get("HTTP_USER_AGENT", ""),
            request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
        )
    )
    return hmac.new(salt_for(day).encode(), who.encode(), hashlib.sha256).hexdigest()[:32]
