"""Peak memory of exporting a big search: `make bench-export`.

    python bench/bench_export.py [--rows 50000] [--root /tmp/bench-export] [--reindex] [--report docs/performance.md]

1. Builds, once (cached under --root), a database of --rows + 500 invented
   articles, each about --body-chars characters of made-up text, all with the
   word 档案 in their first sentence, so that the query 档案 has --rows + 500
   hits. Rows are bulk-created; the search index is written by the backend's
   own bulk writer (`backend().write`, one process per core). To keep that at
   minutes rather than the ~40 of a full analysis (docs/performance.md: 20-27
   articles/s), the analysed fields hold the headline and the first
   --analysed-chars characters; the stored fields, which is what an export
   reads, are the real ones at full length (`snippet` is the whole body).
   The database is kept between runs; the index alone is rebuilt with
   --reindex, for another --analysed-chars, or when it holds compound
   segments (`.seg`, written before the backend's compound=False).
2. Measures, each in a fresh process, the real export path: a GET of
   /search/export.csv?q=档案 through Django's handler (middleware, view,
   StreamingHttpResponse), reading the stream to the end. It records VmHWM,
   the kernel's peak resident set size of the process, for
   * a one-row export (EXPORT_MAX_ROWS=1): what the process needs anyway,
   * --rows rows (EXPORT_MAX_ROWS=--rows), and the same with full_text=1;
   and the resident set after django.setup(), before the export.
3. Rewrites the part of --report between the bench-export markers.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

ARTICLES_PER_ISSUE = 40
PAGES_PER_ISSUE = 4
EXTRA = 500  # more hits than rows, so that the cap is what stops the export
QUERY = "档案"
# Invented words from common characters: statistics like Chinese text, text of nobody's.
CHARS = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
         "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点"
         "从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原"
         "又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位")
MARKER = "<!-- bench-export: begin -->", "<!-- bench-export: end -->"


def setup_django(data_dir: Path):
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = "bench-export"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["API_RATE_LIMIT"] = ""
    import django

    django.setup()


def sentence(rng: random.Random) -> str:
    words = ["".join(rng.choices(CHARS, k=rng.choice((2, 2, 3, 4)))) for _ in range(rng.randint(6, 16))]
    return "，".join("".join(words[i:i + 3]) for i in range(0, len(words), 3)) + "。"


def body(rng: random.Random, chars: int) -> str:
    paragraphs, size = [f"本报讯 记者走访{QUERY}馆。" + sentence(rng)], 0
    while size < chars:
        paragraph = "".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        size += len(paragraph)
    return "\n".join(paragraphs)


def load(count: int, body_chars: int) -> dict:
    """Bulk-create `count` articles."""
    from django.core.management import call_command
    from django.db import transaction

    from archive.models import Article, Byline, Issue, Newspaper, Page, Person
    from corpus import GIVEN, SURNAMES

    call_command("migrate", verbosity=0)
    rng = random.Random(1)
    started = time.perf_counter()
    with transaction.atomic():
        paper = Newspaper.objects.create(name="测试报", slug="test")
        people = Person.objects.bulk_create(
            Person(name=name, slug=f"p{i}") for i, name in enumerate(
                dict.fromkeys(rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=2)) for _ in range(3000))))
        issues = Issue.objects.bulk_create(
            Issue(paper=paper, date=datetime.date(2001, 1, 1) + datetime.timedelta(days=n))
            for n in range(-(-count // ARTICLES_PER_ISSUE)))
        pages = Page.objects.bulk_create(Page(issue=issue, number=n + 1, name="要闻")
                                         for issue in issues for n in range(PAGES_PER_ISSUE))
        articles = Article.objects.bulk_create(
            (Article(issue=issues[i // ARTICLES_PER_ISSUE], seq=i % ARTICLES_PER_ISSUE + 1,
                     page=pages[i // ARTICLES_PER_ISSUE * PAGES_PER_ISSUE + i % PAGES_PER_ISSUE],
                     title=sentence(rng)[:rng.randint(8, 20)], dateline_source="本报",
                     body=body(rng, body_chars)) for i in range(count)), batch_size=2000)
        Byline.objects.bulk_create((Byline(article=a, person=rng.choice(people), role="记者")
                                    for a in articles), batch_size=5000, ignore_conflicts=True)
    return {"load_s": round(time.perf_counter() - started, 1)}


def index(analysed_chars: int) -> dict:
    """(Re)index every article with the backend's bulk writer, into an empty index."""
    from archive.models import Article
    from search import indexing
    from search.search_indexes import ArticleIndex

    started = time.perf_counter()

    class BenchIndex(ArticleIndex):
        """The real index with shorter analysed text; stored fields unchanged."""

        def prepare_text(self, article):
            return super().prepare_text(article)[:analysed_chars]

        prepare_grams = prepare_text

    bench_index = BenchIndex()
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    articles = (a for start in range(0, len(ids), 500)
                for a in bench_index.index_queryset().filter(pk__in=ids[start:start + 500]))
    indexing.backend().write(bench_index, articles, size=len(ids))
    return {"index_s": round(time.perf_counter() - started, 1)}


def compound_segments(index_dir: Path) -> list[Path]:
    """Segments written as one .seg file each, as the backend did before it wrote
    compound=False: searching them copies each into memory, so they would measure
    the old backend, not the current one."""
    return sorted(index_dir.glob("*.seg"))


