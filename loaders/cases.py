"""Child-safeguarding cases: a child who died or was harmed, the people involved, the outcome.

A person is the child of a case when the text says so of them by name:
    "a review into the death of X", "the murder of X", "admitted killing X"   (cue before)
    "X died", "X was found dead", "X, who was starved to death", "X's death"  (cue after)
A bare "X died" counts only where the text around it speaks of a child or of harm (a mother,
a baby, neglect, a serious case review), so that an adult's death is not a case; people who
hold a role in the document (a director, a councillor) are never the child.

The case then gathers every sentence that names the child, and the next sentences that go on
about it without the name ("His mother, Jane Doe, ...", "Social services were criticised"):
    kinship      "X's mother Y and her partner, Z" / "His mother, Y" / "Y, his mother,"
    the crime    "Y was convicted of manslaughter ..." / "Y and Z admitted killing X"
    the outcome  the conviction clause as written, with the names of those convicted
    the date     of the death or harm (not of a later review or trial), most precise wins
    the place    "in Margate" after the death or harm
    the bodies   councils, trusts, police, health bodies named in the case's sentences; the
                 document's council when the services are criticised without a name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ofsted_kg.loaders.context import DocContext
from ofsted_kg.loaders.dates import find_dates
from ofsted_kg.loaders.lexicon import AGE_WORDS, KIN_WORDS, MONTH_WORDS, SPEECH_VERBS
from ofsted_kg.loaders.model import CaseFact, EventFact, Involvement, Span
from ofsted_kg.loaders.normalise import squeeze

# -- word lists of this reader ------------------------------------------------
HARM_PASSIVE = (
    r"found\s+dead|killed|murdered|starved(?:\s+to\s+death)?|beaten(?:\s+to\s+death)?|shaken|"
    r"abused|tortured|neglected|seriously\s+(?:injured|harmed|hurt)|injured|harmed|assaulted"
)
AGE = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen)"
)
HARM_AFTER = re.compile(
    rf"^(?:\s*,\s*(?:aged\s+)?{AGE}(?:\s*(?:years?|months?|weeks?)(?:\s+old)?)?\s*,)?\s*,?\s*"
    r"(?:who\s+|which\s+)?(?:"
    rf"(?:was|were|had\s+been|has\s+been|being)\s+(?:(?:later|tragically|allegedly|then)\s+)?"
    rf"(?P<passive>{HARM_PASSIVE})"
    r"|(?P<died>died|dies)"
    r"|(?P<starved>starved\s+to\s+death|suffered\s+(?:serious|fatal|severe|life-threatening|"
    r"catastrophic|non-accidental)\s+(?:head\s+)?injuries))\b",
    re.IGNORECASE,
)
POSSESSIVE_AFTER = re.compile(
    r"^['’]s\s+(?:(?P<weak>death)|murder|killing|manslaughter|injuries|abuse|neglect)\b",
    re.IGNORECASE,
)
HARM_BEFORE = re.compile(
    r"(?:(?P<review>\breview\s+(?:into|of)(?:\s+the\s+(?:death|case|murder|killing)\s+of)?)"
    r"|\b(?P<weak>death|deaths)\s+of"
    r"|\b(?:killing|murder|manslaughter|abuse|neglect|torture|starvation|injuries|injury)\s+(?:of|to)"
    r"|\b(?:killing|killed|murdering|murdered|starving|starved|abusing|neglecting|beating|injuring)"
    r")\s+(?:the\s+)?(?:(?:\d{1,2}|" + AGE_WORDS + r")-(?:year|month|week)s?-old\s+)?"
    r"(?:(?:baby|toddler|little|schoolboy|schoolgirl|infant|tiny)\s+)?$",
    re.IGNORECASE,
)
CHILD_CONTEXT = re.compile(
    r"\b(?:baby|babies|toddler|boy|girl|infant|son|daughter|schoolboy|schoolgirl|aged\s+\d|"
    r"(?:\d{1,2}|"
    + AGE_WORDS
    + r")-(?:year|month|week)s?-old|mother|stepfather|father|serious\s+case\s+review|"
    r"practice\s+review|neglect(?:ed)?|abuse[d]?|starved|cruelty|killed|murder(?:ed)?)\b",
    re.IGNORECASE,
)
ADULT_AGE = re.compile(
    r"^\s*,\s*(?:aged\s+)?(?P<age>\d{1,3})\s*,|^\s*,?\s*(?:a|an)?\s*(?P<age2>\d{2,3})-year-old"
)
KIN_BEFORE = re.compile(
    rf"(?:\b(?:his|her|their)|['’]s)\s+(?:(?:own|birth|biological|late)\s+)?(?P<kin>{KIN_WORDS})\s*,?\s*$",
    re.IGNORECASE,
)
KIN_AFTER = re.compile(
    rf"^\s*,\s*(?:(?:his|her|their|[\w’'-]+['’]s)\s+(?:(?:own|birth|biological)\s+)?(?P<kin>{KIN_WORDS})\b"
    rf"|the\s+(?P<kin2>{KIN_WORDS})\s+of\b)",
    re.IGNORECASE,
)
CRIME_OBJECT = r"(?:\w+\s+){0,2}(?:killing|murder|manslaughter|causing|allowing|cruelty|neglect|homicide|assault|abuse)"
CRIME = re.compile(
    r"\b(?P<aux>(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?"
    r"(?P<verb>convicted|found\s+guilty|jailed|sentenced|imprisoned|charged|cleared|acquitted|"
    rf"(?:pleaded\s+guilty|admitted|denied)(?=\s+{CRIME_OBJECT}))\b",
    re.IGNORECASE,
)
OUTCOME_VERBS = {
    "convicted", "found guilty", "jailed", "sentenced", "imprisoned", "cleared", "acquitted",
    "pleaded guilty", "admitted",
}  # fmt: skip
CLAUSE_END = re.compile(r"[,;:.]|\s(?:after|when|while|because|who|which|but)\b|\s+-\s")
SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
VICTIM_TAIL = re.compile(
    r"\s+(?:of\s+|to\s+)?(?:(?:her|his|their)\s+(?:own\s+)?(?:son|daughter|child|baby|stepson|stepdaughter|"
    r"grandson|granddaughter)|him|her)$",
    re.IGNORECASE,
)
# Where and when a trial ended belongs to the outcome, not to the person's part.
PART_TAIL = re.compile(
    r"(?:\s+(?:at|in)\s+(?:[A-Z][\w'’]*\s+)*(?:Crown|Magistrates['’]?|Youth|High|Old\s+Bailey)\b.*"
    r"|\s+(?:in|on)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d)$"
)
LINK_CUE = re.compile(
    r"^\s*(?:His|Her|Their)\b|\b(?:her|his|their)\s+(?:son|daughter|child|baby)\b", re.IGNORECASE
)
CRITICISM = re.compile(
    r"\b(?:criticised|criticized|criticism|failings|failures|failed\s+to|missed\s+opportunities|"
    r"blamed|condemned|could\s+have\s+been\s+prevented|not\s+acting)\b",
    re.IGNORECASE,
)
PLACE_AFTER = re.compile(
    r"\b(?:in|at)\s+(?P<place>[A-Z][a-z]+(?:[ -](?:upon-|on-|under-)?[A-Z][a-z]+){0,3})\b"
)
NOT_PLACES = {w.capitalize() for w in MONTH_WORDS} | {"Court", "Crown", "Credit", "The", "A", "An"}
CASE_BODY_KINDS = {
    "LocalAuthority", "ChildrensTrust", "SafeguardingPartnership", "PoliceForce", "HealthService",
    "CouncilDirectorate",
}  # fmt: skip
DEATH_WORDS = re.compile(
    r"\b(?:died|dies|dead|death|killed|killing|murder(?:ed)?|manslaughter)\b", re.IGNORECASE
)
ADULT = 18
WINDOW = 2  # sentences a case carries on for without naming its child


@dataclass
class _Cue:
    """Words that name a person as the child of a case, and how strongly."""

    child: str
    start: int
    end: int
    kind: str  # "harm", "weak" (a bare death) or "review"
    words: str = ""


@dataclass
class _Crime:
    """One "Y was convicted of ..." clause: who, their part, the outcome as written, and when."""

    people: list[str]
    part: str
    outcome: str | None
    span: Span
    date: str | None


@dataclass
class _Case:
    """One child's case as it is read; ``fact()`` gives what the graph layer takes."""

    child: str
    spans: list[Span] = field(default_factory=list)
    parts: dict[str, list[str]] = field(default_factory=dict)
    bodies: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    location: str | None = None
    outcomes: list[str] = field(default_factory=list)
    crimes: list[_Crime] = field(default_factory=list)
    deaths: list[tuple[Span, str | None]] = field(default_factory=list)
    reviews: list[tuple[Span, str | None, str]] = field(default_factory=list)

    def add_part(self, person: str, part: str) -> None:
        """A person has one involvement with every part the text gives them ("mother; ...")."""
        parts = self.parts.setdefault(person, [])
        if part not in parts:
            parts.append(part)

    def fact(self) -> CaseFact:
        """The case for the graph: the most precise date of the harm wins."""
        date = max(self.dates, key=len) if self.dates else None
        return CaseFact(
            child=self.child,
            spans=sorted(set(self.spans)),
            involved=[Involvement(p, "; ".join(parts)) for p, parts in self.parts.items()],
            bodies=self.bodies,
            date=date,
            location=self.location,
            outcome="; ".join(self.outcomes) or None,
        )


