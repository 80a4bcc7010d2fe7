"""Run a named query or a user's SPARQL against the store: safely, read-only, within a time limit.

Binding.  A parameter's value never becomes query text.  Names are resolved to IRIs
(``resolve_names``), dates and numbers are parsed, and each value becomes a pyoxigraph term
whose N-Triples form (IRIs checked by pyoxigraph, literals escaped by it) goes into one
``VALUES`` row at the top of the query's WHERE group.  ``"} ; DROP ALL ; {`` is then a
string literal that matches nothing.  (pyoxigraph's own ``substitutions`` would be the
other way, but it only accepts variables that the SELECT projects.)

Read-only.  Three locks, any one of which suffices: the keyword guard below refuses update
operations (found outside strings, IRIs and comments) before anything runs; queries go to
``Store.query``, which cannot execute an update (it raises SyntaxError); and a store named
by path is opened read-only.

Timeout.  pyoxigraph releases the GIL while it evaluates, but a Python thread cannot be
stopped: measured, a runaway cross product kept a core busy after the caller gave up.  So
with a time limit and a store on disk the query runs in a child process that opens the
store read-only and is killed when time is up (~0.1 s of start-up).  A store given as an
open ``Store`` object can only be abandoned in a background thread; that is said plainly.
"""

from __future__ import annotations

import csv
import io
import json
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rich.table import Table

from ofsted_kg.errors import ParameterError, QueryError, ReadOnlyError
from ofsted_kg.graph.store import open_store
from ofsted_kg.ontology import PREFIXES
from ofsted_kg.queries.library import NamedQuery, Param, get_query
from ofsted_kg.queries.resolve_names import NAME_KINDS, compact, labels, resolve

StoreLike = ox.Store | str | os.PathLike[str]
Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = tuple[Term | None, ...]

FORMATS = ("table", "csv", "json", "sparql-json", "sparql-xml", "sparql-csv", "sparql-tsv")
SPARQL_FORMATS = {
    "sparql-json": ox.QueryResultsFormat.JSON,
    "sparql-xml": ox.QueryResultsFormat.XML,
    "sparql-csv": ox.QueryResultsFormat.CSV,
    "sparql-tsv": ox.QueryResultsFormat.TSV,
}
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")
XSD = "http://www.w3.org/2001/XMLSchema#"
STORE_DATA = "data"  # graph.store keeps the Oxigraph files in <store>/data
MAX_TEXT = 1000

# Everything in SPARQL text that is not code: comments, strings and IRIs (SPARQL 1.1 §19.8).
_NOT_CODE = re.compile(
    r"""\#[^\n]*
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '(?:[^'\\\n\r]|\\.)*'
      | "(?:[^"\\\n\r]|\\.)*"
      | <[^<>"{}|^`\\\x00-\x20]*>""",
    re.VERBOSE | re.DOTALL,
)
_UPDATE = re.compile(rf"(?<![\w?$:@-])({'|'.join(UPDATE_KEYWORDS)})(?![\w:-])", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """The answer to a query: columns, rows of RDF terms, and a readable label for each IRI.

    Tables, CSV and JSON show labels ("Jo Tanner"); the SPARQL results formats keep the
    terms themselves (IRIs, typed literals) for other tools.
    """

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    labels: Mapping[str, str] = field(default_factory=dict)
    title: str = ""
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows) if self.boolean is None else self.boolean

    def display(self, term: Term | None) -> str:
        """How one cell reads: a label for an IRI, the lexical value of a literal."""
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            return self.labels.get(term.value) or compact(term.value)
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        return term.value

    def records(self) -> list[dict[str, str | None]]:
        """Rows as dicts of display strings (None where unbound), for tests and scripts."""
        return [
            {
                c: (None if t is None else self.display(t))
                for c, t in zip(self.columns, row, strict=True)
            }
            for row in self.rows
        ]

    def column(self, name: str) -> list[str | None]:
        """One column's display strings."""
        return [record[name] for record in self.records()]

    def to_table(self) -> Table:
        table = Table(title=self.title or None, show_lines=False, expand=False)
        for name in self.columns:
            table.add_column(name, overflow="fold")
        for row in self.rows:
            table.add_row(*(self.display(term) for term in row))
        return table

    def serialize(self, fmt: str) -> str:
        """The result as text in one of FORMATS (except "table": see ``to_table``)."""
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(self.columns)
            writer.writerows([self.display(t) for t in row] for row in self.rows)
            return out.getvalue()
        if fmt == "json":
            if self.boolean is not None:
                return json.dumps({"boolean": self.boolean}) + "\n"
            rows = [
                {c: _json_value(t, self) for c, t in zip(self.columns, row, strict=True)}
                for row in self.rows
            ]
            return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
        if fmt in SPARQL_FORMATS:
            results = ox.parse_query_results(self._sparql_json(), format=ox.QueryResultsFormat.JSON)
            data = results.serialize(format=SPARQL_FORMATS[fmt])
            assert data is not None
            return data.decode("utf-8")
        raise ParameterError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")

    def _sparql_json(self) -> bytes:
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean}).encode()
        bindings = [
            {c: _term_json(t) for c, t in zip(self.columns, row, strict=True) if t is not None}
            for row in self.rows
        ]
        document = {"head": {"vars": list(self.columns)}, "results": {"bindings": bindings}}
        return json.dumps(document).encode()


