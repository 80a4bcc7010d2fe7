"""Names to IRIs and back: how a user's "Jo Tanner" or "Leeds" becomes one node.

Users come with names, not IRIs.  A name is matched against the labels the graph keeps
(``skos:prefLabel``, ``foaf:name``, ``rdfs:label``, ``dcterms:title``; then
``skos:altLabel``, ``skos:hiddenLabel``, ``okg:mentionedAs``), compared after
``loaders.normalise.fold`` so that case, accents, apostrophes and punctuation do not
matter — the same folding the extractor used to decide that two mentions are one body.
A match on a main label beats a match on another name, so "Ofsted" finds the inspectorate
even if some other body was once called "the Ofsted team".  Exactly one node: its IRI;
several: ParameterError listing them (with IRIs to pass instead); none: ParameterError,
with the nearest names when there are any.

User text never enters a query string: candidate labels are read with fixed queries and
compared in Python; IRIs given by the user are parsed by pyoxigraph and then checked to
exist, with the IRI placed in a VALUES block as a term.

``labels`` goes the other way, for display: one readable label per IRI, composed for the
nodes that have none of their own (an inspection is "standard inspection of X, date").
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from ofsted_kg.errors import ParameterError
from ofsted_kg.graph.sparql import select_terms
from ofsted_kg.loaders.normalise import fold
from ofsted_kg.ontology import PREFIXES

# The classes each kind of name may denote.  "entity" is anything a user may ask about.
KIND_CLASSES: dict[str, tuple[str, ...]] = {
    "person": ("foaf:Person",),
    "org": ("org:Organization",),
    "entity": ("foaf:Person", "org:Organization", "okg:Case", "okg:Event", "okg:Inspection"),
    "case": ("okg:Case",),
    "inspection": ("okg:Inspection",),
    "document": ("foaf:Document",),
}
# Concept kinds: members of a SKOS scheme, or values actually used for the property.
KIND_SCHEMES: dict[str, tuple[str, str]] = {
    "theme": ("okg:Themes", "dcterms:subject"),
    "grade": ("okg:Grades", "okg:overallGrade|okg:grade"),
}
KIND_WORDS = {
    "person": "person",
    "org": "body",
    "entity": "entity",
    "case": "case",
    "inspection": "inspection",
    "document": "document",
    "theme": "theme",
    "grade": "grade",
}
KIND_PLURALS = {"person": "people", "org": "bodies", "entity": "entities"}
NAME_KINDS = frozenset(KIND_WORDS)

MAIN_LABELS = "skos:prefLabel|foaf:name|rdfs:label|dcterms:title"
OTHER_LABELS = "skos:altLabel|skos:hiddenLabel|okg:mentionedAs"
DATE_TAIL = re.compile(
    r"^(?P<body>.*?)[\s,]*(?:\bon\b|\bof\b|\bin\b)?\s*(?P<date>\d{4}(?:-\d{2}){0,2})$"
)
MAX_LISTED = 8


def resolve(store: ox.Store, value: str, kind: str, *, param: str | None = None) -> ox.NamedNode:
    """The one node of ``kind`` that ``value`` names (a name or an IRI), or ParameterError."""
    if kind not in NAME_KINDS:
        raise ParameterError(f"unknown kind of name '{kind}'")
    where = f"{param}: " if param else ""
    value = value.strip()
    if not value:
        raise ParameterError(f"{where}an empty {KIND_WORDS[kind]} name")
    iri = _as_iri(value)
    if iri is not None:
        return _checked_iri(store, iri, kind, where)
    if kind == "inspection":
        return _resolve_inspection(store, value, param)
    wanted = fold(value)
    main, other = _candidates(store, kind)
    for tier in (main, other):
        nodes = sorted(tier.get(wanted, set()))
        if len(nodes) == 1:
            return ox.NamedNode(nodes[0])
        if nodes:
            raise _ambiguous(store, value, kind, nodes, where)
    if kind == "entity" and DATE_TAIL.match(value):
        with contextlib.suppress(ParameterError):  # "BODY [KIND] DATE" names an inspection
            return _resolve_inspection(store, value, param)
    known = sorted({*main, *other})
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.8)
    names = labels(store, sorted({n for key in close for n in (main | other).get(key, set())}))
    hint = f" (did you mean {', '.join(sorted(set(names.values())))}?)" if names else ""
    raise ParameterError(f"{where}no {KIND_WORDS[kind]} called {value!r} in the store{hint}")


def labels(store: ox.Store, iris: Iterable[str]) -> dict[str, str]:
    """A readable label for each IRI that has one (its own, or one composed from its facts)."""
    wanted = sorted(set(iris))
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), 200):
        for row in _select(store, _LABEL_PARTS, wanted[start : start + 200]):
            label = _compose({name: term.value for name, term in row.items()})
            if label is not None and (row["x"].value not in found or label < found[row["x"].value]):
                found[row["x"].value] = label
    return {iri: _squeeze(text) for iri, (_, text) in found.items()}


def _compose(parts: dict[str, str]) -> tuple[int, str] | None:
    """The best label the parts allow, ranked: own labels first, then composed ones."""
    for rank, key in enumerate(("pref", "name", "label", "title")):
        if key in parts:
            return rank, parts[key]
    when = f", {parts['start']}" if "start" in parts else ""
    if "body" in parts:
        return 4, f"{parts.get('type', 'inspection')} of {parts['body']}{when}"
    if "area" in parts and "grade" in parts:
        return 4, f"{parts['area']}: {parts['grade']}"
    if "who" in parts and "org" in parts:
        role = f"{parts['role']}, " if "role" in parts else ""
        return 4, f"{parts['who']}, {role}{parts['org']}"
    if "quote" in parts:
        speaker = f"{parts['speaker']}: " if "speaker" in parts else ""
        return 4, f"{speaker}“{parts['quote']}”"
    if "child" in parts:
        return 5, f"case of {parts['child']}"
    if "eventType" in parts:
        return 5, f"{parts['eventType']}{when}"
    return None


def compact(iri: str) -> str:
    """``id:person/jo-tanner`` rather than the whole IRI, for messages and tables."""
    for prefix in ("id", "okg"):
        namespace = PREFIXES[prefix]
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


# --- candidates ----------------------------------------------------------------------------


def _candidates(store: ox.Store, kind: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Folded label → nodes, for main labels and for other names of nodes of this kind."""
    if kind in KIND_SCHEMES:
        scheme, used_as = KIND_SCHEMES[kind]
        members = f"{{ ?x skos:inScheme {scheme} }} UNION {{ [] {used_as} ?x }}"
    else:
        classes = " ".join(KIND_CLASSES[kind])
        members = f"VALUES ?class {{ {classes} }} ?x a ?class ."
    extra = ""
    if kind == "case":
        extra = "UNION { ?x okg:child/foaf:name ?label BIND(1 AS ?tier) }"
    query = f"""SELECT DISTINCT ?x ?label ?tier WHERE {{
        {members}
        {{ ?x {MAIN_LABELS} ?label BIND(1 AS ?tier) }}
        UNION {{ ?x {OTHER_LABELS} ?label BIND(2 AS ?tier) }}
        {extra}
        FILTER(isIRI(?x))
    }}"""
    main: dict[str, set[str]] = defaultdict(set)
    other: dict[str, set[str]] = defaultdict(set)
    for row in _select(store, query):
        tier = main if row["tier"].value == "1" else other
        tier[fold(row["label"].value)].add(row["x"].value)
    if kind == "document":
        for row in _select(
            store,
            "SELECT ?x ?file WHERE { ?x a foaf:Document OPTIONAL { ?x okg:sourceFile ?file } }",
        ):
            iri = row["x"].value
            for name in (iri.rsplit("/", 1)[-1], *_file_names(row.get("file"))):
                main[fold(name)].add(iri)
    return main, other


