"""The corrections feed: every public correction and update, newest first. Cached by the
page cache as a feed ("feeds" key: purged by every story change)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from newsdesk.syndication.xmltext import xml_safe
from newsdesk.trust import corrections


class CorrectionsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return xml_safe(
            _("Corrections and updates – %(site)s") % {"site": settings.NEWSDESK_SITE_NAME}
        )

    def link(self):
        return reverse("trust:corrections")

    def subtitle(self):
        return xml_safe(_("Every correction and update to our published stories, newest first."))

    def author_name(self):
        return xml_safe(settings.NEWSDESK_SITE_NAME)

    def items(self):
        return corrections.latest()

    def item_title(self, note):
        return xml_safe(f"{note.get_kind_display()}: {note.story.headline}")

    def item_description(self, note):
        return xml_safe(note.text)

    def item_link(self, note):
        return f"{reverse('trust:story-log', args=[note.story_id])}#note-{note.pk}"

    def item_guid(self, note):
        return f"correction-{note.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, note):
        return note.created_at

    def item_updateddate(self, note):
        return note.created_at
