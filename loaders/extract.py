"""Document → Extraction: run the readers in order over one document.

    text → sentences → organisations → people → memberships → inspections
         → findings, cases, statements, events → document metadata

Each reader is a module of its own; this one only sequences them and fills the context.
"""

from __future__ import annotations

from ofsted_kg.loaders import cases, events, findings, inspections, metadata, statements
from ofsted_kg.loaders.context import DocContext
from ofsted_kg.loaders.gazetteer import Gazetteer, load_gazetteer
from ofsted_kg.loaders.model import Document, Extraction, OrgRef
from ofsted_kg.loaders.orgs import OrgFinder, body_for_place, subject_of_kind
from ofsted_kg.loaders.people import email_for, find_people
from ofsted_kg.loaders.roles import RoleContext, read_memberships
from ofsted_kg.loaders.schemes import RoleScheme
from ofsted_kg.loaders.segment import split_sentences


def extract(document: Document, gazetteer: Gazetteer | None = None) -> Extraction:
    gazetteer = gazetteer or load_gazetteer()
    text = document.text
    ctx = DocContext(document=document, gazetteer=gazetteer, sentences=split_sentences(text))
    ctx.orgs, ctx.org_mentions = OrgFinder(gazetteer).find(text)
    places = {p for body in gazetteer.local_authorities() for p in body.places}
    ctx.people, ctx.person_rules = find_people(text, places, [m.span for m in ctx.org_mentions])
    for person in ctx.people.values():
        person.email = email_for(text, person)
    la = subject_of_kind(ctx.orgs, "LocalAuthority")
    trust = subject_of_kind(ctx.orgs, "ChildrensTrust")
    ctx.subject_la = la.key if la else None
    ctx.subject_trust = trust.key if trust else None
    ofsted = gazetteer.lookup("Ofsted")
    ctx.inspectorate = ofsted.key if ofsted else None

    genre = metadata.guess_genre(text)
    metadata.apply_text_metadata(
        document, genre, metadata.guess_title(text), metadata.document_date(text)
    )

    role_ctx = RoleContext(
        text, ctx.people, ctx.orgs, ctx.org_mentions, RoleScheme(), ctx.subject_la, ctx.inspectorate
    )
    ctx.memberships = read_memberships(role_ctx)
    for membership in ctx.memberships:
        ctx.ensure_org(membership.org, membership.span)

    ctx.inspections, ctx.subject_inspection = inspections.find_inspections(ctx)
    extraction = Extraction(
        document=document,
        people=ctx.people,
        orgs=ctx.orgs,
        memberships=ctx.memberships,
        inspections=ctx.inspections,
        findings=findings.find_findings(ctx),
        cases=cases.find_cases(ctx),
        statements=statements.find_statements(ctx),
        events=events.find_events(ctx),
        creators=metadata.authors(text, ctx.people),
        person_rules=ctx.person_rules,
    )
    if document.publisher is None:
        document.publisher = metadata.publisher(text, ctx.org_mentions, document.genre or genre)
    _link_trusts(extraction, gazetteer, ctx.subject_la)
    return extraction


def _link_trusts(extraction: Extraction, gazetteer: Gazetteer, subject_la: str | None) -> None:
    """A body named for a place ("Leeds Children's Trust") serves or belongs to that place's council.

    A council's own committee or directorate named without a place ("Education and Skills
    Directorate") belongs to the council the document is about.
    """
    for ref in list(extraction.orgs.values()):
        if not ref.key.startswith("name/"):
            continue
        body = body_for_place(gazetteer, ref.name)
        if body is None:
            if ref.kind in {"Committee", "CouncilDirectorate"} and subject_la:
                ref.parent = subject_la
            continue
        if ref.kind == "ChildrensTrust":
            ref.serves = body.key
        elif ref.kind in {"Committee", "CouncilDirectorate", "SafeguardingPartnership"}:
            ref.parent = body.key
        else:
            continue
        if body.key not in extraction.orgs:
            extraction.orgs[body.key] = OrgRef(
                key=body.key, name=body.name, kind=body.kind, spans=[ref.spans[0]]
            )
