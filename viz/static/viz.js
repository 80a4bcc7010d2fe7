/* The page script of `ofsted-kg viz`.
 *
 * Reads the graph from the JSON block #okg-data, draws it with vis-network, and adds the
 * find box, the kind toggles and the side panel.  Safety rule: text from the graph (names,
 * quotes, titles: all of it may come from a document) is only ever put in the page with
 * textContent, and links are made only for http(s) addresses, so markup in a document is
 * shown as text and never runs.
 *
 * For tests and benchmarks the page exposes window.okgViz: the vis DataSets, the network,
 * drawn() (nodes and edges vis is drawing now), stable / stableMs (when the layout settled,
 * in ms since navigation start) and select(id).
 */
"use strict";
(function () {
  const payload = JSON.parse(document.getElementById("okg-data").textContent);
  const nodes = new vis.DataSet(payload.nodes);
  const edges = new vis.DataSet(payload.edges);
  const docs = payload.documents;
  const kindLabels = Object.fromEntries(payload.legend.map((k) => [k.name, k.label]));
  const glyphs = {};
  document.querySelectorAll("#legend input[data-kind]").forEach((box) => {
    glyphs[box.dataset.kind] = box.parentElement.querySelector("svg");
  });
  const searchText = new Map(
    payload.nodes.map((n) => [n.id, [n.name].concat(n.names).join("\n").toLowerCase()])
  );

  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, payload.options);
  const progress = document.getElementById("progress");

  const state = {
    nodes: nodes,
    edges: edges,
    network: network,
    expected: payload.counts,
    stable: false,
    stableMs: null,
    drawn: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
    },
    select: select,
  };
  window.okgViz = state;

  function markStable() {
    if (state.stable) return;
    state.stable = true;
    state.stableMs = performance.now();
    progress.hidden = true;
    document.body.dataset.stable = "true";
    if (payload.focus && nodes.get(payload.focus)) select(payload.focus, false);
  }
  if (payload.physics) {
    network.on("stabilizationProgress", (p) => {
      progress.textContent = "Laying out… " + Math.round((100 * p.iterations) / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      lineUpUnconnected();
      network.fit();
      markStable();
    });
  } else {
    network.once("afterDrawing", markStable);
  }

  // Nodes with no edge take no part in the physics; once the rest has settled they are set
  // out in rows under it, instead of drifting to the edges of the canvas.
  function lineUpUnconnected() {
    const linked = new Set();
    edges.forEach((e) => {
      linked.add(e.from);
      linked.add(e.to);
    });
    const alone = nodes.getIds().filter((id) => !linked.has(id));
    const placed = nodes.getIds().filter((id) => linked.has(id));
    if (!alone.length || !placed.length) return;
    const at = network.getPositions(placed);
    const xs = placed.map((id) => at[id].x);
    const ys = placed.map((id) => at[id].y);
    const left = Math.min(...xs);
    const width = Math.max(Math.max(...xs) - left, 600);
    const columns = Math.max(1, Math.floor(width / 190));
    const top = Math.max(...ys) + 140;
    alone.sort().forEach((id, i) => {
      network.moveNode(id, left + (i % columns) * 190, top + Math.floor(i / columns) * 80);
    });
  }

  // ---------------------------------------------------------------- helpers
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function linkButton(text, onClick) {
    const b = el("button", "link", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }
  function kindLine(kind) {
    const p = el("p", "kindline");
    if (glyphs[kind]) p.append(glyphs[kind].cloneNode(true));
    p.append(document.createTextNode(kindLabels[kind] || kind));
    return p;
  }
  function docItem(id) {
    const d = docs[id];
    const li = el("li");
    if (!d) {
      li.textContent = id;
      return li;
    }
    li.append(d.drawn && nodes.get(id) ? linkButton(d.title, () => select(id)) : el("span", "doc", d.title));
    const meta = [d.date, d.kind, d.file].filter(Boolean).join(" · ");
    if (meta) li.append(el("div", "meta", meta));
    const url = safeUrl(d.url);
    if (url) {
      const a = el("a", null, "open the source");
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      li.append(a);
    }
    return li;
  }
  function quoteBlock(box, quotes) {
    for (const [text, doc] of quotes) {
      box.append(el("blockquote", null, text));
      const cite = el("p", "cite", "— ");
      const d = docs[doc];
      if (d && d.drawn && nodes.get(doc)) cite.append(linkButton(d.title, () => select(doc)));
      else cite.append(document.createTextNode(d ? d.title : doc));
      if (d && d.date) cite.append(document.createTextNode(" (" + d.date + ")"));
      box.append(cite);
    }
  }

  // ---------------------------------------------------------------- side panel
  const details = document.getElementById("details");
  function showNode(id) {
    const n = nodes.get(id);
    if (!n) return;
    details.replaceChildren();
    details.append(el("h2", null, n.name), kindLine(n.kind));
    const dl = el("dl");
    for (const [key, value] of n.facts) {
      if (key === "Kind") continue;
      dl.append(el("dt", null, key), el("dd", null, value));
    }
    details.append(dl);
    if (n.quotes.length) {
      details.append(el("h3", null, "Evidence"));
      quoteBlock(details, n.quotes);
    }
    const connected = network.getConnectedEdges(id).map((e) => edges.get(e)).filter(Boolean);
    if (connected.length) {
      details.append(el("h3", null, "Connections (" + connected.length + ")"));
      const ul = el("ul");
      connected.sort((a, b) => String(a.label).localeCompare(String(b.label)));
      for (const e of connected.slice(0, 200)) {
        const other = nodes.get(e.from === id ? e.to : e.from);
        if (!other) continue;
        const li = el("li");
        const words = e.from === id ? e.label + " → " : "← " + e.label + " ← ";
        li.append(document.createTextNode(words), linkButton(other.name, () => select(other.id)));
        ul.append(li);
      }
      details.append(ul);
    }
    if (n.docs.length) {
      details.append(el("h3", null, "Mentioned in (" + n.docs.length + ")"));
      const ul = el("ul");
      n.docs.forEach((d) => ul.append(docItem(d)));
      details.append(ul);
    }
    const url = safeUrl(n.url);
    if (url) {
      const a = el("a", null, "open the source");
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      details.append(a);
    }
  }
  function showEdge(id) {
    const e = edges.get(id);
    if (!e) return;
    const from = nodes.get(e.from);
    const to = nodes.get(e.to);
    details.replaceChildren();
    details.append(el("h2", null, e.label));
    const p = el("p", "kindline");
    p.append(
      linkButton(from.name, () => select(from.id)),
      document.createTextNode(" → " + e.label + " → "),
      linkButton(to.name, () => select(to.id))
    );
    details.append(p);
    if (e.quotes.length) {
      details.append(el("h3", null, "Evidence"));
      quoteBlock(details, e.quotes);
    }
  }
  function select(id, move) {
    if (!nodes.get(id)) return;
    network.selectNodes([id]);
    if (move !== false) network.focus(id, { scale: Math.max(network.getScale(), 0.9) });
    showNode(id);
  }
  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ---------------------------------------------------------------- find box
  const search = document.getElementById("search");
  const results = document.getElementById("results");
  let hits = [];
  function find() {
    const q = search.value.trim().toLowerCase();
    results.replaceChildren();
    hits = [];
    if (q.length < 2) return;
    for (const n of nodes.get({ filter: (n) => !n.hidden })) {
      const text = searchText.get(n.id) || "";
      if (text.includes(q)) hits.push(n);
      if (hits.length >= 50) break;
    }
    hits.sort((a, b) => String(a.name).length - String(b.name).length);
    if (!hits.length) results.append(el("li", "muted", "nothing drawn matches"));
    for (const n of hits.slice(0, 12)) {
      const li = el("li");
      const b = linkButton(n.name, () => {
        results.replaceChildren();
        select(n.id);
      });
      b.append(el("span", "muted", "  " + (kindLabels[n.kind] || n.kind)));
      li.append(b);
      results.append(li);
    }
  }
  search.addEventListener("input", find);
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && hits.length) {
      results.replaceChildren();
      select(hits[0].id);
    } else if (event.key === "Escape") {
      results.replaceChildren();
    }
  });

  // ---------------------------------------------------------------- kind toggles
  const shown = document.getElementById("shown");
  function countShown() {
    const d = state.drawn();
    shown.textContent = "Showing " + d.nodes + " of " + payload.nodes.length + " nodes and " +
      d.edges + " of " + payload.edges.length + " edges.";
  }
  document.querySelectorAll("#legend input[data-kind]").forEach((box) => {
    box.addEventListener("change", () => {
      const kind = box.dataset.kind;
      nodes.update(
        payload.nodes.filter((n) => n.kind === kind).map((n) => ({ id: n.id, hidden: !box.checked }))
      );
      countShown();
    });
  });
  network.once("afterDrawing", countShown);
})();
