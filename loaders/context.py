"""What every fact reader of one document may consult: the text, its sentences and its entities.

Readers run in a fixed order (entities → memberships → inspections → findings, cases,
statements, events) and each later reader sees what the earlier ones found, through this
one object, instead of re-reading the text for names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ofsted_kg.loaders.gazetteer import Gazetteer
from ofsted_kg.loaders.model import Document, InspectionFact, Membership, OrgRef, PersonRef, Span
from ofsted_kg.loaders.orgs import OrgMention
from ofsted_kg.loaders.segment import Sentence


@dataclass
class DocContext:
    document: Document
    gazetteer: Gazetteer
    sentences: list[Sentence]
    people: dict[str, PersonRef] = field(default_factory=dict)
    person_rules: dict[str, str] = field(default_factory=dict)
    orgs: dict[str, OrgRef] = field(default_factory=dict)
    org_mentions: list[OrgMention] = field(default_factory=list)
    subject_la: str | None = None
    subject_trust: str | None = None
    inspectorate: str | None = None
    memberships: list[Membership] = field(default_factory=list)
    inspections: list[InspectionFact] = field(default_factory=list)
    subject_inspection: int | None = None

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def mentions_inspectorate(self) -> bool:
        """Whether the document speaks of the inspectorate at all (so "rated good" is a grade)."""
        return self.inspectorate is not None and self.inspectorate in self.orgs

    @property
    def year(self) -> str | None:
        """The document's year, for dates written without one ("in late February")."""
        return self.document.date[:4] if self.document.date else None

    def sentence_at(self, pos: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.span.start <= pos < sentence.span.end:
                return sentence
        return None

    def people_in(self, span: Span) -> list[tuple[Span, str]]:
        """(mention span, person key) for every person mention inside ``span``, in order."""
        found = [
            (s, key)
            for key, ref in self.people.items()
            for s in ref.spans
            if span.start <= s.start and s.end <= span.end
        ]
        return sorted(found)

    def orgs_in(self, span: Span) -> list[OrgMention]:
        return [
            m for m in self.org_mentions if span.start <= m.span.start and m.span.end <= span.end
        ]

    def ensure_org(self, key: str, span: Span) -> None:
        """Make sure a body that a fact points to is described in this document's extraction."""
        if key in self.orgs:
            return
        body = self.gazetteer.bodies.get(key)
        if body is not None:
            self.orgs[key] = OrgRef(key=key, name=body.name, kind=body.kind, spans=[span])
