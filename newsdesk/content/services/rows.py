"""Model instances from plain rows: what a `select_related()` queryset builds, for less CPU.

Django's `Model.from_db()` runs `__init__`, which walks every field through its descriptor
(≈ 10 µs for a story); a home page builds some 250 instances. Here an instance gets its
column values straight into its `__dict__` — where `__init__` would put them for an object
read from the database — and its `_state` as `from_db()` sets it. Models with `pre_init`
receivers are built by `from_db()`; `post_init` receivers still run, except ImageField's
dimension check when the dimensions were read (it would only turn the file name into a
file object, which the field does when asked).
"""

from django.db.models import ImageField
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.dispatch.dispatcher import _make_id


class Columns:
    """A model's concrete columns, as `values_list()` lookups (through `path` for a
    related model) and back into an instance."""

    def __init__(self, model, path: str = ""):
        self.model = model
        self.attnames = [field.attname for field in model._meta.concrete_fields]
        self.lookups = [f"{path}__{name}" if path else name for name in self.attnames]
        self.width = len(self.attnames)
        self.pk_index = self.attnames.index(model._meta.pk.attname)
        self._receivers = None  # (how many init receivers there were, what they meant)

    def _listening(self) -> tuple:
        """Whether pre_init has receivers for the model, and what post_init does for it
        (see `make`): asked again only when receivers come or go (asking costs more than
        building a small instance)."""
        connected = len(pre_init.receivers) + len(post_init.receivers)
        if self._receivers is None or self._receivers[0] != connected:
            post = post_init.has_listeners(self.model)
            if post:
                post = _dimension_checks_only(self.model) or True
            self._receivers = connected, (pre_init.has_listeners(self.model), post)
        return self._receivers[1]

    def build(self, row, start: int = 0, db: str = "default", known: dict | None = None):
        """The instance whose columns start at `row[start]`; None for the empty side of an
        outer join. With `known` (pk → instance), one instance per row of the same pk."""
        values = row[start : start + self.width]
        pk = values[self.pk_index]
        if pk is None:
            return None
        if known is not None and pk in known:
            return known[pk]
        instance = make(self.model, self.attnames, values, db, *self._listening())
        if known is not None:
            known[pk] = instance
        return instance


def _dimension_checks_only(model) -> list | None:
    """The model's ImageFields with dimension fields when their dimension checks are all
    that post_init does for it (checks that only matter when a dimension is missing);
    None when anything else listens."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, ImageField) and (field.width_field or field.height_field)
    ]
    # Receivers are keyed (receiver id, sender id), as Django's dispatcher makes them.
    ours = {(_make_id(field.update_dimension_fields), _make_id(model)) for field in fields}
    listening = {
        key for key, *_ in post_init.receivers if key[1] in (_make_id(model), _make_id(None))
    }
    return fields if fields and listening == ours else None


def make(model, attnames, values, db, pre=None, post=None):
    """An instance of `model` as read from `db`. `pre`: whether pre_init has receivers for
    it; `post`: whether post_init has, or the ImageFields whose dimension checks are all
    it does (see `Columns`); asked when not given."""
    if pre if pre is not None else pre_init.has_listeners(model):
        return model.from_db(db, attnames, values)
    instance = model.__new__(model)
    instance.__dict__.update(zip(attnames, values, strict=True))
    state = instance._state = ModelState()
    state.adding, state.db = False, db
    if post is None:
        post = post_init.has_listeners(model)
    if post is True:
        post_init.send(sender=model, instance=instance)
    elif post:  # ImageFields' dimension checks alone: only a missing dimension needs one
        for field in post:
            dimensions = (field.width_field, field.height_field)
            if any(name and not instance.__dict__.get(name) for name in dimensions):
                field.update_dimension_fields(instance)
    return instance


def set_related(instance, name: str, value) -> None:
    """What select_related() leaves behind: `instance.name` answers without a query."""
    instance._state.fields_cache[name] = value


def prefetched(instance, name: str, model, objects: list, **relation) -> None:
    """What prefetch_related() leaves behind: `instance.name.all()` is `objects`, no query.
    `relation` is the related manager's own filter, applied only if the queryset is
    filtered further (Django's related managers defer it the same way). The queryset is
    made only when something asks for it (see `PrefetchCache`)."""
    cache = instance.__dict__.get("_prefetched_objects_cache")
    if not isinstance(cache, PrefetchCache):
        cache = instance._prefetched_objects_cache = PrefetchCache(cache or {})
    cache.read[name] = (model, objects, relation)
    dict.pop(cache, name, None)  # a queryset made from an earlier read


class PrefetchCache(dict):
    """An instance's `_prefetched_objects_cache` whose querysets are made on first use.

    Django's related managers look their prefetched queryset up here (`cache[name]`, `in`,
    `del`); making a queryset and filtering it by the relation costs ≈ 10 µs, and a story
    page reads four relations (tags, sources, corrections, gallery) that its templates list
    through `related_list()`, which takes the objects as they were read."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read = {}  # name → (model, objects, the relation's filter)

    def __missing__(self, name):
        model, objects, relation = self.read[name]  # KeyError when nothing was read
        queryset = model._default_manager.all()
        queryset._defer_next_filter = True
        queryset = queryset.filter(**relation)
        queryset._result_cache, queryset._prefetch_done = objects, True
        self[name] = queryset
        return queryset

    def __contains__(self, name):
        return super().__contains__(name) or name in self.read

    def get(self, name, default=None):
        if name in self:
            return self[name]  # made from what was read, if need be
        return default

    def pop(self, name, *default):  # a related manager's add() and remove() forget a read
        if name in self.read and not super().__contains__(name):
            self[name]  # noqa: B018  made, to be handed back as a plain dict would
        self.read.pop(name, None)
        return super().pop(name, *default)

    def __delitem__(self, name):
        self.pop(name)

    def objects(self, name) -> list | None:
        """The objects read for `name`, without making a queryset; None when not read."""
        if super().__contains__(name):
            return list(self[name])
        read = self.read.get(name)
        return None if read is None else list(read[1])


def related_list(instance, name: str) -> list:
    """`list(instance.name.all())`, straight from what prefetched() left when it is there:
    a story page asks four times (tags twice, sources, corrections), and building a
    related manager and cloning its queryset for each cost ≈ 50 µs of its rendering."""
    read = already_read(instance, name)
    return read if read is not None else list(getattr(instance, name).all())


def already_read(instance, name: str) -> list | None:
    """The related objects `name` as prefetched() or prefetch_related() left them, or None."""
    cache = instance.__dict__.get("_prefetched_objects_cache")
    if cache is None:
        return None
    if isinstance(cache, PrefetchCache):
        return cache.objects(name)
    read = cache.get(name)
    return None if read is None else list(read)
