"""Search through the content API itself (/api/search/), as the OpenAPI document lists it."""

from newsdesk.content.models import Status


def test_search_and_suggest_through_the_content_api(client, newsroom):
    world = newsroom.section("World")
    newsroom.story("Harbour reopens after storm", section=world)
    newsroom.story("Harbour plans", standfirst="The harbour board meets")
    newsroom.story("Harbour draft", status=Status.DRAFT)

    response = client.get("/api/search/", {"q": "harbour"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 2
    assert {hit["headline"] for hit in data["results"]} == {
        "Harbour reopens after storm",
        "Harbour plans",
    }
    assert all(hit["url"].startswith("http://testserver/story/") for hit in data["results"])
    assert "<mark>" in data["results"][0]["headline_html"]

    narrowed = client.get("/api/search/", {"q": "harbour", "section": "world"}).json()
    assert [hit["headline"] for hit in narrowed["results"]] == ["Harbour reopens after storm"]

    refused = client.get("/api/search/", {"q": "harbour", "section": "nowhere"})
    assert refused.status_code == 422 and "nowhere" in refused.json()["detail"]

    suggestions = client.get("/api/search/suggest", {"q": "harb"}).json()
    assert "Harbour draft" not in {s["headline"] for s in suggestions}
    assert {s["headline"] for s in suggestions} >= {"Harbour reopens after storm"}


def test_search_is_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/search/" in paths and "/api/search/suggest" in paths
    assert set(paths["/api/search/"]["get"]["responses"]) >= {"200", "422"}
