"""The build: validate → generate pages, charts and downloads into docs/ → mkdocs build --strict into a fresh
folder → switch site/ to it in one atomic step. Any failure publishes nothing and leaves the previous site intact.

site/ is a symbolic link to .site-builds/<build>; replacing a link is atomic (os.replace), so a build killed at any
moment leaves site/ pointing at the last complete build.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scripts import charts, downloads, feeds, pages, release_pages, releases, stylesheet, wording
from scripts.atomic import write_atomic
from scripts.fmt import fold
from scripts.model import Model, build_model, decide
from scripts.paths import CACHE, DOCS, GENERATED_DIRS, GENERATED_FILES, MKDOCS_YML, ROOT, SITE
from scripts.problems import ValidationFailed
from scripts.sdmx import outputs as sdmx_outputs
from scripts.validate import validate_datasets

log = logging.getLogger(__name__)
LANGS = ("vi", "en")
CODE_VERSION = "2"  # bump to invalidate the chart cache when chart code changes in a way its inputs do not show


class BuildFailed(Exception):
    """mkdocs or a generation step failed; nothing was published."""


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- generation ----------------------------------------------------------------------------------------------------
def _md(path: str, lang: str) -> str:
    return f"{path}{pages.SUFFIX[lang]}.md"


def updated_date(model: Model) -> str:
    dates = [str(c.get("date", "")) for c in pages.changelog_entries(model)]
    return max(dates) if dates else ""


def source_digest() -> str:
    """A hash of the code that makes the cached outputs: the scripts' own source and the versions of the libraries
    that write them (Altair the chart specs, pandas the CSV extracts). An output cached by other code is never
    reused."""
    import altair
    import pandas

    h = hashlib.sha256(f"altair {altair.__version__}, pandas {pandas.__version__}".encode("utf-8"))
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        h.update(path.relative_to(Path(__file__).parent).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return h.hexdigest()


def frame_digest(df) -> str:
    """A hash of a table's columns and every value in order (pandas' own row hashing: fast for millions of rows).
    Not the index labels: they are positions in the file, which a row added above shifts without changing a row."""
    import pandas as pd

    values = pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes() if len(df) else b""
    return hashlib.sha256(json.dumps([list(map(str, df.columns)), [str(t) for t in df.dtypes]]).encode("utf-8")
                          + values).hexdigest()


def areas_digest(model: Model) -> str:
    """The areas in their order (a code reused after the 2025 merger resolves by order)."""
    return hashlib.sha256(repr(model.areas).encode("utf-8")).hexdigest()


def chart_outputs(model: Model, jobs: int = 2, cache_root: Path = CACHE,
                  code: str = "") -> tuple[dict[str, bytes], dict[tuple[str, str], dict]]:
    """SVG, PNG and Vega-Lite JSON of every indicator chart in both languages and both layouts (charts.WIDE, the
    file names of old; charts.SMALL, "-small" added), rendered on `jobs` threads and cached by a hash of the spec, the
    renderer's version and CODE_VERSION (never by modification time). Each spec entry also gets the pixel size of
    its two SVGs, for the page to reserve their room."""
    import vl_convert as vlc

    specs: dict[tuple[str, str], dict] = {}
    shared = f"{code or source_digest()}|{frame_digest(model.measures)}|{areas_digest(model)}"
    for ind in model.indicators.values():
        rows = frame_digest(model.observations_for(ind.id))
        for lang in LANGS:
            # A spec is derived from the indicator (its targets included) and its rows, the measures, the areas and
            # the code: cached by a hash of all of them, so that a change elsewhere in the data does not derive it
            # again.
            make = lambda ind=ind, lang=lang: json.dumps(  # noqa: E731
                {"spec": charts.spec(model, ind, lang), "small": charts.small_spec(model, ind, lang)},
                ensure_ascii=False, sort_keys=True).encode("utf-8")
            both = json.loads(downloads.cached(f"chart-spec|{shared}|{rows}|{lang}|{ind!r}", make,
                                               cache_root / "chart-specs"))
            spec = both["spec"]
            if spec is not None:
                specs[(ind.id, lang)] = {"spec": spec, "small": both["small"], "description": spec.get("description", ""),
                                         "title": f"{ind.id}: {ind.name(lang)}"}
    cache = cache_root / "charts"
    cache.mkdir(parents=True, exist_ok=True)
    renderer = f"{vlc.__version__ if hasattr(vlc, '__version__') else ''}{vlc.get_vega_version()}"

    def render(job):
        key, layout = job
        item = specs[key]
        spec_json = json.dumps(item[layout], sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(f"{CODE_VERSION}|{renderer}|{key}|{item['title']}|{spec_json}".encode()).hexdigest()[:32]
        svg_path, png_path = cache / f"{digest}.svg", cache / f"{digest}.png"
        if svg_path.is_file() and png_path.is_file():
            return job, spec_json, svg_path.read_bytes(), png_path.read_bytes()
        svg = charts.render_svg(item[layout], key[1], item["title"], item["description"])
        png = vlc.svg_to_png(svg, scale=1.5)
        for path, data in ((svg_path, svg.encode("utf-8")), (png_path, png)):
            write_atomic(path, data)
        return job, spec_json, svg.encode("utf-8"), png

    files: dict[str, bytes] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for ((ind_id, lang), layout), spec_json, svg, png in pool.map(
                render, [(key, layout) for key in sorted(specs) for layout in ("spec", "small")]):
            name = f"bieu-do/{ind_id}-{lang}" + ("-small" if layout == "small" else "")
            files[f"{name}.svg"] = svg
            files[f"{name}.png"] = png
            files[f"{name}-vegalite.json"] = spec_json.encode("utf-8")
            specs[(ind_id, lang)][f"{layout}_size"] = charts.svg_size(svg)
    return files, specs


def generate(model: Model, jobs: int = 2, cache_root: Path = CACHE, history: bool = True) -> dict[str, bytes]:
    """Every generated file under docs/, by its path relative to docs/. `history`: read the releases from git (off
    only to measure what reading them costs, scripts/bench_releases.py)."""
    out: dict[str, bytes] = {}
    text = lambda path, content: out.__setitem__(path, content.encode("utf-8"))  # noqa: E731
    progress("Tính tiến độ các chỉ tiêu / computing progress")
    headlines = decide.decide_all(model)
    progress(f"Vẽ {len(model.indicators) * 2} biểu đồ / rendering charts")
    code = source_digest()
    chart_files, specs = chart_outputs(model, jobs, cache_root, code)
    out.update(chart_files)
    progress("Tạo tệp tải về / writing downloads")
    per_dataset = {name: downloads.dataset_files(ds, cache_root / "downloads") for name, ds in model.datasets.items()}
    for name, files in per_dataset.items():
        for fname, data in files.items():
            out[f"data/{name}/{fname}"] = data
    out["data/all-data.zip"] = downloads.all_data_zip(model.datasets, per_dataset)
    out.update(sdmx_outputs.files(model, cache_root, code))  # before the catalogue, which lists them
    found = read_releases(model, cache_root) if history else None
    out.update(feeds.outputs(model, release_pages.feed_summaries(found) if found else None))
    if found:
        out.update(release_pages.outputs(model, found, per_dataset, cache_root))
    out.update(indicator_extracts(model, cache_root, code))
    updated = updated_date(model)
    progress("Sinh trang / generating pages")
    for lang in LANGS:
        text(_md("index", lang), pages.home(model, lang, headlines))
        text(_md("moi-cap-nhat", lang), pages.updates(model, lang))
        text(_md("do-bao-phu", lang), pages.coverage(model, lang))
        text(_md("ma-loi", lang), pages.problem_codes(lang))
        text(_md("muc-tieu/index", lang), pages.goals_hub(model, lang))
        for goal in model.goals:
            text(_md(f"muc-tieu/{goal.id}", lang), pages.goal_page(model, goal, lang, headlines))
        text(_md("chi-so/index", lang), pages.indicators_hub(model, lang, headlines))
        for ind in model.indicators.values():
            chart = specs.get((ind.id, lang))
            description = wording.describe(model, headlines[ind.id], lang)
            text(_md(f"chi-so/{ind.id}", lang),
                 pages.indicator_page(model, ind, lang, headlines[ind.id], chart, updated, description))
            if chart:
                text(_md(f"bieu-do/{ind.id}", lang), pages.chart_page(ind, lang, description))
        text(_md("bo-du-lieu/index", lang), pages.datasets_hub(model, lang))
        for name in model.datasets:
            text(_md(f"bo-du-lieu/{name}", lang), pages.dataset_page(model, name, lang))
        text(_md("dia-ban/index", lang), pages.areas_hub(model, lang))
        for area in pages.area_pages_for(model):
            text(_md(f"dia-ban/{area.slug}", lang), pages.area_page(model, area, lang))
    out.update(excel_templates(model, cache_root))
    out["assets/vendor/vega-bundle.js"] = vega_bundle(cache_root)
    return out


def read_releases(model: Model, cache_root: Path = CACHE) -> releases.History:
    """Every dataset's releases from git history and what changed in each (issue 20); the notices printed."""
    progress("Đọc các phiên bản từ lịch sử git / reading releases from git history")
    history = releases.read_history(model, cache_root)
    for p in history.notices:
        progress(f"Lưu ý / notice [{p.code}] {p.where()}: {p.message}")
    return history


