"""The vocabulary files: OWL terms, SKOS concept schemes, the gazetteer and the SHACL shapes."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from ofsted_kg.ontology import OA, OKG, ORG, SDO, SH

ONTOLOGY_DIR = Path(__file__).parents[1] / "ontology"
FIXTURES = Path(__file__).parent / "fixtures"
ONTOLOGY_IRI = URIRef("https://w3id.org/ofsted-kg/ontology")
ORG_IDS = "https://w3id.org/ofsted-kg/id/org/"

REFERENCE_FILES = ("vocabulary.ttl", "schemes.ttl", "national_bodies.ttl")
ALL_FILES = (*REFERENCE_FILES, "shapes.ttl")

# Every okg: term named in shared/SCHEMA.md (the public contract), kept here as a
# literal so the test does not depend on files outside the repository.
SCHEMA_TERMS = (
    # classes
    "LocalAuthority", "ChildrensTrust", "Inspectorate", "GovernmentDepartment", "Committee",
    "MediaOrganisation", "HealthService", "PoliceForce", "Inspection", "Judgement", "Finding",
    "Case", "Statement", "Event", "Letter",
    # properties
    "deliversServicesFor", "asOf", "former", "inspectedBody", "inspectionType", "framework",
    "inspector", "overallGrade", "hasJudgement", "publishedOn", "area", "grade", "fromInspection",
    "findingType", "child", "involves", "relatedBody", "outcome", "review", "speaker", "quote",
    "about", "eventType", "genre", "sourceFile",
    # concept schemes and concepts
    "Grades", "Outstanding", "Good", "RequiresImprovement", "Inadequate",
    "AreaForImprovement", "Strength", "Themes",
)  # fmt: skip

# Extensions of SCHEMA.md that code relies on.
EXTENSION_TERMS = (
    "SafeguardingPartnership", "CouncilDirectorate", "Cabinet", "ServiceProvider", "Court",
    "PublicBody", "CharityOrganisation", "Involvement", "involvement", "person", "part", "gssCode",
    "laCode", "ofstedUrn", "region", "authorityType", "sourceRow", "roleAsWritten",
    "normalisedRole", "resolutionRule", "mentionedAs", "rank",
)  # fmt: skip

ORGANISATION_CLASSES = (
    "LocalAuthority", "ChildrensTrust", "Inspectorate", "GovernmentDepartment", "Committee",
    "MediaOrganisation", "HealthService", "PoliceForce", "SafeguardingPartnership",
    "CouncilDirectorate", "Cabinet", "ServiceProvider", "Court", "PublicBody",
    "CharityOrganisation",
)  # fmt: skip

# The concept IRIs code refers to, by scheme.
REQUIRED_CONCEPTS = {
    "Grades": {"Outstanding", "Good", "RequiresImprovement", "Inadequate"},
    "InspectionTypes": {
        "StandardInspection", "ShortInspection", "FocusedVisit", "MonitoringVisit",
        "JointTargetedAreaInspection", "SIFInspection", "JointAreaReview", "AnnualConversation",
        "FullInspection", "SafeguardingInspection",
    },
    "Frameworks": {"ILACS", "SIF", "JTAIFramework", "LegacyFramework"},
    "JudgementAreas": {
        "OverallEffectiveness", "ImpactOfLeaders", "HelpAndProtection", "ChildrenInCare",
        "CareLeavers",
    },
    "FindingTypes": {"AreaForImprovement", "Strength"},
    "Themes": {
        "DomesticAbuseTheme", "PermanenceTheme", "CareLeaversTheme", "PlacementSufficiencyTheme",
        "WorkforceTheme", "ManagementOversightTheme", "DisabledChildrenTheme",
        "MissingChildrenTheme", "ExploitationTheme", "EarlyHelpTheme", "HealthAssessmentsTheme",
        "PlanningTheme", "ReviewsTheme", "RecordingTheme", "PartnershipTheme",
        "QualityAssuranceTheme", "NeglectTheme", "AssessmentsTheme", "FrontDoorTheme",
        "ChildProtectionTheme", "VoiceOfTheChildTheme", "IdentityTheme", "EducationTheme",
        "LeadershipTheme", "PublicLawOutlineTheme", "UnaccompaniedChildrenTheme",
        "YoungCarersTheme", "PrivateFosteringTheme",
    },
    "Roles": {
        "DirectorOfChildrensServices", "Director", "ChiefExecutive", "Chair", "ViceChair",
        "CabinetMember", "LeaderOfTheCouncil", "DeputyLeader", "Councillor", "Mayor",
        "HMInspector", "Inspector", "ChiefInspector", "SocialWorker", "PersonalAdviser",
        "Commissioner", "Minister", "MemberOfParliament", "Journalist", "Correspondent",
        "Photographer", "HeadOfService", "ChiefOfficer", "IndependentChair", "Spokesperson",
        "PrincipalSocialWorker", "ReportAuthor",
    },
    "EventTypes": {
        "Establishment", "Takeover", "Intervention", "CommissionerAppointment", "Appointment",
        "Departure", "Publication", "Meeting", "Conviction", "Review", "Death",
    },
    "Genres": {"CouncilReport", "OfstedLetter", "InspectionReport", "News", "OtherGenre"},
}  # fmt: skip

# Words too generic to be a matching label on their own.
GENERIC_WORDS = {
    "care", "plan", "plans", "child", "children", "service", "services", "council", "report",
    "review", "reviews", "work", "support", "help", "practice", "family", "families", "health",
    "safeguarding", "leaders", "records", "school", "home", "needs", "risk", "staff", "manager",
    "managers", "member", "head", "officer", "lead", "meeting", "visit",
}  # fmt: skip

# Phrases the extractor must tag, and the concept each must resolve to (scheme, concept).
# Most are the wording of real Ofsted findings and council role titles.
PHRASES = (
    ("Roles", "Director Children and Families", "DirectorOfChildrensServices"),
    ("Roles", "director of children's services", "DirectorOfChildrensServices"),
    ("Roles", "Director for Education and Skills", "Director"),
    ("Roles", "Head of Executive", "HeadOfService"),
    ("Roles", "Lead member", "CabinetMember"),
    ("Roles", "Cabinet Member", "CabinetMember"),
    ("Roles", "O&S Chair", "Chair"),
    ("Roles", "Her Majesty's Inspector", "HMInspector"),
    ("Roles", "HMI", "HMInspector"),
    ("Roles", "Deputy Leader", "DeputyLeader"),
    ("Roles", "correspondent", "Correspondent"),
    ("Roles", "Chief Executive", "ChiefExecutive"),
    ("Grades", "Requires improvement", "RequiresImprovement"),
    ("InspectionTypes", "JTAI", "JointTargetedAreaInspection"),
    ("InspectionTypes", "full inspection", "FullInspection"),
    ("Frameworks", "ILACS", "ILACS"),
    ("JudgementAreas", "the experiences and progress of children who need help and protection",
     "HelpAndProtection"),
    ("JudgementAreas", "the impact of leaders on social work practice with children and families",
     "ImpactOfLeaders"),
    ("JudgementAreas", "looked after children", "ChildrenInCare"),
    ("FindingTypes", "what needs to improve", "AreaForImprovement"),
    ("Themes", "domestic abuse", "DomesticAbuseTheme"),
    ("Themes", "pre-birth assessments", "PermanenceTheme"),
    ("Themes", "early permanence", "PermanenceTheme"),
    ("Themes", "legal status", "PermanenceTheme"),
    ("Themes", "permanency tracker", "PermanenceTheme"),
    ("Themes", "personal advisers", "CareLeaversTheme"),
    ("Themes", "personal adviser", "CareLeaversTheme"),
    ("Themes", "written plans", "PlanningTheme"),
    ("Themes", "placement sufficiency", "PlacementSufficiencyTheme"),
    ("Themes", "unregistered settings", "PlacementSufficiencyTheme"),
    ("Themes", "statutory reviews", "ReviewsTheme"),
    ("Themes", "return home interviews", "MissingChildrenTheme"),
    ("Themes", "CAMHS", "HealthAssessmentsTheme"),
    ("Themes", "management oversight", "ManagementOversightTheme"),
    ("Themes", "case recording", "RecordingTheme"),
    ("Themes", "multi-agency", "PartnershipTheme"),
    ("Themes", "share information", "PartnershipTheme"),
    ("Themes", "caseloads", "WorkforceTheme"),
    ("Themes", "county lines", "ExploitationTheme"),
    ("Themes", "care proceedings", "PublicLawOutlineTheme"),
    ("EventTypes", "serious case review", "Review"),
    ("EventTypes", "statutory direction", "Intervention"),
    ("Genres", "council-report", "CouncilReport"),
)  # fmt: skip

NATIONAL_BODIES = {
    "ofsted": "Inspectorate",
    "department-for-education": "GovernmentDepartment",
    "care-quality-commission": "Inspectorate",
    "hmicfrs": "Inspectorate",
    "hm-inspectorate-of-probation": "Inspectorate",
    "childrens-commissioner-for-england": "PublicBody",
    "child-safeguarding-practice-review-panel": "PublicBody",
    "local-government-association": "PublicBody",
    "cafcass": "PublicBody",
    "nhs-england": "HealthService",
    "home-office": "GovernmentDepartment",
    "department-of-health-and-social-care": "GovernmentDepartment",
    "association-of-directors-of-childrens-services": "PublicBody",
    "bbc": "MediaOrganisation",
    "itv-news": "MediaOrganisation",
    "children-and-young-people-now": "MediaOrganisation",
    "community-care": "MediaOrganisation",
    "the-guardian": "MediaOrganisation",
    "the-times": "MediaOrganisation",
}

# SCHEMA.md's things and the class each shape must target.
SHAPE_TARGETS = (
    FOAF.Person, ORG.Organization, ORG.Membership, ORG.Role, OKG.Inspection, OKG.Judgement,
    OKG.Finding, OKG.Case, OKG.Statement, OKG.Event, OKG.Involvement, FOAF.Document,
    OA.Annotation, OA.TextQuoteSelector, OA.TextPositionSelector, SKOS.Concept,
)  # fmt: skip
FACT_CLASSES = (
    ORG.Membership, OKG.Inspection, OKG.Judgement, OKG.Finding, OKG.Case, OKG.Statement, OKG.Event,
)  # fmt: skip

# Messages the broken fixture must produce (one per fault it plants).
BROKEN_MESSAGES = (
    "Membership has no org:member (person)",
    "Membership's okg:asOf is not an xsd:date",
    "Person has no foaf:name",
    "Person is a blank node: mint an IRI (id:person/...)",
    "Person has no prov:wasDerivedFrom (the documents that mention them)",
    "Role has no rdfs:label",
    "Inspection has no okg:inspectedBody",
    "Inspection's okg:overallGrade is not one of okg:Outstanding, okg:Good, "
    "okg:RequiresImprovement, okg:Inadequate",
    "Inspection has no evidence: no oa:Annotation has it as oa:hasBody",
    "Judgement belongs to no inspection (nothing links to it by okg:hasJudgement)",
    "Finding's okg:findingType is neither okg:AreaForImprovement nor okg:Strength",
    "Finding has no rdfs:label (its text)",
    "Case has no okg:child",
    "okg:sourceRow is not a 1-based row number (an integer of at least 1)",
    "Statement has more than one okg:speaker",
    "Event's okg:eventType is not a concept of okg:EventTypes",
    "Grade's okg:rank is not an integer from 1 (outstanding) to 4 (inadequate)",
    "Document's dcterms:identifier is not a SHA-256 (64 lower-case hex characters)",
    "Annotation target's oa:hasSource is neither a foaf:Document nor a prov:Entity "
    "(structured source)",
    "TextQuoteSelector has no oa:exact",
    "TextPositionSelector's oa:start is not before its oa:end",
)


# --- fixtures and helpers ------------------------------------------------------


def _load(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(ONTOLOGY_DIR / name, format="turtle")
    return graph


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return _load("vocabulary.ttl")


@pytest.fixture(scope="module")
def schemes() -> Graph:
    return _load("schemes.ttl")


@pytest.fixture(scope="module")
def bodies() -> Graph:
    return _load("national_bodies.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _load("shapes.ttl")


@pytest.fixture(scope="module")
def reference() -> Graph:
    """Vocabulary + schemes + gazetteer: what the store holds besides the data."""
    return _load(*REFERENCE_FILES)


def _concepts_in(graph: Graph, scheme: URIRef) -> set[URIRef]:
    return {c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)}


def _fold(label: str) -> str:
    """Fold a label the way a case-insensitive whole-phrase matcher sees it."""
    text = label.casefold().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _matching_labels(graph: Graph, concept: URIRef) -> list[Literal]:
    return [
        label
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
        for label in graph.objects(concept, predicate)
        if isinstance(label, Literal)
    ]


def _validate(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    conforms, results, _ = validate(data, shacl_graph=shapes, inference="none")
    return bool(conforms), results


def _top_results(results: Graph) -> list[tuple[str, URIRef]]:
    report = next(results.subjects(RDF.type, SH.ValidationReport))
    return [
        (str(results.value(r, SH.resultMessage)), results.value(r, SH.resultSeverity))
        for r in results.objects(report, SH.result)
    ]


# --- parsing -------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_FILES)
def test_file_parses_and_is_not_empty(name: str) -> None:
    graph = _load(name)
    assert len(graph) > 50, f"{name} holds only {len(graph)} triples"


@pytest.mark.parametrize("name", REFERENCE_FILES)
def test_reference_file_has_no_blank_nodes(name: str) -> None:
    graph = _load(name)
    blanks = {t for triple in graph for t in triple if isinstance(t, BNode)}
    assert not blanks, f"{name} has blank nodes; the store must hold minted IRIs only"


# --- vocabulary.ttl ------------------------------------------------------------


def test_ontology_header(vocabulary: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in vocabulary
    assert vocabulary.value(ONTOLOGY_IRI, RDFS.label) is not None
    assert vocabulary.value(ONTOLOGY_IRI, RDFS.comment) is not None


@pytest.mark.parametrize("term", SCHEMA_TERMS + EXTENSION_TERMS)
def test_term_is_declared_with_label_and_comment(reference: Graph, term: str) -> None:
    iri = OKG[term]
    kinds = set(reference.objects(iri, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme,
                    SKOS.Concept}, f"okg:{term} is not declared"  # fmt: skip
    label = reference.value(iri, RDFS.label)
    comment = reference.value(iri, RDFS.comment)
    assert isinstance(label, Literal) and str(label).strip(), f"okg:{term} has no rdfs:label"
    assert isinstance(comment, Literal) and len(str(comment)) > 20, f"okg:{term} has no comment"
    assert reference.value(iri, RDFS.isDefinedBy) == ONTOLOGY_IRI, f"okg:{term} not isDefinedBy"


def test_every_vocabulary_term_is_documented(vocabulary: Graph) -> None:
    terms = {s for s in vocabulary.subjects(RDF.type, None) if str(s).startswith(str(OKG))}
    assert len(terms) >= 60
    for term in terms:
        for predicate in (RDFS.label, RDFS.comment):
            value = vocabulary.value(term, predicate)
            assert isinstance(value, Literal) and value.language == "en", (term, predicate)
        assert vocabulary.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, term


def _superclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    # org:OrganizationalUnit is a subclass of org:Organization in W3C ORG itself.
    known = {ORG.OrganizationalUnit: {ORG.Organization}}
    seen: set[URIRef] = set()
    todo = [cls]
    while todo:
        current = todo.pop()
        parents = set(graph.objects(current, RDFS.subClassOf)) | known.get(current, set())
        for parent in parents - seen:
            seen.add(parent)
            todo.append(parent)
    return seen


@pytest.mark.parametrize("name", ORGANISATION_CLASSES)
def test_organisation_classes_are_org_organizations(vocabulary: Graph, name: str) -> None:
    assert ORG.Organization in _superclasses(vocabulary, OKG[name])


def test_class_hierarchy(vocabulary: Graph) -> None:
    assert {PROV.Activity, SDO.Event} <= _superclasses(vocabulary, OKG.Inspection)
    assert SDO.Event in _superclasses(vocabulary, OKG.Event)
    assert FOAF.Document in _superclasses(vocabulary, OKG.Letter)
    assert OKG.Committee in _superclasses(vocabulary, OKG.Cabinet)


def test_normalised_role_is_a_kind_of_broader(vocabulary: Graph) -> None:
    assert (OKG.normalisedRole, RDFS.subPropertyOf, SKOS.broader) in vocabulary


def test_property_kinds_match_their_ranges(vocabulary: Graph) -> None:
    for prop in vocabulary.subjects(RDF.type, OWL.DatatypeProperty):
        rng = vocabulary.value(prop, RDFS.range)
        assert rng is not None and str(rng).startswith(str(XSD)), f"{prop} range {rng}"
    for prop in vocabulary.subjects(RDF.type, OWL.ObjectProperty):
        rng = vocabulary.value(prop, RDFS.range)
        assert rng is None or not str(rng).startswith(str(XSD)), f"{prop} range {rng}"
    assert vocabulary.value(OKG.asOf, RDFS.range) == XSD.date
    assert vocabulary.value(OKG.former, RDFS.range) == XSD.boolean
    assert vocabulary.value(OKG.rank, RDFS.range) == XSD.integer


# --- schemes.ttl ---------------------------------------------------------------


def test_every_concept_has_pref_label_scheme_and_definition(schemes: Graph) -> None:
    declared_schemes = set(schemes.subjects(RDF.type, SKOS.ConceptScheme))
    concepts = set(schemes.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 100
    for concept in concepts:
        pref = [
            label for label in schemes.objects(concept, SKOS.prefLabel) if label.language == "en"
        ]
        assert len(pref) == 1, f"{concept} needs exactly one English prefLabel"
        in_schemes = set(schemes.objects(concept, SKOS.inScheme))
        assert in_schemes and in_schemes <= declared_schemes, f"{concept} has no declared scheme"
        assert schemes.value(concept, SKOS.definition) is not None, f"{concept} has no definition"
    for scheme in declared_schemes:
        assert schemes.value(scheme, SKOS.prefLabel) is not None, scheme


@pytest.mark.parametrize("scheme", sorted(REQUIRED_CONCEPTS))
def test_required_concept_iris_exist(schemes: Graph, scheme: str) -> None:
    present = {URIRef(c).fragment for c in _concepts_in(schemes, OKG[scheme])}
    missing = REQUIRED_CONCEPTS[scheme] - present
    assert not missing, f"okg:{scheme} lacks {sorted(missing)}"


def test_themes_are_many(schemes: Graph) -> None:
    themes = _concepts_in(schemes, OKG.Themes)
    assert len(themes) >= 25
    assert all(str(t).endswith("Theme") for t in themes)


def test_role_concepts_are_org_roles(schemes: Graph) -> None:
    roles = _concepts_in(schemes, OKG.Roles)
    assert len(roles) >= 27
    for role in roles:
        assert (role, RDF.type, ORG.Role) in schemes, f"{role} is not an org:Role"
        assert schemes.value(role, RDFS.label) is not None, f"{role} has no rdfs:label"
    assert (OKG.Correspondent, SKOS.broader, OKG.Journalist) in schemes


def test_grade_ranks(schemes: Graph) -> None:
    expected = {OKG.Outstanding: 1, OKG.Good: 2, OKG.RequiresImprovement: 3, OKG.Inadequate: 4}
    ranks = {s: o for s, o in schemes.subject_objects(OKG.rank)}
    assert set(ranks) == set(expected)
    for grade, rank in expected.items():
        assert ranks[grade].datatype == XSD.integer
        assert ranks[grade].toPython() == rank


def test_grade_and_inspection_labels(schemes: Graph) -> None:
    assert str(schemes.value(OKG.RequiresImprovement, SKOS.prefLabel)) == (
        "Requires improvement to be good"
    )
    assert Literal("Requires improvement", lang="en") in set(
        schemes.objects(OKG.RequiresImprovement, SKOS.altLabel)
    )
    assert str(schemes.value(OKG.FullInspection, SKOS.prefLabel)) == "inspection"
    assert str(schemes.value(OKG.SIFInspection, SKOS.altLabel)) == "SIF inspection"


def test_inspection_kinds_say_inspection_and_visit_kinds_say_visit(schemes: Graph) -> None:
    visits = {OKG.FocusedVisit, OKG.MonitoringVisit}
    inspections = {
        OKG.StandardInspection, OKG.ShortInspection, OKG.JointTargetedAreaInspection,
        OKG.SIFInspection, OKG.FullInspection, OKG.SafeguardingInspection,
    }  # fmt: skip
    for concept in visits:
        assert "visit" in str(schemes.value(concept, SKOS.prefLabel)), concept
    for concept in inspections:
        pref = str(schemes.value(concept, SKOS.prefLabel))
        assert "inspection" in pref and "visit" not in pref, concept


@pytest.mark.parametrize("scheme", sorted(REQUIRED_CONCEPTS))
def test_no_label_matches_two_concepts_of_a_scheme(schemes: Graph, scheme: str) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for concept in _concepts_in(schemes, OKG[scheme]):
        for label in _matching_labels(schemes, concept):
            owners[_fold(label)].add(concept)
    ambiguous = {
        label: sorted(c.fragment for c in cs) for label, cs in owners.items() if len(cs) > 1
    }
    assert not ambiguous, f"okg:{scheme} labels match several concepts: {ambiguous}"


def test_label_kinds_are_disjoint_within_a_concept(schemes: Graph) -> None:
    """SKOS S13: a concept's pref, alt and hidden labels are pairwise disjoint."""
    for concept in schemes.subjects(RDF.type, SKOS.Concept):
        pref, alt, hidden = (
            set(schemes.objects(concept, p))
            for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
        )
        assert not (pref & alt or pref & hidden or alt & hidden), concept


