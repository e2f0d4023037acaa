"""Every factual sentence of a hand-written page is registered in tests/claims.yaml with the fact it rests on.

A claim in the register names its source and carries the supporting quotation:
- `facts:<file> §<section>` — the project's fact files (../shared/facts/, outside the repository). The quotation is
  copied from there; where the folder is present (FACTS_DIR, or ../shared/facts beside the repository) it must be
  found in that file word for word.
- `code:<path>` — a file (or folder) of this repository; the quotation must be found in it, and the strings listed
  under `absent` must not (for claims such as "the deploy workflow runs no browser test").
- `dataset:<what>` with `columns` (`<dataset>/<resource>#<column>`) — each column must exist in datasets/; the
  quotation is the column's definition.

The tests check that (a) every fragment a claim registers is in its page, in both languages; (b) every sentence of a
hand-written page that states a fact (a number, a law or an article, a date, a body, or a claim about what is
required or what the site does) contains a registered fragment; (c) every number of such a sentence lies inside a
registered fragment whose quotation has that number (so "Điều 33" cannot stand where the source says "Điều 36");
(d) each quotation is non-empty and found in its source. Code blocks are not sentences; the column names they use
are registered as dataset claims. A sentence that the patterns take for a fact but that states none (a heading, an
instruction) is listed under `not_claims`, with why.
"""
from __future__ import annotations

import html
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "tests" / "claims.yaml"
FACTS = Path(os.environ.get("FACTS_DIR") or ROOT.parent / "shared" / "facts")

# The hand-written pages of the site, as Vietnamese → English twins.
TWINS = {f"docs/{name}.md": f"docs/{name}.en.md"
         for name in ("gioi-thieu", "quyen-rieng-tu", "bao-ve-tre-em", "du-lieu-mo", "phuong-phap")}
PAGES = [*TWINS, *TWINS.values(), "scripts/theme/material/overrides/404.html"]
# CONTRIBUTING.md mixes statements about the programme (registered here) with technical instructions (not facts
# about the programme); only its sentences that name a law, a body or a place are held to the register.
PROGRAMME_ONLY = ["CONTRIBUTING.md"]

# --- what makes a sentence state a fact -------------------------------------------------------------------------------
_LEGAL = (r"Luật|Nghị định|Quyết định|Kế hoạch|Nghị quyết|Công văn|Thông tư|Hiến pháp|Điều|khoản|pháp luật|"
          r"Law|Decree|Decision|Plan|Resolution|Official Letter|Constitution|Article|clause|the law")
_BODIES = (r"Bộ [A-ZĐ]|Bộ trưởng|Cục |Tổng cục|Sở [A-ZĐ]|Ủy ban|UBND|Quốc hội|Chính phủ|Thủ tướng|[Cc]ông an|"
           r"Ministry|Minister|Department|Committee|National Assembly|Government|[Pp]olice|UNICEF|GSO")
_PLACES = r"Ninh Thuận|Khánh Hòa|Bình Thuận|Việt Nam|Viet Nam|111"
_DATES = r"January|February|March|April|May|June|July|August|September|October|November|December"
_REQUIRES = (r"(?i:yêu cầu|quy định|bắt buộc|phải|cấm|giao|có thể|được phép|ẩn danh|nêu tên|miễn phí|"
             r"require|requires|asks|must|prohibit|can|may|allowed|anonymous|free\b)")
_SITE = (r"(?i:tự động|kiểm tra|kiểm thử|mỗi|mọi|luôn|không bao giờ|(?<!địa )chỉ(?![ -]tiêu)|từ chối|không gửi|"
         r"không có|không thu thập|automatic|check|test|each|every|always|never|only|refuse|no request|nothing|"
         r"collects no)")
FACTUAL = re.compile(rf"\d|\b(?:{_LEGAL}|{_BODIES}|{_PLACES}|{_DATES}|{_REQUIRES}|{_SITE})")
PROGRAMME = re.compile(rf"\b(?:{_LEGAL}|{_BODIES}|{_PLACES})")

