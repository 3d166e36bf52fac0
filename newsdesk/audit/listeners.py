"""What the audit log hears: content events, deletions, role changes and API keys."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from newsdesk.audit.models import Action
from newsdesk.audit.services import record
from newsdesk.content import changes
from newsdesk.content.models import Story

ROLE_FLAGS = ("is_staff", "is_superuser", "is_active")


READER_ACTIONS = {"published": Action.PUBLISHED, "unpublished": Action.UNPUBLISHED}


STORY_ACTIONS = {changes.TRASHED: Action.TRASHED, changes.RESTORED: Action.RESTORED}


def on_change(change) -> None:
    """The audit log's subscriber to the change pipeline (content/changes.py): trash,
    restore, deletes for good, and what readers saw appear or go."""
    if isinstance(change, changes.BulkChange):
        for pk, headline in change.deleted:
            gone = Story(pk=pk, headline=headline)
            record(Action.DELETED, gone, user=change.user, detail={"headline": headline})
        return
    if not isinstance(change, changes.StoryChange):
        return
    action = STORY_ACTIONS.get(change.kind)
    if action:
        record(action, change.story, user=change.user)
    action = READER_ACTIONS.get(change.reader_event)
    if action:
        record(action, change.story, user=change.user)


def remember_role_flags(sender, instance, **kwargs):
    if instance.pk is None:
        instance._audit_old_flags = None
        return
    old = sender.objects.filter(pk=instance.pk).values(*ROLE_FLAGS).first()
    instance._audit_old_flags = old


def user_flags_changed(sender, instance, created, **kwargs):
    old = getattr(instance, "_audit_old_flags", None)
    new = {flag: getattr(instance, flag) for flag in ROLE_FLAGS}
    if created:
        if new["is_staff"] or new["is_superuser"]:
            record(Action.ROLE_CHANGED, instance, detail={"created": True, **new})
        return
    if old is None:
        return
    changes = {flag: [old[flag], new[flag]] for flag in ROLE_FLAGS if old[flag] != new[flag]}
    if changes:
        record(Action.ROLE_CHANGED, instance, detail={"flags": changes})


def _names(model, pk_set):
    if not pk_set:
        return []
    return sorted(str(obj) for obj in model.objects.filter(pk__in=pk_set))


def memberships_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """User↔group, user↔permission and group↔permission changes, from either side."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if action == "pre_clear":
        field = _field_for(sender, instance)
        pk_set = set(getattr(instance, field).values_list("pk", flat=True)) if field else set()
    verb = "added" if action == "post_add" else "removed"
    if reverse:
        # e.g. group.user_set.add(user): one event per user or group affected.
        for target in model.objects.filter(pk__in=pk_set or ()):
            record(Action.ROLE_CHANGED, target, detail={verb: [str(instance)]})
        return
    record(Action.ROLE_CHANGED, instance, detail={verb: _names(model, pk_set)})


def _field_for(through, instance):
    for field in instance._meta.many_to_many:
        if field.remote_field.through is through:
            return field.name
    return None


def _api_key_models():
    if not apps.is_installed("newsdesk.api"):
        return []
    return [m for m in apps.get_app_config("api").get_models() if "key" in m._meta.model_name]


def api_key_saved(sender, instance, created, update_fields=None, **kwargs):
    if created:
        action = Action.API_KEY_CREATED
    elif update_fields and "revoked_at" in update_fields and getattr(instance, "revoked_at", None):
        action = Action.API_KEY_REVOKED
    else:
        action = Action.API_KEY_CHANGED
    record(action, instance)


def api_key_deleted(sender, instance, **kwargs):
    record(Action.API_KEY_REVOKED, instance)


def connect():
    user_model = get_user_model()
    pre_save.connect(remember_role_flags, sender=user_model, dispatch_uid="audit-user-pre")
    post_save.connect(user_flags_changed, sender=user_model, dispatch_uid="audit-user-post")
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            memberships_changed, sender=through, dispatch_uid=f"audit-m2m-{through._meta.label}"
        )
    for model in _api_key_models():
        label = model._meta.label
        post_save.connect(api_key_saved, sender=model, dispatch_uid=f"audit-key-save-{label}")
        post_delete.connect(api_key_deleted, sender=model, dispatch_uid=f"audit-key-del-{label}")