def test_hidden_labels_are_lower_case(schemes: Graph) -> None:
    upper = [
        str(label)
        for label in schemes.objects(None, SKOS.hiddenLabel)
        if str(label) != str(label).lower()
    ]
    assert not upper, f"hidden labels should be lower case: {upper}"


def test_no_label_is_a_single_generic_word(schemes: Graph) -> None:
    generic = [
        (concept.fragment, str(label))
        for concept in schemes.subjects(RDF.type, SKOS.Concept)
        for label in _matching_labels(schemes, concept)
        if _fold(label) in GENERIC_WORDS
    ]
    assert not generic, f"labels too generic to match on their own: {generic}"


@pytest.mark.parametrize(("scheme", "phrase", "concept"), PHRASES)
def test_phrase_resolves_to_concept(schemes: Graph, scheme: str, phrase: str, concept: str) -> None:
    found = {
        c.fragment
        for c in _concepts_in(schemes, OKG[scheme])
        if _fold(phrase) in {_fold(label) for label in _matching_labels(schemes, c)}
    }
    assert found == {concept}


# --- national_bodies.ttl ---------------------------------------------------------


def test_national_bodies_are_typed_and_labelled(bodies: Graph, vocabulary: Graph) -> None:
    organisations = set(bodies.subjects(RDF.type, ORG.Organization))
    assert len(organisations) >= len(NATIONAL_BODIES)
    for body in organisations:
        assert isinstance(body, URIRef) and re.fullmatch(re.escape(ORG_IDS) + r"[a-z0-9-]+", body)
        subclasses = [c for c in bodies.objects(body, RDF.type) if c != ORG.Organization]
        assert len(subclasses) == 1, f"{body} needs exactly one okg: subclass"
        assert ORG.Organization in _superclasses(vocabulary, subclasses[0]), body
        assert subclasses[0] != OKG.LocalAuthority, f"{body}: local authorities come from the CSV"
        pref = bodies.value(body, SKOS.prefLabel)
        assert pref is not None and bodies.value(body, RDFS.label) == pref, body


