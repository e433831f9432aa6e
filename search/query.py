"""The archive's query language, parsed into a small tree.

    核酸 检测            both (AND is the default; AND may also be written)
    "疫情防控" “疫情防控”  exact phrase
    疫情 OR 核酸  疫情 或 核酸  either
    -广告  NOT 广告        exclude
    (a OR b) c           grouping
    标题:疫情 title:疫情    in the headline; also 作者:/byline:, 版:/page:,
                         栏目:/column:, 来源:/source:, 报纸:/paper:
    date:2022-05-01..2022-05-31   also date:2022-05, date:2022, open ends

Users type anything, so the parser is forgiving: an unclosed quote or
bracket is closed at the end and a stray operator is dropped, each with a
notice. It refuses (QueryError, a message fit to show) only what it cannot
guess: nothing to search, a bad date or page, or an absurdly long query.
"""
import datetime
import re
from dataclasses import dataclass, field

from .analysis import is_wordlike

MAX_LENGTH = 2000
MAX_TERMS = 64

FIELDS = {
    "标题": "title", "title": "title",
    "作者": "byline", "byline": "byline", "记者": "byline",
    "版": "page", "版次": "page", "page": "page",
    "栏目": "column", "column": "column",
    "来源": "source", "source": "source",
    "报纸": "paper", "paper": "paper",
    "date": "date", "日期": "date",
}
OR_WORDS = {"OR", "或", "|"}
AND_WORDS = {"AND", "&"}
NOT_WORDS = {"NOT", "非"}
QUOTES = {'"': '"', "“": "”", "”": "”", "＂": "＂", "「": "」"}
OPEN, CLOSE = "(（", ")）"
_FIELD_RE = re.compile(r"([^\s:：]+)[:：]")


class QueryError(ValueError):
    """A query we cannot run; the message is shown to the user as it is."""


@dataclass
class Term:
    text: str
    field: str = "text"
    quoted: bool = False


@dataclass
class DateRange:
    start: datetime.date | None
    end: datetime.date | None


@dataclass
class Not:
    item: object


@dataclass
class And:
    items: list


@dataclass
class Or:
    items: list


@dataclass
class Parsed:
    tree: object
    notices: list = field(default_factory=list)


# -- lexing ---------------------------------------------------------------

@dataclass
class Tok:
    kind: str  # word, phrase, open, close, or, and, not, minus, field
    text: str = ""


def lex(text: str, notices: list) -> list[Tok]:
    toks, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in QUOTES:
            i = _lex_phrase(text, i, toks, notices)
        elif ch in OPEN:
            toks.append(Tok("open"))
            i += 1
        elif ch in CLOSE:
            toks.append(Tok("close"))
            i += 1
        elif ch == "-" and i + 1 < n and not text[i + 1].isspace():
            toks.append(Tok("minus"))
            i += 1
        else:
            i = _lex_word(text, i, toks)
    return toks


def _lex_phrase(text, i, toks, notices) -> int:
    closer = QUOTES[text[i]]
    j, chars = i + 1, []
    while j < len(text) and text[j] != closer:
        if text[j] == "\\" and j + 1 < len(text):  # escapes, for machine-built queries
            j += 1
        chars.append(text[j])
        j += 1
    if j >= len(text):
        notices.append(f"引号没有闭合，已按到结尾的短语处理：{text[i]}{''.join(chars)}")
    toks.append(Tok("phrase", "".join(chars)))
    return j + 1


def _lex_word(text, i, toks) -> int:
    j = i
    while j < len(text) and not (text[j].isspace() or text[j] in QUOTES or text[j] in OPEN or text[j] in CLOSE):
        j += 1
    word = text[i:j]
    match = _FIELD_RE.match(word)
    name = match and (FIELDS.get(match.group(1)) or FIELDS.get(match.group(1).lower()))
    if name:
        toks.append(Tok("field", name))
        rest = word[match.end():]
        if rest:
            toks.append(Tok("word", rest))
        return j
    kind = {**dict.fromkeys(OR_WORDS, "or"), **dict.fromkeys(AND_WORDS, "and"),
            **dict.fromkeys(NOT_WORDS, "not")}.get(word, "word")
    toks.append(Tok(kind, word))
    return j


# -- parsing --------------------------------------------------------------