def indicator_extracts(model: Model, cache_root: Path = CACHE, code: str = "") -> dict[str, bytes]:
    """Each indicator's rows as a CSV (/data/chi-so/<id>.csv), cached by a hash of those rows and the code: a change
    to one indicator's data writes one extract again, not all."""
    out = {}
    code = code or source_digest()
    for ind in model.indicators.values():
        rows = feeds.indicator_rows(model, ind)
        out[f"data/chi-so/{ind.id}.csv"] = downloads.cached(f"indicator-csv|{code}|{frame_digest(rows)}",
                                                            lambda rows=rows: feeds.csv_bytes(rows),
                                                            cache_root / "downloads")
    return out


def excel_templates(model: Model, cache_root: Path = CACHE) -> dict[str, bytes]:
    """The Excel template of every dataset (pre-filled, with drop-down lists), at /mau-excel/<dataset>.xlsx."""
    import io
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    from scripts.excel import _FixedZip, build_template

    out = {}
    for name, ds in model.datasets.items():
        if not downloads.has_template(ds):
            continue
        def make(name=name, ds=ds):
            wb, problems = build_template(name, ds.folder.parent)
            if wb is None:
                raise BuildFailed(f"Excel template of {name}: {[p.code for p in problems]}")
            buffer = io.BytesIO()
            with _FixedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                ExcelWriter(wb, archive).write_data()
            return buffer.getvalue()

        # A template lists codes from other datasets too (areas, indicators): keyed on every dataset's content.
        recipe = json.dumps(["template", name, ds.descriptor, sorted((n, sorted(d.hashes.items()))
                                                                     for n, d in model.datasets.items())],
                            sort_keys=True, ensure_ascii=False)
        out[f"mau-excel/{name}.xlsx"] = downloads.cached(recipe, make, cache_root / "downloads")
    return out


