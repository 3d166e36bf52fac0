import re
from html import unescape


def result_headlines(response) -> list[str]:
    """Headlines on a search results page, in order, with the <mark> tags removed."""
    html = response.content.decode()
    found = re.findall(r'<h2 class="card-title"><a href="[^"]+">(.*?)</a></h2>', html, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", headline)) for headline in found]


def search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200, response.status_code
    return result_headlines(response)
