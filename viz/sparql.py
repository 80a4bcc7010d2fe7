"""The SPARQL the picture reads, one query per kind of fact, kept apart from the Python.

Why many small queries: each returns flat rows that map one-to-one onto nodes or edges, so
no query multiplies rows by optional values, and every query stays fast in Oxigraph on a
graph of thousands of nodes.  Labels of concepts (grades, roles, types) are fetched once by
``LABELS`` and resolved in Python instead of being joined into every query.
"""

from __future__ import annotations

LABELS = """
SELECT ?s ?p ?l WHERE {
  VALUES ?p { foaf:name rdfs:label skos:prefLabel skos:altLabel dcterms:title }
  ?s ?p ?l .
  FILTER(isLiteral(?l))
}"""

TYPED = """
SELECT ?s ?t WHERE {
  VALUES ?t { foaf:Person org:Organization okg:Inspection okg:Finding okg:Case foaf:Document }
  ?s a ?t .
}"""

ORG_CLASSES = """
SELECT ?o ?t WHERE {
  ?o a org:Organization , ?t .
  FILTER(?t != org:Organization && isIRI(?t))
}"""

MENTIONS = """
SELECT ?s ?d WHERE { ?s prov:wasDerivedFrom ?d . FILTER(isIRI(?d)) }"""

DOCUMENTS = """
SELECT ?d ?t ?date ?genre ?file ?url ?creator ?publisher WHERE {
  ?d a foaf:Document .
  OPTIONAL { ?d a ?t . FILTER(?t NOT IN (foaf:Document, prov:Entity)) }
  OPTIONAL { ?d dcterms:creator ?creator }
  OPTIONAL { ?d dcterms:publisher ?publisher }
  OPTIONAL { ?d dcterms:date ?date }
  OPTIONAL { ?d okg:genre ?genre }
  OPTIONAL { ?d okg:sourceFile ?file }
  OPTIONAL { ?d schema:url|dcterms:source|foaf:page ?url }
}"""

# An OWL-Time instant may state its position as a date, a timestamp, a month or a year.
_INSTANT = "(time:inXSDDate|time:inXSDDateTimeStamp|time:inXSDgYearMonth|time:inXSDgYear)"

MEMBERSHIPS = """
SELECT ?m ?person ?org ?role ?norm ?asOf ?former ?start ?end WHERE {
  ?m a org:Membership ; org:member ?person ; org:organization ?org .
  OPTIONAL { ?m org:role ?role . OPTIONAL { ?role okg:normalisedRole ?norm } }
  OPTIONAL { ?m okg:asOf ?asOf }
  OPTIONAL { ?m okg:former ?former }
  OPTIONAL { ?m org:memberDuring/time:hasBeginning/INSTANT ?start }
  OPTIONAL { ?m org:memberDuring/time:hasEnd/INSTANT ?end }
}""".replace("INSTANT", _INSTANT)

INSPECTIONS = """
SELECT ?i ?type ?framework ?start ?end ?published ?grade WHERE {
  ?i a okg:Inspection .
  OPTIONAL { ?i okg:inspectionType ?type }
  OPTIONAL { ?i okg:framework ?framework }
  OPTIONAL { ?i schema:startDate ?start }
  OPTIONAL { ?i schema:endDate ?end }
  OPTIONAL { ?i okg:publishedOn ?published }
  OPTIONAL { ?i okg:overallGrade ?grade }
}"""

INSPECTION_LINKS = """
SELECT ?i ?p ?o WHERE {
  VALUES ?p { okg:inspectedBody okg:inspector prov:wasAssociatedWith }
  ?i a okg:Inspection ; ?p ?o .
}"""

JUDGEMENTS = """
SELECT ?i ?area ?grade WHERE {
  ?i a okg:Inspection ; okg:hasJudgement ?j .
  OPTIONAL { ?j okg:area ?area }
  OPTIONAL { ?j okg:grade ?grade }
}"""

FINDINGS = """
SELECT ?f ?i ?type ?theme WHERE {
  ?f a okg:Finding .
  OPTIONAL { ?f okg:fromInspection ?i }
  OPTIONAL { ?f okg:findingType ?type }
  OPTIONAL { ?f dcterms:subject ?theme }
}"""

CASES = """
SELECT ?c ?date ?location ?outcome WHERE {
  ?c a okg:Case .
  OPTIONAL { ?c schema:startDate ?date }
  OPTIONAL { ?c schema:location ?location }
  OPTIONAL { ?c okg:outcome ?outcome }
}"""

CASE_LINKS = """
SELECT ?c ?rel ?o ?part WHERE {
  ?c a okg:Case .
  {
    ?c okg:child ?o . BIND("child" AS ?rel)
  } UNION {
    ?c okg:involves ?o . BIND("involves" AS ?rel)
  } UNION {
    ?c okg:involvement ?v . ?v okg:person ?o . BIND("involves" AS ?rel)
    OPTIONAL { ?v okg:part ?part }
  } UNION {
    ?c okg:relatedBody ?o . BIND("body" AS ?rel)
  }
}"""

ORG_LINKS = """
SELECT ?a ?p ?b WHERE {
  VALUES ?p { org:subOrganizationOf okg:deliversServicesFor }
  ?a ?p ?b .
}"""

EVIDENCE = """
SELECT ?a ?body ?doc ?exact ?start WHERE {
  ?a a oa:Annotation ; oa:hasBody ?body ; oa:hasTarget ?t .
  ?t oa:hasSource ?doc .
  OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?exact }
  OPTIONAL { ?t oa:hasSelector ?s . ?s oa:start ?start }
}"""

STATEMENTS = """
SELECT ?st ?speaker ?quote WHERE {
  ?st a okg:Statement ; okg:speaker ?speaker .
  OPTIONAL { ?st okg:quote ?quote }
}"""

# Run with the build graph as the only named graph, so ``GRAPH ?g`` reads that graph alone.
BUILD_DATE = """
SELECT (MAX(STR(?v)) AS ?when) WHERE {
  GRAPH ?g { ?s ?p ?v }
  FILTER(isLiteral(?v) && (datatype(?v) = xsd:dateTime || datatype(?v) = xsd:date))
}"""
