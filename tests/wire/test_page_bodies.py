"""The article body of a page as a reader sees it: whole when boxes split it, without the
link lists, newsletter and cookie boxes that sit inside the article's container."""

from newsdesk.wire.services.page_extraction import extract_page

FIRST_HALF = [
    "The city council voted on Monday to turn the old tram depot into a public library, "
    "ending a dispute over the site that had lasted for more than a decade.",
    "The building, which has stood empty since the last trams left in 1998, will keep its "
    "brick facade and iron roof, the architects told the council before the vote.",
]
SECOND_HALF = [
    "Work is due to start in the autumn and the library should open in three years, at a "
    "cost the council put at forty million euros, shared with the regional government.",
    "Residents who had campaigned for a park on the site said they would accept the plan "
    "if the courtyard behind the depot stayed open to the public at all hours.",
]
OTHER_STORIES = "".join(
    f"<li><a href='/story/{n}'>{title}</a></li>"
    for n, title in enumerate(
        [
            "Mayor opens new bridge over the river",
            "Football club signs young striker",
            "Weather service warns of storms this weekend",
            "Museum shows paintings found in an attic",
        ]
    )
)


def page(middle: str, tail: str = "") -> str:
    first = "".join(f"<p>{p}</p>" for p in FIRST_HALF)
    second = "".join(f"<p>{p}</p>" for p in SECOND_HALF)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Tram depot to become library | City Post</title></head><body>"
        "<div class='page'><h1>Tram depot to become library</h1>"
        f"<div class='text'>{first}{middle}{second}</div>{tail}</div></body></html>"
    )


def test_a_body_split_around_a_box_is_kept_whole():
    box = (
        "<div class='newsletter'>Get the City Post in your inbox every morning."
        "<form><input type='email'><button>Subscribe</button></form></div>"
    )
    body = extract_page(page(box)).body
    for paragraph in FIRST_HALF + SECOND_HALF:
        assert paragraph[:60] in body
    assert "Subscribe" not in body and "inbox" not in body


def test_link_lists_inside_the_article_container_are_left_out():
    body = extract_page(page("", f"<div class='more'><ul>{OTHER_STORIES}</ul></div>")).body
    assert SECOND_HALF[-1][:60] in body
    assert "young striker" not in body and "Mayor opens" not in body
