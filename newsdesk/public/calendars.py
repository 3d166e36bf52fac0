"""Dates as a reader of each edition expects them.

English keeps Django's formats exactly ("Sunday, December 28, 2025"). A Persian edition
writes the Solar Hijri date (jdatetime) and an Arabic one the Gregorian or the Umm al-Qura
Hijri date (hijridate), both in their own order ("یکشنبه ۷ دی ۱۴۰۴") and, by the edition's
setting, in Persian or Arabic-Indic digits. Machine-readable formats (`<time datetime>`,
"Y-m-d") never change: they are ISO for every edition.
"""

from datetime import date, datetime

import jdatetime
from django.utils import dateformat
from hijridate import Gregorian

DIGITS = {
    "latin": None,
    "persian": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
    "arabic": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
}
# Formats for machines, identical in every edition.
MACHINE_FORMATS = frozenset({"Y-m-d", "c", "U", "r", "Y-m-d H:i", "Y-m-d\\TH:i:sO"})
# The English patterns the pages use, in the order right-to-left languages write a date:
# day, month, year, with the Arabic comma before the time.
NATIVE_ORDER = {
    "l, F j, Y": "l j F Y",
    "F j, Y": "j F Y",
    "N j, Y": "j F Y",
    "F j, Y, H:i T": "j F Y، H:i",
    "F j, Y, H:i": "j F Y، H:i",
}
NAME_CHARACTERS = "FNMElD"
DATE_CHARACTERS = "YynmjdFNMElD"


def is_native(edition) -> bool:
    """Whether the edition writes dates other than Django's English-ordered way."""
    return (
        edition.calendar != "gregorian" or edition.digits != "latin" or edition.direction == "rtl"
    )


def native_format(value, format_string: str, edition) -> str:
    """`value` (a date, or a datetime already in the edition's zone) as `format_string`
    says, in the edition's calendar, order and digits."""
    if format_string in MACHINE_FORMATS:
        return dateformat.format(value, format_string)
    pattern = NATIVE_ORDER.get(format_string, format_string)
    fields = _calendar_fields(value, edition.calendar)
    if fields is None:
        text = dateformat.format(value, pattern)
    else:
        text = _substituted(value, pattern, fields)
    table = DIGITS[edition.digits]
    return text.translate(table) if table else text


def _calendar_fields(value, calendar: str) -> dict | None:
    """Year, month, day and names in a non-Gregorian calendar; None for Gregorian (Django
    names its months and days in the active language)."""
    day = value.date() if isinstance(value, datetime) else value
    if calendar == "persian":
        jalali = jdatetime.date.fromgregorian(date=day)
        month_name = jdatetime.date.j_months_fa[jalali.month - 1]
        # jdatetime's week starts on Saturday; Python's on Monday.
        weekday = jdatetime.date.j_weekdays_fa[(day.weekday() + 2) % 7]
        return _fields(jalali.year, jalali.month, jalali.day, month_name, weekday)
    if calendar == "hijri":
        try:
            hijri = Gregorian(day.year, day.month, day.day).to_hijri()
        except (OverflowError, ValueError):  # outside the Umm al-Qura tables (1924–2077)
            return None
        names = hijri.month_name("ar"), hijri.day_name("ar")
        return _fields(hijri.year, hijri.month, hijri.day, *names)
    return None


def _fields(year, month, day, month_name, weekday) -> dict:
    return {
        "Y": str(year),
        "y": f"{year % 100:02d}",
        "n": str(month),
        "m": f"{month:02d}",
        "j": str(day),
        "d": f"{day:02d}",
        **dict.fromkeys("FNME", month_name),
        **dict.fromkeys("lD", weekday),
    }


def _substituted(value, pattern: str, fields: dict) -> str:
    """Django's format characters, the date ones from `fields`, the rest (time, zone) as
    Django writes them; a backslash escapes the next character, as in Django."""
    out, escaped = [], False
    for character in pattern:
        if escaped:
            out.append(character)
            escaped = False
        elif character == "\\":
            escaped = True
        elif character in fields:
            out.append(fields[character])
        elif character.isalpha() and isinstance(value, datetime | date):
            out.append(dateformat.format(value, character))
        else:
            out.append(character)
    return "".join(out)