# -- who is a child of a case ---------------------------------------------------
class MentionIndex:
    """Every person mention of a document, possessives included, looked up by span.

    The people reader leaves out possessives ("Ryan's mother"); here a full name or an
    unshared first name right before 's counts as a mention too.
    """

    def __init__(self, ctx: DocContext) -> None:
        """Index once per document: the case reader looks up mentions sentence by sentence."""
        found = [(span, key) for key, ref in ctx.people.items() for span in ref.spans]
        firsts = [ref.name.split()[0] for ref in ctx.people.values()]
        for key, ref in ctx.people.items():
            first = ref.name.split()[0]
            names = [ref.name, *([first] if firsts.count(first) == 1 else [])]
            pattern = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
            for m in re.finditer(rf"(?<![\w’'])(?:{pattern})(?=['’]s\b)", ctx.text):
                hit = Span(m.start(), m.end())
                if not any(s.start < hit.end and hit.start < s.end for s, _ in found):
                    found.append((hit, key))
        self.items = sorted(found)
        self.starts = [span.start for span, _ in self.items]

    def within(self, span: Span) -> list[tuple[Span, str]]:
        """(mention span, person key) for every mention inside ``span``, in order."""
        out = []
        for i in range(bisect_left(self.starts, span.start), len(self.items)):
            mention, key = self.items[i]
            if mention.start >= span.end:
                break
            if mention.end <= span.end:
                out.append((mention, key))
        return out


