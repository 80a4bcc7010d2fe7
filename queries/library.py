"""The library of named questions: each ``queries/*.rq`` file and the header that explains it.

A query file is plain SPARQL that any SPARQL tool can run; its leading comment block says
what it answers, so that ``ofsted-kg query --list``, the runner's parameter checks and the
generated README all read one description instead of three drifting ones::

    # title: Roles held in a body
    # description: Who held which role in a body, and as of when, with the evidence.
    # param: body (org) — the body, by name or IRI; example: Leeds City Council
    # param: on (date, optional) — only roles stated as of this date or earlier; example: 2023-05-16
    # columns: person, role, body, asOf, former, evidence

A parameter is the SPARQL variable of the same name; the runner binds it with a VALUES
block (``runner.bind``).  Lines starting ``#`` with no key continue the previous value.
A malformed header is a bug in the library, reported as QueryError naming the file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ofsted_kg.errors import QueryError

PARAM_TYPES: dict[str, str] = {
    "org": "a body, by name or IRI",
    "person": "a person, by name or IRI",
    "entity": "a person, body, case, event or inspection, by name or IRI",
    "case": "a case, by its name, the child's name or IRI",
    "inspection": "an inspection: 'BODY [KIND] DATE' or IRI",
    "document": "a document, by title, file name or IRI",
    "theme": "a theme of findings, by name",
    "grade": "an Ofsted grade, by name",
    "date": "a date, YYYY-MM-DD",
    "year": "a year, YYYY",
    "int": "a whole number",
    "text": "any text, matched as a literal",
}
HEADER_LINE = re.compile(r"^#\s*(?P<key>[a-z]+):\s*(?P<value>.*)$")
PARAM_LINE = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<spec>[^)]*)\)\s*[—–-]+\s*(?P<text>.*)$"
)
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Param:
    """One parameter of a query: the SPARQL variable it binds and how to read its value."""

    name: str
    type: str
    description: str
    optional: bool = False
    default: str | None = None
    example: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    """A query file and its header."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str
    path: Path
    examples: dict[str, str] = field(default_factory=dict, compare=False)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def queries_dir() -> Path:
    """Where the bundled ``.rq`` files live (beside this module, installed or not)."""
    return Path(str(resources.files(__package__ or "ofsted_kg.queries")))


@functools.cache
def load_library(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every query in ``folder`` (default: the bundled ones) by name, in name order."""
    folder = folder or queries_dir()
    found = {path.stem: parse_query_file(path) for path in sorted(folder.glob("*.rq"))}
    return dict(sorted(found.items()))


def list_queries() -> list[NamedQuery]:
    """The bundled queries, in name order."""
    return list(load_library().values())


def get_query(name: str) -> NamedQuery:
    """The bundled query called ``name``; QueryError (with the nearest names) if there is none."""
    library = load_library()
    if name in library:
        return library[name]
    import difflib

    close = difflib.get_close_matches(name, list(library), n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(close)}?)" if close else " (see 'ofsted-kg query --list')"
    raise QueryError(f"no query called {name!r}{hint}")


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file's header; QueryError naming the file if it is incomplete."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot be read ({exc})") from None
    name = path.stem
    if not NAME.match(name):
        raise QueryError(f"{path}: a query name is lower case words joined by hyphens")
    fields: dict[str, list[str]] = {}
    params: list[str] = []
    last: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = HEADER_LINE.match(line)
        if match and match["key"] in ("title", "description", "param", "columns"):
            if match["key"] == "param":
                params.append(match["value"].strip())
                last = None
            else:
                last = fields.setdefault(match["key"], [])
                last.append(match["value"].strip())
        elif line.strip("# ") and last is not None:
            last.append(line.lstrip("#").strip())
        elif line.strip("# ") and params:
            params[-1] += " " + line.lstrip("#").strip()
    missing = [key for key in ("title", "description", "columns") if key not in fields]
    if missing:
        raise QueryError(f"{path}: the header has no {', '.join(missing)}")
    parsed = tuple(_parse_param(path, p) for p in params)
    columns = tuple(c.strip() for c in " ".join(fields["columns"]).split(",") if c.strip())
    for param in parsed:
        if not re.search(rf"[?$]{param.name}\b", text):
            raise QueryError(f"{path}: parameter '{param.name}' is not used in the query")
    if not re.search(r"\bWHERE\s*\{", text, re.IGNORECASE):
        raise QueryError(f"{path}: the query needs an explicit WHERE {{ ... }} to bind parameters")
    return NamedQuery(
        name=name,
        title=" ".join(fields["title"]),
        description=" ".join(fields["description"]),
        params=parsed,
        columns=columns,
        text=text,
        path=path,
        examples={p.name: p.example for p in parsed if p.example is not None},
    )


def _parse_param(path: Path, line: str) -> Param:
    """``name (type[, optional][, default VALUE]) — description; example: VALUE``."""
    match = PARAM_LINE.match(line)
    if not match:
        raise QueryError(f"{path}: cannot read the parameter line '{line}'")
    spec = [part.strip() for part in match["spec"].split(",")]
    kind, flags = spec[0], spec[1:]
    if kind not in PARAM_TYPES:
        raise QueryError(f"{path}: parameter '{match['name']}' has unknown type '{kind}'")
    optional, default = False, None
    for flag in flags:
        if flag == "optional":
            optional = True
        elif flag.startswith("default "):
            optional, default = True, flag.removeprefix("default ").strip()
        else:
            raise QueryError(f"{path}: parameter '{match['name']}': unknown flag '{flag}'")
    description, _, example = match["text"].partition("; example:")
    return Param(
        name=match["name"],
        type=kind,
        description=description.strip(),
        optional=optional,
        default=default,
        example=example.strip() or None,
    )
