"""Inspections and visits a document speaks of: kind, body, dates, grades, inspectors, publication.

A sentence speaks of an inspection when it names a kind ("focused visit", "standard
inspection", "monitoring visit"), or says a body was inspected, rated, judged or graded by
the inspectorate.  Mentions of one body's inspection of the same kind with compatible dates
are one inspection; the one the document mentions most is its subject (the one its
findings, inspectors and publication date belong to).  Sentences about the future ("the
next inspection"), about a period ("inadequate since 2010", "from 2008-2018") or about the
framework itself give no inspection.
"""

from __future__ import annotations

import re

from ofsted_kg.loaders.context import DocContext
from ofsted_kg.loaders.dates import find_dates, find_ranges, loose_months
from ofsted_kg.loaders.model import InspectionFact, JudgementFact, Span
from ofsted_kg.loaders.schemes import best_match, concepts
from ofsted_kg.loaders.segment import Sentence

GRADE_WORDS = r"outstanding|good|inadequate|requires?\s+improvement(?:\s+to\s+be\s+good)?|required\s+improvement"
RATED = re.compile(
    rf"\b(?:rated|judged|graded|grading\s+of|judgement\s+of|found\s+to\s+be|assessed\s+as|given\s+an?)\s+"
    rf"(?:(?:by\s+Ofsted|services|them|it|as|being|to\s+be|to|now|the\s+service|previously)\s+)*"
    rf"(?:(?-i:[A-Z][\w’'-]+)['’]?s?\s+(?:children['’]s\s+services\s+(?:as\s+)?)?){{0,4}}[‘'\"“]?(?P<grade>{GRADE_WORDS})\b",
    re.IGNORECASE,
)
IS_GRADE = re.compile(
    r"\b(?:are|is|were|was)\s+(?:now\s+)?(?:(?:judged|rated|graded)\s+(?:to\s+be\s+|as\s+)?)?[‘'\"“]?"
    r"(?P<grade>Outstanding|Good|Inadequate|Requires\s+improvement(?:\s+to\s+be\s+good)?)\b"
)
FOUND_GRADE = re.compile(
    r"\bfound\s+(?:that\s+)?(?:(?:they|it|services|the\s+service|the\s+council|children['’]s\s+services)\s+)?"
    r"(?P<grade>required\s+improvement|requires?\s+improvement|(?:to\s+be\s+|were\s+|was\s+)?inadequate)\b",
    re.IGNORECASE,
)
NOT_AN_EVENT = re.compile(
    r"\b(?:next|future|forthcoming|planning\s+the|notification|framework\s+for|in\s+line\s+with|"
    r"since\s+(?:19|20)\d\d|from\s+(?:19|20)\d\d\s*[-–]|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d|every|"
    r"each\s+of\s+its|all\s+(?:six|five|four|three|two|of)\s+its|for\s+(?:many\s+|several\s+|\d+\s+)?years|"
    r"for\s+(?:a|over\s+a|more\s+than\s+a)\s+decade)\b",
    re.IGNORECASE,
)
INSPECTION_NOUN = re.compile(
    r"\b(?:full|ofsted|last|latest|previous|recent|new|standard|short|an|the|this|its|ilacs)\s+inspection\b|"
    r"\binspection\s+(?:of|took|in|carried|dates?|was|report)\b|\binspected\b",
    re.IGNORECASE,
)
PUBLISHED = re.compile(
    r"\bpublished\s+(?:on\s+)?(?P<when>today|\d{1,2}\s+\w+\s+\d{4})", re.IGNORECASE
)
NEEDS_OFSTED = re.compile(r"\bOfsted\b|\binspect", re.IGNORECASE)
EACH_GRADED = re.compile(
    rf"\b(?:each\s+of\s+which\s+was|all\s+(?:five|four|of\s+the)?\s*(?:areas|judgements)\s+\w+\s+(?:were\s+)?)\s*"
    rf"(?:graded|rated|judged)\s+(?:as\s+)?[‘'\"“]?(?P<grade>{GRADE_WORDS})",
    re.IGNORECASE,
)
GRADE_CONCEPT = {
    "outstanding": "Outstanding",
    "good": "Good",
    "inadequate": "Inadequate",
    "requires improvement": "RequiresImprovement",
    "requires improvement to be good": "RequiresImprovement",
    "required improvement": "RequiresImprovement",
    "require improvement": "RequiresImprovement",
    "require improvement to be good": "RequiresImprovement",
    "to be inadequate": "Inadequate",
    "were inadequate": "Inadequate",
    "was inadequate": "Inadequate",
}
VISIT_KINDS = {"FocusedVisit", "MonitoringVisit", "AnnualConversation"}


