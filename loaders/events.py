"""Other events in a service's history: bodies set up or taking over, interventions, posts, reports.

Each event is one trigger in one sentence (outside quoted speech), typed by the EventTypes
scheme of ``ontology/schemes.ttl`` (its labels are triggers, so adding a spelling there
teaches this reader) plus the phrasings below:
    Establishment           "X was established in 2021 as ...", "formally commenced operations"
    Takeover                "the Trust took over children's services in 2021",
                            "will be taken over by an independent trust in April 2024"
    Intervention            "formal intervention by the Department for Education",
                            "issued a statutory direction", "an improvement notice"
    CommissionerAppointment "the appointment of a series of commissioners"
    Appointment, Departure  "X was brought in as Chief Executive", "X stepped down"
    Publication             "published on 3 March 2022" (only with a date: "today" is the
                            document's date)
    Meeting                 "Report to Cabinet" (a report's header: the document's date)
A trigger's date is the first date after it in its clause (up to the next trigger), or a date
opening the sentence ("In April 2024, the trust took over ...").  Deaths, reviews and
convictions come from the cases reader, so that they exist only for a real case.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ofsted_kg.loaders.cases import find_case_events
from ofsted_kg.loaders.context import DocContext
from ofsted_kg.loaders.dates import find_dates
from ofsted_kg.loaders.lexicon import ROLE_NOUNS
from ofsted_kg.loaders.model import EventFact, Span
from ofsted_kg.loaders.normalise import squeeze
from ofsted_kg.loaders.schemes import concepts
from ofsted_kg.loaders.segment import Sentence
from ofsted_kg.loaders.statements import quote_runs

# -- word lists of this reader ------------------------------------------------
# Phrasings beyond the scheme's labels, by concept.
EXTRA_TRIGGERS: dict[str, list[str]] = {
    "CommissionerAppointment": [
        r"\bappoint(?:ed|ment\s+of)\s+(?:\w+\s+){0,4}?(?:children['’]s\s+services\s+)?commissioners?\b",
        r"\bcommissioners?\b[^.]{0,60}?\b(?:was|were|has\s+been|have\s+been)\s+appointed\b",
    ],
    "Intervention": [
        r"\b(?:issued|served|given|placed\s+under|subject\s+to)\s+(?:a\s+|an\s+)?(?:statutory\s+)?"
        r"(?:direction|improvement\s+notice)\b",
        r"\bdirection\s+(?:from|by|issued\s+by)\s+(?:the\s+)?(?:children['’]s\s+)?(?:minister|"
        r"secretary\s+of\s+state|department\s+for\s+education|education\s+secretary)\b",
        r"\b(?:minister|secretary\s+of\s+state|education\s+secretary)\b[^.]{0,40}?\b(?:directed|"
        r"issued\s+a\s+direction)\b",
        r"\bintervention\s+by\s+the\s+(?:department|government|secretary\s+of\s+state)\b",
    ],
    "Takeover": [r"\b(?:took|taken|take|takes|taking)\s+over\b"],
    "Establishment": [
        r"\b(?:was|were|has\s+been|had\s+been)\s+(?:formally\s+)?(?:established|set\s+up|created|"
        r"formed|launched|founded)\b",
        r"\b(?:commenced|began|started)\s+(?:operations|operating|trading)\b",
    ],
    "Appointment": [
        r"\b(?:was|has\s+been|had\s+been|were|is)\s+(?:formally\s+|recently\s+|now\s+|later\s+)?"
        r"(?:appointed(?:\s+as)?|brought\s+in\s+as|(?:named|hired|confirmed)\s+as)\b",
        r"\b(?:took|takes|take|taking)\s+over\s+(?:from\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*\s+)?as\b",
        r"\bbrought\s+in\s+as\b",
        r"\bappointed\s+as\b",
        r"\bappointed\b(?=\s+(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+)?[A-Z][\w’'-]+\s+[A-Z][\w’'-]+\s+as\b)",
        r"\b(?:joined|joins)\s+(?:the\s+[\w’']+\s+)?as\b",
    ],
    "Departure": [
        r"\b(?:stepped|stepping|steps|step)\s+down\b",
        r"\b(?:resigned|resigns|retired|retires|quit)\b",
        r"\bleft\s+(?:the\s+|his\s+|her\s+)(?:council|trust|post|role|authority|organisation)\b",
        r"\b(?:was|has\s+been)\s+(?:sacked|dismissed)\b",
    ],
    "Publication": [
        r"\b(?:was|were|has\s+been|have\s+been|is|been)\s+published\b",
        r"\bpublished\s+(?:on|in|today|yesterday)\b",
        r"\bpublished\s+(?:a|its|the|their)\s+(?:[\w’']+\s+){0,3}?(?:report|letter|review)\b",
    ],
    "Meeting": [r"\bmeeting\s+of\s+(?:the\s+)?(?:cabinet|full\s+council|committee|board)\b"],
}
# Review, Conviction and Death come from the cases reader.  "took over as chair" is an
# appointment, so Appointment is tried before Takeover.
SCHEME_CONCEPTS = [
    "CommissionerAppointment", "Intervention", "Appointment", "Takeover", "Establishment",
    "Departure", "Publication", "Meeting",
]  # fmt: skip
# Scheme labels that are bare nouns with other senses ("staff establishment", "the appointment of
# an experienced director") are left out; the phrasings above cover their event uses.
BARE_NOUNS = {
    "establishment", "appointment", "publication", "departure", "takeover", "conviction", "death",
}  # fmt: skip
NOT_INVOLVED_KINDS = {"MediaOrganisation"}
ROLE_LOWER = re.compile(
    r"^\s*(?:the\s+|a\s+|an\s+)?(?P<role>(?:(?:interim|acting|deputy|new|independent)\s+)?(?P<head>[a-z]+)"
    r"(?:\s+(?:of|for)\s+[^,.;]{1,50}?)?)(?=\s*(?:[,.;]|\s+(?:to|in|on|from|after|which|who|and)\b|$))"
)
ROLE_AFTER = re.compile(
    r"^\s*(?:as\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?P<role>[A-Z][\w’'&-]*(?:\s+(?:of|for|and|&)?\s*[A-Z][\w’'&-]*)*)"
)
DEPARTURE_VERBS = {"resignation": "resigned", "retirement": "retired", "departure": "left"}
HEADER_SENTENCES = 12
SENTENCE_OPENING = 4  # characters before a body that still opens its sentence ("The Trust")
PUBLISHED_DATE_REACH = 25
FUTURE = re.compile(r"\b(?:will|would|to|is\s+to|plans\s+to|set\s+to|is)\s+$", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[,;:“”\"‘]|\s(?:which|who|and|but|after|before|when|said|told)\b")
PASSIVE = ("was", "has", "had", "were", "is", "brought", "took", "takes", "take", "taking")
HONORIFIC_ONLY = re.compile(r"\s*(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+)?")
SUBJECT_GAP = re.compile(
    r"\s*(?:,[^.;“”\"]{1,100}?,\s*|,\s*)?"
    r"(?:(?:who|has|had|have|is|was|were|will|would|to|also|then|later|subsequently|recently|formally|"
    r"since|announced|confirmed|said|in\s+\w+(?:\s+\d{4})?|that|he|she|they)\s+)*",
    re.IGNORECASE,
)
TODAY = re.compile(r"\btoday\b", re.IGNORECASE)


@dataclass(frozen=True)
class Trigger:
    """Words that state an event of a type (a concept of okg:EventTypes)."""

    concept: str
    start: int
    end: int
    words: str


@functools.cache
def trigger_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per concept: the scheme's labels (whole words) and this reader's phrasings."""
    labels = {
        c.name: [lb for lb in c.labels if lb not in BARE_NOUNS] for c in concepts("EventTypes")
    }
    out = []
    for concept in SCHEME_CONCEPTS:
        parts = [r"\W+".join(re.escape(w) for w in lb.split()) for lb in labels.get(concept, [])]
        body = "|".join([rf"(?<!\w)(?:{p})(?!\w)" for p in parts] + EXTRA_TRIGGERS[concept])
        out.append((concept, re.compile(body, re.IGNORECASE)))
    return tuple(out)


