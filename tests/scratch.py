"""A database of its own for work done in other processes (kill, restore),
on the same server as the test run: a SQLite file, or a PostgreSQL database
created and dropped around the block. Also helpers to run manage.py there."""
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def postgres_url(settings: dict, name: str) -> str:
    auth = quote(settings["USER"] or "")
    if settings["PASSWORD"]:
        auth += ":" + quote(settings["PASSWORD"])
    return f"postgres://{auth}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{name}"


@contextmanager
def scratch_database(folder: Path):
    """Yields a DATABASE_URL for an empty database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{folder / 'archive.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"scratch_{uuid.uuid4().hex[:12]}"
    admin = postgres_url(settings, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_url(settings, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def site_env(data_dir: Path, database_url: str, **extra) -> dict:
    return {**os.environ, "DATA_DIR": str(data_dir), "DATABASE_URL": database_url,
            "INDEX_PATH": str(data_dir / "index"), **extra}


def manage_cmd(*args) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *map(str, args)]


def manage(env: dict, *args, check=True, timeout=300) -> subprocess.CompletedProcess:
    run = subprocess.run(manage_cmd(*args), cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=timeout)
    if check and run.returncode:
        raise AssertionError(f"manage.py {' '.join(map(str, args))} failed ({run.returncode}):\n"
                             f"{run.stdout}\n{run.stderr}")
    return run
