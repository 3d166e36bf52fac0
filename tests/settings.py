"""Test settings: the production settings, with what a local test run needs switched on.

The environment is read when newsdesk.settings is imported, so the defaults are set first.
"""

import atexit
import os
import shutil
import tempfile

if "NEWSDESK_DATA_DIR" not in os.environ:
    _scratch = tempfile.mkdtemp(prefix="newsdesk-test-")
    atexit.register(shutil.rmtree, _scratch, ignore_errors=True)  # the test database and all
    os.environ["NEWSDESK_DATA_DIR"] = _scratch
os.environ.setdefault("NEWSDESK_HTTPS", "0")  # the test client and live server speak http://
os.environ.setdefault("NEWSDESK_PLAIN_STATIC", "1")  # no collectstatic manifest needed

from newsdesk.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405  (whitenoise warns about a missing dir)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared-cache in-memory database: browser tests leave requests in
    # flight (a presence beacon sent on unload), and shared-cache locks fail at once with
    # "database table is locked" where a WAL file waits out the busy timeout.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
