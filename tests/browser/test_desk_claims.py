"""The desk's claims ledger in a browser: axe-clean, every control named for a screen
reader, and an editor removes and corrects figures with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from newsdesk.claims import ledger
from newsdesk.claims.models import Claim, ClaimStatus
from tests.browser.test_desk_accessibility import AXE, RUN_AXE
from tests.browser.test_desk_workflow import logged_in_page
from tests.builders import NewsroomBuilder
from tests.claims.conftest import FIGURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_works_the_ledger_by_keyboard(browser, live_server, editor):
    story = NewsroomBuilder().story("Strikes and exports", body=FIGURES)
    ledger.refresh(story)
    deaths, exports = story.claims.all()
    context, page = logged_in_page(browser, live_server, editor, bypass_csp=True)
    page.goto(f"{live_server.url}/desk/stories/{story.pk}/")

    page.add_script_tag(path=AXE)
    assert page.evaluate(RUN_AXE) == []
    ledger_region = page.get_by_role("region", name="Figures and who gave them")
    assert ledger_region.get_by_role("listitem").count() == 2

    page.get_by_role("button", name="Remove the figure 2.1 million").focus()
    page.keyboard.press("Enter")
    restore = page.get_by_role("button", name="Restore the figure 2.1 million")
    restore.wait_for()
    assert page.get_by_role("status").filter(has_text="Figure removed").is_visible()
    # Removing posts the form and the desk comes back as a new page: the keys below go to
    # it once it has loaded, as an editor's would.
    page.wait_for_load_state("load")

    item = page.locator(f"#claim-{deaths.pk}")
    item.get_by_text("Correct", exact=True).focus()
    page.keyboard.press("Enter")  # opens the correction form
    group = item.get_by_role("group", name="The figure 340")
    group.wait_for()
    page.keyboard.press("Tab")
    expect(group.get_by_label("Number")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("345")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("people killed")
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Correction saved").wait_for()

    deaths.refresh_from_db()
    assert (deaths.value, deaths.unit, deaths.status) == (345, "people killed", "confirmed")
    assert Claim.objects.get(pk=exports.pk).status == ClaimStatus.REMOVED
    assert "345 people killed" in page.locator(f"#claim-{deaths.pk}").inner_text()
    context.close()
