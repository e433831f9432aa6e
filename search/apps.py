from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "全文检索"

    def ready(self):
        from . import checks  # noqa: F401  registers the index check


def warm_up():
    """Load the dictionary and open the index once, before the first visitor waits for it."""
    from . import analysis, checks, indexing

    analysis.query_words("预热")
    indexing.backend().searcher()
    checks.warn_if_stale()
