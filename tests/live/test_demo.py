from newsdesk.live.demo import build_live_demo
from newsdesk.live.models import LiveEntry


def test_demo_has_a_running_live_blog_and_a_breaking_alert(client, editor, newsroom):
    newsroom.person("Ana Ruiz")
    result = build_live_demo(entries=40)
    story = result["story"]
    assert LiveEntry.objects.filter(story=story).count() == 41
    assert LiveEntry.objects.filter(story=story, pinned=True).count() == 1
    assert LiveEntry.objects.filter(story=story, key_event=True).exists()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "What we know so far" in html and "Exit poll: no party has a majority" in html
    assert "Older entries" in html
