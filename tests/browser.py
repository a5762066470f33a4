"""Headless chromium for the tests: Debian's browser, driven by playwright, offline.

Every test that opens HTML (views, entity pages, the static site, YASGUI) uses :func:`chromium`
and :class:`Tab`, so "nothing is fetched" and "no script error" are checked the same way
everywhere. scripts/install-test-deps.sh installs the browser (scripts/test.sh does).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def chromium() -> Iterator:
    """A launched headless chromium (a playwright Browser), closed afterwards."""
    if not CHROMIUM.exists():
        pytest.fail("chromium is missing: scripts/install-test-deps.sh installs it", pytrace=False)
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Tab:
    """One page open in the browser; requests that ``allowed`` refuses are blocked and noted.

    ``allowed``: a URL prefix (``"file://"`` for written files, the server's base URL) or a
    predicate on the URL. ``errors`` collects page errors and the console messages of the
    ``console`` kinds.
    """

    def __init__(
        self,
        browser,
        url: str | Path,
        allowed: str | Callable[[str], bool] = "file://",
        size: tuple[int, int] = (1200, 900),
        console: tuple[str, ...] = ("error",),
    ):
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self._allowed = allowed if callable(allowed) else (lambda u, prefix=allowed: u.startswith(prefix))
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type in console else None)
        self.page.goto(url.resolve().as_uri() if isinstance(url, Path) else url)

    def _route(self, route):
        if self._allowed(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def js(self, expression: str):
        # page.evaluate runs outside the page's Content-Security-Policy; wait_for_function would not
        return self.page.evaluate(expression)

    def wait(self, expression: str, timeout: float = 30.0):
        end = time.monotonic() + timeout
        while not self.js(f"!!({expression})"):
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {expression}; errors: {self.errors}")
            time.sleep(0.05)

    def close(self):
        self.page.close()
