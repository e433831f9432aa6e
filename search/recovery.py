"""Bringing the index back in line with the database after a crash.

An import commits each issue and indexes the run's articles at the end, so an
import that dies (SIGKILL, OOM, power) can leave committed articles unindexed,
deleted ones still indexed, and updated ones indexed with their old text.
Ids that differ are found by comparing ids; stale text is not, so each import
leaves a marker in DATA_DIR/runs while it runs. The marker is locked (flock)
for the life of the process and the kernel drops the lock when it dies, so a
marker that nobody holds belongs to a dead run: everything imported since it
started is indexed again.
"""
from __future__ import annotations

import datetime
import fcntl
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from archive.models import Article

from . import checks, indexing

PREFIX = "import-"


def runs_dir() -> Path:
    path = Path(settings.DATA_DIR) / "runs"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def import_run():
    """Mark an import as running until the block ends. The marker is locked before
    it gets its visible name, so no one ever sees it unlocked while we live."""
    folder = runs_dir()
    started = timezone.now()
    name = f"{PREFIX}{started:%Y%m%dT%H%M%S.%f}-{os.getpid()}.json"
    tmp = folder / f".{name}"
    fd = os.open(tmp, os.O_CREAT | os.O_RDWR | os.O_TRUNC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, json.dumps({"pid": os.getpid(), "started": started.isoformat()}).encode())
        os.rename(tmp, folder / name)
        yield
        os.unlink(folder / name)
    finally:
        os.close(fd)


@dataclass
class DeadRun:
    path: Path
    fd: int
    started: datetime.datetime


def claim_dead_runs() -> list[DeadRun]:
    """Markers whose process is gone, locked by us so that no one else repairs them too."""
    dead = []
    for path in sorted(runs_dir().glob(f"{PREFIX}*.json")):
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:  # finished, or claimed and removed, meanwhile
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            started = marker_start(path)
        except (BlockingIOError, FileNotFoundError):  # alive, or already repaired by another
            os.close(fd)
            continue
        dead.append(DeadRun(path, fd, started))
    return dead


def marker_start(path: Path) -> datetime.datetime:
    if not path.exists():  # removed between our open and our lock
        raise FileNotFoundError(path)
    try:
        return datetime.datetime.fromisoformat(json.loads(path.read_text())["started"])
    except (ValueError, KeyError):  # killed while writing it: use the file's own time
        return datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc)


def dead_run_count() -> int:
    runs = claim_dead_runs()
    release(runs, remove=False)
    return len(runs)


def release(runs: list[DeadRun], remove: bool):
    for run in runs:
        if remove:
            run.path.unlink(missing_ok=True)
        os.close(run.fd)


@dataclass
class Repair:
    dead_runs: int = 0
    indexed: int = 0
    removed: int = 0


def repair(only_after_crash: bool = False) -> Repair:
    """Index what is missing, drop what is gone, and re-index the articles of
    issues imported since the start of any dead run. With `only_after_crash`,
    do nothing unless a run died (the cheap check import_issue makes on start)."""
    runs = claim_dead_runs()
    try:
        if only_after_crash and not runs:
            return Repair()
        missing, extra = checks.differences()
        ids = missing | extra
        if runs:
            since = min(run.started for run in runs)
            ids |= set(Article.objects.filter(issue__imported_at__gte=since).values_list("pk", flat=True))
        indexed, removed = indexing.reconcile(ids) if ids else (0, 0)
    except BaseException:
        release(runs, remove=False)  # a later repair must still see them
        raise
    release(runs, remove=True)
    return Repair(len(runs), indexed, removed)
