"""Refit the article-start weights of archive/ingest/segment.py.

    python bench/fit_segmenter.py [CORPUS_DIR] [--C 1.0] [--start-bias 0.5]

Reads every `*.truth.jsonl` issue under CORPUS_DIR (default
../shared/corpus/rmrb-dev), labels each run of heading lines the segmenter
scores as "starts an article" or not from the truth, fits an L2-regularised
logistic regression (bench/logreg.py, numpy only) on the segmenter's own
features and prints a WEIGHTS table to paste, with the priors that the module
comment names kept as they are and the bias raised by --start-bias (a missed
start costs more than a false one). `make eval` then scores it, and refits it
on two months to score the third (bench/eval_parser.py).
"""
from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from archive.ingest import date_from_filename, read_text, segment  # noqa: E402
from archive.ingest.lines import split_lines  # noqa: E402
from archive.ingest.topics import Topics  # noqa: E402
from logreg import fit_logistic, predict  # noqa: E402

# Weights kept as they are (see the comment above segment.WEIGHTS): this paper
# rarely exercises them, city dailies do.
PRIORS = {"dateline_follows": 5.5, "editor_note_follows": 4.0, "notice_title": 4.0, "after_photo_item": 3.0,
          "roundup_item": -4.0, "dash_headline_short": -2.0, "next_voice": -3.0}
DECIMALS = 1  # the table is pasted rounded; folds use the rounded weights too


@dataclass(frozen=True)
class Issue:
    """One issue dump and its truth file (`*.truth.jsonl` or `*.truth.json`)."""
    text: Path
    truth: Path

    @property
    def month(self) -> str:
        """`YYYY-MM` from the file name, or "" when it names no date."""
        date = date_from_filename(self.text.name)
        return f"{date:%Y-%m}" if date else ""


def issues_in(corpus: Path, pattern: str = "*.truth.json*") -> list[Issue]:
    """The issues under corpus that have both a text and a truth file, in name order."""
    found = []
    for truth in sorted(corpus.rglob(pattern)):
        text = truth.with_name(truth.name.split(".truth.")[0] + ".txt")
        if text.exists():
            found.append(Issue(text, truth))
    return found


@dataclass(frozen=True)
class Rules:
    """What a decider weighs: the hard rules (never / always start an article)
    and the cues, less those in `off` (their evidence counts as absent)."""
    never: Callable = segment.never_starts
    always: Callable = segment.always_starts
    off: frozenset = frozenset()


SHIPPED = Rules()


class Decider:
    """Decides whether a run of heading lines starts an article, as the
    segmenter does, with its own weights (so no fold changes the shipped ones).

    With a truth (`starts`: printed line -> starts an article) it records each
    run's features and label; `steered` then follows the truth instead of the
    weights. Features are a pure function of the issue, the run and the article
    it would end (contiguous lines: first line, length, heading count), so one
    `cache` per issue serves every fold's pass over it."""

    def __init__(self, weights: dict[str, float], starts: dict | None = None,
                 steered: bool = False, cache: dict | None = None, rules: Rules = SHIPPED):
        missing = set(segment.WEIGHTS) - set(weights)
        if missing:
            raise ValueError(f"weights lack {sorted(missing)}")
        self.weights, self.starts, self.steered, self.rules = weights, starts, steered, rules
        self.cache = {} if cache is None else cache
        self.features: list[list[float]] = []
        self.labels: list[bool] = []
        self.names: list[str] = []

    def __call__(self, lines, i, end, current, topics) -> bool:
        found = self._features(lines, i, end, current, topics)
        if self.starts is not None:
            self.names = list(found)
            self.features.append([float(v) for v in found.values()])
            self.labels.append(starts_here(self.starts, lines, i, end, current))
            if self.steered:
                return self.labels[-1]
        if self.rules.never(lines, i, end, current):
            return False
        if self.rules.always(lines, i, end, current):
            return True
        return self.weights["bias"] + sum(self.weights[n] * v for n, v in found.items()) > 0

    def _features(self, lines, i, end, current, topics) -> dict[str, float]:
        key = (i, end, current.lines[0].no if current.lines else 0, len(current.lines), len(current.heads))
        if key not in self.cache:
            self.cache[key] = segment._start_features(lines, i, end, current, topics)
        if self.rules.off:
            return {name: 0.0 if name in self.rules.off else v for name, v in self.cache[key].items()}
        return self.cache[key]


