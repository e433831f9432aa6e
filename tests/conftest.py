"""Tests never touch ./data: the database is Django's test database and the
search index goes to a temporary directory."""
import os
import tempfile

os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="archive-tests-"))
