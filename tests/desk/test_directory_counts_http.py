"""People, sections and tags with their story counts: exact below the cap, "N+" above it
(a count that costs the same however big the archive)."""

from django.urls import reverse

from newsdesk.desk import counts
from newsdesk.desk.views import directory


def row(html, name):
    return html.split(f">{name}</a></td>")[1].split("</tr>")[0]


def test_counts_are_exact_below_the_cap_and_capped_above(
    client, newsroom, desk_editor, monkeypatch
):
    monkeypatch.setattr(counts, "CAP", 2)  # 100 in use
    monkeypatch.setattr(directory, "CAP_LABEL", "2+")
    world, sport = newsroom.section("World"), newsroom.section("Sport")
    ana, li = newsroom.person("Ana Ruiz"), newsroom.person("Li Wei")
    newsroom.person("Nobody Yet")
    quake, final = newsroom.tag("Quake"), newsroom.tag("Final")
    for n in range(3):
        newsroom.story(f"World {n}", section=world, bylines=[ana], tags=[quake])
    newsroom.story("Sport 1", section=sport, bylines=[li], tags=[final])
    client.force_login(desk_editor)

    people = client.get(reverse("desk:people")).content.decode()
    assert ">2+</a>" in row(people, "Ana Ruiz")
    assert ">1</a>" in row(people, "Li Wei") and ">0</a>" in row(people, "Nobody Yet")

    taxonomy = client.get(reverse("desk:taxonomy")).content.decode()
    assert ">2+</a>" in row(taxonomy, "World") and ">1</a>" in row(taxonomy, "Sport")
    assert "<td>2+</td>" in row(taxonomy, "Quake") and "<td>1</td>" in row(taxonomy, "Final")
