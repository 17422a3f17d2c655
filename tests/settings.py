"""Settings for the test suite: the real settings, with a throw-away data directory
and a fast password hasher. DATABASE_URL (if set) picks PostgreSQL as usual."""

import os
import tempfile

os.environ.setdefault("NOMENTUM_DATA_DIR", tempfile.mkdtemp(prefix="nomentum-test-"))

from nomentum.settings import *  # noqa: F403

# The suite sends hundreds of requests a minute; tests/api/test_limits.py sets its own.
API_RATE_PER_TOKEN = API_RATE_PER_ADDRESS = "off"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
