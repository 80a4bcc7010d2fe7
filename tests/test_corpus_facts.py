"""Real answers from the bundled corpus: named people in roles, named inspections with dates and grades."""

from __future__ import annotations

import pyoxigraph as ox

PREFIXES = """
PREFIX okg: <https://w3id.org/ofsted-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def test_named_people_hold_their_roles(store: ox.Store) -> None:
    found = rows(
        store,
        """
        SELECT ?person ?role ?body ?concept WHERE {
          ?m org:member/foaf:name ?person ; org:organization/skos:prefLabel ?body ; org:role ?r .
          ?r rdfs:label ?role . OPTIONAL { ?r okg:normalisedRole ?concept } }""",
    )
    triples = {(r["person"], r["role"], r["body"]) for r in found}
    assert ("Sue Harrison", "Director Children and Families", "Birmingham City Council") in triples
    assert ("Andy Couldrick", "Chief Executive", "Birmingham Children's Trust") in triples
    assert ("Alison Smale", "Her Majesty's Inspector", "Ofsted") in triples
    assert ("Lucy Kapasi", "correspondent", "ITV News") in triples
    dcs = {
        r["person"] for r in found if r.get("concept", "").endswith("DirectorOfChildrensServices")
    }
    assert dcs == {"Sue Harrison"}


def test_former_roles_are_marked(store: ox.Store) -> None:
    former = rows(
        store,
        "SELECT DISTINCT ?person ?role WHERE { ?m okg:former true ; org:member/foaf:name ?person ; org:role/rdfs:label ?role }",
    )
    assert former == [{"person": "Brigid Jones", "role": "cabinet member for children's services"}]


def test_the_2023_inspection_has_its_dates_grade_judgements_and_evidence_from_three_documents(
    store: ox.Store,
) -> None:
    found = rows(
        store,
        """
        SELECT ?i ?end ?grade (COUNT(DISTINCT ?j) AS ?judgements) (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
          ?i a okg:Inspection ; schema:startDate "2023-02-20"^^<http://www.w3.org/2001/XMLSchema#date> ;
             schema:endDate ?end ; okg:overallGrade ?grade ; okg:hasJudgement ?j .
          ?a oa:hasBody ?i ; oa:hasTarget/oa:hasSource ?doc .
        } GROUP BY ?i ?end ?grade""",
    )
    assert len(found) == 1
    assert found[0]["end"] == "2023-03-03"
    assert found[0]["grade"].endswith("#Good")
    assert found[0]["judgements"] == "4"
    assert int(found[0]["docs"]) >= 3


def test_the_focused_visit_names_both_inspectors(store: ox.Store) -> None:
    found = rows(
        store,
        """
        SELECT ?start ?end ?inspector WHERE {
          ?i okg:inspectionType okg:FocusedVisit ; schema:startDate ?start ; schema:endDate ?end ;
             okg:inspector/foaf:name ?inspector }""",
    )
    assert {r["inspector"] for r in found} == {"Alison Smale", "John Roughton"}
    assert {(r["start"], r["end"]) for r in found} == {("2021-10-27", "2021-10-28")}


def test_historic_grades_become_inspections(store: ox.Store) -> None:
    found = rows(
        store,
        """
        SELECT ?body ?start ?grade WHERE { ?i okg:inspectedBody/skos:prefLabel ?body ;
          schema:startDate ?start ; okg:overallGrade ?grade }""",
    )
    facts = {(r["body"], r["start"], r["grade"].rsplit("#", 1)[-1]) for r in found}
    assert ("London Borough of Wandsworth", "2015-12", "Inadequate") in facts
    assert ("Birmingham City Council", "2018-12", "RequiresImprovement") in facts


def test_areas_for_improvement_of_the_2021_visit(store: ox.Store) -> None:
    found = rows(
        store,
        """
        SELECT ?text ?theme WHERE { ?f okg:fromInspection/okg:inspectionType okg:FocusedVisit ;
          okg:findingType okg:AreaForImprovement ; rdfs:label ?text . OPTIONAL { ?f dcterms:subject ?theme } }""",
    )
    texts = {r["text"] for r in found}
    assert len(texts) == 5
    assert any("return home interviews" in t for t in texts)
    themes = {r.get("theme", "").rsplit("#", 1)[-1] for r in found}
    assert {"PlacementSufficiencyTheme", "MissingChildrenTheme", "CareLeaversTheme"} <= themes


def test_a_trust_delivers_services_for_its_council(store: ox.Store) -> None:
    found = rows(
        store,
        "SELECT DISTINCT ?t ?c WHERE { ?x okg:deliversServicesFor ?y . ?x skos:prefLabel ?t . ?y skos:prefLabel ?c }",
    )
    assert found == [{"t": "Birmingham Children's Trust", "c": "Birmingham City Council"}]


def test_document_metadata(store: ox.Store) -> None:
    found = rows(
        store,
        """
        SELECT ?doc ?date ?creator WHERE { GRAPH ?doc { ?doc a foaf:Document ; dcterms:date ?date .
          OPTIONAL { ?doc dcterms:creator/foaf:name ?creator } } }""",
    )
    by_date = {r["date"]: r.get("creator") for r in found}
    assert by_date == {
        "2023-05-16": "Seamus Gaynor",
        "2021-12-01": "Alison Smale",
        "2017-10-19": "Tristan Donovan",
    }
