"""Known-item ranking: where the one article a journalist has in mind lands (make eval-rank).

The corpus (default ../shared/corpus/rmrb-dev) is imported into a throwaway database and
index. A seeded sample of `--sample` articles (0: all) with a headline and a body of 200+
characters is drawn, one per story (a text printed twice is one story). For each, three queries:

* headline: the title as typed, with the query language's operators and syntax stripped;
* words: the three body words with the highest tf-idf among words (2+ characters) found in
  3–5% of the articles;
* name: a byline name, as the importer stored it, plus the best such word.

Each runs through the site's own `search.searching.search(q)` (top 20 by relevance, a story
printed twice listed once, as on the search page and the API) and, as
the reference, through SQLite FTS5 `bm25()` over jieba search-mode tokens (words and their
dictionary sub-words) in three columns, headline weighted 3, body 1, names (bylines and
photo credits) 2, the query's words AND-ed. A hit counts when it is the article or another
printing of the same story: the same text, or a printing the importer filed under the same
story (archive/repeats.py: near copies too, which the search page folds into one hit).
Reported per class: MRR@20, success@1, success@10, and our MRR's margin over FTS5 with a
95% interval (a paired bootstrap over the queries: at 500 queries it spans ±0.01 or more, as
wide as the +0.02 target, so `--sample 0`, every eligible story, is what decides a change).
`--why N` prints, for the N queries we rank lowest against FTS5, each leaf's score for the
article and for the hits above it.
"""
import argparse
import datetime
import math
import os
import random
import re
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_search import OPERATORS, RESERVED, import_corpus, scratch_archive  # noqa: E402
from report import write_section  # noqa: E402

CLASSES = ("headline", "words", "name")
DEPTH = 20
SEED, SAMPLE = 20190201, 500  # the figures `make eval-rank` writes; others get a section each
BAND = (0.03, 0.05)  # document frequency of the words queries are made of
WEIGHTS = (3.0, 1.0, 2.0)  # FTS5 bm25() column weights: headline, body, names
FTS_SCHEMA = "CREATE VIRTUAL TABLE fts USING fts5(headline, body, names, tokenize='{}')"


def story_key(article) -> str:
    """Printings of one text share it: the body without spaces."""
    return re.sub(r"\s+", "", article.body)


def printed_stories(articles) -> dict[int, int]:
    """Each article's story as the importer filed it (exact and near copies alike)."""
    from archive.models import Printing

    stories = dict(Printing.objects.values_list("article_id", "story"))
    return {a.pk: stories.get(a.pk, a.pk) for a in articles}


def as_typed(title: str) -> str:
    """A headline as a user types it: syntax characters and operator words dropped."""
    text = "".join(" " if ch in RESERVED else ch for ch in title)
    return " ".join(w for w in text.split() if w not in OPERATORS)


def names_of(article) -> list[str]:
    found = [b.person.name for b in article.bylines.all()]
    return found + [c.credit for c in article.captions.all() if c.credit]


class Sample:
    """The articles, their word statistics and the queries drawn from them."""

    def __init__(self, seed: int, size: int):
        from archive.models import Article
        from search.analysis import query_words
        from search.search_indexes import searchable_text

        self.articles = list(Article.objects.select_related("issue").prefetch_related(
            "captions", "bylines__person").order_by("pk"))
        self.story = {a.pk: story_key(a) for a in self.articles}
        self.printed = printed_stories(self.articles)
        self.words = {a.pk: Counter(w for w in query_words(searchable_text(a)) if len(w) >= 2)
                      for a in self.articles}
        df = Counter(w for counts in self.words.values() for w in counts)
        n = len(self.articles)
        lo, hi = BAND[0] * n, BAND[1] * n
        self.idf = {w: math.log(n / d) for w, d in df.items() if lo <= d <= hi}
        rng = random.Random(seed)
        candidates = [a for a in self.articles if a.title.strip() and len(a.body) >= 200]
        rng.shuffle(candidates)
        seen, self.chosen = set(), []
        for article in candidates:
            if self.story[article.pk] not in seen and len(self.marking(article)) >= 3:
                seen.add(self.story[article.pk])
                self.chosen.append(article)
            if len(self.chosen) == size:
                break
        self.rng = rng

    def marking(self, article) -> list[str]:
        counts = self.words[article.pk]
        scored = [(counts[w] * self.idf[w], w) for w in counts if w in self.idf and _plain(w)]
        return [w for _, w in sorted(scored, key=lambda s: (-s[0], s[1]))[:3]]

    def queries(self) -> list[tuple[str, str, object]]:
        found = []
        for article in self.chosen:
            marking = self.marking(article)
            found.append(("headline", as_typed(article.title), article))
            found.append(("words", " ".join(marking), article))
            people = [b.person.name for b in article.bylines.all() if _plain(b.person.name)]
            if people:
                found.append(("name", f"{self.rng.choice(people)} {marking[0]}", article))
        return [q for q in found if q[1].strip()]

    def same_story(self, pk: int, article) -> bool:
        return (self.story.get(pk) == self.story[article.pk]
                or self.printed.get(pk, pk) == self.printed[article.pk])


