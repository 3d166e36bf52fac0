"""A story's figures as its page shows them, read by a prepared query (content's prepared.py):
the page would otherwise build and compile the same queryset on every request."""

from newsdesk.claims.models import Claim
from newsdesk.content.services.prepared import Prepared
from newsdesk.content.services.rows import Columns, set_related

CLAIM = Columns(Claim)

_story_claims = Prepared(lambda pk: Claim.objects.filter(story_id=pk).values_list(*CLAIM.lookups))


def story_claims(story) -> list[Claim]:
    """`list(story.claims.all())`: the story's figures in their model's order."""
    db = story._state.db
    claims = [CLAIM.build(row, 0, db) for row in _story_claims.rows(db, pk=story.pk)]
    for claim in claims:
        set_related(claim, "story", story)
    return claims