def _role_holders(ctx: DocContext) -> set[str]:
    """People who hold a post or carry a title (Cllr, Dr, Sir): adults, never the child."""
    return {m.person for m in ctx.memberships} | {k for k, p in ctx.people.items() if p.honorific}


def _is_adult(ctx: DocContext, end: int) -> bool:
    """ "Jane Doe, 40," or "a 31-year-old": a stated adult age rules a person out as the child."""
    m = ADULT_AGE.match(ctx.text[end : end + 20])
    if m is None:
        return False
    return int(m["age"] or m["age2"]) >= ADULT


def _cue_for(ctx: DocContext, sentence_start: int, mention: Span) -> tuple[str, int, str] | None:
    """The kind of case cue that names this mention as the child, where it ends, and its words.

    A cue after the name ("X, who was starved to death in Margate") is preferred: it
    reaches into the clause that says when and where.
    """
    after = ctx.text[mention.end : mention.end + 160]
    m = POSSESSIVE_AFTER.match(after)
    if m:
        return ("weak" if m["weak"] else "harm"), mention.end + m.end(), m.group(0)
    m = HARM_AFTER.match(after)
    if m:
        weak = m["died"] or (m["passive"] or "").lower().startswith("found")
        return ("weak" if weak else "harm"), mention.end + m.end(), m.group(0)
    m = HARM_BEFORE.search(ctx.text[sentence_start : mention.start])
    if m:
        kind = "review" if m["review"] else "weak" if m["weak"] else "harm"
        return kind, mention.end, m.group(0)
    return None


def _child_context(ctx: DocContext, index: int) -> bool:
    """Words of childhood or harm in this sentence or the two either side of it."""
    near = ctx.sentences[max(0, index - WINDOW) : index + WINDOW + 1]
    return any(CHILD_CONTEXT.search(s.text) for s in near)


def find_children(ctx: DocContext, mentions: MentionIndex) -> dict[str, list[_Cue]]:
    """Children of cases by person key, with every cue that names them."""
    holders = _role_holders(ctx)
    children: dict[str, list[_Cue]] = {}
    for index, sentence in enumerate(ctx.sentences):
        for mention, key in mentions.within(sentence.span):
            if key in holders or _is_adult(ctx, mention.end):
                continue
            cue = _cue_for(ctx, sentence.span.start, mention)
            if cue is None or (cue[0] == "weak" and not _child_context(ctx, index)):
                continue
            children.setdefault(key, []).append(_Cue(key, mention.start, cue[1], cue[0], cue[2]))
    return children


