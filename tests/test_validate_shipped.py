"""The datasets we ship validate clean: nothing in datasets/ may be published with a problem."""
from __future__ import annotations

from scripts.paths import DATASETS
from scripts.validate import dataset_folders, validate_datasets


def test_shipped_datasets_validate_clean():
    result = validate_datasets()
    assert result.problems == [], "\n".join(f"{p.code}: {p.where()} — {p.message}" for p in result.problems)
    assert set(result.datasets) == {f.name for f in dataset_folders(DATASETS)}
    assert result.datasets["observations"].tables["observations"].df.shape[0] > 0
