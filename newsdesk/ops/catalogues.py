"""The interface's message catalogues: newsdesk/locale/<lang>/LC_MESSAGES/django.po for the
server's text, djangojs.po for the desk's scripts (served by Django's JavaScriptCatalog).

Django's makemessages reads Python and Django templates but not the readers' Jinja2
templates, and needs GNU gettext on the machine. Babel (already a dependency) reads all
three: Python with Django's gettext names, Jinja2 with Jinja2's own extractor, and Django
templates through Django's `templatize` (what makemessages itself feeds to xgettext).
"""

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_python
from babel.messages.pofile import read_po, write_po
from django.utils.translation import templatize

import newsdesk

PACKAGE_DIR = Path(newsdesk.__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
# English is the source language: its catalogue stays empty (the text is the message id).
LANGUAGES = ("en", "fa", "ar")
TRANSLATED = ("fa", "ar")

# Django's gettext names, as makemessages passes them to xgettext.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
# domain -> (file pattern, extractor) in order; the first pattern a file matches decides.
METHODS = {
    "django": [
        ("**/migrations/**", "ignore"),
        ("**/jinja2/**.html", "jinja2.ext:babel_extract"),
        ("**/templates/**.html", "newsdesk.ops.catalogues:extract_django_template"),
        ("**.py", "python"),
    ],
    "djangojs": [
        ("**/vendor/**", "ignore"),
        ("desk/static/**.js", "javascript"),
    ],
}
DOMAINS = tuple(METHODS)
OPTIONS = {"**/jinja2/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "false"}}


def extract_django_template(fileobj, keywords, comment_tags, options):
    """Babel extractor for Django templates: `templatize` turns `{% translate %}` and
    `{% blocktranslate %}` into gettext calls that Babel's Python extractor reads."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    code = templatize(source, origin=getattr(fileobj, "name", None))
    yield from extract_python(io.BytesIO(code.encode()), keywords, comment_tags, options)


def extract(domain: str = "django") -> Catalog:
    """Every translatable message of the package in `domain`, as a template catalogue."""
    template = Catalog(project="Newsdesk", domain=domain, fuzzy=False)
    for path, line, message, comments, context in extract_from_dir(
        PACKAGE_DIR, METHODS[domain], OPTIONS, KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(
            message,
            locations=[(str(Path("newsdesk") / path), line)],
            auto_comments=comments,
            context=context,
        )
    return template


def po_path(language: str, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def read(language: str, domain: str) -> Catalog:
    path = po_path(language, domain)
    if not path.exists():
        catalog = Catalog(
            locale=language,
            domain=domain,
            project="Newsdesk",
            version="1",
            copyright_holder="Newsdesk",
            last_translator="Newsdesk",
            language_team="Newsdesk",
            fuzzy=False,
        )
        catalog.header_comment = f"# The Newsdesk interface in {catalog.locale.english_name}."
        return catalog
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=domain)


def update(template: Catalog) -> None:
    """Bring every catalogue in line with the code: new messages added untranslated,
    vanished ones dropped (no fuzzy guesses: a guess shipped as a translation misleads)."""
    for language in LANGUAGES:
        catalog = read(language, template.domain)
        unchanged = {m.id for m in catalog} == {m.id for m in template}
        created = catalog.creation_date
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        if unchanged:  # no new date for the same messages: no churn in the diff
            catalog.creation_date = created
        path = po_path(language, template.domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalog, width=100, omit_header=False, sort_output=False)


def problems(template: Catalog, language: str) -> list[str]:
    """What keeps a catalogue from being complete: messages missing, untranslated (any
    plural form empty), fuzzy, or whose placeholders differ from the English."""
    catalog = read(language, template.domain)
    found = []
    for message in template:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple | list) else message.id
        translated = catalog.get(key, message.context)
        if translated is None:
            found.append(f"{language}: missing {key!r}")
            continue
        strings = (
            translated.string if isinstance(translated.string, tuple) else (translated.string,)
        )
        if not all(strings):
            found.append(f"{language}: untranslated {key!r}")
        elif translated.fuzzy:
            found.append(f"{language}: fuzzy {key!r}")
    for message, errors in catalog.check():
        found.extend(f"{language}: {message.id!r}: {error}" for error in errors)
    return found
