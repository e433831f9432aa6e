"""Tests never touch ./data: the database is Django's test database, the search
index goes to a temporary directory, and DATA_DIR (secret key, run markers)
is a fresh one, removed when the run ends. Loaded with `-p tests.testenv`
(pytest.ini) because settings are imported by pytest-django before any
conftest.py is read."""
import atexit
import os
import shutil
import tempfile

if "DATA_DIR" not in os.environ:
    os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="archive-tests-")
    atexit.register(shutil.rmtree, os.environ["DATA_DIR"], ignore_errors=True)
