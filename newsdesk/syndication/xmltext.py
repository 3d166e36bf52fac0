"""Text that XML 1.0 can carry. Headlines come from wires and editors and may hold control
characters (a stray \\x0b from a pasted Word file); XML forbids them, so a feed or sitemap
with one would not parse at all. They are dropped; everything else is escaped by the writer."""

import re

# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text) -> str:
    text = str(text or "")
    if text.isascii() and text.isprintable():
        return text  # most headlines, names and tags: nothing XML forbids
    if len(text) > 256 and is_xml_text(text.encode("utf-8", "surrogatepass")):
        return text  # a story's body, nearly always clean: checked at C speed
    return _NOT_XML_CHAR.sub("", text)


# In UTF-8, the characters XML forbids are the C0 controls (one byte each), U+FFFE/U+FFFF
# (EF BF BE/BF) and lone surrogates (ED A0–BF, encoded with "surrogatepass"). Deleting every
# other byte finds the controls and every EF or ED lead byte at C speed, into a copy that is
# empty for most texts; only then does a pattern look closer.
_UNSUSPECTED = bytes(
    byte
    for byte in range(256)
    if not (byte < 0x20 and byte not in b"\t\n\r" or byte in (0xEF, 0xED))
)
_NOT_XML_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]|\xed[\xa0-\xbf]")


def is_xml_text(data: bytes) -> bool:
    """Whether UTF-8 `data` holds only characters XML 1.0 allows (a lone surrogate, encoded
    with "surrogatepass", is ED A0–BF: refused too)."""
    return not data.translate(None, _UNSUSPECTED) or not _NOT_XML_BYTES.search(data)


# The C0 controls XML 1.0 forbids (Django's feed writer refuses a text holding one).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_CONTROL_BYTES = bytes(byte for byte in range(256) if not _CONTROLS.match(chr(byte)))


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a C0 control XML forbids: in UTF-8 each is one byte no other
    character uses, so deleting every other byte (at C speed) leaves nothing in most texts."""
    if len(text) < 64:
        return _CONTROLS.search(text) is not None
    return has_control_bytes(text.encode("utf-8", "surrogatepass"))


def has_control_bytes(data: bytes) -> bool:
    """Whether UTF-8 `data` holds a C0 control XML forbids (see has_control_characters)."""
    return bool(data.translate(None, _NOT_CONTROL_BYTES))