def vega_bundle(cache_root: Path = CACHE) -> bytes:
    """vega, vega-lite and vega-embed in one file served by the site itself (never a CDN); cached."""
    import vl_convert as vlc

    path = cache_root / f"vega-bundle-{vlc.get_vega_version()}.js"
    if not path.is_file():
        write_atomic(path, vlc.javascript_bundle().encode("utf-8"))
    return path.read_bytes()


def write_generated(files: dict[str, bytes], docs: Path = DOCS) -> int:
    """Write what changed, delete generated files that are no longer produced. Returns files written."""
    written = 0
    wanted = {docs / p for p in files}
    for rel, data in files.items():
        path = docs / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        write_atomic(path, data)
        written += 1
    for d in GENERATED_DIRS:
        root = docs / d
        if root.is_dir():
            for path in sorted(root.rglob("*"), reverse=True):
                if path.is_file() and path not in wanted:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
    for name in GENERATED_FILES:
        path = docs / name
        if path.is_file() and path not in wanted:
            path.unlink()
    return written


# --- after mkdocs ----------------------------------------------------------------------------------------------------
_WORD = re.compile(r"\w+", re.UNICODE)


def search_indexes(site: Path) -> None:
    """Rework Material's search index (one, for every language):

    - search finds Vietnamese typed without diacritics: each entry also carries the folded form of the words that
      have diacritics ('dưỡng' → 'duong'), so lunr matches either spelling;
    - each language gets its own index: search/search_index.json the pages of the default language,
      <lang>/search/search_index.json those under <lang>/ (theme.js asks for the page's own). Results stay in the
      page's language, and each index is about half the size. Locations stay relative to the site's root."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    by_lang: dict[str, list] = {lang: [] for lang in LANGS}
    for doc in data.get("docs", []):
        source = f"{doc.get('title', '')} {doc.get('text', '')}"
        extra = sorted({fold(w) for w in _WORD.findall(source) if fold(w) != w})
        if extra:
            doc["text"] = f"{doc.get('text', '')} <span hidden>{' '.join(extra)}</span>"
        location = str(doc.get("location", ""))
        by_lang[next((lang for lang in LANGS[1:] if location.startswith(f"{lang}/")), LANGS[0])].append(doc)
    for lang, docs in by_lang.items():
        path = index if lang == LANGS[0] else site / lang / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({**data, "docs": docs}, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
                        encoding="utf-8")


def source_date_epoch(model: Model) -> str:
    """Reproducible builds: dates in the output (sitemap) come from the data's latest release, not the clock."""
    import datetime as dt

    latest = updated_date(model) or "2021-01-07"
    return str(int(dt.datetime.fromisoformat(latest).replace(tzinfo=dt.timezone.utc).timestamp()))


