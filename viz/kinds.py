"""The picture's vocabulary: the kinds of node, how each is drawn, and the relation labels.

Why one table: the colour and shape of a kind must be the same in the network, in the
legend and in the type toggles, and ``--types`` must accept exactly the names the legend
shows.  Keeping them as data here means a new kind is one row, not four edits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ofsted_kg.errors import FilterError


@dataclass(frozen=True)
class Kind:
    """How one kind of node looks: ``shape`` is a vis-network shape with the label below it."""

    name: str
    label: str
    colour: str
    shape: str


KINDS: tuple[Kind, ...] = (
    Kind("person", "Person", "#4c78a8", "dot"),
    Kind("local-authority", "Local authority", "#f58518", "square"),
    Kind("trust", "Children's trust", "#e45756", "diamond"),
    Kind("inspectorate", "Inspectorate", "#54a24b", "star"),
    Kind("body", "Other body", "#b279a2", "triangleDown"),
    Kind("inspection", "Inspection or visit", "#eeca3b", "triangle"),
    Kind("finding", "Finding", "#72b7b2", "dot"),
    Kind("case", "Safeguarding case", "#9d3f3f", "hexagon"),
    Kind("document", "Document", "#8c8c8c", "square"),
)
KIND_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}

# Above this many nodes the command cuts and says what it cut: 5,000 nodes with pre-computed
# positions open and settle in about two seconds in headless Chromium (benchmarks/RESULTS.md).
DEFAULT_MAX_NODES = 5000
ORG_KINDS: frozenset[str] = frozenset({"local-authority", "trust", "inspectorate", "body"})
DATED_KINDS: frozenset[str] = frozenset({"inspection", "finding", "case", "document"})

# Documents sit in the side panel of every node that they mention; drawn as nodes they join
# almost everything to almost everything, so they are drawn only when asked for.
DEFAULT_KINDS: frozenset[str] = frozenset(k.name for k in KINDS) - {"document"}

TYPE_ALIASES: dict[str, frozenset[str]] = {
    "org": ORG_KINDS,
    "orgs": ORG_KINDS,
    "organisation": ORG_KINDS,
    "organization": ORG_KINDS,
    "la": frozenset({"local-authority"}),
    "council": frozenset({"local-authority"}),
    "people": frozenset({"person"}),
    "all": frozenset(k.name for k in KINDS),
}


class Rel:
    """Edge labels: the words a reader sees on an edge (memberships use the role as written)."""

    INSPECTED = "inspected"
    CARRIED_OUT = "carried out"
    INSPECTOR = "inspector"
    FOUND = "found"
    CHILD_IN = "child in"
    INVOLVED_IN = "involved in"
    PART_OF = "part of"
    DELIVERS_FOR = "delivers services for"
    MENTIONED_IN = "mentioned in"


def parse_types(types: str | Iterable[str] | None) -> frozenset[str]:
    """The kinds named by ``--types`` ("person,org,..."): default kinds when not given."""
    if types is None:
        return DEFAULT_KINDS
    words = types.split(",") if isinstance(types, str) else list(types)
    chosen: set[str] = set()
    for raw in words:
        word = raw.strip().lower().replace("_", "-").replace(" ", "-")
        if not word:
            continue
        if word in KIND_BY_NAME:
            chosen.add(word)
        elif word in TYPE_ALIASES:
            chosen |= TYPE_ALIASES[word]
        elif word.endswith("s") and word[:-1] in KIND_BY_NAME:
            chosen.add(word[:-1])
        else:
            known = ", ".join([k.name for k in KINDS] + sorted(TYPE_ALIASES))
            raise FilterError(f"--types: unknown type {raw.strip()!r} (known: {known})")
    if not chosen:
        raise FilterError("--types: no type given (e.g. --types person,org,inspection)")
    return frozenset(chosen)