@pytest.mark.parametrize(("slug", "cls"), sorted(NATIONAL_BODIES.items()))
def test_required_national_body(bodies: Graph, slug: str, cls: str) -> None:
    body = URIRef(ORG_IDS + slug)
    assert (body, RDF.type, ORG.Organization) in bodies
    assert (body, RDF.type, OKG[cls]) in bodies


def test_national_body_aliases(bodies: Graph) -> None:
    def labels(slug: str) -> set[str]:
        body = URIRef(ORG_IDS + slug)
        return {
            str(label) for p in (SKOS.prefLabel, SKOS.altLabel) for label in bodies.objects(body, p)
        }

    assert {
        "Ofsted",
        "Office for Standards in Education, Children's Services and Skills",
    } <= labels("ofsted")
    assert {"DfE", "the Department for Education", "Department for Children, Schools and Families",
            "DCSF"} <= labels("department-for-education")  # fmt: skip
    assert {"CQC"} <= labels("care-quality-commission")
    assert {"HMICFRS", "HMIC"} <= labels("hmicfrs")
    assert {"NHS", "the NHS"} <= labels("nhs-england")
    assert {"ITV", "ITV News"} <= labels("itv-news")
    assert {"CYP Now", "Children and Young People Now"} <= labels("children-and-young-people-now")
    assert {"ADCS"} <= labels("association-of-directors-of-childrens-services")


