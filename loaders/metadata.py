"""A document's own account of itself: its date, authors, title, genre and publisher.

Documents without a manifest (the usual case for a user's own files) still carry this in
their first lines: a council report's date and "Report author:", a letter's date and
signature, a news story's byline.  A manifest entry, when there is one, overrides.
"""

from __future__ import annotations

import re

from ofsted_kg.loaders.dates import find_dates
from ofsted_kg.loaders.model import Document, PersonRef
from ofsted_kg.loaders.orgs import OrgMention

HEAD_CHARS = 1500
AUTHOR_FIELD = re.compile(
    r"(?:^|\n)[ \t]*(?:Report[ \t]+author|Author|Written[ \t]+by|By)[ \t]*:?[ \t]*$", re.IGNORECASE
)
SIGN_OFF = re.compile(r"Yours[ \t]+(?:sincerely|faithfully)[,.]?\s*$", re.IGNORECASE)


def document_date(text: str) -> str | None:
    """The first full date in the document's head (the date line of a letter, report or article)."""
    for d in find_dates(text, 0, min(len(text), HEAD_CHARS)):
        if len(d.value) == 10:
            return d.value
    return None


def guess_genre(text: str) -> str:
    head = text[:HEAD_CHARS]
    if (
        re.search(r"^\s*Dear\s", text, re.MULTILINE)
        and SIGN_OFF.search(text[-3000:].split("\n\n")[0] + "\n")
    ) or (re.search(r"\bYours[ \t]+sincerely\b", text) and re.search(r"\bDear\b", head)):
        return "ofsted-letter" if re.search(r"\bOfsted\b|Inspector", text) else "letter"
    if re.search(r"\bReport[ \t]+(?:to|of)[ \t:]", head) or re.search(r"\bReport author\b", head):
        return "council-report"
    if re.search(r"\bInspection of .{3,80} children['’]s services\b", head) and "Dear" not in head:
        return "inspection-report"
    return "news"


def guess_title(text: str) -> str | None:
    subject = re.search(r"(?:^|\n)[ \t]*Subject:[ \t]*(.+(?:\n(?!\s*\n).+)*)", text[:HEAD_CHARS])
    if subject:
        return re.sub(r"\s+", " ", subject.group(1)).strip()
    for line in text[:HEAD_CHARS].split("\n"):
        words = line.split()
        if (
            len(words) >= 4
            and not re.search(r"\d", line)
            and sum(w[0].isalpha() for w in words) >= len(words) - 1
        ):
            return line.strip()
    return None


def authors(text: str, people: dict[str, PersonRef]) -> list[str]:
    """Keys of the people the document names as its author(s), in order of appearance."""
    found: list[tuple[int, str]] = []
    for key, person in people.items():
        for span in person.spans:
            before = text[max(0, span.start - 80) : span.start]
            if (
                AUTHOR_FIELD.search(before)
                or SIGN_OFF.search(before)
                or (span.start < HEAD_CHARS and _is_byline(text, span.start, span.end))
            ):
                found.append((span.start, key))
    seen: list[str] = []
    for _, key in sorted(found):
        if key not in seen:
            seen.append(key)
    return seen


def _is_byline(text: str, start: int, end: int) -> bool:
    """A name alone on its line, directly above a date line: a news byline."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0 or text[line_start:start].strip() or text[end:line_end].strip():
        return False
    next_line_end = text.find("\n", line_end + 1)
    next_line = text[line_end + 1 : next_line_end if next_line_end >= 0 else len(text)]
    return bool(find_dates(next_line)) and len(next_line.split()) <= 6


def publisher(text: str, org_mentions: list[OrgMention], genre: str) -> str | None:
    """The body whose name heads a council report, or the inspectorate that signs a letter."""
    head_mentions = [m for m in org_mentions if m.span.start < 200 and not m.short_form]
    if genre == "council-report" and head_mentions:
        return head_mentions[0].key
    if genre == "ofsted-letter":
        for m in org_mentions:
            if m.span.start < 400 and m.surface.lower() == "ofsted":
                return m.key
    return None


def apply_text_metadata(doc: Document, genre: str, title: str | None, date: str | None) -> None:
    doc.genre = doc.genre or genre
    doc.title = doc.title or title
    doc.date = doc.date or date
