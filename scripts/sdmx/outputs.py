"""The SDMX files the site publishes, at stable addresses beside the other downloads, cached like them:

    /data/observations/sdmx/structure.sdmx.xml            SDMX-ML 3.0 structure (code lists, concepts, DSD, dataflow)
    /data/observations/sdmx/observations.sdmx.csv         SDMX-CSV 2.0, every row of the observations table
    /data/observations/sdmx/observations.sdmx.json        SDMX-JSON 2.0 data message, the same rows
    /data/observations/sdmx/observations.sdmx.xml         SDMX-ML 3.0 structure-specific data, the same rows
    /data/chi-so/sdmx/<indicator>.sdmx.csv|.json|.xml      the indicator's own rows (scripts/model/decide.py)

As for the JSON copy of a table, the SDMX-JSON and SDMX-ML copies of the whole table are not made above
downloads.JSON_MAX_ROWS rows (the SDMX-CSV always is); an indicator's files always are, when it has rows.
When the observations table is large (its CSV above downloads.LARGE_FILE_MB, published as .csv.gz and Parquet), its
SDMX is SDMX-CSV only, gzipped: observations.sdmx.csv.gz and <indicator>.sdmx.csv.gz. SDMX-JSON and SDMX-ML say the
same rows again at two to four times the size, and every SDMX client reads SDMX-CSV; at national scale the three
formats of every indicator would be about 900 MB. The whole table's file is written to the cache by streaming, a
slice of rows at a time.
Each file is cached on disk by a hash of the code, the structure and the rows it holds.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from scripts import blob, cache, routes
from scripts.sdmx import formats, structure

FOLDER = routes.dataset_file(structure.DATASET, "sdmx")
INDICATOR_FOLDER = routes.indicator_file("sdmx")
STRUCTURE_FILE = f"{FOLDER}/structure.sdmx.xml"
KINDS = ("csv", "json", "xml")
LABELS = {"csv": "SDMX-CSV 2.0", "json": "SDMX-JSON 2.0", "xml": "SDMX-ML 3.0", "csv.gz": "SDMX-CSV 2.0, gzip"}
SLICE = 200_000  # rows of the whole table turned into SDMX-CSV lines at a time, when it is written compressed
STRUCTURE_LABEL = {"vi": "SDMX-ML 3.0, cấu trúc", "en": "SDMX-ML 3.0, structure"}


def dataset_file(kind: str) -> str:
    return f"{FOLDER}/{structure.DATASET}.sdmx.{kind}"


def indicator_file(indicator_id: str, kind: str) -> str:
    return f"{INDICATOR_FOLDER}/{indicator_id}.sdmx.{kind}"


def kind_of(path: str) -> str:
    """'csv', 'json', 'xml', 'csv.gz' or 'structure'."""
    return "structure" if path == STRUCTURE_FILE else path.split(".sdmx.", 1)[1]


def compressed(model) -> bool:
    """Whether the SDMX files are SDMX-CSV only, gzipped: the observations table is above the size setting."""
    from scripts import downloads

    ds = model.datasets.get(structure.DATASET)
    return bool(ds) and downloads.is_large(ds, structure.DATASET)


def kinds(model) -> tuple[str, ...]:
    return ("csv.gz",) if compressed(model) else KINDS


def _message_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_@$-]", "_", text)


# The columns of the observations table that the SDMX rows are made from (the cache key of an indicator's files).
USED = ("measure", "indicator_id", "area_code", "year", "sex", "value", "qualifier", "value_status", "unit", "series",
        "provisional", "conflict", "doubt_reason", "source_id")


def _digest(df: pd.DataFrame) -> str:
    values = pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes() if len(df) else b""
    return hashlib.sha256(repr(list(df.columns)).encode("utf-8") + values).hexdigest()


class _Lines:
    """The SDMX rows, CSV lines and <Obs/> elements of the whole table, made once and only when a file is not in
    the cache."""

    def __init__(self, model, st):
        self.model, self.st, self._rows, self._csv, self._xml = model, st, None, None, None

    @property
    def rows(self) -> pd.DataFrame:
        if self._rows is None:
            self._rows = structure.rows(self.model)
        return self._rows

    @property
    def csv(self) -> pd.Series:
        if self._csv is None:
            self._csv = formats.csv_lines(self.rows, self.st)
        return self._csv

    @property
    def xml(self) -> pd.Series:
        if self._xml is None:
            self._xml = formats.obs_elements(self.rows)
        return self._xml


def has_sdmx(model) -> bool:
    """Whether the site publishes SDMX files: it does for the dataset that holds observations."""
    ds = model.datasets.get(structure.DATASET)
    return bool(ds and structure.DATASET in ds.tables)


def files(model, cache_root: Path | None = None, code: str = "") -> dict[str, blob.Data]:
    """Every SDMX file, by its path under docs/. Made once per model (pages and the catalogue ask again)."""
    if "sdmx" in model.memo:
        return model.memo["sdmx"]
    out: dict[str, blob.Data] = {}
    if not has_sdmx(model):
        model.memo["sdmx"] = out
        return out
    from scripts import downloads

    st = structure.structure_of(model)
    out[STRUCTURE_FILE] = formats.structure_bytes(st)
    shared = f"sdmx|{code}|{hashlib.sha256(out[STRUCTURE_FILE]).hexdigest()}"
    lines = _Lines(model, st)
    ds = model.datasets[structure.DATASET]
    table = ds.tables[structure.DATASET].df
    disk = cache_root / "downloads" if cache_root is not None else None
    whole = f"{shared}|{ds.hashes.get(structure.DATASET) or _digest(table)}"
    makers = {"csv": lambda sel: formats.csv_bytes(lines.csv.iloc[sel]),
              "xml": lambda sel, mid: formats.xml_bytes(lines.xml.iloc[sel], st, mid),
              "json": lambda sel, mid: formats.json_bytes(lines.rows.iloc[sel], st, mid)}

    def make(kind: str, sel, mid: str) -> bytes:
        return makers[kind](sel) if kind == "csv" else makers[kind](sel, mid)

    if compressed(model):
        _compressed_files(model, st, lines, table, out, shared, whole, disk)
        model.memo["sdmx"] = out
        return out
    everything = slice(None)
    for kind in KINDS:
        if kind == "csv" or len(table) <= downloads.JSON_MAX_ROWS:
            out[dataset_file(kind)] = cache.cached(f"{whole}|{kind}", lambda kind=kind: make(
                kind, everything, _message_id(structure.DATASET.upper())), disk)
    for ind in model.indicators.values():
        positions = structure.indicator_positions(model, ind)
        if not len(positions):
            continue
        key = f"{shared}|{ind.id}|{_digest(table.iloc[positions][[c for c in USED if c in table]])}"
        for kind in KINDS:
            out[indicator_file(ind.id, kind)] = cache.cached(f"{key}|{kind}", lambda kind=kind, p=positions: make(
                kind, p, _message_id(f"INDICATOR_{ind.id}")), disk)
    model.memo["sdmx"] = out
    return out


def _compressed_files(model, st, lines: _Lines, table, out: dict, shared: str, whole: str, disk) -> None:
    """SDMX-CSV only, gzipped: the whole table streamed to a file a slice of rows at a time (its lines are never all
    in memory), and each indicator's rows."""
    def write_whole(path: Path) -> None:
        def chunks():
            rows = lines.rows
            yield formats.csv_header().encode("utf-8")  # as formats.csv_bytes: lines joined by breaks, one at the end
            for start in range(0, len(rows), SLICE):
                part = formats.csv_lines(rows.iloc[start:start + SLICE], st)
                yield ("\n" + "\n".join(part.tolist())).encode("utf-8")
            yield b"\n"
        blob.gzip_into(chunks(), path)

    out[dataset_file("csv.gz")] = cache.cached_file(f"{whole}|csv.gz", write_whole, disk)
    for ind in model.indicators.values():
        positions = structure.indicator_positions(model, ind)
        if not len(positions):
            continue
        key = f"{shared}|{ind.id}|{_digest(table.iloc[positions][[c for c in USED if c in table]])}"
        out[indicator_file(ind.id, "csv.gz")] = cache.cached(f"{key}|csv.gz", lambda p=positions: blob.gzip_bytes(
            formats.csv_bytes(formats.csv_lines(lines.rows.iloc[p], st))), disk)


