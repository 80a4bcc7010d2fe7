"""Entity resolution across documents: one node per real person, body, inspection, finding and case.

Rules, each recorded so that ``explain-merge`` can say why two mentions are one node:
- people: the same full name (folded: case, accents, quotes) is one person; a surname or a
  first name alone never merges two documents' people; the curation file adds or forbids merges;
- bodies: the gazetteer key (every written form of a known body) or the folded pattern name;
- memberships: the same person, body and role as written;
- inspections: the same body and kind of inspection with dates that refine each other; an
  undated mention joins the compatible inspection (the latest one before the document's date);
- findings: the same inspection and nearly the same words; cases: the same child.
The result maps every document-local key to a global ``Entity``; canonical names are chosen
once here, so every document's named graph states the same name for a node.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from ofsted_kg.graph.curation import SPLIT_MARK, Curation
from ofsted_kg.graph.iris import short_hash
from ofsted_kg.loaders.inspections import compatible, kind_class
from ofsted_kg.loaders.model import Extraction, FindingFact, InspectionFact, OrgRef
from ofsted_kg.loaders.normalise import fold, slugify


@dataclass
class Entity:
    """A resolved node: its slug, canonical name and the documents and rules behind it."""

    slug: str
    name: str
    kind: str
    documents: set[str] = field(default_factory=set)
    names_seen: Counter[str] = field(default_factory=Counter)
    rules: set[str] = field(default_factory=set)


@dataclass
class InspectionGroup:
    slug: str
    members: list[tuple[str, int]] = field(default_factory=list)
    facts: list[InspectionFact] = field(default_factory=list)

    @property
    def body(self) -> str:
        return self.facts[0].body

    @property
    def start(self) -> str | None:
        dated = [f.start for f in self.facts if f.start]
        return max(dated, key=len) if dated else None


@dataclass
class Resolution:
    people: dict[str, Entity] = field(default_factory=dict)
    orgs: dict[str, Entity] = field(default_factory=dict)
    person_of: dict[tuple[str, str], str] = field(default_factory=dict)
    org_of: dict[tuple[str, str], str] = field(default_factory=dict)
    inspections: list[InspectionGroup] = field(default_factory=list)
    inspection_of: dict[tuple[str, int], InspectionGroup] = field(default_factory=dict)
    finding_slug: dict[tuple[str, int], str] = field(default_factory=dict)
    event_slug: dict[tuple[str, int], str] = field(default_factory=dict)
    event_date: dict[str, str] = field(default_factory=dict)

    def person(self, doc_id: str, key: str) -> Entity:
        return self.people[self.person_of[(doc_id, key)]]

    def org(self, doc_id: str, key: str) -> Entity | None:
        """The resolved body a document's organisation key stands for (None if it named none)."""
        global_key = self.org_of.get((doc_id, key))
        if global_key is None and key in self.orgs:
            global_key = key
        return self.orgs.get(global_key) if global_key else None


def resolve(
    extractions: list[Extraction], org_slugs: dict[str, str], curation: Curation | None = None
) -> Resolution:
    curation = curation or Curation()
    result = Resolution()
    _resolve_people(extractions, result, curation)
    _resolve_orgs(extractions, result, org_slugs, curation)
    _resolve_inspections(extractions, result)
    _resolve_findings(extractions, result)
    _resolve_events(extractions, result)
    return result


def _resolve_people(extractions: list[Extraction], result: Resolution, curation: Curation) -> None:
    for ex in extractions:
        doc_id = ex.document.doc_id
        for key, ref in ex.people.items():
            global_key = curation.person_key_for(doc_id, key)
            entity = result.people.get(global_key)
            if entity is None:
                entity = result.people[global_key] = Entity(slug="", name=ref.name, kind="Person")
            entity.rules.add(curation.rule_for(key, global_key))
            entity.documents.add(doc_id)
            entity.names_seen[ref.name] += len(ref.spans)
            result.person_of[(doc_id, key)] = global_key
    taken: set[str] = set()
    for global_key in sorted(result.people, key=lambda k: (curation.is_split(k), k)):
        entity = result.people[global_key]
        entity.name = curation.rename.get(global_key) or _canonical(entity.names_seen)
        entity.slug = slugify(entity.name)
        if entity.slug in taken and curation.is_split(global_key):
            entity.slug = f"{entity.slug}-{slugify(global_key.split(SPLIT_MARK)[1])}"
        taken.add(entity.slug)