def vm(name: str) -> int:
    """A /proc/self/status figure in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) // 1024
    raise KeyError(name)


def measure(data_dir: Path, rows: int, full_text: bool) -> dict:
    """Export through Django's request handler and read the stream to the end."""
    os.environ["EXPORT_MAX_ROWS"] = str(rows)
    setup_django(data_dir)
    from django.test import Client

    before = vm("VmRSS")
    started = time.perf_counter()
    query = {"q": QUERY, **({"full_text": "1"} if full_text else {})}
    response = Client().get("/search/export.csv", query)
    assert response.status_code == 200, response.content[:300]
    size, lines, anon, mapped = 0, 0, 0, 0
    for chunk in response.streaming_content:
        size += len(chunk)
        # Rows end in CRLF; the text column's paragraphs are joined by LF alone.
        lines += chunk.count(b"\r\n")
        # The kernel keeps only the peak of the total; sample its two parts per chunk (200 rows).
        anon, mapped = max(anon, vm("RssAnon")), max(mapped, vm("RssFile"))
    elapsed = time.perf_counter() - started
    return {"rows": lines - 1, "full_text": full_text, "total": int(response["X-Total-Count"]),
            "bytes": size, "seconds": round(elapsed, 1), "rss_before_mb": before, "peak_rss_mb": vm("VmHWM"),
            "peak_anon_mb": anon, "peak_file_mb": mapped}


def run_measure(args, rows: int, full_text: bool) -> dict:
    command = [sys.executable, __file__, "--root", str(args.root), "--measure", str(rows)]
    if full_text:
        command.append("--full-text")
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def report(path: Path, built: dict, results: list[dict], args):
    lines = [
        MARKER[0],
        f"Measured {datetime.date.today()} on nproc {os.cpu_count()}, Python {sys.version.split()[0]}, with",
        "",
        f"    make bench-export  # --rows {args.rows}, {built['articles']:,} articles of ~{args.body_chars} characters",
        "",
        "| export | rows | hits | MB out | seconds | RSS after setup MB | peak RSS (VmHWM) MB | over one row | "
        "peak anonymous MB | peak file-backed MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        label = "one row" if r["rows"] == 1 else "CSV, full_text=1" if r["full_text"] else "CSV"
        lines.append(f"| {label} | {r['rows']:,} | {r['total']:,} | {r['bytes'] / 2**20:.1f} | {r['seconds']} "
                     f"| {r['rss_before_mb']} | {r['peak_rss_mb']} | +{r['peak_rss_mb'] - results[0]['peak_rss_mb']} "
                     f"| {r['peak_anon_mb']} | {r['peak_file_mb']} |")
    files = list((args.root / "data" / "index").iterdir())
    segments = {f.name.split(".")[0] for f in files if f.suffix in (".trm", ".seg")}
    lines += ["", f"Database load {built['load_s']} s (bulk_create), index {built['index_s']} s "
                  f"(backend writer, analysed text cut to {args.analysed_chars} characters), index "
                  f"{sum(f.stat().st_size for f in files) / 2**20:,.0f} MB on disk in {len(segments)} segments "
                  f"({len(compound_segments(args.root / 'data' / 'index'))} compound). Timings are from a machine "
                  f"shared with other work (load average {os.getloadavg()[0]:.1f} at the end); memory is not.",
              MARKER[1]]
    text_before = path.read_text(encoding="utf-8")
    start, end = text_before.index(MARKER[0]), text_before.index(MARKER[1]) + len(MARKER[1])
    path.write_text(text_before[:start] + "\n".join(lines) + text_before[end:], encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--root", type=Path, default=Path("/tmp/bench-export"))
    ap.add_argument("--body-chars", type=int, default=1400, help="about the mean of real articles")
    ap.add_argument("--analysed-chars", type=int, default=100)
    ap.add_argument("--report", type=Path, default=ROOT / "docs" / "performance.md")
    ap.add_argument("--reindex", action="store_true", help="rebuild the index, keeping the database")
    ap.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # the worker: export this many rows
    ap.add_argument("--full-text", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    data_dir = args.root / "data"
    if args.measure is not None:
        print(json.dumps(measure(data_dir, args.measure, args.full_text)))
        return 0
    stamp = args.root / "built.json"
    loaded = {"articles": args.rows + EXTRA, "body_chars": args.body_chars}
    built = json.loads(stamp.read_text()) if stamp.exists() else {}
    index_dir = data_dir / "index"
    if {k: built.get(k) for k in loaded} != loaded:
        subprocess.run(["rm", "-rf", str(args.root)], check=True)
        data_dir.mkdir(parents=True)
        setup_django(data_dir)
        built = {**loaded, **load(loaded["articles"], args.body_chars)}
        stamp.write_text(json.dumps(built))
    elif args.reindex or built.get("analysed_chars") != args.analysed_chars or compound_segments(index_dir) \
            or not any(index_dir.glob("_MAIN_*.toc")):
        # The database is reused: only the index's format or content is in question.
        shutil.rmtree(index_dir, ignore_errors=True)
        built.pop("analysed_chars", None)
        setup_django(data_dir)
    if built.get("analysed_chars") is None:
        built = {**built, **index(args.analysed_chars), "analysed_chars": args.analysed_chars}
        stamp.write_text(json.dumps(built))
    print("built:", built, flush=True)
    results = []
    for rows, full_text in ((1, False), (args.rows, False), (args.rows, True)):
        results.append(run_measure(args, rows, full_text))
        print(results[-1], flush=True)
    report(args.report, built, results, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
