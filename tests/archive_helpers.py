"""Shared bits for the importer tests: a small fictional issue and a runner."""
import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

PAPER = "清河日报"
SLUG = "qinghe-daily"

# Invented text: short headings without end punctuation, a blank line, then
# paragraphs ending in 。 with the dateline at the start of the first one.
ISSUE = """\
清河县春耕生产全面展开

本报讯（记者 王小明）连日来，清河县各乡镇抢抓农时，组织农机下田作业，春耕生产全面展开。

据县农业部门介绍，全县今年计划播种面积比去年增加两千亩。

城南老街改造完工

本报讯（记者 李红）城南老街改造工程日前完工，街道两侧新栽了一百多棵梧桐树。

附近居民表示，老街变宽了，出行更方便了。

县图书馆延长开放时间

本报讯（记者 赵小华）从下月起，县图书馆每天开放到晚上九点，周末照常开放。
"""

EXTRA = """
河滨公园新添健身步道

本报讯（记者 王小明）河滨公园新修的健身步道近日开放，全长三公里。
"""


class TempDirMixin:
    """A fresh directory per test, removed afterwards."""

    def setUp(self):
        super().setUp()
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = Path(tmp.name)

    def write(self, name, text=ISSUE, encoding="utf-8"):
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return path


def run_import(*args, paper=PAPER, slug=SLUG):
    """Run import_issue; returns (stdout, stderr, CommandError or None)."""
    return run_command("import_issue", *args, paper=paper, slug=slug)


def run_articles(*args, paper=PAPER, slug=SLUG):
    """Run import_articles; returns (stdout, stderr, CommandError or None)."""
    return run_command("import_articles", *args, paper=paper, slug=slug)


def run_command(name, *args, paper=PAPER, slug=SLUG):
    out, err = io.StringIO(), io.StringIO()
    options = {"paper": paper, "stdout": out, "stderr": err}
    if slug:
        options["paper_slug"] = slug
    try:
        call_command(name, *map(str, args), **options)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None
