"""The network page in a real browser: headless Chromium driven by Playwright, network blocked.

Each page is opened from a file in a context that is offline and whose every request other
than the page itself is refused and recorded; a test fails on any console error, page error
or outside request.  The tests check that what vis-network draws equals the filtered graph,
that tooltips and the side panel show the evidence, that markup in a document stays text
(with the page's Content-Security-Policy switched off, so escaping alone must hold), and
that a 5,000-node page settles.  The corpus test also writes the README picture,
docs/network.png.

Skips, with the reason, only when no Chromium can be started here.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from ofsted_kg.graph.build import build
from ofsted_kg.graph.store import BUILD_GRAPH, ONTOLOGY_GRAPH, open_store
from ofsted_kg.ontology import ID, asset_path
from ofsted_kg.viz import render_html
from ofsted_kg.viz.dates import window
from ofsted_kg.viz.filters import select
from ofsted_kg.viz.kinds import parse_types
from ofsted_kg.viz.network import read_network
from ofsted_kg.viz.synthetic import fill_synthetic

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="python playwright is not installed"
)

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "viz"
SCREENSHOT = REPO / "docs" / "network.png"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=1">'


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def load_sample(store: ox.Store) -> None:
    for name in ("vocabulary.ttl", "schemes.ttl"):
        store.load(path=str(asset_path(name)), to_graph=ONTOLOGY_GRAPH)
    store.load(path=str(FIXTURES / "sample.ttl"), to_graph=ox.NamedNode(f"{ID}doc/sample"))
    store.load(path=str(FIXTURES / "build.ttl"), to_graph=BUILD_GRAPH)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium here (Debian: apt-get install -y chromium)")
    with sync_playwright() as driver:
        try:
            chromium = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            pytest.skip(f"Chromium at {executable} cannot start: {str(exc).splitlines()[0]}")
        yield chromium
        chromium.close()


@dataclass
class Visit:
    page: Page
    url: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def evaluate(self, script: str, arg: object = None) -> Any:
        return self.page.evaluate(script, arg)

    def check_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside


Opener = Callable[..., Visit]


@pytest.fixture
def visit(browser: Browser) -> Iterator[Opener]:
    contexts: list[BrowserContext] = []

    def open_page(path: Path, *, bypass_csp: bool = False, timeout_ms: int = 60_000) -> Visit:
        context = browser.new_context(
            offline=True, bypass_csp=bypass_csp, viewport={"width": 1400, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page=page, url=path.resolve().as_uri())

        def route(request_route: Route) -> None:
            if request_route.request.url == seen.url:
                request_route.continue_()
            else:
                seen.outside.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        page.on(
            "console",
            lambda m: seen.errors.append(m.text) if m.type in {"error", "warning"} else None,
        )
        page.on("pageerror", lambda e: seen.errors.append(f"page error: {e}"))
        page.goto(seen.url)
        page.wait_for_selector("body[data-stable=true]", state="attached", timeout=timeout_ms)
        return seen

    yield open_page
    for context in contexts:
        context.close()


def drawn(v: Visit) -> dict[str, int]:
    result: dict[str, int] = v.evaluate("() => window.okgViz.drawn()")
    return result


def datasets(v: Visit) -> list[int]:
    result: list[int] = v.evaluate("() => [okgViz.nodes.length, okgViz.edges.length]")
    return result


def hover(v: Visit, node: str) -> str:
    """Move the mouse onto a node and return the tooltip's text."""
    v.evaluate("(id) => okgViz.network.focus(id, {scale: 1.0})", node)
    x, y = v.evaluate(
        """(id) => {
            const p = okgViz.network.canvasToDOM(okgViz.network.getPositions([id])[id]);
            const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""",
        node,
    )
    v.page.mouse.move(x - 30, y - 30)
    v.page.mouse.move(x, y, steps=5)
    v.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    return str(v.evaluate("() => document.querySelector('div.vis-tooltip').innerText"))


def pwned(v: Visit) -> object:
    return v.evaluate("() => window.__pwned")


@pytest.fixture
def sample() -> ox.Store:
    store = ox.Store()
    load_sample(store)
    return store


def iri(local: str) -> str:
    return f"{ID}{local}"


