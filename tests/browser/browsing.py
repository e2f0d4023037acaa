"""Helpers for the browser tests: the page types, the Chromium set-up, and a recorder of what a browser context
asked the network for and was told."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}

# One page of every type, in Vietnamese (the default language, at /) and its English twin (under /en/).
PAGE_TYPES = {
    "home": "",
    "goal": "muc-tieu/1/",
    "indicator": "chi-so/4a/",
    "dataset": "bo-du-lieu/observations/",
    "area": "dia-ban/58-den-2025/",
    "coverage": "do-bao-phu/",
    "chart": "bieu-do/4a/",
    "child-protection": "bao-ve-tre-em/",
}
LANG_PREFIX = {"vi": "", "en": "en/"}
PAGES = {f"{kind}-{lang}": LANG_PREFIX[lang] + path for lang in LANG_PREFIX for kind, path in PAGE_TYPES.items()}

# Collects Content-Security-Policy violations in the page (init scripts are not subject to the page's policy).
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile,
                               line: e.lineNumber, sample: e.sample});
}, true);
"""


def kind_of(name: str) -> str:
    """'indicator-en' → 'indicator'."""
    return name.rsplit("-", 1)[0]


def lang_of(name: str) -> str:
    return name.rsplit("-", 1)[1]


# --- the data the site is built from ------------------------------------------------------------------------------
def read_csv(rel: str) -> list[dict[str, str]]:
    with open(ROOT / "datasets" / rel, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def indicator_ids() -> list[str]:
    return [row["indicator_id"] for row in read_csv("programme-targets/data/indicators.csv")]


# --- recording ----------------------------------------------------------------------------------------------------
@dataclass
class Recorder:
    """Everything a browser context asked for and was told, for assertions after the fact."""
    base_url: str
    requests: list[str] = field(default_factory=list)
    responses: list = field(default_factory=list)  # playwright Response objects
    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("response", lambda r: self.responses.append(r))
        context.on("page", self._page)

    def _page(self, page) -> None:
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def foreign(self) -> list[str]:
        """Requests to anywhere but the local server (data: and blob: URLs never leave the browser)."""
        here = urlsplit(self.base_url)
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if (parts.scheme, parts.netloc) != (here.scheme, here.netloc):
                out.append(url)
        return out

    def local_paths(self) -> list[str]:
        return [urlsplit(u).path for u in self.requests if u.startswith(self.base_url)]

    def failed(self) -> list[tuple[int, str]]:
        return [(r.status, r.url) for r in self.responses if r.status >= 400]

    def csp_console(self) -> list[str]:
        return [text for _, text in self.console if "Content Security Policy" in text]


@dataclass
class Visit:
    """A page opened once with JavaScript on at desktop size, in a fresh context, until the network was quiet."""
    name: str
    path: str
    requests: list[str]
    responses: list[tuple[int, str, int]]  # status, URL, body bytes
    foreign: list[str]
    csp: list[dict]
    csp_console: list[str]
    page_errors: list[str]

    def paths(self) -> list[str]:
        return [urlsplit(u).path for u in self.requests]

    def bytes_total(self) -> int:
        return sum(size for _, _, size in self.responses)

    def failed(self) -> list[tuple[int, str]]:
        return [(status, url) for status, url, _ in self.responses if status >= 400]


def body_size(response) -> int:
    """Bytes of a response body as sent (http.server sends Content-Length and never compresses)."""
    length = response.headers.get("content-length")
    if length is not None:
        return int(length)
    return len(response.body())


# --- pages --------------------------------------------------------------------------------------------------------
def settle(page) -> None:
    """Wait until the page is done: loaded, the interactive chart (if any) rendered or given up, and two animation
    frames later (ResizeObserver callbacks and Material's set-up have run)."""
    page.wait_for_load_state("load")
    scripted = page.evaluate("() => document.documentElement.classList.contains('js')")  # Material's bundle ran
    if scripted and page.locator(".vega-chart[data-spec]").count():
        page.wait_for_function(
            "() => [...document.querySelectorAll('.vega-chart[data-spec]')]"
            ".every(el => el.hasAttribute('data-rendered') || el.hasAttribute('data-failed'))", timeout=20_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def goto(page, base_url: str, path: str, *, wait_network: bool = False) -> None:
    response = page.goto(base_url + path, wait_until="load")
    assert response is not None and response.status == 200, f"/{path}: HTTP {response and response.status}"
    if wait_network:
        page.wait_for_load_state("networkidle")
    settle(page)


def scroll_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def sticking_out(page) -> list[str]:
    """For failure messages: elements reaching past the right edge of the viewport outside any scrolling box."""
    return page.evaluate("""() => {
      const out = [];
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (!(r.width > 0 && r.right > window.innerWidth + 0.5)) continue;
        let clipped = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) { clipped = true; break; }
        }
        if (!clipped) out.push(el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim()
          ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' → ' + Math.round(r.right) + 'px');
      }
      return out.slice(0, 10);
    }""")
