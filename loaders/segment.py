"""Split a document into sentences with exact character offsets.

Real documents are messy: bullet lists, numbered paragraphs ("1.4"), headings without
full stops, lines wrapped mid-sentence and paragraphs broken by a page turn.  A sentence
here is the smallest run of text that states one thing; list markers are left outside
the span so that a finding's evidence is just its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ofsted_kg.loaders.model import Span

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "cllr", "st", "no", "prof", "rev", "sr", "jr", "vs", "e.g", "i.e",
    "etc", "approx", "dept", "govt", "co", "ltd", "inc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "cf", "para", "paras", "fig",
}  # fmt: skip

LIST_MARKER = re.compile(
    r"""[ \t]*(?:(?:
        [-–—•●▪◦*·](?=[ \t])                               # bullet
      | \(?[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}[.)]?(?=[ \t])(?![ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))
      | \([a-z]\)(?=[ \t]) | [a-z]\)(?=[ \t])                # (a) / a)
    )[ \t]+)+""",
    re.VERBOSE,
)
BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
SENTENCE_END = re.compile(r"""[.!?]['"’”)]*(?=\s+['"‘“(]?[A-Z0-9•\-])""")


@dataclass(frozen=True)
class Sentence:
    span: Span
    text: str
    block: int
    is_list_item: bool
    marker: str = ""

    @property
    def is_bullet(self) -> bool:
        return self.marker == "bullet"


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks: split at blank lines and at lines that start a list item."""
    cuts: list[tuple[int, int]] = []
    start = 0
    for m in BLANK_LINE.finditer(text):
        cuts.append((start, m.start()))
        start = m.end()
    cuts.append((start, len(text)))
    blocks: list[tuple[int, int]] = []
    for b_start, b_end in cuts:
        line_start = b_start
        current = b_start
        for line in text[b_start:b_end].split("\n"):
            line_end = line_start + len(line)
            if line_start > current and (LIST_MARKER.match(line) or _looks_like_field(line)):
                blocks.append((current, line_start - 1))
                current = line_start
            line_start = line_end + 1
        blocks.append((current, b_end))
    return [(s, e) for s, e in blocks if text[s:e].strip()]


def _looks_like_field(line: str) -> bool:
    """A form-like line ("Report author: ...") starts a new block even without a blank line."""
    return bool(re.match(r"^[A-Z][A-Za-z &'()/]{2,40}:\s", line))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _marker_kind(marker: str) -> str:
    """'bullet' for -, •, * ...; 'number' for 1 / 1.4 / (a): a list's items share one kind."""
    first = marker.strip()[:1]
    return (
        "number"
        if first.isdigit() or first == "(" or (first.isalpha() and len(marker.strip()) <= 3)
        else "bullet"
    )


def split_sentences(text: str) -> list[Sentence]:
    """All sentences of ``text`` in order, each span trimmed of spaces and list markers."""
    sentences: list[Sentence] = []
    for number, (b_start, b_end) in enumerate(_blocks(text)):
        marker = LIST_MARKER.match(text, b_start, b_end)
        is_item = bool(marker and marker.end() > b_start)
        cursor = marker.end() if is_item and marker else b_start
        kind = _marker_kind(text[b_start:cursor]) if is_item else ""
        piece_start = cursor
        for m in SENTENCE_END.finditer(text, cursor, b_end):
            if text[m.start()] == "." and _is_abbreviation(text, m.start()):
                continue
            s, e = _trim(text, piece_start, m.end())
            if e > s:
                sentences.append(Sentence(Span(s, e), text[s:e], number, is_item, kind))
            piece_start = m.end()
        s, e = _trim(text, piece_start, b_end)
        if e > s:
            sentences.append(Sentence(Span(s, e), text[s:e], number, is_item, kind))
    return sentences
