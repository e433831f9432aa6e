"""Measure search recall and precision against brute-force substring matching.

    python bench/eval_search.py [CORPUS_DIR] [--per-class N] [--seed S] [--out FILE] [--data-dir DIR]

CORPUS_DIR (default ../shared/corpus/rmrb-dev) is imported into a throwaway
database and index. Queries of six classes are drawn from its text with a
fixed seed, run through search.searching.build, and compared with the
articles whose folded searchable text contains the folded query.
"""
from __future__ import annotations

import argparse
import bisect
import collections
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.analysis import fold, is_wordlike, query_words, segmenter  # noqa: E402

PAPER, PAPER_SLUG = "人民日报", "rmrb"
# Characters the query language reads as syntax (phrase, group, field, exclusion,
# escape; ＂ and 「 open phrases too), and words it reads as operators.
RESERVED = set('"“”()（）:：-＂「」\\')
OPERATORS = {"OR", "AND", "NOT", "或", "非", "|", "&"}
CLASSES = ("common", "name", "substring", "char", "traditional", "phrase")
TOP_WORDS = 1000  # "common" queries are drawn from this many most frequent words
MAX_EXAMPLES, CONTEXT = 10, 40
DEFAULT_OUT = ROOT / "docs" / "search-quality.md"


def setup_django(data_dir: Path) -> None:
    """Point every store at data_dir before settings are read, so nothing real is touched."""
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir / 'archive.sqlite3'}"
    os.environ["INDEX_PATH"] = str(data_dir / "index")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()


def import_corpus(corpus: Path) -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"importing {corpus}: issues first, then the search index (slow: minutes) …", flush=True)
    call_command("import_issue", str(corpus), paper=PAPER, paper_slug=PAPER_SLUG)
    return time.perf_counter() - started


