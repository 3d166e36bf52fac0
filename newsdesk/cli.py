"""The `newsdesk` console script: Django's management commands under one name.

`newsdesk demo`, `newsdesk serve`, `newsdesk createeditor`, `newsdesk migrate`, …
"""

import os
import sys

PLAIN_HTTP_COMMANDS = {"demo"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    if argv and argv[0] in PLAIN_HTTP_COMMANDS:
        # The demo serves plain HTTP on localhost; HTTPS-only cookies would lock editors out.
        os.environ.setdefault("NEWSDESK_HTTPS", "0")
    if argv and not argv[0].startswith("-"):
        # `newsdesk search-rebuild` runs the search_rebuild command: dashes read better in a shell.
        argv[0] = argv[0].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["newsdesk", *argv])


if __name__ == "__main__":
    main()
