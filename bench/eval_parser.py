"""Score the ingest parser against a corpus with truth files.

    python bench/eval_parser.py [CORPUS_DIR] [--show-errors N]

CORPUS_DIR (default ../shared/corpus) holds `seed/*.truth.json` (one object
per issue) and/or `*/YYYY-MM-DD.truth.jsonl` (one article per line) beside the
issue texts. Parsed articles are matched one-to-one to truth articles by shared
paragraph text; a pair matches when the shared text is at least half of each.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.ingest import parse_file  # noqa: E402

FIELDS = ("kind", "column", "kicker", "title", "subtitle", "dateline", "bylines",
          "captions", "editor_note", "sidebar", "paragraphs", "dropped_duplicates")


def truth_units(article: dict) -> list[str]:
    units = list(article.get("paragraphs", []))
    units += article.get("editor_note", []) or []
    for caption in article.get("captions", []) or []:
        units += [u for u in (caption["text"], caption["credit"]) if u]
    sidebar = article.get("sidebar")
    if sidebar:
        units += [sidebar["title"], *sidebar["items"]]
    return units


def parsed_units(article: dict) -> set[str]:
    units = set(truth_units(article))
    for caption in article["captions"]:
        # The truth may keep a caption and its inline credit as one paragraph.
        units |= {caption["text"] + caption["credit"], caption["text"] + " " + caption["credit"]}
    if article["sidebar"]:
        units |= {f"- {item}" for item in article["sidebar"]["items"]}
    return units


def match(parsed: list[dict], truth: list[dict]) -> list[tuple[int, int]]:
    sizes = [sum(map(len, truth_units(p))) for p in parsed]
    units = [parsed_units(p) for p in parsed]
    pairs = []
    for ti, t in enumerate(truth):
        t_units = truth_units(t)
        t_size = sum(map(len, t_units)) or 1
        for pi in range(len(parsed)):
            shared = sum(len(u) for u in t_units if u in units[pi])
            if shared * 2 >= t_size and shared * 2 >= sizes[pi] and shared:
                pairs.append((shared, -abs(pi - ti), pi, ti))
    pairs.sort(reverse=True)
    used_p, used_t, result = set(), set(), []
    for _, _, pi, ti in pairs:
        if pi not in used_p and ti not in used_t:
            used_p.add(pi)
            used_t.add(ti)
            result.append((pi, ti))
    return result


def load_truth(path: Path) -> list[dict]:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))["articles"]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def issue_pairs(corpus: Path):
    for truth in sorted(corpus.rglob("*.truth.json*")):
        text = truth.with_name(truth.name.split(".truth.")[0] + ".txt")
        if text.exists():
            yield text, truth


def heading(article: dict) -> tuple[str, str, str]:
    return article.get("kicker", ""), article["title"], article.get("subtitle", "")


def evaluate(corpus: Path, show_errors: int) -> dict:
    totals = dict(parsed=0, truth=0, matched=0, title=0, heading=0, seconds=0.0)
    errors: list[str] = []
    for text_path, truth_path in issue_pairs(corpus):
        started = time.perf_counter()
        parsed = [a.as_json() for a in parse_file(text_path).articles]
        totals["seconds"] += time.perf_counter() - started
        truth = load_truth(truth_path)
        pairs = match(parsed, truth)
        totals["parsed"] += len(parsed)
        totals["truth"] += len(truth)
        totals["matched"] += len(pairs)
        for pi, ti in pairs:
            totals["title"] += parsed[pi]["title"] == truth[ti]["title"]
            totals["heading"] += heading(parsed[pi]) == heading(truth[ti])
            if heading(parsed[pi]) != heading(truth[ti]):
                errors.append(f"{text_path.name} heading: got {heading(parsed[pi])} want {heading(truth[ti])}")
        errors += [f"{text_path.name} missed: {truth[ti]['title']!r} ({truth[ti].get('page')})"
                   for ti in set(range(len(truth))) - {t for _, t in pairs}]
        errors += [f"{text_path.name} extra: line {parsed[pi]['seq']} {parsed[pi]['title']!r} "
                   f"{(truth_units(parsed[pi]) or [''])[0][:30]!r}"
                   for pi in set(range(len(parsed))) - {p for p, _ in pairs}]
        if truth_path.suffix == ".json":
            print_field_diffs(text_path, parsed, truth, pairs)
    for line in errors[:show_errors]:
        print("  " + line)
    return totals


def print_field_diffs(text_path: Path, parsed: list[dict], truth: list[dict], pairs) -> None:
    diffs = [f"  seq {truth[ti]['seq']} {field}: got {parsed[pi].get(field)!r} want {truth[ti].get(field)!r}"
             for pi, ti in sorted(pairs, key=lambda p: p[1]) for field in FIELDS
             if field in truth[ti] and parsed[pi].get(field) != truth[ti][field]]
    print(f"{text_path.name}: {len(parsed)} parsed / {len(truth)} truth, "
          f"{len(diffs)} field difference(s)")
    for diff in diffs:
        print(diff[:400])


def report(name: str, t: dict) -> None:
    precision = t["matched"] / t["parsed"] if t["parsed"] else 0.0
    recall = t["matched"] / t["truth"] if t["truth"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{name}: articles parsed {t['parsed']}, truth {t['truth']}, matched {t['matched']}")
    print(f"{name}: article precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}")
    print(f"{name}: title exact {t['title'] / t['truth']:.4f}  "
          f"kicker+title+subtitle exact {t['heading'] / t['truth']:.4f}  "
          f"(parse {t['seconds']:.2f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="list the first N mismatches of the non-seed sets")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"eval: corpus directory {corpus} is absent; pass one with truth files "
              "(see ../shared/corpus/README.md)", file=sys.stderr)
        return 2
    subsets = sorted({truth.parent for _, truth in issue_pairs(corpus)})
    if not subsets:
        print(f"eval: no *.truth.json[l] files with their .txt under {corpus}", file=sys.stderr)
        return 2
    for subset in subsets:
        report(subset.name, evaluate(subset, args.show_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
