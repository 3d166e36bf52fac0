"""Model instances from plain rows: what a `select_related()` queryset builds, for less CPU.

Django's `Model.from_db()` runs `__init__`, which walks every field through its descriptor
(≈ 10 µs for a story); a home page builds some 250 instances. Here an instance gets its
column values straight into its `__dict__` — where `__init__` would put them for an object
read from the database — and its `_state` as `from_db()` sets it. Models with `pre_init`
receivers are built by `from_db()`; `post_init` receivers (ImageField's dimension check)
still run.
"""

from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


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

    def _listening(self) -> tuple[bool, bool]:
        """Whether pre_init and post_init have receivers for the model: asked again only
        when receivers come or go (asking costs more than building a small instance)."""
        connected = len(pre_init.receivers) + len(post_init.receivers)
        if self._receivers is None or self._receivers[0] != connected:
            listening = pre_init.has_listeners(self.model), post_init.has_listeners(self.model)
            self._receivers = connected, listening
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


def make(model, attnames, values, db, pre=None, post=None):
    """An instance of `model` as read from `db`; `pre` and `post` say whether pre_init and
    post_init have receivers for it (asked when not given)."""
    if pre if pre is not None else pre_init.has_listeners(model):
        return model.from_db(db, attnames, values)
    instance = model.__new__(model)
    instance.__dict__.update(zip(attnames, values, strict=True))
    state = instance._state = ModelState()
    state.adding, state.db = False, db
    if post if post is not None else post_init.has_listeners(model):
        post_init.send(sender=model, instance=instance)
    return instance


def set_related(instance, name: str, value) -> None:
    """What select_related() leaves behind: `instance.name` answers without a query."""
    instance._state.fields_cache[name] = value


def prefetched(instance, name: str, model, objects: list, **relation) -> None:
    """What prefetch_related() leaves behind: `instance.name.all()` is `objects`, no query.
    `relation` is the related manager's own filter, applied only if the queryset is
    filtered further (Django's related managers defer it the same way)."""
    queryset = model._default_manager.all()
    queryset._defer_next_filter = True
    queryset = queryset.filter(**relation)
    queryset._result_cache, queryset._prefetch_done = objects, True
    cache = instance.__dict__.get("_prefetched_objects_cache")
    if cache is None:
        cache = instance._prefetched_objects_cache = {}
    cache[name] = queryset
