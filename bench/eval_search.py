"""Search recall and precision against brute-force substring matching (make eval-search).

The corpus (default ../shared/corpus/rmrb-dev) is imported into a throwaway database and
index. Up to `--per-class` queries per class are drawn with a fixed seed from the articles'
`searchable_text`: common jieba words (from the 1000 most frequent of 2+ characters), names
of `Person`s found in the text, names in bylines and photo credits (byline), substrings of 2–6 characters that hold a word boundary and
cut into a word, single CJK characters (half by frequency, half uniformly over the distinct
ones), traditional spellings (`zhconv` zh-hant) of common words and substrings, and quoted
phrases of 3–10 characters, searched as `"…"`. No query holds whitespace or
`"“”()（）:：-＂「」\\` or is an operator (`OR`, `或`, `非`, …), so none is read as syntax.

Each runs through `search.searching.build(q)`: `count()`, then every hit. An article is
relevant iff `compact(query)` is a substring of `compact(searchable_text(article))` (folded,
spaces between two Chinese characters dropped: they are layout); recall and
precision are micro-averaged over (query, article) pairs. A query still running after
`--timeout` seconds is stopped and finds nothing (hung). Latency (of the queries that did
not hang) is for information only.

Targets: quoted phrases are exact substring search, so recall 1.0 and precision 1.0; every
byline and credit name is found (recall 1.0).
Unquoted queries must find every substring match too (recall ≥ 0.995) but also match
articles holding all their jieba words apart, so their precision is below 1.0 by design.
"""
import argparse
import bisect
import datetime
import itertools
import os
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from report import other_sections  # noqa: E402
from search.analysis import compact, is_wordlike, query_words, segmenter  # noqa: E402

PAPER, PAPER_SLUG = "人民日报", "rmrb"
is_cjk = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]").fullmatch
# What the query language reads as syntax (phrase, group, field, exclusion, escape;
# ＂ and 「 open phrases too), and whole words it reads as operators.
RESERVED = set('"“”()（）:：-＂「」\\')
OPERATORS = {"OR", "AND", "NOT", "或", "非", "|", "&"}
CLASSES = ("common", "name", "byline", "substring", "char", "traditional", "phrase")
TOP_WORDS = 1000  # "common" queries are drawn from this many most frequent words
MAX_EXAMPLES, CONTEXT = 10, 40  # the corpus is not ours: quote little of it


def setup_django(data_dir: Path) -> None:
    """Point every store at data_dir before settings are read, so nothing real is touched."""
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir / 'archive.sqlite3'}"
    os.environ["INDEX_PATH"] = str(data_dir / "index")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    django.setup()


@contextmanager
def scratch_archive(keep: str | None, prefix: str):
    """Django set up on a migrated database and an index in `keep` (made if absent, kept
    after), or in a throwaway directory removed at the end; yields the directory."""
    from django.core.management import call_command

    data_dir = Path(keep or tempfile.mkdtemp(prefix=prefix)).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_django(data_dir)
    call_command("migrate", verbosity=0)  # the evals ask whether articles are there yet
    try:
        yield data_dir
    finally:
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)


def import_corpus(corpus: str) -> float:
    from django.core.management import CommandError, call_command

    started = time.perf_counter()
    print(f"importing {corpus}: the issues, then the search index (slow: minutes) …", flush=True)
    try:
        call_command("import_issue", corpus, paper=PAPER, paper_slug=PAPER_SLUG)
    except CommandError as exc:  # some files failed; the rest are imported and still worth measuring
        print(f"import: {exc}", file=sys.stderr)
    return time.perf_counter() - started


