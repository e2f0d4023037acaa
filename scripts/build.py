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
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scripts import (atom, blob, cache, catalog, charts, downloads, engine, extracts, manifest, pages, release_pages,
                     releases, routes, theme, wording)
from scripts.atomic import write_atomic
from scripts.context import Context, ContextError
from scripts.model import Model, build_model, changelog_entries, decide
from scripts.paths import CACHE, DOCS, GENERATED_DIRS, GENERATED_FILES, MKDOCS_YML, ROOT, SITE
from scripts.problems import ValidationFailed
from scripts.sdmx import outputs as sdmx_outputs
from scripts.validate import validate_datasets

log = logging.getLogger(__name__)
LANGS = ("vi", "en")


class BuildFailed(Exception):
    """mkdocs or a generation step failed; nothing was published."""


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- generation ----------------------------------------------------------------------------------------------------
_md = routes.source


def updated_date(model: Model) -> str:
    dates = [str(c.get("date", "")) for c in changelog_entries(model)]
    return max(dates) if dates else ""


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
    renderer's version and the code (scripts/cache.py; never by modification time). Each spec entry also gets the
    pixel size of its two SVGs, for the page to reserve their room."""
    import vl_convert as vlc

    specs: dict[tuple[str, str], dict] = {}
    code = code or cache.code_digest()
    shared = f"{code}|{frame_digest(model.measures)}|{areas_digest(model)}"
    for ind in model.indicators.values():
        rows = frame_digest(model.observations_for(ind.id))
        for lang in LANGS:
            # A spec is derived from the indicator (its targets included) and its rows, the measures, the areas and
            # the code: cached by a hash of all of them, so that a change elsewhere in the data does not derive it
            # again.
            make = lambda ind=ind, lang=lang: json.dumps(  # noqa: E731
                {"spec": charts.spec(model, ind, lang), "small": charts.small_spec(model, ind, lang)},
                ensure_ascii=False, sort_keys=True).encode("utf-8")
            both = json.loads(cache.cached(f"chart-spec|{shared}|{rows}|{lang}|{ind!r}", make,
                                               cache_root / "chart-specs"))
            spec = both["spec"]
            if spec is not None:
                specs[(ind.id, lang)] = {"spec": spec, "small": both["small"], "description": spec.get("description", ""),
                                         "title": f"{ind.id}: {ind.name(lang)}"}
    folder = cache_root / "charts"
    folder.mkdir(parents=True, exist_ok=True)
    renderer = f"{vlc.__version__ if hasattr(vlc, '__version__') else ''}{vlc.get_vega_version()}"

    def render(job):
        key, layout = job
        item = specs[key]
        spec_json = json.dumps(item[layout], sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(f"{code}|{renderer}|{key}|{item['title']}|{spec_json}".encode()).hexdigest()[:32]
        svg_path, png_path = folder / f"{digest}.svg", folder / f"{digest}.png"
        if svg_path.is_file() and png_path.is_file():
            cache.touch(svg_path), cache.touch(png_path)
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
            name = routes.chart_file(ind_id, lang, layout)
            files[f"{name}.svg"] = svg
            files[f"{name}.png"] = png
            files[f"{name}-vegalite.json"] = spec_json.encode("utf-8")
            specs[(ind_id, lang)][f"{layout}_size"] = charts.svg_size(svg)
    return files, specs


def generate(model: Model, jobs: int = 2, cache_root: Path = CACHE, history: bool = True,
             out: dict[str, blob.Data] | GeneratedWriter | None = None) -> dict[str, blob.Data] | GeneratedWriter:
    """Every generated file under docs/, by its path relative to docs/: its bytes, or for a large download the file
    it was made into in the cache (scripts/blob.py), copied into docs/ by streaming. Given a GeneratedWriter as
    `out`, each file is written as soon as it is made; otherwise they are returned in a dict. `history`: read the
    releases from git (off only to measure what reading them costs, scripts/bench_releases.py)."""
    out = {} if out is None else out
    text = lambda path, content: out.__setitem__(path, content.encode("utf-8"))  # noqa: E731
    progress("Tính tiến độ các chỉ tiêu / computing progress")
    headlines = decide.decide_all(model)
    progress(f"Vẽ {len(model.indicators) * 2} biểu đồ / rendering charts")
    code = cache.code_digest()
    chart_files, specs = chart_outputs(model, jobs, cache_root, code)
    out.update(chart_files)
    downloads_made, made = download_files(model, cache_root, code, history)
    out.update(downloads_made)
    updated = updated_date(model)
    progress("Sinh trang / generating pages")
    for lang in LANGS:
        text(_md(routes.HOME, lang), pages.home(model, lang, headlines))
        text(_md(routes.UPDATES_DOC, lang), pages.updates(model, lang))
        text(_md(routes.COVERAGE_DOC, lang), pages.coverage(model, lang))
        text(_md(routes.PROBLEM_CODES_DOC, lang), pages.problem_codes(lang))
        text(_md(routes.hub_doc(routes.GOALS), lang), pages.goals_hub(model, lang))
        for goal in model.goals:
            text(_md(routes.goal_doc(goal.id), lang), pages.goal_page(model, goal, lang, headlines))
        text(_md(routes.hub_doc(routes.INDICATORS), lang), pages.indicators_hub(model, lang, headlines))
        for ind in model.indicators.values():
            chart = specs.get((ind.id, lang))
            description = wording.describe(model, headlines[ind.id], lang)
            text(_md(routes.indicator_doc(ind.id), lang),
                 pages.indicator_page(model, ind, lang, headlines[ind.id], chart, updated, description, made))
            if chart:
                text(_md(routes.chart_doc(ind.id), lang), pages.chart_page(model, ind, lang, description, made))
        text(_md(routes.hub_doc(routes.DATASETS), lang), pages.datasets_hub(model, lang))
        for name in model.datasets:
            text(_md(routes.dataset_doc(name), lang), pages.dataset_page(model, name, lang, made))
        text(_md(routes.hub_doc(routes.AREAS), lang), pages.areas_hub(model, lang))
        for area in pages.area_pages_for(model):
            text(_md(routes.area_doc(area.slug), lang), pages.area_page(model, area, lang))
    out.update(excel_templates(model, cache_root))
    out[routes.VEGA_BUNDLE] = vega_bundle(cache_root)
    return out


def download_files(model: Model, cache_root: Path = CACHE, code: str = "",
                   history: bool = True) -> tuple[dict[str, blob.Data], manifest.Manifest]:
    """Every file under docs/data/: each dataset's downloads, all-data.zip, the SDMX files, the feeds and catalogue,
    the releases' files, the indicators' extracts (the part of the site that grows with the data:
    tests/test_national_size.py); and the manifest of what was made, which the pages describe."""
    progress("Tạo tệp tải về / writing downloads")
    out: dict[str, blob.Data] = {}
    per_dataset = {name: downloads.dataset_files(ds, model.context.site_url, cache_root / "downloads")
                   for name, ds in model.datasets.items()}
    for name, files in per_dataset.items():
        for fname, data in files.items():
            out[routes.dataset_file(name, fname)] = data
    out[routes.ALL_DATA] = downloads.all_data_zip(model.datasets, per_dataset, model.context.site_url,
                                                  cache_root / "downloads")
    out.update(sdmx_outputs.files(model, cache_root, code))  # before the catalogue, which lists them
    found = read_releases(model, cache_root) if history else None
    out.update(atom.outputs(model, release_pages.feed_summaries(found) if found else None))
    out.update(catalog.outputs(model))
    if found:
        out.update(release_pages.outputs(model, found, per_dataset, cache_root))
    extract_files = indicator_extracts(model, cache_root, code)
    out.update(extract_files)
    names = {ind.id: name for ind in model.indicators.values() for name in (f"{ind.id}.csv", f"{ind.id}.csv.gz")
             if routes.indicator_file(name) in extract_files}
    return out, manifest.of(model, per_dataset, names)


def read_releases(model: Model, cache_root: Path = CACHE) -> releases.History:
    """Every dataset's releases from git history and what changed in each (issue 20); the notices printed."""
    progress("Đọc các phiên bản từ lịch sử git / reading releases from git history")
    history = releases.read_history(model, cache_root)
    for p in history.notices:
        progress(f"Lưu ý / notice [{p.code}] {p.where()}: {p.message}")
    return history


