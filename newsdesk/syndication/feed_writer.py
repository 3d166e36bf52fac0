"""The XML writer under the feed generators: Django's own (`SimplerXMLGenerator`), with its
one busy method, `addQuickElement`, writing an element in one piece.

A feed of 50 full stories is some 500 elements without children (title, link, date, body…):
Django's writer takes each through SAX's start, characters and end events, and looks for
control characters in every text, bodies included, with a pattern (a third of a megabyte of
text scanned character by character). Here each such element is one escaped string, and
the control characters are looked for at C speed (xmltext.py); a text needing no escaping
is not escaped. The output is the same document: Django's escaping (`escape`, `quoteattr`),
its sorted attributes, its error for a control character; only an element's start tag is
never left open, so a childless element is written `<x/>` by this method alone.

Into a binary stream (a response), the document is made as bytes, most of it encoded a run
of elements at a time and a story's body escaped once encoded (EncodingQuickElementWriter),
then written once.
"""

import codecs
import re
from functools import lru_cache
from io import TextIOBase
from xml.sax.saxutils import escape, quoteattr

from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError

from newsdesk.syndication.xmltext import has_control_bytes, has_control_characters

# A text holding none of these needs neither escaping nor a closer look for control
# characters: most of a feed's texts (titles, links, dates, names). A search stops at the
# first one found, which in a story's HTML body is its first "<".
_NOT_PLAIN_TEXT = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")
# And an attribute value holding none of these is quoted as it is (quoteattr).
_NOT_PLAIN_VALUE = re.compile('[&<>"\n\r\t]')


def _attributes(attrs: dict) -> str:
    """The attributes as Django writes them: sorted, each value through quoteattr (which
    only puts quotes around a value holding none of _NOT_PLAIN_VALUE)."""
    return _written_attributes(tuple(attrs.items()))


# The same few attributes come back in every feed (a guid's isPermaLink, a picture's
# enclosure, an Atom link): each set is written once per process.
@lru_cache(maxsize=4096)
def _written_attributes(attrs: tuple) -> str:
    written = ""
    for key, value in sorted(attrs):
        if _NOT_PLAIN_VALUE.search(value) is None:
            written += f' {key}="{value}"'
        else:
            written += f" {key}={quoteattr(value)}"
    return written


class QuickElementWriter(SimplerXMLGenerator):
    """Writes into `out`, a text stream, which it also writes to directly."""

    def __init__(self, out: TextIOBase, encoding: str):
        # Start tags are written whole at once (never left open to become "<x/>"), so what
        # this class writes to `out` itself lands in document order.
        super().__init__(out, encoding, short_empty_elements=False)
        self.write = out.write

    # An element with children (an item, an entry, an author) as Django writes it, in one
    # piece: start tags are never left open (see above).
    def startElement(self, name, attrs):  # noqa: N802 (Django's name)
        self.write(f"<{name}{_attributes(attrs)}>" if attrs else f"<{name}>")

    def endElement(self, name):  # noqa: N802 (Django's name)
        self.write(f"</{name}>")

    def addQuickElement(self, name, contents=None, attrs=None):  # noqa: N802 (Django's name)
        start = name + _attributes(attrs) if attrs else name
        if not contents:
            self.write(f"<{start}/>")
            return
        if contents.__class__ is not str:
            contents = str(contents)
        if _NOT_PLAIN_TEXT.search(contents) is None:
            self.write(f"<{start}>{contents}</{name}>")
        elif len(contents) > 256:
            self.add_long_element(start, name, contents)
        else:
            self.write(f"<{start}>{self.escaped(contents)}</{name}>")

    def add_long_element(self, start: str, name: str, text: str):
        """An element of a long text (a story's body) to escape, its start tag `start`."""
        self.write(f"<{start}>{self.escaped(text)}</{name}>")

    def add_written(self, data: bytes):
        """An item written before (feed_items.written_item), as UTF-8 bytes."""
        self.write(data.decode("utf-8"))

    def escaped(self, text: str) -> str:
        if has_control_characters(text):
            raise UnserializableContentError("Control characters are not supported in XML 1.0")
        return escape(text)


class EncodingQuickElementWriter(QuickElementWriter):
    """A QuickElementWriter for a binary stream: `document()` is what it wrote, encoded as
    Django's writer encodes what it writes to one (errors as character references).

    A long UTF-8 text (a story's body) is looked at and escaped once encoded, where bytes
    are replaced far faster than characters ("&", "<" and ">" are single bytes in UTF-8,
    inside no other character's); the text between two such is encoded in one piece."""

    def __init__(self, encoding: str):
        self.pieces, self.run = [], []  # encoded pieces; text written since the last one
        super().__init__(_Run(self.run), encoding)
        # As Django's writer encodes into a binary stream (a TextIOWrapper): one encoder
        # for the whole document (a UTF-16 one writes its byte order mark once).
        self.encoder = codecs.getincrementalencoder(encoding)("xmlcharrefreplace")
        self.utf8 = codecs.lookup(encoding).name == "utf-8"

    def add_long_element(self, start: str, name: str, text: str):
        if not self.utf8:
            return super().add_long_element(start, name, text)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: written as a character reference
            return super().add_long_element(start, name, text)
        if has_control_bytes(data):
            raise UnserializableContentError("Control characters are not supported in XML 1.0")
        self.write(f"<{start}>")
        self.encode_run()
        self.pieces.append(
            data.replace(b"&", b"&amp;").replace(b">", b"&gt;").replace(b"<", b"&lt;")
        )
        self.write(f"</{name}>")

    def add_written(self, data: bytes):
        if not self.utf8:
            return super().add_written(data)
        self.encode_run()
        self.pieces.append(data)

    def encode_run(self):
        self.pieces.append(self.encoder.encode("".join(self.run)))
        self.run.clear()

    def document(self) -> bytes:
        self.encode_run()
        return b"".join(self.pieces)


class _Run(TextIOBase):
    """The text stream under the writer: what is written to it is kept in `run`."""

    def __init__(self, run: list):
        self.write = run.append


def write_with_quick_elements(write_document, outfile, encoding: str) -> None:
    """Call `write_document(handler)` with a QuickElementWriter on `outfile`: a text stream
    (as `writeString` gives) is written to as it goes; any other (a file, a response) gets
    the document's bytes once it is complete."""
    if isinstance(outfile, TextIOBase):
        write_document(QuickElementWriter(outfile, encoding))
        return
    handler = EncodingQuickElementWriter(encoding)
    write_document(handler)
    outfile.write(handler.document())