def _triggers(ctx: DocContext, sentence: Sentence, quoted: list[Span]) -> list[Trigger]:
    """Event triggers of a sentence, outside quotes, one per stretch of words (precedence wins)."""
    found: list[Trigger] = []
    for concept, pattern in trigger_patterns():
        for m in pattern.finditer(ctx.text, sentence.span.start, sentence.span.end):
            if any(q.start <= m.start() < q.end for q in quoted):
                continue
            if any(m.start() < t.end and t.start < m.end() for t in found):
                continue
            found.append(Trigger(concept, m.start(), m.end(), squeeze(m.group(0))))
    return sorted(found, key=lambda t: t.start)


# -- what a trigger says ---------------------------------------------------------
def _date(ctx: DocContext, sentence: Sentence, triggers: list[Trigger], index: int) -> str | None:
    """The first date after the trigger in its clause, or a date opening the sentence.

    A publication's date must follow "published" at once ("published on 8 November 2022"):
    "published a letter following its visit on 4 October" gives the visit's date, not its own.
    """
    trigger = triggers[index]
    stop = triggers[index + 1].start if index + 1 < len(triggers) else sentence.span.end
    if trigger.concept == "Publication":
        stop = min(stop, trigger.end + PUBLISHED_DATE_REACH)
    after = find_dates(ctx.text, trigger.end, stop)
    if after:
        return after[0].value
    if index == 0:
        before = find_dates(ctx.text, sentence.span.start, trigger.start)
        if before:
            return before[-1].value
    if TODAY.search(ctx.text, trigger.end, stop) and ctx.document.date:
        return ctx.document.date
    return None


