"""Who holds which role where: memberships read from the words around a person's name.

The shapes real documents use:
    "Sue Harrison, Director of Children's Services at Birmingham City Council, said"
    "Andrew Christie, Birmingham Children's Trust Chair, said"      (body, then role)
    "the council's deputy leader, Councillor Brigid Jones, formerly cabinet member for ..."
    "told ITV correspondent Lucy Kapasi"                            (body role name)
    "Report author: Seamus Gaynor, Head of Executive, Birmingham Children's Trust"
    "Relevant Cabinet Member: Cllr Karen McCarthy, Children, Young People & Families"
    "Sue Harrison\nDirector for Education and Skills\nEducation and Skills Directorate" (letter head)
    "Alison Smale\nHer Majesty's Inspector"                          (signature)
    "Her Majesty's Inspectors for this visit were Alison Smale and John Roughton."
    "Andy Couldrick who was brought in as Chief Executive to run the Trust"
The role is kept as written; its concept comes from the role scheme in ``ontology/schemes.ttl``.
When no body is named, only roles that belong to one kind of body get one (an HMI → the
inspectorate; a cabinet member → the council the document is about); otherwise no membership.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ofsted_kg.loaders.lexicon import ROLE_NOUNS
from ofsted_kg.loaders.model import Membership, OrgRef, PersonRef, Span
from ofsted_kg.loaders.normalise import fold, squeeze
from ofsted_kg.loaders.orgs import OrgMention
from ofsted_kg.loaders.schemes import RoleScheme

SEGMENT_END = re.compile(r"[,;.()\n“”\"‘]|\s(?:said|says|told|added|who|which|and\s+(?:the|a)\s)\b")
FORMER = re.compile(r"\s*(?:former(?:ly)?|ex-|previously|until\s+recently)\s*", re.IGNORECASE)
FIELD_ROLE = re.compile(
    r"(?:^|\n)[ \t]*(?:Relevant[ \t]+)?(?P<role>[A-Z][\w &'’/]{2,40}?)(?:\(s\))?[ \t]*:[ \t]*(?:\w+\.?[ \t]+)?$"
)
WERE_BEFORE = re.compile(r"(?P<role>[A-Z][\w’' ]{3,60}?)(?:[ \t]+for[ \t]+this[ \t]+\w+)?[ \t]+(?:were|was|is|are)[ \t]+$")
BROUGHT_IN = re.compile(
    r",?\s+who\s+(?:was|is|has\s+been)\s+(?:brought\s+in|appointed|named|hired)\s+as\s+(?P<role>[^,.\n]{3,60}?)"
    r"(?:\s+(?:to\s+run|of|at|for)\s+(?P<org>[^,.\n]{2,80}))?(?=[,.\n]|\s+(?:which|who|told|said)\b)",
    re.IGNORECASE,
)
PLACE_POSSESSIVE = re.compile(r"^(?P<place>[A-Z][\w ]{1,40}?)['’]s\s+(?P<role>.+)$")


@dataclass(frozen=True)
class RoleContext:
    text: str
    people: dict[str, PersonRef]
    orgs: dict[str, OrgRef]
    org_mentions: list[OrgMention]
    scheme: RoleScheme
    subject_la: str | None
    inspectorate: str | None


def _org_in(ctx: RoleContext, start: int, end: int) -> OrgMention | None:
    inside = [m for m in ctx.org_mentions if m.span.start >= start and m.span.end <= end]
    return inside[0] if inside else None


def _clean_role(raw: str) -> str:
    role = squeeze(raw).strip(" ,;:-–")
    role = re.sub(r"^(?:the|a|an|its|their|(?:his|her)(?!\s+majesty))\s+", "", role, flags=re.IGNORECASE)
    role = re.sub(r"\s+(?:of|at|for|to|and|in)$", "", role, flags=re.IGNORECASE)
    return role


def _singular(role: str) -> str:
    return re.sub(r"(Inspector|Director|Member|Officer|Worker|Manager|Leader)s\b", r"\1", role)


def _has_role_noun(phrase: str) -> bool:
    return any(w.lower().strip("’'s") in ROLE_NOUNS or w.lower() in ROLE_NOUNS for w in phrase.split())


def _split_role_and_org(ctx: RoleContext, start: int, end: int) -> tuple[str, OrgMention | None]:
    """A segment such as "Director of Children's Services at X" or "X Chair" → (role, body)."""
    org = _org_in(ctx, start, end)
    segment = ctx.text[start:end]
    if org is None:
        possessive = PLACE_POSSESSIVE.match(segment.strip())
        return _clean_role(possessive.group("role") if possessive else segment), None
    before = ctx.text[start : org.span.start]
    after = ctx.text[org.span.end : end]
    before = re.sub(r"\s+(?:of|at|for|with|in)\s*$", "", before, flags=re.IGNORECASE)
    after = re.sub(r"^['’]s\b", "", after)
    role = before if _has_role_noun(before) else after
    return _clean_role(role), org


def _segment_after(text: str, pos: int) -> tuple[int, int]:
    m = SEGMENT_END.search(text, pos)
    return pos, (m.start() if m else min(len(text), pos + 120))


class MembershipReader:
    def __init__(self, ctx: RoleContext) -> None:
        self.ctx = ctx
        self.found: list[Membership] = []

    def membership(self, person: str, role: str, org: OrgMention | None, span: Span, *, former: bool = False) -> None:
        role = _singular(_clean_role(role))
        if not role or not _has_role_noun(role) or len(role) > 90:
            return
        concept = self.ctx.scheme.concept_for(role)
        org_key = org.key if org else self._default_org(concept)
        if org_key is None:
            return
        self.found.append(Membership(person, org_key, role, concept, span, former=former))

    def _default_org(self, concept: str | None) -> str | None:
        if concept is None:
            return None
        if self.ctx.scheme.belongs_to(concept) == "Inspectorate":
            return self.ctx.inspectorate
        if self.ctx.scheme.belongs_to(concept) == "LocalAuthority":
            return self.ctx.subject_la
        return None

    def read(self) -> list[Membership]:
        for key, person in self.ctx.people.items():
            full_spans = [s for s in person.spans if len(self.ctx.text[s.start : s.end].split()) >= 2]
            for span in full_spans:
                self._after(key, span)
                self._before(key, span)
                self._field(key, span)
                self._lines_below(key, span)
        unique: dict[tuple[str, str, str], Membership] = {}
        for m in self.found:
            unique.setdefault((m.person, m.org, fold(m.role)), m)
        return list(unique.values())

    def _after(self, person: str, span: Span) -> None:
        text = self.ctx.text
        brought = BROUGHT_IN.match(text, span.end)
        if brought:
            org = _org_in(self.ctx, brought.start("org"), brought.end("org")) if brought["org"] else None
            self.membership(person, brought["role"], org, Span(span.start, brought.end()))
            return
        m = re.compile(r"\s*,\s*|\s*\(\s*").match(text, span.end)
        if not m:
            return
        seg_start, seg_end = _segment_after(text, m.end())
        former = FORMER.match(text, seg_start)
        if former:
            seg_start = former.end()
        role, org = _split_role_and_org(self.ctx, seg_start, seg_end)
        if org is None and _has_role_noun(role):
            nxt = re.compile(r"\s*,\s*").match(text, seg_end)
            if nxt:
                org = _org_in(self.ctx, nxt.end(), _segment_after(text, nxt.end())[1])
        if org is None and not former:
            org = self._possessive_place(text[seg_start:seg_end], seg_start)
        self.membership(person, role, org, Span(span.start, seg_end), former=bool(former))
        if not former:
            again = re.compile(r"\s*,\s*(?:former(?:ly)?|previously)\s+").match(text, seg_end)
            if again:
                end = _segment_after(text, again.end())[1]
                prev_role = self.found[-1].org if self.found and self.found[-1].person == person else None
                org_m = next((o for o in self.ctx.org_mentions if o.key == prev_role), None)
                self.membership(person, text[again.end() : end], org_m, Span(span.start, end), former=True)

    def _possessive_place(self, segment: str, offset: int) -> OrgMention | None:
        possessive = PLACE_POSSESSIVE.match(segment.strip())
        if not possessive:
            return None
        start = offset + segment.find(possessive["place"])
        return _org_in(self.ctx, start, start + len(possessive["place"]))

    def _list_start(self, pos: int) -> int:
        """Start of a list of names ending at ``pos`` ("were A, B and C"): the role stands before A."""
        spans = sorted(s for p in self.ctx.people.values() for s in p.spans)
        moved = True
        while moved:
            moved = False
            for s in spans:
                if s.end <= pos and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)", self.ctx.text[s.end : pos]):
                    pos, moved = s.start, True
                    break
        return pos

    def _before(self, person: str, span: Span) -> None:
        text = self.ctx.text
        list_start = self._list_start(span.start)
        window_start = max(0, list_start - 160)
        before = text[window_start:list_start]
        honorific = re.search(r"(?:Councillor|Cllr|Mr|Mrs|Ms|Dr|Miss)\.?\s+$", before)
        core = before[: honorific.start()] if honorific else before
        were = WERE_BEFORE.search(core)
        if were and _has_role_noun(were["role"]):
            self.membership(person, were["role"], None, Span(window_start + were.start("role"), span.end))
            return
        stripped = core.rstrip()
        if stripped.endswith(","):
            stripped = stripped[:-1]
        clause_start = max(stripped.rfind(c) for c in ".\n“”\"(;:,") + 1
        clause = stripped[clause_start:]
        leads = list(re.finditer(r"(?:\b(?:said|told|by|with|and|to|from|says|of)\s+)(?=\S)", clause))
        if leads:
            clause_start += leads[-1].end()
            clause = stripped[clause_start:]
        if not clause.strip() or not _has_role_noun(clause.split()[-1] if clause.split() else ""):
            return
        abs_start = window_start + clause_start
        role, org = _split_role_and_org(self.ctx, abs_start, window_start + len(stripped))
        self.membership(person, role, org, Span(abs_start + len(clause) - len(clause.lstrip()), span.end))

    def _field(self, person: str, span: Span) -> None:
        text = self.ctx.text
        line_start = text.rfind("\n", 0, span.start)
        field = FIELD_ROLE.search(text, max(0, line_start), span.start)
        if not field or not _has_role_noun(field["role"]):
            return
        end = _segment_after(text, span.end)[0]
        self.membership(person, field["role"], self._publisher_council(), Span(field.start("role"), end))

    def _publisher_council(self) -> OrgMention | None:
        """Form fields of a council's own report ("Relevant Cabinet Member:") are that council's roles."""
        if self.ctx.subject_la is None:
            return None
        return next((m for m in self.ctx.org_mentions if m.key == self.ctx.subject_la), None)

    def _lines_below(self, person: str, span: Span) -> None:
        """Letter heads and signatures: the name alone on its line, role (and body) below."""
        text = self.ctx.text
        line_end = text.find("\n", span.end)
        if line_end < 0 or text[span.end : line_end].strip():
            return
        lines = text[line_end + 1 : line_end + 400].split("\n")
        if not lines or not _has_role_noun(lines[0]) or len(lines[0].split()) > 10:
            return
        role_start = line_end + 1
        role_end = role_start + len(lines[0])
        org = None
        if len(lines) > 1:
            org_start = role_end + 1
            org = _org_in(self.ctx, org_start, org_start + len(lines[1]))
        role, inline_org = _split_role_and_org(self.ctx, role_start, role_end)
        self.membership(person, role, inline_org or org, Span(span.start, role_end))


def read_memberships(ctx: RoleContext) -> list[Membership]:
    return MembershipReader(ctx).read()
