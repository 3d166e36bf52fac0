"""Agency pages in the encodings agencies really use, served over real local HTTP: the page
is decoded as a browser would decode it (byte order mark, then the HTTP header, then a
<meta> in the page's first bytes), never assumed to be UTF-8."""

import pytest

from newsdesk.wire.models import ItemStatus
from newsdesk.wire.services.extraction import import_url
from tests.localhttp import Reply

ARABIC = {
    "title": "افتتاح مستشفى جديد في العاصمة",
    "paragraphs": [
        "أعلنت وزارة الصحة صباح اليوم عن افتتاح مستشفى جديد في العاصمة يضم أكثر من مئتي "
        "سرير وعددا من غرف العمليات الحديثة التي ستخدم سكان المدينة والمناطق المجاورة.",
        "وقال الوزير في مؤتمر صحفي إن المستشفى سيبدأ استقبال المرضى الأسبوع المقبل، وإن "
        "الحكومة تخطط لبناء ثلاثة مستشفيات أخرى في المحافظات الشمالية خلال العامين القادمين.",
        "وأضاف أن الكوادر الطبية تلقت تدريبا مكثفا خلال الأشهر الماضية استعدادا للافتتاح.",
    ],
}
KOREAN = {
    "title": "서울시 새 대중교통 정책 발표",
    "paragraphs": [
        "서울시는 오늘 버스와 지하철 요금을 하나로 묶는 새로운 대중교통 정책을 발표했다. "
        "시는 이번 정책으로 시민들의 교통비 부담이 크게 줄어들 것이라고 설명했다.",
        "시장은 기자회견에서 새 제도가 다음 달부터 시행되며 모든 노선에 적용된다고 밝혔다. "
        "시민 단체들은 대체로 환영하는 입장을 보였지만 세부 내용을 더 지켜봐야 한다고 말했다.",
        "교통 전문가들은 이용객이 늘어날 것으로 보고 배차 간격을 줄여야 한다고 강조했다.",
    ],
}
JAPANESE = {
    "title": "東京都が新しい防災計画を発表",
    "paragraphs": [
        "東京都は本日、大規模な地震に備えた新しい防災計画を発表しました。計画には避難所の"
        "増設や、災害時の情報伝達の改善などが盛り込まれています。",
        "知事は記者会見で、来年度から五年間で計画を段階的に実施すると述べました。都内の"
        "すべての区と市が協力して訓練を行う予定です。",
        "専門家は、住民一人ひとりが日頃から備えることが何よりも大切だと話しています。",
    ],
}


def page(copy: dict, head_extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in copy["paragraphs"])
    return (
        f"<!doctype html><html><head>{head_extra}<title>{copy['title']}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{copy['title']}</h1>\n"
        f"{paragraphs}</article></body></html>"
    )


@pytest.fixture
def serve(local_http, settings):
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1/32"]

    def serve(path, body: bytes, content_type="text/html"):
        local_http.routes[path] = Reply(200, body, {"Content-Type": content_type})
        return local_http.url(path)

    return serve


def assert_read(item, copy):
    assert item.status == ItemStatus.NEW, item.error
    assert item.headline == copy["title"]
    for paragraph in copy["paragraphs"]:
        assert paragraph[:40] in item.body
    assert "\ufffd" not in item.body + item.headline


def test_windows_1256_declared_only_in_meta_charset(serve, db):
    html = page(ARABIC, '<meta charset="windows-1256">')
    url = serve("/ar", html.encode("windows-1256"))
    assert_read(import_url(url), ARABIC)


def test_euc_kr_declared_in_meta_http_equiv(serve, db):
    html = page(KOREAN, '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">')
    url = serve("/ko", html.encode("euc-kr"))
    assert_read(import_url(url), KOREAN)


def test_shift_jis_declared_only_in_the_http_header(serve, db):
    url = serve("/ja", page(JAPANESE).encode("shift_jis"), "text/html; charset=Shift_JIS")
    assert_read(import_url(url), JAPANESE)


def test_the_http_header_wins_over_a_wrong_meta(serve, db):
    html = page(JAPANESE, '<meta charset="iso-8859-1">')
    url = serve("/ja-header", html.encode("shift_jis"), "text/html; charset=shift_jis")
    assert_read(import_url(url), JAPANESE)


def test_a_byte_order_mark_wins_over_the_header(serve, db):
    body = "\ufeff".encode() + page(KOREAN).encode("utf-8")
    url = serve("/ko-bom", body, "text/html; charset=windows-1252")
    assert_read(import_url(url), KOREAN)


def test_an_undeclared_page_is_read_from_its_bytes(serve, db):
    url = serve("/ar-undeclared", page(ARABIC).encode("utf-8"))
    assert_read(import_url(url), ARABIC)
