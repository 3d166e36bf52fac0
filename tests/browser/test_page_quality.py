"""Every kind of reader's page, in a real browser: axe-core (from npm, run offline) finds no
accessibility violation, and at a phone's width (390 px) and a desktop's (1280 px) the
page holds its shape: nothing wider than the screen, a one-line section menu and
breadcrumb, the lead and the top of the home page filled with or without pictures."""

from pathlib import Path

import pytest

from newsdesk.content.models import GalleryItem, Kind
from tests.builders import NewsroomBuilder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def every_kind_of_page(pictures: bool) -> dict[str, str]:
    newsroom = NewsroomBuilder()
    world, sport = newsroom.section("World"), newsroom.section("Sport and Leisure")
    for name in ("Middle East", "Business", "Science", "Culture", "Opinion"):
        newsroom.section(name)
    person, tag = newsroom.person("Reza Karimi"), newsroom.tag("Diplomacy")
    image = newsroom.image if pictures else (lambda **kwargs: None)
    for section in (world, sport):
        newsroom.archive(12, section=section)
    long_headline = (
        "Ministers from eleven countries meet in Vienna for talks on water, grain and "
        "the future of the river's dams"
    )
    story = newsroom.story(
        long_headline,
        section=world,
        standfirst="A standfirst that says what the talks are about.",
        body="<p>Text with a <a href='https://example.org'>link</a>.</p>",
        featured_image=image(),
        bylines=[person],
        tags=[tag],
        sources=[newsroom.source("Agence Example", url="https://agency.example.org")],
    )
    photos = newsroom.story("Pictures: the flood", section=world, kind=Kind.PHOTO)
    for position in range(3):
        GalleryItem.objects.create(
            story=photos, image=newsroom.image(alt_text=f"Flood {position}"), position=position
        )
    persian = newsroom.story("گفت‌وگوها در وین از سر گرفته شد", language="fa", section=world)
    return {
        "home": "/",
        "archive": "/blog/page/2/",
        "story": story.get_absolute_url(),
        "photo-story": photos.get_absolute_url(),
        "story-fa": persian.get_absolute_url(),
        "section": world.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": person.get_absolute_url(),
        "search": "/search/?q=archive",
        "search-empty": "/search/",
        "not-found": "/no/such/page/",
    }


# WCAG 2.2 AA (target size included) and axe's best practices (landmark-unique…), as
# Lighthouse runs them.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
                                      resultTypes: ["violations"]})
            .then(result => result.violations.map(violation => violation.id + ": " +
                violation.nodes.slice(0, 3).map(node => node.target.join(" ")).join(" | ")))""",
        AXE_TAGS,
    )


@pytest.mark.parametrize("pictures", [True, False], ids=["pictures", "no-pictures"])
def test_every_page_type_has_no_axe_violations(live_server, page_without_csp, pictures):
    if not AXE.exists():
        pytest.fail("axe-core is missing: `npm ci` installs it (make test does)")
    pages = every_kind_of_page(pictures)
    found = {}
    for viewport in (DESKTOP, PHONE):
        page_without_csp.set_viewport_size(viewport)
        for name, url in pages.items():
            page_without_csp.goto(live_server.url + url)
            violations = axe_violations(page_without_csp)
            if violations:
                found[f"{name} at {viewport['width']}px"] = violations
    assert found == {}


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("pictures", [True, False], ids=["pictures", "no-pictures"])
def test_pages_hold_their_shape_on_a_phone_and_a_desktop(live_server, page, pictures):
    pages = every_kind_of_page(pictures)
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        for name, url in pages.items():
            page.goto(live_server.url + url)
            where = f"{name} at {viewport['width']}px"
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], where
            menu_links = page.locator("nav.sections a")
            tops = {round(link.bounding_box()["y"]) for link in menu_links.all()[:3]}
            assert len(tops) == 1, f"{where}: the section menu wraps"
            if page.locator("nav.breadcrumb").count():
                crumbs = page.locator("nav.breadcrumb li").all()
                assert len({round(c.bounding_box()["y"]) for c in crumbs}) == 1, where
            for kicker in page.locator(".kicker a").all()[:5]:
                assert kicker.bounding_box()["height"] >= 24, f"{where}: small tap target"

        page.goto(live_server.url + "/")
        lead, rail = box(page, ".lead .card"), box(page, ".latest")
        if viewport is DESKTOP:  # the lead beside the rail, as tall as the top of the page
            assert rail["x"] > lead["x"] + lead["width"] - 1
            assert lead["height"] >= rail["height"] * 0.6
            assert lead["width"] > viewport["width"] / 2
        else:  # one column: the rail under the lead, both as wide as the screen allows
            assert rail["y"] >= lead["y"] + lead["height"] - 1
            assert lead["width"] > viewport["width"] * 0.8
