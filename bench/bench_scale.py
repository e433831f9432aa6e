"""How the archive scales: load rate, sizes, page latency, worker memory, FTS5 beside it.

    python bench/bench_scale.py --articles N [--corpus ../shared/corpus] [--root /tmp/bench-scale]
                                [--report docs/performance.md] [--seed 1] [--seconds 20] [--no-fts]

Generates N articles (bench/corpus.py, seeded) into ROOT/N/issues and imports them with
import_issue into ROOT/N/data, timed; ROOT/N/loaded.json marks a finished load, reused
later. An interrupted load resumes (import_issue skips unchanged issues and repairs the
index after a run that died); its time is the sum of the attempts' import wall times
(ROOT/N/load-progress.json, a heartbeat every 10 s). Then: FTS5 on the same tokens and the
200-query mix timed in-process (bench_search), gunicorn (2 workers) with wrk on the home,
issue, article and reporter pages and the search page (bench_web), the workers' peak RSS.
--no-fts leaves FTS5 out (its table is ~24 GB and an hour's build at 1M); the row says so.
The row goes to ROOT/N/scale.json and to bench-scale.json beside the report, from whose
rows the table between the report's bench-scale markers and bench-scale.svg are redrawn.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from bench_search import (IMPORT, PY, data_env, fts_search, generate, hardware, measure_setup,  # noqa: E402
                          on_disk, run, summary, timed, write_report)
from bench_web import WRK_SCRIPT, sample_urls, serve, wrk  # noqa: E402

from archive.ahead import die_with_parent  # noqa: E402  (ROOT is on the path: bench_search)

PORT = 8260  # not bench_web's 8250, so that both can run
BROWSE = ("home", "issue", "article", "reporter")
SEARCH_TARGETS = ((100_000, 150.0), (1_000_000, 400.0))  # search p95 ms at that many articles
BROWSE_P95, RSS_MB, LOAD_RATE = 30.0, 250.0, 1000.0
SEARCH_WRK_TIMEOUT, SEARCH_MAX_S = 120, 900
DISK_KB_PER_ARTICLE = 45  # 100k (4360b82): 0.64 GB of index, 2.4 GB of FTS5, 0.6 GB of database, 0.4 GB of issues
BEGIN, END = "<!-- bench-scale: begin -->", "<!-- bench-scale: end -->"
HEADING = "## Scale (issue #7)"


@contextmanager
def heartbeat(path: Path, progress: dict, every: float = 10.0):
    """Add this attempt's seconds to progress['load_s'] in `path` every `every` s and at the end."""
    before, began, stop = progress["load_s"], time.perf_counter(), threading.Event()

    def save():
        progress["load_s"] = round(before + time.perf_counter() - began, 1)
        path.write_text(json.dumps(progress))
    save()  # the attempt counts from its start
    thread = threading.Thread(target=lambda: [save() for _ in iter(lambda: stop.wait(every), True)], daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        save()


def load(n: int, args) -> dict:
    base = args.root / str(n)
    marker, path = base / "loaded.json", base / "load-progress.json"
    if marker.exists():
        return json.loads(marker.read_text())
    base.mkdir(parents=True, exist_ok=True)
    env, log = data_env(base), base / "load.log"
    need, free = n * DISK_KB_PER_ARTICLE / 2**20, shutil.disk_usage(base).free / 2**30
    if need > free:  # a warning: the estimate is from the 100k load
        print(f"bench_scale.py: {n:,} articles may need ~{need:,.0f} GB in {base} "
              f"(issues, database, index, FTS5), {free:,.0f} GB free", file=sys.stderr)
    progress = json.loads(path.read_text()) if path.exists() else {"attempts": 0, "load_s": 0.0}
    if "generate_s" not in progress:  # the same arguments write the same bytes: a cut-off run is redone
        progress["generate_s"] = round(generate(base, n, args, env, log), 1)
        path.write_text(json.dumps(progress))
    run([PY, "manage.py", "migrate", "--noinput"], env, log)
    progress["attempts"] += 1
    with heartbeat(path, progress):
        parsed = run(IMPORT + [base / "issues"], env, log, die_with_parent)
    # Parsing and the database, then indexing: known for a load in one attempt only.
    split = progress["attempts"] == 1 and parsed
    stats = {"size": n, "seed": args.seed, **progress, **on_disk(base),
             "import_s": round(parsed, 1) if split else None,
             "index_s": round(progress["load_s"] - parsed, 1) if split else None,
             "finished": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())}
    marker.write_text(json.dumps(stats, indent=1))
    return stats