# -- what a sentence adds to a case -----------------------------------------------
def _target(mentions: list[tuple[Span, str]], pos: int, current: str) -> str:
    """The child a link at ``pos`` belongs to: the child named last before it, else first after."""
    before = [key for span, key in mentions if span.start < pos]
    if before:
        return before[-1]
    return mentions[0][1] if mentions else current


def _kinship(
    ctx: DocContext, start: int, end: int, children: set[str]
) -> list[tuple[int, str, str]]:
    """(position, person, kin word) for "his mother, Y", "X's mother Y", "Y, his mother"."""
    out = []
    for mention, key in ctx.people_in(Span(start, end)):
        if key in children:
            continue
        m = KIN_BEFORE.search(ctx.text[max(start, mention.start - 60) : mention.start])
        if m is None:
            m = KIN_AFTER.match(ctx.text[mention.end : min(end, mention.end + 60)])
        if m is not None:
            kin = (m.groupdict().get("kin") or m.groupdict().get("kin2") or "").lower()
            out.append((mention.start, key, squeeze(kin)))
    return out


def _clause(text: str, start: int, end: int) -> int:
    """End of the clause from ``start``: a crime's part or a harm's place stops there."""
    m = CLAUSE_END.search(text, start, end)
    return m.start() if m else end


def _crimes(
    ctx: DocContext, index: MentionIndex, span: Span, children: set[str]
) -> list[tuple[int, _Crime]]:
    """(position, crime) for "Y was convicted of ..." / "Y and Z admitted killing X"."""
    text = ctx.text
    out = []
    floor = span.start
    child_mentions = [s for s, key in index.within(span) if key in children]
    holders = _role_holders(ctx)
    for m in CRIME.finditer(text, span.start, span.end):
        speech = list(SPEECH.finditer(text, floor, m.start()))  # "the judge said Y was jailed"
        floor = speech[-1].end() if speech else floor
        people = [
            key
            for s, key in ctx.people_in(Span(floor, m.start()))
            if key not in children and key not in holders
        ]
        floor = m.end()
        people = list(dict.fromkeys(people))
        if not people:
            continue
        stop = _clause(text, m.end(), span.end)
        part = squeeze(text[m.start("verb") : stop])
        for s in child_mentions:
            part = re.sub(rf"\s+(?:of\s+)?{re.escape(text[s.start : s.end])}$", "", part)
        part = VICTIM_TAIL.sub("", PART_TAIL.sub("", part))
        outcome = None
        if squeeze(m["verb"]).lower() in OUTCOME_VERBS:
            names = " and ".join(ctx.people[p].name for p in people)
            outcome = f"{names} {squeeze(text[m.start() : stop])}"
        dates = find_dates(text, m.start(), stop)
        crime = _Crime(people, part, outcome, span, dates[0].value if dates else None)
        out.append((m.start(), crime))
    return out


def _harm_date(ctx: DocContext, start: int, end: int, cue: _Cue) -> str | None:
    """The date of the death or harm: the first date after the cue, else the last before it."""
    dates = find_dates(ctx.text, start, end)
    after = [d for d in dates if d.start >= cue.end]
    if after:
        return after[0].value
    before = [d for d in dates if d.end <= cue.start]
    return before[-1].value if before else None


def _place(ctx: DocContext, cue: _Cue, end: int) -> str | None:
    """ "starved to death in Margate": a capitalised place in the clause of the harm."""
    stop = _clause(ctx.text, cue.end, end)
    crime = CRIME.search(ctx.text, cue.end, stop)
    stop = crime.start() if crime else stop
    for m in PLACE_AFTER.finditer(ctx.text, cue.end, stop):
        place = m["place"]
        if place.split()[0] in NOT_PLACES or ctx.people_in(Span(m.start("place"), m.end("place"))):
            continue
        if "Court" in place.split():
            continue
        return place
    return None


def _bodies(ctx: DocContext, span: Span) -> list[str]:
    """Bodies named in a case sentence; the document's council when services are criticised."""
    keys = [m.key for m in ctx.orgs_in(span) if ctx.orgs[m.key].kind in CASE_BODY_KINDS]
    if not keys and CRITICISM.search(ctx.text[span.start : span.end]) and ctx.subject_la:
        keys = [ctx.subject_la]
    return keys


def _add_sentence(ctx: DocContext, case: _Case, span: Span) -> None:
    """A sentence about the case is its evidence, and the bodies it names are related."""
    case.spans.append(span)
    for key in _bodies(ctx, span):
        if key not in case.bodies:
            case.bodies.append(key)