NUMBER = re.compile(r"\d+(?:[.,_]\d+)*")


def canonical(number: str) -> str:
    """'12,5', '12.5' → '125'; '200.000', '200_000' → '200000'; '07' → '7' (a day or month written with a zero)."""
    digits = re.sub(r"[.,_]", "", number)
    return digits.lstrip("0") or "0"


def numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical) of every number in the text; a trailing '.' or ',' ends a sentence, not a number."""
    out = []
    for m in NUMBER.finditer(text):
        raw = m.group(0).rstrip(".,_")
        out.append((m.start(), m.start() + len(raw), canonical(raw)))
    return out


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


# --- pages as sentences -----------------------------------------------------------------------------------------------
def _inline(text: str, code_spans: bool = True) -> str:
    """Markdown and inline HTML of one block → the words a reader sees (code spans as written, or left out)."""
    code: list[str] = []
    text = re.sub(r"`([^`]*)`", lambda m: code.append(m.group(1)) or f"\x00{len(code) - 1}\x00", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)       # links and images: their text
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)            # autolinks: the address
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)                # inline HTML tags (<span lang="en">…</span>)
    text = text.replace("**", "").replace("\\", "")
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+)(?<!\s)\*(?![\w*])", r"\1", text)  # *emphasis*
    text = html.unescape(text)
    return normal(re.sub(r"\x00(\d+)\x00", lambda m: code[int(m.group(1))] if code_spans else "", text))


def _blocks_markdown(source: str) -> list[str]:
    blocks: list[str] = []
    front = re.match(r"---\n(.*?)\n---\n", source, re.S)
    if front:
        meta = yaml.safe_load(front.group(1)) or {}
        blocks += [str(meta[k]) for k in ("title", "description") if meta.get(k)]
        source = source[front.end():]
    source = re.sub(r"<!--.*?-->", "", source, flags=re.S)
    current: list[str] = []
    fence = None

    def flush():
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for line in source.splitlines():
        stripped = line.strip()
        if fence:                                                # inside fenced code: not sentences
            fence = None if stripped.startswith(fence) else fence
            continue
        if stripped.startswith(("```", "~~~")):
            flush()
            fence = stripped[:3]
            continue
        admonition = re.match(r'[!?]{3}\+?\s+\w+(?:\s+"(.*)")?', stripped)
        if not stripped:
            flush()
        elif admonition:
            flush()
            if admonition.group(1):
                blocks.append(admonition.group(1))
        elif re.fullmatch(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", stripped):
            continue                                             # a table's separator row
        elif stripped.startswith("|"):
            flush()
            blocks.append(" | ".join(c.strip() for c in stripped.strip("|").split("|")))
        elif re.match(r"(#{1,6}\s|[-*+]\s|\d+\.\s)", stripped):
            flush()
            current.append(re.sub(r"^(#{1,6}|[-*+]|\d+\.)\s+", "", stripped))
        else:
            current.append(stripped)
    flush()
    return blocks


def _blocks_template(source: str) -> list[str]:
    """The text of a Jinja/HTML template, block by block (its comments and expressions are not text)."""
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    source = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", "", source, flags=re.S)
    source = re.sub(r"</?(p|li|ul|ol|div|h[1-6]|section|article|aside|header|footer)\b[^>]*>", "\n\n", source)
    return [b for b in re.split(r"\n\s*\n", source) if b.strip()]


def sentences_of(source: str, template: bool = False, code_spans: bool = True) -> list[str]:
    out = []
    for block in (_blocks_template(source) if template else _blocks_markdown(source)):
        text = _inline(block, code_spans)
        start = 0
        for m in re.finditer(r"[.!?…]\s+", text):
            following = text[m.end():m.end() + 1]
            if following and not following.islower() and not following.isdigit():  # "Art. 21" goes on
                out.append(text[start:m.end()].strip())
                start = m.end()
        if text[start:].strip():
            out.append(text[start:].strip())
    return [s for s in out if s]


def sentences(rel: str) -> list[str]:
    """The sentences of a page; in CONTRIBUTING.md without its code spans (file names, columns, examples)."""
    return sentences_of((ROOT / rel).read_text(encoding="utf-8"), template=rel.endswith(".html"),
                        code_spans=rel not in PROGRAMME_ONLY)


# --- the register -----------------------------------------------------------------------------------------------------
@dataclass
class Claim:
    id: str
    source: str
    quote: str
    pages: dict[str, list[str]]
    columns: list[str]
    absent: list[str]

    @property
    def kind(self) -> str:
        return self.source.split(":", 1)[0]

    @property
    def target(self) -> str:
        """The file, folder or dataset resource the source names (before any ' §section')."""
        return self.source.split(":", 1)[1].split(" §")[0].strip()

    def quote_numbers(self) -> set[str]:
        return {n for _, _, n in numbers(self.quote)}


def _raw(path: Path = REGISTER) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def load_register(path: Path = REGISTER) -> list[Claim]:
    raw = _raw(path)
    out = []
    for item in raw.get("claims") or []:
        pages = {p: ([f] if isinstance(f, str) else list(f)) for p, f in (item.get("pages") or {}).items()}
        out.append(Claim(item["id"], item["source"], normal(str(item.get("quote") or "")), pages,
                         list(item.get("columns") or []), list(item.get("absent") or [])))
    return out


CLAIMS = load_register()
# Sentences that the patterns above take for facts but that state none (a heading, an instruction), each with why.
NOT_CLAIMS = [(n["page"], normal(n["text"]), n["why"]) for n in _raw().get("not_claims") or []]


def unsupported(sentence: str, claims: list[Claim], page: str) -> list[str]:
    """What is wrong with one factual sentence of `page`: no registered fragment in it, or a number outside every
    registered fragment whose quotation has that number. Empty: the sentence is supported."""
    spans = []
    for c in claims:
        for fragment in c.pages.get(page, []):
            fragment = normal(fragment)
            for m in re.finditer(re.escape(fragment), sentence):
                spans.append((m.start(), m.end(), c))
    if not spans:
        return [f"unregistered: {sentence!r}"]
    problems = []
    for start, end, number in numbers(sentence):
        if not any(s <= start and end <= e and number in c.quote_numbers() for s, e, c in spans):
            problems.append(f"number {sentence[start:end]!r} is in no registered fragment whose quotation has it: "
                            f"{sentence!r}")
    return problems


def check_page(rel: str, claims: list[Claim], pattern: re.Pattern = FACTUAL, source: str | None = None) -> list[str]:
    text = sentences(rel) if source is None else sentences_of(source, template=rel.endswith(".html"))
    exempt = {t for p, t, _ in NOT_CLAIMS if p == rel}
    problems = []
    for sentence in text:
        if pattern.search(sentence) and sentence not in exempt:
            problems += unsupported(sentence, claims, rel)
    return problems


# --- the tests --------------------------------------------------------------------------------------------------------
def test_register_is_well_formed():
    ids = [c.id for c in CLAIMS]
    assert len(ids) == len(set(ids)), "claim ids repeat"
    for c in CLAIMS:
        assert c.kind in ("facts", "code", "dataset"), (c.id, c.source)
        assert c.quote, f"{c.id}: a claim needs the quotation it rests on"
        assert c.pages, f"{c.id}: names no page"
        fragments = [f for fs in c.pages.values() for f in fs]
        assert all(isinstance(f, str) and f.strip() for f in fragments), f"{c.id}: a fragment is not text"
        assert set(c.pages) <= set(PAGES) | set(PROGRAMME_ONLY), (c.id, set(c.pages) - set(PAGES) - set(PROGRAMME_ONLY))
        if c.kind == "dataset":
            assert c.columns, f"{c.id}: a dataset claim names the columns it rests on"
            assert all(re.fullmatch(r"[\w-]+/[\w-]+#\w+", col) for col in c.columns), (c.id, c.columns)


def test_every_exempt_sentence_is_in_its_page_and_says_why():
    for page, text, why in NOT_CLAIMS:
        assert why.strip(), (page, text)
        assert text in sentences(page), f"not in {page} (remove it from not_claims): {text!r}"


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.id for c in CLAIMS])
def test_every_registered_fragment_is_in_its_page_and_has_its_numbers_in_the_quotation(claim):
    for page, fragments in claim.pages.items():
        text = sentences(page)
        for fragment in fragments:
            fragment = normal(fragment)
            assert any(fragment in s for s in text), \
                f"{claim.id}: not in {page} (or split across sentences): {fragment!r}"
            missing = {n for _, _, n in numbers(fragment)} - claim.quote_numbers()
            assert not missing, f"{claim.id}: {page} says {sorted(missing)}, which the quotation does not"


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.id for c in CLAIMS])
def test_twins_register_the_same_claims(claim):
    """The English page says what the Vietnamese one says: a claim of one twin is a claim of the other."""
    for vi, en in TWINS.items():
        assert (vi in claim.pages) == (en in claim.pages), f"{claim.id}: registered for only one of {vi}, {en}"


@pytest.mark.parametrize("page", PAGES)
def test_every_factual_sentence_is_registered_and_its_numbers_sourced(page):
    problems = check_page(page, CLAIMS)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("page", PROGRAMME_ONLY)
def test_statements_about_the_programme_are_registered(page):
    problems = check_page(page, CLAIMS, PROGRAMME)
    assert problems == [], "\n".join(problems)


def _repository_text(target: str) -> str:
    path = ROOT / target
    assert path.exists(), f"{target}: no such file or folder in the repository"
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in
                                                   (".py", ".yml", ".yaml", ".html", ".js", ".json", ".md", ".css"))
    return normal("\n".join(f.read_text(encoding="utf-8") for f in files))


@pytest.mark.parametrize("claim", [c for c in CLAIMS if c.kind == "code"], ids=lambda c: c.id)
def test_code_claims_quote_the_code(claim):
    text = _repository_text(claim.target)
    for part in claim.quote.split(" [...] "):
        assert normal(part) in text, f"{claim.id}: {claim.target} does not say {part!r}: check the page's claim"
    for string in claim.absent:
        assert string not in text, f"{claim.id}: {claim.target} now has {string!r}: the page's claim is no longer true"


def _columns(dataset: str, resource: str) -> set[str] | None:
    """The column names of one resource of a dataset; None when there is no such resource."""
    import json

    descriptor = json.loads((ROOT / "datasets" / dataset / "datapackage.json").read_text(encoding="utf-8"))
    for r in descriptor.get("resources", []):
        if r.get("name") == resource:
            return {f["name"] for f in r.get("schema", {}).get("fields", [])}
    return None


@pytest.mark.parametrize("claim", [c for c in CLAIMS if c.kind == "dataset"], ids=lambda c: c.id)
def test_dataset_claims_name_real_columns(claim):
    """The columns a page names (in its sentences and its code examples) are columns of the published data."""
    missing = []
    for ref in claim.columns:
        table, column = ref.split("#")
        dataset, resource = table.split("/")
        found = _columns(dataset, resource)
        if found is None or column not in found:
            missing.append(ref if found is not None else f"{ref} (no resource {dataset}/{resource})")
    assert not missing, f"{claim.id}: the page names columns the datasets do not have: {missing}"


def _facts_text(name: str) -> str:
    text = (FACTS / name).read_text(encoding="utf-8")
    return normal(text.replace("**", "").replace('""', '"'))


@pytest.mark.parametrize("claim", [c for c in CLAIMS if c.kind == "facts"], ids=lambda c: c.id)
def test_facts_claims_quote_the_facts_word_for_word(claim):
    if not FACTS.is_dir():
        pytest.skip(f"the fact files are not here ({FACTS}); the quotation itself is checked by the other tests")
    text = _facts_text(claim.target)
    for part in claim.quote.split(" [...] "):
        assert normal(part.replace("**", "")) in text, f"{claim.id}: not in {claim.target}: {part!r}"


# --- the checker itself bites -----------------------------------------------------------------------------------------
SAMPLE_QUOTE = ("Điều 36, khoản 1 — bodies, service providers and individuals posting a child's private information "
                "online must have the consent of the parent or carer and of the child aged 7 or over")
SAMPLE_FRAGMENT = "phải có sự đồng ý của cha, mẹ hoặc người chăm sóc và của trẻ từ đủ 7 tuổi trở lên (Điều 36, khoản 1)"
SAMPLE_REGISTER = [Claim("consent", "facts:programme-facts.md §4.2", SAMPLE_QUOTE, {"docs/x.md": [SAMPLE_FRAGMENT]},
                         [], [])]
SAMPLE_PAGE = """---
title: Quyền riêng tư
---

