"""What a loader hands to the graph layer: a document and the facts found in it, each with its span.

Loaders never mint IRIs or touch RDF: they describe *what the text says, and where*.
Entities are referred to by document-local keys (a person's normalised full name, an
organisation's gazetteer key or normalised name); the graph layer resolves those keys
across documents and mints the IRIs.  Every fact carries the spans that state it, so the
graph can always answer "why do you say that?".
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range [start, end) into ``Document.text``."""

    start: int
    end: int

    def text(self, doc_text: str) -> str:
        return doc_text[self.start : self.end]


@dataclass
class Document:
    """One source: the exact text (offsets refer to it) and its bibliographic metadata."""

    doc_id: str
    path: str
    text: str
    sha256: str
    title: str | None = None
    date: str | None = None
    genre: str | None = None
    publisher: str | None = None
    source_url: str | None = None
    authors: list[str] = field(default_factory=list)
    media_type: str = "text/plain"


@dataclass
class PersonRef:
    """A person found in a document: ``key`` is the normalised full name."""

    key: str
    name: str
    spans: list[Span] = field(default_factory=list)
    honorific: str | None = None
    email: str | None = None
    mentioned_as: set[str] = field(default_factory=set)


@dataclass
class OrgRef:
    """An organisation found in a document.

    ``key`` is a gazetteer key (``la/<gss>``, ``national/<slug>``) when the mention resolved
    to a known body, otherwise ``name/<normalised name>`` for a body found by pattern.
    """

    key: str
    name: str
    kind: str
    spans: list[Span] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    parent: str | None = None
    serves: str | None = None


@dataclass
class Membership:
    person: str
    org: str
    role: str
    role_concept: str | None
    span: Span
    former: bool = False
    period_start: str | None = None
    period_end: str | None = None


@dataclass
class JudgementFact:
    area: str
    grade: str
    span: Span


@dataclass
class InspectionFact:
    """An inspection or visit of one body, as one document describes it."""

    body: str
    kind: str
    spans: list[Span]
    start: str | None = None
    end: str | None = None
    published: str | None = None
    framework: str | None = None
    inspectors: list[str] = field(default_factory=list)
    overall_grade: str | None = None
    judgements: list[JudgementFact] = field(default_factory=list)
    is_subject: bool = False
    source_row: int | None = None


@dataclass
class FindingFact:
    inspection: int
    finding_type: str
    text: str
    span: Span
    themes: list[str] = field(default_factory=list)


@dataclass
class Involvement:
    person: str
    part: str


@dataclass
class CaseFact:
    child: str
    spans: list[Span]
    involved: list[Involvement] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    date: str | None = None
    location: str | None = None
    outcome: str | None = None


@dataclass
class StatementFact:
    speaker: str
    quote: str
    span: Span
    about: list[str] = field(default_factory=list)


@dataclass
class EventFact:
    event_type: str
    span: Span
    date: str | None = None
    involves: list[str] = field(default_factory=list)
    label: str | None = None


@dataclass
class Extraction:
    """Everything one document states, in the document's own terms."""

    document: Document
    people: dict[str, PersonRef] = field(default_factory=dict)
    orgs: dict[str, OrgRef] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    inspections: list[InspectionFact] = field(default_factory=list)
    findings: list[FindingFact] = field(default_factory=list)
    cases: list[CaseFact] = field(default_factory=list)
    statements: list[StatementFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    creators: list[str] = field(default_factory=list)
    person_rules: dict[str, str] = field(default_factory=dict)