def grade_of(words: str) -> str:
    return GRADE_CONCEPT[re.sub(r"\s+", " ", words.lower())]


def kind_class(kind: str) -> str:
    """Kinds that can be the same event: every full inspection is one class, each visit its own."""
    return kind if kind in VISIT_KINDS else "inspection"


def _kind_in(sentence: str) -> str | None:
    kind = best_match("InspectionTypes", sentence)
    if kind == "FullInspection":
        return None
    return kind


def _grade_in(sentence: str, *, strong_only: bool = False) -> str | None:
    """The grade a clause gives; ``strong_only`` keeps only grades given with a rating verb."""
    for pattern in (RATED, FOUND_GRADE) if strong_only else (RATED, FOUND_GRADE, IS_GRADE):
        m = pattern.search(sentence)
        if m:
            return grade_of(m["grade"])
    return None


def _body_for(ctx: DocContext, sentence: Sentence, anchor: int, focus: str | None) -> str | None:
    mentions = [
        m
        for m in ctx.orgs_in(sentence.span)
        if ctx.orgs[m.key].kind in {"LocalAuthority", "ChildrensTrust"}
    ]
    named = [m for m in mentions if not m.short_form] or mentions
    if named:
        nearest = min(named, key=lambda m: abs(m.span.start - anchor))
        ref = ctx.orgs[nearest.key]
        return ref.serves or (ctx.subject_la if ref.kind == "ChildrensTrust" else ref.key)
    return focus or ctx.subject_la


def _dates(ctx: DocContext, sentence: Sentence) -> tuple[str | None, str | None]:
    s, e = sentence.span.start, sentence.span.end
    ranges = find_ranges(ctx.text, s, e)
    if ranges:
        return ranges[0].value, ranges[0].end_value
    for d in find_dates(ctx.text, s, e):
        before = ctx.text[max(s, d.start - 25) : d.start].lower()
        if re.search(
            r"\b(?:published(?:\s+on)?|dated|letter\s+of|since|until|by|from)\s+$", before
        ):
            continue
        return d.value, None
    loose = loose_months(ctx.text, s, e, ctx.year)
    if loose and re.search(
        r"\b(?:in|during|carried\s+out)\s+(?:late|early|mid)", ctx.text[s:e], re.IGNORECASE
    ):
        return loose.value, loose.end_value
    return None, None


COORDINATED_GRADE = re.compile(
    rf"\s*(?P<grade>{GRADE_WORDS})\s+in\s+(?:(?:January|February|March|April|May|June|July|August|September|"
    rf"October|November|December)\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(
    r"\s[–—-]\s|;\s|,\s+(?:and|but)\s+(?=\w+\s+(?:was|were|had|has)\b)|\s(?=since\s)|"
    rf"\s+and\s+(?=(?:{GRADE_WORDS})\s+in\s+)",
    re.IGNORECASE,
)


def _clauses(sentence: Sentence) -> list[Sentence]:
    """A sentence can speak of two inspections ("the latest ... – a contrast to the last in 2018")."""
    parts: list[Sentence] = []
    start = 0
    for m in CLAUSE_BREAK.finditer(sentence.text):
        parts.append(_sub(sentence, start, m.start()))
        start = m.end()
    parts.append(_sub(sentence, start, len(sentence.text)))
    return parts


def _sub(sentence: Sentence, start: int, end: int) -> Sentence:
    span = Span(sentence.span.start + start, sentence.span.start + end)
    return Sentence(span, sentence.text[start:end], sentence.block, sentence.is_list_item)


