"""Search latency at 10k and 100k articles: our Whoosh backend beside SQLite FTS5.

    python bench/bench_search.py [--sizes 10000,100000] [--corpus ../shared/corpus]
                                 [--root /tmp/bench-search] [--seed 1] [--load-only]
                                 [--report docs/performance.md]

For each size: generate a corpus (bench/corpus.py), import it into a throwaway
DATA_DIR (`ROOT/SIZE/data`) with `manage.py migrate` and `import_issue`, which
parses, writes the database and builds the Whoosh index. A finished load leaves
ROOT/SIZE/loaded.json and is reused next time (the 100k load takes long).

Then, in one worker process per size (Django is configured once per process,
for one DATA_DIR), a fixed seeded mix of ~200 queries is timed, after a
warm-up pass each, three ways: `search.searching.search` as the search page
calls it (haystack, facets, highlights); Whoosh alone (match and score every
hit); and an FTS5 table of the same analyzer tokens (ROOT/SIZE/fts5.sqlite3,
built once). The slowest page searches are profiled (ROOT/SIZE/profile.txt).
The figures replace those between the report's bench-search markers.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import re
import shutil
import sqlite3
import statistics
import string
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PAPER, SLUG = "测试报", "test"
TARGET_P95_MS, TARGET_RATIO = 100.0, 4.0
# The query mix: kind -> how many.
MIX = {"word": 50, "name": 30, "substring": 40, "phrase": 40, "and": 30, "or": 10}
BEGIN, END = "<!-- bench-search: begin -->", "<!-- bench-search: end -->"


def run(cmd, env, log: Path, preexec_fn=None) -> float | None:
    """Run `cmd`, appending its output to `log`; returns when (seconds after the
    start) the import's progress bar first reached 100 %: the split between
    parsing and writing the database, and indexing."""
    began, parsed_at = time.perf_counter(), None
    with open(log, "ab") as out:
        out.write(f"$ {' '.join(map(str, cmd))}\n".encode())
        out.flush()
        proc = subprocess.Popen(list(map(str, cmd)), env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, preexec_fn=preexec_fn)
        while chunk := proc.stdout.read1(4096):
            out.write(chunk)
            out.flush()
            if parsed_at is None and b"100%|" in chunk:
                parsed_at = time.perf_counter() - began
        if proc.wait():
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}; see {log}")
    return parsed_at


def du_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def data_env(base: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "INDEX_PATH")}
    env["DATA_DIR"] = str(base / "data")
    return env


def load(size: int, args) -> dict:
    """Generate and import `size` articles once; the marker makes reruns free."""
    base = args.root / str(size)
    marker = base / "loaded.json"
    if marker.exists():
        return json.loads(marker.read_text())
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    log, env = base / "load.log", data_env(base)
    generated = generate(base, size, args, env, log)
    run([PY, "manage.py", "migrate", "--noinput"], env, log)
    began = time.perf_counter()
    parsed = run(IMPORT + [base / "issues"], env, log)
    seconds = time.perf_counter() - began
    stats = {"size": size, "generate_s": round(generated, 1),
             "load_s": round(seconds, 1), "import_s": round(parsed or 0, 1),
             "index_s": round(seconds - (parsed or 0), 1), **on_disk(base),
             "finished": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())}
    marker.write_text(json.dumps(stats, indent=1))
    return stats


IMPORT = [PY, "manage.py", "import_issue", "--paper", PAPER, "--paper-slug", SLUG]  # + the issues


def generate(base: Path, size: int, args, env, log: Path) -> float:
    """Write `size` articles (bench/corpus.py) to base/issues; the seconds taken."""
    began = time.perf_counter()
    run([PY, "bench/corpus.py", "--articles", size, "--out", base / "issues", "--seed", args.seed,
         "--source", args.corpus], env, log)
    return time.perf_counter() - began


def on_disk(base: Path) -> dict:
    """Articles in the database and the sizes of a load under `base`."""
    with sqlite3.connect(base / "data" / "archive.sqlite3") as db:
        articles = db.execute("SELECT count(*) FROM archive_article").fetchone()[0]
    return {"articles": articles, "index_mb": round(du_mb(base / "data" / "index"), 1),
            "db_mb": round(du_mb(base / "data" / "archive.sqlite3"), 1),
            "corpus_mb": round(du_mb(base / "issues"), 1)}


# -- the query mix ------------------------------------------------------------

def query_mix(corpus: Path, seed: int) -> list[tuple[str, str]]:
    """~200 queries from the source corpus and the byline name pool, the same
    for the same seed: what readers type, from very common words to rare names."""
    from corpus import load_source, name_pool
    from search.analysis import is_wordlike, query_words

    rng = random.Random(f"queries-{seed}")
    paragraphs = load_source(corpus).paragraphs
    counts = Counter(w for p in rng.sample(paragraphs, 1500) for w in query_words(p)
                     if len(w) >= 2 and is_wordlike(w) and not w.isdigit())
    common = [w for w, _ in counts.most_common(300)]

    def han(low, high):
        while True:
            runs = re.findall(r"[\u4e00-\u9fff]{%d,}" % high, rng.choice(paragraphs))
            if runs:
                run, size = rng.choice(runs), rng.randint(low, high)
                start = rng.randrange(len(run) - size + 1)
                return run[start:start + size]

    make = {"word": lambda: rng.choice(common), "name": lambda: rng.choice(name_pool(seed)),
            "substring": lambda: han(2, 4), "phrase": lambda: f'"{han(4, 8)}"',
            "and": lambda: " ".join(rng.sample(common, 2)), "or": lambda: " OR ".join(rng.sample(common, 2))}
    return [(kind, make[kind]()) for kind, count in MIX.items() for _ in range(count)]


# -- the searches timed --------------------------------------------------------

def timed(mix, run_one) -> list[tuple[float, int]]:
    """(ms, hits) of each query; run_one(q) returns its hit count."""
    out = []
    for _, q in mix:
        began = time.perf_counter()
        hits = run_one(q)
        out.append(((time.perf_counter() - began) * 1000, hits))
    return out


def page_search(q) -> int:
    """The search page as the site asks for it: haystack, facets, highlights."""
    from search.searching import search

    results = search(q, per_page=20, facets=True, highlight=True)
    if results.error:
        raise SystemExit(f"{q!r}: {results.error}")
    return results.total


def core_search(q) -> int:
    """Whoosh alone: match and score every hit (an exact count), no facets,
    highlights or haystack; the rest of a search page costs the difference."""
    from search.compile import to_whoosh
    from search.indexing import backend
    from search.query import parse

    return len(backend().searcher().search(to_whoosh(parse(q).tree), limit=None))


def undercounts(mix, exact) -> int:
    """Queries whose total is too low when the page has no facets (see docs)."""
    from search.searching import search

    return sum(search(q, facets=False, highlight=False).total != n for (_, q), (_, n) in zip(mix, exact))


def profile(mix, timings, base: Path, slowest: int = 5) -> str:
    """cProfile of the slowest queries, three runs each: what limits latency."""
    from search.searching import search

    worst = sorted(range(len(mix)), key=lambda i: -timings[i][0])[:slowest]
    prof = cProfile.Profile()
    prof.enable()
    for i in worst * 3:
        search(mix[i][1], per_page=20, facets=True, highlight=True)
    prof.disable()
    text = io.StringIO()
    text.write("queries: " + ", ".join(f"{mix[i][1]} ({timings[i][0]:.0f} ms, {timings[i][1]} hits)"
                                        for i in worst) + "\n")
    for key in ("tottime", "cumulative"):
        pstats.Stats(prof, stream=text).sort_stats(key).print_stats(30)
    (base / "profile.txt").write_text(text.getvalue())
    return str(base / "profile.txt")


# -- the FTS5 reference --------------------------------------------------------

# The ascii tokenizer keeps every non-ASCII character in tokens; with all ASCII
# punctuation as token characters too, only spaces split, so FTS5 sees exactly
# our analyzer's tokens (folded text has ASCII punctuation: ，→ , etc.).
# Quoted twice: once for FTS5's option parser, once as an SQL string.
TOKENIZE = "ascii tokenchars '" + string.punctuation.replace("'", "''") + "'"
FTS_SCHEMA = ("CREATE VIRTUAL TABLE fts USING fts5(words, grams, tokenize='" + TOKENIZE.replace("'", "''")
              + "');\nCREATE TABLE meta(id INTEGER PRIMARY KEY, year TEXT);")


def fts_tokens(row):
    """Words (jieba, with sub-words) and character pairs: the Whoosh `text` and
    `grams` fields. Single characters are left out; queries here have none."""
    from search.analysis import grams, words

    pk, year, text = row
    return (pk, year, " ".join(w for w, *_ in words(text, subwords=True)),
            " ".join(g for g, *_ in grams(text) if len(g) == 2))


def article_rows():
    from search.search_indexes import ArticleIndex, searchable_text

    for article in ArticleIndex().index_queryset().iterator(chunk_size=500):
        yield article.pk, f"{article.issue.date:%Y}", searchable_text(article)


def build_fts(path: Path) -> dict:
    import multiprocessing

    stats_path = path.with_suffix(".json")
    if stats_path.exists():
        return json.loads(stats_path.read_text())
    path.unlink(missing_ok=True)
    began = time.perf_counter()
    db = sqlite3.connect(path)
    # A scratch file, rebuilt if cut off: no journal, no syncs. Segments are merged once, by
    # 'optimize' below, not as they pile up: 30% less CPU for the inserts at 100k.
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;")
    db.executescript(FTS_SCHEMA)
    db.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 0)")
    # fork: the children inherit Django's settings and the loaded jieba dictionary.
    with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
        for pk, year, words, grams in pool.imap(fts_tokens, article_rows(), chunksize=20):
            db.execute("INSERT INTO fts(rowid, words, grams) VALUES (?, ?, ?)", (pk, words, grams))
            db.execute("INSERT INTO meta VALUES (?, ?)", (pk, year))
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    db.close()
    stats = {"fts_build_s": round(time.perf_counter() - began, 1), "fts_mb": round(du_mb(path), 1)}
    stats_path.write_text(json.dumps(stats))
    return stats


def fts_phrase(tokens) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def fts_query(node) -> str:
    """The FTS5 equivalent of search/compile.py: a quoted term is its character
    pairs as a phrase; an unquoted one that phrase OR all of its words."""
    from search import analysis
    from search.query import And, Not, Or, Term

    if isinstance(node, Term) and node.field == "text":
        pairs = [analysis.phrase_grams(part) for part in node.text.split()]
        exact = " AND ".join(f"grams : {fts_phrase(p)}" + (" *" if len(p[0]) == 1 else "") for p in pairs)
        words = analysis.query_words(node.text)
        if node.quoted or not words:
            return f"({exact})"
        return f"(({exact}) OR (" + " AND ".join(f"words : {fts_phrase([w])}" for w in words) + "))"
    if isinstance(node, Or):
        return "(" + " OR ".join(fts_query(it) for it in node.items) + ")"
    if isinstance(node, And):
        expr = " AND ".join(fts_query(it) for it in node.items if not isinstance(it, Not))
        for it in node.items:
            if isinstance(it, Not):
                expr = f"({expr}) NOT {fts_query(it.item)}"
        return expr
    raise ValueError(f"no FTS5 equivalent in this benchmark: {node!r}")


def fts_search(db, mix):
    """A page of 20 by bm25 with snippets, the count, and hits per year (a
    facet). The FTS5 query is written before the clock starts."""
    from search.query import parse

    matches = {q: fts_query(parse(q).tree) for _, q in mix}

    def run_one(q) -> int:
        match = (matches[q],)
        db.execute("SELECT rowid, snippet(fts, -1, '<mark>', '</mark>', '…', 24) FROM fts "
                   "WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 20", match).fetchall()
        total = db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", match).fetchone()[0]
        db.execute("SELECT meta.year, count(*) FROM fts JOIN meta ON meta.id = fts.rowid "
                   "WHERE fts MATCH ? GROUP BY meta.year", match).fetchall()
        return total
    return run_one


# -- one size, in a worker process ---------------------------------------------

def summary(timings) -> dict:
    ms = sorted(t for t, _ in timings)
    return {"p50": round(statistics.median(ms), 1), "p95": round(ms[int(0.95 * (len(ms) - 1))], 1),
            "max": round(ms[-1], 1), "hits": round(statistics.mean(h for _, h in timings), 1)}


def measure_setup(size: int, args) -> tuple[Path, list, dict]:
    """With DATA_DIR set to this size's data: Django set up for it, the query mix,
    and the FTS5 table on the same tokens (built once)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    base = args.root / str(size)
    return base, query_mix(args.corpus, args.seed), build_fts(base / "fts5.sqlite3")