class _Parser:
    def __init__(self, toks, notices, max_terms):
        self.toks, self.i, self.notices, self.terms, self.max_terms = toks, 0, notices, 0, max_terms

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def parse_or(self, depth=0):
        items = [self.parse_and(depth)]
        while self.peek() and self.peek().kind == "or":
            op = self.take()
            right = self.parse_and(depth)
            if right is None or items[-1] is None:
                self.notices.append(f"“{op.text}”两边都要有检索词，已忽略")
            items.append(right)
        items = [it for it in items if it is not None]
        return None if not items else items[0] if len(items) == 1 else Or(items)

    def parse_and(self, depth):
        items = []
        while (tok := self.peek()) and tok.kind != "or" and not (tok.kind == "close" and depth):
            if tok.kind == "close":
                self.take()
                self.notices.append("多余的右括号，已忽略")
                continue
            if tok.kind == "and":
                self.take()
                continue
            item = self.parse_unary(depth)
            if item is not None:
                items.append(item)
        return None if not items else items[0] if len(items) == 1 else And(items)

    def parse_unary(self, depth):
        tok = self.peek()
        if tok.kind in ("minus", "not"):
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("or", "and", "close"):
                self.notices.append(f"“{tok.text or '-'}”后面没有检索词，已忽略")
                return None
            item = self.parse_unary(depth)
            return Not(item) if item is not None else None
        return self.parse_atom(depth)

    def parse_atom(self, depth, field_name="text"):
        tok = self.take()
        if tok.kind == "open":
            inner = self.parse_group(depth, field_name)
            return inner
        if tok.kind == "field":
            nxt = self.peek()
            if nxt is None or nxt.kind not in ("word", "phrase", "open"):
                self.notices.append("字段名后面没有内容，已忽略")
                return None
            return self.parse_atom(depth, tok.text)
        return self.term(tok, field_name)

    def parse_group(self, depth, field_name):
        inner = self.parse_or(depth + 1)
        if self.peek() is None:
            self.notices.append("括号没有闭合，已在结尾补上")
        else:
            self.take()
        if field_name != "text" and inner is not None:
            inner = _with_field(inner, field_name)
        return inner

    def term(self, tok, field_name):
        self.terms += 1
        if self.max_terms and self.terms > self.max_terms:
            raise QueryError(f"检索式太长：最多 {self.max_terms} 个检索词")
        if tok.kind == "word" and not is_wordlike(tok.text):
            self.notices.append(f"“{tok.text}”不是检索词，已忽略；要查标点请加引号")
            return None
        if not tok.text.strip():
            return None
        return make_term(tok.text, field_name, quoted=tok.kind == "phrase")


def make_term(text: str, field_name: str, quoted: bool = False):
    if field_name == "date":
        return parse_date_range(text)
    if field_name == "page" and not (text.strip().isascii() and text.strip().isdigit()):
        raise QueryError(f"版次应是数字，例如 版:1，而不是“{text}”")
    return Term(text, field_name, quoted)


def _with_field(node, name):
    if isinstance(node, Term):
        return make_term(node.text, name, node.quoted)
    if isinstance(node, Not):
        return Not(_with_field(node.item, name))
    if isinstance(node, (And, Or)):
        return type(node)([_with_field(it, name) for it in node.items])
    return node


_DATE_RE = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?$")


def parse_date(text: str, end: bool):
    """2022, 2022-05 or 2022-05-01; a year or month stands for its first or last day."""
    match = _DATE_RE.match(text.strip())
    if not match:
        raise QueryError(f"看不懂的日期“{text}”：请写成 2022-05-01、2022-05 或 2022")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day:
            return datetime.date(year, month, day)
        if month:
            first = datetime.date(year, month, 1)
            if not end:
                return first
            return (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return datetime.date(year, 12, 31) if end else datetime.date(year, 1, 1)
    except ValueError:
        raise QueryError(f"没有这一天：“{text}”") from None


def parse_date_range(text: str) -> DateRange:
    if ".." in text:
        start, _, end = text.partition("..")
    else:
        start = end = text
    first = parse_date(start, end=False) if start.strip() else None
    last = parse_date(end, end=True) if end.strip() else None
    if first and last and first > last:
        raise QueryError(f"日期范围的开始晚于结束：“{text}”")
    if not (first or last):
        raise QueryError("日期范围至少要有开始或结束")
    return DateRange(first, last)


def parse(text: str, limited: bool = True) -> Parsed:
    """`limited=False` is for a query the archive composed around the user's own (filters
    added to it): the user's part was held to the limits when it was parsed alone."""
    if limited and len(text) > MAX_LENGTH:
        raise QueryError(f"检索式太长：最多 {MAX_LENGTH} 个字符")
    notices = []
    parser = _Parser(lex(text, notices), notices, MAX_TERMS if limited else None)
    tree = parser.parse_or()
    if tree is None and text.strip() in OR_WORDS | AND_WORDS | NOT_WORDS and is_wordlike(text):
        tree = Term(text.strip(), quoted=True)  # 非 or 或 alone is a search for that character
    if tree is None:
        raise QueryError("请输入检索词")
    return Parsed(tree, notices)


def positive_terms(node) -> list[Term]:
    """The terms a hit must or may contain, i.e. what to highlight."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, (And, Or)):
        return [t for it in node.items for t in positive_terms(it)]
    return []


def unparse(node) -> str:
    """The tree as a query of this language, always well formed, for passing on."""
    if isinstance(node, Term):
        text = quote(node.text) if node.quoted else _bare(node.text)
        return text if node.field == "text" else f"{node.field}:{text}"
    if isinstance(node, DateRange):
        return f"date:{node.start or ''}..{node.end or ''}"
    if isinstance(node, Not):
        inner = unparse(node.item)
        return f"NOT {inner}" if isinstance(node.item, Term) else f"NOT ({inner})"
    joiner = " OR " if isinstance(node, Or) else " "
    return "(" + joiner.join(unparse(item) for item in node.items) + ")"


def _bare(text: str) -> str:
    """An unquoted word stays unquoted unless it would read as syntax."""
    plain = lex(text, []) == [Tok("word", text)]
    return text if plain else quote(text)


def quote(text: str) -> str:
    """A value as a phrase of this language, for queries built by code."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
