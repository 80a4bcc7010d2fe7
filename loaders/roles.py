"""Who holds which role where: memberships read from the words around a person's name.

The shapes real documents use:
    "Jo Tanner, Director of Children's Services at Leeds City Council, said"
    "Ravi Malik, Slough Children's Trust Chair, said"                (body, then role)
    "the council's deputy leader, Councillor Ann Price, formerly cabinet member for ..."
    "told BBC correspondent Tom Reed"                                (body role name)
    "Report author: Liam Boyd, Head of Service, Doncaster Children's Services Trust"
    "Relevant Cabinet Member: Cllr Nia Evans, Children, Young People & Families"
    "Mark Hale\nDirector for Education and Skills\nEducation and Skills Directorate"     (letter head)
    "Priya Raman\nHis Majesty's Inspector"                           (signature)
    "His Majesty's Inspectors for this visit were Priya Raman and Owen Fletcher."
    "Dan Hughes who was brought in as Chief Executive to run the Trust"
    "X, who has been DCS at Y since 2020" / "X, who was DCS from 2015 to 2020 and is now ..."
    "Dr X was formerly assistant director at Y"                     (any mention, full or short)
    "Jane SmithDirector of Children's Services"                     (run together by a PDF)
    "Martin Oyelaran, its director of ..."                           ("its": the body just named)
The role is kept as written; its concept comes from the role scheme in ``ontology/schemes.ttl``.
When no body is named, only roles that belong to one kind of body get one (an HMI → the
inspectorate; a cabinet member → the council the document is about), and in a council's own
report any officer's role is a role at that council; otherwise no membership.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ofsted_kg.loaders.gazetteer import load_gazetteer
from ofsted_kg.loaders.metadata import guess_genre
from ofsted_kg.loaders.model import Membership, OrgRef, PersonRef, Span
from ofsted_kg.loaders.normalise import fold
from ofsted_kg.loaders.orgs import OrgMention
from ofsted_kg.loaders.people import POST_NOMINALS_AFTER
from ofsted_kg.loaders.role_clauses import as_role, predicate, where_clauses, who_clause
from ofsted_kg.loaders.role_terms import (
    clean_role,
    concept_for,
    has_role_noun,
    inspectorate_field,
    most_specific,
    period_in,
    reads_as_role,
    role_phrase,
    segment_after,
    singular,
    split_former,
    strip_period,
)
from ofsted_kg.loaders.schemes import RoleScheme
from ofsted_kg.loaders.segment import split_sentences

FIELD_ROLE = re.compile(
    r"(?:^|\n)[ \t]*(?:Relevant[ \t]+)?(?P<role>[A-Z][\w &'’/]{2,40}?)(?:\(s\))?[ \t]*:[ \t]*(?:\w+\.?[ \t]+)?$"
)
WERE_BEFORE = re.compile(
    r"(?P<role>[A-Z][\w’' ]{3,60}?)(?:[ \t]+for[ \t]+this[ \t]+\w+)?[ \t]+(?:were|was|is|are)[ \t]+$"
)
ORG_LINK_END = re.compile(
    r"[\s,]+(?:(?:of|at|for|with|in|to\s+(?:run|lead)|running|leading|appointed\s+by)(?:\s+the)?)?\s*$",
    re.IGNORECASE,
)
# The rest of a comma list ending in "and X": ", Young People and Families".
PORTFOLIO_REST = re.compile(
    r"(?:,\s*[A-Z][\w’']*(?:\s+[A-Z][\w’']*){0,3})*,\s*[A-Z][\w’']*(?:\s+[A-Z][\w’']*){0,3}\s+(?:and|&)\s+[A-Z][\w’']*(?:\s+[A-Z][\w’']*){0,2}(?=\s*[,.:;\n]|\s+(?:said|says|told|added)\b)"
)
FIELD_LABEL = re.compile(r"^[ \t]*[A-Z][\w &'’/()–-]{0,40}:")
TITLE_BEFORE = re.compile(
    r"(?:(?:Councillor|Cllr|Mr|Mrs|Ms|Dr|Miss|Prof|Professor|Dame|Sir)\.?[ \t]+)?"
    r"(?P<rank>(?:Detective|Det|Chief|Ch|Police|PC|DC|DS|DI|DCI|Insp|Inspector|Supt|Superintendent|Sgt|Sergeant|Constable)"
    r"(?:\.?[ \t]+(?:Chief|Ch|Insp|Inspector|Supt|Superintendent|Sgt|Sergeant|Constable))*\.?[ \t]+)?\Z"
)
HEAD_CHARS = 300
POSSESSIVE_PRONOUN = re.compile(r"^\s*(?:its|their)\s+", re.IGNORECASE)
# Roles that only police, health or inspectorates have: never a council's by default.
NOT_COUNCIL_ROLE = re.compile(
    r"\b(?:constable|police|nhs|inspector|detective|superintendent|coroner|judge)\b", re.IGNORECASE
)


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
    """The first body whose name starts inside [start, end) (it may run on past a comma)."""
    inside = [m for m in ctx.org_mentions if start <= m.span.start < end]
    return inside[0] if inside else None


@dataclass
class MembershipReader:
    ctx: RoleContext
    found: list[Membership] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.council_report = guess_genre(self.ctx.text) == "council-report"
        self.sentences = [s.span for s in split_sentences(self.ctx.text)]
        self.home = self._home_body()

    def _home_body(self) -> OrgMention | None:
        """The body whose document this is: the first named in its heading, else the council it is about.

        Form fields ("Chief Executive: Tina Russo") are roles at that body.
        """
        for m in self.ctx.org_mentions:
            if m.span.start > HEAD_CHARS:
                break
            kind = self.ctx.orgs[m.key].kind if m.key in self.ctx.orgs else None
            if not m.short_form and kind in {
                "LocalAuthority",
                "ChildrensTrust",
                "HealthService",
                "PoliceForce",
            }:
                return m
        return self._publisher_council()

    # -- one membership ------------------------------------------------------
    def membership(
        self, person: str, role: str, org: OrgMention | str | None, span: Span, *, former: bool = False,
        period: tuple[int, int] | None = None,
    ) -> None:  # fmt: skip
        role, was_former = split_former(clean_role(role))
        role = singular(clean_role(strip_period(role)))
        if not role or not has_role_noun(role) or len(role) > 90 or not reads_as_role(role):
            return
        org_key = org.key if isinstance(org, OrgMention) else org
        if org_key is None:
            org_key = self._default_org(role)
        if org_key is None:
            return
        body = self.ctx.orgs.get(org_key) or load_gazetteer().bodies.get(org_key)
        concept = concept_for(self.ctx.scheme, role, body.kind if body else None)
        start, end = period_in(self.ctx.text, *period) if period else (None, None)
        self.found.append(
            Membership(
                person,
                org_key,
                role,
                concept,
                span,
                former=former or was_former,
                period_start=start,
                period_end=end,
            )
        )

    def _default_org(self, role: str) -> str | None:
        """The body a role stated without one belongs to, when only one kind of body has it."""
        field_ = inspectorate_field(role)
        if field_:
            body = load_gazetteer().lookup(f"HM Inspectorate of {field_}")
            if body is not None:
                return body.key
        concept = self.ctx.scheme.concept_for(role)
        home = self.ctx.scheme.belongs_to(concept) if concept else None
        if home == "Inspectorate":
            return self.ctx.inspectorate
        if home == "LocalAuthority":
            return self.ctx.subject_la
        if self.council_report and not NOT_COUNCIL_ROLE.search(role):
            return self.ctx.subject_la
        return None

    def split_role_and_org(self, start: int, end: int) -> tuple[str, OrgMention | str | None]:
        """A segment such as "Director of Children's Services at X" or "X Chair" → (role, body)."""
        text = self.ctx.text
        org = _org_in(self.ctx, start, end)
        if org is None:
            segment = text[start:end]
            pronoun = POSSESSIVE_PRONOUN.match(segment)
            return segment, (self.antecedent(start + pronoun.end()) if pronoun else None)
        before = ORG_LINK_END.sub("", text[start : org.span.start])
        after = re.sub(r"^['’]s\b", "", text[org.span.end : end])
        role = before if has_role_noun(before) else after
        return role, org

    def antecedent(self, pos: int, *, own_sentence: bool = False) -> str | None:
        """The body "its" points to: the nearest named before ``pos`` in its sentence, else the subject of the one before."""
        current = next((i for i, s in enumerate(self.sentences) if s.start <= pos < s.end), None)
        if current is None:
            return None
        for index in (current,) if own_sentence else (current, current - 1):
            if index < 0:
                continue
            span = self.sentences[index]
            limit = pos if index == current else span.end
            named = [
                m
                for m in self.ctx.org_mentions
                if span.start <= m.span.start < limit and not m.short_form
            ]
            if named:  # in its own sentence the nearest body; in the one before, its subject
                return named[-1].key if index == current else named[0].key
        return None

    # -- readers ---------------------------------------------------------------
    def read(self) -> list[Membership]:
        for key, person in self.ctx.people.items():
            for span in person.spans:
                if len(self.ctx.text[span.start : span.end].split()) >= 2:
                    self._after(key, span)
                    self._before(key, span)
                    self._field(key, span)
                    self._lines_below(key, span)
                predicate(self, key, span)
        where_clauses(self)
        unique: dict[tuple[str, str, str], Membership] = {}
        for m in self.found:
            kept = unique.setdefault((m.person, m.org, fold(m.role)), m)
            kept.period_start = kept.period_start or m.period_start
            kept.period_end = kept.period_end or m.period_end
            kept.former = kept.former or m.former
        return most_specific(list(unique.values()))

    def _after(self, person: str, span: Span) -> None:
        text = self.ctx.text
        pos = span.end
        post = POST_NOMINALS_AFTER.match(text, pos)
        if post:
            if re.search(r"\bHMI\b", post.group(0)):
                self.membership(person, "HMI", None, Span(span.start, post.end()))
            pos = post.end()
        if pos == span.end and text[pos : pos + 1].isupper():  # "Jane SmithDirector of ..." (PDF)
            end = segment_after(text, pos)[1]
            role, org = self.split_role_and_org(pos, end)
            self.membership(person, role, org, Span(span.start, end))
            return
        if who_clause(self, person, span, pos) or as_role(self, person, span, pos):
            return
        m = re.compile(r"\s*,\s*|\s*\(\s*|\s+[-–]\s+").match(text, pos)
        if not m:
            return
        seg_start, seg_end = segment_after(text, m.end())
        seg_end = self._portfolio_end(seg_start, seg_end)
        role, org = self.split_role_and_org(seg_start, seg_end)
        if org is None and has_role_noun(role):
            nxt = re.compile(r"\s*,\s*").match(text, seg_end)
            if nxt:
                org = _org_in(self.ctx, nxt.end(), segment_after(text, nxt.end())[1])
        former = bool(
            re.match(
                r"\s*(?:(?:a|an|the)\s+)?(?:former|formerly|previously|ex-)",
                text[seg_start:seg_end],
                re.IGNORECASE,
            )
        )
        self.membership(
            person, role, org, Span(span.start, seg_end), former=former, period=(seg_start, seg_end)
        )
        if not former:
            again = re.compile(r"\s*,\s*(?:former(?:ly)?|previously)\s+").match(text, seg_end)
            if again:
                end = segment_after(text, again.end())[1]
                prev = (
                    self.found[-1].org if self.found and self.found[-1].person == person else None
                )
                self.membership(
                    person, text[again.end() : end], prev, Span(span.start, end), former=True
                )

    def _portfolio_end(self, start: int, end: int) -> int:
        """A portfolio listed with commas stays whole: "Cabinet Member for Children, Families and Education"."""
        text = self.ctx.text
        if not re.search(r"\b(?:for|of)\s+[A-Z]", text[start:end]):
            return end
        m = PORTFOLIO_REST.match(text, end)
        if m is None or _org_in(self.ctx, end, m.end()) is not None:
            return end
        return m.end()

    def _list_start(self, pos: int) -> int:
        """Start of a list of names ending at ``pos`` ("were A, B and C"): the role stands before A."""
        spans = sorted(s for p in self.ctx.people.values() for s in p.spans)
        moved = True
        while moved:
            moved = False
            for s in spans:
                if s.end <= pos and re.fullmatch(
                    r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)", self.ctx.text[s.end : pos]
                ):
                    pos, moved = s.start, True
                    break
        return pos

    def _before(self, person: str, span: Span) -> None:
        """A role before the name: "the council's director of ..., Jane Doe", "Det Insp Jane Doe, of X Police"."""
        text = self.ctx.text
        list_start = self._list_start(span.start)
        window_start = max(0, list_start - 160)
        before = text[window_start:list_start]
        title = TITLE_BEFORE.search(before)
        core = before[: title.start()] if title else before
        of_org = self._of_org_after(span)
        if title and title.group("rank"):
            rank_start = window_start + title.start("rank")
            self.membership(person, title.group("rank"), of_org, Span(rank_start, span.end))
        were = WERE_BEFORE.search(core)
        if were and has_role_noun(were["role"]):
            self.membership(
                person, were["role"], None, Span(window_start + were.start("role"), span.end)
            )
            return
        stripped = core.rstrip()
        if "\n" in core[len(stripped) :]:
            return  # the line above is a heading or another line, not a role in apposition
        if stripped.endswith(","):
            stripped = stripped[:-1]
        phrase = role_phrase(stripped)
        if phrase is None:
            return
        if (
            "\n" not in stripped[phrase:]
            and stripped.rfind("\n") + 1 == phrase
            and self._role_after(span)
        ):
            return  # a label on the line above ("Contact officer") when the name has its own role
        abs_start = window_start + phrase
        role, org = self.split_role_and_org(abs_start, window_start + len(stripped))
        self.membership(person, role, org or of_org, Span(abs_start, span.end))

    def _of_org_after(self, span: Span) -> OrgMention | None:
        """The body a role before the name belongs to: "Jane Doe, of Nottinghamshire Police"."""
        m = re.compile(r",?\s+(?:of|from)\s+").match(self.ctx.text, span.end)
        if m is None:
            return None
        org = _org_in(self.ctx, m.end(), m.end() + 3)
        return org if org is not None and org.span.start == m.end() else None

    def _field(self, person: str, span: Span) -> None:
        text = self.ctx.text
        line_start = text.rfind("\n", 0, span.start)
        field_ = FIELD_ROLE.search(text, max(0, line_start), span.start)
        if not field_ or not has_role_noun(field_["role"]) or self._role_after(span):
            return
        end = segment_after(text, span.end)[0]
        self.membership(person, field_["role"], self.home, Span(field_.start("role"), end))

    def _role_after(self, span: Span) -> bool:
        """Whether the name is followed by a role of its own (", Head of Quality Assurance")."""
        text = self.ctx.text
        m = re.compile(r"\s*,\s*").match(text, span.end)
        if m is None:
            return False
        words = text[m.end() : segment_after(text, m.end())[1]].split()
        return has_role_noun(" ".join(words[:6]))

    def _publisher_council(self) -> OrgMention | None:
        """Form fields of a council's own report ("Relevant Cabinet Member:") are that council's roles."""
        if self.ctx.subject_la is None:
            return None
        return next((m for m in self.ctx.org_mentions if m.key == self.ctx.subject_la), None)

    def _lines_below(self, person: str, span: Span) -> None:
        """Letter heads and signatures: the name alone on its line, role (and body) below."""
        text = self.ctx.text
        line_end = text.find("\n", span.end)
        line_start = text.rfind("\n", 0, span.start) + 1
        if line_end < 0 or POST_NOMINALS_AFTER.sub("", text[span.end : line_end]).strip():
            return
        if re.sub(
            r"(?i)\b(?:mr|mrs|ms|miss|dr|cllr|councillor|prof|professor)\.?\s*",
            "",
            text[line_start : span.start],
        ).strip():
            return  # the name shares its line with a label or other words
        lines = text[line_end + 1 : line_end + 400].split("\n")
        if (
            not lines
            or not has_role_noun(lines[0])
            or len(lines[0].split()) > 10
            or FIELD_LABEL.match(lines[0])
        ):
            return
        role_start = line_end + 1
        role_end = role_start + len(lines[0])
        org = None
        if len(lines) > 1:
            org_start = role_end + 1
            org = _org_in(self.ctx, org_start, org_start + len(lines[1]))
        role, inline_org = self.split_role_and_org(role_start, role_end)
        self.membership(person, role, inline_org or org, Span(span.start, role_end))


def read_memberships(ctx: RoleContext) -> list[Membership]:
    return MembershipReader(ctx).read()