# ---------------------------------------------------------------- the fixture graph
def test_the_page_draws_exactly_the_filtered_graph_offline(
    sample: ox.Store, visit: Opener, tmp_path: Path
) -> None:
    cases: dict[str, dict[str, Any]] = {
        "all": {},
        "focus": {"focus": "Alice Example", "hops": 2},
        "types": {"types": "person,org,document"},
        "dates": {"since": "2017", "until": "2021-12"},
    }
    for name, args in cases.items():
        report = render_html(sample, tmp_path / f"{name}.html", **args)
        expected = select(
            read_network(sample),
            focus=args.get("focus"),
            hops=args.get("hops", 2),
            types=parse_types(args.get("types")),
            window=window(args["since"], args["until"]) if "since" in args else None,
        ).graph
        v = visit(tmp_path / f"{name}.html")
        v.check_clean()
        assert drawn(v) == {
            "nodes": expected.number_of_nodes(),
            "edges": expected.number_of_edges(),
        }, name
        assert datasets(v) == [report.nodes, report.edges], name


def test_a_tooltip_shows_the_evidence_quote(
    sample: ox.Store, visit: Opener, tmp_path: Path
) -> None:
    render_html(sample, tmp_path / "page.html")
    quotes = sample.query(
        f"SELECT ?q WHERE {{ ?a oa:hasBody <{iri('inspection/ncc-2023')}> ; "
        "oa:hasTarget/oa:hasSelector/oa:exact ?q }",
        prefixes={"oa": "http://www.w3.org/ns/oa#"},
        use_default_graph_as_union=True,
    )
    assert isinstance(quotes, ox.QuerySolutions)
    [quote] = [row[0].value for row in quotes]
    v = visit(tmp_path / "page.html")
    text = hover(v, iri("inspection/ncc-2023"))
    assert quote in text
    v.check_clean()


def test_clicking_through_the_side_panel_reaches_the_evidence(
    sample: ox.Store, visit: Opener, tmp_path: Path
) -> None:
    render_html(sample, tmp_path / "page.html")
    v = visit(tmp_path / "page.html")
    v.evaluate("(id) => okgViz.select(id)", iri("person/alice-example"))
    panel = v.page.locator("#details")
    assert panel.locator("h2").inner_text() == "Alice Example"
    assert "Director of Children's Services" in panel.inner_text()
    assert (
        "Alice Example, Director of Children's Services at Northshire"
        in panel.locator("blockquote").first.inner_text()
    )
    panel.get_by_role("button", name="Northshire County Council").first.click()
    assert panel.locator("h2").inner_text() == "Northshire County Council"
    v.check_clean()


def test_find_box_and_kind_toggles(sample: ox.Store, visit: Opener, tmp_path: Path) -> None:
    report = render_html(sample, tmp_path / "page.html")
    v = visit(tmp_path / "page.html")
    v.page.fill("#search", "alice")
    assert "Alice Example" in v.page.locator("#results").inner_text()
    v.page.press("#search", "Enter")
    assert v.page.locator("#details h2").inner_text() == "Alice Example"

    graph = select(read_network(sample)).graph
    people = {n for n, k in graph.nodes(data="kind") if k == "person"}
    v.page.uncheck("#legend input[data-kind=person]")
    without = graph.copy()
    without.remove_nodes_from(people)
    assert drawn(v) == {"nodes": without.number_of_nodes(), "edges": without.number_of_edges()}
    v.page.check("#legend input[data-kind=person]")
    assert drawn(v) == {"nodes": report.nodes, "edges": report.edges}
    v.check_clean()


