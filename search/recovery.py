"""Bringing the index back in line with the database after a crash.

An import commits each issue and indexes the run's articles at the end, so an
import that dies (SIGKILL, OOM, power) can leave committed articles unindexed,
deleted ones still indexed, and updated ones indexed with their old text.
Ids that differ are found by comparing ids; stale text is not, so each import
leaves a marker in DATA_DIR/runs while it runs. The marker is locked (flock)
for the life of the process and the kernel drops the lock when it dies, so a
marker that nobody holds belongs to a dead run. Every indexed document carries
the stamp of the import its text came from (its issue's imported_at, which an
import sets in the transaction that rewrites the articles), so of the articles
imported since a dead run started only those indexed with another stamp, or
none, are indexed again: a big import that died halfway through its index
write resumes where its last commit left off (docs/deploy.md, "Imports").

Edits made in the admin write their article ids to DATA_DIR/runs/waiting-*.json
before they touch the index and remove the file once the index has them
(search/indexing.py: after_commit); the files left over are indexed by the
next writer.
"""
from __future__ import annotations

import datetime
import fcntl
import json
import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from archive.models import Article

from . import checks, indexing
from .search_indexes import import_stamp

PREFIX = "import-"
WAITING = "waiting-"


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


def note(ids) -> Path:
    """Write down ids whose index update is about to be tried."""
    folder = runs_dir()
    path = folder / f"{WAITING}{uuid.uuid4().hex}.json"
    tmp = folder / f".{path.name}"
    tmp.write_text(json.dumps(sorted(ids)))
    os.rename(tmp, path)  # never seen half-written
    return path


def waiting() -> list[Path]:
    return sorted(runs_dir().glob(f"{WAITING}*.json"))


def waiting_ids() -> tuple[list[Path], set[int]]:
    notes, ids = [], set()
    for path in waiting():
        try:
            ids.update(json.loads(path.read_text()))
        except FileNotFoundError:  # indexed and removed by another writer meanwhile
            continue
        notes.append(path)
    return notes, ids


def forget(notes: list[Path]):
    for path in notes:
        path.unlink(missing_ok=True)


@dataclass
class Repair:
    dead_runs: int = 0
    indexed: int = 0
    removed: int = 0
    checked: int = 0  # articles imported since the earliest dead run started
    stale: int = 0  # of those, indexed with another stamp (or none)

    def summary(self) -> str:
        text = f"{self.indexed} indexed, {self.removed} removed"
        if self.dead_runs:
            text += (f"; of the {self.checked} articles imported since the first dead run started, "
                     f"{self.stale} were stale")
        return text


def repair(only_after_crash: bool = False) -> Repair:
    """Index what is missing, drop what is gone, index again the articles of edits
    still waiting and, of those imported since the start of any dead run, the ones
    whose indexed stamp is not their issue's. With `only_after_crash`, do nothing
    unless a run died (the cheap check import_issue makes on start; its own end
    indexes waiting edits)."""
    runs = claim_dead_runs()
    try:
        if only_after_crash and not runs:
            return Repair()
        indexed = indexing.backend().stamps()
        missing, extra = checks.differences(indexed.keys())
        notes, edited = waiting_ids()
        checked, stale = stale_since(min(run.started for run in runs), indexed) if runs else (0, set())
        ids = missing | extra | edited | stale
        done = indexing.reconcile(ids) if ids else (0, 0)
    except BaseException:
        release(runs, remove=False)  # a later repair must still see them
        raise
    release(runs, remove=True)
    forget(notes)
    return Repair(len(runs), *done, checked, len(stale))


def stale_since(since: datetime.datetime, indexed: dict[int, int | None]) -> tuple[int, set[int]]:
    """(how many articles of issues imported since `since`, those of them indexed with
    another stamp than their issue's or with none). An import bumps its issue's
    imported_at in the transaction that rewrites the articles, and the index stores the
    stamp read with the text it indexed: equal stamps mean the indexed text is that
    import's. Edits made since are in the waiting notes."""
    rows = Article.objects.filter(issue__imported_at__gte=since).values_list("pk", "issue__imported_at")
    checked, stale = 0, set()
    for pk, imported_at in rows.iterator(chunk_size=20000):
        checked += 1
        if pk in indexed and indexed[pk] != import_stamp(imported_at):
            stale.add(pk)
    return checked, stale
