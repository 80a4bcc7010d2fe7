"""A body's history in date order: its inspections and grades, other events, related cases,
and who was in post at each of them.

Why here: a timeline is a read of the store (one body's slice of the graph), not an
extraction, so it lives with the graph and reads it with SPARQL.  Text and CSV inspections
of the same event have already been merged by the build, so each appears once.

Who was "in post" comes from the body's ``org:Membership`` nodes.  A membership with a
period (``org:memberDuring``) counts for the dates inside it.  Most memberships only carry
``okg:asOf`` — the date of the document that states them — and say nothing of how long the
post was held; for those the timeline shows, per role, the holder stated nearest in time to
the item, if a document within ``window_days`` of it says so.  Former posts never count
without a period.  This is evidence, not a staffing record: the JSON output says which kind
of evidence each entry rests on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ofsted_kg.errors import FilterError, ParameterError
from ofsted_kg.graph.sparql import ask, select
from ofsted_kg.loaders.gazetteer import load_gazetteer
from ofsted_kg.loaders.normalise import fold
from ofsted_kg.ontology import ID, OKG, PREFIXES

GRADE_ORDER = ("Outstanding", "Good", "RequiresImprovement", "Inadequate")
AREA_ORDER = (
    "OverallEffectiveness",
    "ImpactOfLeaders",
    "HelpAndProtection",
    "ChildrenInCare",
    "CareLeavers",
)
# The generic kind, shown only when no source names a more specific one.
GENERIC_INSPECTION = f"{OKG}FullInspection"
DEFAULT_WINDOW_DAYS = 365
PLOT_SUFFIXES = {".png": "png", ".svg": "svg"}
_DATE_PATH = "|".join(
    f"time:{p}" for p in ("inXSDDate", "inXSDgYearMonth", "inXSDgYear", "inXSDDateTimeStamp")
).join("()")


@dataclass(frozen=True)
class InPost:
    """A person in post at an item's date, and what says so."""

    person: str
    name: str
    role: str
    evidence: str


@dataclass(frozen=True)
class Judgement:
    area: str
    grade: str


@dataclass
class TimelineItem:
    """One dated thing in a body's history: an inspection, another event or a case."""

    kind: str
    iri: str
    label: str
    date: str | None = None
    end: str | None = None
    published: str | None = None
    framework: str | None = None
    grades: tuple[str, ...] = ()
    judgements: tuple[Judgement, ...] = ()
    inspectors: tuple[str, ...] = ()
    detail: str | None = None
    sources: tuple[str, ...] = ()
    in_post: tuple[InPost, ...] = ()

    @property
    def grade(self) -> str | None:
        """The overall grade (local name, e.g. ``Good``) when the sources agree on one."""
        return self.grades[0] if len(self.grades) == 1 else None


@dataclass
class Timeline:
    body: str
    name: str
    items: list[TimelineItem] = field(default_factory=list)

    @property
    def inspections(self) -> list[TimelineItem]:
        return [item for item in self.items if item.kind == "inspection"]

    def to_dict(self) -> dict[str, Any]:
        return {"body": self.body, "name": self.name, "items": [asdict(i) for i in self.items]}


def timeline(store: ox.Store, body: str, *, window_days: int = DEFAULT_WINDOW_DAYS) -> Timeline:
    """The body's inspections, events and cases in date order, each with the people in post.

    ``body`` is an IRI or a name (see ``resolve_body``).
    """
    node = resolve_body(store, body)
    name = _labels(store, [node]).get(node, node)
    bodies = [node, *_service_bodies(store, node)]
    items = [*_inspections(store, node), *_events(store, bodies), *_cases(store, bodies)]
    posts = _memberships(store, node)
    window = timedelta(days=window_days)
    for item in items:
        when = _as_date(item.date or item.published)
        if when is not None:
            item.in_post = _in_post(posts, when, window)
    items.sort(key=_order)
    return Timeline(body=node, name=name, items=items)


