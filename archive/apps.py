from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive"
    verbose_name = "报纸档案"

    def ready(self):
        from django.db.models.signals import post_save

        from . import repeats
        from .models import Article
        from .signals import articles_written

        # Repeats are found as articles are written: by imports (bulk, no post_save) and edits.
        articles_written.connect(repeats.on_written, sender=Article, dispatch_uid="archive.repeats.written")
        post_save.connect(repeats.on_saved, sender=Article, dispatch_uid="archive.repeats.saved")