def _mention(
    ctx: DocContext, sentence: Sentence, focus: str | None, whole: str
) -> InspectionFact | None:
    """The inspection one clause speaks of: a named kind, an inspection noun, or a grade given.

    ``whole`` is the sentence the clause comes from: in "rated good in 2019 and inadequate in
    2016" the second clause borrows the first one's rating verb.
    """
    text = sentence.text
    kind = _kind_in(text)
    grade = _grade_in(text)
    coordinated = COORDINATED_GRADE.match(text)
    if grade is None and coordinated and RATED.search(whole):
        grade = grade_of(coordinated["grade"])
    noun = INSPECTION_NOUN.search(text)
    speaks_of_inspectorate = bool(NEEDS_OFSTED.search(text)) or ctx.mentions_inspectorate
    strong_grade = _grade_in(text, strong_only=True) or (grade if coordinated else None)
    if kind is None and not (
        (noun and NEEDS_OFSTED.search(text))
        or (strong_grade and speaks_of_inspectorate)
        or (grade and noun)
    ):
        return None
    anchor = sentence.span.start + (noun.start() if noun else 0)
    body = _body_for(ctx, sentence, anchor, focus)
    if body is None:
        return None
    start, end = _dates(ctx, sentence)
    return InspectionFact(
        body=body,
        kind=kind or "FullInspection",
        spans=[sentence.span],
        start=start,
        end=end,
        overall_grade=grade,
    )


def compatible(a: InspectionFact, b: InspectionFact) -> bool:
    """Same body, same class of kind, and dates that do not contradict (one refines the other)."""
    if a.body != b.body or kind_class(a.kind) != kind_class(b.kind):
        return False
    if a.start and b.start and not (a.start.startswith(b.start) or b.start.startswith(a.start)):
        return False
    return not (a.overall_grade and b.overall_grade and a.overall_grade != b.overall_grade)


def merge_into(target: InspectionFact, other: InspectionFact) -> None:
    """Fold one mention into another: the more precise date and the more specific kind win."""
    target.spans.extend(s for s in other.spans if s not in target.spans)
    if other.start and (not target.start or len(other.start) > len(target.start)):
        target.start, target.end = other.start, other.end or target.end
    target.end = target.end or other.end
    if target.kind == "FullInspection" and other.kind != "FullInspection":
        target.kind = other.kind
    target.overall_grade = target.overall_grade or other.overall_grade
    target.published = target.published or other.published
    target.framework = target.framework or other.framework
    target.inspectors += [p for p in other.inspectors if p not in target.inspectors]
    target.judgements += other.judgements


def _tone(text: str, fact: InspectionFact) -> int:
    """+1 for "latest/new/this", -1 for "last/previous": the two are different inspections."""
    spoken = " ".join(text[sp.start : sp.end] for sp in fact.spans)
    return int(bool(CURRENT.search(spoken))) - int(bool(PREVIOUS.search(spoken)))


def _merge(mentions: list[InspectionFact], text: str) -> list[InspectionFact]:
    """One document's mentions of one inspection become one fact (see ``compatible``)."""
    dated = sorted((m for m in mentions if m.start), key=lambda m: -len(m.start or ""))
    undated = [m for m in mentions if not m.start]
    merged: list[tuple[InspectionFact, int]] = []
    for m in dated + undated:
        tone = _tone(text, m)
        candidates = [
            (t, tt)
            for t, tt in merged
            if compatible(t, m) and tone * tt >= 0 and (m.start or tt >= 0)
        ]
        if len(candidates) == 1 or (candidates and not m.start):
            target, target_tone = max(candidates, key=lambda c: (len(c[0].spans), c[0].start or ""))
            merge_into(target, m)
            if target_tone == 0 and tone:
                merged = [(t, tone if t is target else tt) for t, tt in merged]
        else:
            merged.append((m, tone))
    return [t for t, _ in merged]


