"""Findings: what an inspection asked a body to improve, and what it found strong.

Two shapes, in this order of trust:
- a list introduced by a lead ("areas need to improve:", "What needs to improve ...?",
  "Areas where the Trust was good:"): each item is one finding, its words the evidence;
- where a document has no such list, a sentence reporting a weakness the inspectors found
  ("management oversight was found to remain variable", "Ofsted found a lack of ...") that
  names a theme of ``okg:Themes``.
Findings belong to the inspection the document is about, or, for a sentence, to the
inspection of the body the surrounding text is about.
"""

from __future__ import annotations

import re

from ofsted_kg.loaders.context import DocContext
from ofsted_kg.loaders.model import FindingFact, Span
from ofsted_kg.loaders.schemes import all_matches
from ofsted_kg.loaders.segment import Sentence

IMPROVE_LEAD = re.compile(
    r"\b(?:areas?\s+(?:for|of|that\s+need|requiring|which\s+need)\s+(?:further\s+)?(?:improvement|development)|"
    r"(?:need|needs|required?)\s+to\s+(?:improve|be\s+improved)|what\s+needs\s+to\s+(?:improve|happen)|"
    r"recommendations?|areas?\s+(?:where|in\s+which)\b.{0,60}?\b(?:need|needs|must|should)\s+to\s+improve|"
    r"improvements?\s+(?:are\s+)?(?:needed|required)|should\s+improve)\b",
    re.IGNORECASE,
)
STRENGTH_LEAD = re.compile(
    r"\b(?:areas?\s+where\b.{0,60}?\b(?:was|were|is|are)\s+(?:good|strong|outstanding)|strengths?\s+(?:include|are)|"
    r"what\s+(?:is\s+)?(?:working|works)\s+well|(?:the\s+report|inspectors|ofsted)\s+praised)\b",
    re.IGNORECASE,
)
WEAKNESS = re.compile(
    r"\b(?:remains?\s+variable|remain(?:s|ed)?\s+(?:too\s+)?\w+\s*(?:and\s+)?variable|not\s+consistently|lack\s+of|"
    r"too\s+long|insufficient|not\s+yet|inconsistent|weak(?:ness|nesses)?|poor|delays?\b|drift|unwillingness|"
    r"not\s+(?:always|sufficiently|robust|effective)|needs?\s+to\s+(?:accelerate|improve|strengthen|ensure)|"
    r"patchy|criticised)\b",
    re.IGNORECASE,
)
FOUND_BY_INSPECTORS = re.compile(
    r"\b(?:found|identified|criticised|highlighted|concluded|noted|inspectors|ofsted|the\s+report|the\s+visit)\b",
    re.IGNORECASE,
)


def _list_after(ctx: DocContext, lead_index: int) -> list[Sentence]:
    """The items of a list that follows a lead sentence: consecutive items of one marker kind."""
    items: list[Sentence] = []
    blocks: dict[int, list[Sentence]] = {}
    kind = None
    for sentence in ctx.sentences[lead_index + 1 :]:
        if not sentence.is_list_item:
            break
        if kind is None:
            kind = sentence.marker
        elif sentence.marker != kind:
            break
        blocks.setdefault(sentence.block, []).append(sentence)
    for block in blocks.values():
        start, end = block[0].span.start, block[-1].span.end
        items.append(
            Sentence(Span(start, end), ctx.text[start:end], block[0].block, True, kind or "")
        )
    return items


def _is_lead(sentence: Sentence, pattern: re.Pattern[str]) -> bool:
    text = sentence.text.rstrip()
    if not pattern.search(text):
        return False
    return text.endswith((":", "?")) or (
        len(text.split()) <= 12 and bool(re.search(r"improv|good|strength", text, re.IGNORECASE))
    )


def _listed(ctx: DocContext, inspection: int) -> list[FindingFact]:
    found: list[FindingFact] = []
    for index, sentence in enumerate(ctx.sentences):
        if _is_lead(sentence, STRENGTH_LEAD):
            kind = "Strength"
        elif _is_lead(sentence, IMPROVE_LEAD):
            kind = "AreaForImprovement"
        else:
            continue
        for item in _list_after(ctx, index):
            text = item.text.rstrip(" .;")
            found.append(
                FindingFact(
                    inspection,
                    kind,
                    text,
                    Span(item.span.start, item.span.start + len(text)),
                    all_matches("Themes", text),
                )
            )
    return found


def _inspection_for(ctx: DocContext, body: str | None) -> int | None:
    if body is None:
        return ctx.subject_inspection
    own = [i for i, fact in enumerate(ctx.inspections) if fact.body == body]
    if ctx.subject_inspection in own:
        return ctx.subject_inspection
    if not own:
        return None
    subject_kind = (
        ctx.inspections[ctx.subject_inspection].kind if ctx.subject_inspection is not None else None
    )
    return max(
        own,
        key=lambda i: (ctx.inspections[i].kind == subject_kind, len(ctx.inspections[i].spans), -i),
    )


def _reported_weaknesses(ctx: DocContext) -> list[FindingFact]:
    found: list[FindingFact] = []
    focus: str | None = ctx.subject_la
    for sentence in ctx.sentences:
        named = [
            m
            for m in ctx.orgs_in(sentence.span)
            if not m.short_form and ctx.orgs[m.key].kind == "LocalAuthority"
        ]
        if named:
            focus = named[-1].key
        if sentence.is_list_item or not (
            WEAKNESS.search(sentence.text) and FOUND_BY_INSPECTORS.search(sentence.text)
        ):
            continue
        themes = all_matches("Themes", sentence.text)
        inspection = _inspection_for(ctx, focus)
        if themes and inspection is not None:
            found.append(
                FindingFact(inspection, "AreaForImprovement", sentence.text, sentence.span, themes)
            )
    return found


def find_findings(ctx: DocContext) -> list[FindingFact]:
    if ctx.subject_inspection is None:
        return []
    listed = _listed(ctx, ctx.subject_inspection)
    if any(f.finding_type == "AreaForImprovement" for f in listed):
        return listed
    return listed + _reported_weaknesses(ctx)
