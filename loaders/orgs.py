"""Organisations in a document: known bodies from the gazetteer, others found by the shape of their name.

Order matters: a pattern body ("Birmingham Children's Trust") is found before the gazetteer's
bare place name inside it ("Birmingham"), and a place name in an address block is not a
mention of the council.  Short forms ("the Trust", "the council", "the local authority")
resolve to the body of that kind the document is mostly about.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ofsted_kg.loaders.gazetteer import Body, Gazetteer
from ofsted_kg.loaders.model import OrgRef, Span
from ofsted_kg.loaders.normalise import fold, squeeze

HEADS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Children['’]?s?[ \t]+(?:Services[ \t]+)?Trust\b"), "ChildrensTrust"),
    (re.compile(r"NHS(?:[ \t]+Foundation)?[ \t]+Trust\b"), "HealthService"),
    (re.compile(r"Integrated[ \t]+Care[ \t]+Board\b|Clinical[ \t]+Commissioning[ \t]+Group\b"), "HealthService"),
    (re.compile(r"Police[ \t]+and[ \t]+Crime[ \t]+Commissioner\b"), "PublicBody"),
    (re.compile(r"(?:Police|Constabulary)\b(?![ \t]+and[ \t]+Crime)"), "PoliceForce"),
    (re.compile(r"Safeguarding[ \t]+(?:Children[ \t]+|Adults[ \t]+)?(?:Partnership|Board)\b"), "SafeguardingPartnership"),
    (re.compile(r"(?:Scrutiny[ \t]+)?(?:Committee|Sub-Committee)\b"), "Committee"),
    (re.compile(r"(?:Corporate[ \t]+Parenting|Health[ \t]+and[ \t]+Wellbeing)[ \t]+(?:Board|Panel|Committee)\b"), "Committee"),
    (re.compile(r"Directorate\b"), "CouncilDirectorate"),
    (re.compile(r"(?<=Children in Care )Council\b"), "Committee"),
]  # fmt: skip
MEDIA_REGIONAL = re.compile(
    r"\b(?:ITV|BBC)[ \t]+(?:News[ \t]+)?(?:Central|Midlands|London|Yorkshire|Tyne[ \t]+Tees|Granada|"
    r"Anglia|Meridian|West[ \t]+Country|Border|North[ \t]+West|North[ \t]+East|South[ \t]+East|"
    r"South[ \t]+West|East|West|Calendar)\b"
)
TOKEN_LEFT = re.compile(r"([A-Za-z][\w’'&.-]*|&)[ \t]+$")
NAME_JOINERS = {"and", "of", "for", "&", "upon", "on", "in", "the"}
STOP_LEFT = {
    "council", "trust", "chair", "chief", "executive", "director", "head", "leader", "member",
    "the", "a", "an", "at", "by", "from", "with", "to", "as", "our", "their", "its", "said",
    "report", "relevant", "subject", "dear", "image", "picture", "credit",
}  # fmt: skip
LEADING_NOISE = re.compile(r"^(?:The|the|A|An|Relevant|Report|Subject|Of|For|With|By|And|Dear|Our|Their)\s+")
ADDRESS_LINE = re.compile(r"^[ \t]*[A-Z][A-Za-z .'-]{0,40}[ \t]*$")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
SHORT_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b[Tt]he\s(?:[Cc]hildren['’]s\s)?Trust\b|\b[Tt]he\strust\b"), "ChildrensTrust"),
    (
        re.compile(r"\b[Tt]he\s(?:[Cc]ity\s|[Cc]ounty\s|[Bb]orough\s)?[Cc]ouncil\b|\b[Tt]he\slocal\sauthority\b|\bCity\sCouncil\b"),
        "LocalAuthority",
    ),
]  # fmt: skip
ACRONYM_DEFINITION = re.compile(
    r"(?P<name>(?:[A-Za-z’'-]+\s){1,8}(?:service|services|council|team|board|partnership|panel|hub))"
    r"\s\((?P<acr>[A-Z][A-Za-z]{1,7})\)"
)
NOT_BODIES = {"framework", "inspection", "inspecting", "plan", "strategy", "model", "assessment"}


@dataclass(frozen=True)
class OrgMention:
    span: Span
    key: str
    surface: str
    short_form: bool = False


def _in_address_block(text: str, start: int, end: int) -> bool:
    """A place name alone on a line next to a postcode is an address, not the council."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if POSTCODE.search(line):
        return True
    if not ADDRESS_LINE.match(line):
        return False
    window = text[max(0, line_start - 120) : min(len(text), line_end + 60)]
    return bool(POSTCODE.search(window))


def _pattern_name(surface: str) -> str:
    name = squeeze(surface)
    while True:
        trimmed = LEADING_NOISE.sub("", name)
        if trimmed == name:
            return name
        name = trimmed