def _canonical(names: Counter[str]) -> str:
    """The most-used written form; ties go to the longest, then alphabetical (deterministic)."""
    return sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def _resolve_orgs(
    extractions: list[Extraction], result: Resolution, org_slugs: dict[str, str], curation: Curation
) -> None:
    for ex in extractions:
        for key, ref in ex.orgs.items():
            global_key = _org_identity(curation.org_key(key), ref)
            entity = result.orgs.get(global_key)
            if entity is None:
                slug = org_slugs.get(global_key) or slugify(ref.name)
                entity = result.orgs[global_key] = Entity(slug=slug, name=ref.name, kind=ref.kind)
                entity.rules.add("gazetteer" if global_key in org_slugs else "same name")
            entity.documents.add(ex.document.doc_id)
            entity.names_seen[ref.name] += len(ref.spans)
            result.org_of[(ex.document.doc_id, key)] = global_key
    for key, entity in result.orgs.items():
        if key not in org_slugs:
            entity.name = curation.rename.get(key) or _canonical(entity.names_seen)
            entity.slug = slugify(entity.name)
            if "@" in key:
                parent = key.rsplit("@", 1)[1]
                entity.slug = f"{org_slugs.get(parent) or slugify(parent)}--{entity.slug}"
        elif key in curation.rename:
            entity.name = curation.rename[key]


def _org_identity(key: str, ref: OrgRef) -> str:
    """A council's own committee or directorate is that council's: "Corporate Parenting Board" of
    two councils is two bodies, so its identity includes the council it belongs to."""
    if (
        key.startswith("name/")
        and ref.kind in {"Committee", "CouncilDirectorate", "Cabinet"}
        and ref.parent
    ):
        return f"{key}@{ref.parent}"
    return key


def _resolve_inspections(extractions: list[Extraction], result: Resolution) -> None:
    mentions = [
        (ex.document.doc_id, i, fact, ex.document.date)
        for ex in extractions
        for i, fact in enumerate(ex.inspections)
    ]
    dated = sorted(
        (m for m in mentions if m[2].start), key=lambda m: (-len(m[2].start or ""), m[0], m[1])
    )
    undated = [m for m in mentions if not m[2].start]
    for doc_id, index, fact, doc_date in dated + undated:
        group = _group_for(result.inspections, fact, fact.published or doc_date, doc_id)
        if group is None:
            group = InspectionGroup(slug="")
            result.inspections.append(group)
        group.members.append((doc_id, index))
        group.facts.append(fact)
        result.inspection_of[(doc_id, index)] = group
    for group in result.inspections:
        first = sorted(group.members)[0]
        body_entity = result.org(first[0], group.body)
        body = body_entity.slug if body_entity else slugify(group.body)
        kind = kind_class(group.facts[0].kind)
        when = group.start or f"undated-{short_hash(*first, length=8)}"
        group.slug = f"{body}/{slugify(kind)}/{when}"


def _group_for(
    groups: list[InspectionGroup], fact: InspectionFact, doc_date: str | None, doc_id: str
) -> InspectionGroup | None:
    """The inspection another source already described that this fact is, if exactly one fits.

    Two facts from one source are never merged here: a document's own mentions were merged by
    its loader, and two rows of a data file are two inspections.
    """
    candidates = [
        g
        for g in groups
        if all(member_doc != doc_id for member_doc, _ in g.members)
        and all(_compatible_across(f, fact) for f in g.facts)
    ]
    if fact.start:
        return candidates[0] if len(candidates) == 1 else None
    if doc_date:
        candidates = [
            g
            for g in candidates
            if not g.start or _months_between(g.start, doc_date) in range(0, 10)
        ]
    if not candidates:
        return None
    return max(candidates, key=lambda g: g.start or "")