def test_no_label_names_two_bodies_or_a_council(bodies: Graph) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for body, label in bodies.subject_objects(predicate):
            owners[_fold(label)].add(body)
    assert not {label: cs for label, cs in owners.items() if len(cs) > 1}
    assert not any(label.startswith("itv ") and label != "itv news" for label in owners), (
        "regional ITV services are found by pattern, not listed"
    )
    with (ONTOLOGY_DIR / "data" / "local_authorities.csv").open(encoding="utf-8-sig") as f:
        councils = {_fold(row["local_authority_ons_name"]) for row in csv.DictReader(f)}
    assert councils, "the local authority CSV is empty"
    assert not set(owners) & councils, "a national body is named like a local authority"


# --- shapes.ttl ------------------------------------------------------------------


@pytest.mark.parametrize("cls", SHAPE_TARGETS, ids=lambda c: str(c).rsplit("/", 1)[-1])
def test_each_schema_class_has_a_node_shape(shapes: Graph, cls: URIRef) -> None:
    targeting = [
        s for s in shapes.subjects(SH.targetClass, cls) if (s, RDF.type, SH.NodeShape) in shapes
    ]
    assert targeting, f"no sh:NodeShape targets {cls}"


def test_grade_shape_targets_ranked_concepts(shapes: Graph) -> None:
    assert any(shapes.subjects(SH.targetSubjectsOf, OKG.rank))