@contextmanager
def deciding(decider: Decider):
    """The segmenter decides article starts with `decider` inside the block. It
    builds an issue's topic weights only when a feature is not in the cache."""
    shipped, topics = segment._starts_article, segment.Topics
    segment._starts_article, segment.Topics = decider, _LazyTopics
    try:
        yield decider
    finally:
        segment._starts_article, segment.Topics = shipped, topics


class _LazyTopics:
    """segment.Topics, built on first use: only start features use it."""

    def __init__(self, texts: list[str]):
        self._texts, self._topics = texts, None

    def __getattr__(self, name):
        if self._topics is None:
            self._topics = Topics(self._texts)
        return getattr(self._topics, name)


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
    if any(starts.get(id(line)) for line in lines[i:end]):
        return True
    return bool(i and starts.get(id(lines[i - 1])) and segment._soft_kicker(current))


def truth_starts(issue: Issue, lines: list) -> dict[int, bool]:
    printed = [line for line in lines if line.kind != "page"]
    return dict(zip(map(id, printed), start_lines(issue.truth)))


def samples(issue: Issue, weights: dict[str, float] | None = None, rules: Rules = SHIPPED):
    """Features and labels of every heading run of one issue, as the segmenter
    meets them: steered by the truth (weights None: each run starts an article
    exactly when the truth says so), or deciding with `weights`, whose mistakes
    change what later runs see. Fitting on both (as DAgger does) is steadier
    than either alone."""
    lines = split_lines(read_text(issue.text)[0])
    decider = Decider(weights or segment.WEIGHTS, truth_starts(issue, lines),
                      steered=weights is None, cache=feature_cache(issue), rules=rules)
    with deciding(decider):
        segment.segment(lines)
    return decider.features, decider.labels, decider.names


@lru_cache(maxsize=None)
def feature_cache(issue: Issue) -> dict:
    return {}


@lru_cache(maxsize=None)
def steered_samples(issue: Issue):
    """The truth-steered samples depend on no weight: each fold reuses them."""
    return samples(issue)


def fit_weights(issues: list[Issue], C: float = 1.0, start_bias: float = 0.5,
                rules: Rules = SHIPPED) -> dict[str, float]:
    """Fit on the truth-steered runs of `issues`, run the segmenter with that
    fit to collect the runs its own decisions lead to, and fit again on both."""
    features, labels, names = _pooled(steered_samples(issue) for issue in issues)
    if not labels:
        raise ValueError("no heading runs to fit on: the issues are all indented dumps or empty")
    off = [names.index(name) for name in rules.off]
    X = np.array(features)
    X[:, off] = 0.0  # the steered runs were recorded with every cue on
    first = _weights(names, *fit_logistic(X, labels, C), start_bias, rules.off)
    more_features, more_labels, _ = _pooled(samples(issue, first, rules) for issue in issues)
    X = np.vstack([X, np.array(more_features).reshape(-1, len(names))])
    return _weights(names, *fit_logistic(X, labels + more_labels, C), start_bias, rules.off)


def _pooled(parts):
    features, labels, names = [], [], []
    for f, y, n in parts:
        features += f
        labels += y
        names = n or names
    return features, labels, names


def _weights(names, coef, intercept, start_bias, off=frozenset()) -> dict[str, float]:
    weights = {"bias": round(intercept + start_bias, DECIMALS)}
    for name, weight in zip(names, coef):
        weights[name] = 0.0 if name in off else PRIORS.get(name, round(float(weight), DECIMALS))
    return weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "rmrb-dev"))
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--start-bias", type=float, default=0.5,
                        help="added to the fitted bias: favour starting an article when unsure")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    issues = issues_in(corpus, "*.truth.jsonl")
    if not issues:
        print(f"fit: no *.truth.jsonl issues with their .txt in {corpus}", file=sys.stderr)
        return 2
    weights = fit_weights(issues, args.C, args.start_bias)
    print("WEIGHTS = {")
    for name, weight in weights.items():
        print(f'    "{name}": {weight:.{DECIMALS}f},')
    print("}")
    features, labels, names = _pooled(steered_samples(issue) for issue in issues)
    coef = [weights[name] for name in names]
    correct = sum(p == y for p, y in zip(predict(features, coef, weights["bias"]), labels))
    print(f"# {len(labels)} truth-steered runs, {sum(labels)} starts, "
          f"{correct / len(labels):.4f} classified right by the table", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
