"""What the build published for download, as the pages describe it: the manifest.

The downloads are made once (scripts/downloads.py, scripts/extracts.py, by scripts/build.py); the pages then say
what was made — each file's size, the sha256 of the files that publish a table's rows, which tables were too large
for a plain CSV, whether a dataset has an Excel template, the file name of each indicator's extract — from this
manifest, and never call the code that makes the files. A page cannot describe a file the build did not make.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scripts import blob, downloads, extracts
from scripts.model import Model


@dataclass(frozen=True)
class DatasetFiles:
    sizes: dict[str, int]                    # every file under /data/<dataset>/, in the order they were made: bytes
    published: dict[str, tuple[str, ...]]    # a table → the files that publish its rows (datapackage.json names the first)
    digests: dict[str, str]                  # the sha256 of each of those files
    large: frozenset[str]                    # the tables above the size setting (.csv.gz and Parquet, no plain CSV)
    template: bool                           # whether the build made the dataset's Excel template


@dataclass(frozen=True)
class Manifest:
    datasets: dict[str, DatasetFiles]
    extracts: dict[str, str] = field(default_factory=dict)  # an indicator → its extract's file name under data/chi-so/
    large_file_bytes: int = 0                                # the size setting (downloads.LARGE_FILE_MB), in bytes

    def extract(self, indicator_id: str) -> str:
        """<id>.csv, or <id>.csv.gz when the build compressed it."""
        return self.extracts.get(indicator_id, f"{indicator_id}.csv")


def dataset_files(ds, files: dict[str, blob.Data]) -> DatasetFiles:
    published = {r: tuple(n for n in downloads.published_names(ds, r) if n in files) for r in ds.hashes}
    return DatasetFiles(sizes={name: blob.size(data) for name, data in files.items()}, published=published,
                        digests={n: blob.sha256(files[n]) for names in published.values() for n in names},
                        large=frozenset(r for r in ds.hashes if downloads.is_large(ds, r)),
                        template=downloads.has_template(ds))


def of(model: Model, per_dataset: dict[str, dict[str, blob.Data]] | None = None,
       extract_names: dict[str, str] | None = None) -> Manifest:
    """The manifest of what the build made: `per_dataset` (downloads.dataset_files of each dataset) and the extracts'
    names. Without them (a page written on its own, in a test), what the build would make."""
    if per_dataset is None:
        per_dataset = {name: downloads.dataset_files(ds, model.context.site_url) for name, ds in model.datasets.items()}
    if extract_names is None:
        limit = downloads.large_file_bytes()
        extract_names = {} if "observations" not in model.datasets else {
            ind.id: f"{ind.id}.csv.gz" if len(extracts.csv_bytes(extracts.indicator_rows(model, ind))) > limit
            else f"{ind.id}.csv" for ind in model.indicators.values()}
    return Manifest({name: dataset_files(model.datasets[name], files) for name, files in per_dataset.items()},
                    dict(extract_names), downloads.large_file_bytes())
