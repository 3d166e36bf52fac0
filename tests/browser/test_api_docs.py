"""The API's interactive docs work in a real browser from bundled files (no CDN), and
"Try it out" calls the live API."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_docs_list_operations_and_try_a_call(live_server, page, newsroom):
    newsroom.story("Visible in the docs")
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    page.goto(live_server.url + "/api/docs")
    page.locator(".opblock-summary-path", has_text="/api/stories").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/stories" in [p.strip() for p in paths]
    assert "/api/stories/{story_id}/ninjs" in [p.strip().replace("\u200b", "") for p in paths]

    block = page.locator(
        ".opblock-get", has=page.locator(".opblock-summary-path", has_text="/api/stories")
    ).first
    block.locator(".opblock-summary").click()
    block.get_by_role("button", name="Try it out").click()
    block.get_by_role("button", name="Execute").click()
    # the live answer (not the documented example) of the call the browser just made
    live = block.locator(".live-responses-table .response-col_description .microlight").first
    expect(live).to_contain_text("Visible in the docs")
    expect(
        block.locator(".live-responses-table tr.response .response-col_status").first
    ).to_have_text("200")
    assert outside == [], f"the docs page fetched from elsewhere: {outside}"
