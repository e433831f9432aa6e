"""The bundled fictional sample papers (samples/): demo data for `make run` on a fresh clone.

They are loaded only into an archive without papers, so that a site with real papers
never shows invented ones beside them, unless asked (`SAMPLES=1 make run`)."""
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from archive.models import Newspaper

# (path under samples/, paper name, slug, import command)
SAMPLE_PAPERS = [
    ("qinghe-daily", "清河日报", "qinghe-daily", "import_issue"),
    ("yunling-evening", "云岭晚报", "yunling-evening", "import_issue"),
    ("linjiang-morning", "临江晨报", "linjiang-morning", "import_articles"),
]


def samples_root() -> Path:
    return Path(settings.BASE_DIR) / "samples"


def load_samples(*, always: bool = False, root: Path | None = None, stdout=None, stderr=None) -> int:
    """Import the sample papers; returns how many were imported (0: the archive has papers)."""
    if Newspaper.objects.exists() and not always:
        return 0
    root = root or samples_root()
    loaded = 0
    for path, name, slug, command in SAMPLE_PAPERS:
        if not (root / path).exists():
            continue  # a trimmed checkout: the others still load
        call_command(command, str(root / path), paper=name, paper_slug=slug, stdout=stdout, stderr=stderr)
        loaded += 1
    return loaded
