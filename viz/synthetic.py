"""Synthetic graphs of a chosen size, in the store's shape, for scale tests and benchmarks.

Why: the bundled corpus is a few dozen nodes, but the picture must stay usable at thousands.
A generated graph with the proportions of the real one (many people around councils, a few
inspections per council, findings per inspection, cases tying children and parents to
councils, one inspectorate, evidence for every fact) tests the same code paths at any size.
Every name is made up ("Person 00017", "Council 0003"); the result depends only on the seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pyoxigraph as ox

from ofsted_kg.ontology import ID, PREFIXES

GRAPH = ox.NamedNode(f"{ID}source/synthetic")
ROLES = ("DirectorOfChildrensServices", "ChiefExecutive", "Councillor", "CabinetMember", "Director")
TYPES = ("StandardInspection", "ShortInspection", "FocusedVisit", "MonitoringVisit")
GRADES = ("Outstanding", "Good", "RequiresImprovement", "Inadequate")
THEMES = ("DomesticAbuseTheme", "PermanenceTheme", "CareLeaversTheme", "WorkforceTheme")


def kind_counts(nodes: int) -> dict[str, int]:
    """How many nodes of each drawn kind a graph of ``nodes`` nodes gets (they sum to it)."""
    if nodes < 20:
        raise ValueError("a synthetic graph needs at least 20 nodes")
    counts = {
        "local-authority": max(2, nodes // 25),
        "trust": max(1, nodes // 150),
        "inspectorate": 1,
        "body": max(1, nodes // 100),
        "inspection": max(2, nodes // 8),
        "case": max(1, nodes // 30),
        "person": max(4, nodes * 2 // 5),
    }
    counts["finding"] = nodes - sum(counts.values())
    return counts


def fill_synthetic(store: ox.Store, nodes: int, *, seed: int = 0) -> dict[str, int]:
    """Add a synthetic graph of exactly ``nodes`` drawable nodes to ``store``; its counts."""
    counts = kind_counts(nodes)
    store.extend(ox.Quad(s, p, o, GRAPH) for s, p, o in _triples(counts, random.Random(seed)))
    return counts


def _n(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(f"{PREFIXES[prefix]}{local}")


A = _n("rdf", "type")
Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


def _lit(value: str, datatype: str | None = None) -> ox.Literal:
    return ox.Literal(value, datatype=_n("xsd", datatype) if datatype else None)


def _triples(counts: dict[str, int], rng: random.Random) -> Iterator[Triple]:
    docs = [
        ox.NamedNode(f"{ID}doc/synthetic-{i:04d}")
        for i in range(max(2, sum(counts.values()) // 40))
    ]
    for i, doc in enumerate(docs):
        yield doc, A, _n("foaf", "Document")
        yield doc, _n("dcterms", "title"), _lit(f"Synthetic document {i:04d}")
        yield doc, _n("dcterms", "date"), _lit(_day(rng), "date")

    def mentioned(node: ox.NamedNode) -> Iterator[Triple]:
        yield node, _n("prov", "wasDerivedFrom"), rng.choice(docs)

    def evidence(node: ox.NamedNode, text: str) -> Iterator[Triple]:
        ann = ox.NamedNode(
            f"{ID}evidence/{node.value.rsplit('/', 2)[-2]}-{node.value.rsplit('/', 1)[-1]}"
        )
        target, quote = ox.NamedNode(f"{ann.value}/target"), ox.NamedNode(f"{ann.value}/quote")
        yield ann, A, _n("oa", "Annotation")
        yield ann, _n("oa", "hasBody"), node
        yield ann, _n("oa", "hasTarget"), target
        yield target, _n("oa", "hasSource"), rng.choice(docs)
        yield target, _n("oa", "hasSelector"), quote
        yield quote, A, _n("oa", "TextQuoteSelector")
        yield quote, _n("oa", "exact"), _lit(f"Evidence: {text}")

    orgs: dict[str, list[ox.NamedNode]] = {}
    for kind, cls, name in (
        ("local-authority", "LocalAuthority", "Council"),
        ("trust", "ChildrensTrust", "Children's Trust"),
        ("inspectorate", "Inspectorate", "Inspectorate"),
        ("body", "PoliceForce", "Police"),
    ):
        orgs[kind] = []
        for i in range(counts[kind]):
            node = ox.NamedNode(f"{ID}org/synthetic-{kind}-{i:04d}")
            orgs[kind].append(node)
            yield node, A, _n("org", "Organization")
            yield node, A, _n("okg", cls)
            yield node, _n("skos", "prefLabel"), _lit(f"{name} {i:04d}")
            yield from mentioned(node)
    for i, trust in enumerate(orgs["trust"]):
        yield trust, _n("okg", "deliversServicesFor"), orgs["local-authority"][i]
    inspectorate = orgs["inspectorate"][0]
    councils = orgs["local-authority"] + orgs["trust"]

    people = [ox.NamedNode(f"{ID}person/synthetic-{i:05d}") for i in range(counts["person"])]
    for i, person in enumerate(people):
        yield person, A, _n("foaf", "Person")
        yield person, _n("foaf", "name"), _lit(f"Person {i:05d}")
        yield person, _n("rdfs", "label"), _lit(f"Person {i:05d}")
        yield from mentioned(person)
    n_case = counts["case"]
    children, parents = people[:n_case], people[n_case : 2 * n_case]
    inspectors = people[2 * n_case : 2 * n_case + max(1, counts["inspection"] // 20)]
    members = people[2 * n_case + len(inspectors) :]

    memberships = [(p, inspectorate, "HMInspector") for p in inspectors]
    for person in members:
        memberships.append((person, rng.choice(councils + orgs["body"]), rng.choice(ROLES)))
        if rng.random() < 0.1:
            memberships.append((person, rng.choice(councils), rng.choice(ROLES)))
    for i, (person, body, role) in enumerate(memberships):
        m = ox.NamedNode(f"{ID}membership/synthetic-{i:05d}")
        role_node = ox.NamedNode(f"{ID}role/synthetic-{role}")
        yield m, A, _n("org", "Membership")
        yield m, _n("org", "member"), person
        yield m, _n("org", "organization"), body
        yield m, _n("org", "role"), role_node
        yield role_node, _n("okg", "normalisedRole"), _n("okg", role)
        yield m, _n("okg", "asOf"), _lit(_day(rng), "date")
        yield from evidence(m, f"{role} of body {body.value.rsplit('-', 1)[-1]}")

    inspections = [
        ox.NamedNode(f"{ID}inspection/synthetic-{i:05d}") for i in range(counts["inspection"])
    ]
    for i, insp in enumerate(inspections):
        yield insp, A, _n("okg", "Inspection")
        yield insp, _n("okg", "inspectedBody"), councils[i % len(councils)]
        yield insp, _n("okg", "inspectionType"), _n("okg", rng.choice(TYPES))
        yield insp, _n("prov", "wasAssociatedWith"), inspectorate
        yield insp, _n("okg", "inspector"), rng.choice(inspectors)
        start = _day(rng)
        yield (
            insp,
            _n("schema", "startDate"),
            _lit(start, "date") if i % 5 else _lit(start[:7], "gYearMonth"),
        )
        if rng.random() < 0.6:
            yield insp, _n("okg", "overallGrade"), _n("okg", rng.choice(GRADES))
        yield from mentioned(insp)
        yield from evidence(insp, f"inspection {i:05d}")
    for i in range(counts["finding"]):
        f = ox.NamedNode(f"{ID}finding/synthetic-{i:05d}")
        theme = rng.choice(THEMES)
        yield f, A, _n("okg", "Finding")
        yield f, _n("okg", "fromInspection"), inspections[i % len(inspections)]
        yield f, _n("okg", "findingType"), _n("okg", rng.choice(("AreaForImprovement", "Strength")))
        yield f, _n("dcterms", "subject"), _n("okg", theme)
        yield f, _n("rdfs", "label"), _lit(f"Synthetic finding {i:05d} on {theme[:-5].lower()}")
        yield from mentioned(f)
        yield from evidence(f, f"finding {i:05d}")
    for i in range(n_case):
        case = ox.NamedNode(f"{ID}case/synthetic-{i:05d}")
        inv = ox.NamedNode(f"{ID}involvement/synthetic-{i:05d}")
        yield case, A, _n("okg", "Case")
        yield case, _n("okg", "child"), children[i]
        yield case, _n("okg", "involvement"), inv
        yield inv, _n("okg", "person"), parents[i]
        yield inv, _n("okg", "part"), _lit("parent")
        yield case, _n("okg", "relatedBody"), rng.choice(orgs["local-authority"])
        yield case, _n("okg", "relatedBody"), rng.choice(orgs["body"])
        yield case, _n("schema", "startDate"), _lit(_day(rng)[:4], "gYear")
        yield from mentioned(case)
        yield from evidence(case, f"case {i:05d}")


def _day(rng: random.Random) -> str:
    return f"{rng.randint(2009, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
