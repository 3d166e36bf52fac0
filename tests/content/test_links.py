"""fast_reverse gives exactly what Django's reverse gives, and refuses what it refuses."""

import pytest
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse, set_script_prefix

from newsdesk.content.links import fast_reverse, routing_fixed, static_url, url_maker

CASES = [
    ("public:story", (), {"pk": 5, "slug": "héllo-wörld"}),
    ("public:story", (), {"slug": "a_b", "pk": 7}),  # keywords in another order than the route
    ("public:story", (), {"pk": 9, "slug": "خبر-فوری"}),
    ("public:rendition", (12, 640, "webp"), {}),
    ("public:section", (), {"slug": "Ünïcode"}),
    ("public:home", (), {}),
    ("public:archive-page", (), {"number": 556}),
    ("syndication:rss", (), {}),
    ("syndication:section-rss", ("world",), {}),
    ("admin:content_story_change", (42,), {}),  # an int into a <path:> converter
]


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/news site/"])
@pytest.mark.parametrize(("name", "args", "kwargs"), CASES)
def test_same_url_as_reverse(script_prefix, prefix, name, args, kwargs):
    script_prefix(prefix)
    assert fast_reverse(name, args=args, kwargs=kwargs) == reverse(name, args=args, kwargs=kwargs)


@pytest.mark.parametrize(
    "kwargs", [{"pk": "x", "slug": "a"}, {"pk": 1, "slug": "a/b"}, {"pk": 1, "slug": ""}]
)
def test_values_the_route_refuses_raise_like_reverse(kwargs):
    with pytest.raises(NoReverseMatch):
        reverse("public:story", kwargs=kwargs)
    with pytest.raises(NoReverseMatch):
        fast_reverse("public:story", kwargs=kwargs)


def test_unknown_names_raise():
    with pytest.raises(NoReverseMatch):
        fast_reverse("public:no-such-page")


def test_maker_builds_many_urls_of_one_pattern():
    rendition_url = url_maker("public:rendition", 3)
    assert [rendition_url(3, width, "jpeg") for width in (320, 640)] == [
        reverse("public:rendition", args=[3, 320, "jpeg"]),
        reverse("public:rendition", args=[3, 640, "jpeg"]),
    ]


def test_models_link_through_it(newsroom):
    story = newsroom.story(headline="Ünïcode headline", section=newsroom.section("Wörld"))
    assert story.get_absolute_url() == reverse(
        "public:story", kwargs={"pk": story.pk, "slug": story.slug}
    )
    assert story.section.get_absolute_url() == reverse(
        "public:section", kwargs={"slug": story.section.slug}
    )


def test_urls_made_while_routing_is_fixed_are_those_of_its_prefix(script_prefix):
    script_prefix("/news site/")
    with routing_fixed():
        inside = [fast_reverse(name, args=args, kwargs=kwargs) for name, args, kwargs in CASES]
    assert inside == [reverse(name, args=args, kwargs=kwargs) for name, args, kwargs in CASES]
    script_prefix("/")
    assert fast_reverse("public:home") == "/"


@pytest.mark.parametrize("prefix", ["/", "/news site/", "/"])
def test_static_urls_as_django_gives_them_under_each_prefix(script_prefix, prefix):
    script_prefix(prefix)
    assert static_url("public/site.css") == static("public/site.css")
