from .browse import home, issue_detail, month_detail, paper_detail, year_detail
from .people import people_index, person_detail
from .reading import article_detail, related_articles

__all__ = ["home", "paper_detail", "year_detail", "month_detail", "issue_detail", "article_detail",
           "related_articles", "person_detail", "people_index"]