def resolve_body(store: ox.Store, query: str) -> str:
    """The IRI of the one organisation ``query`` names.

    Tried in turn: an IRI; a label (skos:prefLabel, skos:altLabel, rdfs:label) equal to the
    query, case and accents aside; the gazetteer's reading of the name; a label containing
    the query's words.  Several matches raise ParameterError listing them; none, FilterError.
    """
    query = query.strip()
    if query.startswith(("http://", "https://", "id:")):
        iri = query.replace("id:", str(ID), 1) if query.startswith("id:") else query
        if _labels(store, [iri]) or ask(store, f"ASK {{ <{iri}> a org:Organization }}"):
            return iri
        raise FilterError(f"no organisation {query} in the store")
    labels = _organisation_labels(store)
    wanted = fold(query)
    if not wanted:
        raise ParameterError("timeline: give the name of a body")
    exact = sorted({node for node, label in labels if fold(label) == wanted})
    if len(exact) == 1:
        return exact[0]
    gazetteer_node = _gazetteer_node(store, query)
    if gazetteer_node is not None and (not exact or gazetteer_node in exact):
        return gazetteer_node
    pattern = re.compile(rf"\b{re.escape(wanted)}\b")
    matches = exact or sorted({node for node, label in labels if pattern.search(fold(label))})
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise FilterError(f"no body called '{query}' in the store")
    names = _labels(store, matches)
    listed = "; ".join(sorted(names.get(m, m) for m in matches))
    raise ParameterError(f"'{query}' names {len(matches)} bodies: {listed}")


def plot_grades(tl: Timeline, path: Path | str) -> Path:
    """Draw the overall-grade history as a step chart (PNG or SVG by the file's suffix).

    Graded inspections are points joined by steps (a grade holds until the next inspection);
    inspections and visits without an overall grade are dotted lines, so that gaps in the
    record show.  matplotlib is imported here, not at module level, so that the CLI and the
    graph layer start fast and work without a display (the Agg canvas draws to a file).
    """
    path = Path(path)
    fmt = PLOT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ParameterError(f"{path}: the plot must be a .png or .svg file")
    graded: list[tuple[date, int, str]] = []
    ungraded: list[tuple[date, str]] = []
    for item in tl.inspections:
        when = _as_date(item.date or item.published)
        if when is None:
            continue
        ranks = [GRADE_ORDER.index(g) for g in item.grades if g in GRADE_ORDER]
        graded += [(when, rank, item.label) for rank in ranks]
        if not ranks:
            ungraded.append((when, item.label))
    if not graded:
        raise FilterError(f"{tl.name}: no graded inspection to plot")
    _draw(tl.name, sorted(graded), sorted(ungraded), path, fmt)
    return path


