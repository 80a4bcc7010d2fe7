"""Roles stated in a clause about a person rather than beside the name.

    "X, who has been DCS at Y since 2020, ..."              (who-clause, with its period)
    "X, who was DCS from 2015 to 2020 and is now CEO of Z"  (two posts, one clause)
    "X, who retired after six years as Torbay's DCS"        (a role after "as")
    "appointed X as its new director of children's services"
    "X joins from Y, where she has been Z since 2019"       (the role at the body just named)
    "Dr X was formerly assistant director at Y"             (said of any mention, short ones too)
Each reader hands what it finds to the ``MembershipReader``, which normalises and files it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ofsted_kg.loaders.model import Span
from ofsted_kg.loaders.role_terms import has_role_noun, segment_after

if TYPE_CHECKING:
    from ofsted_kg.loaders.roles import MembershipReader

WHO = re.compile(
    r",?\s+who\s+(?:has\s+been|had\s+been|was|is|became|served\s+as|will\s+become)\s+"
    r"(?:(?:brought\s+in|appointed|named|hired|recruited|installed)\s+as\s+)?",
    re.IGNORECASE,
)
WHO_END = re.compile(r"[,;.\n“”\"]|\s(?:which|who|told|said|says|will|would|but)\b")
CONJUNCT = re.compile(
    r"\s+and\s+(?:is|was|has\s+been|had\s+been|became)\s+(?:now\s+)?", re.IGNORECASE
)
AS_ROLE = re.compile(
    r"\s+as\s+(?=(?:(?:the|its|their|his|her|a|an)\s+)?(?:(?:new|permanent|interim|acting)\s+)?[\w’']+)",
    re.IGNORECASE,
)
# A role stated later in a who-clause: "who retired in January after six years as Torbay's DCS".
WHO_AS = re.compile(r",?\s+who\s+[^,.;\n]{0,60}?\s+as\s+", re.IGNORECASE)
WHERE = re.compile(
    r",\s+where\s+(?:he|she|they)\s+(?:has\s+been|had\s+been|was|is|served\s+as|worked\s+as)\s+",
    re.IGNORECASE,
)
PREDICATE = re.compile(
    r"\s+(?:was|is|has\s+been|had\s+been)\s+(?P<former>formerly\s+|previously\s+)?"
    r"(?:the\s+|a\s+|an\s+)?(?=[a-zA-Z])",
)


def who_clause(reader: MembershipReader, person: str, span: Span, pos: int) -> bool:
    """Posts in ", who has been ... and is now ..." after the name; whether there was such a clause."""
    text = reader.ctx.text
    who = WHO.match(text, pos)
    if who is None:
        return False
    start = who.end()
    end_match = WHO_END.search(text, start)
    end = end_match.start() if end_match else min(len(text), start + 160)
    cuts = [
        start,
        *[c for m in CONJUNCT.finditer(text, start, end) for c in (m.start(), m.end())],
        end,
    ]
    for part_start, part_end in zip(cuts[::2], cuts[1::2], strict=True):
        role, org = reader.split_role_and_org(part_start, part_end)
        reader.membership(
            person, role, org, Span(span.start, part_end), period=(part_start, part_end)
        )
    return True


def as_role(reader: MembershipReader, person: str, span: Span, pos: int) -> bool:
    """The post after "as": "appointed X as its new director", "who retired ... as Torbay's DCS"."""
    text = reader.ctx.text
    m = AS_ROLE.match(text, pos) or WHO_AS.match(text, pos)
    if m is None:
        return False
    end = segment_after(text, m.end())[1]
    role, org = reader.split_role_and_org(m.end(), end)
    if org is None and m.group(0).lstrip(", ").lower().startswith("as"):
        # the body that names someone as its director: "Medway Council has named X as ..."
        org = reader.antecedent(span.start, own_sentence=True)
    reader.membership(person, role, org, Span(span.start, end), period=(m.end(), end))
    return True


def where_clauses(reader: MembershipReader) -> None:
    """The post in "X joins from Y, where she has been Z": Z at Y, for the first person of the sentence.

    A sentence that opens with "She" or "He" is about the first person of the sentence before.
    """
    text = reader.ctx.text
    for m in WHERE.finditer(text):
        org = next(
            (o for o in reader.ctx.org_mentions if o.span.end == m.start() and not o.short_form),
            None,
        )
        sentence = next((s for s in reader.sentences if s.start <= m.start() < s.end), None)
        if org is None or sentence is None:
            continue
        people = _people_between(reader, sentence.start, org.span.start)
        if not people and re.match(r"(?:He|She|They)\b", text[sentence.start : sentence.end]):
            earlier = [s for s in reader.sentences if s.end <= sentence.start]
            people = _people_between(reader, earlier[-1].start, earlier[-1].end) if earlier else []
        if not people:
            continue
        first, person = min(people)
        end = segment_after(text, m.end())[1]
        reader.membership(person, text[m.end() : end], org, Span(first, end), period=(m.end(), end))


def _people_between(reader: MembershipReader, start: int, end: int) -> list[tuple[int, str]]:
    return [
        (s.start, key)
        for key, ref in reader.ctx.people.items()
        for s in ref.spans
        if start <= s.start < end
    ]


def predicate(reader: MembershipReader, person: str, span: Span) -> None:
    """A post said of any mention, with its body: "Dr Nwosu was formerly assistant director at Y"."""
    text = reader.ctx.text
    m = PREDICATE.match(text, span.end)
    if m is None:
        return
    end = segment_after(text, m.end())[1]
    role, org = reader.split_role_and_org(m.end(), end)
    if org is None or not has_role_noun(" ".join(role.split()[:4])):
        return
    reader.membership(
        person, role, org, Span(span.start, end), former=bool(m["former"]), period=(m.end(), end)
    )