def _orgs(ctx: DocContext, start: int, end: int) -> list[str]:
    """Bodies named in a stretch, once each; a news outlet's credit line is no party to an event."""
    keys = [
        m.key
        for m in ctx.orgs_in(Span(start, end))
        if ctx.orgs[m.key].kind not in NOT_INVOLVED_KINDS
    ]
    return list(dict.fromkeys(keys))


def _of_kind(ctx: DocContext, keys: list[str], *kinds: str) -> list[str]:
    """The bodies of some kinds only: the council of a takeover, the department of a direction."""
    return [k for k in keys if ctx.orgs[k].kind in kinds]


def _name(ctx: DocContext, key: str) -> str:
    """A readable name for a label: the body's canonical name or the person's full name."""
    if key in ctx.orgs:
        return ctx.orgs[key].name
    return ctx.people[key].name


def _subject_person(
    ctx: DocContext, sentence: Sentence, trigger: Trigger, *, active: bool
) -> str | None:
    """Who is appointed or leaves: the subject of the trigger, or the object of an active verb.

    "X, who was brought in as ...", "X, the director, stepped down", "X announced that she
    would step down": X.  "the council appointed X as ...": X.  A name elsewhere in the
    sentence ("retired police officer X", "Y spoke to X, who resigned") is not enough.
    """
    if active:
        after = ctx.people_in(Span(trigger.end, min(sentence.span.end, trigger.end + 80)))
        if after and HONORIFIC_ONLY.fullmatch(ctx.text[trigger.end : after[0][0].start]):
            return after[0][1]
    people = ctx.people_in(Span(sentence.span.start, trigger.start))
    if people and SUBJECT_GAP.fullmatch(ctx.text[people[-1][0].end : trigger.start]):
        return people[-1][1]
    return None


