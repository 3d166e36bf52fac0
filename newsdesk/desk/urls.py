from django.urls import path
from django.views.i18n import JavaScriptCatalog

from newsdesk.desk import language
from newsdesk.desk.views import bulk, directory, drafts, finder, history, media, stories

app_name = "desk"

urlpatterns = [
    path("", stories.story_list, name="story-list"),
    path("stories/bulk/", bulk.bulk_action, name="bulk"),
    path("people/", directory.people, name="people"),
    path("people/search/", directory.people_search, name="people-search"),
    path("people/new/", directory.person_create, name="person-create"),
    path("tags/search/", directory.tags_search, name="tags-search"),
    path("sections-and-tags/", directory.taxonomy, name="taxonomy"),
    path("media/picker/", media.picker, name="media-picker"),
    path("stories/new/", stories.story_create, name="story-create"),
    path("stories/<int:pk>/", stories.story_edit, name="story-edit"),
    path("stories/<int:pk>/state/", stories.story_transition, name="story-transition"),
    path("stories/<int:pk>/delete/", stories.story_delete, name="story-delete"),
    path("stories/<int:pk>/presence/", stories.story_presence, name="story-presence"),
    path("stories/<int:pk>/gallery/", stories.gallery_add, name="gallery-add"),
    path(
        "stories/<int:pk>/gallery/<int:item_pk>/remove/",
        stories.gallery_remove,
        name="gallery-remove",
    ),
    path(
        "stories/<int:pk>/gallery/<int:item_pk>/move/",
        stories.gallery_move,
        name="gallery-move",
    ),
    path("stories/<int:pk>/revisions/", history.revision_list, name="revisions"),
    path(
        "stories/<int:pk>/revisions/<int:version>/restore/",
        history.revision_restore,
        name="revision-restore",
    ),
    path("stories/<int:pk>/notes/", history.correction_add, name="correction-add"),
    path("stories/<int:pk>/preview-link/", history.preview_link, name="preview-link"),
    path(
        "stories/<int:pk>/preview-links/revoke/",
        history.revoke_preview_links,
        name="revoke-preview-links",
    ),
    path("preview/<str:token>/", history.shared_preview, name="preview"),
    path("media/", media.library, name="media"),
    path("media/<int:pk>/", media.image_edit, name="image-edit"),
    # Drafts kept while typing (autosave), one per story and editor.
    path("stories/new/draft/", drafts.new_story_draft, name="new-story-draft"),
    path("stories/<int:pk>/draft/", drafts.story_draft, name="story-draft"),
    path("stories/find/", finder.story_find, name="story-find"),
    path("language/", language.choose_language, name="language"),
    # The desk scripts' text, in the editor's language (the djangojs catalogues).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="jsi18n"),
]
