"""Related stories, worked out when a story changes and read from here by its page.

`StoryTerm` is an inverted index of each story's weighted terms (words, names, its tags
and section), so the stories sharing terms with one are found by the index instead of
by reading every story; `RelatedStory` keeps each live story's ranked result.
"""

from django.db import models


class StoryTerm(models.Model):
    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=64)
    # TF-IDF weight; a story's weights form a unit vector, so a sum of products is a cosine.
    weight = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "term"], name="one_weight_a_term")]
        indexes = [models.Index(fields=["term"], name="story_terms_by_term")]

    def __str__(self):
        return f"{self.term} in story {self.story_id}"


class TermCount(models.Model):
    """In how many stories a term appears (its document frequency, for IDF). The row with
    the empty term counts the stories. Rebuilt whole by `related-rebuild`; in between,
    each newly indexed story adds its terms (an edit does not: close enough for IDF)."""

    term = models.CharField(max_length=64, primary_key=True)
    stories = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.term}: {self.stories} stories"


class RelatedStory(models.Model):
    story = models.ForeignKey("content.Story", on_delete=models.CASCADE, related_name="+")
    related = models.ForeignKey(
        "content.Story", on_delete=models.CASCADE, related_name="related_by"
    )
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()

    class Meta:
        ordering = ["story", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["story", "related"], name="related_once"),
        ]

    def __str__(self):
        return f"story {self.related_id} related to {self.story_id}"
