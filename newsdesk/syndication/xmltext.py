"""Text that XML 1.0 can carry. Headlines come from wires and editors and may hold control
characters (a stray \\x0b from a pasted Word file); XML forbids them, so a feed or sitemap
with one would not parse at all. They are dropped; everything else is escaped by the writer."""

import re

# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text) -> str:
    return _NOT_XML_CHAR.sub("", str(text or ""))