def _role(ctx: DocContext, trigger: Trigger, end: int) -> str | None:
    """ "brought in as Chief Executive to run ...": the role after "as" — capitalised, or a
    phrase headed by a role noun ("as chair of the new trust")."""
    tail = ctx.text[trigger.end : end]
    if trigger.words.lower().endswith(" as"):
        rest = tail
    else:
        m = re.match(r"[^,.;]{0,60}?\bas\s+", tail)
        if m is None:
            return None
        rest = tail[m.end() :]
    m = ROLE_AFTER.match(rest)
    if m and m["role"].split()[0].lower() not in {"a", "an", "the", "its", "their"}:
        return squeeze(m["role"])
    m = ROLE_LOWER.match(rest)
    if m and m["head"].lower() in ROLE_NOUNS:
        return squeeze(m["role"])
    return None


def _clause_end(ctx: DocContext, trigger: Trigger, stop: int) -> int:
    """Where a post's clause ends: at a comma, a quote or a new clause ("... the Trust which")."""
    m = CLAUSE_BREAK.search(ctx.text, trigger.end, stop)
    return m.start() if m else stop


def _body_of(ctx: DocContext, person: str) -> list[str]:
    """The body a person holds a role in, when the sentence names none."""
    return [m.org for m in ctx.memberships if m.person == person][:1]


def _event(
    ctx: DocContext, sentence: Sentence, triggers: list[Trigger], index: int
) -> EventFact | None:
    """The event one trigger states, or None when its parties cannot be found."""
    trigger = triggers[index]
    date = _date(ctx, sentence, triggers, index)
    builder = BUILDERS[trigger.concept]
    made = builder(
        ctx,
        sentence,
        trigger,
        triggers[index + 1].start if index + 1 < len(triggers) else sentence.span.end,
        date,
    )
    if made is None:
        return None
    involves, label = made
    return EventFact(trigger.concept, sentence.span, date, involves, label)


Built = tuple[list[str], str] | None


def _establishment(
    ctx: DocContext, sentence: Sentence, trigger: Trigger, stop: int, date: str | None
) -> Built:
    """The body set up is the subject: the body opening the sentence, or the one just before
    the trigger ("X, a company owned by the council, was established")."""
    mentions = [
        m
        for m in ctx.orgs_in(Span(sentence.span.start, trigger.start))
        if ctx.orgs[m.key].kind not in {"Inspectorate", "GovernmentDepartment", *NOT_INVOLVED_KINDS}
    ]
    if not mentions:
        return None
    if SUBJECT_GAP.fullmatch(ctx.text[mentions[-1].span.end : trigger.start]):
        body = mentions[-1].key
    elif mentions[0].span.start - sentence.span.start <= SENTENCE_OPENING:
        body = mentions[0].key
    else:
        return None
    owners = [
        k for k in _of_kind(ctx, _orgs(ctx, trigger.end, stop), "LocalAuthority") if k != body
    ]
    verb = (
        "commenced operations"
        if re.search(r"commenc|began|started", trigger.words, re.I)
        else "established"
    )
    return [body, *owners], f"{_name(ctx, body)} {verb}"


def _takeover(
    ctx: DocContext, sentence: Sentence, trigger: Trigger, stop: int, date: str | None
) -> Built:
    """A trust (or other body) takes over a council's services: the document's council by default."""
    keys = [
        k
        for k in _orgs(ctx, sentence.span.start, sentence.span.end)
        if ctx.orgs[k].kind != "Inspectorate"
    ]
    if not keys and not re.search(
        r"\bservices\b", ctx.text[sentence.span.start : sentence.span.end], re.I
    ):
        return None  # "took over" with no body and no services is some other taking over
    councils = _of_kind(ctx, keys, "LocalAuthority")
    if not councils and ctx.subject_la:
        councils = [ctx.subject_la]
    takers = [k for k in keys if k not in councils and ctx.orgs[k].kind != "GovernmentDepartment"]
    if not councils and not takers:
        return None
    if takers and councils:
        label = (
            f"{_name(ctx, takers[0])} takes over children's services from {_name(ctx, councils[0])}"
        )
    elif councils:
        label = f"Takeover of {_name(ctx, councils[0])} children's services"
    else:
        label = f"{_name(ctx, takers[0])} takes over children's services"
    return [*takers[:1], *councils[:1]], label


