"""The explorable network: the store drawn as one offline HTML page (vis-network via pyvis).

    render_html(store, path, ...)  → RenderReport   draw the store, filtered, to a page

The flow, one module per step: ``network`` reads the store into a networkx view, ``filters``
chooses what to draw, ``layout`` places it, ``page`` turns it into the page's data and
``render`` writes the page.  Importing this package is cheap (the CLI imports it on every
start): ``render_html`` and ``RenderReport`` load their modules, with networkx and numpy, on
first use, and pyvis (which imports IPython) only when a page is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsted_kg.viz.kinds import DEFAULT_MAX_NODES, KINDS

if TYPE_CHECKING:
    from ofsted_kg.viz.render import RenderReport, render_html

__all__ = ["DEFAULT_MAX_NODES", "KINDS", "RenderReport", "render_html"]


def __getattr__(name: str) -> Any:
    if name in {"RenderReport", "render_html"}:
        from ofsted_kg.viz import render

        return getattr(render, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
