"""The theme overrides copy small parts of Material; when Material changes them (a new version), these say so,
rather than the site quietly running old code."""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from browsing import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-b")]

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "scripts" / "theme" / "material" / "overrides"
SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def inline_script(partial: str) -> str:
    scripts = SCRIPT.findall((MATERIAL / partial).read_text(encoding="utf-8"))
    assert scripts, f"Material's {partial} has no inline script any more: the override may be unnecessary"
    return scripts[-1]


def test_head_script_is_materials():
    stock = inline_script("partials/javascripts/base.html")
    ours = stock.replace('new URL("{{ config.extra.scope | d(base_url) }}",location)',
                         'new URL(document.currentScript.getAttribute("data-md-scope")||".",location)')
    assert ours != stock, "Material's head script no longer takes the scope from the template"
    assert ours in (OVERRIDES / "assets/javascripts/theme.js").read_text(encoding="utf-8"), \
        "Material's partials/javascripts/base.html changed: update scripts/theme/material/overrides/assets/javascripts/theme.js"


def test_content_script_is_materials():
    stock = inline_script("partials/javascripts/content.html")
    assert stock in (OVERRIDES / "assets/javascripts/theme-tabs.js").read_text(encoding="utf-8"), \
        "Material's partials/javascripts/content.html changed: update scripts/theme/material/overrides/assets/javascripts/theme-tabs.js"


def test_search_partial_is_materials_with_a_name():
    stock = (MATERIAL / "partials/search.html").read_text(encoding="utf-8")
    ours = (OVERRIDES / "partials/search.html").read_text(encoding="utf-8")
    strip = lambda text: re.sub(r"\{#-.*?-#\}\s*", "", text, count=1, flags=re.S)  # noqa: E731
    named = strip(stock).replace('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1)
    assert strip(ours) == named, "Material's partials/search.html changed: update scripts/theme/material/overrides/partials/search.html"



def test_palette_partial_is_left_out_only_while_there_is_no_palette():
    """Material's header includes partials/javascripts/palette.html (an inline script restoring a chosen colour
    scheme) even when mkdocs.yml sets no palette; the override leaves it empty. Should the site ever offer a palette
    toggle, the script is needed again (from a file: the Content-Security-Policy refuses inline scripts)."""
    import yaml

    header = (MATERIAL / "partials/header.html").read_text(encoding="utf-8")
    assert 'include "partials/javascripts/palette.html"' in header, "Material's header no longer includes it"
    ours = (OVERRIDES / "partials/javascripts/palette.html").read_text(encoding="utf-8")
    assert not re.sub(r"\{#-.*?-#\}", "", ours, flags=re.S).strip(), "the override should render nothing"
    theme = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["theme"]
    assert not theme.get("palette"), "mkdocs.yml sets a palette: scripts/theme/material/overrides/partials/javascripts/palette.html must go"
