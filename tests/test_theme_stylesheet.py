"""Trimming the theme's stylesheet to what the site uses (scripts/theme/material/stylesheet.py). The browser test
tests/browser/test_trimmed_stylesheet.py shows on the real site that nothing a visitor sees changes; these pin each
rule of the trimming on small stylesheets."""
from __future__ import annotations

import tinycss2

from scripts.theme.material.stylesheet import SiteWords, trim, trim_site, words_in


def words(markup="", scripts="", config=None) -> SiteWords:
    return SiteWords(words_in(markup), words_in(scripts), config or {})


def selectors(css: str) -> list[str]:
    """The selectors of every style rule, @media and the like included, in order."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        assert rule.type != "error", f"not valid CSS: {rule}"
        if rule.type == "qualified-rule":
            out.append(tinycss2.serialize(rule.prelude).strip())
        elif rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            out.extend(f"@{rule.lower_at_keyword} {s}" for s in selectors(tinycss2.serialize(rule.content)))
    return out


def test_a_rule_stays_when_its_classes_are_in_the_pages():
    css = ".a{color:red}.b{color:blue}.a .c{color:green}body{margin:0}"
    assert selectors(trim(css, words("a body"))) == [".a", "body"]


def test_a_selector_list_keeps_only_the_selectors_that_can_match():
    assert trim(".a,.b,.c{color:red}", words("a c")) == ".a,.c{color:red}"


def test_elements_ids_and_attributes_must_be_there_too():
    css = ".a kbd{x:1}.a table{x:2}#top{x:3}#gone{x:4}[data-level=\"1\"]{x:5}[data-level=\"2\"]{x:6}[href^=http]{x:7}"
    kept = selectors(trim(css, words('a table top data-level 1 href')))
    assert kept == [".a table", "#top", '[data-level="1"]', "[href^=http]"]


def test_pseudo_classes_and_elements_need_nothing():
    css = ".a:hover{x:1}.a::before{x:2}.a:not(.gone){x:3}:root{x:4}.a:focus-visible{x:5}"
    assert len(selectors(trim(css, words("a")))) == 5


def test_is_and_where_need_one_of_their_alternatives():
    css = ".a :is(.b,.c){x:1}.a :is(.d,.e){x:2}:where(.d,.b) .a{x:3}"
    assert selectors(trim(css, words("a b"))) == [".a :is(.b,.c)", ":where(.d,.b) .a"]


def test_classes_a_script_creates_count():
    css = ".md-search-result__meta{x:1}.md-dialog--shown{x:2}.md-other{x:3}"
    kept = selectors(trim(css, words(scripts='"md-search-result__meta" `md-dialog--${state}`')))
    assert kept == [".md-search-result__meta", ".md-dialog--shown"]


def test_parts_of_material_the_pages_do_not_have_are_dropped_even_if_the_bundle_names_them():
    css = ".md-annotation{x:1}.md-annotation__index{x:2}.tabbed-set{x:3}[dir=rtl] .a{x:4}.md-version{x:5}"
    bundle = "md-annotation md-annotation__index tabbed-set rtl md-version"
    assert selectors(trim(css, words("a", bundle))) == []
    with_them = words('<p class="a annotate tabbed-set" dir="rtl">', bundle, {"version": {"provider": "mike"}})
    assert len(selectors(trim(css, with_them))) == 5


def test_grouping_rules_are_trimmed_inside_and_dropped_when_empty():
    css = "@media screen{.a{x:1}.b{x:2}}@media print{.b{x:3}}@supports (display:grid){.a{x:4}}@font-face{font-family:f}"
    out = trim(css, words("a"))
    assert selectors(out) == ["@media .a", "@supports .a"]
    assert "print" not in out and "@font-face" in out


def test_custom_properties_nothing_reads_are_dropped_with_what_only_they_read():
    css = (":root{--used:1px;--unused:url(data:x);--only-for-unused:2px;--chain:var(--only-for-unused)}"
           ".a{margin:var(--used)}")
    out = trim(css, words("a"))
    assert "--used:1px" in out and ".a{margin:var(--used)}" in out
    assert "--unused" not in out and "--only-for-unused" not in out and "--chain" not in out


def test_custom_properties_read_by_the_sites_own_stylesheet_stay():
    out = trim(":root{--accent:red;--other:blue}", words(), outside=".x{color:var(--accent)}")
    assert "--accent:red" in out and "--other" not in out


def test_a_rule_left_without_declarations_goes():
    assert trim(":root{--unused:1}.a{x:1}", words("a")) == ".a{x:1}"


def test_keyframes_stay_only_while_an_animation_names_them():
    css = "@keyframes spin{0%{x:0}to{x:1}}@keyframes fade{0%{x:0}}.a{animation:spin 1s}.b{animation:fade 1s}"
    out = trim(css, words("a"))
    assert "@keyframes spin" in out and "fade" not in out


def test_trim_site_renames_the_stylesheet_points_every_page_at_it_and_removes_the_source_map(tmp_path):
    css_dir = tmp_path / "assets" / "stylesheets"
    css_dir.mkdir(parents=True)
    original = ".a{x:1}.unused{x:2}\n/*# sourceMappingURL=main.0123abcd.min.css.map*/"
    (css_dir / "main.0123abcd.min.css").write_text(original, encoding="utf-8")
    (css_dir / "main.0123abcd.min.css.map").write_text("{}", encoding="utf-8")
    page = '<link rel="stylesheet" href="{p}assets/stylesheets/main.0123abcd.min.css"><p class="a">x</p>'
    (tmp_path / "index.html").write_text(page.format(p=""), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text(page.format(p="../"), encoding="utf-8")

    before, after = trim_site(tmp_path)

    (new,) = css_dir.glob("*.css")
    assert new.name != "main.0123abcd.min.css" and new.read_text(encoding="utf-8") == ".a{x:1}"
    assert (before, after) == (len(original), len(".a{x:1}"))
    assert not list(css_dir.glob("*.map"))
    for html in (tmp_path / "index.html", tmp_path / "sub" / "index.html"):
        text = html.read_text(encoding="utf-8")
        assert new.name in text and "0123abcd" not in text


def test_trim_site_leaves_another_theme_alone(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    assert trim_site(tmp_path) is None


def test_exact_attribute_values_need_their_words_and_a_value_of_symbols_needs_none():
    css = '[href="#"]{x:1}[href="#top"]{x:2}[href="#gone"]{x:3}'
    assert selectors(trim(css, words('<a href="#top">'))) == ['[href="#"]', '[href="#top"]']


def test_annotations_count_when_the_feature_turns_them_on_for_every_code_block():
    css = ".md-annotation{x:1}"
    assert trim(css, words(scripts="md-annotation")) == ""
    assert trim(css, words(scripts="md-annotation", config={"features": ["content.code.annotate"]})) == css


def test_a_greater_than_sign_inside_an_attribute_does_not_hide_the_rest_of_the_tag(tmp_path):
    css_dir = tmp_path / "assets" / "stylesheets"
    css_dir.mkdir(parents=True)
    (css_dir / "main.0123abcd.min.css").write_text(".late{x:1}.never{x:2}", encoding="utf-8")
    (tmp_path / "index.html").write_text('<a title="1 > 0" class="late">x</a>', encoding="utf-8")
    trim_site(tmp_path)
    (new,) = css_dir.glob("*.css")
    assert new.read_text(encoding="utf-8") == ".late{x:1}"