class Corpus:
    """Every article's searchable text, joined with NULs so that one str.find
    scan finds the articles containing a string, and no match spans two."""

    def __init__(self):
        from archive.models import Article
        from search.search_indexes import searchable_text

        self.ids, self.starts, parts, offset = [], [], [], 0
        for article in Article.objects.prefetch_related("captions").order_by("pk"):
            text = searchable_text(article)
            self.ids.append(article.pk)
            self.starts.append(offset)
            parts.append(text)
            offset += len(text) + 1
        self.raw = "\0".join(parts)
        self.folded = fold(self.raw)  # fold keeps length, so offsets are shared
        self._bounds = {}

    def find_all(self, text: str) -> dict[int, int]:
        """Article id -> raw offset of the first match, for every article containing `text`."""
        needle, found, pos = fold(text), {}, 0
        while (i := self.folded.find(needle, pos)) != -1:
            k = bisect.bisect_right(self.starts, i) - 1
            found[self.ids[k]] = i
            pos = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.folded)
        return found

    def span(self, rng: random.Random, lo: int, hi: int) -> tuple[int, str]:
        """A random (offset, text) of lo..hi characters; longer articles are picked more often."""
        i = rng.randrange(len(self.raw))
        text = self.raw[i:i + rng.randint(lo, hi)]
        return i, text.split("\0")[0]

    def crosses_words(self, i: int, size: int) -> bool:
        """True if raw[i:i+size] holds a word boundary and cuts into a word at one end."""
        k = bisect.bisect_right(self.starts, i) - 1
        if k not in self._bounds:
            end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.folded)
            cuts, pos = {self.starts[k]}, self.starts[k]
            for word in segmenter().cut(self.folded[self.starts[k]:end]):
                pos += len(word)
                cuts.add(pos)
            self._bounds[k] = cuts
        cuts = self._bounds[k]
        inside = any(b in cuts for b in range(i + 1, i + size))
        return inside and not (i in cuts and i + size in cuts)

    def context(self, offset: int, size: int) -> str:
        """At most CONTEXT characters around a match, on one line."""
        pad = max(0, (CONTEXT - size) // 2)
        text = self.raw[max(0, offset - pad):offset + size + pad].split("\0")
        return max(text, key=len).replace("\n", "⏎")[:CONTEXT]


def usable(text: str) -> bool:
    """Something searchable, and nothing the query language would read as syntax."""
    return (bool(text) and text not in OPERATORS and is_wordlike(text)
            and not any(ch.isspace() or ch in RESERVED for ch in text))


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def draw(make, n: int, accept=usable, tries: int = 200) -> list[str]:
    """Up to n distinct strings from make() that pass accept."""
    found = {}
    for _ in range(n * tries):
        if len(found) >= n:
            break
        text = make()
        if text and accept(text):
            found.setdefault(text, None)
    return list(found)


def frequent_words(corpus: Corpus) -> list[str]:
    print("counting jieba words …", flush=True)
    counts = collections.Counter()
    for text in corpus.raw.split("\0"):
        counts.update(query_words(text))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [w for w, _ in ranked if len(w) >= 2 and usable(w)][:TOP_WORDS]


def person_names(corpus: Corpus) -> list[str]:
    from archive.models import Person

    names = Person.objects.order_by("name").values_list("name", flat=True)
    return [name for name in names if usable(name) and fold(name) in corpus.folded]


def cutting_substring(corpus: Corpus, rng: random.Random) -> str:
    i, text = corpus.span(rng, 2, 6)
    return text if len(text) >= 2 and corpus.crosses_words(i, len(text)) else ""


def single_chars(corpus: Corpus, rng: random.Random, n: int) -> list[str]:
    """Half by frequency (common characters, many hits), half uniformly from the
    distinct characters (mostly rare ones)."""
    frequent = draw(lambda: corpus.span(rng, 1, 1)[1], n // 2, lambda t: is_cjk(t) and usable(t))
    distinct = sorted({ch for ch in corpus.raw if is_cjk(ch) and usable(ch)} - set(frequent))
    return frequent + rng.sample(distinct, min(n - len(frequent), len(distinct)))


def traditional(corpus: Corpus, rng: random.Random, words: list[str], n: int) -> list[str]:
    """Traditional spellings of common words and of random substrings, kept
    only if they differ and their folded form is in the corpus."""
    import zhconv

    def make():
        source = rng.choice(words) if rng.random() < 0.5 else corpus.span(rng, 2, 6)[1]
        converted = zhconv.convert(source, "zh-hant")
        return converted if converted != source else ""

    return draw(make, n, lambda t: usable(t) and fold(t) in corpus.folded)


def make_queries(corpus: Corpus, n: int, seed: int) -> list[tuple[str, str]]:
    """(class, text) pairs; the text is searched as it is, or quoted for "phrase"."""
    rng = random.Random(seed)
    words = frequent_words(corpus)
    classes = {
        "common": rng.sample(words, min(n, len(words))),
        "name": (lambda names: rng.sample(names, min(n, len(names))))(person_names(corpus)),
        "substring": draw(lambda: cutting_substring(corpus, rng), n),
        "char": single_chars(corpus, rng, n),
        "traditional": traditional(corpus, rng, words, n),
        "phrase": draw(lambda: corpus.span(rng, 3, 10)[1], n, lambda t: len(t) >= 3 and usable(t)),
    }
    return [(cls, text) for cls in CLASSES for text in classes[cls]]


@dataclass
class Outcome:
    cls: str
    text: str
    relevant: dict  # article id -> raw offset of its first match
    hits: set
    seconds: float

    @property
    def missed(self) -> list[int]:
        return sorted(set(self.relevant) - self.hits)

    @property
    def extra(self) -> list[int]:
        return sorted(self.hits - set(self.relevant))


def run_queries(corpus: Corpus, queries) -> list[Outcome]:
    from search.searching import build

    build("测试").count()  # open the searcher before timing anything
    outcomes = []
    for n, (cls, text) in enumerate(queries, 1):
        q = f'"{text}"' if cls == "phrase" else text
        started = time.perf_counter()
        sqs = build(q)
        total = sqs.count()
        hits = {int(r.pk) for r in sqs[:total]} if total else set()
        seconds = time.perf_counter() - started
        outcomes.append(Outcome(cls, text, corpus.find_all(text), hits, seconds))
        if n % 100 == 0:
            print(f"  {n}/{len(queries)} queries", flush=True)
    return outcomes


def score(outcomes: list[Outcome]) -> dict:
    relevant = sum(len(o.relevant) for o in outcomes)
    found = sum(len(o.relevant) - len(o.missed) for o in outcomes)
    hits = sum(len(o.hits) for o in outcomes)
    judged = [o for o in outcomes if o.relevant]
    ms = sorted(o.seconds * 1000 for o in outcomes)
    return dict(queries=len(outcomes), relevant=relevant, hits=hits,
                recall=found / relevant if relevant else 1.0,
                full=sum(not o.missed for o in judged) / len(judged) if judged else 1.0,
                precision=found / hits if hits else 1.0,
                p50=statistics.median(ms), p95=ms[min(len(ms) - 1, int(0.95 * len(ms)))])


def targets(stats: dict) -> list[tuple[str, bool]]:
    """(description, met): quoted phrases are exact; unquoted queries may also
    match scattered words, so only their recall has a target."""
    found = [(f"phrase: recall 1.0 (got {stats['phrase']['recall']:.4f})", stats["phrase"]["recall"] == 1.0),
             (f"phrase: precision 1.0 (got {stats['phrase']['precision']:.4f})",
              stats["phrase"]["precision"] == 1.0)]
    for cls in CLASSES[:-1]:
        found.append((f"{cls}: recall ≥ 0.995 (got {stats[cls]['recall']:.4f})", stats[cls]["recall"] >= 0.995))
    return found


def examples(corpus: Corpus, outcomes: list[Outcome]) -> list[str]:
    """A few missed articles (any class) and spurious phrase hits, one per query,
    classes taking turns so that one bad class does not hide the others."""
    queues = {cls: [o for o in outcomes if o.cls == cls and (o.missed or (cls == "phrase" and o.extra))]
              for cls in CLASSES}
    rows = []
    while len(rows) < MAX_EXAMPLES and any(queues.values()):
        for cls in CLASSES:
            if queues[cls] and len(rows) < MAX_EXAMPLES:
                o = queues[cls].pop(0)
                if o.missed:
                    pk, what = o.missed[0], corpus.context(o.relevant[o.missed[0]], len(o.text))
                    rows.append(f"| {cls} | `{o.text}` | missed | {pk} ({len(o.missed)} in all) | {what} |")
                else:
                    rows.append(f"| {cls} | `{o.text}` | not containing it | {o.extra[0]} "
                                f"({len(o.extra)} in all) | |")
    return rows


def table(stats: dict) -> list[str]:
    rows = ["| class | queries | relevant pairs | recall (micro) | queries at recall 1.0 "
            "| precision (micro) | latency median | latency p95 |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for cls, s in stats.items():
        rows.append(f"| {cls} | {s['queries']} | {s['relevant']} | {s['recall']:.4f} | {s['full']:.3f} "
                    f"| {s['precision']:.4f} | {s['p50']:.0f} ms | {s['p95']:.0f} ms |")
    return rows


METHOD = """\
## Method

Each query is drawn (seeded random) from the articles' searchable text
(`search.search_indexes.searchable_text`: headings, editor's note, body,
sidebar, captions), in six classes: **common** jieba words (sampled from the
{top} most frequent words of two or more characters), **name**s (`Person`
names that occur in the text), random 2–6 character **substring**s that hold a
word boundary and cut into a word at one end, single CJK **char**acters (half
by frequency, half uniformly over the distinct characters), **traditional**
spellings (`zhconv` zh-hant) of common words and substrings, and quoted
**phrase**s of 3–10 characters, searched as `"…"`. Queries hold no whitespace,
no `"“”()（）:：-＂「」\\` and are not an operator (`OR`, `或`, `非`, …), so the query
language takes them as plain text.

A query runs through `search.searching.build(q)`, and all its hits are read.
An article is relevant iff `fold(query)` is a substring of
`fold(searchable_text(article))`. Recall and precision are micro-averaged over
(query, article) pairs; "queries at recall 1.0" is the share of queries that
found every relevant article. Latency is one `count()` plus reading every hit,
against a fresh index on this machine: for information only.

**Targets.** Quoted phrases are exact substring search: recall 1.0 and
precision 1.0. Unquoted queries must find every substring match too (recall ≥
0.995), but may also match articles holding all the query's jieba words apart,
so their precision below 1.0 is by design.
"""


def write_report(path: Path, corpus_dir: Path, args, corpus: Corpus, stats, met, rows) -> None:
    lines = ["# Search quality", "",
             f"Measured {datetime.date.today():%Y-%m-%d} on `{corpus_dir}` ({len(corpus.ids)} articles), "
             f"{sum(s['queries'] for s in stats.values())} queries, seed {args.seed}.", "",
             "    make eval-search    # = .venv/bin/python bench/eval_search.py "
             f"{corpus_dir} --per-class {args.per_class} --seed {args.seed}", "",
             *table(stats), "", "Targets:", "",
             *[f"- {'MET' if ok else 'NOT MET'}: {what}" for what, ok in met], "",
             METHOD.format(top=TOP_WORDS), "## Example misses", ""]
    if rows:
        lines += ["At most one per query; context is the article text around the first match.", "",
                  "| class | query | kind | article id | context |", "| --- | --- | --- | --- | --- |", *rows]
    else:
        lines.append("None.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def evaluate(corpus_dir: Path, args) -> None:
    from search.indexing import backend

    started = time.perf_counter()
    seconds = import_corpus(corpus_dir)
    corpus = Corpus()
    indexed = backend().searcher().doc_count()
    print(f"imported {len(corpus.ids)} articles, {indexed} indexed, in {seconds:.0f} s")
    if indexed != len(corpus.ids):
        print("WARNING: the index and the database disagree on the number of articles")
    queries = make_queries(corpus, args.per_class, args.seed)
    print(f"running {len(queries)} queries …", flush=True)
    outcomes = run_queries(corpus, queries)
    stats = {cls: score([o for o in outcomes if o.cls == cls]) for cls in CLASSES}
    met, rows = targets(stats), examples(corpus, outcomes)
    print("\n".join(table(stats)))
    print("\n".join(f"{'MET' if ok else 'NOT MET'}: {what}" for what, ok in met))
    print("\n".join(rows))
    write_report(Path(args.out), corpus_dir, args, corpus, stats, met, rows)
    print(f"wrote {args.out}; {time.perf_counter() - started:.0f} s in all")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "rmrb-dev"))
    parser.add_argument("--per-class", type=int, default=90, metavar="N", help="queries per class (90)")
    parser.add_argument("--seed", type=int, default=20190201)
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the markdown report (docs/search-quality.md)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="keep the database and index here (reused if present) instead of a throwaway one")
    args = parser.parse_args()
    corpus_dir = Path(args.corpus)
    if not corpus_dir.is_dir() or not any(corpus_dir.rglob("*.txt")):
        print(f"eval-search: corpus directory {corpus_dir} is absent or holds no *.txt issues "
              "(see ../shared/corpus/README.md)", file=sys.stderr)
        return 2
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="eval-search-")).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_django(data_dir)
    try:
        evaluate(corpus_dir, args)
    finally:
        if not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