def _term_json(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != f"{XSD}string":
        out["datatype"] = term.datatype.value
    return out


def _json_value(term: Term | None, result: Result) -> Any:
    if isinstance(term, ox.Literal):
        kind = term.datatype.value.removeprefix(XSD)
        try:
            if kind in ("integer", "int", "long", "nonNegativeInteger"):
                return int(term.value)
            if kind in ("decimal", "double", "float"):
                return float(term.value)
        except ValueError:
            return term.value
        if kind == "boolean":
            return term.value in ("true", "1")
    return None if term is None else result.display(term)


# --- the public verbs ----------------------------------------------------------------------


def query(
    store: StoreLike, name: str, /, *, timeout: float | None = None, **params: object
) -> Result:
    """Answer the named question ``name`` with ``params`` (names, dates ... as the header says).

    ``store`` is a store path or an open pyoxigraph Store.  ParameterError for a missing,
    malformed or ambiguous parameter; QueryError for an unknown query or a timeout.
    """
    spec = get_query(name)
    handle, path = _open(store)
    text = bind(spec, handle, params)
    result = _run(handle, path, text, timeout=timeout, title=spec.title)
    if result.columns != spec.columns:
        raise QueryError(
            f"{spec.path.name}: returns columns {', '.join(result.columns)} but its header"
            f" says {', '.join(spec.columns)}"
        )
    return result


def run_sparql(store: StoreLike, text: str, *, timeout: float | None = None) -> Result:
    """Run a user's SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE); updates are refused."""
    check_read_only(text)
    handle, path = _open(store)
    return _run(handle, path, text, timeout=timeout, title="")


def check_read_only(text: str) -> None:
    """ReadOnlyError if ``text`` contains an update operation outside strings, IRIs, comments."""
    match = _UPDATE.search(code_only(text))
    if match:
        raise ReadOnlyError(
            f"refused: {match.group(1).upper()} would change the store; queries here are read-only"
        )


def code_only(text: str) -> str:
    """``text`` with comments, strings and IRIs blanked out (same length, newlines kept)."""
    return _NOT_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


# --- binding -------------------------------------------------------------------------------


def bind(spec: NamedQuery, store: ox.Store, params: Mapping[str, object]) -> str:
    """The query text with one VALUES row binding every parameter (UNDEF when not given)."""
    known = {p.name for p in spec.params}
    unknown = sorted(set(params) - known)
    if unknown:
        allowed = ", ".join(sorted(known)) or "none"
        raise ParameterError(
            f"query '{spec.name}' has no parameter {unknown[0]!r} (its parameters: {allowed})"
        )
    terms: list[Term | None] = []
    for param in spec.params:
        raw = params.get(param.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            raw = param.default
        if raw is None:
            if not param.optional:
                raise ParameterError(
                    f"query '{spec.name}' needs -p {param.name}=..."
                    f" ({param.type}: {param.description})"
                )
            terms.append(None)
            continue
        terms.append(to_term(store, param, raw))
    return insert_values(spec.text, [p.name for p in spec.params], terms)


def to_term(store: ox.Store, param: Param, raw: object) -> Term:
    """One parameter value as an RDF term, checked against the parameter's type."""
    kind, where = param.type, f"{param.name}: "
    if kind in NAME_KINDS:
        value = raw.value if isinstance(raw, ox.NamedNode) else str(raw)
        return resolve(store, value, kind, param=param.name)
    text = raw.isoformat() if isinstance(raw, date) else str(raw).strip()
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ParameterError(f"{where}{text!r} is not a date (write YYYY-MM-DD)")
        try:
            date.fromisoformat(text)
        except ValueError:
            raise ParameterError(f"{where}{text!r} is not a day of the calendar") from None
        return ox.Literal(text, datatype=ox.NamedNode(f"{XSD}date"))
    if kind in ("year", "int"):
        if not re.fullmatch(r"\d{4}" if kind == "year" else r"\d{1,9}", text):
            shape = "a year (YYYY)" if kind == "year" else "a whole number of at most 9 digits"
            raise ParameterError(f"{where}{text!r} is not {shape}")
        return ox.Literal(str(int(text)), datatype=ox.NamedNode(f"{XSD}integer"))
    if kind == "text":
        if len(text) > MAX_TEXT:
            raise ParameterError(f"{where}longer than {MAX_TEXT} characters")
        return ox.Literal(str(raw))
    raise ParameterError(f"{where}unknown parameter type '{kind}'")


def insert_values(text: str, names: Sequence[str], terms: Sequence[Term | None]) -> str:
    """Put ``VALUES (?a ?b) { (t1 t2) }`` first in the outermost WHERE group of ``text``."""
    if not names:
        return text
    code = code_only(text)
    for match in _WHERE.finditer(code):
        if code.count("{", 0, match.start()) == code.count("}", 0, match.start()):
            cells = " ".join("UNDEF" if t is None else str(t) for t in terms)
            variables = " ".join(f"?{n}" for n in names)
            values = f"\n  VALUES ({variables}) {{ ({cells}) }}\n"
            return text[: match.end()] + values + text[match.end() :]
    raise QueryError("the query has no outermost WHERE { ... } to bind its parameters in")


# --- execution -----------------------------------------------------------------------------


def _open(store: StoreLike) -> tuple[ox.Store, Path | None]:
    if isinstance(store, ox.Store):
        return store, None
    path = Path(store)
    return open_store(path, read_only=True), path


def _run(
    store: ox.Store, path: Path | None, text: str, *, timeout: float | None, title: str
) -> Result:
    if timeout is not None and timeout <= 0:
        raise ParameterError(f"timeout: must be more than 0 seconds, not {timeout}")
    if timeout is None:
        raw = _evaluate(store, text)
    elif path is not None:
        raw = _evaluate_in_child(path, text, timeout)
    else:
        raw = _evaluate_in_thread(store, text, timeout)
    if isinstance(raw, ox.QueryBoolean):
        return Result(columns=("ask",), rows=(), title=title, boolean=bool(raw))
    columns, rows = raw
    iris = {t.value for row in rows for t in row if isinstance(t, ox.NamedNode)}
    return Result(columns=columns, rows=rows, labels=labels(store, iris), title=title)


Raw = tuple[tuple[str, ...], tuple[Row, ...]] | ox.QueryBoolean


def _evaluate(store: ox.Store, text: str) -> Raw:
    try:
        results = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        return _materialise(results)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {_one_line(str(exc))}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"the query failed: {_one_line(str(exc))}") from None


def _materialise(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Raw:
    if isinstance(results, ox.QueryBoolean):
        return results
    if isinstance(results, ox.QueryTriples):
        return _triple_rows(results)
    columns = tuple(v.value for v in results.variables)
    rows = tuple(tuple(_plain(solution[c]) for c in columns) for solution in results)
    return columns, rows


def _triple_rows(triples: Iterable[ox.Triple | ox.Quad]) -> Raw:
    """CONSTRUCT and DESCRIBE answers as rows of three columns."""
    rows = tuple(tuple(_plain(x) for x in (t.subject, t.predicate, t.object)) for t in triples)
    return ("subject", "predicate", "object"), rows


def _plain(term: object) -> Term | None:
    return term if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal) else None


def _evaluate_in_thread(store: ox.Store, text: str, timeout: float) -> Raw:
    answers: queue.Queue[Raw | QueryError] = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            answers.put(_evaluate(store, text))
        except QueryError as exc:
            answers.put(exc)

    threading.Thread(target=work, name="ofsted-kg-query", daemon=True).start()
    try:
        answer = answers.get(timeout=timeout)
    except queue.Empty:
        raise QueryError(
            f"no answer within {timeout:g} s; gave up waiting (the query still runs in the"
            " background: pass a store path to have it stopped)"
        ) from None
    if isinstance(answer, QueryError):
        raise answer
    return answer


# The child process: pyoxigraph only (starts in ~0.1 s), the store opened read-only,
# results back as SPARQL JSON (or N-Triples for CONSTRUCT/DESCRIBE) on stdout.
_CHILD = """
import json, sys
import pyoxigraph as ox
request = json.load(sys.stdin)
store = ox.Store.read_only(request["store"])
try:
    results = store.query(request["query"], prefixes=request["prefixes"],
                          use_default_graph_as_union=True)
    out = sys.stdout.buffer
    if isinstance(results, ox.QueryTriples):
        out.write(b"graph\\n")
        results.serialize(out, format=ox.RdfFormat.N_TRIPLES)
    else:
        out.write(b"results\\n")
        results.serialize(out, format=ox.QueryResultsFormat.JSON)
except SyntaxError as exc:
    sys.stderr.write("SPARQL syntax error: " + str(exc))
    sys.exit(3)
except Exception as exc:
    sys.stderr.write("the query failed: " + str(exc))
    sys.exit(4)
"""


def _evaluate_in_child(path: Path, text: str, timeout: float) -> Raw:
    request = {"store": str(path / STORE_DATA), "query": text, "prefixes": PREFIXES}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = child.communicate(json.dumps(request).encode(), timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise QueryError(f"the query was stopped after {timeout:g} s (--timeout)") from None
    if child.returncode != 0:
        message = err.decode("utf-8", "replace").strip() or f"exit status {child.returncode}"
        raise QueryError(_one_line(message))
    kind, _, payload = out.partition(b"\n")
    if kind == b"graph":
        return _triple_rows(ox.parse(payload, format=ox.RdfFormat.N_TRIPLES))
    results = ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON)
    return _materialise(results)


def _one_line(text: str) -> str:
    return " ".join(text.split())
