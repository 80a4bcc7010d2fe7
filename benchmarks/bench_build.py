"""Build, export and query at scale: generated corpora of 50 / 200 / 800 documents plus the Ofsted CSV.

Prints, for each size: build seconds, documents per second, peak memory of the build, quads,
and against baselines measured in the same run:
- export: Oxigraph's Turtle writer vs rdflib's serialiser on the same triples;
- query: a 2-hop join with GROUP BY in Oxigraph vs rdflib's SPARQL engine on the same triples.

Run: .venv/bin/python benchmarks/bench_build.py [--sizes 50,200,800]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CSV = REPO / "corpus" / "data" / "ofsted_csc_ilacs_history.csv"
TWO_HOP = """
PREFIX okg: <https://w3id.org/ofsted-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?body (COUNT(DISTINCT ?person) AS ?people) (COUNT(DISTINCT ?i) AS ?inspections) WHERE {
  ?m org:organization ?body ; org:member ?person .
  ?i okg:inspectedBody ?body .
} GROUP BY ?body
"""

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from ofsted_kg.graph.build import build
start = time.perf_counter()
report = build([Path(sys.argv[1])], store=Path(sys.argv[2]), ofsted_csv=[Path(sys.argv[3])])
print(json.dumps({"seconds": time.perf_counter() - start, "quads": report.quads,
                  "docs": len(report.documents), "problems": len(report.problems),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(size: int, work: Path) -> dict[str, float]:
    import json

    from rdflib import Graph

    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus_generator import generate

    from ofsted_kg.graph.export import export
    from ofsted_kg.graph.store import open_store

    docs = work / f"docs{size}"
    generate(docs, size)
    store_path = work / f"store{size}"
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(docs), str(store_path), str(CSV)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    store = open_store(store_path)
    nt = work / f"g{size}.nt"
    export(store, "nt", nt, vocabulary=False)

    start = time.perf_counter()
    triples = export(store, "turtle", work / f"g{size}.ttl", vocabulary=False)
    figures["export_oxigraph_s"] = time.perf_counter() - start
    graph = Graph().parse(nt, format="nt")
    start = time.perf_counter()
    graph.serialize(work / f"g{size}.rdflib.ttl", format="turtle")
    figures["export_rdflib_s"] = time.perf_counter() - start
    figures["triples"] = triples

    start = time.perf_counter()
    ox_rows = len(list(store.query(TWO_HOP, use_default_graph_as_union=True)))
    figures["query_oxigraph_s"] = time.perf_counter() - start
    start = time.perf_counter()
    rdflib_rows = len(list(graph.query(TWO_HOP)))
    figures["query_rdflib_s"] = time.perf_counter() - start
    figures["query_rows_agree"] = float(ox_rows == rdflib_rows)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="50,200,800")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    print(
        f"{'docs':>5} {'build s':>8} {'docs/s':>7} {'peak MB':>8} {'quads':>8} {'ttl ox s':>9} {'ttl rdflib s':>12} "
        f"{'ratio':>6} {'2-hop ox s':>10} {'2-hop rdflib s':>14} {'ratio':>7} agree"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            f = measure(size, Path(tmp))
            print(
                f"{size:5d} {f['seconds']:8.2f} {size / f['seconds']:7.1f} {f['peak_mb']:8.0f} {f['quads']:8d} "
                f"{f['export_oxigraph_s']:9.3f} {f['export_rdflib_s']:12.2f} {f['export_rdflib_s'] / f['export_oxigraph_s']:6.0f}x "
                f"{f['query_oxigraph_s']:10.4f} {f['query_rdflib_s']:14.2f} {f['query_rdflib_s'] / max(f['query_oxigraph_s'], 1e-4):6.0f}x "
                f"{'yes' if f['query_rows_agree'] else 'NO'}",
                flush=True,
            )


if __name__ == "__main__":
    main()
