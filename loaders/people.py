"""People in a document: full names accepted on evidence of personhood, then short mentions linked.

A run of capitalised words is a person only when the text says so: an honorific ("Cllr",
"Ms"), a role beside it ("Andy Couldrick, Chief Executive"), speech ("said Brigid Jones"),
a family or case relation ("his mother, Laura Heath, 40"), a form field ("Report author:"),
or a line of its own beside a role, date or signature.  Once a full name is known, later
short mentions ("Ms Harrison", "Couldrick", "Hakeem") attach to it, but only when exactly
one person in the document fits: two people sharing a surname are never merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ofsted_kg.loaders.lexicon import (
    CASE_CUES,
    FIELD_LABELS_PERSON,
    FUNCTION_WORDS,
    HONORIFICS,
    KIN_WORDS,
    MONTH_WORDS,
    ORG_WORDS,
    POST_NOMINALS,
    ROLE_HEADS,
    SPEECH_VERBS,
)
from ofsted_kg.loaders.model import PersonRef, Span
from ofsted_kg.loaders.normalise import fold, squeeze

NAME_TOKEN = re.compile(r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*(?![a-z'’])")
SEPARATOR = re.compile(r"[ \t]+|[ \t]*\n[ \t]*(?=\S)")
HONORIFIC_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.?)[ \t]+$", re.IGNORECASE
)
FIELD_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?:" + "|".join(re.escape(k) for k in FIELD_LABELS_PERSON) + r")[ \t]*[:.-]?[ \t]*$",
    re.IGNORECASE,
)
SPEECH_AFTER = re.compile(rf"^(?:,[^,.\n“”\"]{{0,120}},)?[ \t]+(?:{SPEECH_VERBS})\b")
SPEECH_BEFORE = re.compile(rf"\b(?:{SPEECH_VERBS}|according[ \t]+to)[ \t]+$")
ROLE_AFTER = re.compile(r"^[ \t]*(?:,|\(|\n)[ \t]*(?:[A-Z][\w’'&-]*[ \t]+){0,6}?(?P<head>[A-Za-z’']+)")
KIN_BEFORE = re.compile(rf"\b(?:{KIN_WORDS}),?[ \t]+$", re.IGNORECASE)
CASE_BEFORE = re.compile(rf"\b(?:{CASE_CUES})[ \t]+of[ \t]+$|\b(?:named|called|child|baby|toddler|boy|girl)[ \t]+$", re.IGNORECASE)
CASE_AFTER = re.compile(
    r"^(?:,[ \t]*(?:aged[ \t]+)?\d{1,3},|[ \t]+(?:who[ \t]+)?(?:was|had[ \t]+been)[ \t]+(?:found|killed|starved|murdered|"
    r"abused|beaten|neglected|injured)|[ \t]+died\b|,[ \t]+who[ \t]+died)"
)
ROLE_BEFORE = re.compile(
    r"\b(?:correspondent|reporter|editor|journalist|chief[ \t]+executive|director|chair|leader|"
    r"inspectors?|commissioner|minister|councillor|mayor|manager|spokesperson|spokesman|spokeswoman|"
    r"member|head|officer|adviser|secretary)(?:[ \t]+(?:for|of)[ \t]+[^,.\n]{1,60})?,?[ \t]+(?:(?:were|was|is|are)[ \t]+)?$",
    re.IGNORECASE,
)
WHO_ROLE_AFTER = re.compile(r"^,?[ \t]+who[ \t]+(?:was|is|has[ \t]+been)[ \t]+(?:brought[ \t]+in|appointed|named|hired)", re.IGNORECASE)


@dataclass
class NameCandidate:
    start: int
    end: int
    tokens: list[str]
    honorific: str | None = None
    accepted_by: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return " ".join(self.tokens)


def _is_name_word(token: str, places: set[str]) -> bool:
    lower = token.lower()
    return not (
        lower in FUNCTION_WORDS
        or lower in ORG_WORDS
        or lower in ROLE_HEADS
        or lower in MONTH_WORDS
        or lower in HONORIFICS
        or lower in POST_NOMINALS
        or token in places
    )


def _candidates(text: str, places: set[str]) -> list[NameCandidate]:
    """Runs of 1-4 name-like capitalised tokens, separated by one space or one line break."""
    out: list[NameCandidate] = []
    pos = 0
    while True:
        m = NAME_TOKEN.search(text, pos)
        if m is None:
            return out
        tokens, start, end = [m.group(0)], m.start(), m.end()
        pos = m.end()
        if not _is_name_word(m.group(0), places) or (start > 0 and text[start - 1].isalpha()):
            continue
        while len(tokens) < 4:
            sep = SEPARATOR.match(text, end)
            if sep is None:
                break
            nxt = NAME_TOKEN.match(text, sep.end())
            if nxt is None or not _is_name_word(nxt.group(0), places):
                break
            tokens.append(nxt.group(0))
            end = nxt.end()
        pos = end
        out.append(NameCandidate(start, end, tokens))


def _cues(text: str, c: NameCandidate) -> set[str]:
    before = text[max(0, c.start - 80) : c.start]
    after = text[c.end : c.end + 160]
    cues = set()
    hon = HONORIFIC_BEFORE.search(before)
    if hon:
        cues.add("honorific")
        c.honorific = hon.group(0).strip().rstrip(".")
    if FIELD_BEFORE.search(before):
        cues.add("form field")
    if SPEECH_AFTER.match(after) or SPEECH_BEFORE.search(before):
        cues.add("speech")
    role_after = ROLE_AFTER.match(after)
    if role_after and role_after.group("head").lower() in ROLE_HEADS:
        cues.add("role beside")
    if ROLE_BEFORE.search(before) or WHO_ROLE_AFTER.match(after):
        cues.add("role beside")
    if KIN_BEFORE.search(before) or CASE_BEFORE.search(before) or CASE_AFTER.match(after):
        cues.add("family or case")
    if _own_line(text, c) and _line_context_is_personal(text, c):
        cues.add("own line")
    return cues


def _own_line(text: str, c: NameCandidate) -> bool:
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line_end = len(text) if line_end < 0 else line_end
    return text[line_start : c.start].strip() == "" and text[c.end : line_end].strip() == ""


def _line_context_is_personal(text: str, c: NameCandidate) -> bool:
    """A name alone on its line beside a role, a date or a signature close (letters, bylines)."""
    prev_lines = [ln.strip() for ln in text[max(0, c.start - 200) : c.start].split("\n") if ln.strip()]
    next_lines = [ln.strip() for ln in text[c.end : c.end + 200].split("\n") if ln.strip()]
    neighbours = prev_lines[-1:] + next_lines[:1]
    for line in neighbours:
        words = {w.lower().strip(",.:'’") for w in line.split()}
        if words & {"sincerely", "faithfully", "regards"}:
            return True
        if words & {w for w in ROLE_HEADS if len(w) > 3} and len(words) <= 8:
            return True
        if re.search(r"\b(?:19|20)\d\d\b", line) and len(words) <= 6 and re.search(
            r"(?:day|January|February|March|April|May|June|July|August|September|October|November|December)",
            line,
        ):
            return True
    return False


def _join_lists(text: str, candidates: list[NameCandidate]) -> None:
    """"Alison Smale and John Roughton": a name listed with an accepted person is a person."""
    for left, right in zip(candidates, candidates[1:], strict=False):
        between = text[left.end : right.start]
        if re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", between) and len(left.tokens) >= 2 and len(right.tokens) >= 2:
            if left.accepted_by and not right.accepted_by:
                right.accepted_by.add("listed with a person")
            elif right.accepted_by and not left.accepted_by:
                left.accepted_by.add("listed with a person")


def find_people(text: str, places: set[str], org_spans: list[Span]) -> tuple[dict[str, PersonRef], dict[str, str]]:
    """People of one document by key, and how each was recognised (for explain-merge)."""
    candidates = [
        c for c in _candidates(text, places) if not any(s.start <= c.start < s.end or s.start < c.end <= s.end for s in org_spans)
    ]
    for c in candidates:
        c.accepted_by = _cues(text, c)
    _join_lists(text, candidates)
    people: dict[str, PersonRef] = {}
    rules: dict[str, str] = {}
    full = [c for c in candidates if len(c.tokens) >= 2 and c.accepted_by]
    known_full = {fold(c.name) for c in full}
    for c in candidates:
        if len(c.tokens) >= 2 and not c.accepted_by and fold(c.name) in known_full:
            full.append(c)
    for c in sorted(full, key=lambda c: c.start):
        key = fold(c.name)
        ref = people.get(key)
        if ref is None:
            ref = people[key] = PersonRef(key=key, name=squeeze(c.name), honorific=c.honorific)
            rules[key] = ", ".join(sorted(c.accepted_by)) or "same full name as an accepted mention"
        ref.spans.append(Span(c.start, c.end))
        ref.mentioned_as.add(squeeze(text[c.start : c.end]))
    _link_short_mentions(text, candidates, people)
    return people, rules


def _link_short_mentions(text: str, candidates: list[NameCandidate], people: dict[str, PersonRef]) -> None:
    by_surname: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for key, ref in people.items():
        words = ref.name.split()
        by_surname.setdefault(words[-1], []).append(key)
        by_first.setdefault(words[0], []).append(key)
    for c in candidates:
        if len(c.tokens) != 1:
            continue
        word = c.tokens[0]
        surname_owners = by_surname.get(word, [])
        first_owners = by_first.get(word, [])
        owners = surname_owners if surname_owners else first_owners
        if len(owners) != 1 or (surname_owners and first_owners and surname_owners != first_owners):
            continue
        ref = people[owners[0]]
        first_mention = min(ref.spans).start
        if c.start < first_mention and not HONORIFIC_BEFORE.search(text[max(0, c.start - 20) : c.start]):
            continue
        ref.spans.append(Span(c.start, c.end))
        ref.mentioned_as.add(text[c.start : c.end])
    for word, owners in {**by_surname}.items():
        del word, owners


def email_for(text: str, person: PersonRef) -> str | None:
    """An e-mail address whose local part spells the person's name ("sue.harrison@...")."""
    words = [fold(w) for w in person.name.split()]
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        local = fold(m.group(0).split("@")[0].replace(".", " "))
        if local.split() == words or local.replace(" ", "") == "".join(words):
            return m.group(0)
    return None
