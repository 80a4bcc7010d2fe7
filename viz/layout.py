"""Node positions computed in Python, so the page draws at once instead of simulating.

Why: vis-network's physics needs ~77 s to settle 1,000 nodes in headless Chromium here and
never settles 5,000 (TOOLCHAIN.md), and the canvas stays blank until it does.  With x/y
given and physics off, 5,000 nodes draw in under two seconds.

How: each connected component is laid out on its own (small ones by networkx's
Fruchterman-Reingold; large ones by the same force model with the repulsion computed on a
mesh by FFT, O(n + cells·log cells) per step and no SciPy needed), scaled so that a node's
nearest neighbour is typically ``SPACING`` pixels away, and the components are packed in
rows, largest first.  Nodes with no edge share one tidy grid.  The result depends only on
the graph and the seed, so a page is the same every time it is built.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

SPACING = 75.0
DENSE_LIMIT = 400
MESH_ITERATIONS = 150

Positions = dict[str, tuple[float, float]]


def compute_layout(graph: nx.Graph, *, seed: int = 7) -> Positions:
    """Screen positions (pixels, y down) for every node of ``graph``; edges are undirected."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from(sorted((u, v) if u <= v else (v, u) for u, v in graph.edges() if u != v))
    blocks: list[tuple[list[str], np.ndarray]] = []
    loners: list[str] = []
    for component in nx.connected_components(simple):
        nodes = sorted(component)
        if len(nodes) == 1:
            loners.extend(nodes)
        else:
            blocks.append((nodes, _component(simple.subgraph(nodes), nodes, seed)))
    blocks.sort(key=lambda b: (-len(b[0]), b[0][0]))
    if loners:
        blocks.append((sorted(loners), _grid(len(loners)) * 2))
    return _pack(blocks)


def _component(graph: nx.Graph, nodes: list[str], seed: int) -> np.ndarray:
    """Positions in units of the typical gap between neighbouring nodes."""
    if len(nodes) == 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    if len(nodes) <= DENSE_LIMIT:
        ordered = nx.Graph()
        ordered.add_nodes_from(nodes)
        ordered.add_edges_from(graph.edges())
        found = nx.spring_layout(ordered, seed=seed, iterations=100)
        pos = np.array([found[n] for n in nodes], dtype=float)
    else:
        pos = _mesh_forces(len(nodes), np.array(_pairs(graph, nodes), dtype=np.int64), seed)
    centred: np.ndarray = (pos - pos.mean(axis=0)) / _typical_gap(pos, seed)
    return centred


def _typical_gap(pos: np.ndarray, seed: int, sample: int = 800) -> float:
    """Median distance from a node to its nearest neighbour (on a sample of nodes).

    Scaling by this, not by edge length, is what keeps labels apart: in a graph with hubs
    the edges to the hub are long while the leaves around a body sit close together.
    """
    rng = np.random.default_rng(seed)
    picked = rng.choice(len(pos), size=min(sample, len(pos)), replace=False)
    gaps = np.empty(len(picked))
    for i, row in enumerate(picked):
        d = np.hypot(*(pos - pos[row]).T)
        d[row] = np.inf
        gaps[i] = d.min()
    typical = float(np.median(gaps))
    return typical if typical > 1e-9 else 1.0


def _pairs(graph: nx.Graph, nodes: list[str]) -> list[tuple[int, int]]:
    index = {n: i for i, n in enumerate(nodes)}
    return [(index[u], index[v]) for u, v in graph.edges()]


