"""The theme's stylesheet, trimmed to the rules the built site can use.

Material for MkDocs ships one stylesheet (about 135 KB) for every feature it has: content tabs, code blocks,
annotations, blog posts, cookie consent, right-to-left scripts, a dark scheme, 38 admonition icons drawn as data URLs…
The site uses a few of them, and its visitors are often on phones and slow connections (issue 6: at most 250 KB for an
indicator page). After mkdocs has written the site, this step keeps a rule only if every class, id, element and
attribute its selector needs occurs somewhere in the built site: in a tag of an HTML page or in a script the pages
load (Material's bundle creates the search results, tooltips and so on from string literals, which count). It is the
method of PurgeCSS, on tokens, so it errs on the side of keeping: a word in a script keeps its rules, except the
words of the few parts of Material that its bundle only builds around markup the site does not have (GATES).
tests/browser/test_trimmed_stylesheet.py compares every element's computed style with and without the trimming.

Then custom properties that nothing reads any more (`--md-admonition-icon--bug: url(data:…)`) and keyframes that no
animation names are dropped. The trimmed file gets a new content-hashed name (a visitor's cache never mixes the two)
and every page is pointed at it. The source map, which no longer matches, is removed.

This runs on mkdocs' output, not inside mkdocs (no hook, mkdocs.yml stays plain): with another theme or engine there
is no `assets/stylesheets/main.*.min.css` and the step does nothing.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2 import ast

THEME_CSS = "assets/stylesheets/main.*.min.css"
_TAG = re.compile(rb"""<[A-Za-z](?:[^>"']|"[^"]*"|'[^']*')*>""")  # a '>' inside a quoted value does not end it
_WORD = re.compile(r"[\w-]+")
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
# Functional pseudo-classes: what is inside `:is()`/`:where()` needs one alternative present; inside `:not()`/`:has()`
# and the rest nothing is required (keeping a rule too many is harmless, dropping one in use is not).
_ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any"}
# At-rules whose block holds rules (trimmed recursively); others (@font-face, @page…) are kept as they are.
_GROUPING = {"media", "supports", "container", "layer", "document", "scope"}


# --- what the site uses ----------------------------------------------------------------------------------------------
_SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc=\"([^\"?#]+)")
_CONFIG = re.compile(rb'<script id="__config" type="application/json">(.*?)</script>', re.S)


def words_in(text: str) -> set[str]:
    return set(_WORD.findall(text))


@dataclass
class SiteWords:
    markup: set[str]     # words in the tags of the pages
    scripts: set[str]    # words in the scripts the pages load
    config: dict         # Material's page configuration (#__config): features, version, tags…


def site_words(site: Path) -> SiteWords:
    """Every word in a tag of an HTML page (element and attribute names, classes, ids, attribute values) and every
    word in the scripts the pages load (Material's bundle, the site's own); not in workers or libraries loaded later
    (lunr, vega), which draw nothing this stylesheet styles."""
    tag_text: set[bytes] = set()
    config: dict = {}
    for page in site.rglob("*.html"):
        html = page.read_bytes()
        tag_text.update(_TAG.findall(html))
        if not config and (found := _CONFIG.search(html)):
            config = json.loads(found.group(1))
    tags = b"\n".join(sorted(tag_text)).decode("utf-8", "replace")
    loaded = {src.rsplit("/", 1)[-1] for src in _SCRIPT_SRC.findall(tags)}
    scripts: set[str] = set()
    for script in sorted(site.rglob("*.js")):
        if script.name in loaded:
            scripts |= words_in(script.read_text(encoding="utf-8", errors="replace"))
    return SiteWords(words_in(tags), scripts, config)


# Parts of Material that its bundle builds only around something in the pages or the configuration. Their words are
# in the bundle whether or not the site uses them; they count only when the trigger is there.
GATES: dict[str, Callable[[SiteWords], bool]] = {
    "md-annotation": lambda w: "annotate" in w.markup          # code and list annotations (class "annotate",
    or "content.code.annotate" in w.config.get("features", []),  # or the feature for every code block)
    "md-code": lambda w: "pre" in w.markup,                    # code block buttons (<pre><code>)
    "tabbed-": lambda w: "tabbed-set" in w.markup,             # content tabs (pymdownx.tabbed)
    "md-source": lambda w: "md-source" in w.markup,            # repository facts (repo_url in mkdocs.yml)
    "md-version": lambda w: bool(w.config.get("version")),     # version selector (extra.version, mike)
    "md-tag": lambda w: bool(w.config.get("tags")) or "md-tag" in w.markup,  # the tags plugin
    "md-status": lambda w: "md-status" in w.markup,            # page status in the navigation
    "rtl": lambda w: "rtl" in w.markup,                        # right-to-left pages (<html dir="rtl">)
}


class Used:
    """Is a class, id, element or attribute word used? Yes if it is in the pages' markup, or in a script and not a
    part of Material the site does not have (GATES). A script's word ending in '--', '__' or '-' that it completes at
    run time (`md-tag--${type}`, `data-md-color-${name}`) counts for every word that starts with it."""

    def __init__(self, words: SiteWords):
        self.markup = words.markup
        self.scripts = words.scripts
        self.prefixes = tuple(sorted(t for t in words.scripts
                                     if t.endswith(("--", "__", "-")) and len(t) > 5 and t[0].isalpha()))
        self.absent = tuple(sorted(prefix for prefix, present in GATES.items() if not present(words)))

    def __call__(self, word: str) -> bool:
        if word in self.markup:
            return True
        if self.absent and word.startswith(self.absent):
            return False
        return word in self.scripts or (bool(self.prefixes) and word.startswith(self.prefixes))


# --- selectors -------------------------------------------------------------------------------------------------------
def _split(tokens: list, separator: str = ",") -> list[list]:
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == separator:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _strip(tokens: list) -> list:
    start, end = 0, len(tokens)
    while start < end and tokens[start].type in ("whitespace", "comment"):
        start += 1
    while end > start and tokens[end - 1].type in ("whitespace", "comment"):
        end -= 1
    return tokens[start:end]


def _attribute_words(block: ast.SquareBracketsBlock) -> list[str]:
    """[data-md-toggle=search] needs 'data-md-toggle' and 'search', [href="#top"] 'href' and 'top'; [href^=http]
    only the name (a partial value)."""
    parts = [t for t in block.content if t.type != "whitespace"]
    words = [parts[0].value] if parts and parts[0].type == "ident" else []
    exact = len(parts) >= 3 and parts[1].type == "literal" and parts[1].value == "="
    if exact and parts[2].type in ("ident", "string"):
        words.extend(sorted(words_in(parts[2].value)))
    return words


def selector_possible(tokens: list, used: Used) -> bool:
    """Could this complex selector match an element of the site? Every word it needs must be used."""
    previous = None
    for token in tokens:
        after = previous.value if previous is not None and previous.type == "literal" else None
        if token.type == "ident":
            if after == "." and not used(token.value):
                return False
            if after not in (".", ":", "::") and not used(token.value.lower()):  # an element name
                return False
        elif token.type == "hash" and not used(token.value):
            return False
        elif token.type == "[] block" and not all(used(word) for word in _attribute_words(token)):
            return False
        elif token.type == "function" and token.lower_name in _ANY_OF:
            if not any(selector_possible(_strip(part), used) for part in _split(token.arguments)):
                return False
        previous = token
    return True


# --- rules -----------------------------------------------------------------------------------------------------------
class Group:
    """A grouping at-rule (@media, @supports…) with its rules parsed."""
    type = "group"

    def __init__(self, rule: ast.AtRule, rules: list):
        self.rule, self.rules = rule, rules

    def serialize(self) -> str:
        inner = "".join(r.serialize() for r in self.rules)
        return f"@{self.rule.at_keyword}{tinycss2.serialize(self.rule.prelude)}{{{inner}}}"


def _trim_rules(rules: list, used: Used) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in map(_strip, _split(rule.prelude)) if selector_possible(s, used)]
            if selectors:
                comma = [ast.LiteralToken(0, 0, ",")]
                rule.prelude = [t for i, s in enumerate(selectors) for t in (comma if i else []) + s]
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content is not None:
            inner = _trim_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                kept.append(Group(rule, inner))
        elif rule.type == "at-rule":
            kept.append(rule)
    return kept


