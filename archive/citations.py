"""How to cite an article. GB/T 7714-2015 gives a newspaper article as

    主要责任者. 题名: 其他题名信息[N]. 报纸名, 出版日期(版次).

e.g. 丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).
The standard's rules applied here: up to three creators are all given, more
are cut to the first three and ", 等"; a work without a known creator starts
with its title, as the numeric (顺序编码制) system allows instead of 佚名; a
subtitle is "other title information", after a colon."""
import re

MAX_CREATORS = 3
# Roles that make a person a creator of the item; editors and the like are not.
CREATOR_ROLES = ("记者", "见习记者", "特约记者", "通讯员", "作者", "摄影", "摄", "文", "图", "撰稿")
_DASHES = re.compile(r"^[—\-–－\s]+|[—\-–－\s]+$")


def creators(article) -> list[str]:
    """Names in byline order, each once, of the people who made the item."""
    names = [b.person.name for b in article.bylines.all() if is_creator(b.role)]
    return list(dict.fromkeys(names))


def is_creator(role: str) -> bool:
    return any(role.endswith(creator_role) for creator_role in CREATOR_ROLES) or not role


def title_of(article) -> str:
    title = article.title or article.kicker or f"#{article.seq}"
    subtitle = _DASHES.sub("", article.subtitle or "")
    return f"{title}: {subtitle}" if subtitle else title


def creator_list(names: list[str]) -> str:
    shown = ", ".join(names[:MAX_CREATORS])
    return f"{shown}, 等" if len(names) > MAX_CREATORS else shown


def gbt7714(article) -> str:
    issue = article.issue
    page = f"({article.page.number})" if article.page else ""
    names = creator_list(creators(article))
    author = f"{names}. " if names else ""
    return f"{author}{title_of(article)}[N]. {issue.paper.name}, {issue.date:%Y-%m-%d}{page}."


def ris(article, url: str = "") -> str:
    """RIS, the exchange format of EndNote, Zotero and NoteExpress: type NEWS
    with the paper as T2 and the column as section (SE), as Zotero reads them."""
    issue = article.issue
    lines = [("TY", "NEWS"), *(("AU", name) for name in creators(article)),
             ("TI", title_of(article)), ("T2", issue.paper.name),
             ("PY", f"{issue.date:%Y}"), ("DA", f"{issue.date:%Y/%m/%d}")]
    if article.page:
        lines.append(("SP", str(article.page.number)))
    if article.column:
        lines.append(("SE", article.column))
    if url:
        lines.append(("UR", url))
    lines += [("LA", "zh"), ("ER", "")]
    # The spec's line is "TAG  - value" with CRLF endings; tools choke on a bare LF less often than on one value over two lines.
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


def bibtex(article, url: str = "") -> str:
    """biblatex's newspaper form (@article with entrysubtype = newspaper); plain
    BibTeX styles read the same entry as a journal article."""
    issue = article.issue
    fields = [("entrysubtype", "newspaper")]
    names = creators(article)
    if names:
        fields.append(("author", " and ".join(f"{{{_tex(name)}}}" for name in names)))
    fields += [("title", _tex(title_of(article))), ("journal", _tex(issue.paper.name)),
               ("date", issue.date.isoformat()), ("year", f"{issue.date:%Y}"),
               ("month", str(issue.date.month))]
    if article.page:
        fields.append(("pages", str(article.page.number)))
    if url:
        fields.append(("url", url))
    fields.append(("langid", "chinese"))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@article{{{bibtex_key(article)},\n{body}}}\n"


def bibtex_key(article) -> str:
    issue = article.issue
    return f"{issue.paper.slug}-{issue.date:%Y%m%d}-{article.seq}"


_TEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                 "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(text: str) -> str:
    return "".join(_TEX_SPECIALS.get(char, char) for char in _one_line(text))


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
