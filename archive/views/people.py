"""Reporters and other people in bylines."""
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..models import Article, Byline, Person

ARTICLES_PER_PAGE = 20
PEOPLE_PER_PAGE = 60


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    articles = Article.objects.by_person(person).with_issue().with_bylines().newest_first()
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    bylines = Byline.objects.filter(person=person)
    years = bylines.year_counts()
    context = {"person": person, "page": page, "roles": bylines.role_counts(), "years": years,
               "busiest": max((n for _, n in years), default=0),
               "colleagues": Byline.objects.colleagues_of(person)}
    return render(request, "archive/person.html", context)


@require_safe
def people_index(request):
    q = request.GET.get("q", "").strip()[:50]
    people = Person.objects.order_by("slug")  # pinyin order, as a Chinese index is read
    if q:
        people = people.filter(name__contains=q)
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    # Counted for this page's people only, not the whole byline table; order_by() drops the
    # joins through article, issue and paper that Byline's default ordering would leave behind.
    counts = dict(Byline.objects.filter(person__in=page.object_list).order_by().values("person")
                  .annotate(n=Count("article", distinct=True)).values_list("person", "n"))
    rows = [(person, counts.get(person.pk, 0)) for person in page.object_list]
    return render(request, "archive/people.html", {"page": page, "rows": rows, "q": q})
