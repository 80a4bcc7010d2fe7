"""The gazetteer of public bodies: every English local authority and the national bodies of the field.

Local authorities come from the bundled ONS/DfE lookup (``ontology/data/local_authorities.csv``)
with official council names from ``council_names.csv``; national bodies from
``ontology/national_bodies.ttl``.  The gazetteer turns a mention ("Leeds", "Hackney
Council", "DfE") into one stable key, which is how the same body in two documents becomes
one node.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import RDF, Graph
from rdflib.namespace import SKOS

from ofsted_kg.loaders.normalise import fold, slugify
from ofsted_kg.ontology import OKG, asset_path

LA_TYPES_BY_ONS = {
    "London Borough": "London Borough",
    "Metropolitan District": "Metropolitan District",
    "Unitary Authority": "Unitary Authority",
    "County": "County",
}
# Place names that are also everyday English words: only their full council forms count.
AMBIGUOUS_PLACES = {"Reading", "Bury", "Poole", "Sutton", "Kingston", "Richmond", "Stoke", "Wigan"}
# Bodies that run a council's children's services without "Trust" in their name, with the
# places whose councils they serve.  Trusts named "<Place> Children's Trust" are found by pattern.
SERVICE_COMPANIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "Achieving for Children",
        (),
        ("Kingston upon Thames", "Richmond upon Thames", "Windsor and Maidenhead"),
    ),
    ("Together for Children Sunderland", ("Together for Children",), ("Sunderland",)),
    ("Brighter Futures for Children", (), ("Reading",)),
    ("Worcestershire Children First", (), ("Worcestershire",)),
    ("Slough Children First", ("Slough Children's Services Trust",), ("Slough",)),
    ("Northamptonshire Children's Trust", (), ("North Northamptonshire", "West Northamptonshire")),
)


@dataclass(frozen=True)
class Body:
    """A known public body: ``key`` is its identity, ``slug`` its IRI segment."""

    key: str
    name: str
    kind: str
    slug: str
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    gss: str | None = None
    urn: str | None = None
    la_code: str | None = None
    region: str | None = None
    authority_type: str | None = None
    serves: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class BodyMention:
    start: int
    end: int
    body: Body
    surface: str
    bare_place: bool


def _clean_place(ons_name: str) -> str:
    name = ons_name.strip()
    if "," in name:
        head, _, tail = name.partition(",")
        if tail.strip().lower() == "city of":
            name = head.strip()
    name = re.sub(r"\s+Borough$", "", name)
    return name.replace("Upon", "upon")


def _place_variants(place: str) -> set[str]:
    """The spellings people use for one place: "St. Helens" / "St Helens"."""
    variants = {place}
    if "St. " in place:
        variants.add(place.replace("St. ", "St "))
    return variants


def _council_forms(place: str, la_type: str) -> list[str]:
    forms = [f"{place} Council", f"{place} council", f"{place} Borough Council"]
    if la_type == "London Borough":
        forms += [f"London Borough of {place}", f"{place} London Borough Council"]
    elif la_type == "Metropolitan District":
        forms += [f"{place} Metropolitan Borough Council", f"{place} MBC", f"{place} City Council"]
    elif la_type == "County":
        forms += [f"{place} County Council", f"{place} CC"]
    elif la_type:
        forms += [f"{place} City Council", f"{place} Unitary Council"]
    else:  # a former authority whose type the lookup no longer gives
        forms += [f"{place} County Council", f"{place} City Council"]
    return forms


def _default_name(place: str, la_type: str) -> str:
    return {
        "London Borough": f"London Borough of {place}",
        "Metropolitan District": f"{place} Metropolitan Borough Council",
        "County": f"{place} County Council",
    }.get(la_type, f"{place} Council")


def _official_names() -> dict[str, tuple[str, list[str]]]:
    with asset_path("data/council_names.csv").open(encoding="utf-8") as handle:
        return {
            row["place"]: (row["official_name"], [n for n in row["extra_names"].split(";") if n])
            for row in csv.DictReader(handle)
        }


def _local_authorities() -> Iterator[Body]:
    official = _official_names()
    with asset_path("data/local_authorities.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            gss = row["la_code_new"].strip()
            if not gss:
                continue
            ons_name = row["local_authority_ons_name"].strip()
            place = _clean_place(ons_name)
            la_type = LA_TYPES_BY_ONS.get(row["ons_la_type"].strip(), "")
            places = {place, row["ltla23nm"].strip(), row["utla23nm"].strip()}
            for alias in row["also_known_as"].strip("[] ").split(","):
                if alias.strip():
                    places.add(alias.strip())
            places = {v for p in places if p for v in _place_variants(_clean_place(p))}
            name, extra = official.get(place, official.get(ons_name, (None, [])))
            name = name or _default_name(place, la_type)
            aliases = {name, *extra}
            for p in places:
                aliases.update(_council_forms(p, la_type))
            yield Body(
                key=f"la/{gss}",
                name=name,
                kind="LocalAuthority",
                slug=slugify(name),
                aliases=tuple(sorted(aliases)),
                places=tuple(sorted(places | {n for n in extra if " " not in n})),
                gss=gss,
                urn=row["urn"].strip() or None,
                la_code=row["la_code"].strip() or None,
                region=row["region_name"].strip() or None,
                authority_type=la_type or None,
            )


def _national_bodies() -> Iterator[Body]:
    path = asset_path("national_bodies.ttl")
    if not path.is_file():
        return
    graph = Graph().parse(path, format="turtle")
    for node in sorted(set(graph.subjects(SKOS.prefLabel, None)), key=str):
        kinds = sorted(
            str(t).removeprefix(str(OKG))
            for t in graph.objects(node, RDF.type)
            if str(t).startswith(str(OKG))
        )
        name = str(graph.value(node, SKOS.prefLabel))
        aliases = {name, *(str(a) for a in graph.objects(node, SKOS.altLabel))}
        slug = str(node).rstrip("/").rsplit("/", 1)[-1]
        yield Body(
            key=f"national/{slug}",
            name=name,
            kind=kinds[0] if kinds else "PublicBody",
            slug=slug,
            aliases=tuple(sorted(aliases)),
        )


def _service_companies(councils: list[Body]) -> Iterator[Body]:
    """Children's services companies and trusts whose names do not say "Trust" (or say a former one)."""
    by_place = {p: b for b in councils for p in b.places}
    for name, aliases, places in SERVICE_COMPANIES:
        yield Body(
            key=f"name/{fold(name)}",
            name=name,
            kind="ChildrensTrust",
            slug=slugify(name),
            aliases=tuple(sorted({name, *aliases})),
            serves=tuple(by_place[p].key for p in places if p in by_place),
        )