def _read_sentence(ctx: DocContext, reading: _Reading, span: Span, current: str) -> None:
    """Add what one case sentence states to the case(s) it belongs to."""
    cases, cues = reading.cases, reading.cues
    children = set(cues)
    mentions = [(s, k) for s, k in reading.mentions.within(span) if k in children]
    for key in dict.fromkeys(k for _, k in mentions) or [current]:
        _add_sentence(ctx, cases[key], span)
    for pos, person, kin in _kinship(ctx, span.start, span.end, children):
        cases[_target(mentions, pos, current)].add_part(person, kin)
    for pos, crime in _crimes(ctx, reading.mentions, span, children):
        case = cases[_target(mentions, pos, current)]
        for person in crime.people:
            case.add_part(person, crime.part)
        if crime.outcome and crime.outcome not in case.outcomes:
            case.outcomes.append(crime.outcome)
            case.crimes.append(crime)
    for key, child_cues in cues.items():
        for cue in child_cues:
            if span.start <= cue.start < span.end:
                _read_cue(ctx, cases[key], cue, span)


def _read_cue(ctx: DocContext, case: _Case, cue: _Cue, span: Span) -> None:
    """A cue naming the child: the date and place of the harm, or a review of it."""
    if cue.kind == "review":
        case.reviews.append((span, _review_date(ctx, span, cue), cue.words))
        return
    date = _harm_date(ctx, span.start, span.end, cue)
    if date:
        case.dates.append(date)
    if case.location is None:
        case.location = _place(ctx, cue, span.end)
    if DEATH_WORDS.search(cue.words):
        case.deaths.append((span, date))


def _review_date(ctx: DocContext, span: Span, cue: _Cue) -> str | None:
    """ "in 2019 a review into the death of X": the date before the review, else the first after."""
    dates = find_dates(ctx.text, span.start, span.end)
    before = [d for d in dates if d.end <= cue.start]
    if before:
        return before[-1].value
    return dates[0].value if dates else None


def _links_on(ctx: DocContext, span: Span, children: set[str]) -> bool:
    """A sentence without the child's name still about the case: a pronoun, a crime, a criticism."""
    text = ctx.text[span.start : span.end]
    return bool(
        LINK_CUE.search(text)
        or CRITICISM.search(text)
        or CRIME.search(text)
        or _kinship(ctx, span.start, span.end, children)
    )


@dataclass
class _Reading:
    """What the case reader has found so far in one document."""

    mentions: MentionIndex
    cues: dict[str, list[_Cue]]
    cases: dict[str, _Case]


def _assemble(ctx: DocContext) -> list[_Case]:
    """Every case of the document, built sentence by sentence in reading order."""
    mentions = MentionIndex(ctx)
    cues = find_children(ctx, mentions)
    if not cues:
        return []
    cases = {key: _Case(key) for key in sorted(cues, key=lambda k: cues[k][0].start)}
    reading = _Reading(mentions, cues, cases)
    current: str | None = None
    last_seen = -1
    for index, sentence in enumerate(ctx.sentences):
        mentioned = [k for _, k in mentions.within(sentence.span) if k in cases]
        if mentioned:
            current = mentioned[-1]
        elif (
            current is None
            or index - last_seen > WINDOW
            or not _links_on(ctx, sentence.span, set(cases))
        ):
            continue
        last_seen = index
        _read_sentence(ctx, reading, sentence.span, current)
    return list(cases.values())


def find_cases(ctx: DocContext) -> list[CaseFact]:
    """One case per child the document says died or was harmed, in order of first mention."""
    return [case.fact() for case in _assemble(ctx)]


def find_case_events(ctx: DocContext) -> list[EventFact]:
    """The dated moments of each case: the child's death, reviews of it, convictions."""
    events: list[EventFact] = []
    for case in _assemble(ctx):
        name = ctx.people[case.child].name
        if case.deaths:
            span, date = max(case.deaths, key=lambda d: len(d[1] or ""))
            events.append(EventFact("Death", span, date, [case.child], f"Death of {name}"))
        for span, date, words in case.reviews:
            bodies = [b for b in _bodies(ctx, span) if b in case.bodies]
            what = "the death" if DEATH_WORDS.search(words) else "the case"
            label = f"Review into {what} of {name}"
            events.append(EventFact("Review", span, date, [case.child, *bodies], label))
        for crime in case.crimes:
            names = " and ".join(ctx.people[p].name for p in crime.people)
            label = f"{names} {crime.part}"
            if re.search(
                r"(?:killing|murdering|abusing|neglecting|starving|injuring)$", crime.part
            ):
                label = f"{label} {name}"
            events.append(
                EventFact("Conviction", crime.span, crime.date, [*crime.people, case.child], label)
            )
    return events
