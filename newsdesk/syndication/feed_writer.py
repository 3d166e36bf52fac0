"""The XML writer under the feed generators: Django's own (`SimplerXMLGenerator`), with its
one busy method, `addQuickElement`, writing an element in one piece.

A feed of 50 full stories is some 500 elements without children (title, link, date, body…):
Django's writer takes each through SAX's start, characters and end events, and looks for
control characters in every text, bodies included, with a pattern (a third of a megabyte of
text scanned character by character). Here each such element is one escaped string, and
the control characters are looked for at C speed (xmltext.py). The output is the same
document: Django's escaping (`escape`, `quoteattr`), its sorted attributes, its error for a
control character; only an element's start tag is never left open, so a childless element
is written `<x/>` by this method alone.
"""

from io import StringIO, TextIOBase
from xml.sax.saxutils import escape, quoteattr

from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError

from newsdesk.syndication.xmltext import has_control_characters


class QuickElementWriter(SimplerXMLGenerator):
    """Writes into `out`, a text stream, which it also writes to directly."""

    def __init__(self, out: TextIOBase, encoding: str):
        # Start tags are written whole at once (never left open to become "<x/>"), so what
        # this class writes to `out` itself lands in document order.
        super().__init__(out, encoding, short_empty_elements=False)
        self.out = out

    def addQuickElement(self, name, contents=None, attrs=None):  # noqa: N802 (Django's name)
        start = name
        if attrs:
            start += "".join(f" {key}={quoteattr(value)}" for key, value in sorted(attrs.items()))
        if not contents:
            self.out.write(f"<{start}/>")
            return
        if not isinstance(contents, str):
            contents = str(contents)
        if has_control_characters(contents):
            raise UnserializableContentError("Control characters are not supported in XML 1.0")
        self.out.write(f"<{start}>{escape(contents)}</{name}>")


def write_with_quick_elements(write_document, outfile, encoding: str) -> None:
    """Call `write_document(handler)` with a QuickElementWriter on `outfile`: a text stream
    (as `writeString` gives) is written to as it goes; any other (a file, a response) gets
    the document's bytes once it is complete."""
    text = outfile if isinstance(outfile, TextIOBase) else StringIO()
    write_document(QuickElementWriter(text, encoding))
    if text is not outfile:
        outfile.write(text.getvalue().encode(encoding, "xmlcharrefreplace"))