# --- what pages and the catalogue say about them ---------------------------------------------------------------------
def dataset_downloads(model, name: str, lang: str = "vi") -> list[tuple[str, str]]:
    """(label, path under docs/) of the SDMX files of a dataset, structure first; none for other datasets."""
    if name != structure.DATASET or not has_sdmx(model):
        return []
    found = files(model)
    entries = [(STRUCTURE_LABEL[lang], STRUCTURE_FILE)]
    entries += [(LABELS[kind], dataset_file(kind)) for kind in kinds(model) if dataset_file(kind) in found]
    return entries


def indicator_downloads(model, indicator_id: str, lang: str = "vi") -> list[tuple[str, str]]:
    """(label, path under docs/) of an indicator's SDMX files and of the structure; none when it has no rows."""
    found = files(model)
    paths = [(LABELS[kind], indicator_file(indicator_id, kind)) for kind in kinds(model)]
    if not all(p in found for _, p in paths):
        return []
    return paths + [(STRUCTURE_LABEL[lang], STRUCTURE_FILE)]


def media_type(path: str) -> str:
    """The SDMX media type of what the file holds (a .gz file: of what it holds once uncompressed)."""
    return formats.MEDIA[kind_of(path).removesuffix(".gz")]


def links(entries: list[tuple[str, str]], prefix: str) -> str:
    """Markdown links to the files, relative to a page (`prefix` leads from the page to docs/)."""
    return " · ".join(f"[{label}]({prefix}{path})" for label, path in entries)