def measure(size: int, args) -> dict:
    base, mix, fts = measure_setup(size, args)
    db = sqlite3.connect(base / "fts5.sqlite3")
    runs = {}
    for name, run_one in (("whoosh", page_search), ("core", core_search), ("fts5", fts_search(db, mix))):
        if name == "whoosh":  # each query's first time: no posting list kept yet (search/engine/arrays.py)
            from search.engine.arrays import CACHE_DIR
            shutil.rmtree(base / "data" / "index" / CACHE_DIR, ignore_errors=True)
            runs["first"] = timed(mix, run_one)
        else:
            timed(mix, run_one)  # warm-up pass: searcher, page cache, jieba
        runs[name] = timed(mix, run_one)
    kinds = {kind: {name: summary([t for (k, _), t in zip(mix, runs[name]) if k == kind]) for name in runs}
             for kind in MIX}
    differ = sum(len({w[1], c[1], f[1]}) > 1 for w, c, f in zip(runs["whoosh"], runs["core"], runs["fts5"]))
    kinds = {kind: {**kinds[kind], "first": summary([t for (k, _), t in zip(mix, runs["first"]) if k == kind])}
             for kind in MIX}
    return {**fts, "queries": len(mix), "hit_counts_differ": differ,
            "undercounts_without_facets": undercounts(mix, runs["core"]),
            "per_query": [(k, q, *(round(runs[n][i][0], 1) for n in runs), runs["fts5"][i][1])
                          for i, (k, q) in enumerate(mix)],
            **{name: summary(t) for name, t in runs.items()}, "kinds": kinds,
            "profile": profile(mix, runs["whoosh"], base)}