def _draw(
    name: str,
    graded: list[tuple[date, int, str]],
    ungraded: list[tuple[date, str]],
    path: Path,
    fmt: str,
) -> None:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import date2num
    from matplotlib.figure import Figure

    colours = ("#1a7f37", "#4c9a2a", "#d29922", "#cf222e")
    xs = [float(date2num(when)) for when, _, _ in graded]
    ys = [rank for _, rank, _ in graded]
    first = min([when for when, _, _ in graded] + [when for when, _ in ungraded])
    last = max([when for when, _, _ in graded] + [when for when, _ in ungraded])
    years = list(range(first.year, last.year + 2, max(1, (last.year - first.year) // 10 + 1)))
    with matplotlib.rc_context({"svg.hashsalt": "ofsted-kg", "font.size": 9}):
        figure = Figure(figsize=(8, 3.4), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.step(xs, ys, where="post", color="#8c959f", linewidth=1.2, zorder=1)
        axes.scatter(xs, ys, c=[colours[y] for y in ys], s=52, zorder=2, edgecolors="white")
        for (when, rank, _), x in zip(graded, xs, strict=True):
            axes.annotate(
                when.strftime("%b %Y"), (x, rank), xytext=(0, 7), textcoords="offset points",
                ha="center", fontsize=7, color="#57606a",
            )  # fmt: skip
        for when, label in ungraded:
            x = float(date2num(when))
            axes.axvline(x, color="#afb8c1", linestyle=":", linewidth=1, zorder=0)
            axes.annotate(
                label, (x, -0.45), xytext=(2, 0), textcoords="offset points", rotation=90,
                va="top", fontsize=6, color="#8c959f",
            )  # fmt: skip
        axes.set_yticks(range(len(GRADE_ORDER)), [concept_label(g) for g in GRADE_ORDER])
        axes.set_ylim(len(GRADE_ORDER) - 0.5, -0.5)
        axes.set_xticks([float(date2num(date(y, 1, 1))) for y in years], [str(y) for y in years])
        axes.set_xlim(
            float(date2num(date(first.year, 1, 1))), float(date2num(date(last.year + 1, 1, 1)))
        )
        axes.grid(axis="y", color="#eaeef2", linewidth=0.8)
        axes.set_title(f"{name}: overall effectiveness at each inspection", loc="left")
        if ungraded:
            axes.set_xlabel(
                "dotted: inspections and visits without an overall grade in the sources"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {}
        figure.savefig(path, format=fmt, dpi=150, metadata=metadata)


# --- reading the store -------------------------------------------------------------------


def _values(iris: list[str]) -> str:
    return " ".join(f"<{iri}>" for iri in iris)


def _organisation_labels(store: ox.Store) -> list[tuple[str, str]]:
    rows = select(
        store,
        """SELECT DISTINCT ?node ?label WHERE {
             ?node a org:Organization ; (skos:prefLabel|skos:altLabel|rdfs:label) ?label }""",
    )
    return [(r["node"], r["label"]) for r in rows]


def _gazetteer_node(store: ox.Store, query: str) -> str | None:
    """The store's node for the body the gazetteer reads ``query`` as (a place, a council form)."""
    body = load_gazetteer().lookup(query)
    if body is None:
        return None
    rows = select(
        store,
        f"""SELECT ?node WHERE {{
              {{ ?node okg:gssCode "{body.gss or ""}" }} UNION
              {{ VALUES ?node {{ <{ID}org/{body.slug}> }} ?node a org:Organization }} }}""",
    )
    nodes = sorted({r["node"] for r in rows})
    return nodes[0] if len(nodes) == 1 else None


def _labels(store: ox.Store, iris: list[str]) -> dict[str, str]:
    """One display label per IRI: skos:prefLabel, else foaf:name, else rdfs:label."""
    if not iris:
        return {}
    rows = select(
        store,
        f"""SELECT ?x ?pref ?name ?label WHERE {{
              VALUES ?x {{ {_values(iris)} }}
              OPTIONAL {{ ?x skos:prefLabel ?pref }} OPTIONAL {{ ?x foaf:name ?name }}
              OPTIONAL {{ ?x rdfs:label ?label }}
              FILTER(BOUND(?pref) || BOUND(?name) || BOUND(?label)) }}""",
    )
    best: dict[str, tuple[int, str]] = {}
    for row in rows:
        for rank, key in enumerate(("pref", "name", "label")):
            if key in row:
                candidate = (rank, row[key])
                if row["x"] not in best or candidate < best[row["x"]]:
                    best[row["x"]] = candidate
    return {iri: label for iri, (_, label) in best.items()}


def _service_bodies(store: ox.Store, node: str) -> list[str]:
    """Bodies that deliver the body's services or belong to it: their events are its events."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?x WHERE {{
              ?x (okg:deliversServicesFor|org:subOrganizationOf) <{node}> }}""",
    )
    return sorted(r["x"] for r in rows if r["x"] != node)


def _inspections(store: ox.Store, node: str) -> list[TimelineItem]:
    rows = select(
        store,
        f"""SELECT ?i ?p ?o WHERE {{
              ?i a okg:Inspection ; okg:inspectedBody <{node}> ; ?p ?o }}""",
    )
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        facts[row["i"]][row["p"]].add(row["o"])
    judgement_rows = select(
        store,
        f"""SELECT ?i ?area ?grade WHERE {{
              ?i a okg:Inspection ; okg:inspectedBody <{node}> ; okg:hasJudgement ?j .
              ?j okg:area ?area ; okg:grade ?grade }}""",
    )
    judgements: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in judgement_rows:
        judgements[row["i"]].add((row["area"], row["grade"]))
    names = _labels(
        store,
        sorted(
            {
                v
                for f in facts.values()
                for p in ("inspectionType", "framework", "inspector")
                for v in f[f"{OKG}{p}"]
            }
            | {v for js in judgements.values() for pair in js for v in pair}
        ),
    )
    items = []
    for iri, f in facts.items():
        types = f[f"{OKG}inspectionType"]
        specific = types - {GENERIC_INSPECTION} or types
        kinds = sorted(names.get(t, concept_label(t)) for t in specific)
        items.append(
            TimelineItem(
                kind="inspection",
                iri=iri,
                label=" / ".join(kinds) or "inspection",
                date=_most_precise(f[f"{PREFIXES['schema']}startDate"]),
                end=_most_precise(f[f"{PREFIXES['schema']}endDate"]),
                published=_most_precise(f[f"{OKG}publishedOn"]),
                framework=" / ".join(sorted(names.get(x, _local(x)) for x in f[f"{OKG}framework"]))
                or None,
                grades=tuple(sorted((_local(g) for g in f[f"{OKG}overallGrade"]), key=_grade_rank)),
                judgements=tuple(
                    Judgement(names.get(a, concept_label(a)), names.get(g, concept_label(g)))
                    for a, g in sorted(judgements[iri], key=_judgement_order)
                ),
                inspectors=tuple(sorted(names.get(p, p) for p in f[f"{OKG}inspector"])),
                sources=tuple(sorted(f[f"{PREFIXES['prov']}wasDerivedFrom"])),
            )
        )
    return items


def _events(store: ox.Store, bodies: list[str]) -> list[TimelineItem]:
    rows = select(
        store,
        f"""SELECT ?e ?type ?date ?label ?doc WHERE {{
              VALUES ?b {{ {_values(bodies)} }}
              ?e a okg:Event ; okg:involves ?b .
              OPTIONAL {{ ?e okg:eventType ?type }} OPTIONAL {{ ?e schema:startDate ?date }}
              OPTIONAL {{ ?e rdfs:label ?label }} OPTIONAL {{ ?e prov:wasDerivedFrom ?doc }} }}""",
    )
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        grouped[row["e"]].append(row)
    names = _labels(store, sorted({r["type"] for r in rows if "type" in r}))
    items = []
    for iri, group in grouped.items():
        types = sorted(
            {names.get(r["type"], concept_label(r["type"])) for r in group if "type" in r}
        )
        items.append(
            TimelineItem(
                kind="event",
                iri=iri,
                label=" / ".join(types) or "event",
                date=_most_precise({r["date"] for r in group if "date" in r}),
                detail=_first({r["label"] for r in group if "label" in r}),
                sources=tuple(sorted({r["doc"] for r in group if "doc" in r})),
            )
        )
    return items


def _cases(store: ox.Store, bodies: list[str]) -> list[TimelineItem]:
    rows = select(
        store,
        f"""SELECT ?c ?child ?date ?outcome ?location ?doc WHERE {{
              VALUES ?b {{ {_values(bodies)} }}
              ?c a okg:Case ; okg:relatedBody ?b .
              OPTIONAL {{ ?c okg:child/foaf:name ?child }} OPTIONAL {{ ?c schema:startDate ?date }}
              OPTIONAL {{ ?c okg:outcome ?outcome }} OPTIONAL {{ ?c schema:location ?location }}
              OPTIONAL {{ ?c prov:wasDerivedFrom ?doc }} }}""",
    )
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        grouped[row["c"]].append(row)
    items = []
    for iri, group in grouped.items():
        child = _first({r["child"] for r in group if "child" in r})
        details = [_first({r[k] for r in group if k in r}) for k in ("outcome", "location")]
        items.append(
            TimelineItem(
                kind="case",
                iri=iri,
                label=f"case: {child}" if child else "case",
                date=_most_precise({r["date"] for r in group if "date" in r}),
                detail="; ".join(d for d in details if d) or None,
                sources=tuple(sorted({r["doc"] for r in group if "doc" in r})),
            )
        )
    return items


@dataclass(frozen=True)
class _Post:
    person: str
    name: str
    role: str
    role_key: str
    as_of: date | None
    begin: date | None
    end: date | None
    has_period: bool
    former: bool


def _memberships(store: ox.Store, node: str) -> list[_Post]:
    rows = select(
        store,
        f"""SELECT ?m ?person ?name ?role ?roleLabel ?norm ?asOf ?former ?period ?begin ?end
            WHERE {{
              ?m a org:Membership ; org:organization <{node}> ; org:member ?person .
              OPTIONAL {{ ?person foaf:name ?name }}
              OPTIONAL {{ ?m org:role ?role . OPTIONAL {{ ?role rdfs:label ?roleLabel }}
                          OPTIONAL {{ ?role okg:normalisedRole ?norm }} }}
              OPTIONAL {{ ?m okg:asOf ?asOf }}
              OPTIONAL {{ ?m okg:former ?former }}
              OPTIONAL {{ ?m org:memberDuring ?period .
                          OPTIONAL {{ ?period time:hasBeginning/{_DATE_PATH} ?begin }}
                          OPTIONAL {{ ?period time:hasEnd/{_DATE_PATH} ?end }} }} }}""",
    )
    posts = set()
    for row in rows:
        role = row.get("roleLabel") or concept_label(row.get("norm") or row.get("role") or "member")
        posts.add(
            _Post(
                person=row["person"],
                name=row.get("name") or row["person"],
                role=role,
                role_key=row.get("norm") or fold(role),
                as_of=_as_date(row.get("asOf")),
                begin=_as_date(row.get("begin")),
                end=_as_date(row.get("end"), last=True),
                has_period="period" in row and ("begin" in row or "end" in row),
                former=row.get("former") in {"true", "1"},
            )
        )
    return sorted(posts, key=lambda p: (p.name, p.role, p.as_of or date.min))


def _in_post(posts: list[_Post], when: date, window: timedelta) -> tuple[InPost, ...]:
    """Who held which post at ``when``: periods covering it, else the nearest statement per role."""
    found: dict[tuple[str, str], InPost] = {}
    for post in posts:
        if post.has_period and (post.begin or date.min) <= when <= (post.end or date.max):
            period = f"{post.begin or '…'} to {post.end or '…'}"
            found[(post.person, post.role_key)] = InPost(
                post.person, post.name, post.role, f"period {period}"
            )
    stated: dict[str, list[tuple[timedelta, _Post]]] = defaultdict(list)
    for post in posts:
        if not post.former and post.as_of is not None and abs(post.as_of - when) <= window:
            stated[post.role_key].append((abs(post.as_of - when), post))
    for role_key, candidates in stated.items():
        closest = min(distance for distance, _ in candidates)
        for distance, post in candidates:
            if distance == closest:
                found.setdefault(
                    (post.person, role_key),
                    InPost(post.person, post.name, post.role, f"as of {post.as_of}"),
                )
    return tuple(sorted(found.values(), key=lambda p: (p.role, p.name)))


# --- small helpers ------------------------------------------------------------------------


def _order(item: TimelineItem) -> tuple[bool, str, str, str]:
    """Dated items by date (inspections by start, else publication), undated ones last."""
    when = item.date or item.published
    return (when is None, when or "", item.kind, item.label)


def _most_precise(values: set[str]) -> str | None:
    """Of several dates for one thing, the most precise (a day beats a month beats a year)."""
    return min(values, key=lambda v: (-len(v), v)) if values else None


def _first(values: set[str]) -> str | None:
    return min(values) if values else None


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def concept_label(iri: str) -> str:
    """A readable label for a concept (an IRI or local name) without a label in the store:
    ``RequiresImprovement`` → ``Requires improvement``."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", _local(iri)).split()
    text = " ".join(w if w.isupper() else w.lower() for w in words)
    return text[:1].upper() + text[1:]


def _judgement_order(pair: tuple[str, str]) -> tuple[int, int, str]:
    area, grade = _local(pair[0]), _local(pair[1])
    area_rank = AREA_ORDER.index(area) if area in AREA_ORDER else len(AREA_ORDER)
    return (area_rank, _grade_rank(grade), area)


def _grade_rank(grade: str) -> int:
    return GRADE_ORDER.index(grade) if grade in GRADE_ORDER else len(GRADE_ORDER)


def _as_date(value: str | None, *, last: bool = False) -> date | None:
    """An ISO date, year-month or year as a date (its first day, or last with ``last``)."""
    if not value:
        return None
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return date(int(year), int(month), int(day))
        if month:
            start = date(int(year), int(month), 1)
            return (
                (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                if last
                else start
            )
        return date(int(year), 12, 31) if last else date(int(year), 1, 1)
    except ValueError:
        return None


__all__ = [
    "InPost",
    "Judgement",
    "Timeline",
    "TimelineItem",
    "concept_label",
    "plot_grades",
    "resolve_body",
    "timeline",
]