def run_mkdocs(out: Path, root: Path = ROOT, epoch: str | None = None) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if epoch and "SOURCE_DATE_EPOCH" not in os.environ:
        env["SOURCE_DATE_EPOCH"] = epoch
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / MKDOCS_YML.name), "-d", str(out)]
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        messages = "\n".join(line for line in (result.stderr + result.stdout).splitlines()
                             if line.strip() and not line.startswith(("INFO", "  - ")))
        raise BuildFailed(f"mkdocs build --strict:\n{messages[-4000:]}")


def publish(built: Path, site: Path = SITE) -> None:
    """Point site/ at the new build atomically; keep one previous build, remove older ones."""
    builds = built.parent
    if site.exists() and not site.is_symlink():  # a plain folder from elsewhere: move it aside first
        os.replace(site, builds / f"previous-{int(time.time())}")
    link = site.with_name(f".{site.name}.link-{os.getpid()}")
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(os.path.relpath(built, site.parent), link)
    os.replace(link, site)
    keep = {built.resolve()}
    for old in sorted(builds.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
        if old.resolve() in keep or _running_build(old):
            continue
        if len(keep) < 2 and not old.name.startswith("tmp-"):
            keep.add(old.resolve())
            continue
        shutil.rmtree(old, ignore_errors=True)


def _running_build(folder: Path) -> bool:
    """A tmp-<pid>-… folder of a build that is still running (left alone); a dead one's is removed."""
    parts = folder.name.split("-")
    if parts[0] != "tmp" or len(parts) < 2 or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return int(parts[1]) != os.getpid()


def build_site(site_dir: Path | None = None, min_count: int = 5, jobs: int = 2, root: Path = ROOT,
               datasets_dir: Path | None = None, max_bytes: int | None = None, timings: dict | None = None,
               history: bool = True) -> Path:
    """Build the site of the project at `root` (its datasets/, docs/ and mkdocs.yml) into site_dir (root/site).
    `timings`, if given, receives the seconds of each phase and the model (for benchmarks); `history`: see
    generate."""
    timings = {} if timings is None else timings
    clock = time.perf_counter()
    root = Path(root)
    site = Path(site_dir) if site_dir else root / SITE.name
    progress("Kiểm tra dữ liệu / validating")
    from scripts.validate import dataset_folders
    result = validate_datasets(dataset_folders(Path(datasets_dir) if datasets_dir else root / "datasets"),
                               min_count=min_count, cache=root / CACHE.name / "frictionless",
                               **({"max_bytes": max_bytes} if max_bytes else {}))
    if result.problems:
        raise ValidationFailed(result.problems)
    timings["validate"], clock = time.perf_counter() - clock, time.perf_counter()
    try:
        model = build_model(result.datasets)
        timings["model"], clock = time.perf_counter() - clock, time.perf_counter()
        files = generate(model, jobs, root / CACHE.name, history)
        written = write_generated(files, root / DOCS.name)
        timings["generate"], clock = time.perf_counter() - clock, time.perf_counter()
        timings["model_object"] = model
    except (KeyError, ValueError, TypeError, OSError, downloads.IntegrityError) as exc:
        log.exception("generation failed")
        raise BuildFailed(f"{type(exc).__name__}: {exc}") from exc
    progress(f"{len(files)} tệp sinh ra, {written} tệp thay đổi / files generated, changed")
    builds = site.parent / ".site-builds"
    builds.mkdir(exist_ok=True)
    tmp = builds / f"tmp-{os.getpid()}-{int(time.time() * 1000)}"
    progress("mkdocs build --strict")
    try:
        run_mkdocs(tmp, root, source_date_epoch(model))
        search_indexes(tmp)
        trimmed = stylesheet.trim_site(tmp)
        if trimmed:
            progress(f"CSS của giao diện / theme CSS: {trimmed[0] // 1024} KB → {trimmed[1] // 1024} KB")
        final = builds / hashlib.sha256(str(tmp).encode()).hexdigest()[:12]
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    publish(final, site)
    timings["mkdocs"] = time.perf_counter() - clock
    progress("Xong / done")
    return site