def indicator_extracts(model: Model, cache_root: Path = CACHE, code: str = "") -> dict[str, bytes]:
    """Each indicator's rows as a CSV (/data/chi-so/<id>.csv; above downloads.LARGE_FILE_MB, <id>.csv.gz), cached by
    a hash of those rows and the code: a change to one indicator's data writes one extract again, not all."""
    out = {}
    if "observations" not in model.datasets:  # a project without observations has no extracts
        return out
    code = code or cache.code_digest()
    limit = downloads.large_file_bytes()
    for ind in model.indicators.values():
        rows = extracts.indicator_rows(model, ind)

        def make(rows=rows) -> bytes:
            data = extracts.csv_bytes(rows)
            return blob.gzip_bytes(data) if len(data) > limit else data

        data = cache.cached(f"indicator-csv|{code}|{limit}|{frame_digest(rows)}", make, cache_root / "downloads")
        out[routes.indicator_file(extracts.extract_file(ind.id, data))] = data
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
        out[routes.template_file(name)] = cache.cached(recipe, make, cache_root / "downloads")
    return out


def vega_bundle(cache_root: Path = CACHE) -> bytes:
    """vega, vega-lite and vega-embed in one file served by the site itself (never a CDN); cached."""
    import vl_convert as vlc

    path = cache_root / f"vega-bundle-{vlc.get_vega_version()}.js"
    if not path.is_file():
        write_atomic(path, vlc.javascript_bundle().encode("utf-8"))
    return path.read_bytes()


