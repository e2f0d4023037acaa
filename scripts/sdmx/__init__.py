"""SDMX output for statistics offices: the observations as SDMX-CSV 2.0, SDMX-JSON 2.0 and SDMX-ML 3.0, with the
data structure (code lists, concepts, the data structure definition and the dataflow) as SDMX-ML 3.0.

- `codes`: the code lists as data, from the datasets and the site's own labels (shared by the writers and the
  validator, so a file can never carry a code its structure lacks);
- `structure`: the data structure definition, and each observation row as an SDMX row (REF_AREA, INDICATOR …);
- `formats`: pure writers, SDMX rows → bytes;
- `outputs`: the files the site publishes, at stable addresses beside the other downloads, cached like them;
- `rules`: the validation problems of issue 21 (a code not in its code list, a measure mapped to two global series).

This package imports neither the model nor the validator at import time (the validator imports `rules`).
"""