# -- the report ---------------------------------------------------------------

def hardware() -> str:
    import platform

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), "unknown CPU")
    mem = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return (f"nproc {os.cpu_count()}, {cpu}, {mem / 2**20:.0f} GiB RAM, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}")


def render(rows: list[dict], command: str) -> str:
    def ms(r, name):
        return f"{r[name]['p50']:.0f} / {r[name]['p95']:.0f}"

    out = [BEGIN, f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {hardware()}, with", "",
           f"    {command}", "",
           "| articles | load (s) | articles/s | index MB | DB MB | search page p50 / p95 ms (max) "
           "| its first time | Whoosh's collector alone: match, score all | FTS5 p50 / p95 ms | FTS5 MB "
           "| p95 ratio | mean hits Whoosh / FTS5 |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = r["whoosh"]["p95"] / r["fts5"]["p95"]
        out.append(f"| {r['articles']:,} | {r['load_s']:.0f} | {r['articles'] / r['load_s']:.1f} | "
                   f"{r['index_mb']:,.0f} | {r['db_mb']:,.0f} | {ms(r, 'whoosh')} ({r['whoosh']['max']:.0f}) | "
                   f"{ms(r, 'first')} | {ms(r, 'core')} | {ms(r, 'fts5')} | {r['fts_mb']:,.0f} | {ratio:.1f}× | "
                   f"{r['whoosh']['hits']:,.0f} / {r['fts5']['hits']:,.0f} |")
    out += ["", "Load = `import_issue` wall time: of it, parsing and writing the database took "
            + ", ".join(f"{r['import_s']:.0f} s ({r['articles']:,})" for r in rows)
            + "; the rest is Whoosh indexing. FTS5 build (tokenising with the same analyzer, 2 processes): "
            + ", ".join(f"{r['fts_build_s']:.0f} s" for r in rows) + ".", ""]
    for r in rows:
        ratio = r["whoosh"]["p95"] / r["fts5"]["p95"]
        out.append(f"- {r['articles']:,} articles: Whoosh p95 {r['whoosh']['p95']:.0f} ms ≤ {TARGET_P95_MS:.0f} ms: "
                   f"**{'met' if r['whoosh']['p95'] <= TARGET_P95_MS else 'not met'}**; within "
                   f"{TARGET_RATIO:.0f}× of FTS5: **{'met' if ratio <= TARGET_RATIO else 'not met'}** ({ratio:.1f}×); "
                   f"hit counts (page, Whoosh alone, FTS5) differ in {r['hit_counts_differ']} of {r['queries']} queries; "
                   f"`search(facets=False)` under-counts {r['undercounts_without_facets']}.")
    big = rows[-1]
    out += ["", f"By kind of query at {big['articles']:,} articles (p50 / p95 ms):", "",
            "| kind | queries | search page | its first time | Whoosh's collector alone | FTS5 | mean hits |",
            "|---|---|---|---|---|---|---|"]
    for kind, count in MIX.items():
        k = big["kinds"][kind]
        out.append(f"| {kind} | {count} | {ms(k, 'whoosh')} | {ms(k, 'first')} | {ms(k, 'core')} | {ms(k, 'fts5')} | "
                   f"{k['whoosh']['hits']:,.0f} |")
    return "\n".join(out + [END])


def write_report(path: Path, block: str, begin: str = BEGIN, end: str = END,
                 heading: str = "## Search latency (issue #3)") -> None:
    """Replace the figures between the markers; prose around them is kept."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    if begin in text and end in text:
        text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + f"\n\n{heading}\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--root", type=Path, default=Path("/tmp/bench-search"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--load-only", action="store_true", help="generate and import, measure nothing")
    ap.add_argument("--report", type=Path, default=ROOT / "docs" / "performance.md")
    ap.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # the worker for one size
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"bench_search.py: corpus {args.corpus} not found (CORPUS=DIR)", file=sys.stderr)
        return 2
    args.corpus, args.root = args.corpus.resolve(), args.root.resolve()
    if args.measure:
        result = measure(args.measure, args)
        (args.root / str(args.measure) / "results.json").write_text(json.dumps(result, indent=1))
        return 0
    rows = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        stats = load(size, args)
        print(f"{size}: loaded {json.dumps(stats)}", flush=True)
        if args.load_only:
            continue
        base = args.root / str(size)
        subprocess.run([PY, __file__, "--measure", str(size), "--corpus", str(args.corpus), "--root",
                        str(args.root), "--seed", str(args.seed)], env=data_env(base), cwd=ROOT, check=True)
        rows.append({**stats, **json.loads((base / "results.json").read_text())})
        print(f"{size}: measured {json.dumps({k: rows[-1][k] for k in ('whoosh', 'core', 'fts5')})}", flush=True)
    if rows:
        command = f"make bench-search CORPUS={args.corpus}  # sizes {args.sizes}, seed {args.seed}"
        write_report(args.report, render(rows, command))
        print(f"written: {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
