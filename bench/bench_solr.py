"""The Solr engine beside the embedded one on the same archive (make bench-solr).

    solr/cloud with python bench/bench_solr.py --articles N [--corpus ../shared/corpus]
                                               [--root /tmp/bench-search] [--seed 1] [--keep-whoosh]

The archive is bench_search's load of N generated articles (ROOT/N, made once and reused,
the same generator, seed and import as make bench-search and bench-scale). Both indexes are
then rebuilt from its database with `manage.py rebuild_index`, one after the other, timed
(with --keep-whoosh only Solr's: Whoosh's is the one the load built): Whoosh in
ROOT/N/data/index, Solr in the collection of SOLR_URL (the local 2-node cluster of
`solr/cloud with`). The same query mix (bench_search: 200 queries) then runs as the search
page asks for it (facets, highlights, folding), on each engine in turn: a warm-up pass, then
a timed one. Each query's total must agree between the engines. Prints one JSON line.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from bench_search import PY, data_env, du_mb, load, page_search, query_mix, summary, timed  # noqa: E402


def rebuild(base: Path, engine: dict) -> float:
    """Seconds of `manage.py rebuild_index` on this load's database into `engine`."""
    env = {**data_env(base), **engine}
    began = time.perf_counter()
    subprocess.run([PY, "manage.py", "rebuild_index", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    return time.perf_counter() - began


def solr_index_mb(nodes: list[str], collection: str) -> float:
    """The collection's index on disk, one replica of each shard (the largest, if they differ)."""
    shards = {}
    for node in nodes:
        with urllib.request.urlopen(f"{node}/admin/cores?action=STATUS&wt=json", timeout=30) as response:
            status = json.load(response)["status"]
        for core in status.values():
            cloud = core.get("cloud", {})
            if cloud.get("collection") == collection:
                shards[cloud["shard"]] = max(shards.get(cloud["shard"], 0), core["index"]["sizeInBytes"])
    return round(sum(shards.values()) / 2**20, 1)


def search_all(config: dict, mix) -> tuple[list, list]:
    """The mix timed on the engine `config` names: (timings of the second pass, totals)."""
    from django.test import override_settings
    from haystack import connections

    with override_settings(HAYSTACK_CONNECTIONS=config):  # haystack's engines read their options there
        connections.connections_info = config
        connections.reload("default")
        timed(mix, page_search)  # warm-up: dictionary, caches, Solr's searchers
        timings = timed(mix, page_search)
    return timings, [hits for _, hits in timings]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--root", type=Path, default=Path("/tmp/bench-search"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-rebuild", action="store_true", help="search the indexes as they are (a rerun)")
    ap.add_argument("--keep-whoosh", action="store_true",
                    help="search Whoosh's index as the load built it; rebuild only Solr's")
    args = ap.parse_args(argv)
    solr_url = os.environ.get("SOLR_URL", "").rstrip("/")
    if not solr_url:
        return "SOLR_URL is not set: run it as `make bench-solr` (solr/cloud with ...)"
    collection = os.environ.get("SOLR_COLLECTION", "archive")
    stats = load(args.articles, args)
    base = args.root / str(args.articles)
    whoosh_s = solr_s = None
    if not (args.no_rebuild or args.keep_whoosh):
        whoosh_s = round(rebuild(base, {"SEARCH_ENGINE": "whoosh"}), 1)
        print(f"whoosh rebuild_index: {whoosh_s} s", flush=True)
    if not args.no_rebuild:
        solr_s = round(rebuild(base, {"SEARCH_ENGINE": "solr", "SOLR_URL": solr_url, "SOLR_COLLECTION": collection}), 1)
        print(f"solr rebuild_index: {solr_s} s", flush=True)

    os.environ.update(data_env(base))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    mix = query_mix(args.corpus, args.seed)
    engines = {"whoosh": {"default": {"ENGINE": "search.backend.ArchiveWhooshEngine",
                                      "PATH": str(base / "data" / "index")}},
               "solr": {"default": {"ENGINE": "solr.backend.ArchiveSolrEngine", "URL": f"{solr_url}/{collection}"}}}
    runs = {name: search_all(config, mix) for name, config in engines.items()}
    differ = [q for (_, q), a, b in zip(mix, runs["whoosh"][1], runs["solr"][1]) if a != b]
    nodes = os.environ.get("SOLR_URLS", solr_url).split(",")
    row = {"articles": stats["articles"], "queries": len(mix), "totals_differ": differ,
           "load": {k: stats.get(k) for k in ("load_s", "index_mb", "db_mb")},
           "whoosh": {"rebuild_s": whoosh_s, "index_mb": round(du_mb(base / "data" / "index"), 1),
                      **summary(runs["whoosh"][0])},
           "solr": {"rebuild_s": solr_s, "index_mb": solr_index_mb(nodes, collection),
                    **summary(runs["solr"][0])},
           "finished": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())}
    print(json.dumps(row, ensure_ascii=False))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
