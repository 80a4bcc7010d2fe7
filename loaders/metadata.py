"""A document's own account of itself: its date, authors, title, genre and publisher.

Documents without a manifest (the usual case for a user's own files) still carry this in
their first lines: a council report's date and "Report author:", a letter's date and
signature, a news story's byline.  A manifest entry, when there is one, overrides.
"""

from __future__ import annotations

import re

from ofsted_kg.loaders.dates import find_dates, find_ranges
from ofsted_kg.loaders.lexicon import MONTH_WORDS
from ofsted_kg.loaders.model import Document, PersonRef
from ofsted_kg.loaders.orgs import OrgMention

HEAD_CHARS = 1500
AUTHOR_FIELD = re.compile(
    r"(?:^|\n)[ \t]*(?:Report[ \t]+author|Author|Written[ \t]+by|By)[ \t]*:?[ \t]*$", re.IGNORECASE
)
SIGN_OFF = re.compile(r"Yours[ \t]+(?:sincerely|faithfully)[,.]?\s*$", re.IGNORECASE)
# What may stand beside a date on a date line: a short label ("Date of meeting:", "Published:"),
# a weekday, the time of day, and words such as "Updated", "Last modified on".
DATE_LINE_LABEL = re.compile(r"^[ \t]*[A-Za-z][\w &’'/()-]{0,40}:")
TIME_OF_DAY = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?[ \t]*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}[:.]\d{2}\b",
    re.IGNORECASE,
)
DATE_LINE_WORDS = {
    "published", "updated", "last", "first", "modified", "posted", "issued", "date", "dated",
    "on", "at", "and", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "bst", "gmt", "utc", "am", "pm", "a.m", "p.m",
}  # fmt: skip
SENTENCE_END = re.compile(r"[.!?][\"”’']?$")


def document_date(text: str) -> str | None:
    """The first full date in the document's head that is the document's own date.

    That is a date line (a letter's, a report's, a news story's dateline, with a weekday,
    a label such as "Published:", a byline or the time of day beside it) or a date in the
    heading block that opens the document ("... held on Wednesday 8 November 2023").  A date
    inside a sentence of prose ("The trust took over on 1 April 2024.") is what the story is
    about, not when it was written.
    """
    head_end = min(len(text), HEAD_CHARS)
    heading_end = _heading_end(text, head_end)
    for d in find_dates(text, 0, head_end):
        if len(d.value) == 10 and (d.start < heading_end or _is_date_line(text, d.start)):
            return d.value
    return None


def _line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _is_date_line(text: str, pos: int) -> bool:
    """The line at ``pos`` is a date line: the date, with nothing but a label, weekday or time."""
    start, end = _line_at(text, pos)
    line = text[start:end]
    rest = line
    for d in sorted(find_ranges(line) + find_dates(line), key=lambda d: d.start, reverse=True):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest = DATE_LINE_LABEL.sub(" ", rest)
    rest = TIME_OF_DAY.sub(" ", rest)
    words = re.findall(r"[^\W\d_][\w’'.-]*", rest)
    if all(w.lower().rstrip(".") in DATE_LINE_WORDS for w in words) and not re.search(r"\d", rest):
        return True
    # A byline with the date: "by Jane Doe on March 3, 2024 in News", "Jane Doe | 09:30 3 May 2024".
    stripped = line.strip()
    by = re.match(r"By[ \t]+([A-Z][a-z]+)", stripped, re.IGNORECASE)
    byline = (by and by.group(1).lower() not in MONTH_WORDS) or (
        TIME_OF_DAY.search(line)
        and all(w[0].isupper() or w.lower() in DATE_LINE_WORDS for w in words)
    )
    return bool(byline) and len(stripped.split()) <= 16 and not SENTENCE_END.search(stripped)


def _heading_end(text: str, head_end: int) -> int:
    """End of the heading block that opens a document: its first lines up to a blank line,
    when they are a heading (short, no sentence ending) rather than the start of prose."""
    lead = len(text) - len(text.lstrip())
    block_end = text.find("\n\n", lead, head_end)
    block_end = head_end if block_end < 0 else block_end
    block = text[lead:block_end]
    lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
    if not lines or len(lines) > 3 or len(block.split()) > 25:
        return 0
    if any(SENTENCE_END.search(ln) for ln in lines):
        return 0
    return block_end


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