def _plain(text: str) -> bool:
    return text not in OPERATORS and not any(ch.isspace() or ch in RESERVED for ch in text)


# -- us ----------------------------------------------------------------------

def ours(q: str) -> list[int]:
    """The first page of the search page and API: one hit per story (repeats folded)."""
    from search.searching import search

    return [int(hit.pk) for hit in search(q, per_page=DEPTH, facets=False, highlight=False).hits]


def why(q: str, article, above: int = 3) -> list[str]:
    """Each leaf's score for the article and for the first `above` hits ranked over it."""
    from archive.models import Article
    from search.backend import whoosh_query
    from search.indexing import backend, identifier
    from search.searching import search
    from search.weighting import explain

    searcher = backend().searcher()
    query = whoosh_query(q)
    hits = [(int(h.pk), h.score) for h in search(q, per_page=DEPTH, facets=False, highlight=False).hits]
    shown = [(pk, s) for pk, s in hits if pk != article.pk][:above] + [(article.pk, None)]
    lines = []
    for pk, score in shown:
        title = Article.objects.get(pk=pk).title if pk != article.pk else article.title
        docnum = searcher.document_number(id=identifier(pk))
        label = "wanted" if pk == article.pk else f"score {score:.2f}"
        lines.append(f"    #{pk} {title!r} ({label})")
        lines += [f"      {line}" for line in explain(searcher, query, docnum)]
    return lines


# -- the FTS5 peer -------------------------------------------------------------

def tokens(text: str) -> str:
    from search.analysis import words

    return " ".join(w for w, *_ in words(text, subwords=True))


def build_peer(articles) -> sqlite3.Connection:
    import string

    from search.search_indexes import headline_text, searchable_text

    tokenize = "ascii tokenchars '" + string.punctuation.replace("'", "''") + "'"
    db = sqlite3.connect(":memory:")
    db.execute(FTS_SCHEMA.format(tokenize.replace("'", "''")))
    for a in articles:
        head = headline_text(a)
        body = searchable_text(a)[len(head):]  # the headline opens it
        db.execute("INSERT INTO fts(rowid, headline, body, names) VALUES (?, ?, ?, ?)",
                   (a.pk, tokens(head), tokens(body), tokens(" ".join(names_of(a)))))
    return db


def peer(db: sqlite3.Connection, q: str) -> list[int]:
    from search.analysis import query_words

    terms = [w for w in query_words(q)]
    if not terms:
        return []
    match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
    rows = db.execute(f"SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, {', '.join(map(str, WEIGHTS))}) "
                      f"LIMIT {DEPTH}", (match,)).fetchall()
    return [r[0] for r in rows]


# -- scoring -------------------------------------------------------------------

def rank(sample: Sample, hits: list[int], article) -> int | None:
    return next((i for i, pk in enumerate(hits, 1) if sample.same_story(pk, article)), None)


def reciprocal(r) -> float:
    return 1 / r if r else 0.0


def measure(ranks: list) -> dict:
    n = max(1, len(ranks))
    return {"queries": len(ranks), "mrr": sum(map(reciprocal, ranks)) / n,
            "s1": sum(r == 1 for r in ranks if r) / n, "s10": sum(bool(r) and r <= 10 for r in ranks) / n}


def margin_interval(ours: list, theirs: list, rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% interval of MRR ours − theirs over the same queries (a paired bootstrap): at 500
    queries a class's margin moves by about ±0.01 between samples, the size of the target."""
    diffs = [reciprocal(a) - reciprocal(b) for a, b in zip(ours, theirs, strict=True)]
    if not diffs:
        return 0.0, 0.0
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(diffs, k=len(diffs))) / len(diffs) for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def table(results: dict) -> list[str]:
    rows = ["| class | queries | MRR@20 us | MRR@20 FTS5 | margin (95% interval) | success@1 us | success@1 FTS5 "
            "| success@10 us | success@10 FTS5 |", "| --- |" + " ---: |" * 8]
    for cls in CLASSES:
        us, them = results["us"][cls], results["fts5"][cls]
        lo, hi = results["interval"][cls]
        rows.append(f"| {cls} | {us['queries']} | {us['mrr']:.3f} | {them['mrr']:.3f} "
                    f"| {us['mrr'] - them['mrr']:+.3f} ({lo:+.3f} to {hi:+.3f}) | {us['s1']:.3f} "
                    f"| {them['s1']:.3f} | {us['s10']:.3f} | {them['s10']:.3f} |")
    return rows


