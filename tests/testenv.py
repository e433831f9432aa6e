"""Tests never touch ./data: the database is Django's test database, the search
index goes to a temporary directory, and DATA_DIR (secret key, run markers)
is a fresh one. Loaded with `-p tests.testenv` (pytest.ini) because settings are
imported by pytest-django before any conftest.py is read."""
import os
import tempfile

os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="archive-tests-"))
