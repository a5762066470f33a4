"""Node positions for large views, computed ahead so the browser can draw with physics off.

networkx's ``spring_layout`` needs about 100 s for 10k nodes on this machine, and a browser
simulating 10k nodes never settles. :func:`force_layout` is Fruchterman–Reingold with the
all-pairs repulsion computed on a grid by FFT (particle–mesh), so one step costs
O(n + m + G² log G) instead of O(n²): 10k nodes and 28k edges settle in a few seconds.
Disconnected parts are held together by a weak gravity toward the centre.

numpy is imported here only; without it :func:`force_layout` falls back to
:func:`spiral_layout`, a linear-time arrangement (breadth-first order on a sunflower spiral)
that keeps neighbours near each other.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable
from typing import Any

Positions = dict[Hashable, tuple[float, float]]

#: Distance between linked nodes in the returned coordinates (vis-network pixels at zoom 1).
EDGE_LENGTH = 60.0


def force_layout(graph: Any, *, iterations: int | None = None, seed: int = 1, scale: float = EDGE_LENGTH) -> Positions:
    """Positions for every node of a networkx graph (directed or not, multi or not).

    Each connected part is laid out on its own (force-directed, or rings around its hub when it
    has at most :data:`SMALL` nodes) and the parts are packed in rows, largest first.
    Deterministic for a given ``seed``. Returns ``{node: (x, y)}`` centred on the origin, with
    linked nodes about ``scale`` apart.
    """
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is a dependency; this keeps views working without it
        return spiral_layout(graph, scale=scale)
    import networkx as nx

    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    order = {node: i for i, node in enumerate(nodes)}
    parts = sorted((sorted(c, key=order.__getitem__) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), order[c[0]]))
    where: dict[Hashable, tuple[int, int]] = {}
    for p, part in enumerate(parts):
        for i, node in enumerate(part):
            where[node] = (p, i)
    part_edges: list[list[tuple[int, int]]] = [[] for _ in parts]
    for u, v in graph.edges():
        if u != v:
            pu, iu = where[u]
            part_edges[pu].append((iu, where[v][1]))
    pieces = []
    for p, part in enumerate(parts):
        if len(part) <= SMALL:
            pos = np.array(_rings(part, undirected), dtype=float).reshape(-1, 2)
        else:
            edges = np.array(part_edges[p], dtype=np.int64).reshape(-1, 2)
            pos = _fr(np, len(part), edges, iterations=iterations, seed=seed + p)
        pieces.append(pos - pos.min(axis=0))
    offsets = _pack([piece.max(axis=0) for piece in pieces])
    out: Positions = {}
    for part, piece, offset in zip(parts, pieces, offsets, strict=True):
        for node, (x, y) in zip(part, (piece + offset).tolist(), strict=True):
            out[node] = (x, y)
    cx = sum(x for x, _ in out.values()) / len(out)
    cy = sum(y for _, y in out.values()) / len(out)
    return {node: ((x - cx) * scale, (y - cy) * scale) for node, (x, y) in out.items()}


#: Connected parts up to this size are drawn as rings around their best-connected node.
SMALL = 40


def _rings(part: list, graph: Any) -> list[tuple[float, float]]:
    """A small part as concentric rings in breadth-first order from its best-connected node."""
    if len(part) == 1:
        return [(0.0, 0.0)]
    members = set(part)
    root = max(part, key=graph.degree)
    angle = {root: 0.0}
    rings: list[list] = [[root]]
    seen = {root}
    while True:
        ring = []
        for parent in rings[-1]:
            for nb in graph.neighbors(parent):
                if nb in members and nb not in seen:
                    seen.add(nb)
                    ring.append((angle[parent], nb))
        if not ring:
            break
        ring.sort(key=lambda item: item[0])
        rings.append([nb for _, nb in ring])
        for i, (_, nb) in enumerate(ring):
            angle[nb] = 2 * math.pi * i / len(ring)
    place = {root: (0.0, 0.0)}
    radius = 0.0
    for ring in rings[1:]:
        radius = max(radius + 1.0, len(ring) * 0.9 / (2 * math.pi))
        for nb in ring:
            place[nb] = (radius * math.cos(angle[nb]), radius * math.sin(angle[nb]))
    return [place[node] for node in part]


def _pack(sizes: list) -> list[tuple[float, float]]:
    """Offsets that put boxes of the given (width, height) in rows, biggest first, a gap apart."""
    gap = 1.5
    widths = [float(w) + gap for w, _ in sizes]
    heights = [float(h) + gap for _, h in sizes]
    row_width = max(max(widths), math.sqrt(sum(w * h for w, h in zip(widths, heights, strict=True))) * 1.2)
    offsets, x, y, row_height = [], 0.0, 0.0, 0.0
    for w, h in zip(widths, heights, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        offsets.append((x, y))
        x += w
        row_height = max(row_height, h)
    return offsets


def _fr(np, n: int, edges, *, iterations: int | None, seed: int):
    """Fruchterman–Reingold with ideal distance 1; repulsion exact for small n, on a grid above."""
    rng = np.random.default_rng(seed)
    if n == 1:
        return np.zeros((1, 2))
    if iterations is None:
        iterations = 300 if n <= 2000 else 200
        if n <= 300:
            iterations = 100 + n // 2
    radius = math.sqrt(n) * 0.6
    angle = rng.uniform(0, 2 * math.pi, n)
    r = radius * np.sqrt(rng.uniform(0, 1, n))
    pos = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    u, v = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    # ForceAtlas2's degree-weighted repulsion: a hub pushes harder, so its neighbours ring it at a
    # readable distance instead of piling up on it
    mass = 1.0 + np.bincount(np.concatenate([u, v]), minlength=n).astype(float) if len(u) else np.ones(n)
    mass = np.sqrt(mass)
    repel = _exact_repulsion if n <= 300 else _grid_repulsion(np, n)
    t0 = radius / 4
    for step in range(iterations):
        temperature = t0 * (1 - step / iterations) ** 1.5 + 0.02
        force = repel(np, pos, mass)
        if len(u):
            d = pos[v] - pos[u]
            dist = np.sqrt((d * d).sum(axis=1)) + 1e-9
            pull = d * dist[:, None]  # |f| = d² / k, k = 1
            force[:, 0] += np.bincount(u, pull[:, 0], n) - np.bincount(v, pull[:, 0], n)
            force[:, 1] += np.bincount(u, pull[:, 1], n) - np.bincount(v, pull[:, 1], n)
        force -= 0.01 * (pos - pos.mean(axis=0))  # a connected part needs no gravity; this only stops drift
        length = np.sqrt((force * force).sum(axis=1)) + 1e-9
        pos += force * (np.minimum(length, temperature) / length)[:, None]
    return pos


def _exact_repulsion(np, pos, mass):
    x, y = pos[:, 0], pos[:, 1]
    dx = x[:, None] - x[None, :]
    dy = y[:, None] - y[None, :]
    inv = dx * dx
    inv += dy * dy
    inv += 1e-4
    np.divide(mass[None, :], inv, out=inv)  # |f| = m_i m_j k² / d, k = 1
    np.fill_diagonal(inv, 0.0)
    return np.column_stack([(dx * inv).sum(axis=1), (dy * inv).sum(axis=1)]) * mass[:, None]


def _grid_repulsion(np, n: int):
    """Particle–mesh repulsion: deposit nodes on a G×G grid, convolve with k²·r/|r|² by FFT."""
    size = 128 if n <= 20000 else 256
    padded = 2 * size
    i = np.arange(padded)
    i = np.where(i < size, i, i - padded).astype(float)
    gx, gy = np.meshgrid(i, i, indexing="ij")
    r2 = gx * gx + gy * gy
    r2[0, 0] = np.inf
    kernel_x = np.fft.rfft2(gx / r2)
    kernel_y = np.fft.rfft2(gy / r2)

    def repel(np, pos, mass):
        low = pos.min(axis=0)
        extent = max(float((pos.max(axis=0) - low).max()), 1e-6)
        h = extent / (size - 2)
        cell = (pos - low) / h
        base = np.floor(cell).astype(np.int64)
        frac = cell - base
        base = np.clip(base, 0, size - 2)
        density = np.zeros(padded * padded)
        weights = (
            (1 - frac[:, 0]) * (1 - frac[:, 1]),
            frac[:, 0] * (1 - frac[:, 1]),
            (1 - frac[:, 0]) * frac[:, 1],
            frac[:, 0] * frac[:, 1],
        )
        offsets = ((0, 0), (1, 0), (0, 1), (1, 1))
        flat = []
        for (ox, oy), w in zip(offsets, weights, strict=True):
            idx = (base[:, 0] + ox) * padded + (base[:, 1] + oy)
            flat.append(idx)
            density += np.bincount(idx, w * mass, padded * padded)
        rho = np.fft.rfft2(density.reshape(padded, padded))
        field_x = np.fft.irfft2(rho * kernel_x, s=(padded, padded)).ravel()
        field_y = np.fft.irfft2(rho * kernel_y, s=(padded, padded)).ravel()
        fx = sum(field_x[idx] * w for idx, w in zip(flat, weights, strict=True))
        fy = sum(field_y[idx] * w for idx, w in zip(flat, weights, strict=True))
        return np.column_stack([fx, fy]) * (mass / h)[:, None]  # kernel in cell units: scale back to distance

    return repel


def spiral_layout(graph: Any, *, scale: float = EDGE_LENGTH) -> Positions:
    """Linear-time positions: nodes in breadth-first order along a sunflower spiral."""
    order: list[Hashable] = []
    seen: set[Hashable] = set()
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    for start in sorted(graph.nodes, key=lambda node: -undirected.degree(node)):
        if start in seen:
            continue
        seen.add(start)
        queue = deque([start])
        while queue:
            node = queue.popleft()
            order.append(node)
            for nb in undirected.neighbors(node):
                if nb not in seen:
                    seen.add(nb)
                    queue.append(nb)
    golden = math.pi * (3 - math.sqrt(5))
    return {
        node: (scale * math.sqrt(i) * math.cos(i * golden), scale * math.sqrt(i) * math.sin(i * golden)) for i, node in enumerate(order)
    }