# ---------------------------------------------------------------- markup in documents
@pytest.mark.parametrize("bypass_csp", [True, False], ids=["escaping-only", "with-csp"])
def test_markup_in_the_fixture_is_shown_as_text_and_never_runs(
    sample: ox.Store, visit: Opener, tmp_path: Path, bypass_csp: bool
) -> None:
    render_html(sample, tmp_path / "page.html", types="all")
    v = visit(tmp_path / "page.html", bypass_csp=bypass_csp)
    mallory, finding, hostile = (
        iri("person/mallory"),
        iri("finding/sbc-2017-hostile"),
        iri("doc/hostile"),
    )
    assert XSS_SCRIPT in hover(v, mallory)
    for node in (mallory, finding, hostile):
        v.evaluate("(id) => okgViz.select(id)", node)
    v.evaluate("(id) => okgViz.select(id)", mallory)
    details = v.page.locator("#details")
    assert details.locator("h2").inner_text() == f"{XSS_SCRIPT}Mallory"
    assert XSS_IMG in details.inner_text()
    v.evaluate("(id) => okgViz.select(id)", finding)
    assert XSS_IMG in details.inner_text()
    assert (
        v.evaluate("() => document.querySelectorAll('main script, main img, #results img').length")
        == 0
    )
    assert v.evaluate("() => [...document.querySelectorAll('#details a')].map(a => a.href)") == []
    assert pwned(v) is None
    v.check_clean()


def test_markup_in_a_document_built_by_the_pipeline_never_runs(
    visit: Opener, tmp_path: Path
) -> None:
    text = (
        "Leeds City Council\n\nReport to Executive Board\n\n12 June 2023\n\n"
        "Subject: OFSTED INSPECTION OF LEEDS CITY COUNCIL LOCAL AUTHORITY CHILDREN'S SERVICES\n\n"
        "Report of: Jane Tester, Director of Children's Services\n\n"
        "1.1 A full inspection took place from 6 March 2023 to 17 March 2023 and judged "
        "services to be 'Good'.\n\n"
        "1.2 Ofsted found that the following areas need to improve:\n\n"
        f"- the response to domestic abuse {XSS_SCRIPT} and {XSS_IMG}.\n"
        "- consistency of written plans.\n"
    )
    source = tmp_path / "docs" / "hostile-report.txt"
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    report = build([source], store=tmp_path / "store")
    assert report.documents and not report.problems, report.problems
    render_html(tmp_path / "store", tmp_path / "page.html", types="all")
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    found = re.search(r'id="okg-data">(.*?)</script>', page, re.S)
    assert found is not None
    data = json.loads(found[1])
    carrying = [n for n in data["nodes"] if XSS_SCRIPT in json.dumps(n, ensure_ascii=False)]
    assert carrying, "the pipeline should carry the document's words into the page data"
    for bypass_csp in (True, False):
        v = visit(tmp_path / "page.html", bypass_csp=bypass_csp)
        for node in carrying:
            v.evaluate("(id) => okgViz.select(id)", node["id"])
            assert XSS_SCRIPT in v.page.locator("#details").inner_text()
            assert XSS_SCRIPT in hover(v, node["id"])
        assert pwned(v) is None
        v.check_clean()


# ---------------------------------------------------------------- scale
def test_a_5000_node_page_opens_and_settles(visit: Opener, tmp_path: Path) -> None:
    store = ox.Store()
    fill_synthetic(store, 5000)
    report = render_html(store, tmp_path / "big.html")
    v = visit(tmp_path / "big.html", timeout_ms=120_000)
    assert drawn(v) == {"nodes": report.nodes, "edges": report.edges}
    assert report.nodes == 5000
    assert v.evaluate("() => okgViz.stableMs") > 0
    v.check_clean()


# ---------------------------------------------------------------- the bundled corpus
def test_corpus_focus_page_and_the_readme_picture(
    built_store: Path, visit: Opener, tmp_path: Path
) -> None:
    report = render_html(built_store, tmp_path / "sue.html", focus="Sue Harrison", hops=2)
    expected = select(read_network(open_store(built_store)), focus="Sue Harrison", hops=2).graph
    v = visit(tmp_path / "sue.html")
    assert drawn(v) == {"nodes": expected.number_of_nodes(), "edges": expected.number_of_edges()}
    assert datasets(v) == [report.nodes, report.edges]
    assert v.page.locator("#details h2").inner_text() == "Sue Harrison"
    v.check_clean()

    render_html(built_store, tmp_path / "corpus.html")
    whole = visit(tmp_path / "corpus.html")
    whole.check_clean()
    [sue] = [n for n, d in expected.nodes(data=True) if d["label"] == "Sue Harrison"]
    whole.evaluate("(id) => okgViz.select(id, false)", sue)
    whole.evaluate("() => okgViz.network.fit()")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    whole.page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 20_000
