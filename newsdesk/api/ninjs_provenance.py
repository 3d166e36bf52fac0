"""A story's lineage in ninjs, in the properties every ninjs version since 2.0 has:
the agency copy it was made from as `associations` (ninjs has no `links`), its public
corrections and updates as `descriptions`, and its public record of corrections and
origins as `rightsinfo.linkedrights` and a `trustindicators` entry."""

from django.urls import reverse

from newsdesk.content.services.provenance import Lineage
from newsdesk.content.web_links import web_url

# IPTC's trust indicator for a published corrections policy / record.
CORRECTIONS_INDICATOR = "http://cv.iptc.org/newscodes/trustindicator/correctionspolicy"


def _copy(n: int, origin) -> dict:
    copy = {"name": f"basedon{n}", "type": "text", "representationtype": "partial"}
    if web_url(origin.url):
        copy["uri"] = web_url(origin.url)
    if origin.headline:
        copy["headlines"] = [{"role": "main", "value": origin.headline}]
    if origin.published_at:
        copy["versioncreated"] = origin.published_at.isoformat()
    if origin.agency is not None:
        copy["copyrightholder"] = origin.agency.name
    return copy


def provenance_fields(request, lineage: Lineage) -> dict:
    record = request.build_absolute_uri(reverse("trust:story-log", args=[lineage.story.pk]))
    fields = {
        "rightsinfo": {"linkedrights": record},
        "trustindicators": [
            {"role": CORRECTIONS_INDICATOR, "title": "Corrections and origins", "href": record}
        ],
    }
    copies = [_copy(n, origin) for n, origin in enumerate(lineage.copies, start=1)]
    if copies:
        fields["associations"] = copies
    notes = [{"role": note.kind, "value": note.text} for note in lineage.corrections]
    if notes:
        fields["descriptions"] = notes
    return fields
