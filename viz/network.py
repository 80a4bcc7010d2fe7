"""Read the store into a networkx view: the things a reader can see, and how they connect.

Why a view of its own rather than the RDF graph: a reader thinks in people, bodies and what
happened, not in membership or annotation nodes.  So a membership becomes one edge labelled
with the role ("Director of Children's Services"), judgements and grades become facts on
their inspection, and evidence quotes become text on the node or edge they support.

Nodes carry ``kind`` (see ``kinds.py``), ``label``, ``names`` (every name a user may type),
``facts`` (rows for the side panel), ``span`` (the days the thing happened, if dated),
``quotes`` (evidence: text and document) and ``docs`` (documents that mention it).  Edges
carry ``label``, ``structural`` (False only for "mentioned in" edges to documents, which
filters never walk along), ``span`` and ``quotes``.  Organisations that no document
mentions (most of the gazetteer) are left out unless a drawn fact points at them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pyoxigraph as ox

from ofsted_kg.graph.store import BUILD_GRAPH
from ofsted_kg.loaders.normalise import fold
from ofsted_kg.ontology import OKG, ORG, PREFIXES
from ofsted_kg.viz import sparql
from ofsted_kg.viz.dates import Span, date_range, describe, hull
from ofsted_kg.viz.kinds import Rel

FOAF_NS = PREFIXES["foaf"]
ORG_CLASS_KIND = {
    f"{OKG}LocalAuthority": "local-authority",
    f"{OKG}ChildrensTrust": "trust",
    f"{OKG}Inspectorate": "inspectorate",
}
TYPE_KIND = {
    f"{FOAF_NS}Person": "person",
    f"{ORG}Organization": "org",
    f"{OKG}Inspection": "inspection",
    f"{OKG}Finding": "finding",
    f"{OKG}Case": "case",
    f"{FOAF_NS}Document": "document",
}
NAME_PROPS = ("foaf:name", "rdfs:label", "skos:prefLabel", "skos:altLabel")
LABEL_LENGTH = 48
MAX_QUOTES = 5

Row = dict[str, str | None]


def read_network(store: ox.Store) -> nx.MultiDiGraph:
    """Everything drawable in ``store``, documents included, as a networkx multigraph."""
    return _Reader(store).read()


def short(text: str, limit: int = LABEL_LENGTH) -> str:
    """A label that fits under a node: whitespace squeezed, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


