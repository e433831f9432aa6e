"""Deterministic synthetic corpus for benchmarks: real paragraphs, new layout.

    python bench/corpus.py --articles N --out DIR [--seed S] [--source ../shared/corpus]
                           [--start 2001-01-01] [--check]

Writes one issue per day (`DIR/YYYY-MM-DD.txt`, the importer takes the date
from the name), about 40 articles over 4-8 pages, in the layout of the real
dumps: a page marker `第01版：要闻`, a title line (sometimes a `——` subtitle),
then indented body paragraphs whose first one opens with a dateline and its
bylines, `本报北京3月4日电  （记者 张三）…`. The dateline is what the parser
takes as the surest sign of a new article, so the layout is unambiguous.

Paragraphs and titles are recombined from the corpus at --source (its text is
someone else's copyright: generated files go under /tmp or data/, never into
git), so word and character statistics are real; article lengths follow the
real articles' lengths. Bylines come from a seeded pool of synthetic names.
The same arguments always give the same bytes.

--check parses the files back with the project's parser and prints how many
generated articles came back with the same title and paragraphs.
"""
from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpus"

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
            "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
# Given-name characters; none is a role word or a character the byline rules drop.
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍红鹏飞斌宇浩凯健俊帆帅旭宁"
         "龙林欣雪琳晨阳佳博轩泽瑞峰建国海波辉亮东晓雨思涵梓萱怡鸣志远昊天嘉颖婷倩慧"
         "莉蕾薇彤瑶璐菲航毅坤鑫森淼磊鹤松柏翔鹰骏锋铭钧钰珊琪瑾瑜璇晗昕曦晴岚云霖霏"
         "振兴庆福祥荣盛昌德仁义礼智信忠诚勤俭")
NAME_POOL = 3000
PLACES = ("北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "武汉", "成都",
          "西安", "沈阳", "长沙", "郑州", "济南", "福州", "昆明", "南宁", "贵阳", "兰州",
          "太原", "合肥", "南昌", "石家庄", "呼和浩特", "乌鲁木齐", "拉萨", "银川", "西宁", "海口")
PAGE_NAMES = ("要闻", "要闻", "综合", "经济", "政治", "社会", "文化", "国际", "体育", "评论",
              "科技", "教育", "生态", "副刊", "地方", "视点")
ARTICLES_PER_ISSUE = (36, 44)
PAGES_PER_ISSUE = (4, 8)
MAX_ARTICLE_CHARS = 8000  # a few real articles are whole reports; cap their weight
INDENT = "\u3000\u3000"

# A body paragraph must read as body text to the parser: long, ending a sentence,
# and not looking like a dateline, credit or list item that would start something.
SENTENCE_END = tuple("。！？…")
CLOSERS = "”’\"'）)」』】》"
NOT_BODY = re.compile(
    r"^(?:[（(]?(?:据)?(?:本报|新华社|中新社|人民日报|[\u4e00-\u9fff]{2,8}(?:日报|晚报|社|网|台))"
    r"[^，。]{0,30}?(?:讯|电)|[（(【\[■□▲△◆★☆●①-⑳—\-•]|编者按|图为|[上下左右]?图[①-⑳\d]*[：:])"
    r"|摄影?[）)]?$|[（(][^（）()]{1,20}[）)]$"
)
# Titles likewise must read as headings: short, no sentence punctuation at the end.
TITLE_BAD_END = tuple("。！？；：…!?;:，,、")
TITLE_BAD_START = re.compile(r"^(?:[（(【\[■□▲△◆★☆●①-⑳—\-•\d]|[一二三四五六七八九十]+、|第\S{1,3}[版章节])")


@dataclass
class Article:
    title: str
    subtitle: str
    bylines: list[str]
    paragraphs: list[str]  # the first one opens with the dateline


@dataclass
class Source:
    paragraphs: list[str]
    titles: list[str]
    lengths: list[int]  # character counts of real articles


def good_paragraph(text: str) -> bool:
    # A short line ending in a closing bracket after no stop (`…（新华社）`) reads as a heading.
    core = text.rstrip(CLOSERS)
    return (40 <= len(text) <= 1500 and core.endswith(SENTENCE_END)
            and not NOT_BODY.search(text))


def good_title(text: str) -> bool:
    return (5 <= len(text) <= 28 and not text.endswith(TITLE_BAD_END)
            and not TITLE_BAD_START.match(text) and "摄" not in text[-3:])


