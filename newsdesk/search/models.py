"""The PostgreSQL engine's index: one weighted tsvector per story, under a GIN index.

The table is made by the engine's `install` (backends/postgres_index.py), on PostgreSQL only;
migrations carry the model's state. No foreign-key constraint to the story table, so
Django's TRUNCATE-based flush of content tables keeps working; re-indexing a deleted
story's id deletes its row.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    story = models.OneToOneField(
        "content.Story",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_document",
    )
    # Headline A, standfirst B, "about" (section, tags, bylines, sources) C, body D.
    document = SearchVectorField()

    class Meta:
        db_table = "newsdesk_search_document"
        indexes = [GinIndex(fields=["document"], name="newsdesk_search_document_gin")]

    def __str__(self):
        return f"Search document of story {self.story_id}"
