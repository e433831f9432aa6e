"""Issue files parsed ahead of the importer, in one worker process per core.

Parsing is CPU work that needs no database, and on a bulk load it is most of the
importer's time besides writing. Here the next few files are parsed in worker
processes while the main process writes the current one: the database stays in
the main process, which still writes one issue at a time, in order, each in its
own transaction, exactly as when it parses for itself (archive/importer.py).

A file that fails to parse fails in its worker; the error (IngestError: file and
line) comes back and is raised for that file when the importer reaches it, so it
is reported and nothing of it is written, as before. A parser bug comes back as
the importer's InternalError, with the worker's traceback as a note on its cause.
Files the importer will skip (unchanged since their last import) are not parsed.

A worker also makes the repeats' fingerprint of each parsed body (archive/repeats.py, MinHash
and bands: a function of the text alone), which the main process would otherwise make while
it writes; the importer's process then only looks them up and writes the rows.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import traceback
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from archive.ingest import IngestError

# archive.importer is imported where it is used: a spawned worker imports this module
# to find its functions, before Django is set up to import the models.

# Fewer files than this are parsed in the main process: starting workers (~1 s) would cost more.
MIN_FILES = 8


@dataclass
class _Crash:
    """A parser bug in a worker: its cause, made safe to send back."""
    cause: BaseException


class ParseAhead:
    """parse(path, encoding) for the importer, answered from workers that parse the
    files in `files` order, up to two per worker ahead of the one asked for.
    `wanted(path)` says whether the importer will parse a file at all."""

    def __init__(self, files, encoding=None, wanted=lambda path: True, processes: int | None = None,
                 fingerprints: bool = True):
        self.files, self.encoding, self.wanted = iter(files), encoding, wanted
        self.fingerprints = fingerprints
        processes = processes or os.cpu_count() or 1
        self.window = 2 * processes
        self.ahead: deque[tuple[Path, object]] = deque()
        self.broken = False
        # spawn, not fork: a forked worker would hold the import's run marker locked
        # (search/recovery.py) and outlive a killed import, which then never looks dead.
        from archive import repeats

        # The workers fingerprint with the permutations made here: they need not import datasketch.
        self.pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_start_worker,
                                        initargs=(repeats.permutations() if fingerprints else None,))

    def __enter__(self):
        return self.parse

    def __exit__(self, *exc):
        self.pool.shutdown(wait=True, cancel_futures=True)

    def parse(self, path: Path, encoding=None):
        from archive import repeats
        from archive.importer import InternalError, parse

        self._fill()
        repeats.made_ahead({})
        if encoding != self.encoding or all(queued != path for queued, _ in self.ahead):
            return parse(path, encoding)
        while self.ahead[0][0] != path:
            self.ahead.popleft()[1].cancel()  # files the importer skipped (a bad date, written meanwhile)
        future = self.ahead.popleft()[1]
        self._fill()
        try:
            found = future.result()
        except IngestError:
            raise
        except Exception:  # noqa: BLE001 - a worker died (killed, out of memory): parse here instead
            return parse(path, encoding)
        if isinstance(found, _Crash):
            raise InternalError(path, found.cause, "parsing") from found.cause
        parsed, fingerprints = found
        repeats.made_ahead(fingerprints)
        return parsed

    def _fill(self):
        while len(self.ahead) < self.window and not self.broken:
            path = next(self.files, None)
            if path is None:
                return
            if self.wanted(path):
                try:
                    self.ahead.append((path, self.pool.submit(parse_in_worker, path, self.encoding,
                                                                   self.fingerprints)))
                except BrokenProcessPool:  # a worker died: the importer parses the rest itself
                    self.broken = True


def _start_worker(permutations=None):
    import django

    die_with_parent()
    django.setup()  # the importer's module imports the models; the worker opens no connection
    if permutations is not None:
        from archive import repeats

        repeats.given_permutations(permutations)


def die_with_parent(parent: int | None = None) -> bool:
    """SIGTERM when the parent process dies, even killed outright (Linux PR_SET_PDEATHSIG):
    a parse-ahead worker otherwise waits on its queue for ever, an orphan, after each killed
    import (and bench-scale's import would run on beside the attempt that resumes it).
    `parent`: the pid the caller was started by; False when it died before this call, which
    no signal will then report."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: no such call
    return parent is None or os.getppid() == parent


def parse_in_worker(path: Path, encoding, fingerprints: bool = True):
    """The importer's parse() and, if asked, the fingerprints of its bodies
    (repeats.fingerprints_ahead); an IngestError is raised back as it is (it pickles with
    its file and line), a bug is returned as a _Crash carrying its cause."""
    from archive import repeats
    from archive.importer import InternalError, body_of, parse

    try:
        parsed = parse(path, encoding)
    except InternalError as exc:
        cause = exc.__cause__
        note = "in a parsing worker:\n" + "".join(traceback.format_exception(cause))
        try:
            pickle.dumps(cause)
        except Exception:  # noqa: BLE001 - any unpicklable exception
            cause = RuntimeError(f"{type(cause).__name__}: {cause}")
        cause.add_note(note)
        return _Crash(cause)
    return parsed, repeats.fingerprints_ahead(body_of(a) for a in parsed.articles) if fingerprints else {}


def parse_ahead(files: list, encoding=None, wanted=lambda path: True, fingerprints: bool = True):
    """A context giving the importer's parse function: ParseAhead for many files, else parse().
    `fingerprints`: the workers also fingerprint the bodies (not for a dry run, which writes none)."""
    from archive.importer import parse

    if len(files) < MIN_FILES:
        return nullcontext(parse)
    return ParseAhead(files, encoding, wanted, fingerprints=fingerprints)
