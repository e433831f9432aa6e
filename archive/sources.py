"""The source texts: each imported file is kept as DATA_DIR/sources/<paper>/<date>.txt,
so that a backup holds what the archive was parsed from, and an issue can be
parsed again (after a parser fix) without the original upload."""
import os
from pathlib import Path

from django.conf import settings


def sources_dir() -> Path:
    return Path(settings.DATA_DIR) / "sources"


def source_path(paper_slug: str, date) -> Path:
    return sources_dir() / paper_slug / f"{date:%Y-%m-%d}.txt"


def keep(data: bytes, paper_slug: str, date) -> Path:
    """Store an issue's source; replaced whole, so a reader never sees half a file."""
    target = source_path(paper_slug, date)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return target
