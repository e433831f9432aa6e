"""Both engines answer the same (make test-solr): the sample papers and the real seed issue
indexed by the embedded engine and by the SolrCloud engine (solr/backend.py) give, for
queries of every eval-search class (bench/eval_search.py), field and boolean queries,
filters and sorts, with and without folding repeats, the same hits, totals, folded
counts and facet counts.

Relevance order is each engine's own: hits are compared as sets, and in sorted searches
the sequence of sort keys is compared too. A folded search lists one printing of each
story, and which one is a matter of score, so its hits are compared by story.

Only collected when SOLR_URL is set (tests/conftest.py)."""
import os
import random
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
import zhconv
from django.core.management import call_command
from django.test import TestCase, override_settings
from haystack import connections

from archive.models import Article, Byline, Person
from search import indexing, searching
from solr.backend import ArchiveSolrBackend
from search.analysis import is_wordlike, query_words
from search.search_indexes import searchable_text
from tests.archive_helpers import run_import
from tests.test_repeats import FRONT, NEXT_DAY

SOLR_URL = os.environ.get("SOLR_URL", "").rstrip("/")
if not SOLR_URL:
    pytest.fail("SOLR_URL is not set: run `make test-solr`", pytrace=False)
COLLECTION = os.environ.get("SOLR_COLLECTION", "archive")
SEED = Path(__file__).resolve().parents[1].parent / "shared/corpus/seed/000_2bfb1372dd393540.txt"
SYNTAX = set('"“”()（）:：-＂「」\\|&') | {" ", "\n", "\t", "\u3000"}
PER_CLASS = 6


@contextmanager
def engine(config: dict):
    """Searches and indexing in the block go to the engine `config` names."""
    with override_settings(HAYSTACK_CONNECTIONS=config):
        connections.connections_info = config
        connections.reload("default")
        try:
            yield
        finally:
            from django.conf import settings

            connections.connections_info = settings.HAYSTACK_CONNECTIONS
            connections.reload("default")


def usable(text: str) -> bool:
    return bool(text) and is_wordlike(text) and not (set(text) & SYNTAX) and text.upper() not in (
        "OR", "AND", "NOT", "或", "非")


def draw(rng, make, n) -> list[str]:
    found = {}
    for _ in range(n * 200):
        if len(found) >= n:
            break
        text = make()
        if usable(text):
            found.setdefault(text, None)
    return list(found)


def eval_classes(texts: list[str], rng: random.Random) -> list[str]:
    """Queries of each eval-search class, drawn from the archive's own text."""
    raw = "\0".join(texts)
    words = Counter(w for text in texts for w in query_words(text) if len(w) >= 2 and usable(w))
    common = [w for w, _ in words.most_common(200)]

    def span(lo, hi):
        i = rng.randrange(len(raw))
        return raw[i:i + rng.randint(lo, hi)].split("\0")[0]

    names = sorted({n for n in Person.objects.values_list("name", flat=True) if usable(n)})
    credited = sorted({b.person.name for b in Byline.objects.select_related("person") if usable(b.person.name)})
    chars = draw(rng, lambda: span(1, 1), PER_CLASS)
    traditional = draw(rng, lambda: zhconv.convert(rng.choice(common) if rng.random() < 0.5 else span(2, 6),
                                                   "zh-hant"), PER_CLASS)
    return (common[:3] + rng.sample(common, PER_CLASS - 3) + rng.sample(names, min(PER_CLASS, len(names)))
            + rng.sample(credited, min(PER_CLASS, len(credited))) + draw(rng, lambda: span(2, 6), PER_CLASS)
            + chars + traditional + [f'"{p}"' for p in draw(rng, lambda: span(3, 10), PER_CLASS)])


def structured(words: list[str], article) -> list[str]:
    """Field, boolean and date queries around a few common words and one article's values."""
    a, b, c = words[:3]
    name = article.bylines.first().person.name if article.bylines.exists() else a
    return [
        f"{a} {b}", f"{a} OR {b}", f"{a} -{b}", f"({a} OR {b}) {c}", f"NOT {a}", f"-{a} -{b}",
        f"标题:{article.title[:2]}", f"标题:({a} OR {b})", f"作者:{name[:1]}", f'作者:"{name}"',
        f"{a} 版:1", f"{a} -版:1", f"栏目:{article.column[:2] or a}", f"来源:{article.dateline_source[:1] or a}",
        f"报纸:{article.issue.paper.slug}", f"报纸:{article.issue.paper.name[:2]}",
        f"{a} date:{article.issue.date:%Y-%m}", f"date:{article.issue.date:%Y}",
        f"{b} date:..{article.issue.date}", f"{b} date:{article.issue.date}..", f"“{a}{b}” OR {c}",
        # The Solr parser's syntax characters, which must reach it as text.
        '"COVID-19"', '"3.5%"', '"C++ 2.0" OR a/b', f'"{a}\\"{b}"', "栏目:a/b", "作者:王*", "来源:?", "报纸:[x]",
        f"{a} -\"{b}:\"", "标题:(x) OR {y}^2 ~1",
    ]


