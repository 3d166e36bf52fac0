"""What reading one feed document gives, whatever its format (RSS, Atom, JSON Feed)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ParsedDocument:
    """The entries as (raw entry as JSON text, fields, error), and what the desk should
    know about the document: `failure` when it is no feed at all, `notes` for what was
    read leniently or left out."""

    entries: list = field(default_factory=list)
    language: str = ""
    failure: str = ""
    notes: list[str] = field(default_factory=list)


def is_empty(fields: dict) -> bool:
    """An entry with nothing to read (`<item/>`): no headline, no text, no address."""
    return not any(fields.get(k) for k in ("headline", "body", "summary", "link"))


def skipped_note(count: int) -> str:
    return f"{count} empty entries skipped (no title, text or link)"
