"""The beacon's work: decide whether a request is a reader's read, and append it."""

from django.conf import settings
from django.utils import timezone

from newsdesk.readership import spool, visitors

# Why a request was not counted (None: it was).
STAFF, ROBOT, ELSEWHERE = "staff", "robot", "another site"


def refusal(request) -> str | None:
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return STAFF  # the newsroom reading its own pages (readers carry no cookie)
    # Browsers say where a request comes from; only our own pages count (another site
    # cannot pad a story's count from its visitors' browsers).
    if request.META.get("HTTP_SEC_FETCH_SITE", "same-origin") not in ("same-origin", "none"):
        return ELSEWHERE
    if visitors.is_robot(request.META.get("HTTP_USER_AGENT", "")):
        return ROBOT
    return None


def record(request, story_id: int) -> None:
    """One line appended to the spool (spool.py); no database work on the reader's time."""
    now = timezone.now()
    day = now.date()
    spool.append(story_id, day, visitors.visitor_hash(request, day), now)
