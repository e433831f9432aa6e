"""Backups of a running archive: the database and the source texts, consistent
with each other. The index is not saved; it is rebuilt from the database.

A backup is a directory `archive-YYYYmmdd-HHMMSS/` holding `manifest.json`
(counts, engine, which sources), the database (`db.sqlite3`, made with SQLite's
online backup API, or `db.pgdump`, pg_dump's custom format) and `sources/`.
It is written under a temporary name and renamed when complete.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connection, transaction

from archive import sources

FORMAT = 1
TABLES = {"papers": "archive_newspaper", "issues": "archive_issue", "pages": "archive_page",
          "articles": "archive_article", "people": "archive_person", "bylines": "archive_byline",
          "captions": "archive_caption"}
ISSUES = "SELECT p.slug, i.date, i.checksum FROM archive_issue i JOIN archive_newspaper p ON p.id = i.paper_id"


class BackupError(Exception):
    pass


def counts(cursor) -> dict[str, int]:
    found = {}
    for name, table in TABLES.items():
        cursor.execute(f"SELECT count(*) FROM {table}")
        found[name] = cursor.fetchone()[0]
    return found


def unused_name(dest: Path, name: str) -> Path:
    """Two backups within one second (a cron job and an editor) get -2, -3 ..."""
    candidate, number = dest / name, 1
    while candidate.exists() or candidate.with_name(f".{candidate.name}.partial").exists():
        number += 1
        candidate = dest / f"{name}-{number}"
    return candidate


def backup(dest: Path) -> dict:
    """Write a backup under `dest`; returns its manifest (with `path`)."""
    stamp = datetime.datetime.now(datetime.timezone.utc)
    final = unused_name(Path(dest), f"archive-{stamp:%Y%m%d-%H%M%S}")
    work = final.with_name(f".{final.name}.partial")
    work.mkdir(parents=True)
    try:
        snapshot = {"sqlite": sqlite_snapshot, "postgresql": postgres_snapshot}.get(connection.vendor)
        if snapshot is None:
            raise BackupError(f"cannot back up a {connection.vendor} database")
        manifest, issues = snapshot(work)
        manifest.update(copy_sources(issues, work / "sources"), format=FORMAT, created=stamp.isoformat())
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        os.rename(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return {**manifest, "path": str(final)}


def sqlite_snapshot(work: Path) -> tuple[dict, list]:
    """SQLite's online backup copies a consistent state while others keep
    writing (pages=-1: in one step, so no restart on concurrent writes)."""
    connection.ensure_connection()
    target = work / "db.sqlite3"
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy, pages=-1)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        cursor = copy.cursor()
        return {"engine": "sqlite", "database": target.name, "counts": counts(cursor)}, \
            cursor.execute(ISSUES).fetchall()


def postgres_snapshot(work: Path) -> tuple[dict, list]:
    """pg_dump reads the snapshot our transaction exported, so the dump, the
    counts and the list of sources all describe the same moment."""
    target = work / "db.pgdump"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        run(["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}", f"--file={target}"])
        found = counts(cursor)
        cursor.execute(ISSUES)
        return {"engine": "postgresql", "database": target.name, "counts": found}, cursor.fetchall()


def pg_env() -> dict:
    s = connection.settings_dict
    env = {"PGHOST": s["HOST"], "PGPORT": str(s["PORT"] or ""), "PGUSER": s["USER"],
           "PGPASSWORD": s["PASSWORD"], "PGDATABASE": s["NAME"]}
    return {**os.environ, **{k: v for k, v in env.items() if v}}


def run(command: list[str]):
    try:
        done = subprocess.run(command, env=pg_env(), capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} not found: install the PostgreSQL client") from None
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def copy_sources(issues, target: Path) -> dict:
    """The kept source of each issue in the snapshot, if it is the version the
    database holds (same SHA-256); others are listed as missing."""
    copied, missing = 0, []
    for slug, date, checksum in issues:
        day = date if isinstance(date, datetime.date) else datetime.date.fromisoformat(date)
        path = sources.source_path(slug, day)
        data = path.read_bytes() if path.exists() else b""
        if not checksum or hashlib.sha256(data).hexdigest() != checksum:
            missing.append(f"{slug}/{day:%Y-%m-%d}")
            continue
        out = target / slug / path.name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        copied += 1
    return {"sources": copied, "missing_sources": sorted(missing)}