def _council(ctx: DocContext, sentence: Sentence) -> str | None:
    """The council a sentence names, else the one the document is about."""
    councils = _of_kind(ctx, _orgs(ctx, sentence.span.start, sentence.span.end), "LocalAuthority")
    return councils[0] if councils else ctx.subject_la


def _intervention(
    ctx: DocContext, sentence: Sentence, trigger: Trigger, stop: int, date: str | None
) -> Built:
    """The government intervenes in a council: the department named, and the council."""
    council = _council(ctx, sentence)
    departments = _of_kind(
        ctx, _orgs(ctx, sentence.span.start, sentence.span.end), "GovernmentDepartment"
    )
    involves = [*departments[:1], *([council] if council else [])]
    if not involves:
        return None
    where = f" in {_name(ctx, council)}" if council else ""
    return involves, f"Government intervention{where}"


def _commissioner(
    ctx: DocContext, sentence: Sentence, trigger: Trigger, stop: int, date: str | None
) -> Built:
    """A commissioner sent to a council: the person named, if any, and the council."""
    council = _council(ctx, sentence)
    people = [k for _, k in ctx.people_in(sentence.span)]
    involves = list(dict.fromkeys([*people[:1], *([council] if council else [])]))
    if not involves:
        return None
    who = f"{_name(ctx, people[0])} appointed commissioner" if people else "Commissioner appointed"
    return involves, f"{who} for {_name(ctx, council)}" if council else who


def _appointment(
    ctx: DocContext, sentence: Sentence, trigger: Trigger, stop: int, date: str | None
) -> Built:
    """A named person takes a post; the body is the one named in the clause, if any."""
    person = _subject_person(
        ctx, sentence, trigger, active=not trigger.words.lower().startswith(PASSIVE)
    )
    if person is None:
        return None
    stop = _clause_end(ctx, trigger, stop)
    role = _role(ctx, trigger, stop)
    bodies = [k for k in _orgs(ctx, trigger.end, stop) if ctx.orgs[k].kind != "Inspectorate"]
    if _mentioned_after(ctx, person, trigger):  # "the council appointed X as ...": the appointer
        bodies += _orgs(ctx, sentence.span.start, trigger.start)[-1:]
    bodies = bodies or _body_of(ctx, person)
    label = f"{_name(ctx, person)} appointed" + (f" {role}" if role else "")
    if bodies and not (role and re.search(r"\b(?:of|for|at)\b", role)):
        label += f" of {_name(ctx, bodies[0])}" if role else f" at {_name(ctx, bodies[0])}"
    return [person, *bodies[:1]], label


def _mentioned_after(ctx: DocContext, person: str, trigger: Trigger) -> bool:
    """The person is the object of the trigger ("the council appointed X")."""
    return any(trigger.end <= s.start < trigger.end + 40 for s in ctx.people[person].spans)


def _departure(
    ctx: DocContext, sentence: Sentence, trigger: Trigger, stop: int, date: str | None
) -> Built:
    """A named person leaves a post ("stepped down", "resigned", "left the council")."""
    person = _subject_person(ctx, sentence, trigger, active=False)
    if person is None:
        return None
    verb = DEPARTURE_VERBS.get(trigger.words.lower(), trigger.words.lower())
    verb = re.sub(r"^(?:was|has been)\s+", "", verb)
    if FUTURE.search(ctx.text[sentence.span.start : trigger.start]):
        verb = "to " + re.sub(r"^(?:steps|stepping)\b", "step", verb)  # "would step down"
    else:
        verb = re.sub(r"^(?:step|steps|stepping)\s+down$", "stepped down", verb)
    stop = _clause_end(ctx, trigger, stop)
    role = _role(ctx, trigger, stop)
    bodies = [k for k in _orgs(ctx, trigger.start, stop) if ctx.orgs[k].kind != "Inspectorate"]
    bodies = bodies or _body_of(ctx, person)
    label = f"{_name(ctx, person)} {verb}" + (f" as {role}" if role else "")
    return [person, *bodies[:1]], label


