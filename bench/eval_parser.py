"""Score the ingest parser against a corpus with truth files.

    python bench/eval_parser.py [CORPUS_DIR] [--show-errors N] [--no-lomo] [--plain-fit]

CORPUS_DIR (default ../shared/corpus) holds `seed/*.truth.json` (one object
per issue) and/or `*/YYYY-MM-DD.truth.jsonl` (one article per line) beside the
issue texts. Parsed articles are matched one-to-one to truth articles by shared
paragraph text; a pair matches when the shared text is at least half of each.

Each set prints its pooled figures. A set whose issues span two months or more
also prints a table: each month with the shipped weights, and, for
`*.truth.jsonl` sets, each month left out: the segmenter's fitted weights
refitted on the other months (bench/fit_segmenter.py; pulled toward the fold's
previous fit in bench/fold_weights.json unless --plain-fit) and scored on it,
then the left-out months pooled.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from archive.ingest import parse_file  # noqa: E402
from fit_segmenter import Decider, Issue, feature_cache, fit_weights, fold_fitter, issues_in  # noqa: E402
from lomo import by_month, leave_one_month_out  # noqa: E402

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


def heading(article: dict) -> tuple[str, str, str]:
    return article.get("kicker", ""), article["title"], article.get("subtitle", "")


# Where it fails: a truth article missed because the parser joined it to another
# (merged) or cut it up (split); a matched one whose two-line headline was read
# the other way round (kicker+title for title+subtitle or back: swapped), whose
# title is otherwise wrong, or whose title is right but kicker/subtitle not.
FAILURES = ("merged", "split", "swapped", "title_wrong", "roles_wrong")
COUNTS = ("issues", "parsed", "truth", "matched", "title", "heading", "seconds", *FAILURES)


def add(*totals: dict) -> dict:
    return {key: sum(t[key] for t in totals) for key in COUNTS}


def score_issue(issue: Issue, errors: list[str] | None = None, show_fields: bool = False,
                decider: Decider | None = None) -> dict:
    """Counts of one issue's parse against its truth; mismatches appended to `errors`."""
    started = time.perf_counter()
    parsed = [a.as_json() for a in parse_file(issue.text, decider=decider).articles]
    seconds = time.perf_counter() - started
    truth = load_truth(issue.truth)
    pairs = match(parsed, truth)
    counts = dict(issues=1, parsed=len(parsed), truth=len(truth), matched=len(pairs), seconds=seconds,
                  title=sum(parsed[pi]["title"] == truth[ti]["title"] for pi, ti in pairs),
                  heading=sum(heading(parsed[pi]) == heading(truth[ti]) for pi, ti in pairs),
                  **failures(parsed, truth, pairs))
    if errors is not None:
        errors += _mismatches(issue.text, parsed, truth, pairs)
    if show_fields:
        print_field_diffs(issue.text, parsed, truth, pairs)
    return counts


def failures(parsed: list[dict], truth: list[dict], pairs) -> dict[str, int]:
    """Counts of the FAILURES kinds in one issue."""
    found = dict.fromkeys(FAILURES, 0)
    units = [parsed_units(p) for p in parsed]
    for ti in set(range(len(truth))) - {t for _, t in pairs}:
        t_units = truth_units(truth[ti])
        size = sum(map(len, t_units)) or 1
        held = max((sum(len(u) for u in t_units if u in p_units) for p_units in units), default=0)
        found["merged" if held * 2 >= size else "split"] += 1
    for pi, ti in pairs:
        got, want = heading(parsed[pi]), heading(truth[ti])
        if got[1] == want[1]:
            found["roles_wrong"] += got != want
        elif (got[0], got[1]) == (want[1], want[2]) or (got[1], got[2]) == (want[0], want[1]):
            found["swapped"] += 1
        else:
            found["title_wrong"] += 1
    return found


def _mismatches(text_path: Path, parsed: list[dict], truth: list[dict], pairs) -> list[str]:
    errors = [f"{text_path.name} heading: got {heading(parsed[pi])} want {heading(truth[ti])}"
              for pi, ti in pairs if heading(parsed[pi]) != heading(truth[ti])]
    errors += [f"{text_path.name} missed: {truth[ti]['title']!r} ({truth[ti].get('page')})"
               for ti in set(range(len(truth))) - {t for _, t in pairs}]
    errors += [f"{text_path.name} extra: line {parsed[pi]['seq']} {parsed[pi]['title']!r} "
               f"{(truth_units(parsed[pi]) or [''])[0][:30]!r}"
               for pi in set(range(len(parsed))) - {p for p, _ in pairs}]
    return errors