def _file_names(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> tuple[str, ...]:
    if term is None:
        return ()
    name = term.value.replace("\\", "/").rsplit("/", 1)[-1]
    return (name, name.rsplit(".", 1)[0])


def _resolve_inspection(store: ox.Store, value: str, param: str | None) -> ox.NamedNode:
    """An inspection by its own label, or as "BODY [KIND] DATE".

    DATE is the day, month or year it started (or a day within it); KIND, if given, is a
    kind of inspection by any of its labels ("focused visit", "JTAI").
    """
    where = f"{param}: " if param else ""
    main, other = _candidates(store, "inspection")
    for tier in (main, other):
        nodes = sorted(tier.get(fold(value), set()))
        if len(nodes) == 1:
            return ox.NamedNode(nodes[0])
        if nodes:
            raise _ambiguous(store, value, "inspection", nodes, where)
    match = DATE_TAIL.match(value)
    body_name, when = (match["body"], match["date"]) if match else (value, "")
    body_name, kinds = _strip_inspection_kind(store, body_name)
    if not fold(body_name):
        raise ParameterError(f"{where}name the inspected body too, e.g. 'BODY {value}'")
    body = resolve(store, body_name, "org", param=param)
    rows = _select(
        store,
        """SELECT ?x ?type ?start ?end WHERE {
             ?x a okg:Inspection ; okg:inspectedBody ?body .
             OPTIONAL { ?x okg:inspectionType ?type }
             OPTIONAL { ?x schema:startDate ?start } OPTIONAL { ?x schema:endDate ?end } }""",
        [body.value],
        variable="body",
    )
    nodes = sorted(
        {
            row["x"].value
            for row in rows
            if _date_matches(when, row.get("start"), row.get("end"))
            and (not kinds or ("type" in row and row["type"].value in kinds))
        }
    )
    if len(nodes) == 1:
        return ox.NamedNode(nodes[0])
    if nodes:
        raise _ambiguous(store, value, "inspection", nodes, where)
    known = labels(store, sorted({row["x"].value for row in rows}))
    listed = "; ".join(sorted(known.values())[:MAX_LISTED]) or "none in the store"
    raise ParameterError(f"{where}no inspection matches {value!r} (its inspections: {listed})")


def _strip_inspection_kind(store: ox.Store, text: str) -> tuple[str, set[str]]:
    """Split "Leeds focused visit" into the body's name and the kinds of inspection named."""
    folded = fold(text)
    names: dict[str, set[str]] = defaultdict(set)
    query = f"""SELECT ?x ?label WHERE {{
        ?x skos:inScheme okg:InspectionTypes ; {MAIN_LABELS}|{OTHER_LABELS} ?label }}"""
    for row in _select(store, query):
        names[fold(row["label"].value)].add(row["x"].value)
    for name in sorted(names, key=len, reverse=True):
        for article in ("the ", "a ", ""):
            tail = f" {article}{name}"
            if name and f" {folded}".endswith(tail):
                words = len(tail.split())
                return " ".join(text.replace(",", " ").split()[:-words]), names[name]
    return text, set()


def _date_matches(when: str, start: object, end: object) -> bool:
    """Does the inspection's start (a date, month or year) match ``when``, or span it?"""
    if not when:
        return True
    first = start.value if isinstance(start, ox.Literal) else ""
    last = end.value if isinstance(end, ox.Literal) else first
    if first and (first.startswith(when) or when.startswith(first)):
        return True
    return len(when) == 10 and len(first) == 10 and first <= when <= last[:10]


def _as_iri(value: str) -> str | None:
    """The IRI ``value`` spells (``<...>``, ``http(s)://...`` or a known prefix), else None."""
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    if value.startswith(("http://", "https://", "urn:")):
        return value
    prefix, colon, local = value.partition(":")
    if colon and prefix in ("id", "okg") and local and " " not in local:
        return f"{PREFIXES[prefix]}{local}"
    return None


def _checked_iri(store: ox.Store, iri: str, kind: str, where: str) -> ox.NamedNode:
    try:
        node = ox.NamedNode(iri)
    except ValueError as exc:
        raise ParameterError(f"{where}{iri!r} is not a valid IRI ({exc})") from None
    if kind in KIND_SCHEMES:
        scheme, used_as = KIND_SCHEMES[kind]
        test = f"{{ ?x skos:inScheme {scheme} }} UNION {{ [] {used_as} ?x }}"
    else:
        test = f"VALUES ?class {{ {' '.join(KIND_CLASSES[kind])} }} ?x a ?class ."
    if not _select(store, f"SELECT ?x WHERE {{ {test} }} LIMIT 1", [node.value]):
        raise ParameterError(f"{where}{compact(iri)} is not a {KIND_WORDS[kind]} in the store")
    return node


def _ambiguous(
    store: ox.Store, value: str, kind: str, nodes: list[str], where: str
) -> ParameterError:
    names = labels(store, nodes)
    listed = "; ".join(f"{names.get(n, compact(n))} <{compact(n)}>" for n in nodes[:MAX_LISTED])
    more = f"; and {len(nodes) - MAX_LISTED} more" if len(nodes) > MAX_LISTED else ""
    return ParameterError(
        f"{where}{value!r} names {len(nodes)} {KIND_PLURALS.get(kind, KIND_WORDS[kind] + 's')}:"
        f" {listed}{more}"
        " — give one of these IRIs instead"
    )


# --- reading the store ---------------------------------------------------------------------


def _select(
    store: ox.Store, query: str, iris: list[str] | None = None, *, variable: str = "x"
) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
    """Rows of a fixed query; ``iris`` (already IRIs) are bound to ``?variable`` by VALUES."""
    if iris is not None:
        values = " ".join(str(ox.NamedNode(iri)) for iri in iris)
        query = query.replace("WHERE {", f"WHERE {{ VALUES ?{variable} {{ {values} }}", 1)
    return select_terms(store, query)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Everything a label can be made of.  Each OPTIONAL is one pattern on the bound ?x, so the
# store answers each with an index lookup rather than scanning (measured: 10-30x faster
# than one UNION of composed labels).
_LABEL_PARTS = """SELECT ?x ?pref ?name ?label ?title ?body ?type ?start ?area ?grade ?who ?org
    ?role ?quote ?speaker ?child ?eventType WHERE {
  OPTIONAL { ?x skos:prefLabel ?pref }
  OPTIONAL { ?x foaf:name ?name }
  OPTIONAL { ?x rdfs:label ?label }
  OPTIONAL { ?x dcterms:title ?title }
  OPTIONAL { ?x okg:inspectedBody/skos:prefLabel ?body }
  OPTIONAL { ?x okg:inspectionType/skos:prefLabel ?type }
  OPTIONAL { ?x schema:startDate ?start }
  OPTIONAL { ?x okg:area/skos:prefLabel ?area }
  OPTIONAL { ?x okg:grade/skos:prefLabel ?grade }
  OPTIONAL { ?x org:member/foaf:name ?who }
  OPTIONAL { ?x org:organization/skos:prefLabel ?org }
  OPTIONAL { ?x org:role/rdfs:label ?role }
  OPTIONAL { ?x okg:quote ?quote }
  OPTIONAL { ?x okg:speaker/foaf:name ?speaker }
  OPTIONAL { ?x okg:child/foaf:name ?child }
  OPTIONAL { ?x okg:eventType/skos:prefLabel ?eventType }
}"""
