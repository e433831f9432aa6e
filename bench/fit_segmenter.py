"""Refit the article-start weights of archive/ingest/starts.py.

    pip install scikit-learn   # not a project dependency: only this script uses it
    python bench/fit_segmenter.py [CORPUS_DIR] [--C 1.0] [--start-bias 0.5]

Reads every `*.truth.jsonl` issue under CORPUS_DIR (default
../shared/corpus/rmrb-dev), labels each run of heading lines the segmenter
scores as "starts an article" or not from the truth, fits a logistic
regression on the segmenter's own features and prints a WEIGHTS table to paste,
with the priors that the module comment names already in place and the bias
raised by --start-bias (a missed start costs more than a false one). Then run
`make eval`, and check a fit on half the issues against the other half.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.ingest import read_text, segment  # noqa: E402
from archive.ingest.headline import ends_on_soft_kicker  # noqa: E402
from archive.ingest.lines import split_lines  # noqa: E402
from archive.ingest.starts import Decider, Decision  # noqa: E402


# Weights kept as they are (see the docstring of archive/ingest/starts.py): this paper
# rarely exercises them, city dailies do.
PRIORS = {"dateline_follows": 5.5, "editor_note_follows": 4.0, "notice_title": 4.0, "after_photo_item": 3.0,
          "roundup_item": -4.0, "dash_headline_short": -2.0, "next_voice": -3.0,
          "quoted_under_feature": -1.5}


def start_lines(truth: Path) -> list[bool]:
    """For each printed line of the issue (page markers aside): does an article start there?"""
    starts = []
    for row in truth.read_text(encoding="utf-8").splitlines():
        article = json.loads(row)
        heads = [x for x in (article["kicker"], article["title"], article["subtitle"]) if x]
        starts += [True] + [False] * (len(heads) + len(article["paragraphs"]) - 1)
    return starts


def starts_here(starts: dict, lines: list, i: int, end: int, current) -> bool:
    """The truth starts an article in the run, or on the line just above it that
    the segmenter hands to the run as its kicker (`国台办：`, a `——` lead-in)."""
    if any(starts.get(line.no) for line in lines[i:end]):
        return True
    return bool(i and starts.get(lines[i - 1].no) and ends_on_soft_kicker(current))


def samples(corpus: Path, steered: bool):
    """Features of every heading run, as the segmenter meets them: steered by
    the truth (each run starts an article exactly when the truth says so), or
    deciding with the current weights, whose mistakes change what later runs
    see. Fitting on both (as DAgger does) is steadier than either alone."""
    features, labels, names = [], [], []
    for truth in sorted(corpus.glob("*.truth.jsonl")):
        text, _ = read_text(truth.with_name(truth.name.replace(".truth.jsonl", ".txt")))
        lines = split_lines(text)
        printed = [line for line in lines if line.kind != "page"]
        starts = dict(zip((line.no for line in printed), start_lines(truth)))

        class Recorder(Decider):
            def decide(self, c):
                found = self.cue_values(c)
                names[:] = list(found)
                features.append([float(v) for v in found.values()])
                labels.append(starts_here(starts, c.lines, c.i, c.end, c.current))
                return Decision(labels[-1], "truth") if steered else super().decide(c)

        segment.segment(lines, decider=Recorder())
    return features, labels, names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "rmrb-dev"))
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--start-bias", type=float, default=0.5,
                        help="added to the fitted bias: favour starting an article when unsure")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not any(corpus.glob("*.truth.jsonl")):
        print(f"fit: no *.truth.jsonl issues in {corpus}", file=sys.stderr)
        return 2
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("fit: needs scikit-learn (pip install scikit-learn)", file=sys.stderr)
        return 2
    features, labels, names = samples(corpus, steered=True)
    more_features, more_labels, _ = samples(corpus, steered=False)
    features, labels = features + more_features, labels + more_labels
    model = LogisticRegression(C=args.C, max_iter=2000).fit(features, labels)
    print("WEIGHTS = {")
    print(f'    "bias": {model.intercept_[0] + args.start_bias:.1f},')
    for name, weight in zip(names, model.coef_[0]):
        print(f'    "{name}": {PRIORS.get(name, weight):.1f},')
    print("}")
    correct = sum(p == y for p, y in zip(model.predict(features), labels))
    print(f"# {len(labels)} runs, {sum(labels)} starts, {correct / len(labels):.4f} classified right",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
