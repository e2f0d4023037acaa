"""frictionless's checks made column by column, to say which resources are certainly clean.

frictionless checks a table row by row in Python (about 180,000 rows a second). For each resource of a package this
module answers one question on the Arrow columns the reader parsed (reader.Grid): would frictionless find nothing
wrong? When the answer is yes — the usual case — frictionless is not run on that resource. When a check finds a
problem, or meets anything it does not handle exactly as frictionless does, the answer is no and frictionless
validates that resource as before, so every problem reported is still frictionless's own (row, field, message).

How each check is kept exact:
- cells (types, missing values, required, enum, pattern, minimum/maximum, minLength/maxLength): every distinct
  value of a column goes through the cell reader frictionless itself builds for the field, so a value passes here
  exactly when it passes there. A text field with no format and only required, length or enum constraints (notes,
  names, codes: often millions of distinct values) is checked with Arrow kernels instead, which compare the same
  strings and count the same code points.
- unique, primary key, foreign keys (within the package): on the values those readers return, compared as Python
  compares them, which is what frictionless does (its memory is a dict, its lookup a set of tuples). Two rows with
  the same text are always counted as equal here; frictionless can find two NaN unequal — that errs on the side of
  asking frictionless.
- what frictionless reads before the rows: the descriptor is still validated by frictionless (tables.py); the
  reader makes a Grid only for a plain CSV whose every row has the header's width and none is blank (the blank and
  ragged rows frictionless reports); here the header must be exactly the schema's field names and frictionless
  must decode the file as UTF-8.
Anything else — another field type, a resource, schema, field or constraint property not listed below, a declared
row count — makes the answer no.

The project's externalForeignKeys are not frictionless's: rules.rule_external_foreign_keys checks them, column-wise.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from scripts.validate.reader import Grid

ENVIRONMENT = "VALIDATE_COLUMNAR"  # VALIDATE_COLUMNAR=0: frictionless validates every resource, as before


def enabled(columnar: bool | None = None) -> bool:
    """Whether resources the columnar checks find clean skip frictionless: `columnar` when given, else the
    environment (on unless VALIDATE_COLUMNAR=0)."""
    if columnar is not None:
        return columnar
    return os.environ.get(ENVIRONMENT, "1").strip().lower() not in ("0", "false", "no", "off")


# What a resource may say and still be checked here; anything else is frictionless's to read.
RESOURCE_KEYS = {"name", "path", "profile", "title", "description", "title_en", "description_en", "format",
                 "mediatype", "encoding", "schema", "dialect", "bytes", "hash", "licenses", "sources", "homepage",
                 "keywords"}
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues",
               "externalForeignKeys"}  # the project's own: frictionless never sees it (tables.usable_descriptor)
FIELD_KEYS = {"name", "type", "format", "title", "description", "title_en", "description_en", "constraints",
              "example", "missingValues", "trueValues", "falseValues", "bareNumber", "floatNumber", "decimalChar",
              "groupChar"}
TYPES = {"string", "integer", "number", "boolean", "date", "year", "any"}
CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
               "minLength", "maxLength"}
_KERNEL_CONSTRAINTS = {"required", "unique", "enum", "minLength", "maxLength"}  # a plain text field's, in Arrow
_HASH_PREFIXES = ("md5", "sha256")
PROFILE = "tabular-data-resource"


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass
class _Column:
    """One column: its raw cells and what frictionless reads each distinct one as."""
    cells: pa.ChunkedArray
    spec: object  # the frictionless Field
    missing: list[str]
    _distinct: pa.Array
    _values: list | None = None
    _codes: np.ndarray | None = None
    representatives: list = field(default_factory=list)

    def kernel(self) -> bool:
        """A text field with no format whose constraints Arrow kernels check exactly."""
        constraints = self.spec.constraints
        return (self.spec.type == "string" and self.spec.format == "default"
                and set(constraints) <= _KERNEL_CONSTRAINTS
                and all(_number(constraints[k]) for k in ("minLength", "maxLength") if k in constraints)
                and isinstance(constraints.get("enum", []), list))

    def distinct(self) -> pa.Array:
        return self._distinct

    def values(self) -> list:
        """What frictionless reads each distinct cell as (None for a missing value or one it cannot read)."""
        if self._values is None:
            raw = self.distinct().to_pylist()
            if self.kernel():
                missing = set(self.missing)
                self._values = [None if v in missing else v for v in raw]
            else:
                read = self.spec.create_cell_reader()
                self._values = [read(v)[0] for v in raw]
        return self._values

    def valid(self) -> bool:
        """Whether frictionless finds no type or constraint error in any cell (unique aside): each distinct cell
        through frictionless's reader, or through Arrow kernels for a plain text field (the same comparisons of the
        same strings, code points counted as len() counts them)."""
        distinct = self.distinct()
        if not self.kernel():
            read = self.spec.create_cell_reader()
            return not any(read(v)[1] for v in distinct.to_pylist())
        constraints = self.spec.constraints
        missing = pc.is_in(distinct, value_set=pa.array(self.missing, pa.large_string()))
        if constraints.get("required") and pc.any(missing).as_py():
            return False
        present = pc.invert(missing)
        if "enum" in constraints:  # frictionless reads the enum's items as text: any other item matches no cell
            allowed = pa.array([v for v in constraints["enum"] if isinstance(v, str)], pa.large_string())
            if pc.any(pc.and_(present, pc.invert(pc.is_in(distinct, value_set=allowed)))).as_py():
                return False
        if "minLength" in constraints or "maxLength" in constraints:
            length = pc.utf8_length(distinct)
            for key, outside in (("minLength", pc.less), ("maxLength", pc.greater)):
                if key in constraints and pc.any(pc.and_(present, outside(length, constraints[key]))).as_py():
                    return False
        return True

    def codes(self) -> np.ndarray:
        """Per row, a number that is equal for two rows exactly when their values are equal (as Python's == and
        hash find them, as frictionless's dict and set do); −1 for a value frictionless reads as None."""
        if self._codes is None:
            canonical: dict = {}
            ids = np.fromiter((-1 if v is None else canonical.setdefault(v, len(canonical)) for v in self.values()),
                              dtype=np.int64, count=len(self.values()))
            self.representatives = list(canonical)  # code → the first value read with that code
            self._codes = ids[pc.index_in(self.cells, value_set=self.distinct()).to_numpy()]
        return self._codes


@dataclass
class _Resource:
    name: str
    descriptor: dict
    columns: dict[str, _Column] = field(default_factory=dict)
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list = field(default_factory=list)
    rows: int = 0


def _shape(name: str, resource: dict, grid: Grid | None) -> _Resource | None:
    """The resource when frictionless reads it exactly as the Grid holds it, with a header that is exactly the
    schema's field names; None otherwise."""
    if grid is None or not grid.utf8 or not set(resource) <= RESOURCE_KEYS or not isinstance(resource.get("path"), str):
        return None
    # a CSV as frictionless detects one: declared so, or named so
    if resource.get("format", "csv" if resource["path"].endswith(".csv") else None) != "csv":
        return None
    if resource.get("mediatype", "text/csv") != "text/csv" or resource.get("profile", PROFILE) != PROFILE:
        return None
    if "bytes" in resource and not (isinstance(resource["bytes"], int) and not isinstance(resource["bytes"], bool)):
        return None
    declared = resource.get("hash")
    if declared is not None and not (isinstance(declared, str)
                                     and (":" not in declared or declared.split(":", 1)[0] in _HASH_PREFIXES)):
        return None
    schema = resource.get("schema")
    if not isinstance(schema, dict) or not set(schema) <= SCHEMA_KEYS:
        return None
    fields = schema.get("fields")
    missing = schema.get("missingValues", [""])
    if not (isinstance(fields, list) and fields and isinstance(missing, list) and all(isinstance(v, str) for v in missing)):
        return None
    for f in fields:
        if not (isinstance(f, dict) and set(f) <= FIELD_KEYS and f.get("type") in TYPES and isinstance(f.get("name"), str)):
            return None
        constraints = f.get("constraints", {})
        if not (isinstance(constraints, dict) and set(constraints) <= CONSTRAINTS):
            return None
        own = f.get("missingValues", [])
        if not (isinstance(own, list) and all(isinstance(v, str) for v in own)):
            return None
    names = [f["name"] for f in fields]
    if grid.labels != names or len(set(names)) != len(names) or grid.columns.num_columns != len(names):
        return None
    primary_key = schema.get("primaryKey", [])
    primary_key = [primary_key] if isinstance(primary_key, str) else primary_key
    if not (isinstance(primary_key, list) and set(primary_key) <= set(names)):
        return None
    foreign_keys = schema.get("foreignKeys", [])
    if not isinstance(foreign_keys, list):
        return None
    parsed = grid.schema  # frictionless's, built by the reader from this same schema (without its foreign keys)
    if parsed is None or [f.name for f in parsed.fields] != names:
        return None
    out = _Resource(name, resource, primary_key=list(primary_key), foreign_keys=foreign_keys, rows=grid.columns.num_rows)
    for position, f in enumerate(parsed.fields):
        own = f.missing_values if f.has_defined("missing_values") else parsed.missing_values
        out.columns[f.name] = _Column(grid.columns.column(position), f, list(own), grid.distinct(position))
    return out


def _no_blank_row(resource: _Resource) -> bool:
    """No row whose every cell is a missing value (frictionless's blank-row). The reader leaves no row of empty cells
    in a Grid; a schema may name other missing values ('NA')."""
    columns = list(resource.columns.values())
    if resource.rows == 0 or all(c.missing == [""] for c in columns):
        return True
    blank = None
    for c in columns:
        missing = pc.is_in(c.cells, value_set=pa.array(c.missing, pa.large_string()))
        blank = missing if blank is None else pc.and_(blank, missing)
        if not pc.any(blank).as_py():
            return True
    return False


def _unique(column: _Column) -> bool:
    """frictionless's unique constraint: no value (None aside) read twice."""
    codes = column.codes()
    codes = codes[codes >= 0]
    return len(np.unique(codes)) == len(codes)


def _primary_key(resource: _Resource) -> bool:
    """No row whose key cells are all None, and no key read twice."""
    if not resource.primary_key or resource.rows == 0:
        return True
    codes = pd.DataFrame({i: resource.columns[n].codes() for i, n in enumerate(resource.primary_key)})
    if (codes < 0).all(axis=1).any():
        return False
    return not codes.duplicated().any()


def _tuples(resource: _Resource, names: list[str]) -> set[tuple]:
    """The distinct tuples of values the rows hold in these columns."""
    columns = [resource.columns[n] for n in names]
    if len(columns) == 1:  # every distinct cell is in some row
        return {(value,) for value in columns[0].values()}
    codes = pd.DataFrame({i: c.codes() for i, c in enumerate(columns)}).drop_duplicates()
    return {tuple(None if code < 0 else columns[i].representatives[code] for i, code in enumerate(row))
            for row in codes.itertuples(index=False)}


def _foreign_keys(resource: _Resource, shaped: dict[str, _Resource | None], skip: set[str]) -> bool:
    """Every foreign key within the package holds: each tuple of values (all None aside) is among the referenced
    resource's, as frictionless builds its lookup."""
    for fk in resource.foreign_keys:
        reference = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(reference, dict):
            return False
        target = reference.get("resource")
        if isinstance(target, str) and target in skip:
            continue  # frictionless is given the package without it, nor the keys that point at it
        fields, ref_fields = fk.get("fields"), reference.get("fields")
        if not (isinstance(fields, list) and isinstance(ref_fields, list) and fields and len(fields) == len(ref_fields)
                and all(isinstance(f, str) for f in fields + ref_fields) and isinstance(target, str)):
            return False
        source = resource if target in ("", resource.name) else shaped.get(target)
        if source is None or not set(fields) <= set(resource.columns) or not set(ref_fields) <= set(source.columns):
            return False
        lookup = {t for t in _tuples(source, ref_fields) if set(t) != {None}}
        for t in _tuples(resource, fields):
            # a value unequal to itself (NaN) is never found by frictionless: its lookup holds other objects
            if set(t) != {None} and (t not in lookup or any(v != v for v in t)):
                return False
    return True


def _clean(resource: _Resource, shaped: dict[str, _Resource | None], skip: set[str]) -> bool:
    columns = resource.columns.values()
    return (_no_blank_row(resource) and all(c.valid() for c in columns)
            and all(_unique(c) for c in columns if c.spec.constraints.get("unique"))
            and _primary_key(resource) and _foreign_keys(resource, shaped, skip))


def clean_resources(descriptor: dict, grids: dict[str, Grid], skip: set[str]) -> set[str]:
    """The names of the package's resources on which frictionless would certainly report nothing. `grids`: the
    reader's Grid of each resource read column-wise; `skip`: resources frictionless is not given
    (tables.usable_descriptor)."""
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict) and isinstance(r.get("name"), str)
                 and r["name"] not in skip]
    shaped: dict[str, _Resource | None] = {}
    for r in resources:
        try:
            shaped[r["name"]] = _shape(r["name"], r, grids.get(r["name"]))
        except Exception:  # anything unforeseen in a descriptor: frictionless reads it and says what is wrong
            shaped[r["name"]] = None
    clean = set()
    for name, resource in shaped.items():
        try:
            if resource is not None and _clean(resource, shaped, skip):
                clean.add(name)
        except Exception:  # a reader or a comparison that raises: frictionless decides, and reports it
            pass
    return clean