def filtered(words: list[str], article) -> list[tuple[str, dict]]:
    a, b = words[:2]
    name = article.bylines.first().person.name if article.bylines.exists() else ""
    return [(a, {"paper": article.issue.paper.slug}), (b, {"year": f"{article.issue.date:%Y}"}),
            (a, {"month": f"{article.issue.date:%Y-%m}"}), (a, {"page": "1"}), ("", {"bylines": name}),
            ("", {"paper": article.issue.paper.slug}), (a, {"source": article.dateline_source}),
            ("", {"column": article.column}), (b, {"paper": article.issue.paper.slug, "page": "1"})]


def answer(q: str, filters: dict, sort: str, collapse: bool) -> dict:
    found = searching.search(q, filters=filters, sort=sort, per_page=100, highlight=False, collapse=collapse)
    if found.error:
        return {"error": found.error}
    sqs = searching.build(q, filters, sort=sort, collapse=collapse)
    hits = list(sqs[0:max(found.total, 1)])
    key = (lambda hit: int(hit.story)) if collapse else (lambda hit: int(hit.pk))
    out = {"total": found.total, "folded": found.folded, "facets": found.facets, "months": found.months,
           "hits": sorted(key(hit) for hit in hits)}
    if sort != "relevance":
        out["order"] = [(f"{hit.date:%Y-%m-%d}", hit.seq) for hit in hits]
    return out


class EngineEquivalenceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.whoosh = {"default": {"ENGINE": "search.backend.ArchiveWhooshEngine", "PATH": f"{cls.tmp.name}/index"}}
        cls.solr = {"default": {"ENGINE": "solr.backend.ArchiveSolrEngine", "URL": f"{SOLR_URL}/{COLLECTION}"}}
        with engine(cls.whoosh):
            call_command("load_samples", verbosity=0)
            if SEED.exists():  # the real issue, read from the corpus beside the project
                run_import(str(SEED), "--date", "2024-05-20", paper="种子日报", slug="seed-daily")
            for name, text in (("2024-03-05.txt", FRONT), ("2024-03-06.txt", NEXT_DAY)):  # repeats to fold
                path = Path(cls.tmp.name) / name
                path.write_text(text, encoding="utf-8")
                run_import(str(path))
            call_command("find_repeats", verbosity=0)
        for config in (cls.whoosh, cls.solr):
            with engine(config):
                call_command("rebuild_index", interactive=False, verbosity=0)

    @classmethod
    def tearDownClass(cls):
        with engine(cls.solr):
            call_command("clear_index", interactive=False, verbosity=0)
        cls.tmp.cleanup()
        super().tearDownClass()

    def cases(self) -> list[tuple[str, dict, str, bool]]:
        rng = random.Random(20240520)
        articles = list(Article.objects.select_related("issue__paper").order_by("pk"))
        texts = [searchable_text(a) for a in articles]
        queries = eval_classes(texts, rng) + ["口袋公园", "开放"]
        words = [q for q in queries if len(q) >= 2 and '"' not in q][:3]
        bylined = next((a for a in articles if a.bylines.exists() and a.column), articles[0])
        cases = [(q, {}, "relevance", collapse) for q in queries for collapse in (True, False)]
        cases += [(q, {}, "relevance", True) for q in structured(words, bylined)]
        cases += [(q, f, "relevance", True) for q, f in filtered(words, bylined)]
        for sort in ("newest", "oldest"):
            cases += [(q, {}, sort, collapse) for q in words + ["", "date:2000.."] for collapse in (True, False)]
            cases += [(q, f, sort, True) for q, f in filtered(words, bylined)[:3]]
        return cases

    def test_both_engines_give_the_same_hits_totals_and_facets(self):
        self.assertTrue(SEED.exists(), f"the seed issue is read from {SEED}")
        cases = self.cases()
        with engine(self.whoosh):
            embedded = [answer(*case) for case in cases]
        with engine(self.solr):
            self.assertIsInstance(indexing.backend(), ArchiveSolrBackend)
            clustered = [answer(*case) for case in cases]
        self.assertGreaterEqual(len(cases), 100)
        found = [a for a in embedded if a.get("total")]
        self.assertGreater(len(found), len(cases) // 2, "most queries find something")
        self.assertTrue(any(a.get("folded") for a in embedded), "some searches fold repeats")
        for case, mine, theirs in zip(cases, embedded, clustered):
            with self.subTest(query=case[0], filters=case[1], sort=case[2], collapse=case[3]):
                self.assertEqual(theirs, mine)
