"""Test settings: the production settings, with what a local test run needs switched on.

The environment is read when newsdesk.settings is imported, so the defaults are set first.
"""

import os
import tempfile

os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-test-"))
os.environ.setdefault("NEWSDESK_HTTPS", "0")  # the test client and live server speak http://
os.environ.setdefault("NEWSDESK_PLAIN_STATIC", "1")  # no collectstatic manifest needed

from newsdesk.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405  (whitenoise warns about a missing dir)
