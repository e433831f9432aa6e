"""What each article-start rule and cue does to a month the weights were not fitted on.

    python bench/ablate_rules.py [CORPUS_DIR] [--only NAME ...]

With the shipped rules, then with each rule of archive/ingest/starts.py (never /
always start an article, weighted cues) removed in turn, refits the start
weights on two months of CORPUS_DIR (default ../shared/corpus/rmrb-dev,
`*.truth.jsonl`) and scores the third (bench/eval_parser.py's leave one month out). Prints a
Markdown table of each month's left-out F1 and title-exact change when the rule
is removed: a rule whose removal raises some month's figure lowers it when kept.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from archive.ingest.starts import RULES  # noqa: E402
from eval_parser import figures, score_with  # noqa: E402
from fit_segmenter import fit_weights, issues_in  # noqa: E402
from lomo import leave_one_month_out  # noqa: E402


def left_out(issues, off: frozenset = frozenset()) -> dict[str, dict]:
    """Each month's left-out counts without the rules in `off`, and the pooled ones under "pooled"."""
    result = leave_one_month_out(issues, lambda train: fit_weights(train, off=off),
                                 lambda held, weights: score_with(held, weights, off))
    pooled = {key: sum(t[key] for t in result.values()) for key in next(iter(result.values()))}
    return {**result, "pooled": pooled}


def row(kind: str, name: str, counts: dict, base: dict) -> str:
    cells = []
    for month in base:
        f1, title = figures(counts[month])[2:4]
        base_f1, base_title = figures(base[month])[2:4]
        cells.append(f"{(f1 - base_f1) * 100:+.2f} / {(title - base_title) * 100:+.2f}")
    return f"| {kind} | {name} | " + " | ".join(cells) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "rmrb-dev"))
    parser.add_argument("--only", nargs="+", metavar="NAME", help="remove only these rules or cues")
    args = parser.parse_args()
    if not Path(args.corpus).is_dir():
        print(f"ablate: corpus directory {args.corpus} is absent", file=sys.stderr)
        return 2
    issues = issues_in(Path(args.corpus), "*.truth.jsonl")
    if len({issue.month for issue in issues if issue.month}) < 2:
        print(f"ablate: {args.corpus} needs *.truth.jsonl issues from two months or more", file=sys.stderr)
        return 2
    known = {rule.name: rule.kind for rule in RULES}
    unknown = set(args.only or ()) - set(known)
    if unknown:
        print(f"ablate: no rule or cue named {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    base = left_out(issues)
    print("Kept (shipped rules), left out: " + "; ".join(
        "{} F1 {:.4f} / title {:.4f}".format(month, *figures(t)[2:4]) for month, t in base.items()))
    print("Cells: change x100 of F1 / title exact when the rule is removed (+: the month is better without it).\n")
    print("| kind | removed | " + " | ".join(f"{m} left out" if m != "pooled" else "pooled" for m in base) + " |")
    print("|---|---|" + "--:|" * len(base), flush=True)
    for name in args.only or known:
        print(row(known[name], name, left_out(issues, frozenset({name})), base), flush=True)
    print(f"\n# {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