Đưa thông tin của trẻ lên mạng phải có sự đồng ý của cha, mẹ hoặc người chăm sóc và của trẻ từ đủ 7 tuổi trở lên
(Điều 36, khoản 1).
"""


def test_a_registered_sentence_passes():
    assert check_page("docs/x.md", SAMPLE_REGISTER, source=SAMPLE_PAGE) == []


@pytest.mark.parametrize("added", [
    "Bạn có thể không nêu tên khi gọi.",                                  # anonymity: a claim no fact supports
    "Bạn có thể báo tin mà không cần nêu tên.",
    "Hãy báo cho cơ quan có thẩm quyền (công an, Ủy ban nhân dân xã).",     # bodies the facts do not name
    "Trang web được kiểm tra tự động trong trình duyệt thật mỗi lần dựng trang.",
    "Chương trình yêu cầu xây dựng cơ sở dữ liệu theo dõi các chỉ tiêu.",
])
def test_an_unregistered_factual_sentence_fails(added):
    problems = check_page("docs/x.md", SAMPLE_REGISTER, source=SAMPLE_PAGE + "\n" + added + "\n")
    assert problems == [f"unregistered: {added!r}"]


def test_a_wrong_article_next_to_a_registered_fragment_fails():
    page = SAMPLE_PAGE.replace("(Điều 36, khoản 1).", "(Điều 36, khoản 1), như Điều 33 quy định.")
    problems = check_page("docs/x.md", SAMPLE_REGISTER, source=page)
    assert len(problems) == 1 and "number '33'" in problems[0]


def test_a_number_the_quotation_lacks_fails():
    register = [Claim("consent", "facts:x", SAMPLE_REGISTER[0].quote.replace("7 or over", "over"),
                      SAMPLE_REGISTER[0].pages, [], [])]
    problems = check_page("docs/x.md", register, source=SAMPLE_PAGE)
    assert len(problems) == 1 and "number '7'" in problems[0]


def test_sentences_ignore_code_and_markup_but_keep_front_matter_and_tables():
    page = ('---\ntitle: T\ndescription: Miễn phí, 24 giờ.\n---\n\n# Tiêu đề\n\n```python\nx = 1\n```\n\n'
            '| Kênh | Liên hệ |\n|---|---|\n| Zalo 111 | <https://zalo.me/1> |\n\n'
            '- **Một** câu `/data/<bảng>.csv`. Câu <span lang="en">hai</span> có [liên kết](a.md).\n')
    assert sentences_of(page) == ["T", "Miễn phí, 24 giờ.", "Tiêu đề", "Kênh | Liên hệ", "Zalo 111 | https://zalo.me/1",
                                  "Một câu /data/<bảng>.csv.", "Câu hai có liên kết."]


@pytest.mark.parametrize("raw, expected", [("12,5", "125"), ("12.5", "125"), ("590.467", "590467"),
                                           ("200_000", "200000"), ("07", "7"), ("0", "0")])
def test_numbers_compare_across_languages(raw, expected):
    assert canonical(raw) == expected
