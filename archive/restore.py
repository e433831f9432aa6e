"""Restore a backup (archive/backup.py) into this site's database and DATA_DIR,
then rebuild the search index from the database."""
from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from archive import sources
from archive.backup import FORMAT, BackupError, counts, run
from archive.models import Article, Issue


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder}: not a backup ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder}: backup format {manifest.get('format')}, this code reads {FORMAT}")
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"{folder}: a {manifest['engine']} backup cannot be restored into "
                          f"{connection.vendor}; restore it into {manifest['engine']} and move the data "
                          "with dumpdata/loaddata")
    return manifest


def is_empty() -> bool:
    return "archive_issue" not in connection.introspection.table_names() or not Issue.objects.exists()


def restore(folder: Path, force: bool = False) -> dict:
    """Returns the restored counts; refuses to overwrite an archive that has issues unless `force`."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if not (force or is_empty()):
        raise BackupError("the database already holds issues: restore into an empty one, or use --force")
    database = folder / manifest["database"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(database)) as source:
            source.backup(connection.connection)
    else:
        run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             f"--dbname={connection.settings_dict['NAME']}", str(database)])
    call_command("migrate", interactive=False, verbosity=0)  # an older backup meets newer code
    restore_sources(folder / "sources")
    with connection.cursor() as cursor:
        found = counts(cursor)
    if found != manifest["counts"]:
        raise BackupError(f"restored counts {found} differ from the backup's {manifest['counts']}")
    rebuild_index()
    return found


def restore_sources(folder: Path):
    target = sources.sources_dir()
    if target.exists():
        shutil.rmtree(target)
    if folder.is_dir():
        shutil.copytree(folder, target)


def rebuild_index() -> int:
    from search import indexing

    indexing.backend().clear()
    ids = list(Article.objects.values_list("pk", flat=True))
    indexing.reconcile(ids)
    indexing.backend().optimize()
    return len(ids)
