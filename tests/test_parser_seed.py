"""The parser against the real seed issue and its hand-made truth (../shared/corpus/seed).

The corpus is someone else's copyright and lives outside the repo: this module is skipped
only when that directory is absent. Plain pytest, no Django.
"""
import json
from pathlib import Path

import pytest

from archive.ingest import parse_file

SEED_DIR = Path(__file__).resolve().parents[1].parent / "shared/corpus/seed"
if not SEED_DIR.is_dir():
    pytest.skip(f"seed corpus not found at {SEED_DIR}", allow_module_level=True)

SEED = SEED_DIR / "000_2bfb1372dd393540.txt"
TRUTH = json.loads((SEED_DIR / "000_2bfb1372dd393540.truth.json").read_text(encoding="utf-8"))
WANT = TRUTH["articles"]

# The seed has no page markers, so `page` is checked on its own below.
FIELDS = (
    "kind", "column", "kicker", "title", "subtitle", "dateline", "bylines", "captions",
    "editor_note", "sidebar", "paragraphs", "dropped_duplicates",
)


@pytest.fixture(scope="module")
def parsed():
    return [a.as_json() for a in parse_file(SEED).articles]


def test_seed_item_count(parsed):
    assert len(WANT) == 7
    assert len(parsed) == len(WANT), (
        f"parsed {len(parsed)} items, truth has {len(WANT)}\n"
        f"  parsed titles: {[a.get('title') for a in parsed]}\n"
        f"  truth titles:  {[a['title'] for a in WANT]}"
    )


@pytest.mark.parametrize("want", WANT, ids=[f"seq{a['seq']}" for a in WANT])
def test_seed_article(parsed, want):
    seq = want["seq"]
    assert len(parsed) >= seq, f"seq {seq} ({want['title'] or want['kind']}): only {len(parsed)} items parsed"
    got = parsed[seq - 1]
    problems = []
    if got.get("seq") != seq:
        problems.append(f"seq {seq}: parsed seq is {got.get('seq')!r}")
    for field in FIELDS:
        if got.get(field) != want[field]:
            problems.append(
                f"seq {seq} ({want['title'] or want['kind']}): {field}:\n"
                f"    got  {got.get(field)!r}\n    want {want[field]!r}"
            )
    assert not problems, "\n".join(problems)


def test_seed_has_no_pages(parsed):
    assert all(a.get("page") is None for a in parsed), [a.get("page") for a in parsed]
