"""Story versions over HTTP: `ETag: "<version>"` on reads, `If-Match` on writes.

The version is the one the desk's save service checks (Story.version), so a stale API
edit, a stale desk form and a stale admin form all meet the same check.
"""

from newsdesk.api.story_writes import FieldError


def etag(story) -> str:
    return f'"{story.version}"'


def if_match_version(request) -> int | None:
    """The version in If-Match, None when the header is absent; 422 when it is not ours."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    value = header.removeprefix("W/").strip('"')
    if not value.isdigit():
        raise FieldError(
            "If-Match", 'must be the ETag of the story, e.g. "3" (a "*" is not enough)', "header"
        )
    return int(value)
