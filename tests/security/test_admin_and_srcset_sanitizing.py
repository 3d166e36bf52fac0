"""The admin's wire-item form goes through the one sanitizer, and URLs inside srcset obey
the same scheme rule as src and href."""

from newsdesk.content.text import sanitize_html
from newsdesk.wire.models import ItemKind, WireItem


def test_srcset_with_a_script_or_data_url_is_dropped():
    for srcset in (
        "javascript:alert(1) 1x",
        "https://cdn.example/a.jpg 1x, data:image/svg+xml,<svg onload=alert(1)> 2x",
        " JaVa\tScript:alert(1) 640w",
    ):
        html = sanitize_html(f'<img src="https://cdn.example/a.jpg" alt="a" srcset="{srcset}">')
        assert "srcset" not in html, srcset
    kept = sanitize_html(
        '<img src="/images/3/640.webp" alt="a" srcset="/images/3/320.webp 320w, '
        'https://cdn.example/a,b.jpg 640w">'
    )
    assert 'srcset="/images/3/320.webp 320w, https://cdn.example/a,b.jpg 640w"' in kept


def test_admin_wire_item_body_is_sanitized(client, editor, newsroom):
    source = newsroom.source("Agency")
    item = WireItem.objects.create(kind=ItemKind.FEED, headline="Wire", source=source)
    client.force_login(editor)
    change = f"/admin/wire/wireitem/{item.pk}/change/"
    form = client.get(change).content.decode()
    assert 'name="body"' in form
    response = client.post(
        change,
        {
            "kind": ItemKind.FEED,
            "status": item.status,
            "headline": "Wire",
            "source": source.pk,
            "guid": "",
            "body": '<p>Copy</p><img src=x onerror="alert(1)"><script>alert(2)</script>',
            "language": "",
        },
    )
    item.refresh_from_db()
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert "onerror" not in item.body and "<script" not in item.body
    page = client.get(f"/desk/wire/{item.pk}/").content.decode()
    assert "alert(" not in page
