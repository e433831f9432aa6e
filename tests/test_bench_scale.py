"""bench/bench_scale.py's pure parts: merging rows across sizes, the table and the
chart drawn from them. Nothing here loads an archive or runs the benchmark."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import bench_scale  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


def row(size, search_p95, load_s=100.0, attempts=1):
    wrk = lambda p95, requests=1000: {"requests": requests, "p50": p95 / 2, "p95": p95, "p99": p95 * 1.2,  # noqa: E731
                                      "max": p95 * 2, "non2xx": 0, "socket_errors": 0, "seconds": 20.0}
    return {"size": size, "articles": size - 3, "load_s": load_s, "attempts": attempts, "index_mb": size / 10,
            "db_mb": size / 200, "web": {"home": wrk(20), "issue": wrk(25.5), "article": wrk(9),
                                         "reporter": wrk(31), "search": wrk(search_p95, 200)},
            "workers": [{"pid": 1, "hwm_mb": 180.0, "rss_mb": 170.0}, {"pid": 2, "hwm_mb": 190.0, "rss_mb": 175.0}],
            "fts5": {"p50": 5.0, "p95": 15.0, "max": 30.0, "hits": 10.0}, "browse_seconds": 20,
            "search_seconds": 60, "workers_restarted": False,
            "measured": "2026-01-01", "hardware": "nproc 2, test CPU", "command": f"python bench/bench_scale.py "
            f"--articles {size}", "loadavg": [0.5, 2.0]}


ROWS = [row(10_000, 95.0), row(100_000, 880.0, load_s=4000.0, attempts=2)]


def test_merge_keeps_other_sizes_and_replaces_the_same_size():
    newer = row(10_000, 50.0)
    merged = bench_scale.merge_rows(ROWS, [newer])
    assert [r["size"] for r in merged] == [10_000, 100_000]
    assert merged[0] is newer and merged[1] is ROWS[1]
    merged = bench_scale.merge_rows(merged, [row(1_000_000, 9000.0), row(2_000, 10.0)])
    assert [r["size"] for r in merged] == [2_000, 10_000, 100_000, 1_000_000]
    assert bench_scale.merge_rows([], ROWS) == ROWS


def test_table_has_a_row_per_size_verdicts_and_runs():
    block = bench_scale.render_table(ROWS, "bench-scale.svg")
    assert block.startswith(bench_scale.BEGIN) and block.endswith(bench_scale.END)
    lines = block.splitlines()
    assert [line.split(" | ")[0] for line in lines if line.startswith("| 9")] == ["| 9,997", "| 99,997"]
    assert "| 4,000 (resumed) | 25.0 |" in block  # 99,997 articles in 4,000 s over two attempts
    assert "(bench-scale.svg)" in block
    assert "search p95 95 ms ≤ 150: met" in block and "search p95 880 ms ≤ 150: **not met**" in block
    assert "browse p95 31.0 ms ≤ 30: **not met**" in block and "worker RSS 190 MB ≤ 250: met" in block
    assert "| 6.3× |" in block and "| 58.7× |" in block  # 95 / 15, 880 / 15
    assert block.count("nproc 2, test CPU") == 2 and "`python bench/bench_scale.py --articles 100000`" in block


def test_chart_is_svg_with_a_point_per_size_and_the_targets():
    svg = bench_scale.render_svg(ROWS + [row(1_000_000, 9000.0)])
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    points = root.iter(SVG + "circle")
    by_series = {}
    for point in points:
        by_series.setdefault(point.get("data-series"), []).append(int(point.get("data-articles")))
    expected = [9_997, 99_997, 999_997]
    assert by_series == {key: expected for key in ("search_p95", "browse_p95", "fts5_p95", "load_rate", "rss_mb")}
    targets = [t for t in root.iter(SVG + "polyline") if t.get("class") == "target"]
    assert len(targets) == 4 and all(t.get("stroke-dasharray") for t in targets)
    legend = " ".join(t.text for t in root.iter(SVG + "text") if t.get("class") == "legend")
    for text in ("150 ms at 100k", "400 ms at 1M", "30 ms", "250 MB", "1,000 articles/s"):
        assert text in legend
    # The search target is drawn through (100k, 150 ms) and (1M, 400 ms) on the log axes.
    search = next(t for t in targets if t.get("stroke") == "#d62728").get("points").split()
    assert len(search) == 2


def test_chart_of_one_size_still_spans_10k_to_1m():
    root = ET.fromstring(bench_scale.render_svg([row(2_000, 40.0)]))
    ticks = {t.text for t in root.iter(SVG + "text")}
    assert {"1k", "10k", "100k", "1M"} <= ticks
    assert len([c for c in root.iter(SVG + "circle") if c.get("data-series") == "search_p95"]) == 1


def test_a_row_without_fts5_says_so_and_draws_no_fts5_point():
    big = {**row(1_000_000, 300.0), "fts5": None}  # bench_scale.py --no-fts
    block = bench_scale.render_table(ROWS + [big], "bench-scale.svg")
    line = next(line for line in block.splitlines() if line.startswith("| 999,997"))
    assert "| not measured | – |" in line
    assert "search p95 300 ms ≤ 400: met" in block
    root = ET.fromstring(bench_scale.render_svg(ROWS + [big]))
    fts = [int(c.get("data-articles")) for c in root.iter(SVG + "circle") if c.get("data-series") == "fts5_p95"]
    assert fts == [9_997, 99_997]
