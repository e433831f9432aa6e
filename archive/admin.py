from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from . import corrections, splitting
from .models import Article, ArticleAlias, Byline, Caption, Issue, Newspaper, Page, Person


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
class ArticleAdmin(SimpleHistoryAdmin):
    """Edits are corrections (archive/corrections.py): recorded with the parser's value, who and
    when (the history view, which can revert to any version, the imported one included), and kept
    by re-imports. Split and merge mend the parser's commonest errors (archive/splitting.py)."""
    list_display = ["__str__", "issue", "seq", "kind", "page", "char_count", "is_corrected"]
    list_filter = ["issue__paper", "kind", ("issue__date", admin.DateFieldListFilter)]
    list_select_related = ["issue__paper", "page"]
    search_fields = ["title", "kicker", "subtitle", "column", "bylines__person__name"]
    date_hierarchy = "issue__date"
    raw_id_fields = ["issue"]
    inlines = [BylineInline, CaptionInline]
    view_on_site = True
    actions = ["revert_corrections"]
    change_form_template = "admin/archive/article/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        # issue and seq make the permalink: editing an article must not move it.
        fixed = ["char_count", "source_line", "source_url", "corrections"]
        return ["issue", "seq", *fixed] if obj else fixed

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only the pages of the article's own issue.
        if db_field.name == "page":
            object_id = request.resolver_match.kwargs.get("object_id")
            pages = Page.objects.filter(issue__articles__pk=object_id)
            kwargs["queryset"] = pages if object_id else Page.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(boolean=True, description="已更正")
    def is_corrected(self, obj):
        return corrections.is_corrected(obj)

    @admin.display(description="更正（原值 → 现值）")
    def corrections(self, obj):
        """The parser's value beside the correction, for each corrected field."""
        rows = [(name, original, corrections.value(obj, name)) for name, original in obj.corrected_fields.items()
                if name != corrections.SPLIT_FROM]
        if corrections.SPLIT_FROM in obj.corrected_fields:
            return f"拆分自 #{obj.corrected_fields[corrections.SPLIT_FROM]}：全文为编辑所加，无原值"
        if not rows:
            return "无（与导入时一致）"
        return format_html('<table class="corrections"><tr><th>字段</th><th>原值（导入）</th><th>现值（更正）</th></tr>{}</table>',
                           format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows))

    def save_model(self, request, obj, form, change):
        if change:
            stored = Article.objects.select_related("page", "issue").get(pk=obj.pk)
            corrections.note_edit(obj, stored, request.user)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        before = corrections.credits(form.instance) if change else None
        super().save_related(request, form, formsets, change)
        if change:
            corrections.note_credits(form.instance, before)

    @admin.action(description="恢复所选文章的导入原值（撤销更正）")
    def revert_corrections(self, request, queryset):
        reverted = [a for a in queryset.select_related("issue__paper", "page") if corrections.revert(a, request.user)]
        self.message_user(request, f"恢复了 {len(reverted)} 篇文章的原值")

    def get_urls(self):
        own = [path("<path:object_id>/split/", self.admin_site.admin_view(self.split_view), name="archive_article_split"),
               path("<path:object_id>/merge/", self.admin_site.admin_view(self.merge_view), name="archive_article_merge")]
        return own + super().get_urls()

    def split_view(self, request, object_id):
        article = self.editable(request, object_id)
        if request.method == "POST":
            try:
                second = splitting.split(article, int(request.POST.get("at", 0)), request.user)
            except (ValueError, splitting.RestructureError) as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, f"已拆分：后半篇为 #{second.seq}")
                return redirect("admin:archive_article_change", second.pk)
        return self.restructure_page(request, article, "split", paragraphs=list(enumerate(article.paragraphs, 1)))

    def merge_view(self, request, object_id):
        article = self.editable(request, object_id)
        following = splitting.neighbour(article)
        if request.method == "POST" and following:
            splitting.merge_next(article, request.user)
            self.message_user(request, f"已将 #{following.seq} 并入本篇；其网址转到本篇")
            return redirect("admin:archive_article_change", article.pk)
        return self.restructure_page(request, article, "merge", following=following)

    def editable(self, request, object_id) -> Article:
        article = get_object_or_404(Article.objects.select_related("issue__paper", "page"), pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def restructure_page(self, request, article, action, **context):
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "original": article,
                   "title": {"split": "拆分文章", "merge": "与下一篇合并"}[action], **context}
        return TemplateResponse(request, f"admin/archive/article/{action}.html", context)


@admin.register(ArticleAlias)
class ArticleAliasAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issue", "seq", "article"]
    list_select_related = ["issue__paper", "article"]
    raw_id_fields = ["issue", "article"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]


class CreditAdmin(admin.ModelAdmin):
    """A byline or caption changed on its own page is a correction of its article too."""

    def save_model(self, request, obj, form, change):
        self.noted(request, [obj.article_id], lambda: super(CreditAdmin, self).save_model(request, obj, form, change))

    def delete_model(self, request, obj):
        self.noted(request, [obj.article_id], lambda: super(CreditAdmin, self).delete_model(request, obj))

    def delete_queryset(self, request, queryset):
        ids = set(queryset.values_list("article_id", flat=True))
        self.noted(request, ids, lambda: super(CreditAdmin, self).delete_queryset(request, queryset))

    def noted(self, request, article_ids, write):
        articles = list(Article.objects.select_related("issue", "page").filter(pk__in=article_ids))
        before = {a.pk: corrections.credits(a) for a in articles}
        write()
        for article in articles:
            corrections.note_credits(article, before[article.pk], request.user, in_article_form=False)


@admin.register(Byline)
class BylineAdmin(CreditAdmin):
    list_display = ["person", "role", "article"]
    list_filter = ["role"]
    search_fields = ["person__name", "article__title"]
    list_select_related = ["person", "article"]
    raw_id_fields = ["article"]
    autocomplete_fields = ["person"]


@admin.register(Caption)
class CaptionAdmin(CreditAdmin):
    list_display = ["__str__", "credit", "photographer", "article"]
    search_fields = ["text", "credit"]
    list_select_related = ["photographer", "article"]
    raw_id_fields = ["article"]
    autocomplete_fields = ["photographer"]