def _walk(rules: list):
    for rule in rules:
        if isinstance(rule, Group):
            yield from _walk(rule.rules)
        else:
            yield rule


def _remove(rules: list, drop: set[int]) -> list:
    kept = []
    for rule in rules:
        if isinstance(rule, Group):
            rule.rules = _remove(rule.rules, drop)
            if rule.rules:
                kept.append(rule)
        elif id(rule) not in drop:
            kept.append(rule)
    return kept


def _serialize(rules: list) -> str:
    return "".join(rule.serialize() for rule in rules)


def _keyframes_name(rule: ast.AtRule) -> str:
    return "".join(t.value for t in rule.prelude if t.type in ("ident", "string"))


def _drop_unused(rules: list, outside: str) -> list:
    """Drop custom properties nothing reads and keyframes no animation names; repeat, because what was dropped may
    have been the only reader of another."""
    while True:
        text = _serialize(rules) + outside
        read = set(_VAR_USE.findall(text))
        count = Counter(_WORD.findall(text))
        changed, drop = False, set()
        for rule in _walk(rules):
            if rule.type == "qualified-rule":
                declarations = [d for d in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                          skip_whitespace=True)
                                if d.type == "declaration"]
                keep = [d for d in declarations if not (d.name.startswith("--") and d.name not in read)]
                if not keep:
                    drop.add(id(rule))
                elif len(keep) != len(declarations):
                    rule.content = tinycss2.parse_component_value_list(";".join(
                        f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
                        for d in keep))
                    changed = True
            elif rule.type == "at-rule" and rule.lower_at_keyword.endswith("keyframes") \
                    and count[_keyframes_name(rule)] < 2:  # its own name, and an animation that uses it
                drop.add(id(rule))
        if drop:
            rules = _remove(rules, drop)
        elif not changed:
            return rules


