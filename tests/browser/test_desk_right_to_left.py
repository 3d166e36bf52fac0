"""The desk in Persian and in Arabic, in a real browser: mirrored (right to left), no
accessibility violations, and no control drawn over another."""

import pytest

from newsdesk.accounts.models import EditorPreferences
from tests.browser.test_desk_accessibility import AXE, RUN_AXE, desk_content
from tests.browser.test_desk_workflow import logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Pairs of visible controls and text blocks whose boxes cross, neither inside the other.
OVERLAPS = """() => {
  const picked = [...document.querySelectorAll(
    "header a, header button, header select, header label, header span, main h1, main h2,"
    + " main a, main button, main select, main input:not([type=hidden]), main label, main th")]
    .filter(e => e.checkVisibility() && e.getClientRects().length);
  const boxes = picked.map(e => [e, e.getBoundingClientRect()])
    .filter(([, r]) => r.width && r.height);
  const found = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (a.contains(b) || b.contains(a)) continue;
    const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (w > 1 && h > 1) found.push([a.outerHTML.slice(0, 80), b.outerHTML.slice(0, 80)]);
  }
  return found.slice(0, 5);
}"""


@pytest.mark.parametrize(
    ("language", "heading", "characters"),
    [("fa", "خبرها", "نویسه"), ("ar", "الأخبار", "حرفًا")],
    ids=["fa", "ar"],
)
def test_the_desk_is_right_to_left_accessible_and_unclipped(
    browser, live_server, editor, language, heading, characters
):
    if not AXE.exists():
        pytest.fail("axe-core is missing: `npm ci` installs it (make test does)")
    story = desk_content(editor)
    EditorPreferences.objects.create(user=editor, language=language)
    context, page = logged_in_page(browser, live_server, editor, bypass_csp=True)
    problems = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("/desk/", f"/desk/stories/{story.pk}/"):
            page.goto(live_server.url + path)
            html = page.locator("html")
            assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, "rtl")
            # Mirrored: the desk's name starts the bar at the right, the log-out ends it left.
            brand = page.locator(".brand").bounding_box()
            logout = page.locator(".who form button").last.bounding_box()
            assert brand["x"] + brand["width"] > logout["x"] + logout["width"]
            page.add_script_tag(path=AXE)
            found = {"axe": page.evaluate(RUN_AXE), "overlaps": page.evaluate(OVERLAPS)}
            if found["axe"] or found["overlaps"]:
                problems[(width, path)] = found
    page.goto(live_server.url + "/desk/")
    assert page.get_by_role("heading", level=1).inner_text() == heading
    # The scripts speak it too (Django's JavaScript catalogue): the headline's counter.
    page.goto(live_server.url + f"/desk/stories/{story.pk}/")
    page.get_by_label("تیتر" if language == "fa" else "العنوان").fill("خبر")
    assert page.locator("#headline-count").inner_text().endswith(characters)
    context.close()
    assert problems == {}
