"""Index size and write time an article, this checkout against another, side by side.

    python bench/bench_codec.py [--articles 2000] [--before DIR] [--root /tmp/bench-codec]
                                [--zlib 1] [--corpus ../shared/corpus] [--report docs/performance.md]

bench/corpus.py --seed 1 generates --articles articles (under --root), imported
into a fresh database by each project tree in turn (this one, and --before: a
checkout of the code before the change, e.g. `git worktree add` or
`git archive <commit> | tar -x -C DIR`). Each tree then writes the whole index
again in one process with its own backend writer, from documents prepared
beforehand: what is timed is analysis, gathering postings and the codec.
--zlib adds a row of this tree with posting records zlib'd at that level.
Reported: KB of index an article (all files, and the terms and postings files alone), CPU and wall ms an article.
The figures replace those between the report's bench-codec markers.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BEGIN, END = "<!-- bench-codec: begin -->", "<!-- bench-codec: end -->"
PAPER = ("--paper", "测试报", "--paper-slug", "test")


def worker(data_dir: Path, issues: Path, level: int | None) -> dict:
    """Runs inside a project tree (cwd): import, then the timed index write."""
    sys.path.insert(0, os.getcwd())
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    django.setup()
    from django.core.management import call_command

    from search.indexing import article_index, backend as search_backend

    call_command("migrate", "--noinput", verbosity=0)
    call_command("import_issue", str(issues), *PAPER, stdout=open(os.devnull, "w"))
    backend, index = search_backend(), article_index()
    if level is not None:
        from search import backend as backend_module
        from search.engine.codec import ArchiveCodec
        backend_module.CODEC = ArchiveCodec(compression=level)
    docs = []
    for article in index.index_queryset().iterator(chunk_size=500):  # prefetches a chunk at a time
        doc = index.full_prepare(article)
        doc.pop("boost", None)
        docs.append({k: backend._from_python(v) for k, v in doc.items() if v not in ("", None, [])})
    backend.clear()
    backend.setup()
    cpu, wall = time.process_time(), time.perf_counter()
    writer = backend.writer()
    for doc in docs:
        writer.update_document(**doc)
    writer.commit()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    files = [f for f in Path(backend.path).rglob("*") if f.is_file()]
    inverted = [f for f in files if f.suffix in (".apst", ".atrm", ".pst", ".trm")]
    return {"articles": len(docs), "cpu_s": cpu, "wall_s": wall,
            "index_bytes": sum(f.stat().st_size for f in files),
            "postings_bytes": sum(f.stat().st_size for f in inverted)}


def run_tree(tree: Path, root: Path, name: str, issues: Path, level: int | None = None) -> dict:
    data = root / name.replace(" ", "-")
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    level_args = [] if level is None else [str(level)]
    out = subprocess.run([PY, str(Path(__file__).resolve()), "--worker", str(data), str(issues), *level_args],
                         cwd=tree, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def row(name: str, r: dict) -> str:
    n = r["articles"]
    return (f"| {name} | {n:,} | {r['index_bytes'] / 1024 / n:.1f} | {r['postings_bytes'] / 1024 / n:.1f} "
            f"| {1000 * r['cpu_s'] / n:.1f} | {1000 * r['wall_s'] / n:.1f} |")


def main():
    if len(sys.argv) in (4, 5) and sys.argv[1] == "--worker":
        level = int(sys.argv[4]) if len(sys.argv) == 5 else None
        print(json.dumps(worker(Path(sys.argv[2]), Path(sys.argv[3]), level)))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--before", type=Path, help="a project tree with the code before the change")
    parser.add_argument("--root", type=Path, default=Path("/tmp/bench-codec"))
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--zlib", type=int, help="also this tree with posting records zlib'd at this level")
    parser.add_argument("--report", type=Path)
    args = parser.parse_args()
    issues = args.root / "issues"
    if not issues.is_dir():
        subprocess.run([PY, str(ROOT / "bench" / "corpus.py"), "--articles", str(args.articles), "--out", str(issues),
                        "--seed", "1", "--source", str(args.corpus)], check=True)
    results = {}
    for name, tree in (("before", args.before), ("after", ROOT)):
        if tree is not None:
            results[name] = run_tree(tree, args.root, name, issues)
    if args.zlib:
        results[f"after, zlib {args.zlib}"] = run_tree(ROOT, args.root, f"after zlib{args.zlib}", issues, args.zlib)
    lines = [BEGIN, "| tree | articles | index KB an article | postings files KB an article "
                    "| write CPU ms an article | write wall ms an article |", "|---|---|---|---|---|---|"]
    lines += [row(name, r) for name, r in results.items()]
    lines += [f"\nload average {os.getloadavg()[0]:.1f} at the end (2 cores shared with other work).", END]
    print("\n".join(lines))
    if args.report:
        text = args.report.read_text(encoding="utf-8")
        if BEGIN in text:
            start, end = text.index(BEGIN), text.index(END) + len(END)
            text = text[:start] + "\n".join(lines) + text[end:]
        else:
            text += "\n" + "\n".join(lines) + "\n"
        args.report.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