class Corpus:
    """Every article's searchable text, joined with NULs so that one str.find
    scan finds the articles containing a string, and no match spans two."""

    def __init__(self):
        from archive.models import Article
        from search.search_indexes import searchable_text

        articles = list(Article.objects.prefetch_related("captions__photographer", "bylines__person").order_by("pk"))
        self.ids, texts = [a.pk for a in articles], [searchable_text(a) for a in articles]
        self.starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        self.raw = "\0".join(texts)
        # What matches: folded, spaces between two Chinese characters dropped (layout, not breaks).
        compacted = [compact(t) for t in texts]
        self.fstarts = list(itertools.accumulate((len(t) + 1 for t in compacted[:-1]), initial=0))
        self.folded = "\0".join(compacted)
        self._cuts = {}

    def article(self, i: int) -> tuple[int, int, int]:
        """(index, start, end) of the article holding offset i."""
        k = bisect.bisect_right(self.starts, i) - 1
        return k, self.starts[k], self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.raw)

    def find_all(self, text: str) -> dict[int, int]:
        """Article id -> offset (in the folded text) of the first match, for every article containing `text`."""
        needle, found, pos = compact(text), {}, 0
        while (i := self.folded.find(needle, pos)) != -1:
            k = bisect.bisect_right(self.fstarts, i) - 1
            found[self.ids[k]] = i
            pos = self.fstarts[k + 1] if k + 1 < len(self.fstarts) else len(self.folded)
        return found

    def span(self, rng: random.Random, lo: int, hi: int) -> tuple[int, str]:
        """A random (offset, text) of lo..hi characters; longer articles are picked more often."""
        i = rng.randrange(len(self.raw))
        return i, self.raw[i:i + rng.randint(lo, hi)].split("\0")[0]

    def crosses_words(self, i: int, size: int) -> bool:
        """raw[i:i+size] holds a jieba word boundary and cuts into a word at one end."""
        k, start, end = self.article(i)
        if k not in self._cuts:
            lengths = map(len, segmenter().cut(self.folded[start:end]))
            self._cuts[k] = set(itertools.accumulate(lengths, initial=start))
        cuts = self._cuts[k]
        inside = any(b in cuts for b in range(i + 1, i + size))
        return inside and not (i in cuts and i + size in cuts)

    def context(self, i: int, size: int) -> str:
        """At most CONTEXT characters (folded) of the article around a match, on one line."""
        k = bisect.bisect_right(self.fstarts, i) - 1
        start = self.fstarts[k]
        end = self.fstarts[k + 1] - 1 if k + 1 < len(self.fstarts) else len(self.folded)
        lo = max(start, i - max(0, CONTEXT - size) // 2)
        return self.folded[lo:min(end, lo + CONTEXT)].replace("\n", "⏎").replace("|", "\\|")  # a table cell


def usable(text: str) -> bool:
    """Something searchable, and nothing the query language would read as syntax."""
    return (bool(text) and text not in OPERATORS and is_wordlike(text)
            and not any(ch.isspace() or ch in RESERVED for ch in text))


def draw(make, n: int, accept=usable, tries: int = 200) -> list[str]:
    """Up to n distinct strings from make() that pass accept, in the order drawn."""
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
    counts = Counter(w for text in corpus.raw.split("\0") for w in query_words(text))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [w for w, _ in ranked if len(w) >= 2 and usable(w)][:TOP_WORDS]


def person_names(corpus: Corpus) -> list[str]:
    from archive.models import Person

    names = Person.objects.order_by("name").values_list("name", flat=True)
    return [name for name in names if usable(name) and compact(name) in corpus.folded]


def credited_names() -> list[str]:
    """Names in bylines and photo credits, as the importer stored them."""
    from django.db import models

    from archive.models import Person

    names = Person.objects.filter(models.Q(bylines__isnull=False) | models.Q(captions__isnull=False))
    return [name for name in names.distinct().order_by("name").values_list("name", flat=True) if usable(name)]


def single_chars(corpus: Corpus, rng: random.Random, n: int) -> list[str]:
    """Half by frequency (common characters, many hits), half uniformly over the
    distinct characters (mostly rare ones)."""
    frequent = draw(lambda: corpus.span(rng, 1, 1)[1], n // 2, lambda t: is_cjk(t) and usable(t))
    distinct = sorted({ch for ch in corpus.raw if is_cjk(ch) and usable(ch)} - set(frequent))
    return frequent + rng.sample(distinct, min(n - len(frequent), len(distinct)))


def traditional(corpus: Corpus, rng: random.Random, words: list[str], n: int) -> list[str]:
    """Traditional spellings of common words and of random substrings, kept if
    they differ and (folded) occur, so that each query has something to find."""
    import zhconv

    def make():
        source = rng.choice(words) if rng.random() < 0.5 else corpus.span(rng, 2, 6)[1]
        converted = zhconv.convert(source, "zh-hant")
        return converted if converted != source else ""

    return draw(make, n, lambda t: usable(t) and compact(t) in corpus.folded)


def make_queries(corpus: Corpus, n: int, seed: int) -> list[tuple[str, str]]:
    """(class, text) pairs; "phrase" texts are searched quoted, the rest as they are."""
    rng = random.Random(seed)
    words, names, credited = frequent_words(corpus), person_names(corpus), credited_names()

    def cutting():
        i, text = corpus.span(rng, 2, 6)
        return text if len(text) >= 2 and corpus.crosses_words(i, len(text)) else ""

    classes = {"common": rng.sample(words, min(n, len(words))),
               "name": rng.sample(names, min(n, len(names))),
               "byline": rng.sample(credited, min(n, len(credited))),
               "substring": draw(cutting, n),
               "char": single_chars(corpus, rng, n),
               "traditional": traditional(corpus, rng, words, n),
               "phrase": draw(lambda: corpus.span(rng, 3, 10)[1], n, lambda t: len(t) >= 3 and usable(t))}
    return [(cls, text) for cls in CLASSES for text in classes[cls]]


@dataclass
class Outcome:
    cls: str
    text: str
    relevant: dict  # article id -> offset of its first match
    hits: set
    seconds: float
    hung: bool

    @property
    def missed(self) -> list[int]:
        return sorted(set(self.relevant) - self.hits)

    @property
    def spurious(self) -> list[int]:  # hits without the text: wrong only for a quoted phrase
        return sorted(self.hits - set(self.relevant)) if self.cls == "phrase" else []


def timed_search(q: str, limit: float) -> tuple[set, float, bool]:
    """(hit ids, seconds, hung). A search still running after `limit` seconds is
    stopped and finds nothing: Whoosh's quality skipping can loop forever."""
    from search.searching import build

    started, hits, hung = time.perf_counter(), set(), False
    signal.setitimer(signal.ITIMER_REAL, limit)  # SIGALRM raises TimeoutError, see run_queries
    try:
        sqs = build(q)
        total = sqs.count()
        hits = {int(r.pk) for r in sqs[:total]} if total else set()
    except TimeoutError:
        hung = True
    except ValueError as exc:  # QueryError: a query read as syntax after all, so nothing found
        print(f"  {q!r}: {exc}", flush=True)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return hits, time.perf_counter() - started, hung


def run_queries(corpus: Corpus, queries, limit: float) -> list[Outcome]:
    def raise_timeout(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, raise_timeout)
    timed_search("测试", limit)  # open the searcher before timing anything
    outcomes = []
    for n, (cls, text) in enumerate(queries, 1):
        hits, seconds, hung = timed_search(f'"{text}"' if cls == "phrase" else text, limit)
        if hung:
            print(f"  {cls} {text!r}: no answer after {limit:g} s, counted as no hits", flush=True)
        outcomes.append(Outcome(cls, text, corpus.find_all(text), hits, seconds, hung))
        if n % 100 == 0:
            print(f"  {n}/{len(queries)} queries", flush=True)
    return outcomes


def score(outcomes: list[Outcome]) -> dict:
    relevant = sum(len(o.relevant) for o in outcomes)
    found = relevant - sum(len(o.missed) for o in outcomes)
    hits = sum(len(o.hits) for o in outcomes)
    ms = sorted(o.seconds * 1000 for o in outcomes if not o.hung) or [0.0]
    return dict(queries=len(outcomes), relevant=relevant, hung=sum(o.hung for o in outcomes),
                recall=found / relevant if relevant else 1.0, precision=found / hits if hits else 1.0,
                full=sum(not o.missed for o in outcomes) / max(1, len(outcomes)),
                p50=statistics.median(ms), p95=ms[round(0.95 * (len(ms) - 1))])


def targets(stats: dict) -> list[str]:
    """Quoted phrases are exact; unquoted queries may also match their words
    apart, so only their recall has a target."""
    checks = [("phrase", "recall", 1.0), ("phrase", "precision", 1.0)]
    checks += [("byline", "recall", 1.0)]
    checks += [(cls, "recall", 0.995) for cls in CLASSES[:-1] if cls != "byline"]
    return [f"{'MET' if stats[c][m] >= goal else 'NOT MET'}: {c} {m} {'=' if goal == 1 else '≥'} {goal:g} "
            f"(got {stats[c][m]:.4f})" for c, m, goal in checks]


def examples(corpus: Corpus, outcomes: list[Outcome]) -> list[str]:
    """One row per failing query, classes taking turns so that one bad class
    does not hide the others."""
    queues = [[o for o in outcomes if o.cls == cls and (o.missed or o.spurious)] for cls in CLASSES]
    rows = []
    for o in [o for turn in itertools.zip_longest(*queues) for o in turn if o][:MAX_EXAMPLES]:
        if o.missed:
            pk, what = o.missed[0], f"missed {len(o.missed)}" + (", hung" if o.hung else "")
            rows.append(f"| {o.cls} | `{o.text}` | {what} | {pk} | {corpus.context(o.relevant[pk], len(o.text))} |")
        else:
            rows.append(f"| {o.cls} | `{o.text}` | {len(o.spurious)} hits without it | {o.spurious[0]} | |")
    return rows


def table(stats: dict) -> list[str]:
    rows = ["| class | queries | relevant pairs | recall | queries at recall 1.0 | precision | hung "
            "| median | p95 |", "| --- |" + " ---: |" * 8]
    return rows + [f"| {cls} | {s['queries']} | {s['relevant']} | {s['recall']:.4f} | {s['full']:.3f} "
                   f"| {s['precision']:.4f} | {s['hung']} | {s['p50']:.0f} ms | {s['p95']:.0f} ms |"
                   for cls, s in stats.items()]


def write_report(args, corpus: Corpus, stats: dict, checks: list[str], rows: list[str]) -> None:
    command = f"bench/eval_search.py {args.corpus} --per-class {args.per_class} --seed {args.seed}"
    lines = ["# Search quality", "", f"Measured {datetime.date.today():%Y-%m-%d} on `{args.corpus}` "
             f"({len(corpus.ids)} articles) by `make eval-search`, i.e. `{command}`.", "",
             *table(stats), "", *[f"- {line}" for line in checks], "",
             "## Method", "", __doc__.split("\n\n", 1)[1].strip(), "", "## Example misses", "",
             *(["| class | query | what | article id | text around the match |",
                "| --- | --- | --- | --- | --- |", *rows] if rows else ["None."])]
    lines += [line for block in other_sections(args.out) for line in ("", block)]  # e.g. make eval-rank's
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


def evaluate(args) -> None:
    from search.indexing import backend

    started = time.perf_counter()
    seconds = import_corpus(args.corpus)
    corpus = Corpus()
    if not corpus.ids:
        raise SystemExit(f"eval-search: no articles were imported from {args.corpus}")
    indexed = backend().searcher().doc_count()
    print(f"{len(corpus.ids)} articles ({indexed} in the index), imported in {seconds:.0f} s")
    queries = make_queries(corpus, args.per_class, args.seed)
    print(f"running {len(queries)} queries …", flush=True)
    outcomes = run_queries(corpus, queries, args.timeout)
    stats = {cls: score([o for o in outcomes if o.cls == cls]) for cls in CLASSES}
    checks, rows = targets(stats), examples(corpus, outcomes)
    print("\n".join(table(stats) + checks + rows))
    write_report(args, corpus, stats, checks, rows)
    print(f"wrote {args.out}; {time.perf_counter() - started:.0f} s in all")


def main() -> int | str:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=os.path.relpath(ROOT.parent / "shared/corpus/rmrb-dev"))
    parser.add_argument("--per-class", type=int, default=90, metavar="N", help="queries per class (90)")
    parser.add_argument("--seed", type=int, default=20190201)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds before a query counts as hung")
    parser.add_argument("--out", default=str(ROOT / "docs" / "search-quality.md"))
    parser.add_argument("--data-dir", help="keep (or reuse) the database and index here, not in a throwaway one")
    args = parser.parse_args()
    if not Path(args.corpus).is_dir() or not any(Path(args.corpus).rglob("*.txt")):
        return f"eval-search: {args.corpus} is absent or holds no *.txt issues (see ../shared/corpus/README.md)"
    with scratch_archive(args.data_dir, "eval-search-"):
        evaluate(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
