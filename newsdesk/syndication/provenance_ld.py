"""A story's lineage in its NewsArticle JSON-LD (schema.org): `isBasedOn` the agency
copy it was made from, `sourceOrganization` the agencies behind it, `correction` its
public corrections as CorrectionComments (updates are not corrections, and stay out)."""

from newsdesk.content.models import Correction
from newsdesk.content.services.provenance import Lineage
from newsdesk.content.web_links import web_url


def _organization(agency) -> dict:
    data = {"@type": "NewsMediaOrganization", "name": agency.name}
    if web_url(agency.url):
        data["url"] = web_url(agency.url)
    return data


def provenance_fields(lineage: Lineage) -> dict:
    data = {}
    based_on = []
    for origin in lineage.copies:
        work = {"@type": "NewsArticle"}
        if origin.headline:
            work["headline"] = origin.headline
        if web_url(origin.url):
            work["url"] = web_url(origin.url)
        if origin.published_at:
            work["datePublished"] = origin.published_at.isoformat(timespec="seconds")
        if origin.agency is not None:
            work["publisher"] = _organization(origin.agency)
        if len(work) > 1:
            based_on.append(work)
    if based_on:
        data["isBasedOn"] = based_on
    agencies = [_organization(agency) for agency in lineage.agencies]
    if agencies:
        data["sourceOrganization"] = agencies[0] if len(agencies) == 1 else agencies
    notes = [
        {
            "@type": "CorrectionComment",
            "text": note.text,
            "datePublished": note.created_at.isoformat(timespec="seconds"),
        }
        for note in lineage.corrections
        if note.kind == Correction.Kind.CORRECTION
    ]
    if notes:
        data["correction"] = notes
    return data
