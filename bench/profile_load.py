"""Where the index side of a load spends its CPU: analysing articles one by one
(search/analysis.py, what the writer does today) against the batch analysis
(search/engine/batch.py), side by side in one run on the same articles.

    python bench/profile_load.py [--articles 3000] [--seed 1] [--batch 500] [--processes 2]
                                 [--issues DIR]

Articles come from bench/corpus.py's generator (same seed, same articles), in memory:
the five analysed fields of each are built as search/search_indexes.py builds them
(text and grams: headline, body and bylines one a line; headline and headline_grams;
names). The first batch warms both paths up (rjieba's dictionary, the per-word caches)
and is not counted. Prints CPU ms an article for each path, and the wall time of the
batch analysis spread over --processes.

--issues DIR (files written by bench/corpus.py) also times parsing them: in turn in
one process, as the importer did, against archive/ahead.py's workers (wall time).

--repeats also times the MinHash of each body (archive/repeats.py) against datasketch's own
hashing of the same shingles (SHA-1 a shingle, the scheme before #23), CPU ms an article.
"""
from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def field_texts(article) -> dict[str, str]:
    headline = "\n".join(p for p in (article.title, article.subtitle) if p)
    names = "\n".join(article.bylines)
    text = "\n".join(p for p in (headline, *article.paragraphs, names) if p)
    return {"text": text, "grams": text, "headline": headline, "headline_grams": headline, "names": names}


def articles(count: int, seed: int, source: Path) -> list[dict[str, str]]:
    import corpus

    gen = corpus.Generator(corpus.load_source(source), seed)
    day = datetime.date(2001, 1, 1)
    return [field_texts(gen.article(day)) for _ in range(count)]


def per_document(docs) -> None:
    from search import analysis
    from search.engine.batch import FIELDS

    analyzers = {"words": analysis.WordAnalyzer(), "grams": analysis.GramAnalyzer()}
    for doc in docs:
        for name, kind in FIELDS.items():
            analysis.postings(analyzers[kind], doc[name])


def batched(docs, size: int) -> None:
    from search.engine.batch import analyse_batch

    for start in range(0, len(docs), size):
        analyse_batch(docs[start:start + size])


def minhash_sha1(bodies) -> None:
    from datasketch import MinHash

    from archive import repeats

    for text in bodies:
        found = MinHash(num_perm=repeats.NUM_PERM, scheme=repeats.PERMUTATIONS)
        found.update_batch([s.encode("utf-8") for s in {text[i:i + repeats.SHINGLE]
                                                        for i in range(max(1, len(text) - repeats.SHINGLE + 1))}])


def minhash_arrays(bodies) -> None:
    from archive import repeats

    for text in bodies:
        repeats.minhash(text)


def repeat_costs(docs) -> tuple[float, float]:
    """CPU ms an article of the MinHash of each body: datasketch's SHA-1 a shingle, then ours."""
    from search.analysis import fold

    bodies = ["".join(fold(doc["text"]).split()) for doc in docs]
    minhash_sha1(bodies[:50])
    minhash_arrays(bodies[:50])
    return cpu_ms(minhash_sha1, bodies), cpu_ms(minhash_arrays, bodies)


def cpu_ms(work, docs, *args) -> float:
    began = time.process_time()
    work(docs, *args)
    return (time.process_time() - began) * 1000 / len(docs)


def parse_rates(folder: Path) -> tuple[int, float, float]:
    """(articles, wall s parsing in turn, wall s parsing ahead) of the issue files in `folder`."""
    from archive.ahead import ParseAhead
    from archive.importer import parse

    files = sorted(folder.glob("*.txt"))
    began = time.perf_counter()
    articles = sum(len(parse(path, None).articles) for path in files)
    in_turn = time.perf_counter() - began
    began = time.perf_counter()
    with ParseAhead(files) as ahead:
        for path in files:
            ahead(path)
    return articles, in_turn, time.perf_counter() - began


def main(argv=None) -> int:
    import django

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--issues", type=Path, help="issue files to time parsing on (bench/corpus.py --out)")
    ap.add_argument("--repeats", action="store_true", help="also time the MinHash of each body, before and after #23")
    args = ap.parse_args(argv)
    django.setup()
    from search.engine.batch import analyse_in_processes

    docs = articles(args.batch + args.articles, args.seed, args.source)
    warm, docs = docs[:args.batch], docs[args.batch:]
    chars = sum(len(d["text"]) for d in docs) / len(docs)
    per_document(warm)
    batched(warm, args.batch)
    before = cpu_ms(per_document, docs)
    after = cpu_ms(batched, docs, args.batch)
    began = time.perf_counter()
    batches = [docs[i:i + args.batch] for i in range(0, len(docs), args.batch)]
    for _ in analyse_in_processes(batches, args.processes):
        pass
    wall = (time.perf_counter() - began) * 1000 / len(docs)
    print(f"{len(docs)} articles of {chars:.0f} characters (seed {args.seed}), five fields, CPU ms an article:")
    print(f"  per document (search/analysis.py)  {before:.2f}")
    print(f"  batch of {args.batch} (search/engine/batch.py)  {after:.2f}  ({before / after:.1f}x)")
    print(f"  batch over {args.processes} processes: {wall:.2f} ms an article of wall time, "
          f"{1000 / wall:.0f} articles/s (process start included)")
    if args.repeats:
        sha1, arrays = repeat_costs(docs)
        print(f"MinHash of each body ({len(docs)} articles), CPU ms an article: datasketch's SHA-1 a shingle "
              f"{sha1:.2f}, archive/repeats.py's arrays {arrays:.2f} ({sha1 / arrays:.0f}x)")
    if args.issues:
        count, in_turn, ahead = parse_rates(args.issues)
        print(f"parsing {count} articles in {args.issues}: in turn {count / in_turn:.0f} articles/s, "
              f"ahead in {os.cpu_count()} workers {count / ahead:.0f} articles/s (wall, worker start included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
