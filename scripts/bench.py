"""Benchmarks on SYNTHETIC data in a temporary folder. Prints one `name: value` line per measurement.

    python -m scripts.bench                 # every benchmark (make bench)
    python -m scripts.bench --rows 2000     # smaller synthetic data
    python -m scripts.bench --only validate

To add a benchmark, write a function taking the parsed arguments and yielding (name, value) pairs, and register it in
BENCHMARKS. Nothing here reads or writes datasets/: the synthetic data lives in a temporary folder and is deleted.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from scripts import routes
from scripts.paths import DATASETS

SYNTHETIC_TITLE = "DỮ LIỆU GIẢ LẬP để đo hiệu năng — không phải số liệu thật"
SYNTHETIC_TITLE_EN = "SYNTHETIC benchmark data — not real figures"
# Copied so the rules across datasets (areas valid in a year, indicator ids) run as they do on the real catalogue;
# documents because programme-targets refers to it.
REFERENCED = ("admin-units", "programme-targets", "documents")

Measurement = Iterator[tuple[str, object]]


def _seconds(start: float) -> str:
    return f"{time.perf_counter() - start:.2f}"


# --- validation -----------------------------------------------------------------------------------------------------
def synthetic_observations(folder: Path, rows: int, seed: int = 0) -> Path:
    """Write a valid observations dataset of `rows` synthetic rows (same schema as datasets/observations) to folder."""
    source = DATASETS / "observations"
    descriptor = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.update(title=SYNTHETIC_TITLE, title_en=SYNTHETIC_TITLE_EN,
                      description=f"{rows} dòng giả lập, sinh ngẫu nhiên để đo thời gian kiểm tra.",
                      description_en=f"{rows} synthetic rows, generated at random to time validation.")
    data = folder / "data"
    data.mkdir(parents=True)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.copyfile(source / "data" / "measures.csv", data / "measures.csv")

    measures = pd.read_csv(source / "data" / "measures.csv", dtype=str, keep_default_na=False)
    units = pd.read_csv(DATASETS / "admin-units" / "data" / "admin-units.csv", dtype=str, keep_default_na=False)
    areas = units[units["valid_from"].eq("")].drop_duplicates("code")  # valid in every year up to 2024
    years = np.arange(1990, 2025)
    sexes = np.array(["total", "female", "male"])
    series = np.array(["gso", "survey", "news", "official-report"])
    # Every row gets its own identity (measure, area, year, sex, series, source) so no row is a duplicate ...
    i = np.arange(rows)
    sizes = [len(measures), len(areas), len(years), len(sexes), len(series)]
    digits = []
    rest = i
    for size in sizes:
        digits.append(rest % size)
        rest = rest // size
    m, a, y, s, r = digits
    # ... and the value depends only on (measure, area, year, sex), so different sources never disagree.
    rng = np.random.default_rng(seed)
    base = rng.uniform(5, 95, size=(len(measures), len(areas), len(years), len(sexes))).round(1)
    value = base[m, a, y, s]
    unit = measures["unit"].to_numpy()[m]
    value = np.where(np.isin(unit, ["children", "cases"]), np.floor(value) + 5, value)  # counts: 10 and more
    frame = pd.DataFrame({
        "measure": measures["measure"].to_numpy()[m],
        "indicator_id": measures["indicator_id"].to_numpy()[m],
        "area_code": areas["code"].to_numpy()[a],
        "area_name": areas["name_vi"].to_numpy()[a],
        "year": years[y],
        "sex": sexes[s],
        "value": value,
        "qualifier": "",
        "value_status": "reported",
        "unit": unit,
        "series": series[r],
        "provisional": "false",
        "conflict": "false",
        "doubt_reason": "",
        "source_id": pd.Series(rest).map("synthetic-{}".format),
        "quote": "",
        "quote_lang": "",
        "note_vi": "dữ liệu giả lập",
        "note_en": "synthetic",
    })
    frame.to_csv(data / "observations.csv", index=False, lineterminator="\n")
    ids = sorted(set(frame["source_id"]))
    pd.DataFrame({"source_id": ids, "publisher_vi": "Giả lập", "publisher_en": "Synthetic", "title_vi": "Nguồn giả lập",
                  "title_en": "Synthetic source", "url": [f"https://example.org/synthetic/{i}" for i in ids],
                  "trust": "official", "note_vi": "", "note_en": ""}).to_csv(data / "sources.csv", index=False,
                                                                            lineterminator="\n")
    return folder


def bench_validate(args: argparse.Namespace) -> Measurement:
    """Plain frictionless validation of a synthetic observations package against our validate_datasets on it."""
    from frictionless import Package

    from scripts.validate import validate_datasets

    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        observations = synthetic_observations(root / "observations", args.rows)
        for name in REFERENCED:
            shutil.copytree(DATASETS / name, root / name)
        yield "validate-rows", args.rows
        yield "validate-generate-seconds", _seconds(start)
        yield "validate-file-bytes", (observations / "data" / "observations.csv").stat().st_size

        # Both are single-threaded: the ratio uses CPU time, which other work on a shared machine does not inflate.
        start, cpu = time.perf_counter(), time.process_time()
        report = Package(str(observations / "datapackage.json")).validate()
        plain, plain_cpu = time.perf_counter() - start, time.process_time() - cpu
        yield "frictionless-seconds", f"{plain:.2f}"
        yield "frictionless-cpu-seconds", f"{plain_cpu:.2f}"
        yield "frictionless-errors", len(report.flatten(["type"]))

        start, cpu = time.perf_counter(), time.process_time()
        result = validate_datasets([root / name for name in (*REFERENCED, "observations")])
        ours, ours_cpu = time.perf_counter() - start, time.process_time() - cpu
        yield "validate-seconds", f"{ours:.2f}"
        yield "validate-cpu-seconds", f"{ours_cpu:.2f}"
        yield "validate-problems", len(result.problems)
        yield "validate-vs-frictionless-wall", f"{ours / plain:.2f}"
        yield "validate-vs-frictionless", f"{ours_cpu / plain_cpu:.2f}"


# --- the site at national scale ---------------------------------------------------------------------------------------
def _tree_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _peak_rss_mb() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def bench_site(args: argparse.Namespace) -> Measurement:
    """A SYNTHETIC national workload (34 provinces, 3,321 communes, 35 sub-indicators, 10 years, by sex) built
    by our pipeline, against plain `mkdocs build` of the same generated Markdown, and a regeneration after one
    observations file changed, against a full generation. Every figure is measured in this one run."""
    import os
    import subprocess

    from scripts import blob, build
    from scripts.bench_data import make_national_project

    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        root = make_national_project(Path(tmp) / "national", communes=args.communes)
        obs_csv = root / "datasets/observations/data/observations.csv"
        yield "national-rows", sum(1 for _ in obs_csv.open("rb")) - 1
        cache = root / ".cache"
        limit = 2 * obs_csv.stat().st_size

        # 1. The whole pipeline from cold (no cache): validate → generate → mkdocs build --strict → publish.
        cold: dict = {}
        start = time.perf_counter()
        build.build_site(root=root, max_bytes=limit, timings=cold)
        full = time.perf_counter() - start
        site = (root / "site").resolve()
        yield "build-seconds", f"{full:.2f}"
        for phase in ("validate", "model", "generate", "mkdocs"):
            yield f"build-{phase}-seconds", f"{cold[phase]:.2f}"

        # 1b. The SDMX files of that build (issue 21: at most 10 % of build-seconds): made again from the same model
        #     without any cache, their size, and their share of the cold build.
        from scripts.sdmx import outputs as sdmx_outputs

        model = cold["model_object"]
        model.memo.pop("sdmx", None)
        start = time.perf_counter()
        sdmx_files = sdmx_outputs.files(model, None)
        sdmx_seconds = time.perf_counter() - start
        yield "sdmx-seconds", f"{sdmx_seconds:.2f}"
        yield "sdmx-mb", f"{sum(map(blob.size, sdmx_files.values())) / 1e6:.1f}"
        yield "sdmx-vs-build", f"{sdmx_seconds / full:.3f}"
        del sdmx_files

        # 2. Plain mkdocs on the same generated Markdown: our pipeline not involved.
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                        "-d", str(Path(tmp) / "bare")], cwd=root, env=env, check=True)
        bare = time.perf_counter() - start
        shutil.rmtree(Path(tmp) / "bare")
        yield "mkdocs-bare-seconds", f"{bare:.2f}"
        yield "build-vs-mkdocs", f"{full / bare:.2f}"

        # 3. (--rebuild) The same build again with nothing changed: frictionless, charts and downloads come from the
        #    caches. Off by default so that `make bench` stays within ten minutes on two cores.
        warm: dict = cold
        if args.rebuild:
            warm = {}
            start = time.perf_counter()
            build.build_site(root=root, max_bytes=limit, timings=warm)
            rebuild = time.perf_counter() - start
            yield "rebuild-seconds", f"{rebuild:.2f}"
            yield "rebuild-vs-mkdocs", f"{rebuild / bare:.2f}"

        # 4. Generation after one observations file changed (one value of one row), against the cold generation.
        #    The model is changed as validation of the edited file would give it; the file on disk changes too.
        model = warm["model_object"]
        ds = model.datasets["observations"]
        table = ds.tables["observations"].df
        row = 0
        new_value = f"{float(table.at[row, 'value']) + 0.1:.1f}"
        table.at[row, "value"] = new_value
        table.to_csv(obs_csv, index=False, lineterminator="\n")  # straight to the file: not a copy in memory
        ds.hashes["observations"], ds.sizes["observations"] = blob.sha256(obs_csv), obs_csv.stat().st_size
        model.observations.loc[model.observations.index == row, "value"] = float(new_value)
        model.memo.clear()
        start = time.perf_counter()
        build.write_generated(build.generate(model, 2, cache), root / "docs")
        regenerate = time.perf_counter() - start
        yield "generate-full-seconds", f"{cold['generate']:.2f}"
        yield "regenerate-one-dataset-seconds", f"{regenerate:.2f}"
        yield "regenerate-one-dataset-vs-full", f"{regenerate / cold['generate']:.2f}"

        pages = sum(1 for _ in site.rglob("index.html"))
        yield "pages", pages
        yield "site-mb", f"{_tree_bytes(site) / 1e6:.1f}"
        largest = max((f for f in site.rglob("*") if f.is_file()), key=lambda f: f.stat().st_size)
        yield "largest-file-mb", f"{largest.stat().st_size / 1e6:.1f}"
        yield "indicator-page-kb", f"{(site / routes.indicator_page('3b') / 'index.html').stat().st_size / 1024:.1f}"
        yield "peak-rss-mb", f"{_peak_rss_mb():.0f}"


def bench_history(args: argparse.Namespace) -> Measurement:
    """Issue 20: what reading releases from git history costs a no-change rebuild (scripts/bench_releases.py)."""
    from scripts.bench_releases import bench_history as run

    yield from run(args)


# --- hostile workbooks (issue 15) ------------------------------------------------------------------------------------
_IMPORT_ONE = """
import json, re, sys
from pathlib import Path
from scripts.excel import import_workbook
result = import_workbook(Path(sys.argv[1]), "observations", root=Path(sys.argv[2]), write=False)
# VmHWM: this process's peak resident memory since it started (getrusage would also count the parent's pages,
# shared until exec)
peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1))
print(json.dumps({"codes": sorted({p.problem.code for p in result.problems}), "peak_kb": peak}))
"""


def bench_import_hostile(args: argparse.Namespace) -> Measurement:
    """The hostile workbooks of issue 15, full size (SYNTHETIC, made in a temporary folder from the real
    observations template: a declared A1:XFD1048576, a cell in column XFD, 1 GiB of shared strings, 1 GiB of inline
    strings, a million rows, 200,000 parts). Each is imported in a fresh process, timed from its start to its exit,
    its peak memory read from the kernel (VmHWM); every one must be refused."""
    import subprocess

    from scripts.excel import write_template
    from scripts.hostile_workbooks import hostile_set

    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        root = Path(tmp) / "datasets"
        shutil.copytree(DATASETS, root, ignore=shutil.ignore_patterns("*.xlsx"))
        template = Path(tmp) / "observations.xlsx"
        if write_template("observations", template, root):
            raise SystemExit("the observations template could not be made")
        worst_seconds = worst_mb = 0.0
        for name, path in hostile_set(template, Path(tmp) / "hostile", "observations").items():
            start = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-c", _IMPORT_ONE, str(path), str(root)],
                                     stdout=subprocess.PIPE, cwd=Path(__file__).resolve().parent.parent)
            out = child.stdout.read().decode("utf-8").strip()
            child.wait()
            seconds = time.perf_counter() - start
            report = json.loads(out) if out.startswith("{") else {"codes": [], "peak_kb": 0}
            codes, mb = report["codes"], report["peak_kb"] / 1024
            if child.returncode != 0 or not codes:
                raise SystemExit(f"hostile workbook {name} was not refused: exit {child.returncode}, {out[:200]}")
            worst_seconds, worst_mb = max(worst_seconds, seconds), max(worst_mb, mb)
            yield f"import-hostile-{name}", f"{seconds:.2f} s, {mb:.0f} MB, {path.stat().st_size:,} bytes, {' '.join(codes)}"
        yield "import-hostile-max-seconds", f"{worst_seconds:.2f}"
        yield "import-hostile-max-rss-mb", f"{worst_mb:.0f}"


BENCHMARKS: dict[str, Callable[[argparse.Namespace], Measurement]] = {
    "validate": bench_validate,
    "site": bench_site,
    "history": bench_history,
    "import-hostile": bench_import_hostile,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="synthetic rows (default 1000000)")
    parser.add_argument("--communes", type=int, default=3321, help="synthetic communes for the site benchmark")
    parser.add_argument("--rebuild", action="store_true", help="also time a second build with nothing changed")
    parser.add_argument("--only", action="append", choices=list(BENCHMARKS), help="run only this benchmark (repeatable)")
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    for name in args.only or list(BENCHMARKS):
        for key, value in BENCHMARKS[name](args):
            print(f"{key}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
