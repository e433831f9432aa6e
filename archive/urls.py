import datetime

from django.urls import path, register_converter

from . import views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            # An impossible date (2022-02-30) is then simply not a match: 404.
            raise ValueError(value) from None

    def to_url(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else value


class YearConverter:
    regex = r"\d{4}"
    to_python = staticmethod(int)

    @staticmethod
    def to_url(value):
        return f"{int(value):04d}"


class MonthConverter(YearConverter):
    regex = r"\d{2}"

    @staticmethod
    def to_url(value):
        return f"{int(value):02d}"


register_converter(IsoDateConverter, "isodate")
register_converter(YearConverter, "yyyy")
register_converter(MonthConverter, "mm")

app_name = "archive"
# people/ comes before <slug:paper>/, so no paper can be called "people".
urlpatterns = [
    path("", views.home, name="home"),
    path("people/", views.people_index, name="people"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("<slug:paper>/", views.paper_detail, name="paper"),
    path("<slug:paper>/<yyyy:year>/", views.year_detail, name="year"),
    path("<slug:paper>/<yyyy:year>/<mm:month>/", views.month_detail, name="month"),
    path("<slug:paper>/<isodate:date>/", views.issue_detail, name="issue"),
    path("<slug:paper>/<isodate:date>/<int:seq>/", views.article_detail, name="article"),
    path("<slug:paper>/<isodate:date>/<int:seq>/related/", views.related_articles, name="related"),
]