def targets(results: dict) -> list[str]:
    checks = [(f"{cls} MRR ≥ FTS5 + 0.02", results["us"][cls]["mrr"], results["fts5"][cls]["mrr"] + 0.02)
              for cls in CLASSES]
    checks.append(("headline MRR ≥ 0.98", results["us"]["headline"]["mrr"], 0.98))
    return [f"{'MET' if got >= goal - 1e-9 else 'NOT MET'}: {name} (got {got:.3f}, want {goal:.3f})"
            for name, got, goal in checks]


def evaluate(args) -> int:
    started = time.perf_counter()
    from archive.models import Article

    if not Article.objects.exists():
        import_corpus(args.corpus)
    sample = Sample(args.seed, args.sample)
    if not sample.chosen:
        raise SystemExit(f"eval-rank: no articles were imported from {args.corpus}")
    queries = sample.queries()
    print(f"{len(sample.articles)} articles, {len(sample.chosen)} sampled, {len(queries)} queries; "
          "building the FTS5 peer …", flush=True)
    db = build_peer(sample.articles)
    ranks = {"us": {c: [] for c in CLASSES}, "fts5": {c: [] for c in CLASSES}}
    losses = []
    for cls, q, article in queries:
        r_us, r_them = rank(sample, ours(q), article), rank(sample, peer(db, q), article)
        ranks["us"][cls].append(r_us)
        ranks["fts5"][cls].append(r_them)
        loss = (1 / r_them if r_them else 0) - (1 / r_us if r_us else 0)
        if loss > 0:
            losses.append((loss, cls, q, article, r_us, r_them))
    results = {who: {cls: measure(r) for cls, r in by_cls.items()} for who, by_cls in ranks.items()}
    results["interval"] = {cls: margin_interval(ranks["us"][cls], ranks["fts5"][cls]) for cls in CLASSES}
    losses.sort(key=lambda lost: (-lost[0], lost[3].pk))
    for n, (_, cls, q, article, r_us, r_them) in enumerate(losses[:max(args.verbose, args.why)]):
        print(f"  {cls} {q!r} #{article.pk}: us {r_us}, fts5 {r_them}")
        if n < args.why:
            print("\n".join(why(q, article)))
    lines = table(results) + [f"- {line}" for line in targets(results)]
    print("\n".join(lines))
    print(f"{time.perf_counter() - started:.0f} s")
    if args.out:
        write_report(args, len(sample.articles), lines)
        print(f"wrote {args.out}")
    return 0


def write_report(args, articles: int, lines: list[str]) -> None:
    """The figures `make eval-rank` makes and the method; another seed's or sample's figures
    in a section of their own."""
    command = f"bench/eval_rank.py {args.corpus} --sample {args.sample} --seed {args.seed}"
    measured = f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d} (UTC) on `{args.corpus}` ({articles} articles)"
    if (args.seed, args.sample) != (SEED, SAMPLE):
        size = "every eligible story" if args.sample == 0 else f"{args.sample} stories"
        name = f"eval-rank-seed-{args.seed}" if args.sample == SAMPLE else f"eval-rank-{args.sample or 'all'}"
        write_section(args.out, name, [
            f"### Known-item ranking, {size}, seed {args.seed}", "", f"{measured} by `{command}`.", "", *lines])
        return
    write_section(args.out, "eval-rank", [
        "## Known-item ranking", "", f"{measured} by `make eval-rank`, i.e. `{command}`.", "", *lines, "",
        __doc__.split("\n\n", 1)[1].strip()])


def main() -> int | str:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=os.path.relpath(ROOT.parent / "shared/corpus/rmrb-dev"))
    parser.add_argument("--sample", type=int, default=SAMPLE, help="articles sampled (500; 0: every eligible story)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--verbose", type=int, default=0, metavar="N", help="print N queries where we rank lower")
    parser.add_argument("--why", type=int, default=0, metavar="N",
                        help="explain the ranking of the N queries where we lose most to FTS5")
    parser.add_argument("--out", default=str(ROOT / "docs" / "search-quality.md"),
                        help="page whose eval-rank section is rewritten ('' for none)")
    parser.add_argument("--data-dir", help="keep (or reuse) the database and index here, not in a throwaway one")
    args = parser.parse_args()
    if not Path(args.corpus).is_dir() or not any(Path(args.corpus).rglob("*.txt")):
        return f"eval-rank: {args.corpus} is absent or holds no *.txt issues (see ../shared/corpus/README.md)"
    with scratch_archive(args.data_dir, "eval-rank-"):
        return evaluate(args)


if __name__ == "__main__":
    sys.exit(main())
