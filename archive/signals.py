"""Signals for work that bulk writes would otherwise hide from other apps."""
from django.dispatch import Signal

# Sent inside the import's transaction with `ids`: the articles an import
# wrote with bulk_create/bulk_update, which send no post_save.
articles_written = Signal()