GUIDE = {"vi": "cách tải vào", "en": "how to load them"}
FOR_OFFICES = {"vi": "Cho cơ quan thống kê", "en": "For statistics offices"}


def indicator_line(model, indicator_id: str, lang: str, prefix: str) -> str:
    """The line of an indicator page's download list that links its SDMX files ('' when it has none)."""
    entries = indicator_downloads(model, indicator_id, lang)
    if not entries:
        return ""
    return (f"- {FOR_OFFICES[lang]} (SDMX): {links(entries, prefix)} · "
            f"[{GUIDE[lang]}]({prefix}du-lieu-mo.md#sdmx)\n")


def dataset_paragraph(model, name: str, lang: str, prefix: str) -> str:
    """The paragraph of a dataset page that links its SDMX files."""
    what = {"vi": "cấu trúc dữ liệu và toàn bộ bảng số liệu quan sát theo chuẩn SDMX, mỗi chỉ tiêu còn có tệp "
                  "riêng trên trang của chỉ tiêu đó",
            "en": "the data structure and the whole observations table as SDMX; each indicator also has its own "
                  "files, on its page"}[lang]
    return (f"**{FOR_OFFICES[lang]}:** {what}: {links(dataset_downloads(model, name, lang), prefix)}. "
            f"[{GUIDE[lang][0].upper() + GUIDE[lang][1:]}]({prefix}du-lieu-mo.md#sdmx)")


def distributions(model, name: str) -> list[tuple[str, str, bytes, str]]:
    """The SDMX files of a dataset as catalogue distributions: (file name under /data/<name>/, title, bytes,
    description giving the SDMX media type)."""
    found = files(model)
    out = []
    for label, path in dataset_downloads(model, name, "vi"):  # the catalogue's titles are the datasets' (Vietnamese)
        kind = kind_of(path)
        gz = ", gzip" if kind.endswith(".gz") else ""
        out.append((path[len(routes.dataset_file(name, "")):], label, found[path],
                    f"{LABELS.get(kind.removesuffix('.gz'), STRUCTURE_LABEL['en'])}{gz}: {media_type(path)}"))
    return out
