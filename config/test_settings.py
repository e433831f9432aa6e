"""Settings for the test suite: tests never touch ./data. The database is Django's
test database; the search index and anything else written go to a temporary
DATA_DIR (set here, before the settings read it, unless the caller chose one)."""
import os
import tempfile

os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="archive-tests-"))

from .settings import *  # noqa: E402,F403
