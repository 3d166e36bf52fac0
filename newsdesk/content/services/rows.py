"""Model instances from the plain rows of prepared queries, through Django's public API.

A prepared query (prepared.py) reads a story with its section's and picture's columns in one
row, as `select_related()` would; here each model's slice of the row becomes an instance by
`Model.from_db()` (what a queryset calls for every row), related instances are attached by
assigning them through the relation (`story.section = section`), and what a page reads of a
story's other relations (tags, sources, corrections, gallery) is kept in `read_relations`,
listed by `related_list()`. Nothing here writes Django's private state.
"""


class Columns:
    """A model's concrete columns, as `values_list()` lookups (through `path` for a
    related model) and back into an instance."""

    def __init__(self, model, path: str = ""):
        self.model = model
        self.attnames = [field.attname for field in model._meta.concrete_fields]
        self.lookups = [f"{path}__{name}" if path else name for name in self.attnames]
        self.width = len(self.attnames)
        self.pk_index = self.attnames.index(model._meta.pk.attname)

    def build(self, row, start: int = 0, db: str = "default", known: dict | None = None):
        """The instance whose columns start at `row[start]`; None for the empty side of an
        outer join. With `known` (pk → instance), one instance per row of the same pk."""
        values = row[start : start + self.width]
        pk = values[self.pk_index]
        if pk is None:
            return None
        if known is not None and pk in known:
            return known[pk]
        instance = self.model.from_db(db, self.attnames, values)
        if known is not None:
            known[pk] = instance
        return instance


def set_related(instance, name: str, value) -> None:
    """What select_related() leaves behind: `instance.name` answers without a query."""
    setattr(instance, name, value)


def prefetched(instance, name: str, objects: list) -> None:
    """Keep the related objects `name` as read for this instance (see `related_list`)."""
    if getattr(instance, "read_relations", None) is None:
        instance.read_relations = {}
    instance.read_relations[name] = list(objects)


def related_list(instance, name: str) -> list:
    """`list(instance.name.all())`, from what the page's service read when it did: a story
    page lists tags twice, sources, corrections and gallery pictures."""
    read = already_read(instance, name)
    return read if read is not None else list(getattr(instance, name).all())


def already_read(instance, name: str) -> list | None:
    """The related objects `name` as the service read them, or None."""
    read = getattr(instance, "read_relations", None)
    if read is not None and name in read:
        return list(read[name])
    return None
