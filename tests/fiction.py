"""Invented issues of any size for tests that need many articles (crash, backup,
load). Every name, place and event is made up; nothing comes from a corpus."""
import random

PLACES = ["清河县", "松溪镇", "柳湾村", "东关街道", "南山乡", "白沙镇", "青石村", "河口镇"]
THINGS = ["春耕生产", "老街改造", "图书馆开放", "河道清淤", "文化广场建设", "农贸市场搬迁",
          "乡村公路修缮", "社区食堂开业", "自来水管网改造", "体育公园开工"]
VERBS = ["全面展开", "顺利完工", "取得进展", "稳步推进", "按期完成", "正式启动"]
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ["小明", "红", "小华", "建国", "丽", "海波", "晓雨", "志远", "佳", "瑞"]
SENTENCES = [
    "据有关部门介绍，这项工作今年计划投入资金三百万元，预计年底前全部完成。",
    "附近居民表示，工程完工后出行更方便了，生活环境也越来越好。",
    "记者在现场看到，工人们正在紧张施工，各项工作井然有序。",
    "下一步，当地将继续加大投入，确保各项措施落到实处。",
    "不少群众专程赶来参观，对这项工作给予了充分肯定。",
    "负责人说，他们将广泛听取意见，不断改进服务方式。",
]


def fictional_issue(seed, articles: int = 12, *, pages: int = 0, team=(), photos: bool = False) -> str:
    """An issue dump of `articles` articles; the same seed gives the same text. Options: spread
    over `pages` pages (第01版 ...), every byline also credits the names in `team`, and each
    article ends with a photo caption credited to its last reporter (摄影)."""
    rng = random.Random(seed)
    blocks = []
    per_page = -(-articles // pages) if pages else 0
    for n in range(articles):
        if per_page and n % per_page == 0:
            blocks.append(f"第{n // per_page + 1:02d}版")
        title = f"{rng.choice(PLACES)}{rng.choice(THINGS)}{rng.choice(VERBS)}（{n + 1}）"
        names = [rng.choice(SURNAMES) + rng.choice(GIVEN), *team]
        body = [f"本报讯（记者 {' '.join(names)}）{rng.choice(PLACES)}{rng.choice(THINGS)}{rng.choice(VERBS)}。"]
        body += rng.sample(SENTENCES, rng.randint(2, 4))
        if photos:
            body += [f"图为{rng.choice(PLACES)}{rng.choice(THINGS)}现场。", f"本报记者 {names[-1]}摄"]
        blocks.append(title + "\n\n" + "\n\n".join(body))
    return "\n\n".join(blocks) + "\n"
