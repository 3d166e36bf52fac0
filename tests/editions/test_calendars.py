"""Dates in each edition's calendar, order and digits; machine formats stay ISO."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from newsdesk.editions.config import Edition, editions
from newsdesk.public.calendars import native_format

SUNDAY = date(2025, 12, 28)
PERSIAN = Edition("fa", "نیوزدسک", "fa", "fa", "Asia/Tehran", "persian", "persian")
HIJRI = Edition("ar", "نيوزديسك", "ar", "ar", "Asia/Riyadh", "hijri", "arabic")
ARABIC_GREGORIAN = Edition("ar", "نيوزديسك", "ar", "ar", "Asia/Riyadh", "gregorian", "latin")


def test_persian_date_line_is_solar_hijri_in_persian_digits():
    with translation.override("fa"):
        assert native_format(SUNDAY, "l, F j, Y", PERSIAN) == "یک\u200cشنبه ۷ دی ۱۴۰۴"
        assert native_format(SUNDAY, "Y", PERSIAN) == "۱۴۰۴"


def test_arabic_date_line_in_hijri_or_gregorian_by_the_editions_setting():
    with translation.override("ar"):
        assert native_format(SUNDAY, "l, F j, Y", HIJRI) == "الأحد ٨ رجب ١٤٤٧"
        assert native_format(SUNDAY, "l, F j, Y", ARABIC_GREGORIAN) == "الأحد 28 ديسمبر 2025"


def test_a_time_keeps_its_clock_and_machine_formats_stay_iso():
    moment = datetime(2025, 12, 28, 9, 5, tzinfo=UTC)
    with translation.override("fa"):
        assert native_format(moment, "F j, Y, H:i T", PERSIAN) == "۷ دی ۱۴۰۴، ۰۹:۰۵"
        assert native_format(SUNDAY, "Y-m-d", PERSIAN) == "2025-12-28"


def test_without_configuration_there_is_one_english_edition_at_the_root(settings):
    settings.NEWSDESK_EDITIONS = ""
    (only,) = editions()
    assert (only.code, only.path, only.direction, only.calendar) == ("en", "/", "ltr", "gregorian")


@pytest.mark.parametrize(
    "wrong",
    [
        [{"code": "en"}, {"code": "fa", "calendar": "lunar"}],
        [{"code": "en"}, {"code": "fa", "prefix": "desk"}],
        [{"code": "en", "prefix": "en"}],
        [{"code": "en"}, {"code": "en", "prefix": "x"}],
        [{"code": "en", "time_zone": "Mars/Olympus"}],
    ],
)
def test_a_wrong_edition_setting_is_refused_with_its_reason(settings, wrong):
    settings.NEWSDESK_EDITIONS = wrong
    with pytest.raises(ImproperlyConfigured):
        editions()


def test_the_demo_setting_names_english_persian_and_arabic_editions(settings):
    settings.NEWSDESK_EDITIONS = "demo"
    assert [(e.code, e.path, e.direction) for e in editions()] == [
        ("en", "/", "ltr"),
        ("fa", "/fa/", "rtl"),
        ("ar", "/ar/", "rtl"),
    ]
