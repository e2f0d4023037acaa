"""The Content-Security-Policy (scripts/theme/material/overrides/main.html): scripts come from the site itself only. No page needs more
(test_requests checks that no page type reports a violation), and script injected into a page does not run."""
from __future__ import annotations

import re

import pytest

from browsing import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-b")]

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
DATA_TYPES = ("application/json", "application/ld+json")


def policy(html: str) -> dict[str, list[str]]:
    found = META.findall(html)
    assert len(found) == 1, f"{len(found)} CSP meta tags"
    out = {}
    for part in found[0].split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_every_page_has_the_policy_and_no_inline_script(site):
    """All HTML pages, not only one of each type: the policy is there and strict, and nothing in the page would need
    'unsafe-inline' (every executable script has a src; JSON blocks are data, not scripts)."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    problems = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site)
        p = policy(html)
        if p.get("script-src") != ["'self'"] or p.get("default-src") != ["'self'"] or p.get("object-src") != ["'none'"]:
            problems.append((str(rel), "policy", p))
        head = html.split("</head>", 1)[0]
        if head.find('http-equiv="Content-Security-Policy"') > head.find("<script"):
            problems.append((str(rel), "the policy comes after the first script"))
        for attrs, body in SCRIPT.findall(html):
            kind = re.search(r'type="([^"]+)"', attrs)
            if "src=" not in attrs and body.strip() and not (kind and kind.group(1) in DATA_TYPES):
                problems.append((str(rel), "inline script", body.strip()[:80]))
        if re.search(r"<[a-z][^>]*\son[a-z]+=", html, re.I):
            problems.append((str(rel), "inline event handler"))
    assert not problems, problems[:10]


INJECTED = ('<script>window.__injected = "inline script ran";</script>'
            '<img src="data:," onload="window.__injected = \'inline handler ran\'" alt="">')


@pytest.mark.parametrize("name", ["indicator-vi", "home-en"])
def test_injected_inline_script_is_blocked(open_context, base_url, name):
    context, rec = open_context()
    page = context.new_page()
    url = base_url + PAGES[name]

    def inject(route):
        response = route.fetch()
        body = response.text().replace("</body>", INJECTED + "</body>", 1)
        assert INJECTED in body
        route.fulfill(response=response, body=body)

    page.route(url, inject)
    page.goto(url, wait_until="load")
    assert page.locator("html.js").count() == 1, "the site's own scripts did not run"
    assert page.evaluate("() => window.__injected") is None, "injected code ran"
    violations = page.evaluate("() => window.__cspViolations")
    directives = {v["directive"] for v in violations}
    assert {"script-src-elem", "script-src-attr"} <= directives, violations
    assert any("Content Security Policy" in text for _, text in rec.console), "Chromium reported no violation"


# A script from the site itself runs, but cannot turn text into code: the interactive charts use vega's expression
# interpreter, so no page needs 'unsafe-eval'.
PROBE = """window.__probe = {ran: true};
try { eval("6 * 7"); window.__probe.eval = "ran"; } catch (e) { window.__probe.eval = e.name; }
try { new Function("return 6 * 7")(); window.__probe.function = "ran"; } catch (e) { window.__probe.function = e.name; }
"""


@pytest.mark.parametrize("name", ["chart-vi", "indicator-en"])
def test_site_script_cannot_eval(open_context, base_url, name):
    context, _ = open_context()
    page = context.new_page()
    probe = base_url + "assets/javascripts/csp-probe.js"
    page.route(probe, lambda route: route.fulfill(status=200, content_type="text/javascript", body=PROBE))
    page.goto(base_url + PAGES[name], wait_until="load")
    page.evaluate("""src => new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = () => reject(new Error("probe not loaded"));
      document.head.appendChild(s);
    })""", probe)
    assert page.evaluate("() => window.__probe") == {"ran": True, "eval": "EvalError", "function": "EvalError"}
