import pytest

ENGLISH = {"code": "en", "name": "Newsdesk", "language": "en"}
PERSIAN = {
    "code": "fa",
    "name": "نیوزدسک",
    "language": "fa",
    "prefix": "fa",
    "time_zone": "Asia/Tehran",
    "calendar": "persian",
    "digits": "persian",
}
ARABIC = {
    "code": "ar",
    "name": "نيوزديسك",
    "language": "ar",
    "prefix": "ar",
    "time_zone": "Asia/Riyadh",
    "calendar": "hijri",
    "digits": "arabic",
}


@pytest.fixture
def three_editions(settings):
    settings.NEWSDESK_EDITIONS = [ENGLISH, PERSIAN, ARABIC]
