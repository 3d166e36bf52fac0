"""`{% claims_ledger story %}`: the ledger beside a story in the desk's editor."""

from django import template

from newsdesk.claims.forms import ClaimCorrectionForm

register = template.Library()


@register.inclusion_tag("claims/desk_ledger_list.html", takes_context=True)
def claims_ledger(context, story):
    claims = list(story.claims.all())
    return {
        "story": story,
        "claims": [
            (claim, ClaimCorrectionForm(instance=claim, prefix=f"claim-{claim.pk}"))
            for claim in claims
        ],
        "shown_count": sum(claim.shown for claim in claims),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
