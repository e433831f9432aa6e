"""The archive: newspapers, their issues, pages and articles, and the people
named in bylines and photo credits."""
import re

from django.db import models
from django.db.models import Count, Max, Min
from django.db.models.functions import Cast, Coalesce, ExtractYear, Substr
from django.urls import reverse
from simple_history.models import HistoricalRecords


def pinyin_slug(text: str, fallback: str) -> str:
    """An ASCII slug from Chinese text: 清河日报 -> qing-he-ri-bao."""
    # Imported here: pypinyin's dictionaries take ~55 MB, which only a process
    # that names a new paper or person needs, not every web worker.
    from pypinyin import lazy_pinyin

    joined = "-".join(lazy_pinyin(text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", joined).strip("-")[:100] or fallback


def short_label(text: str, size: int = 24) -> str:
    first = (text or "").split("\n", 1)[0].strip()
    return first if len(first) <= size else first[:size] + "…"


def body_and_captions(body: str, captions) -> str:
    """An article's body, then its captions, one a line: what a search hit's snippet is cut from."""
    return "\n".join(p for p in (body, *captions) if p)


def same_day_in(year: int, day):
    """The date with `day`'s month and day in `year`; None for 29 February in a common year."""
    try:
        return day.replace(year=year)
    except ValueError:
        return None


class NewspaperQuerySet(models.QuerySet):
    def with_first_issue(self):
        """Each paper's `first_issue` date (None without issues), one index lookup a paper."""
        first = Issue.objects.filter(paper=models.OuterRef("pk")).order_by("date").values("date")[:1]
        return self.annotate(first_issue=models.Subquery(first))


class Newspaper(models.Model):
    name = models.CharField("报名", max_length=100, unique=True)
    slug = models.SlugField("网址名", max_length=100, unique=True)

    objects = NewspaperQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "报纸"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("archive:paper", args=[self.slug])


class IssueQuerySet(models.QuerySet):
    def of_paper(self, paper):
        # The paper comes along: every issue link needs its slug.
        return self.filter(paper=paper).select_related("paper")

    def month_counts(self) -> dict:
        """{(year, month): number of issues}: one query, however many years. Grouped on the
        date's text (YYYY-MM) because SQLite runs ExtractMonth in Python, row by row: 218 ms
        for 70 years of dailies, against 25 ms."""
        month = Substr(Cast("date", models.CharField()), 1, 7)
        rows = (self.order_by().annotate(month=month).values("month").annotate(n=Count("id"))
                .values_list("month", "n"))
        return {(int(key[:4]), int(key[5:7])): n for key, n in rows}

    def span(self) -> tuple:
        """(first date, last date), or (None, None) without issues."""
        found = self.aggregate(first=Min("date"), last=Max("date"))
        return found["first"], found["last"]

    def date_urls(self, start, end) -> dict:
        """{date: issue URL} for the issues from start to end inclusive."""
        rows = self.filter(date__range=(start, end)).values_list("date", "paper__slug")
        return {date: reverse("archive:issue", args=[slug, date.isoformat()]) for date, slug in rows}

    def before(self, date):
        return self.filter(date__lt=date).order_by("-date").first()

    def after(self, date):
        return self.filter(date__gt=date).order_by("date").first()


class Issue(models.Model):
    paper = models.ForeignKey(Newspaper, models.CASCADE, related_name="issues", verbose_name="报纸")
    date = models.DateField("日期")
    number = models.CharField("期号", max_length=50, blank=True)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    checksum = models.CharField("SHA-256", max_length=64, blank=True)
    imported_at = models.DateTimeField("导入时间", auto_now=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["date", "paper"]
        verbose_name = verbose_name_plural = "期"
        # The unique constraint's index also serves "issues of a paper by date"; "issues of any
        # paper on these dates" (on this day in earlier years) needs the date first.
        constraints = [models.UniqueConstraint(fields=["paper", "date"], name="issue_unique_paper_date")]
        indexes = [models.Index(fields=["date"], name="issue_date")]

    def __str__(self):
        return f"{self.paper} {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("archive:issue", args=[self.paper.slug, self.date.isoformat()])

    def contents(self):
        """The issue's articles in print order. Through the issue's own manager every
        article's .issue is this very object: no join, no copy of the issue and paper a row."""
        return self.articles.select_related("page").in_print_order()


class Page(models.Model):
    issue = models.ForeignKey(Issue, models.CASCADE, related_name="pages", verbose_name="期")
    number = models.PositiveIntegerField("版次")
    name = models.CharField("版名", max_length=100, blank=True)

    class Meta:
        ordering = ["issue", "number"]
        verbose_name = verbose_name_plural = "版面"
        constraints = [models.UniqueConstraint(fields=["issue", "number"], name="page_unique_issue_number")]

    def __str__(self):
        label = f"第{self.number:02d}版"
        return f"{label} {self.name}" if self.name else label


class ArticleQuerySet(models.QuerySet):
    def for_paper(self, paper):
        return self.filter(issue__paper=paper)

    def by_person(self, person):
        # A subquery rather than a join: a person twice on one byline (记者 and 摄影) is one article.
        return self.filter(pk__in=Byline.objects.filter(person=person).values("article"))

    def with_issue(self):
        return self.select_related("issue", "issue__paper", "page")

    def with_bylines(self):
        return self.prefetch_related(
            models.Prefetch("bylines", Byline.objects.select_related("person").order_by("order")))

    def on_this_day(self, day, limit: int, since):
        """Up to `limit` articles printed on this month and day in the years from `since` (the
        archive's first issue date) to last year, newest first."""
        # The issues first, one index lookup per year. Matching the month and day instead read
        # every issue, through a Python function per row on SQLite (Django's date extracts):
        # 4-7 ms at 2,500 issues, and growing with every issue.
        dates = [d for d in (same_day_in(year, day) for year in range(since.year, day.year)) if d]
        issues = list(Issue.objects.filter(date__in=dates).order_by("-date", "paper__slug")
                  .values_list("pk", flat=True)[:limit])
        return (self.with_issue().filter(issue__in=issues)
                .order_by("-issue__date", "issue__paper__slug", "seq")[:limit])

    def bodies_and_captions(self) -> dict[int, str]:
        """{pk: body_and_captions()} in one query: a page of search hits reads its texts
        from here rather than from a copy in the index."""
        rows = self.order_by("pk", "captions__order", "captions__pk").values_list("pk", "body", "captions__text")
        found = {}
        for pk, body, caption in rows:
            found.setdefault(pk, [body]).append(caption)
        return {pk: body_and_captions(parts[0], parts[1:]) for pk, parts in found.items()}

    def in_print_order(self):
        """By seq, with the later part of a split article right after the part it was split from."""
        return self.alias(print_key=PRINT_KEY).order_by("print_key", "seq")

    def newest_first(self):
        # Papers by their ASCII slug: Chinese names sort by the database's collation, which
        # differs between SQLite (code points) and PostgreSQL (the locale's).
        return self.order_by("-issue__date", "issue__paper__slug", "seq")


# Seqs from here on are given to the later parts of split articles, never by an import (which
# refuses an issue this long), so a split never takes a URL the parser may give another article.
SPLIT_SEQ_BASE = 1000
# A split's later part has a position between its neighbours' seqs; every other article is at its seq.
PRINT_KEY = Coalesce("position", models.F("seq"), output_field=models.FloatField())


class Article(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "文章"
        PHOTO = "photo", "图片"
        NOTICE = "notice", "启事"

    issue = models.ForeignKey(Issue, models.CASCADE, related_name="articles", verbose_name="期")
    page = models.ForeignKey(Page, models.SET_NULL, null=True, blank=True, related_name="articles", verbose_name="版面")
    # Position in the issue; part of the permalink, so never renumbered by edits.
    seq = models.PositiveIntegerField("序号")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    column = models.CharField("栏目", max_length=200, blank=True)
    kicker = models.CharField("引题", max_length=500, blank=True)
    title = models.CharField("主题", max_length=500, blank=True)
    subtitle = models.TextField("副题", blank=True)
    dateline_source = models.CharField("电头来源", max_length=100, blank=True)
    dateline_place = models.CharField("电头地点", max_length=100, blank=True)
    dateline_date = models.CharField("电头日期", max_length=100, blank=True)
    editor_note = models.JSONField("编者按", default=list, blank=True)
    sidebar_title = models.CharField("链接标题", max_length=500, blank=True)
    sidebar_items = models.JSONField("链接条目", default=list, blank=True)
    # Paragraphs joined by "\n"; a paragraph never holds a newline itself.
    body = models.TextField("正文", blank=True)
    dropped_duplicates = models.JSONField("重复段落", default=list, blank=True)
    char_count = models.PositiveIntegerField("字数", default=0)
    source_line = models.PositiveIntegerField("源文件行号", default=0)
    # Where a per-article source (a crawl of the e-paper site, a CMS export) found it.
    source_url = models.CharField("来源链接", max_length=1000, blank=True)
    # {field: the parser's value} for each field staff corrected; archive/corrections.py decides.
    corrected_fields = models.JSONField("已更正字段", default=dict, blank=True, editable=False)
    # Set only on the later part of a split article (archive/splitting.py): where it is printed.
    position = models.FloatField("排序位置", null=True, blank=True, editable=False)

    # Staff edits only: the importer's bulk writes record no history.
    history = HistoricalRecords(excluded_fields=["dropped_duplicates", "char_count", "source_line"])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["issue", "seq"]
        verbose_name = verbose_name_plural = "文章"
        constraints = [models.UniqueConstraint(fields=["issue", "seq"], name="article_unique_issue_seq")]

    def __str__(self):
        return self.headline or f"#{self.seq}"

    def get_absolute_url(self):
        issue = self.issue
        return reverse("archive:article", args=[issue.paper.slug, issue.date.isoformat(), self.seq])

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n") if self.body else []

    @property
    def display_title(self) -> str:
        """What a list calls the item: its title, else what else it has (a photo has only a caption)."""
        return self.title or self.kicker or self.subtitle or short_label(self.body) or f"#{self.seq}"

    @property
    def source_link(self) -> str:
        """The source's URL when it is a web address: a crawled file could hold any scheme."""
        return self.source_url if self.source_url.startswith(("https://", "http://")) else ""

    @property
    def headline(self) -> str:
        return " ".join(part for part in (self.kicker, self.title, self.subtitle) if part)


class ArticleAliasQuerySet(models.QuerySet):
    def survivor(self, paper_slug: str, date, seq: int):
        """The article that the one at this permalink was merged into, or None."""
        alias = (self.select_related("article__issue__paper")
                 .filter(issue__paper__slug=paper_slug, issue__date=date, seq=seq).first())
        return alias.article if alias else None


class ArticleAlias(models.Model):
    """The permalink of an article merged into another (or of a split part whose split was
    discarded): it answers 301 to the survivor, and a re-import does not bring the article back."""
    issue = models.ForeignKey(Issue, models.CASCADE, related_name="aliases", verbose_name="期")
    seq = models.PositiveIntegerField("原序号")
    article = models.ForeignKey(Article, models.CASCADE, related_name="aliases", verbose_name="并入文章")

    objects = ArticleAliasQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "合并前的网址"
        constraints = [models.UniqueConstraint(fields=["issue", "seq"], name="alias_unique_issue_seq")]

    def __str__(self):
        return f"{self.issue} #{self.seq} → #{self.article.seq}"


class Person(models.Model):
    name = models.CharField("姓名", max_length=100, unique=True)
    slug = models.SlugField("网址名", max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "人物"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("archive:person", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def unique_slug(cls, name: str) -> str:
        """pinyin of the name, with -2, -3 ... for namesakes in sound (张伟/章玮)."""
        base = pinyin_slug(name, "person")
        taken = set(cls.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug


class BylineQuerySet(models.QuerySet):
    def role_counts(self):
        return list(self.order_by().values("role").annotate(n=Count("article", distinct=True))
                    .order_by("-n", "role").values_list("role", "n"))

    def year_counts(self):
        """[(year, articles)], oldest first."""
        return list(self.annotate(year=ExtractYear("article__issue__date")).order_by("year")
                    .values("year").annotate(n=Count("article", distinct=True)).values_list("year", "n"))

    def colleagues_of(self, person, limit=12):
        """People who shared a byline with `person`, most shared articles first: [(Person, n)]."""
        rows = (self.filter(article__in=Byline.objects.filter(person=person).values("article"))
                .exclude(person=person).values("person").annotate(n=Count("article", distinct=True))
                .order_by("-n", "person__slug")[:limit])
        people = Person.objects.in_bulk([row["person"] for row in rows])
        return [(people[row["person"]], row["n"]) for row in rows]


class Byline(models.Model):
    article = models.ForeignKey(Article, models.CASCADE, related_name="bylines", verbose_name="文章")
    person = models.ForeignKey(Person, models.CASCADE, related_name="bylines", verbose_name="人物")
    role = models.CharField("身份", max_length=50)  # 记者, 通讯员, 摄影 ...
    order = models.PositiveSmallIntegerField("顺序", default=0)

    objects = BylineQuerySet.as_manager()

    class Meta:
        ordering = ["article", "order"]
        verbose_name = verbose_name_plural = "署名"
        constraints = [
            models.UniqueConstraint(fields=["article", "person", "role"], name="byline_unique_article_person_role")
        ]
        # "Articles by this person" starts from the person.
        indexes = [models.Index(fields=["person", "article"], name="byline_person_article")]

    def __str__(self):
        return f"{self.role} {self.person}"


class Caption(models.Model):
    article = models.ForeignKey(Article, models.CASCADE, related_name="captions", verbose_name="文章")
    text = models.TextField("图片说明")
    credit = models.CharField("署名", max_length=200, blank=True)  # as printed: 本报记者 某某摄
    photographer = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="captions", verbose_name="摄影"
    )
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["article", "order"]
        verbose_name = verbose_name_plural = "图片说明"

    def __str__(self):
        return self.text[:40]


class Printing(models.Model):
    """An article's text as a fingerprint, and the story it is a printing of: the same text
    printed twice (a front-page story and its inside-page copy, a wire story in several
    papers) is one story. Written by archive/repeats.py, never by the importer."""
    article = models.OneToOneField(Article, models.CASCADE, primary_key=True, related_name="printing",
                                   verbose_name="文章")
    digest = models.CharField("正文摘要", max_length=32, db_index=True)  # the exact text
    minhash = models.BinaryField("MinHash")  # of its character shingles, for near copies
    scheme = models.CharField("指纹算法", max_length=40)  # what made `minhash` (archive/repeats.SCHEME)
    # The first printing's article id: the stories of the search index and "也见于" links.
    story = models.PositiveBigIntegerField("稿件", db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "重复刊登"

    def __str__(self):
        return f"{self.article_id} → {self.story}"


class PrintingBand(models.Model):
    """One LSH band of a printing's MinHash: printings sharing a band are compared."""
    printing = models.ForeignKey(Printing, models.CASCADE, related_name="bands")
    key = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "MinHash 分段"
