"""make run's sample papers: only into an archive without papers, or when asked (SAMPLES=1)."""
import io

from django.core.management import call_command
from django.test import TestCase

from archive.models import Issue, Newspaper
from archive.samples import SAMPLE_PAPERS


def load(*args):
    out = io.StringIO()
    call_command("load_samples", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


class SampleLoadingTests(TestCase):
    def test_empty_archive_gets_every_sample_paper(self):
        load()
        self.assertEqual(set(Newspaper.objects.values_list("slug", flat=True)),
                         {slug for _, _, slug, _ in SAMPLE_PAPERS})
        self.assertTrue(Issue.objects.exists())

    def test_archive_with_a_real_paper_gets_none(self):
        Newspaper.objects.create(name="某市日报", slug="moushi-ribao")
        out = load()
        self.assertIn("samples not loaded", out)
        self.assertEqual(list(Newspaper.objects.values_list("slug", flat=True)), ["moushi-ribao"])

    def test_always_loads_them_beside_real_papers(self):
        Newspaper.objects.create(name="某市日报", slug="moushi-ribao")
        load("--always")
        self.assertEqual(Newspaper.objects.count(), 1 + len(SAMPLE_PAPERS))