def measure_in_django(n: int, args) -> dict:
    """With DATA_DIR set to ROOT/N/data: FTS5 on the same tokens, timed (unless --no-fts:
    then "fts5" is None), and the URLs to walk."""
    if args.no_fts:  # sample_urls sets Django up
        base, fts = args.root / str(n), {"fts5": None}
    else:
        base, mix, fts = measure_setup(n, args)
        with sqlite3.connect(base / "fts5.sqlite3") as db:
            run_one = fts_search(db, mix)
            timed(mix, run_one)  # warm-up pass
            fts["fts5"] = summary(timed(mix, run_one))
    urls = sample_urls(base / "data" / "archive.sqlite3", args.corpus, args.seed)
    # Shuffled: a run too short for the whole mix still samples every kind of query.
    random.Random(f"scale-{args.seed}").shuffle(urls["search"])
    return {**fts, "urls": urls}


def workers(master: int) -> list[dict]:
    """Peak (VmHWM) and current (VmRSS) resident memory of the master's children, MB."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master) and "VmHWM" in fields:
            mb = lambda key: round(int(fields[key].split()[0]) / 1024, 1)  # noqa: E731
            found.append({"pid": int(status.parent.name), "hwm_mb": mb("VmHWM"), "rss_mb": mb("VmRSS")})
    return sorted(found, key=lambda w: w["pid"])


def measure_web(base: Path, urls: dict, seconds: int) -> dict:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            raise SystemExit(f"bench_scale.py: port {PORT} is in use; is another run serving?")
    script = base / "bench-web.lua"
    script.write_text(WRK_SCRIPT)
    server = serve(base, base / "gunicorn.log", PORT)
    try:
        first = workers(server.pid)
        for kind in BROWSE:  # warm: the OS cache, templates, jieba, the searcher
            wrk(urls[kind], 3, script, PORT)
        warm = wrk(urls["search"], 10, script, PORT, SEARCH_WRK_TIMEOUT)
        rate = warm["requests"] / warm["seconds"]
        search_s = min(SEARCH_MAX_S, max(seconds, math.ceil(1.1 * len(urls["search"]) / rate)
                                         if rate else SEARCH_MAX_S))
        web = {kind: wrk(urls[kind], seconds, script, PORT) for kind in BROWSE}
        web["search"] = wrk(urls["search"], search_s, script, PORT, SEARCH_WRK_TIMEOUT)
        last = workers(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"web": web, "browse_seconds": seconds, "search_seconds": search_s, "workers": last,
            "workers_restarted": [w["pid"] for w in first] != [w["pid"] for w in last]}


def merge_rows(rows: list[dict], new: list[dict]) -> list[dict]:
    """One row per size, a newer row replacing an older one of its size; by size."""
    by_size = {r["size"]: r for r in rows} | {r["size"]: r for r in new}
    return [by_size[size] for size in sorted(by_size)]


def figures(r: dict) -> dict:
    """What the chart plots and the verdicts judge; None where nothing was measured."""
    search = r["web"]["search"]
    return {"search_p95": search["p95"] if search["requests"] else None,
            "browse_p95": max(r["web"][k]["p95"] for k in BROWSE),
            "fts5_p95": r["fts5"]["p95"] if r.get("fts5") else None, "load_rate": r["articles"] / r["load_s"],
            "rss_mb": max((w["hwm_mb"] for w in r["workers"]), default=0.0)}


def render_table(rows: list[dict], chart: str) -> str:
    verdict = lambda ok: "met" if ok else "**not met**"  # noqa: E731
    out = [BEGIN, "| articles | load s | articles/s | index MB | DB MB | search p50 / p95 ms (requests) "
           "| browse p95 ms: home / issue / article / reporter | worker peak RSS MB | FTS5 p50 / p95 ms "
           "| Whoosh / FTS5 p95 | errors |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        f, web = figures(r), r["web"]
        errors = sum(w["non2xx"] + w["socket_errors"] for w in web.values())
        ratio = f"{f['search_p95'] / f['fts5_p95']:.1f}×" if f["search_p95"] and f["fts5_p95"] else "–"
        out.append(f"| {r['articles']:,} | {r['load_s']:,.0f}{' (resumed)' if r.get('attempts', 1) > 1 else ''} | "
                   f"{f['load_rate']:,.1f} | {r['index_mb']:,.0f} | {r['db_mb']:,.0f} | "
                   f"{web['search']['p50']:,.0f} / {web['search']['p95']:,.0f} ({web['search']['requests']:,}) | "
                   + " / ".join(f"{web[k]['p95']:.1f}" for k in BROWSE) + " | "
                   + " / ".join(f"{w['hwm_mb']:.0f}" for w in r["workers"]) + " | "
                   + (f"{r['fts5']['p50']:.1f} / {r['fts5']['p95']:.1f}" if r.get("fts5") else "not measured")
                   + f" | {ratio} | {errors} |")
    out += ["", f"![Search, browse and FTS5 p95, load rate and worker RSS against articles; "
            f"targets dashed]({chart})", ""]
    for r in rows:
        f = figures(r)
        target = next((ms for size, ms in SEARCH_TARGETS if r["articles"] <= size), SEARCH_TARGETS[-1][1])
        search = f"{f['search_p95']:,.0f} ms" if f["search_p95"] is not None else "no request answered"
        out.append(f"- {r['articles']:,} articles: search p95 {search} ≤ {target:.0f}: "
                   f"{verdict(f['search_p95'] is not None and f['search_p95'] <= target)}; browse p95 "
                   f"{f['browse_p95']:.1f} ms ≤ {BROWSE_P95:.0f}: {verdict(f['browse_p95'] <= BROWSE_P95)}; "
                   f"worker RSS {f['rss_mb']:.0f} MB ≤ {RSS_MB:.0f}: {verdict(0 < f['rss_mb'] <= RSS_MB)}; "
                   f"load {f['load_rate']:,.1f} articles/s ≥ {LOAD_RATE:,.0f}: {verdict(f['load_rate'] >= LOAD_RATE)}.")
    out += ["", "Runs (hardware, machine load average before and after, command):", ""]
    for r in rows:
        out.append(f"- {r['articles']:,}: {r['measured']} on {r['hardware']}; load average {r['loadavg'][0]:.1f}, "
                   f"{r['loadavg'][1]:.1f}; search ran {r['search_seconds']} s, browse {r['browse_seconds']} s a page"
                   f"{'; a worker was restarted' if r['workers_restarted'] else ''}; `{r['command']}`")
    return "\n".join(out + [END])


SERIES = (  # panel, key, label, colour
    (0, "search_p95", "search page p95", "#d62728"), (0, "browse_p95", "browse p95 (slowest page)", "#1f77b4"),
    (0, "fts5_p95", "FTS5 p95, same tokens", "#2ca02c"), (1, "load_rate", "load rate", "#9467bd"),
    (2, "rss_mb", "worker peak RSS", "#8c564b"))
PANELS = ("p95 latency, ms", "load, articles/s", "gunicorn worker peak RSS, MB")
TARGETS = (  # panel, label, colour, points (articles, value); one value is a level across
    (0, "target: search ≤ 150 ms at 100k, ≤ 400 ms at 1M", "#d62728", SEARCH_TARGETS),
    (0, "target: browse ≤ 30 ms", "#1f77b4", ((None, BROWSE_P95),)),
    (1, "target: ≥ 1,000 articles/s", "#9467bd", ((None, LOAD_RATE),)),
    (2, "target: ≤ 250 MB", "#8c564b", ((None, RSS_MB),)))


def short(v: float) -> str:
    return next((f"{v / d:g}{s}" for d, s in ((1e6, "M"), (1e3, "k")) if v >= d), f"{v:g}")


def decades(values, pad: float = 1.0) -> tuple[float, float]:
    lo, hi = math.floor(math.log10(min(values) / pad)), math.ceil(math.log10(max(values) * pad))
    return 10.0 ** lo, 10.0 ** max(hi, lo + 1)


def tag(name: str, body: str = "", **attrs) -> str:
    """An SVG element: class_ is class, data_series is data-series; numbers to 0.1."""
    text = " ".join(f'{k.rstrip("_").replace("_", "-")}="{round(v, 1) if isinstance(v, float) else v}"'
                    for k, v in attrs.items())
    return f"<{name} {text}>{body}</{name}>" if body else f"<{name} {text}/>"


def render_svg(rows: list[dict]) -> str:
    """Three panels over a log axis of articles (10k to 1M at least); targets dashed."""
    left, width, height, gap, top = 70, 430, 170, 70, 50
    total = top + len(PANELS) * (height + gap)
    sizes, values = [r["articles"] for r in rows], [figures(r) for r in rows]
    x_lo, x_hi = decades(sizes + [10_000, 1_000_000])
    x = lambda v: left + math.log10(v / x_lo) / math.log10(x_hi / x_lo) * width  # noqa: E731
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="860" height="{total}" viewBox="0 0 860 {total}" '
           'font-family="sans-serif" font-size="12">', tag("rect", width="100%", height="100%", fill="white"),
           tag("text", f"bench-scale: the archive at {', '.join(f'{a:,}' for a in sizes)} articles",
               x=left, y=24, font_size=15)]
    for p, title in enumerate(PANELS):
        y0 = top + p * (height + gap)
        levels = [v[key] for v in values for q, key, *_ in SERIES if q == p and v[key]]
        y_lo, y_hi = decades(levels + [val for q, _, _, pts in TARGETS if q == p for _, val in pts], pad=1.3)
        y = lambda v: y0 + height - math.log10(v / y_lo) / math.log10(y_hi / y_lo) * height  # noqa: E731
        out += ['<g class="panel">', tag("text", escape(title), x=left, y=y0 - 8, font_weight="bold"),
                tag("rect", x=left, y=y0, width=width, height=height, fill="none", stroke="#999"),
                tag("text", "articles", x=left + width / 2, y=y0 + height + 32, text_anchor="middle")]
        for v in (m * 10.0 ** e for e in range(round(math.log10(y_lo)), round(math.log10(y_hi)) + 1)
                  for m in (1, 2, 5) if y_lo <= m * 10.0 ** e <= y_hi):
            out += [tag("line", x1=left, x2=left + width, y1=y(v), y2=y(v), stroke="#e5e5e5"),
                    tag("text", short(v), x=left - 6, y=y(v) + 4, text_anchor="end")]
        for v in (10.0 ** e for e in range(round(math.log10(x_lo)), round(math.log10(x_hi)) + 1)):
            out += [tag("line", x1=x(v), x2=x(v), y1=y0, y2=y0 + height, stroke="#e5e5e5"),
                    tag("text", short(v), x=x(v), y=y0 + height + 16, text_anchor="middle")]
        legend = []
        for q, key, label, colour in (s for s in SERIES if s[0] == p):
            pts = [(a, v[key]) for a, v in zip(sizes, values) if v[key]]
            out.append(tag("polyline", class_="series", data_series=key, fill="none", stroke=colour, stroke_width=2,
                           points=" ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in pts)))
            out += [tag("circle", f"<title>{a:,} articles: {b:,.1f}</title>", class_="point", data_series=key,
                        data_articles=a, cx=x(a), cy=y(b), r=3.5, fill=colour) for a, b in pts]
            legend.append((label, colour, "none"))
        for q, label, colour, pts in (t for t in TARGETS if t[0] == p):
            xy = [(left, pts[0][1]), (left + width, pts[0][1])] if pts[0][0] is None else [(x(a), b) for a, b in pts]
            out.append(tag("polyline", class_="target", fill="none", stroke=colour, stroke_width=1.5,
                           stroke_dasharray="6 4", points=" ".join(f"{a:.1f},{y(b):.1f}" for a, b in xy)))
            legend.append((label, colour, "6 4"))
        for i, (label, colour, dash) in enumerate(legend):
            ly = y0 + 14 + i * 20
            out += [tag("line", x1=left + width + 16, x2=left + width + 44, y1=ly - 4, y2=ly - 4, stroke=colour,
                        stroke_width=2, stroke_dasharray=dash),
                    tag("text", escape(label), class_="legend", x=left + width + 50, y=ly)]
        out.append("</g>")
    return "\n".join(out + ["</svg>"]) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--root", type=Path, default=Path("/tmp/bench-scale"))
    ap.add_argument("--report", type=Path, default=ROOT / "docs" / "performance.md")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=int, default=20, help="wrk seconds per kind of browse page")
    ap.add_argument("--no-fts", action="store_true", help="leave FTS5 out (no table built, none timed)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"bench_scale.py: corpus directory {args.corpus} not found; give --corpus DIR "
              "(make bench-scale CORPUS=DIR). Nothing was measured.", file=sys.stderr)
        return 2
    args.corpus, args.root, n = args.corpus.resolve(), args.root.resolve(), args.articles
    base = args.root / str(n)
    command = "python bench/bench_scale.py " + " ".join(argv if argv is not None else sys.argv[1:])
    stats = load(n, args)
    print(f"{n}: loaded {json.dumps(stats)}", flush=True)
    env = data_env(base)  # for migrate and for Django in this process: one size a process
    os.environ.clear()
    os.environ.update(env)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True)
    measured = measure_in_django(n, args)
    urls = measured.pop("urls")
    print(f"{n}: FTS5 {json.dumps(measured)}", flush=True)
    before = os.getloadavg()[0]
    web = measure_web(base, urls, args.seconds)
    row = {**stats, **measured, **web, "measured": time.strftime("%Y-%m-%d", time.gmtime()), "hardware": hardware(),
           "command": command, "loadavg": [before, os.getloadavg()[0]]}
    (base / "scale.json").write_text(json.dumps(row, indent=1))
    rows_path, chart = args.report.with_name("bench-scale.json"), args.report.with_name("bench-scale.svg")
    rows = merge_rows(json.loads(rows_path.read_text()) if rows_path.exists() else [], [row])
    rows_path.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    chart.write_text(render_svg(rows), encoding="utf-8")
    block = render_table(rows, chart.name)
    write_report(args.report, block, BEGIN, END, HEADING)
    print(block, f"written: {args.report}, {rows_path}, {chart}", sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
