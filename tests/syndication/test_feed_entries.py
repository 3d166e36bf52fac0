"""Feed entries fill the story URL's pattern in by hand for speed: the links must be the
ones Django's URL machinery makes, under a script prefix too."""

import pytest
from django.urls import set_script_prefix

from newsdesk.content.models.story import story_paths
from newsdesk.syndication.feed_entries import _story_paths


@pytest.mark.parametrize("prefix", ["/", "/news/{x}/"])
@pytest.mark.parametrize(
    ("pk", "slug"), [(1, "a"), (42, "tom-and-jerry_2"), (7, ""), (918273645, "zq9x-probe")]
)
def test_story_links_are_djangos(prefix, pk, slug):
    set_script_prefix(prefix)
    try:
        assert _story_paths()(pk, slug) == story_paths()(pk, slug)
    finally:
        set_script_prefix("/")
