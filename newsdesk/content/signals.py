"""Content events. Sent only by content services (never by views); search indexing, cache
purges and webhooks listen to them.

Every signal is sent with `sender=Story`, `story=<Story>` and `user=<User or None>`, after
the transaction that made the change has committed.
"""

from django.dispatch import Signal

# The story became visible to readers (published now, or its scheduled time came).
story_published = Signal()
# A story readers can see changed (edit, correction, update note).
story_updated = Signal()
# The story stopped being visible to readers (unpublished, moved to the trash).
story_unpublished = Signal()

# The story was brought back from the trash (services/trash.py).
story_restored = Signal()