class Gazetteer:
    """Known bodies with an index from every written form to the body."""

    def __init__(self, bodies: list[Body]) -> None:
        self.bodies = {b.key: b for b in bodies}
        self._by_alias: dict[str, Body] = {}
        self._by_place: dict[str, Body] = {}
        for body in bodies:
            for alias in body.aliases:
                self._by_alias.setdefault(fold(alias), body)
            for place in body.places:
                self._by_place.setdefault(place, body)
        self._folded_places = {fold(p): b for p, b in reversed(list(self._by_place.items()))}
        # Aliases written with a capital ("Community Care") are names only when capitalised.
        self._lower_case_ok = {fold(a) for b in bodies for a in b.aliases if a[:1].islower()}
        self._by_urn = {b.urn: b for b in bodies if b.urn}
        self._by_gss = {b.gss: b for b in bodies if b.gss}
        self._alias_pattern = _alternation(
            a for b in bodies for a in b.aliases if not _is_acronym(a)
        )
        self._exact_pattern = _alternation(
            [a for b in bodies for a in b.aliases if _is_acronym(a)]
            + [p for p in self._by_place if p not in AMBIGUOUS_PLACES],
            ignore_case=False,
        )

    def by_urn(self, urn: str) -> Body | None:
        return self._by_urn.get(urn.strip())

    def by_gss(self, gss: str) -> Body | None:
        return self._by_gss.get(gss.strip())

    def lookup(self, name: str) -> Body | None:
        """The body a whole name denotes (an official name, a council form, a place), if any."""
        folded = fold(name)
        body = self._by_alias.get(folded)
        if body is None:
            body = self._folded_places.get(folded)
        return body

    def local_authorities(self) -> list[Body]:
        return [b for b in self.bodies.values() if b.kind == "LocalAuthority"]

    def find_mentions(self, text: str) -> list[BodyMention]:
        """Every non-overlapping mention, longest first; bare place names are flagged as such."""
        found: list[BodyMention] = []
        for pattern, bare in ((self._alias_pattern, False), (self._exact_pattern, True)):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                surface = m.group(0)
                if not bare and surface[:1].islower() and fold(surface) not in self._lower_case_ok:
                    continue
                body = (
                    self._by_alias.get(fold(surface)) if not bare or _is_acronym(surface) else None
                )
                is_place = body is None
                body = body or self._folded_places.get(fold(surface))
                if body is not None:
                    found.append(BodyMention(m.start(), m.end(), body, surface, is_place))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        kept: list[BodyMention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        return kept


def _is_acronym(alias: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z]{0,2}[A-Z]+[a-z]?", alias)) and len(alias) <= 8


def _flexible(name: str) -> str:
    """A name as a pattern that tolerates line breaks, curly quotes, '&' for 'and' and 'on Sea' for 'on-Sea'."""
    out = []
    for word in re.split(r"(\s+|-)", name):
        if not word:
            continue
        if word.isspace():
            out.append(r"\s+")
        elif word == "-":
            out.append(r"(?:-|\s+)")
        elif word in {"and", "&"}:
            out.append(r"(?:and|&)")
        else:
            out.append(re.escape(word).replace("'", "['’]"))
    return "".join(out)


def _alternation(
    words: Iterator[str] | list[str], *, ignore_case: bool = True
) -> re.Pattern[str] | None:
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return None
    body = "|".join(_flexible(w) for w in unique)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE if ignore_case else 0)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process from the bundled data files."""
    councils = list(_local_authorities())
    return Gazetteer([*councils, *_national_bodies(), *_service_companies(councils)])
