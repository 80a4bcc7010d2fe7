"""Extractions → quads: each document's facts in its own named graph, every fact with its evidence.

A document's graph says what that document says: the nodes it mentions (with the canonical
name chosen by resolution and the names it used), the facts it states, and a Web Annotation
for each fact pointing at the exact characters that state it.  The union of all graphs is
the knowledge graph; a named graph answers "what did this document contribute?".
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from ofsted_kg.graph.iris import (
    document_iri,
    evidence_iri,
    mint,
    org_iri,
    role_iri,
    short_hash,
    term,
)
from ofsted_kg.graph.resolve import Entity, Resolution
from ofsted_kg.loaders.gazetteer import Gazetteer
from ofsted_kg.loaders.model import Document, Extraction, Span
from ofsted_kg.loaders.normalise import fold, slugify, squeeze
from ofsted_kg.loaders.schemes import best_match
from ofsted_kg.ontology import OA, ONS_GEOGRAPHY, ORG, SDO


def N(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


A = N(RDF.type)
LABEL = N(RDFS.label)
DERIVED = N(PROV.wasDerivedFrom)
GENRE_CLASS = {
    "news": N(SDO.NewsArticle),
    "council-report": N(SDO.Report),
    "inspection-report": N(SDO.Report),
    "ofsted-letter": term("Letter"),
    "letter": term("Letter"),
    "dataset": N(SDO.Dataset),
}


TIME_PROPERTY = {10: TIME.inXSDDate, 7: TIME.inXSDgYearMonth, 4: TIME.inXSDgYear}


def refined_elsewhere(value: str, best: str | None) -> bool:
    """Another source dates the same thing more precisely ("2018" vs "2018-12"): say only that."""
    return bool(best) and best != value and best.startswith(value)


def text_literal(value: str) -> ox.Literal:
    return ox.Literal(value)


def date_literal(value: str) -> ox.Literal:
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return ox.Literal(value, datatype=N(datatype))


def bool_literal(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=N(XSD.boolean))


def int_literal(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=N(XSD.nonNegativeInteger))


class DocumentGraph:
    """Collects the quads of one document's named graph, without duplicates, in insertion order."""

    def __init__(
        self, extraction: Extraction, resolution: Resolution, gazetteer: Gazetteer
    ) -> None:
        self.ex = extraction
        self.doc: Document = extraction.document
        self.res = resolution
        self.gazetteer = gazetteer
        self.graph = document_iri(self.doc.doc_id)
        self.quads: dict[ox.Quad, None] = {}

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.quads[ox.Quad(s, p, o, self.graph)] = None

    # -- entities --------------------------------------------------------
    def person(self, key: str) -> ox.NamedNode:
        return mint("person", self.res.person(self.doc.doc_id, key).slug)

    def has_org(self, key: str | None) -> bool:
        return key is not None and self.res.org(self.doc.doc_id, key) is not None

    def org_entity(self, key: str) -> Entity:
        entity = self.res.org(self.doc.doc_id, key)
        if entity is None:
            raise KeyError(f"{self.doc.doc_id}: no resolved body for {key}")
        return entity

    def org(self, key: str) -> ox.NamedNode:
        return org_iri(self.org_entity(key).slug)

    def evidence(self, node: ox.NamedNode, span: Span) -> None:
        """A Web Annotation: this node is stated by these exact characters of this document."""
        ann = evidence_iri(node, self.graph, span.start, span.end)
        target = N(f"{ann.value}/target")
        quote = N(f"{ann.value}/quote")
        position = N(f"{ann.value}/position")
        self.add(ann, A, N(OA.Annotation))
        self.add(ann, N(OA.hasBody), node)
        self.add(ann, N(OA.motivatedBy), N(OA.describing))
        self.add(ann, N(OA.hasTarget), target)
        self.add(target, A, N(OA.SpecificResource))
        self.add(target, N(OA.hasSource), self.graph)
        self.add(target, N(OA.hasSelector), quote)
        self.add(target, N(OA.hasSelector), position)
        self.add(quote, A, N(OA.TextQuoteSelector))
        self.add(quote, N(OA.exact), text_literal(self.doc.text[span.start : span.end]))
        self.add(position, A, N(OA.TextPositionSelector))
        self.add(position, N(OA.start), int_literal(span.start))
        self.add(position, N(OA.end), int_literal(span.end))

    def build(self) -> Iterator[ox.Quad]:
        self._document()
        for key in sorted(self.ex.orgs):
            self._organisation(key)
        for key in sorted(self.ex.people):
            self._person_node(key)
        for membership in self.ex.memberships:
            self._membership(membership)
        for index in range(len(self.ex.inspections)):
            self._inspection(index)
        for index in range(len(self.ex.findings)):
            self._finding(index)
        for case in self.ex.cases:
            self._case(case)
        for statement in self.ex.statements:
            self._statement(statement)
        for index, event in enumerate(self.ex.events):
            self._event(index, event)
        return iter(self.quads)

    def _document(self) -> None:
        d, g = self.doc, self.graph
        self.add(g, A, N(FOAF.Document))
        self.add(g, A, N(PROV.Entity))
        if d.genre in GENRE_CLASS:
            self.add(g, A, GENRE_CLASS[d.genre])
        if d.title:
            self.add(g, N(DCTERMS.title), text_literal(d.title))
        if d.date:
            self.add(g, N(DCTERMS.date), date_literal(d.date))
        if d.genre:
            self.add(g, term("genre"), term(best_match("Genres", d.genre) or "OtherGenre"))
        if d.source_url:
            self.add(g, N(DCTERMS.source), N(d.source_url))
        self.add(g, N(DCTERMS.identifier), text_literal(d.sha256))
        self.add(g, term("sourceFile"), text_literal(d.path.rsplit("/", 1)[-1]))
        self.add(g, N(DCTERMS.format), text_literal(d.media_type))
        for key in self.ex.creators:
            self.add(g, N(DCTERMS.creator), self.person(key))
        if self.has_org(d.publisher):
            self.add(g, N(DCTERMS.publisher), self.org(d.publisher))

    def _person_node(self, key: str) -> None:
        ref = self.ex.people[key]
        entity = self.res.person(self.doc.doc_id, key)
        node = self.person(key)
        self.add(node, A, N(FOAF.Person))
        self.add(node, N(FOAF.name), text_literal(entity.name))
        self.add(node, LABEL, text_literal(entity.name))
        self.add(node, DERIVED, self.graph)
        for surface in sorted(ref.mentioned_as):
            if squeeze(surface) != entity.name:
                self.add(node, term("mentionedAs"), text_literal(squeeze(surface)))
        recognised = self.ex.person_rules.get(key, "")
        merged = "; ".join(sorted(entity.rules))
        self.add(
            node,
            term("resolutionRule"),
            text_literal(
                f"{self.doc.doc_id}: recognised by {recognised or 'a listed name'}; merged by {merged}"
            ),
        )
        self.evidence(node, min(ref.spans))
        if ref.email:
            self.add(node, N(FOAF.mbox), N(f"mailto:{ref.email}"))

    def _organisation(self, key: str) -> None:
        ref = self.ex.orgs[key]
        entity = self.org_entity(key)
        node = self.org(key)
        self.add(node, A, N(ORG.Organization))
        self.add(node, A, term(entity.kind))
        self.add(node, N(SKOS.prefLabel), text_literal(entity.name))
        self.add(node, LABEL, text_literal(entity.name))
        self.add(node, DERIVED, self.graph)
        for alias in sorted(ref.aliases):
            if fold(alias) != fold(entity.name):
                self.add(node, N(SKOS.altLabel), text_literal(squeeze(alias)))
        self.add(
            node,
            term("resolutionRule"),
            text_literal(f"{self.doc.doc_id}: {'; '.join(sorted(entity.rules))}"),
        )
        named = [m for m in ref.spans]
        if named:
            self.evidence(node, min(named))
        body = self.gazetteer.bodies.get(key)
        if body is not None and body.gss:
            self.add(node, term("gssCode"), text_literal(body.gss))
            self.add(node, N(OWL.sameAs), N(f"{ONS_GEOGRAPHY}{body.gss}"))
        if self.has_org(ref.serves):
            self.add(node, term("deliversServicesFor"), self.org(ref.serves))
        if self.has_org(ref.parent):
            self.add(node, N(ORG.subOrganizationOf), self.org(ref.parent))

    def _membership(self, m) -> None:  # type: ignore[no-untyped-def]
        person = self.person(m.person)
        org = self.org(m.org)
        role_label = squeeze(m.role)
        node = mint(
            "membership",
            f"{person.value.rsplit('/', 1)[-1]}--{self.org_entity(m.org).slug}--{slugify(role_label)}",
        )
        role = role_iri(role_label)
        self.add(node, A, N(ORG.Membership))
        self.add(node, N(ORG.member), person)
        self.add(node, N(ORG.organization), org)
        self.add(node, N(ORG.role), role)
        self.add(node, DERIVED, self.graph)
        self.add(role, A, N(ORG.Role))
        self.add(role, LABEL, text_literal(role_label))
        if m.role_concept:
            self.add(role, term("normalisedRole"), term(m.role_concept))
        if self.doc.date:
            self.add(node, term("asOf"), date_literal(self.doc.date))
        if m.former:
            self.add(node, term("former"), bool_literal(True))
        if m.period_start or m.period_end:
            self._period(node, m.period_start, m.period_end)
        self.evidence(node, m.span)

    def _period(self, node: ox.NamedNode, start: str | None, end: str | None) -> None:
        """org:memberDuring a time:Interval whose ends carry the date as precisely as stated."""
        period = N(f"{node.value}/period")
        self.add(node, N(ORG.memberDuring), period)
        self.add(period, A, N(TIME.Interval))
        for value, link, suffix in ((start, TIME.hasBeginning, "start"), (end, TIME.hasEnd, "end")):
            if value:
                instant = N(f"{period.value}/{suffix}")
                self.add(period, N(link), instant)
                self.add(instant, A, N(TIME.Instant))
                self.add(instant, N(TIME_PROPERTY[len(value)]), date_literal(value))

    def inspection_node(self, index: int) -> ox.NamedNode:
        group = self.res.inspection_of[(self.doc.doc_id, index)]
        return mint("inspection", group.slug)

    def _inspection(self, index: int) -> None:
        fact = self.ex.inspections[index]
        node = self.inspection_node(index)
        self.add(node, A, term("Inspection"))
        self.add(node, term("inspectedBody"), self.org(fact.body))
        group = self.res.inspection_of[(self.doc.doc_id, index)]
        specific = {f.kind for f in group.facts} - {"FullInspection"}
        if fact.kind != "FullInspection" or not specific:
            self.add(node, term("inspectionType"), term(fact.kind))
        self.add(node, DERIVED, self.graph)
        if fact.framework:
            self.add(node, term("framework"), term(fact.framework))
        if fact.start and not refined_elsewhere(fact.start, group.start):
            self.add(node, N(SDO.startDate), date_literal(fact.start))
        if fact.end:
            self.add(node, N(SDO.endDate), date_literal(fact.end))
        if fact.published:
            self.add(node, term("publishedOn"), date_literal(fact.published))
        if fact.overall_grade:
            self.add(node, term("overallGrade"), term(fact.overall_grade))
        for key in fact.inspectors:
            self.add(node, term("inspector"), self.person(key))
        inspectorate = self.gazetteer.lookup("Ofsted")
        if inspectorate is not None and inspectorate.key in self.ex.orgs:
            self.add(node, N(PROV.wasAssociatedWith), self.org(inspectorate.key))
        if fact.source_row is not None:
            self.add(node, term("sourceRow"), int_literal(fact.source_row))
        for judgement in fact.judgements:
            j = N(f"{node.value}/judgement/{slugify(judgement.area)}")
            self.add(node, term("hasJudgement"), j)
            self.add(j, A, term("Judgement"))
            self.add(j, term("area"), term(judgement.area))
            self.add(j, term("grade"), term(judgement.grade))
            self.add(j, DERIVED, self.graph)
            self.evidence(j, judgement.span)
        for span in fact.spans:
            self.evidence(node, span)

    def _finding(self, index: int) -> None:
        finding = self.ex.findings[index]
        slug = self.res.finding_slug.get((self.doc.doc_id, index))
        if slug is None:
            return
        node = mint("finding", slug)
        self.add(node, A, term("Finding"))
        self.add(node, term("fromInspection"), self.inspection_node(finding.inspection))
        self.add(node, term("findingType"), term(finding.finding_type))
        self.add(node, LABEL, text_literal(squeeze(finding.text)))
        self.add(node, DERIVED, self.graph)
        for theme in finding.themes:
            self.add(node, N(DCTERMS.subject), term(theme))
        self.evidence(node, finding.span)

    def _case(self, case) -> None:  # type: ignore[no-untyped-def]
        child = self.person(case.child)
        node = mint("case", child.value.rsplit("/", 1)[-1])
        self.add(node, A, term("Case"))
        self.add(node, term("child"), child)
        self.add(node, DERIVED, self.graph)
        for involvement in case.involved:
            person = self.person(involvement.person)
            self.add(node, term("involves"), person)
            inv = N(f"{node.value}/involvement/{person.value.rsplit('/', 1)[-1]}")
            self.add(node, term("involvement"), inv)
            self.add(inv, A, term("Involvement"))
            self.add(inv, term("person"), person)
            self.add(inv, term("part"), text_literal(involvement.part))
        for body in case.bodies:
            if self.has_org(body):
                self.add(node, term("relatedBody"), self.org(body))
        if case.date:
            self.add(node, N(SDO.startDate), date_literal(case.date))
        if case.location:
            self.add(node, N(SDO.location), text_literal(case.location))
        if case.outcome:
            self.add(node, term("outcome"), text_literal(case.outcome))
        for span in case.spans:
            self.evidence(node, span)

    def _statement(self, statement) -> None:  # type: ignore[no-untyped-def]
        speaker = self.person(statement.speaker)
        node = mint(
            "statement",
            f"{speaker.value.rsplit('/', 1)[-1]}-{short_hash(fold(statement.quote), length=10)}",
        )
        self.add(node, A, term("Statement"))
        self.add(node, term("speaker"), speaker)
        self.add(node, term("quote"), text_literal(statement.quote))
        self.add(node, DERIVED, self.graph)
        for about in statement.about:
            target = self._about_node(about)
            if target is not None:
                self.add(node, term("about"), target)
        self.evidence(node, statement.span)

    def _about_node(self, about: str) -> ox.NamedNode | None:
        if about.startswith("inspection:"):
            return self.inspection_node(int(about.split(":", 1)[1]))
        if self.has_org(about):
            return self.org(about)
        if (self.doc.doc_id, about) in self.res.person_of:
            return self.person(about)
        return None

    def _event(self, index: int, event) -> None:  # type: ignore[no-untyped-def]
        node = mint("event", self.res.event_slug[(self.doc.doc_id, index)])
        self.add(node, A, term("Event"))
        self.add(node, term("eventType"), term(event.event_type))
        self.add(node, DERIVED, self.graph)
        if event.label:
            self.add(node, LABEL, text_literal(event.label))
        slug = self.res.event_slug[(self.doc.doc_id, index)]
        best = self.res.event_date.get(slug)
        if event.date and not refined_elsewhere(event.date, best):
            self.add(node, N(SDO.startDate), date_literal(event.date))
        for who in event.involves:
            target = self._about_node(who)
            if target is not None:
                self.add(node, term("involves"), target)
        self.evidence(node, event.span)


def document_quads(
    extraction: Extraction, resolution: Resolution, gazetteer: Gazetteer
) -> list[ox.Quad]:
    return list(DocumentGraph(extraction, resolution, gazetteer).build())
