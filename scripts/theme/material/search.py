"""Material's search index, reworked after the engine: search without diacritics, one index per language."""
from __future__ import annotations

import json
import re
from pathlib import Path

from scripts.fmt import fold

INDEX = "search/search_index.json"
_WORD = re.compile(r"\w+", re.UNICODE)


def search_indexes(site: Path, langs: tuple[str, ...]) -> int | None:
    """Rework Material's search index (one, for every language); the number of entries, None if there is no index.

    - search finds Vietnamese typed without diacritics: each entry also carries the folded form of the words that
      have diacritics ('dưỡng' → 'duong'), so lunr matches either spelling;
    - each language gets its own index: search/search_index.json the pages of the default language (the first),
      <lang>/search/search_index.json those under <lang>/ (theme.js asks for the page's own). Results stay in the
      page's language, and each index is about half the size. Locations stay relative to the site's root."""
    index = site / INDEX
    if not index.is_file():
        return None
    data = json.loads(index.read_text(encoding="utf-8"))
    by_lang: dict[str, list] = {lang: [] for lang in langs}
    for doc in data.get("docs", []):
        source = f"{doc.get('title', '')} {doc.get('text', '')}"
        extra = sorted({fold(w) for w in _WORD.findall(source) if fold(w) != w})
        if extra:
            doc["text"] = f"{doc.get('text', '')} <span hidden>{' '.join(extra)}</span>"
        location = str(doc.get("location", ""))
        by_lang[next((lang for lang in langs[1:] if location.startswith(f"{lang}/")), langs[0])].append(doc)
    for lang, docs in by_lang.items():
        path = index if lang == langs[0] else site / lang / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({**data, "docs": docs}, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
                        encoding="utf-8")
    return len(data.get("docs", []))
