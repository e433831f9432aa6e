"""The bundled sample issues, imported once per test class with a search index of its own."""
import io
import shutil
import tempfile
from pathlib import Path

import html5lib
from django.conf import settings
from django.core.management import call_command
from django.test import TestCase, override_settings
from haystack import connections

SAMPLES = Path(settings.BASE_DIR) / "samples"
SAMPLE_PAPERS = {"qinghe-daily": "清河日报", "yunling-evening": "云岭晚报"}


def import_samples():
    for slug, name in SAMPLE_PAPERS.items():
        call_command("import_issue", str(SAMPLES / slug), paper=name, paper_slug=slug,
                     stdout=io.StringIO(), stderr=io.StringIO())


def index_config(path: str) -> dict:
    return {"default": {"ENGINE": "search.backend.ArchiveWhooshEngine", "PATH": path}}


def reload_connections():
    """haystack's engines read settings.HAYSTACK_CONNECTIONS when made: call after changing it."""
    connections.connections_info = settings.HAYSTACK_CONNECTIONS
    connections.reload("default")


class TempIndexClassMixin:
    """A search index in a temporary directory for the whole test class."""

    @classmethod
    def setUpClass(cls):
        cls._index_dir = tempfile.mkdtemp(prefix="archive-index-")
        cls._index_override = override_settings(HAYSTACK_CONNECTIONS=index_config(cls._index_dir))
        cls._index_override.enable()
        reload_connections()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._index_override.disable()
        reload_connections()
        shutil.rmtree(cls._index_dir, ignore_errors=True)


class SampleArchiveTestCase(TempIndexClassMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        import_samples()

    def assertValidHtml(self, response):
        """A whole HTML5 document that parses without a single error."""
        text = response.content.decode("utf-8")
        self.assertTrue(text.lstrip().lower().startswith("<!doctype html>"), response.request["PATH_INFO"])
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse(text)
        except html5lib.html5parser.ParseError as exc:
            line = text.splitlines()[parser.errors[0][0][0] - 1] if parser.errors else ""
            self.fail(f"{response.request['PATH_INFO']}: {exc}\n{line.strip()[:200]}")
        return text