def _months_between(earlier: str, later: str) -> int:
    """Whole months from one ISO date (or year-month, or year) to another; negative if reversed."""
    y1, m1 = int(earlier[:4]), int(earlier[5:7] or 1) if len(earlier) >= 7 else 1
    y2, m2 = int(later[:4]), int(later[5:7]) if len(later) >= 7 else 12
    return (y2 - y1) * 12 + (m2 - m1)


def _compatible_across(a: InspectionFact, b: InspectionFact) -> bool:
    """Across documents dated mentions may disagree on the grade (both are kept); undated ones may not."""
    if a.published and b.published and a.published != b.published:
        return False
    if a.start and b.start:
        relaxed_b = InspectionFact(b.body, b.kind, b.spans, b.start, b.end, overall_grade=None)
        return compatible(a, relaxed_b)
    return compatible(a, b)


def _finding_words(text: str) -> list[str]:
    return [w for w in fold(text).split() if len(w) > 2]


def _similar(a: str, b: str) -> bool:
    """Two findings say the same thing: most words of the shorter occur in the longer (typos allowed)."""
    wa, wb = _finding_words(a), _finding_words(b)
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if not short:
        return False
    hits = sum(
        1 for w in short if any(difflib.SequenceMatcher(None, w, x).ratio() >= 0.85 for x in long_)
    )
    return hits / len(short) >= 0.75 and short[0][:4] == long_[0][:4]


def _resolve_findings(extractions: list[Extraction], result: Resolution) -> None:
    seen: dict[str, list[tuple[str, str]]] = {}
    for ex in extractions:
        for index, finding in enumerate(ex.findings):
            group = result.inspection_of.get((ex.document.doc_id, finding.inspection))
            if group is None:
                continue
            bucket = seen.setdefault(group.slug + finding.finding_type, [])
            slug = next((s for text, s in bucket if _similar(text, finding.text)), None)
            if slug is None:
                slug = _finding_slug(group.slug, finding, {s for _, s in bucket})
                bucket.append((finding.text, slug))
            result.finding_slug[(ex.document.doc_id, index)] = slug


def _finding_slug(inspection_slug: str, finding: FindingFact, taken: set[str]) -> str:
    words = re.sub(r"-+", "-", slugify(" ".join(_finding_words(finding.text)[:6])))
    slug = f"{inspection_slug}/{words}"
    n = 2
    while slug in taken:
        slug, n = f"{inspection_slug}/{words}-{n}", n + 1
    return slug


@dataclass
class _EventGroup:
    event_type: str
    date: str | None
    participants: set[str]
    documents: set[str]
    members: list[tuple[str, int]]


def _participants(result: Resolution, doc_id: str, keys: list[str]) -> set[str]:
    found = set()
    for key in keys:
        if (doc_id, key) in result.person_of:
            found.add("person:" + result.person_of[(doc_id, key)])
        elif (doc_id, key) in result.org_of:
            found.add("org:" + result.org_of[(doc_id, key)])
    return found


def _dates_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def _resolve_events(extractions: list[Extraction], result: Resolution) -> None:
    """The same event told by two sources is one node: same type, dates that agree, a shared
    participant. Two events of one document are never merged (its reader kept them apart)."""
    groups: list[_EventGroup] = []
    mentions = [(ex.document.doc_id, i, e) for ex in extractions for i, e in enumerate(ex.events)]
    mentions.sort(key=lambda m: (-len(m[2].date or ""), m[0], m[1]))
    for doc_id, index, event in mentions:
        people = _participants(result, doc_id, event.involves)
        fitting = [
            g
            for g in groups
            if g.event_type == event.event_type
            and doc_id not in g.documents
            and _dates_agree(g.date, event.date)
            and g.participants & people
        ]
        if len(fitting) == 1:
            group = fitting[0]
            group.date = group.date or event.date
            group.participants |= people
        else:
            group = _EventGroup(event.event_type, event.date, people, set(), [])
            groups.append(group)
        group.documents.add(doc_id)
        group.members.append((doc_id, index))
    for group in groups:
        first = sorted(group.members)[0]
        slug = (
            f"{slugify(group.event_type)}-{group.date or 'undated'}-{short_hash(*first, length=8)}"
        )
        for member in group.members:
            result.event_slug[member] = slug
        if group.date:
            result.event_date[slug] = group.date