def _publication(
    ctx: DocContext, sentence: Sentence, trigger: Trigger, stop: int, date: str | None
) -> Built:
    """A dated report: who published it, and the council it is about when it is an inspection's."""
    if date is None:
        return None
    keys = _orgs(ctx, sentence.span.start, sentence.span.end)
    text = ctx.text[sentence.span.start : sentence.span.end]
    inspectorates = _of_kind(ctx, keys, "Inspectorate")
    involves = list(keys)
    kind = re.search(r"\b(report|letter|review|plan)\b", text, re.I)
    inspection = re.search(r"\b(?:inspection|visit)\b", text, re.I)
    what = kind.group(1).lower() if kind else "report" if inspection else "document"
    of_inspection = (
        inspectorates
        or inspection
        or (ctx.subject_inspection is not None and what in {"report", "letter"})
    )
    if of_inspection and ctx.subject_la and ctx.subject_la not in involves:
        involves.append(ctx.subject_la)
    publisher = f"{_name(ctx, inspectorates[0])} " if inspectorates else ""
    label = f"{publisher}{what} published"
    return involves, label[0].upper() + label[1:]


def _meeting(
    ctx: DocContext, sentence: Sentence, trigger: Trigger, stop: int, date: str | None
) -> Built:
    """A formal meeting of a council body: the committee named, and its council."""
    committees = _of_kind(ctx, _orgs(ctx, sentence.span.start, sentence.span.end), "Committee")
    council = _council(ctx, sentence)
    body = re.search(r"cabinet|council|committee|board|scrutiny", trigger.words, re.I)
    name = body.group(0).capitalize() if body else "Formal"
    involves = [*committees[:1], *([council] if council else [])]
    if not involves:
        return None
    where = f"{_name(ctx, council)} " if council else ""
    return involves, f"{where}{name} meeting"


BUILDERS = {
    "Establishment": _establishment,
    "Takeover": _takeover,
    "Intervention": _intervention,
    "CommissionerAppointment": _commissioner,
    "Appointment": _appointment,
    "Departure": _departure,
    "Publication": _publication,
    "Meeting": _meeting,
}


def _header_date(ctx: DocContext, index: int, event: EventFact) -> EventFact:
    """A report's header ("Report to Cabinet") is the meeting on the document's date."""
    if event.event_type == "Meeting" and event.date is None and index < HEADER_SENTENCES:
        event.date = ctx.document.date
    return event


def _dedupe(events: list[EventFact]) -> list[EventFact]:
    """One event per type, date and participants; an undated copy of a dated one is dropped."""
    dated = {(e.event_type, frozenset(e.involves)) for e in events if e.date}
    seen: set[tuple[str, str | None, frozenset[str]]] = set()
    out = []
    for e in events:
        key = (e.event_type, e.date, frozenset(e.involves))
        if key in seen or (e.date is None and (e.event_type, frozenset(e.involves)) in dated):
            continue
        seen.add(key)
        out.append(e)
    return out


def find_events(ctx: DocContext) -> list[EventFact]:
    """Events of the document in reading order, then the dated moments of its cases."""
    quoted = [run.span for run in quote_runs(ctx.text) if len(run.words(ctx.text).split()) >= 3]
    events: list[EventFact] = []
    for index, sentence in enumerate(ctx.sentences):
        triggers = _triggers(ctx, sentence, quoted)
        for i in range(len(triggers)):
            event = _event(ctx, sentence, triggers, i)
            if event is not None:
                events.append(_header_date(ctx, index, event))
    return _dedupe(events + find_case_events(ctx))