class OrgFinder:
    """Finds the organisations of one document and the spans that mention each."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def find(self, text: str) -> tuple[dict[str, OrgRef], list[OrgMention]]:
        refs: dict[str, OrgRef] = {}
        mentions: list[OrgMention] = []
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        def add(key: str, name: str, kind: str, start: int, end: int, surface: str, short: bool = False) -> None:
            ref = refs.get(key)
            if ref is None:
                ref = refs[key] = OrgRef(key=key, name=name, kind=kind)
            ref.spans.append(Span(start, end))
            ref.aliases.add(squeeze(surface))
            mentions.append(OrgMention(Span(start, end), key, surface, short))
            taken.append((start, end))

        for pattern, kind in HEADS:
            for m in pattern.finditer(text):
                start = self._extend_left(text, m.start())
                if start == m.start() and kind not in {"Committee", "CouncilDirectorate"}:
                    continue
                if start == m.start() or not free(start, m.end()):
                    continue
                name = squeeze(text[start : m.end()])
                self._add_pattern_body(add, name, kind, start, m.end(), text[start : m.end()])
        for m in MEDIA_REGIONAL.finditer(text):
            if free(m.start(), m.end()):
                self._add_pattern_body(add, squeeze(m.group(0)), "MediaOrganisation", m.start(), m.end(), m.group(0))
        for m in ACRONYM_DEFINITION.finditer(text):
            name = expansion_of(m["acr"], m["name"])
            if name and free(m.start("acr"), m.end("acr")):
                key = f"name/{fold(m['acr'])}"
                add(key, m["acr"], "ServiceProvider", m.start("acr"), m.end("acr"), m["acr"])
                refs[key].aliases.add(name)
        for mention in self.gazetteer.find_mentions(text):
            if not free(mention.start, mention.end):
                continue
            if mention.bare_place and _in_address_block(text, mention.start, mention.end):
                continue
            body = mention.body
            add(body.key, body.name, body.kind, mention.start, mention.end, mention.surface)
        self._resolve_short_forms(text, refs, add, free)
        mentions.sort(key=lambda m: m.span)
        return refs, mentions

    def _extend_left(self, text: str, head_start: int) -> int:
        """Start of a body's name: capitalised words before its head, stopping at a place name."""
        start = head_start
        words: list[str] = []
        while True:
            m = TOKEN_LEFT.search(text, max(0, start - 60), start)
            if m is None:
                return start
            word = m.group(1)
            lower = word.lower()
            if lower in NAME_JOINERS:
                before = TOKEN_LEFT.search(text, max(0, m.start() - 60), m.start())
                if before is None or not before.group(1)[0].isupper() or before.group(1).lower() in STOP_LEFT:
                    return start
                if words and self.gazetteer.lookup(" ".join(words)) is not None:
                    return start
                words.insert(0, word)
                start = m.start()
                continue
            if not word[0].isupper() or lower in STOP_LEFT or lower.rstrip("'’s") in STOP_LEFT:
                return start
            if words and self.gazetteer.lookup(" ".join(words)) is not None and (
                self.gazetteer.lookup(" ".join([word, *words])) is None
            ):
                return start
            words.insert(0, word)
            start = m.start()

    def _add_pattern_body(self, add, name: str, kind: str, start: int, end: int, surface: str) -> None:  # type: ignore[no-untyped-def]
        known = self.gazetteer.lookup(name)
        if known is not None:
            add(known.key, known.name, known.kind, start, end, surface)
            return
        if kind == "MediaOrganisation":
            national = self.gazetteer.lookup(name.split()[0])
            if national is not None:
                add(national.key, national.name, national.kind, start, end, surface)
                return
        add(f"name/{fold(name)}", name, kind, start, end, surface)

    def _resolve_short_forms(self, text, refs, add, free) -> None:  # type: ignore[no-untyped-def]
        for pattern, kind in SHORT_FORMS:
            target = subject_of_kind(refs, kind)
            if target is None:
                continue
            for m in pattern.finditer(text):
                if free(m.start(), m.end()):
                    add(target.key, target.name, target.kind, m.start(), m.end(), m.group(0), short=True)


def expansion_of(acronym: str, phrase: str) -> str | None:
    """The words before "(ACR)" that spell it (Schwartz-Hearst): None when they do not."""
    letters = [c.lower() for c in acronym if c.isupper()] or [acronym[0].lower()]
    words = phrase.split()
    taken: list[str] = []
    needed = list(letters)
    while words and needed:
        word = words.pop()
        taken.insert(0, word)
        if word.lower() in {"and", "of", "for", "the", "&"}:
            continue
        if word[0].lower() == needed[-1]:
            needed.pop()
        elif word[0].lower() not in letters:
            return None
    if needed or any(w.lower() in NOT_BODIES for w in taken):
        return None
    return " ".join(taken)


def subject_of_kind(refs: dict[str, OrgRef], kind: str) -> OrgRef | None:
    """The body of a kind a document mentions most (its subject), if one stands out."""
    counts = Counter({key: len(ref.spans) for key, ref in refs.items() if ref.kind == kind})
    if not counts:
        return None
    ranked = counts.most_common(2)
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        first = min((refs[k] for k, _ in ranked), key=lambda r: min(r.spans).start)
        return first
    return refs[ranked[0][0]]


def body_for_place(gazetteer: Gazetteer, name: str) -> Body | None:
    """The local authority a pattern body's leading place name points to ("Leeds Children's Trust")."""
    words = name.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        body = gazetteer.lookup(" ".join(words[:size]))
        if body is not None and body.kind == "LocalAuthority":
            return body
    return None
