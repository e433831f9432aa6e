"""Precision and recall of repeat detection (archive/repeats.py) on rmrb-dev (make eval-repeats).

The corpus is imported into a throwaway database (or `--data-dir`), which finds repeats as
it goes. The truth: rmrb-dev's truth files list an article the scrape printed twice (a story
and its copy, a continued article) twice, with identical paragraphs. Each imported article
is matched to the truth article with which it shares the most paragraph text; two imported
articles are a true pair when their truth articles are one text printed twice and they share
a paragraph (parts of one article that the parser cut apart are not repeats), and a found
pair when they have the same story. Pairs are counted across the whole corpus (within an
issue and across issues); only articles whose body reaches repeats.MIN_CHARS count.
"""
import argparse
import itertools
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_search import import_corpus, scratch_archive  # noqa: E402
from report import write_section  # noqa: E402


def squeeze(text: str) -> str:
    return "".join(text.split())


def truth_stories(corpus: Path) -> tuple[dict[str, str], Counter]:
    """Paragraph (squeezed) -> the key of the truth article(s) holding it (their paragraphs),
    and how many times each key is printed."""
    story, printed = {}, Counter()
    for path in sorted(corpus.glob("*.truth.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            paragraphs = [squeeze(p) for p in json.loads(line)["paragraphs"] if squeeze(p)]
            key = "\n".join(paragraphs)
            printed[key] += 1
            for p in paragraphs:
                story.setdefault(p, key)
    return story, printed


def pairs(groups: dict, related=lambda a, b: True) -> set[tuple[int, int]]:
    by_group = defaultdict(list)
    for pk, group in groups.items():
        if group is not None:
            by_group[group].append(pk)
    return {(a, b) for members in by_group.values() for a, b in itertools.combinations(sorted(members), 2)
            if related(a, b)}


def evaluate(args) -> list[str]:
    from archive import repeats
    from archive.models import Article, Printing

    if not Article.objects.exists():
        import_corpus(args.corpus)
    if Printing.objects.count() == 0:
        repeats.record_all(Article.objects.all())
    paragraph_story, printed = truth_stories(Path(args.corpus))
    truth, found, paragraphs = {}, {}, {}
    stories = dict(Printing.objects.values_list("article_id", "story"))
    for article in Article.objects.only("pk", "body").iterator():
        if len(repeats.compact_body(article)) < repeats.MIN_CHARS:
            continue
        paragraphs[article.pk] = {squeeze(p) for p in article.body.split("\n")} - {""}
        votes = Counter()
        for p in article.body.split("\n"):
            if squeeze(p) in paragraph_story:
                votes[paragraph_story[squeeze(p)]] += len(squeeze(p))
        key = votes.most_common(1)[0][0] if votes else None
        # Two parts of one article the parser split are not a repeat: only texts printed twice pair.
        truth[article.pk] = key if key and printed[key] > 1 else None
        found[article.pk] = stories.get(article.pk, article.pk)
    # Parts of one truth article that the parser cut apart map to the same truth article:
    # a pair is true only if it shares a paragraph too.
    true, got = pairs(truth, lambda a, b: bool(paragraphs[a] & paragraphs[b])), pairs(found)
    if args.verbose:
        for a, b in sorted(true - got)[:args.verbose]:
            print("missed", a, b, found[a], found[b])
        for a, b in sorted(got - true)[:args.verbose]:
            print("wrong", a, b, truth[a] is not None, truth[b] is not None)
    hit = len(true & got)
    precision, recall = hit / len(got) if got else 1.0, hit / len(true) if true else 1.0
    return ["| articles compared | true repeat pairs | found pairs | precision | recall |",
            "| ---: | ---: | ---: | ---: | ---: |",
            f"| {len(truth)} | {len(true)} | {len(got)} | {precision:.4f} | {recall:.4f} |"]


def main() -> int | str:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=os.path.relpath(ROOT.parent / "shared/corpus/rmrb-dev"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "search-quality.md"),
                        help="page whose eval-repeats section is rewritten ('' for none)")
    parser.add_argument("--verbose", type=int, default=0, metavar="N", help="print N missed and N wrong pairs")
    parser.add_argument("--data-dir", help="keep (or reuse) the database and index here, not in a throwaway one")
    args = parser.parse_args()
    if not Path(args.corpus).is_dir() or not any(Path(args.corpus).glob("*.truth.jsonl")):
        return f"eval-repeats: {args.corpus} is absent or holds no *.truth.jsonl (see ../shared/corpus/README.md)"
    with scratch_archive(args.data_dir, "eval-repeats-"):
        lines = evaluate(args)
    print("\n".join(lines))
    if args.out:
        write_section(args.out, "eval-repeats", [
            "## Repeats", "", f"Measured by `make eval-repeats`, i.e. `bench/eval_repeats.py {args.corpus}`.", "",
            *lines, "", __doc__.split("\n\n", 1)[1].strip()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
