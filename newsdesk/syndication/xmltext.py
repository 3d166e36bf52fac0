"""Text that XML 1.0 can carry. Headlines come from wires and editors and may hold control
characters (a stray \\x0b from a pasted Word file); XML forbids them, so a feed or sitemap
with one would not parse at all. They are dropped; everything else is escaped by the writer."""

import re

# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text) -> str:
    return _NOT_XML_CHAR.sub("", str(text or ""))


# In UTF-8, the characters XML forbids are the C0 controls (one byte each) and U+FFFE/U+FFFF
# (EF BF BE/BF); surrogates cannot be encoded at all. Deleting every other byte finds the
# controls and every EF lead byte (U+F000–U+FFFF) at C speed, into a copy that is empty for
# most documents (mapping bytes instead made a copy as big as the document); only then does
# a pattern look closer.
_UNSUSPECTED = bytes(
    byte for byte in range(256) if not (byte < 0x20 and byte not in b"\t\n\r" or byte == 0xEF)
)
_NOT_XML_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


def is_xml_text(data: bytes) -> bool:
    """Whether UTF-8 `data` holds only characters XML 1.0 allows: one pass over a whole
    document instead of `xml_safe()` over each of its texts."""
    return not data.translate(None, _UNSUSPECTED) or not _NOT_XML_BYTES.search(data)
