from django.contrib import admin

from .models import Article, Byline, Caption, Issue, Newspaper, Page, Person


@admin.register(Newspaper)
class NewspaperAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class PageInline(admin.TabularInline):
    model = Page
    extra = 0


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["date", "paper", "number", "source_name", "imported_at"]
    list_filter = ["paper"]
    date_hierarchy = "date"
    search_fields = ["number", "source_name"]
    readonly_fields = ["checksum", "imported_at"]
    inlines = [PageInline]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["issue", "number", "name"]
    list_filter = ["issue__paper"]
    list_select_related = ["issue__paper"]
    raw_id_fields = ["issue"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["person"]


class CaptionInline(admin.StackedInline):
    model = Caption
    extra = 0
    autocomplete_fields = ["photographer"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issue", "seq", "kind", "page", "char_count"]
    list_filter = ["issue__paper", "kind", ("issue__date", admin.DateFieldListFilter)]
    list_select_related = ["issue__paper", "page"]
    search_fields = ["title", "kicker", "subtitle", "column", "bylines__person__name"]
    date_hierarchy = "issue__date"
    raw_id_fields = ["issue"]
    inlines = [BylineInline, CaptionInline]
    view_on_site = True

    def get_readonly_fields(self, request, obj=None):
        # issue and seq make the permalink: editing an article must not move it.
        return ["issue", "seq", "char_count", "source_line"] if obj else ["char_count", "source_line"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only the pages of the article's own issue.
        if db_field.name == "page":
            object_id = request.resolver_match.kwargs.get("object_id")
            pages = Page.objects.filter(issue__articles__pk=object_id)
            kwargs["queryset"] = pages if object_id else Page.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]


@admin.register(Byline)
class BylineAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "article"]
    list_filter = ["role"]
    search_fields = ["person__name", "article__title"]
    list_select_related = ["person", "article"]
    raw_id_fields = ["article"]
    autocomplete_fields = ["person"]


@admin.register(Caption)
class CaptionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "credit", "photographer", "article"]
    search_fields = ["text", "credit"]
    list_select_related = ["photographer", "article"]
    raw_id_fields = ["article"]
    autocomplete_fields = ["photographer"]
