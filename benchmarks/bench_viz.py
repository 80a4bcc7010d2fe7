"""Benchmark of the network page: size, build time and time to a stable layout in Chromium.

For each size (default 100, 1,000 and 5,000 nodes) a synthetic graph in the store's shape
is rendered with ``render_html`` and opened in headless Chromium with the network blocked.
Reported per size: page bytes (and bytes per node), the Python time to read, filter, lay
out and write the page, and the browser's time from navigation start to a stable layout
(physics settled for small graphs, first complete drawing for pre-computed ones), best of
``--repeat`` loads.  Ratios are against the smallest size measured in the same run.

    .venv/bin/python benchmarks/bench_viz.py [--sizes 100,1000,5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from playwright.sync_api import Route, sync_playwright

from ofsted_kg.viz import render_html
from ofsted_kg.viz.synthetic import fill_synthetic

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Row:
    nodes: int
    edges: int
    page_bytes: int
    render_s: float
    stable_ms: list[float]
    layout: str

    @property
    def best_ms(self) -> float:
        return min(self.stable_ms)


def _only(url: str, outside: list[str]) -> Callable[[Route], None]:
    """A route handler that lets the page itself load and refuses (and records) the rest."""

    def handle(route: Route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    return handle


def measure(sizes: list[int], repeat: int, chromium: str) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for size in sizes:
            store = ox.Store()
            fill_synthetic(store, size)
            page_path = Path(tmp) / f"net-{size}.html"
            started = time.perf_counter()
            report = render_html(store, page_path)
            render_s = time.perf_counter() - started
            times = []
            for _ in range(repeat):
                context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
                page = context.new_page()
                outside: list[str] = []
                url = page_path.resolve().as_uri()
                page.route("**/*", _only(url, outside))
                page.goto(url)
                page.wait_for_selector("body[data-stable=true]", state="attached", timeout=600_000)
                times.append(float(page.evaluate("() => okgViz.stableMs")))
                drawn = page.evaluate("() => okgViz.drawn()")
                if drawn != {"nodes": report.nodes, "edges": report.edges} or outside:
                    raise SystemExit(
                        f"{size}: drew {drawn}, expected {report.nodes}/{report.edges}; outside {outside}"
                    )
                context.close()
            rows.append(
                Row(report.nodes, report.edges, report.page_bytes, render_s, times, report.layout)
            )
        browser.close()
    return rows


def table(rows: list[Row]) -> str:
    base = rows[0]
    lines = [
        "| nodes | edges | page | bytes/node | render (Python) | stable in Chromium (best; median) | layout |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.nodes:,} | {r.edges:,} | {r.page_bytes / 1024:,.0f} KB | {r.page_bytes / r.nodes:,.0f} | "
            f"{r.render_s:.2f} s | {r.best_ms / 1000:.2f} s; {statistics.median(r.stable_ms) / 1000:.2f} s | "
            f"{r.layout} |"
        )
    lines.append("")
    for r in rows[1:]:
        lines.append(
            f"{r.nodes:,} vs {base.nodes:,} nodes (×{r.nodes / base.nodes:.0f}): page ×{r.page_bytes / base.page_bytes:.1f}, "
            f"render ×{r.render_s / base.render_s:.1f}, stable ×{r.best_ms / base.best_ms:.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no Chromium found (Debian: apt-get install -y chromium)", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = measure(sizes, args.repeat, chromium)
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