@pytest.mark.parametrize("cls", FACT_CLASSES, ids=lambda c: str(c).rsplit("#", 1)[-1])
def test_facts_must_carry_evidence(shapes: Graph, cls: URIRef) -> None:
    shape = shapes.value(predicate=SH.targetClass, object=cls)
    constraint = shapes.value(shape, SH.sparql)
    assert constraint is not None, f"the shape of {cls} has no sh:sparql evidence constraint"
    assert "oa:hasBody" in str(shapes.value(constraint, SH.select))


def test_every_constraint_has_a_message(shapes: Graph) -> None:
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    helpers = {  # untargeted shapes used through sh:node; the shape that uses them reports
        s
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if all(shapes.value(s, t) is None for t in targets)
    }
    nested = {o for h in helpers for o in shapes.objects(h, SH.property)}
    nested |= {o for o in shapes.objects(None, SH.qualifiedValueShape)}
    property_shapes = set(shapes.objects(None, SH.property)) - nested
    constraints = set(shapes.objects(None, SH.sparql))
    assert len(property_shapes) > 100 and len(constraints) == len(FACT_CLASSES)
    silent = [s for s in property_shapes | constraints if shapes.value(s, SH.message) is None]
    assert not silent, f"{len(silent)} constraints have no sh:message"


