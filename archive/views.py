from django.shortcuts import get_object_or_404, render

from .models import Article, Issue


def home(request):
    issues = Issue.objects.select_related("paper").order_by("paper__name", "-date")
    return render(request, "archive/home.html", {"issues": issues})


def issue_detail(request, paper, date):
    issue = get_object_or_404(Issue.objects.select_related("paper"), paper__slug=paper, date=date)
    articles = Article.objects.for_issue(issue)
    return render(request, "archive/issue.html", {"issue": issue, "articles": articles})


def article_detail(request, paper, date, seq):
    article = get_object_or_404(
        Article.objects.with_issue().prefetch_related("bylines__person", "captions"),
        issue__paper__slug=paper, issue__date=date, seq=seq,
    )
    return render(request, "archive/article.html", {"article": article, "issue": article.issue})
