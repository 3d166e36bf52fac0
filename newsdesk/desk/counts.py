"""Story counts beside people, sections and tags, capped: "12", "84", "100+".

An exact count per row is a count over every story the newsroom ever filed (a section of a
million-story archive holds a hundred thousand). A row with more than CAP stories is told
apart by one short walk of the link's index (is there a story number CAP + 1?); only the
rows below the cap are counted exactly, so a page of counts costs the same at any archive
size. The story list filtered by the person, section or tag has the rest."""

from django.db.models import Count, Exists, OuterRef

CAP = 100


def capped_counts(rows, link_model, field: str) -> list:
    """Set `story_count` on each of `rows` (objects of one model): the number of
    `link_model` rows whose `field` points at it, or None for more than CAP."""
    rows = list(rows)
    if not rows:
        return rows
    model = type(rows[0])
    # In the order of the link's own index on `field`, so the walk is that index's.
    links = link_model.objects.filter(**{field: OuterRef("pk")}).order_by(field)
    beyond_cap = links.values(field)[CAP : CAP + 1]
    many = set(
        model.objects.filter(pk__in=[row.pk for row in rows])
        .filter(Exists(beyond_cap))
        .values_list("pk", flat=True)
    )
    counted = dict(
        link_model.objects.filter(**{f"{field}__in": [r.pk for r in rows if r.pk not in many]})
        .order_by()
        .values_list(field)
        .annotate(n=Count("*"))
        .values_list(field, "n")
    )
    for row in rows:
        row.story_count = None if row.pk in many else counted.get(row.pk, 0)
    return rows