def test_reference_data_conforms(reference: Graph, shapes: Graph) -> None:
    conforms, results = _validate(reference, shapes)
    assert conforms, _top_results(results)


def test_valid_fixture_conforms(reference: Graph, shapes: Graph) -> None:
    data = reference + Graph().parse(FIXTURES / "ontology_valid.ttl", format="turtle")
    conforms, results = _validate(data, shapes)
    assert conforms, _top_results(results)


def test_broken_fixture_reports_each_fault(reference: Graph, shapes: Graph) -> None:
    data = reference + Graph().parse(FIXTURES / "ontology_broken.ttl", format="turtle")
    conforms, results = _validate(data, shapes)
    assert not conforms
    reported = _top_results(results)
    messages = {message for message, _ in reported}
    missing = [m for m in BROKEN_MESSAGES if m not in messages]
    assert not missing, f"expected messages not reported: {missing}"
    assert ("Inspection has no schema:startDate", SH.Warning) in reported
    assert all(severity == SH.Violation for m, severity in reported if m in BROKEN_MESSAGES)


def test_missing_start_date_is_only_a_warning(reference: Graph, shapes: Graph) -> None:
    data = reference + Graph().parse(FIXTURES / "ontology_valid.ttl", format="turtle")
    data.remove((None, SDO.startDate, None))
    conforms, results = _validate(data, shapes)
    assert not conforms
    severities = {severity for _, severity in _top_results(results)}
    assert severities == {SH.Warning}
    assert validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)[0]
