"""The per-indicator CSV extracts (/data/chi-so/<indicator>.csv; above downloads.LARGE_FILE_MB <indicator>.csv.gz):
an indicator's observation rows exactly as validated, with the publisher, title, address and trust of each row's
source, so a journalist's CSV names them."""
from __future__ import annotations

import csv

from scripts.model import Indicator, Model

# The columns of the sources table joined into each extract row, so a journalist's CSV names every row's source.
EXTRACT_SOURCE_COLUMNS = {"source_publisher": "publisher_vi", "source_title": "title_vi", "source_title_en": "title_en",
                          "source_url": "url", "source_trust": "trust"}


def indicator_rows(model: Model, ind: Indicator):
    """The observation rows of one indicator, with the dataset's own columns and text exactly as validated, then
    the publisher, title, address and trust of each row's source."""
    import numpy as np

    table = model.datasets["observations"].tables["observations"].df
    # model.observations is sorted; its index labels are the positions in the file, so the rows keep the file's order.
    positions = model.observations.index.to_numpy()[model.index.get("indicator_id", {}).get(ind.id, [])]
    rows = table.iloc[np.sort(positions)]
    if "source_id" in rows and model.sources:
        ids = rows["source_id"]
        rows = rows.assign(**{column: ids.map({k: getattr(s, attr) for k, s in model.sources.items()}).fillna("")
                              for column, attr in EXTRACT_SOURCE_COLUMNS.items()})
    return rows


def csv_bytes(rows) -> bytes:
    # pandas writes text cells as the csv module would (minimal quoting, LF); all columns are strings as validated.
    return rows.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).encode("utf-8")


def extract_file(indicator_id: str, data: bytes) -> str:
    """The file name of an indicator's extract under /data/chi-so/: <id>.csv, or <id>.csv.gz when it was compressed
    (above downloads.LARGE_FILE_MB)."""
    return f"{indicator_id}.csv.gz" if data[:2] == b"\x1f\x8b" else f"{indicator_id}.csv"