def _judgements(ctx: DocContext, subject: InspectionFact) -> None:
    """Judgement areas with their grades: "Help and protection: Good", or a graded list of areas."""
    areas = concepts("JudgementAreas")
    for i, sentence in enumerate(ctx.sentences):
        each = EACH_GRADED.search(sentence.text)
        if not each:
            continue
        grade = grade_of(each["grade"])
        for item in ctx.sentences[i + 1 : i + 8]:
            if not item.is_list_item:
                break
            area = best_match("JudgementAreas", item.text)
            if area:
                subject.judgements.append(JudgementFact(area, grade, item.span))
    for area in areas:
        for label in area.labels:
            pattern = re.compile(
                r"\b"
                + r"\W+".join(map(re.escape, label.split()))
                + rf"\b[ \t]*[:\-–|\t][ \t]*(?P<grade>{GRADE_WORDS})",
                re.IGNORECASE,
            )
            for m in pattern.finditer(ctx.text):
                subject.judgements.append(
                    JudgementFact(area.name, grade_of(m["grade"]), Span(m.start(), m.end()))
                )
    seen: set[str] = set()
    unique = []
    for j in subject.judgements:
        if j.area not in seen:
            seen.add(j.area)
            unique.append(j)
    subject.judgements = unique
    overall = next((j for j in unique if j.area == "OverallEffectiveness"), None)
    if overall and not subject.overall_grade:
        subject.overall_grade = overall.grade


def _inspectors(ctx: DocContext, subject: InspectionFact) -> None:
    for m in ctx.memberships:
        if m.role_concept in {"HMInspector", "Inspector"} and m.person not in subject.inspectors:
            subject.inspectors.append(m.person)


def _published(ctx: DocContext, subject: InspectionFact) -> None:
    for sentence in ctx.sentences:
        m = PUBLISHED.search(sentence.text)
        if not m or not re.search(r"report|Ofsted", sentence.text):
            continue
        if m["when"].lower() == "today":
            subject.published = ctx.document.date
        else:
            dates = find_dates(m["when"])
            subject.published = dates[0].value if dates and len(dates[0].value) == 10 else None
        if subject.published:
            return


CURRENT = re.compile(r"\b(?:latest|new|today|this|recent|current|most\s+recent)\b", re.IGNORECASE)
PREVIOUS = re.compile(r"\b(?:last|previous|earlier|prior|former)\b", re.IGNORECASE)


def _subject_rank(ctx: DocContext, inspection: InspectionFact) -> tuple[bool, int, int, str]:
    """The inspection a document is about: its own body's, called latest rather than last, most recent."""
    texts = [ctx.text[s.start : s.end] for s in inspection.spans]
    tone = sum(bool(CURRENT.search(t)) - bool(PREVIOUS.search(t)) for t in texts)
    return (inspection.body == ctx.subject_la, tone, len(inspection.spans), inspection.start or "")


def find_inspections(ctx: DocContext) -> tuple[list[InspectionFact], int | None]:
    mentions: list[InspectionFact] = []
    focus: str | None = None
    for sentence in ctx.sentences:
        las = [
            m
            for m in ctx.orgs_in(sentence.span)
            if not m.short_form and ctx.orgs[m.key].kind == "LocalAuthority"
        ]
        if las:
            focus = las[-1].key
        if NOT_AN_EVENT.search(sentence.text):
            continue
        for clause in _clauses(sentence):
            mention = _mention(ctx, clause, focus, sentence.text)
            if mention:
                mentions.append(mention)
    inspections = _merge(mentions, ctx.text)
    if not inspections:
        return [], None
    subject_index = max(range(len(inspections)), key=lambda i: _subject_rank(ctx, inspections[i]))
    subject = inspections[subject_index]
    subject.is_subject = True
    _judgements(ctx, subject)
    _published(ctx, subject)
    if ctx.document.genre in {"ofsted-letter", "inspection-report"}:
        _inspectors(ctx, subject)
        subject.framework = subject.framework or (
            "ILACS" if re.search(r"\bILACS\b", ctx.text) else None
        )
    elif re.search(r"\bILACS\b", ctx.text):
        subject.framework = "ILACS"
    for inspection in inspections:
        for body_key in {inspection.body}:
            ctx.ensure_org(body_key, inspection.spans[0])
    return inspections, subject_index