def _mesh_forces(n: int, edges: np.ndarray, seed: int) -> np.ndarray:
    """Fruchterman-Reingold with repulsion computed on a mesh (particle-mesh).

    Each step bins the nodes into a grid, convolves the counts with the repulsion kernel
    r/|r|² by FFT (zero-padded, so nothing wraps round) and reads every node's push from its
    cell; nodes that share a cell push each other exactly.  Springs pull along edges.  The
    cost per step is O(n + cells·log cells) instead of O(n²); ideal edge length is 1.
    """
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.random((n, 2)) * side
    cells = int(min(256, max(32, 2 ** math.ceil(math.log2(side)))))
    offsets = np.fft.fftfreq(2 * cells, 1.0 / (2 * cells))
    ax, ay = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = ax**2 + ay**2
    r2[0, 0] = np.inf
    # The kernel for cell size h is the unit-cell kernel divided by h: transform it once.
    kernel_x, kernel_y = np.fft.rfft2(ax / r2), np.fft.rfft2(ay / r2)
    temperature = side / 8
    cooling = temperature / (MESH_ITERATIONS + 1)
    src, dst = edges[:, 0], edges[:, 1]
    for _ in range(MESH_ITERATIONS):
        lo = pos.min(axis=0)
        h = float((pos.max(axis=0) - lo).max()) / cells + 1e-9
        cell = np.minimum(((pos - lo) / h).astype(np.int64), cells - 1)
        mass = np.zeros((2 * cells, 2 * cells))
        np.add.at(mass, (cell[:, 0], cell[:, 1]), 1.0)
        spectrum = np.fft.rfft2(mass) / h
        fx = np.fft.irfft2(spectrum * kernel_x, s=mass.shape)
        fy = np.fft.irfft2(spectrum * kernel_y, s=mass.shape)
        push = np.stack([fx[cell[:, 0], cell[:, 1]], fy[cell[:, 0], cell[:, 1]]], axis=1)
        push += _same_cell_push(pos, cell[:, 0] * cells + cell[:, 1])
        delta = pos[src] - pos[dst]
        pull = delta * np.linalg.norm(delta, axis=1)[:, None]
        for axis in (0, 1):
            push[:, axis] += np.bincount(dst, pull[:, axis], n) - np.bincount(src, pull[:, axis], n)
        length = np.linalg.norm(push, axis=1) + 1e-9
        pos += push * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return pos


def _same_cell_push(pos: np.ndarray, flat: np.ndarray, window: int = 8) -> np.ndarray:
    """Exact repulsion between nodes that share a mesh cell (the mesh cannot see them)."""
    order = np.argsort(flat, kind="stable")
    sorted_pos, sorted_cell = pos[order], flat[order]
    push = np.zeros_like(pos)
    for step in range(1, window + 1):
        same = sorted_cell[step:] == sorted_cell[:-step]
        if not same.any():
            break
        i, j = order[step:][same], order[:-step][same]
        d = sorted_pos[step:][same] - sorted_pos[:-step][same]
        f = d / ((d**2).sum(axis=1) + 1e-4)[:, None]
        np.add.at(push, i, f)
        np.add.at(push, j, -f)
    return push


def _grid(count: int) -> np.ndarray:
    columns = max(1, math.ceil(math.sqrt(count)))
    return np.array([(i % columns, i // columns) for i in range(count)], dtype=float)


def _pack(blocks: list[tuple[list[str], np.ndarray]]) -> Positions:
    """Shelf packing: blocks left to right in rows no wider than the widest block or the
    square root of the total area, whichever is larger."""
    gap = 1.5
    shifted: list[tuple[list[str], np.ndarray, float, float]] = []
    for nodes, pos in blocks:
        pos = pos - pos.min(axis=0)
        width, height = (pos.max(axis=0) if len(pos) else np.zeros(2)).tolist()
        shifted.append((nodes, pos, width, height))
    area = sum((w + gap) * (h + gap) for _, _, w, h in shifted)
    row_width = max([math.sqrt(area) * 1.2] + [w for _, _, w, _ in shifted])
    out: Positions = {}
    x = y = row_height = 0.0
    for nodes, pos, width, height in shifted:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for node, (px, py) in zip(nodes, pos.tolist(), strict=True):
            out[node] = (round((x + px) * SPACING, 1), round((y + py) * SPACING, 1))
        x += width + gap
        row_height = max(row_height, height)
    return out
