"""The interface's catalogues: every message the code and templates (Python, Django and
Jinja2) mark is translated in Persian and Arabic, and the install compiled them."""

import pytest
from babel.messages.catalog import Catalog
from django.utils import translation

from newsdesk.ops import catalogues


@pytest.fixture(scope="module")
def template():
    return catalogues.extract()


def _ids(template):
    return {(message.context, message.id) for message in template}


def test_extraction_reads_python_django_and_jinja2_sources(template):
    ids = _ids(template)
    assert (None, "A headline is required.") in ids  # a content service (Python)
    assert (None, "Wire queue") in ids  # a desk template (Django)
    assert (None, "Top stories") in ids  # the readers' home (Jinja2)
    assert (None, ("%(count)d story unpublished.", "%(count)d stories unpublished.")) in ids
    assert ("who made a revision", "By") in ids  # a message with its context


@pytest.mark.parametrize("language", catalogues.TRANSLATED)
def test_no_message_is_missing_untranslated_or_fuzzy(template, language):
    assert catalogues.problems(template, language) == []


def test_a_message_without_translation_is_reported(template):
    grown = Catalog(locale="en", domain=catalogues.DOMAIN)
    for message in template:
        grown.add(message.id, context=message.context)
    grown.add("A sentence nobody has translated yet")
    found = catalogues.problems(grown, "fa")
    assert found == ["fa: missing 'A sentence nobody has translated yet'"]


@pytest.mark.parametrize(
    ("language", "expected"), [("fa", "صف خبرگزاری‌ها"), ("ar", "قائمة البرقيات")], ids=["fa", "ar"]
)
def test_the_compiled_catalogues_are_what_django_reads(language, expected):
    with translation.override(language):
        assert translation.gettext("Wire queue") == expected
        assert translation.ngettext(
            "%(count)d story unpublished.", "%(count)d stories unpublished.", 2
        ) % {"count": 2} in {"انتشار 2 خبر لغو شد.", "أُلغي نشر خبرين."}