class _Reader:
    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.graph = nx.MultiDiGraph()
        self.labels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.kinds: dict[str, str] = {}
        self.mentions: dict[str, set[str]] = defaultdict(set)
        self.org_classes: dict[str, list[str]] = defaultdict(list)
        self.memberships: dict[str, tuple[str, str, str]] = {}

    # -- plumbing ---------------------------------------------------------------------------
    def rows(
        self, query: str, graphs: list[ox.NamedNode | ox.BlankNode] | None = None
    ) -> Iterator[Row]:
        solutions = self.store.query(
            query, prefixes=PREFIXES, use_default_graph_as_union=True, named_graphs=graphs
        )
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            yield {n: (None if solution[n] is None else solution[n].value) for n in names}

    def label_of(self, iri: str | None) -> str:
        """A concept's or entity's preferred label, else its local name made readable."""
        if iri is None:
            return ""
        found = self.labels.get(iri, {})
        for prop in ("skos:prefLabel", "foaf:name", "rdfs:label", "dcterms:title"):
            if found.get(prop):
                return found[prop][0]
        local = re.split(r"[#/]", iri)[-1]
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("-", " ")
        return words[:1].upper() + words[1:].lower()

    def add_node(self, iri: str, kind: str, label: str, **attrs: Any) -> None:
        names = {n for p in NAME_PROPS for n in self.labels.get(iri, {}).get(p, [])}
        names |= {label, attrs["title"]} if attrs.get("title") else {label}
        self.graph.add_node(
            iri,
            kind=kind,
            label=label,
            names=tuple(sorted(names)),
            facts=attrs.pop("facts", []),
            span=attrs.pop("span", None),
            quotes=[],
            docs=set(self.mentions.get(iri, ())),
            **attrs,
        )

    def add_edge(self, u: str, v: str, label: str, *, span: Span | None = None) -> str | None:
        if u not in self.graph or v not in self.graph or u == v:
            return None
        if self.graph.has_edge(u, v, key=label):
            data = self.graph.edges[u, v, label]
            data["span"] = hull(data["span"], span) if data["span"] and span else None
        else:
            self.graph.add_edge(u, v, key=label, label=label, structural=True, span=span, quotes=[])
        return label

    # -- reading ----------------------------------------------------------------------------
    def read(self) -> nx.MultiDiGraph:
        self.read_labels_and_types()
        self.read_documents()
        self.read_people()
        self.read_org_classes()
        self.read_memberships()
        self.read_inspections()
        self.read_findings()
        self.read_cases()
        self.read_org_links()
        self.read_evidence()
        self.read_statements()
        self.link_documents()
        self.graph.graph["build_date"] = self.build_date()
        return self.graph

    def read_labels_and_types(self) -> None:
        short_prop = {f"{PREFIXES[p.split(':')[0]]}{p.split(':')[1]}": p for p in NAME_PROPS}
        short_prop[f"{PREFIXES['dcterms']}title"] = "dcterms:title"
        for row in self.rows(sparql.LABELS):
            s, p, text = row["s"], row["p"], row["l"]
            if s and p and text:
                self.labels[s][short_prop[p]].append(" ".join(text.split()))
        for values in self.labels.values():
            for texts in values.values():
                texts.sort()
        for row in self.rows(sparql.TYPED):
            s, t = row["s"], row["t"]
            if s and t and s not in self.kinds:
                self.kinds[s] = TYPE_KIND[t]
        for row in self.rows(sparql.MENTIONS):
            if row["s"] and row["d"]:
                self.mentions[row["s"]].add(row["d"])

    def read_documents(self) -> None:
        docs: dict[str, Row] = {}
        many: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for row in self.rows(sparql.DOCUMENTS):
            iri = row["d"]
            assert iri is not None
            docs.setdefault(iri, row)
            for key in ("t", "creator", "publisher"):
                if row[key]:
                    many[iri][key].add(self.label_of(row[key]))
        targets = {d for ds in self.mentions.values() for d in ds}
        for iri in sorted(set(docs) | targets):
            row = docs.get(iri, {})
            found = self.labels.get(iri, {})
            titles = found.get("dcterms:title") or [row.get("file") or self.label_of(iri)]
            title = titles[0]
            facts = [("Kind", ", ".join(sorted(many[iri]["t"])) or "document")]
            for name, key in (("Date", "date"), ("Genre", "genre"), ("Source file", "file")):
                value = row.get(key)
                if value:
                    facts.append((name, self.label_of(value) if "://" in value else value))
            for name, key in (("Author", "creator"), ("Publisher", "publisher")):
                if many[iri][key]:
                    facts.append((name, "; ".join(sorted(many[iri][key]))))
            url = row.get("url")
            self.add_node(
                iri,
                "document",
                short(title),
                title=title,
                facts=facts,
                span=date_range(row.get("date")),
                url=url if url and re.match(r"https?://", url) else None,
            )

    def read_people(self) -> None:
        for iri in sorted(s for s, k in self.kinds.items() if k == "person"):
            self.add_node(iri, "person", self.label_of(iri), facts=[("Kind", "person")])

    def read_org_classes(self) -> None:
        for row in self.rows(sparql.ORG_CLASSES):
            if row["o"] and row["t"]:
                self.org_classes[row["o"]].append(row["t"])
        for iri in sorted(s for s, k in self.kinds.items() if k == "org"):
            if self.mentions.get(iri):
                self.ensure_org(iri)

    def ensure_org(self, iri: str) -> bool:
        """Add an organisation on first reference; False if ``iri`` is not one."""
        if iri in self.graph:
            return True
        if self.kinds.get(iri) != "org":
            return False
        classes = sorted(self.org_classes.get(iri, []))
        kind = next((ORG_CLASS_KIND[c] for c in classes if c in ORG_CLASS_KIND), "body")
        kind_label = ", ".join(self.label_of(c) for c in classes) or "organisation"
        facts = [("Kind", kind_label)]
        names = self.labels.get(iri, {})
        pref = self.label_of(iri)
        alts = sorted({n for n in names.get("skos:altLabel", []) if n != pref})
        if alts:
            facts.append(("Also known as", "; ".join(alts)))
        self.add_node(iri, kind, pref, facts=facts)
        return True

    def read_memberships(self) -> None:
        for row in sorted(self.rows(sparql.MEMBERSHIPS), key=lambda r: str(r["m"])):
            person, org, m = row["person"], row["org"], row["m"]
            if not (person and org and m and person in self.graph and self.ensure_org(org)):
                continue
            role = self.label_of(row["norm"]) if row["norm"] else self.label_of(row["role"])
            written = self.label_of(row["role"]) if row["role"] else ""
            role = role or "member"
            former = (row["former"] or "").lower() in {"true", "1"}
            label = f"former {role}" if former else role
            span = hull(date_range(row["start"]), date_range(row["end"])) or date_range(row["asOf"])
            key = self.add_edge(person, org, label, span=span)
            if key is None:
                continue
            self.memberships[m] = (person, org, key)
            as_of = f" (as of {row['asOf']})" if row["asOf"] else ""
            said = f" — “{written}”" if written and fold(written) != fold(role) else ""
            fact = f"{label}, {self.label_of(org)}{as_of}{said}"
            facts = self.graph.nodes[person]["facts"]
            if ("Role", fact) not in facts:
                facts.append(("Role", fact))

    def read_inspections(self) -> None:
        judgements: dict[str, list[str]] = defaultdict(list)
        for row in self.rows(sparql.JUDGEMENTS):
            if row["i"]:
                area = self.label_of(row["area"]) or "judgement"
                judgements[row["i"]].append(f"{area}: {self.label_of(row['grade']) or '—'}")
        seen: set[str] = set()
        for row in sorted(self.rows(sparql.INSPECTIONS), key=lambda r: str(r["i"])):
            iri = row["i"]
            assert iri is not None
            if iri in seen:
                continue
            seen.add(iri)
            kind = self.label_of(row["type"]) if row["type"] else "inspection"
            when = row["start"] or row["published"] or ""
            grade = self.label_of(row["grade"]) if row["grade"] else ""
            label = f"{kind[:1].upper()}{kind[1:]} {when[:7]}".strip()
            facts = [("Kind", kind)]
            if row["framework"]:
                facts.append(("Framework", self.label_of(row["framework"])))
            span = hull(date_range(row["start"]), date_range(row["end"]))
            span = span or date_range(row["published"])
            if span:
                facts.append(("Dates", describe(span)))
            if row["published"]:
                facts.append(("Published", row["published"]))
            if grade:
                facts.append(("Overall grade", grade))
            facts += [("Judgement", j) for j in sorted(judgements.get(iri, []))]
            self.add_node(
                iri,
                "inspection",
                f"{label}\n{grade}" if grade else label,
                facts=facts,
                span=span,
                grade=grade,
            )
        links = sorted(self.rows(sparql.INSPECTION_LINKS), key=lambda r: (r["i"], r["p"], r["o"]))
        for row in links:
            i, p, o = row["i"], row["p"] or "", row["o"]
            if not (i and o) or i not in self.graph:
                continue
            span = self.graph.nodes[i]["span"]
            if p.endswith("inspectedBody") and self.ensure_org(o):
                self.add_edge(i, o, Rel.INSPECTED, span=span)
            elif p.endswith("inspector") and o in self.graph:
                self.add_edge(o, i, Rel.INSPECTOR, span=span)
            elif p.endswith("wasAssociatedWith") and self.ensure_org(o):
                self.add_edge(o, i, Rel.CARRIED_OUT, span=span)

    def read_findings(self) -> None:
        rows: dict[str, list[Row]] = defaultdict(list)
        for row in self.rows(sparql.FINDINGS):
            if row["f"]:
                rows[row["f"]].append(row)
        for iri in sorted(rows):
            first = rows[iri][0]
            text = self.label_of(iri)
            ftype = self.label_of(first["type"]) if first["type"] else "finding"
            themes = sorted({self.label_of(r["theme"]) for r in rows[iri] if r["theme"]})
            facts = [("Kind", ftype), ("Text", text)]
            if themes:
                facts.append(("Themes", "; ".join(themes)))
            inspection = first["i"]
            span = self.graph.nodes[inspection]["span"] if inspection in self.graph else None
            self.add_node(iri, "finding", short(text), facts=facts, span=span)
            if inspection:
                self.add_edge(inspection, iri, Rel.FOUND, span=span)

    def read_cases(self) -> None:
        for row in sorted(self.rows(sparql.CASES), key=lambda r: str(r["c"])):
            iri = row["c"]
            assert iri is not None
            if iri in self.graph:
                continue
            span = date_range(row["date"])
            facts = [("Kind", "child-safeguarding case")]
            for name, key in (("Date", "date"), ("Location", "location"), ("Outcome", "outcome")):
                if row[key]:
                    value = row[key] or ""
                    facts.append((name, self.label_of(value) if "://" in value else value))
            self.add_node(iri, "case", self.label_of(iri), facts=facts, span=span)
        children: dict[str, list[str]] = defaultdict(list)
        links = sorted(self.rows(sparql.CASE_LINKS), key=lambda r: (r["c"], r["rel"], r["o"]))
        for row in links:
            c, rel, o = row["c"], row["rel"], row["o"]
            if not (c and o) or c not in self.graph:
                continue
            span = self.graph.nodes[c]["span"]
            if rel == "body" and self.ensure_org(o):
                self.add_edge(o, c, Rel.INVOLVED_IN, span=span)
            elif rel == "child" and o in self.graph:
                self.add_edge(o, c, Rel.CHILD_IN, span=span)
                children[c].append(self.graph.nodes[o]["label"])
            elif rel == "involves" and o in self.graph and not self.graph.has_edge(o, c):
                part = f" ({row['part']})" if row["part"] else ""
                self.add_edge(o, c, f"{Rel.INVOLVED_IN}{part}", span=span)
        for c, names in children.items():
            node = self.graph.nodes[c]
            if c not in self.labels or not self.labels[c].get("rdfs:label"):
                node["label"] = f"Case: {', '.join(sorted(set(names)))}"
                node["names"] = tuple(sorted({*node["names"], node["label"]}))

    def read_org_links(self) -> None:
        for row in sorted(self.rows(sparql.ORG_LINKS), key=lambda r: (r["a"], r["p"], r["b"])):
            a, p, b = row["a"] or "", row["p"] or "", row["b"] or ""
            if a in self.graph and b in self.graph:
                label = Rel.PART_OF if p.endswith("subOrganizationOf") else Rel.DELIVERS_FOR
                self.add_edge(a, b, label)

    def read_evidence(self) -> None:
        rows = sorted(
            self.rows(sparql.EVIDENCE),
            key=lambda r: (r["body"], r["doc"], int(r["start"] or 0), r["a"]),
        )
        for row in rows:
            body, doc, exact = row["body"], row["doc"], row["exact"]
            if not (body and doc):
                continue
            quote = (" ".join(exact.split()), doc) if exact else None
            targets: list[dict[str, Any]] = []
            if body in self.memberships:
                person, org, key = self.memberships[body]
                targets = [self.graph.edges[person, org, key], self.graph.nodes[person]]
                self.graph.nodes[person]["docs"].add(doc)
                self.graph.nodes[org]["docs"].add(doc)
            elif body in self.graph:
                targets = [self.graph.nodes[body]]
                self.graph.nodes[body]["docs"].add(doc)
            for target in targets:
                if quote and quote not in target["quotes"] and len(target["quotes"]) < MAX_QUOTES:
                    target["quotes"].append(quote)

    def read_statements(self) -> None:
        for row in sorted(self.rows(sparql.STATEMENTS), key=lambda r: str(r["st"])):
            speaker, quote = row["speaker"], row["quote"]
            if speaker in self.graph and quote:
                fact = ("Said", " ".join(quote.split()))
                if fact not in self.graph.nodes[speaker]["facts"]:
                    self.graph.nodes[speaker]["facts"].append(fact)

    def link_documents(self) -> None:
        for node, data in list(self.graph.nodes(data=True)):
            if data["kind"] == "document":
                continue
            for doc in sorted(data["docs"]):
                if doc in self.graph:
                    self.graph.add_edge(
                        node,
                        doc,
                        key=Rel.MENTIONED_IN,
                        label=Rel.MENTIONED_IN,
                        structural=False,
                        span=self.graph.nodes[doc]["span"],
                        quotes=[],
                    )

    def build_date(self) -> str | None:
        rows = list(self.rows(sparql.BUILD_DATE, graphs=[BUILD_GRAPH]))
        return rows[0]["when"] if rows and rows[0]["when"] else None
