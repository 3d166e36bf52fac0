"""Every desk page passes axe-core (WCAG 2.x A and AA rules) with no violations."""

from pathlib import Path

import pytest

from newsdesk.content.models import Source, Story
from newsdesk.live import services
from newsdesk.wire.models import DuplicateGroup, ItemKind, WireItem
from newsdesk.wire.services import queue
from newsdesk.wire.services.ingest import store_item
from tests.browser.test_desk_workflow import logged_in_page
from tests.builders import NewsroomBuilder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}});
  return result.violations.map(v => ({id: v.id, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


def desk_content(editor):
    newsroom = NewsroomBuilder()
    section = newsroom.section("World")
    person = newsroom.person("Ana Ruiz")
    picture = newsroom.image(title="Harbour")
    newsroom.story("Published story", section=section, bylines=[person], featured_image=picture)
    irna, ap = Source.objects.create(name="IRNA"), Source.objects.create(name="AP")
    items = [
        store_item(
            kind=ItemKind.FEED,
            raw=str(n),
            source=source,
            guid=str(n),
            headline=text,
            body=f"<p>{text}.</p>",
            language="en",
        )
        for n, (source, text) in enumerate([(irna, "Quake in the north"), (ap, "Quake hits")])
    ]
    WireItem.objects.filter(pk__in=[i.pk for i in items]).update(
        group=DuplicateGroup.objects.create()
    )
    store_item(kind=ItemKind.FEED, raw="x", source=ap, guid="x", headline="To accept")
    story = queue.accept(WireItem.objects.get(headline="To accept"), editor)
    return story


@pytest.mark.parametrize("width", [1280, 390])
def test_desk_pages_have_no_axe_violations(browser, live_server, editor, width):
    if not AXE.exists():
        pytest.fail("axe-core is missing: `npm ci` installs it (make test does)")
    story = desk_content(editor)
    live = NewsroomBuilder().story("Storm live", kind="live")
    services.post_entry(live, editor, body="Winds rise.", key_event=True)
    services.start_alert(editor, headline="Quake hits the coast")
    context, page = logged_in_page(browser, live_server, editor, bypass_csp=True)
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for path in (
        "/desk/",
        "/desk/?q=quake&state=draft",
        f"/desk/stories/{story.pk}/",
        "/desk/stories/new/",
        "/desk/wire/",
        "/desk/media/",
        "/desk/people/",
        "/desk/sections-and-tags/",
        "/desk/live/",
        f"/desk/live/{live.pk}/",
    ):
        page.goto(live_server.url + path)
        page.add_script_tag(path=AXE)
        violations = page.evaluate(RUN_AXE)
        if violations:
            found[path] = violations
    assert Story.objects.exists()
    context.close()
    assert found == {}