def trim(css: str, words: SiteWords, outside: str = "") -> str:
    """The rules of `css` that can match an element of a site made of `words`. `outside` is the text of the site's
    other stylesheets and scripts, whose var(--…) references keep custom properties alive."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return _serialize(_drop_unused(_trim_rules(rules, Used(words)), outside))


# --- the site --------------------------------------------------------------------------------------------------------
def trim_site(site: Path) -> tuple[int, int] | None:
    """Trim the theme's stylesheet in a built site; returns (bytes before, bytes after), or None if the site has no
    such stylesheet (another theme)."""
    found = sorted(site.glob(THEME_CSS))
    if len(found) != 1:
        return None
    path = found[0]
    css = path.read_text(encoding="utf-8")
    outside = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                        for pattern in ("*.css", "*.js") for p in sorted(site.rglob(pattern)) if p != path)
    trimmed = trim(css, site_words(site), outside)
    new = path.with_name(f"main.{hashlib.sha256(trimmed.encode('utf-8')).hexdigest()[:8]}.min.css")
    new.write_text(trimmed, encoding="utf-8")
    old_ref, new_ref = path.name.encode(), new.name.encode()
    for page in site.rglob("*.html"):
        html = page.read_bytes()
        if old_ref in html:
            page.write_bytes(html.replace(old_ref, new_ref))
    if new != path:
        path.unlink()
    path.with_name(path.name + ".map").unlink(missing_ok=True)
    return len(css.encode("utf-8")), len(trimmed.encode("utf-8"))