def score_with(issues: list[Issue], weights: dict[str, float], off: frozenset = frozenset()) -> dict:
    """Pooled counts of `issues` parsed with `weights` deciding article starts
    (and without the start rules named in `off`)."""
    return add(*(score_issue(issue, decider=Decider(weights, cache=feature_cache(issue), off=off))
                 for issue in issues))


def print_field_diffs(text_path: Path, parsed: list[dict], truth: list[dict], pairs) -> None:
    diffs = [f"  seq {truth[ti]['seq']} {field}: got {parsed[pi].get(field)!r} want {truth[ti].get(field)!r}"
             for pi, ti in sorted(pairs, key=lambda p: p[1]) for field in FIELDS
             if field in truth[ti] and parsed[pi].get(field) != truth[ti][field]]
    print(f"{text_path.name}: {len(parsed)} parsed / {len(truth)} truth, "
          f"{len(diffs)} field difference(s)")
    for diff in diffs:
        print(diff[:400])


def figures(t: dict) -> tuple[float, float, float, float, float]:
    precision = t["matched"] / t["parsed"] if t["parsed"] else 0.0
    recall = t["matched"] / t["truth"] if t["truth"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    truth = t["truth"] or 1
    return precision, recall, f1, t["title"] / truth, t["heading"] / truth


def report(name: str, t: dict) -> None:
    precision, recall, f1, title, heading_ = figures(t)
    print(f"{name}: articles parsed {t['parsed']}, truth {t['truth']}, matched {t['matched']}")
    print(f"{name}: article precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}")
    print(f"{name}: title exact {title:.4f}  kicker+title+subtitle exact {heading_:.4f}  "
          f"(parse {t['seconds']:.2f} s)")


def failure_table(name: str, rows: list[tuple[str, dict]]) -> None:
    """Where each month fails, in truth articles (see FAILURES)."""
    print(f"\n| {name}: where it fails | " + " | ".join(FAILURES) + " | extra parsed |")
    print("|---|" + "--:|" * (len(FAILURES) + 1))
    for label, t in rows:
        print(f"| {label} | " + " | ".join(str(t[kind]) for kind in FAILURES) + f" | {t['parsed'] - t['matched']} |")


def table(name: str, rows: list[tuple[str, dict]]) -> None:
    """A Markdown table: one row of counts and figures per (label, totals)."""
    print(f"\n| {name} | issues | parsed | truth | matched | P | R | F1 | title exact | k+t+s exact |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for label, t in rows:
        cells = [str(t[key]) for key in ("issues", "parsed", "truth", "matched")]
        cells += [f"{value:.4f}" for value in figures(t)]
        print(f"| {label} | " + " | ".join(cells) + " |")


def evaluate_set(issues: list[Issue], show_errors: int, lomo: bool, plain_fit: bool = False) -> None:
    """Pooled figures of one set; by month and leave-one-month-out when it spans months."""
    name = issues[0].truth.parent.name
    errors: list[str] = []
    counts = {issue: score_issue(issue, errors, show_fields=issue.truth.suffix == ".json") for issue in issues}
    for line in errors[:show_errors]:
        print("  " + line)
    report(name, add(*counts.values()))
    months = {month: add(*(counts[i] for i in group)) for month, group in by_month(issues).items()}
    if len(months) < 2:
        return
    rows = [(month or "undated", totals) for month, totals in months.items()]
    rows.append(("all months", add(*counts.values())))
    fittable = [issue for issue in issues if issue.truth.suffix == ".jsonl"]
    if lomo and fittable:
        started = time.perf_counter()
        fit = fit_weights if plain_fit else fold_fitter()
        left_out = leave_one_month_out(fittable, fit, score_with)
        rows += [(f"{month} left out", totals) for month, totals in left_out.items()]
        if left_out:
            rows.append(("left out, pooled", add(*left_out.values())))
        print(f"{name}: leave-one-month-out refits and scores took {time.perf_counter() - started:.1f} s")
    table(name, rows)
    failure_table(name, rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="list the first N mismatches of each set")
    parser.add_argument("--no-lomo", dest="lomo", action="store_false",
                        help="skip the leave-one-month-out refits (the per-month rows stay)")
    parser.add_argument("--plain-fit", action="store_true",
                        help="refit each left-out fold plainly, not pulled toward bench/fold_weights.json")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"eval: corpus directory {corpus} is absent; pass one with truth files "
              "(see ../shared/corpus/README.md)", file=sys.stderr)
        return 2
    issues = issues_in(corpus)
    if not issues:
        print(f"eval: no *.truth.json[l] files with their .txt under {corpus}", file=sys.stderr)
        return 2
    for subset in sorted({issue.truth.parent for issue in issues}):
        evaluate_set([issue for issue in issues if issue.truth.parent == subset], args.show_errors, args.lomo,
                     args.plain_fit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