class GeneratedWriter:
    """docs/'s generated files, written atomically as each is made (not held until the end: at national scale the
    pages, charts and downloads would be hundreds of MB in memory), only where the bytes changed; `finish()` then
    deletes the generated files no longer made. Takes `out[path] = data` and `out.update(files)` like the dict it
    replaces."""

    def __init__(self, docs: Path = DOCS):
        self.docs, self.wanted, self.written = docs, set(), 0

    def __setitem__(self, rel: str, data: blob.Data) -> None:
        path = self.docs / rel
        self.wanted.add(path)
        if not blob.same(data, path):
            blob.write(data, path)
            self.written += 1

    def update(self, files: dict[str, blob.Data]) -> None:
        for rel, data in files.items():
            self[rel] = data

    def __len__(self) -> int:
        return len(self.wanted)

    def finish(self) -> int:
        """Delete what is no longer generated; the number of files written."""
        for d in GENERATED_DIRS:
            root = self.docs / d
            if root.is_dir():
                for path in sorted(root.rglob("*"), reverse=True):
                    if path.is_file() and path not in self.wanted:
                        path.unlink()
                    elif path.is_dir() and not any(path.iterdir()):
                        path.rmdir()
        for name in GENERATED_FILES:
            path = self.docs / name
            if path.is_file() and path not in self.wanted:
                path.unlink()
        return self.written


def write_generated(files: dict[str, blob.Data], docs: Path = DOCS) -> int:
    """Write what changed, delete generated files that are no longer produced. Returns files written."""
    writer = GeneratedWriter(docs)
    writer.update(files)
    return writer.finish()


def source_date_epoch(model: Model) -> str:
    """Reproducible builds: dates in the output (sitemap) come from the data's latest release, not the clock."""
    import datetime as dt

    latest = updated_date(model) or "2021-01-07"
    return str(int(dt.datetime.fromisoformat(latest).replace(tzinfo=dt.timezone.utc).timestamp()))


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
               engine_name: str | None = None, history: bool = True) -> Path:
    """Build the site of the project at `root` (its datasets/, docs/ and mkdocs.yml) into site_dir (root/site),
    with the engine named (scripts/engine.py: MkDocs unless SITE_ENGINE says otherwise).
    `timings`, if given, receives the seconds of each phase and the model (for benchmarks); `history`: see
    generate."""
    timings = {} if timings is None else timings
    clock = time.perf_counter()
    root = Path(root)
    site = Path(site_dir) if site_dir else root / SITE.name
    try:
        ctx = Context.load(root, jobs=jobs, engine_name=engine_name)  # root's mkdocs.yml: its address, languages…
    except (ContextError, engine.EngineFailed, OSError) as exc:
        raise BuildFailed(str(exc)) from exc
    progress("Kiểm tra dữ liệu / validating")
    from scripts.validate import dataset_folders
    result = validate_datasets(dataset_folders(Path(datasets_dir) if datasets_dir else root / "datasets"),
                               min_count=min_count, cache=ctx.cache / "frictionless",
                               **({"max_bytes": max_bytes} if max_bytes else {}))
    if result.problems:
        raise ValidationFailed(result.problems)
    timings["validate"], clock = time.perf_counter() - clock, time.perf_counter()
    try:
        model = build_model(result.datasets, ctx)
        timings["model"], clock = time.perf_counter() - clock, time.perf_counter()
        files = generate(model, ctx.jobs, ctx.cache, history, out=GeneratedWriter(root / DOCS.name))
        written = files.finish()
        timings["generate"], clock = time.perf_counter() - clock, time.perf_counter()
        timings["model_object"] = model
    except (KeyError, ValueError, TypeError, OSError, downloads.IntegrityError) as exc:
        log.exception("generation failed")
        raise BuildFailed(f"{type(exc).__name__}: {exc}") from exc
    progress(f"{len(files)} tệp sinh ra, {written} tệp thay đổi / files generated, changed")
    builds = site.parent / ".site-builds"
    builds.mkdir(exist_ok=True)
    tmp = builds / f"tmp-{os.getpid()}-{int(time.time() * 1000)}"
    progress(f"{ctx.engine} build --strict")
    try:
        engine.run(ctx.engine, root / MKDOCS_YML.name, tmp, source_date_epoch(model))
        for report in theme.after_engine(tmp, ctx.config):
            progress(f"giao diện / theme: {report}")
        final = builds / hashlib.sha256(str(tmp).encode()).hexdigest()[:12]
        os.replace(tmp, final)
    except (engine.EngineFailed, theme.ThemeStepFailed) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(str(exc)) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    publish(final, site)
    timings["mkdocs"] = time.perf_counter() - clock
    freed = cache.prune(ctx.cache)
    if freed:
        progress(f"bộ đệm / cache: {freed // 1_000_000} MB ít dùng nhất đã xoá / least recently used removed")
    progress("Xong / done")
    return site
