"""Deterministic, readable IRIs for everything the graph stores, evidence included.

The same input always mints the same IRI (exports are byte-for-byte repeatable, and a
rebuilt store keeps every link a user bookmarked).  Slugs are readable where a name
exists (``id:person/jo-tanner``); a short hash disambiguates where it does not.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from ofsted_kg.loaders.normalise import slugify
from ofsted_kg.ontology import ID, OKG


def short_hash(*parts: object, length: int = 12) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:length]


def mint(kind: str, *segments: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}{kind}/" + "/".join(segments))


def term(local: str) -> ox.NamedNode:
    """An ``okg:`` vocabulary term by local name."""
    return ox.NamedNode(f"{OKG}{local}")


def document_iri(doc_id: str) -> ox.NamedNode:
    return mint("doc", slugify(doc_id))


def org_iri(slug: str) -> ox.NamedNode:
    return mint("org", slug)


def role_iri(role_as_written: str) -> ox.NamedNode:
    return mint("role", slugify(role_as_written))


def evidence_iri(node: ox.NamedNode, source: ox.NamedNode, start: int, end: int) -> ox.NamedNode:
    return mint("evidence", short_hash(node.value, source.value, start, end, length=16))