def load_source(root: Path) -> Source:
    """Paragraphs from every issue text under `root`; titles and article lengths
    from its truth files where there are any, else from clauses of paragraphs."""
    paragraphs, titles, lengths = {}, {}, []
    for path in sorted(root.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            text = line.strip(" \t\u3000")
            if good_paragraph(text):
                paragraphs.setdefault(text, None)
    for path in sorted(root.rglob("*.truth.json*")):
        for article in _truth_articles(path):
            if good_title(article.get("title", "")):
                titles.setdefault(article["title"], None)
            lengths.append(sum(len(p) for p in article.get("paragraphs", [])))
    if not titles:
        titles = {c: None for p in paragraphs for c in re.split(r"[，。；：！？]", p) if good_title(c)}
    lengths = [min(n, MAX_ARTICLE_CHARS) for n in lengths if n > 0] or [1300]
    return Source(list(paragraphs), list(titles), lengths)


def _truth_articles(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text).get("articles", [])


def name_pool(seed: int, size: int = NAME_POOL) -> list[str]:
    """`size` distinct 2-3 character names, the same for the same seed."""
    rng = random.Random(f"names-{seed}")
    names: dict[str, None] = {}
    while len(names) < size:
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        names.setdefault(rng.choice(SURNAMES) + given, None)
    return list(names)


class Generator:
    def __init__(self, source: Source, seed: int):
        self.source = source
        self.rng = random.Random(seed)
        self.names = name_pool(seed)

    def article(self, date: datetime.date) -> Article:
        rng, src = self.rng, self.source
        # Some titles are clauses of paragraphs, so that titles are not all reused.
        title = rng.choice(src.titles) if rng.random() < 0.7 else self._clause_title()
        subtitle = "——" + self._clause_title() if rng.random() < 0.1 else ""
        bylines = rng.sample(self.names, rng.choice((1, 1, 1, 2, 2, 3)))
        target = rng.choice(src.lengths)
        paragraphs, total = [], 0
        while total < target or not paragraphs:
            paragraphs.append(rng.choice(src.paragraphs))
            total += len(paragraphs[-1])
        paragraphs[0] = self._dateline(date, bylines) + paragraphs[0]
        return Article(title, subtitle, bylines, paragraphs)

    def _clause_title(self) -> str:
        for _ in range(50):
            clauses = re.split(r"[，。；：！？、“”]", self.rng.choice(self.source.paragraphs))
            fit = [c for c in clauses if good_title(c) and len(c) >= 6]
            if fit:
                return self.rng.choice(fit)
        return self.rng.choice(self.source.titles)

    def _dateline(self, date: datetime.date, bylines: list[str]) -> str:
        day = date - datetime.timedelta(days=1)
        names = " ".join(bylines)
        if self.rng.random() < 0.15:
            return f"本报讯（记者 {names}）"
        return f"本报{self.rng.choice(PLACES)}{day.month}月{day.day}日电  （记者 {names}）"

    def issue(self, date: datetime.date, count: int) -> list[tuple[int, str, list[Article]]]:
        """Pages as (number, name, articles); the front pages hold a few more."""
        rng = self.rng
        npages = min(count, rng.randint(*PAGES_PER_ISSUE))
        weights = [1.5 if n < 2 else 1.0 for n in range(npages)]
        sizes = [1] * npages
        for _ in range(count - npages):
            sizes[rng.choices(range(npages), weights)[0]] += 1
        names = [PAGE_NAMES[0]] + [rng.choice(PAGE_NAMES[2:]) for _ in range(npages - 1)]
        return [(n + 1, names[n], [self.article(date) for _ in range(sizes[n])]) for n in range(npages)]


def render(pages) -> str:
    """One blank line between blocks, as in the real dumps: two or more stand
    for a picture, which the parser reads as evidence of a photo item."""
    blocks = []
    for number, name, articles in pages:
        blocks.append(f"第{number:02d}版：{name}")
        for article in articles:
            blocks += [article.title, article.subtitle] if article.subtitle else [article.title]
            blocks += [INDENT + p for p in article.paragraphs]
    return "\n\n".join(blocks) + "\n"


def generate(source: Source, articles: int, out: Path, seed: int, start: datetime.date):
    """Write the issues; yields (path, pages) for each one written."""
    gen = Generator(source, seed)
    out.mkdir(parents=True, exist_ok=True)
    date, left = start, articles
    while left > 0:
        count = min(left, gen.rng.randint(*ARTICLES_PER_ISSUE))
        pages = gen.issue(date, count)
        path = out / f"{date:%Y-%m-%d}.txt"
        path.write_text(render(pages), encoding="utf-8")
        yield path, pages
        left -= count
        date += datetime.timedelta(days=1)


def check(written, limit: int) -> tuple[int, int, int]:
    """(generated, parsed, recovered) over the first `limit` issues: recovered
    means a parsed article with the same title, subtitle and paragraphs."""
    sys.path.insert(0, str(ROOT))
    from archive.ingest import parse_file

    generated = parsed = recovered = 0
    for path, pages in written[:limit]:
        issue = parse_file(path)
        found = {(a.title, a.subtitle, tuple(a.paragraphs)) for a in issue.articles}
        parsed += len(issue.articles)
        for _, _, articles in pages:
            for a in articles:
                generated += 1
                recovered += (a.title, a.subtitle, tuple(a.paragraphs)) in found
    return generated, parsed, recovered


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--start", type=datetime.date.fromisoformat, default=datetime.date(2001, 1, 1))
    ap.add_argument("--check", type=int, nargs="?", const=50, default=0, metavar="ISSUES",
                    help="parse back the first ISSUES issues (default 50) and report recovery")
    args = ap.parse_args(argv)
    if not args.source.is_dir():
        print(f"corpus.py: source corpus {args.source} not found (give --source DIR)", file=sys.stderr)
        return 2
    source = load_source(args.source)
    if not source.paragraphs:
        print(f"corpus.py: no usable paragraphs under {args.source}", file=sys.stderr)
        return 2
    began = time.perf_counter()
    keep = []
    for item in generate(source, args.articles, args.out, args.seed, args.start):
        if len(keep) < args.check:
            keep.append(item)
    print(f"{args.articles} articles in {args.out} from {len(source.paragraphs)} paragraphs and "
          f"{len(source.titles)} titles, {time.perf_counter() - began:.1f} s", file=sys.stderr)
    if args.check:
        generated, parsed, recovered = check(keep, args.check)
        print(f"check: {generated} generated, {parsed} parsed, {recovered} recovered "
              f"({recovered / generated:.1%}) in {len(keep)} issues", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
