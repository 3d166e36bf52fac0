"""The interface's catalogues: every message the code, templates (Python, Django and
Jinja2) and the desk's scripts mark is translated in Persian and Arabic, and the install
compiled them."""

import pytest
from babel.messages.catalog import Catalog
from django.utils import translation

from newsdesk.ops import catalogues


@pytest.fixture(scope="module")
def templates():
    return {domain: catalogues.extract(domain) for domain in catalogues.DOMAINS}


@pytest.fixture(scope="module")
def template(templates):
    return templates["django"]


def _ids(template):
    return {(message.context, message.id) for message in template}


def test_extraction_reads_python_django_and_jinja2_sources(template):
    ids = _ids(template)
    assert (None, "A headline is required.") in ids  # a content service (Python)
    assert (None, "Wire queue") in ids  # a desk template (Django)
    assert (None, "Top stories") in ids  # the readers' home (Jinja2)
    assert (None, ("%(count)d story unpublished.", "%(count)d stories unpublished.")) in ids
    assert ("who made a revision", "By") in ids  # a message with its context


def test_extraction_reads_the_desk_scripts(templates):
    assert (None, "Nobody by that name.") in _ids(templates["djangojs"])


@pytest.mark.parametrize("domain", catalogues.DOMAINS)
@pytest.mark.parametrize("language", catalogues.TRANSLATED)
def test_no_message_is_missing_untranslated_or_fuzzy(templates, language, domain):
    assert catalogues.problems(templates[domain], language) == []


def test_a_message_without_translation_is_reported(template):
    grown = Catalog(locale="en", domain="django")
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
