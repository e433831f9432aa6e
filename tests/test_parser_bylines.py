"""Reading people out of byline text: what follows or precedes a name (采访整理, 摄,
文/, 图/) says what the person did and is never part of the name. Invented names."""
import pytest

from archive.ingest import parse_text
from archive.ingest.fields import parse_bylines

CASES = [
    # letter-spaced two-character names fold, whatever the suffix
    ("本报记者 柯 岚采访整理", [("柯岚", "记者")]),
    ("记者 柯 岚 采访整理", [("柯岚", "记者")]),
    ("本报记者 何一舟 整理", [("何一舟", "记者")]),
    ("记者 柯 岚报道", [("柯岚", "记者")]),
    ("记者 柯 岚 采写", [("柯岚", "记者")]),
    ("记者柯岚、何一舟报道", [("柯岚", "记者"), ("何一舟", "记者")]),
    # who took the pictures
    ("记者 柯岚 摄", [("柯岚", "摄影")]),
    ("柯岚/摄", [("柯岚", "摄影")]),
    ("通讯员 柯岚供图", [("柯岚", "摄影")]),
    ("文/柯 岚 图/何一舟", [("柯岚", "作者"), ("何一舟", "摄影")]),
    ("文 图/柯岚", [("柯岚", "作者"), ("柯岚", "摄影")]),
    # role titles are roles, never names
    ("首席记者 欧阳晓峰", [("欧阳晓峰", "记者")]),
    ("本报特约通讯员 柯岚 记者 何一舟", [("柯岚", "通讯员"), ("何一舟", "记者")]),
    ("实习生 柯岚", [("柯岚", "实习生")]),
]


@pytest.mark.parametrize("text,want", CASES, ids=[c[0] for c in CASES])
def test_byline_text(text, want):
    assert [(b.name, b.role) for b in parse_bylines(text)] == want


def test_closing_note_with_spaced_name_and_role_suffix():
    issue = parse_text(
        "老码头的新故事\n\n"
        "江边的老码头改成了市民广场，每到傍晚，这里就热闹起来。\n\n"
        "住在附近的老人说，这是他们最喜欢的地方。\n\n"
        "（本报记者 柯 岚采访整理）\n"
    )
    [article] = issue.articles
    assert [(b.name, b.role) for b in article.bylines] == [("柯岚", "记者")]
