"""Browser tests: Debian's Chromium, driven by Playwright (sync API), against the built site served on 127.0.0.1.

The site is the one `built_site` builds from the shipped datasets. One HTTP server and one Chromium per xdist worker;
every test opens its own browser context (fresh cache, cookies and storage) and closes it.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from browsing import CHROMIUM, CHROMIUM_ARGS, CSP_RECORDER, DESKTOP, PAGES, Recorder, Visit, body_size, goto


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def site(request) -> Path:
    """The built site: the shipped datasets built into a temporary copy of the project (`built_site`), or, to look at
    another build, the folder named by BROWSER_TEST_SITE (for example `BROWSER_TEST_SITE=site`)."""
    other = os.environ.get("BROWSER_TEST_SITE")
    if other:
        path = Path(other).resolve()
        assert (path / "index.html").is_file(), f"BROWSER_TEST_SITE={other}: no index.html there"
        return path
    return Path(request.getfixturevalue("built_site"))


@pytest.fixture(scope="session")
def base_url(site):
    """The built site over HTTP on 127.0.0.1, on a free port chosen by the system."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception:
        pw.stop()
        raise
    yield chromium
    chromium.close()
    pw.stop()


@pytest.fixture
def open_context(browser, base_url):
    """open_context(viewport=…, javascript=…, **options) → (context, Recorder): a fresh browser context whose
    requests, responses, console messages and page errors are recorded; closed after the test."""
    opened = []

    def make(viewport=DESKTOP, javascript=True, **options):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript, **options)
        context.set_default_timeout(15_000)
        recorder = Recorder(base_url)
        recorder.attach(context)
        if javascript:
            context.add_init_script(CSP_RECORDER)
        opened.append(context)
        return context, recorder

    yield make
    for context in opened:
        context.close()


@pytest.fixture(scope="session")
def tab(browser):
    """tab(viewport, javascript=True) → a page in a context kept for the whole session, one per combination.

    For tests about how pages render (layout, accessibility, screenshots): the cache stays warm from one page to
    the next, which makes them fast. Tests about what a page requests use `visit` or `open_context` (fresh caches).
    """
    pages = {}

    def get(viewport=DESKTOP, javascript=True):
        key = (viewport["width"], viewport["height"], javascript)
        if key not in pages:
            context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
            context.set_default_timeout(15_000)
            if javascript:
                context.add_init_script(CSP_RECORDER)
            pages[key] = context.new_page()
        return pages[key]

    yield get
    for page in pages.values():
        page.context.close()


@pytest.fixture(scope="session")
def visit(browser, base_url):
    """visit(name) → Visit of PAGES[name], opened once per test session (per xdist worker) and then closed."""
    cache: dict[str, Visit] = {}

    def get(name: str) -> Visit:
        if name not in cache:
            context = browser.new_context(viewport=DESKTOP)
            try:
                recorder = Recorder(base_url)
                recorder.attach(context)
                context.add_init_script(CSP_RECORDER)
                page = context.new_page()
                goto(page, base_url, PAGES[name], wait_network=True)
                csp = page.evaluate("() => window.__cspViolations")
                cache[name] = Visit(name, PAGES[name], list(recorder.requests),
                                    [(r.status, r.url, body_size(r)) for r in recorder.responses],
                                    recorder.foreign(), csp, recorder.csp_console(), list(recorder.page_errors))
            finally:
                context.close()
        return cache[name]

    return get
