"""What each article-start rule and cue does to a month the weights were not fitted on.

    python bench/ablate_rules.py [CORPUS_DIR] [--only NAME ...]

For the shipped rules, then for each hard rule (never / always start an
article) and each weighted cue removed in turn, refits the start weights on two
months of CORPUS_DIR (default ../shared/corpus/rmrb-dev, `*.truth.jsonl`) and
scores the third (bench/eval_parser.py's leave-one-month-out). Prints a
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

from archive.ingest import hard_rules as h, segment  # noqa: E402
from archive.ingest.blocks import body_chars  # noqa: E402
from archive.ingest.items import credited_photo_report, editors_intro, is_editors_box  # noqa: E402
from archive.ingest.lines import SPEECH_TITLE  # noqa: E402
from archive.ingest.roundups import roundup_brief  # noqa: E402
from eval_parser import figures, score_with  # noqa: E402
from fit_segmenter import Rules, fit_weights, issues_in  # noqa: E402
from lomo import leave_one_month_out  # noqa: E402

# The hard rules of archive/ingest/hard_rules.py, by name, as never_starts and
# always_starts combine them: (lines, i, end, current) -> bool.
NEVER = {
    "sign_off_date": lambda lines, i, end, cur: bool(h.SIGN_OFF_DATE.match(lines[end - 1].text)),
    "table_caption": lambda lines, i, end, cur: bool(h.TABLE_CAPTION.match(lines[i].text)),
    "roundup_brief": lambda lines, i, end, cur: roundup_brief(lines, end, cur.heads),
    "ends_article": lambda lines, i, end, cur: h._ends_article(lines, end),
    "quote_furniture": lambda lines, i, end, cur: h._quote_furniture(lines[i:end]),
    "under_box_label": lambda lines, i, end, cur: h._under_box_label(lines, i),
    "refers_back": lambda lines, i, end, cur: h._refers_back(lines[i:end], cur),
    "answers_lede": lambda lines, i, end, cur: h._answers_lede(lines, i, end, cur),
    "a_voice": lambda lines, i, end, cur: h._a_voice(lines[i:end]),
    "explains_figure": lambda lines, i, end, cur: h._explains_figure(lines, i),
}
ALWAYS = {
    "editors_box_ended": lambda lines, i, end, cur: is_editors_box(cur) and body_chars(cur) > 0,
    "editors_intro": lambda lines, i, end, cur: editors_intro(lines, end),
    "after_sign_off": lambda lines, i, end, cur: h._after_sign_off(lines, i),
    "credited_photo_report": lambda lines, i, end, cur: credited_photo_report(lines, i, cur),
    "next_dated_report": lambda lines, i, end, cur: h._next_dated_report(lines, end, cur),
    "speech_title": lambda lines, i, end, cur: any(SPEECH_TITLE.match(line.text) for line in lines[i:end]),
}


def rules_without(name: str | None = None) -> Rules:
    """The shipped rules, less the hard rule or cue `name` (None: all of them)."""
    never = [rule for key, rule in NEVER.items() if key != name]
    always = [rule for key, rule in ALWAYS.items() if key != name]
    return Rules(never=lambda *run: any(rule(*run) for rule in never),
                 always=lambda *run: any(rule(*run) for rule in always),
                 off=frozenset({name} & set(segment.WEIGHTS)))


def names() -> list[tuple[str, str]]:
    """(kind, name) of every rule that can be removed."""
    return ([("never", n) for n in NEVER] + [("always", n) for n in ALWAYS]
            + [("cue", n) for n in segment.WEIGHTS if n != "bias"])


def left_out(issues, rules: Rules) -> dict[str, dict]:
    """Each month's left-out counts, and the pooled ones under "pooled"."""
    result = leave_one_month_out(issues, lambda train: fit_weights(train, rules=rules),
                                 lambda held, weights: score_with(held, weights, rules))
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
    issues = issues_in(Path(args.corpus), "*.truth.jsonl")
    if len({issue.month for issue in issues if issue.month}) < 2:
        print(f"ablate: {args.corpus} needs *.truth.jsonl issues from two months or more", file=sys.stderr)
        return 2
    known = dict((n, k) for k, n in names())
    unknown = set(args.only or ()) - set(known)
    if unknown:
        print(f"ablate: no rule or cue named {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    base = left_out(issues, rules_without())
    print("| kept (shipped) | | " + " | ".join(
        "F1 {:.4f} / title {:.4f}".format(*figures(t)[2:4]) for t in base.values()) + " |")
    print("\n| kind | removed | " + " | ".join(f"{m} left out" if m != "pooled" else "pooled" for m in base)
          + " |  (change ×100 of F1 / title exact; + means the rule costs that month)")
    print("|---|---|" + "--:|" * len(base), flush=True)
    for name in args.only or known:
        print(row(known[name], name, left_out(issues, rules_without(name)), base), flush=True)
    print(f"\n# {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
