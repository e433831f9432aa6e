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


register_converter(IsoDateConverter, "isodate")

app_name = "archive"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:paper>/<isodate:date>/", views.issue_detail, name="issue"),
    path("<slug:paper>/<isodate:date>/<int:seq>/", views.article_detail, name="article"),
]
