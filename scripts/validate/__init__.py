"""Validate dataset folders: frictionless plus the project's rules. Bad data never raises; it yields Problems.

    result = validate_datasets()          # every folder under datasets/
    result.problems                       # [] when everything may be published
    result.datasets["observations"]       # the validated packages, tables read once, for the build
"""
from __future__ import annotations

import hashlib
import io
import json
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from scripts.atomic import write_atomic
from scripts.paths import DATASETS
from scripts.problems import Problem, sort_key
from scripts.validate import consistency, files, metadata
from scripts.validate.consistency import RULES as CONSISTENCY_RULES
from scripts.validate.rules import RULES, Context, Table
from scripts.validate.tables import run_frictionless
from scripts.validate.text import text_problem


@dataclass
class Dataset:
    name: str
    folder: Path
    descriptor: dict
    tables: dict[str, Table] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)


@dataclass
class Result:
    problems: list[Problem]
    datasets: dict[str, Dataset]

    @property
    def valid(self) -> bool:
        return not self.problems


def dataset_folders(root: Path = DATASETS) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


MAX_DEPTH = 64  # the shipped descriptors nest about 8 levels deep


def _depth(value) -> int:
    """How deeply lists and objects nest in parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (dict, list)):
            deepest = max(deepest, d)
            stack.extend((x, d + 1) for x in (v.values() if isinstance(v, dict) else v))
    return deepest


def load_descriptor(folder: Path) -> tuple[dict | None, list[Problem]]:
    path = folder / "datapackage.json"
    name = folder.name
    if not path.is_file():
        return None, [Problem(name, code="package-missing", detail=str(path.name))]
    if not path.resolve().is_relative_to(folder.resolve()):
        return None, [Problem(name, resource="datapackage.json", code="path-unsafe",
                              detail="datapackage.json là liên kết tượng trưng trỏ ra ngoài thư mục bộ dữ liệu")]
    raw = path.read_bytes()
    if raw.startswith(files.BOM):
        return None, [Problem(name, resource="datapackage.json", row=1, code="encoding-bom")]
    try:
        descriptor = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, [Problem(name, resource="datapackage.json", code="encoding-not-utf8", detail=str(exc)[:120])]
    except json.JSONDecodeError as exc:
        return None, [Problem(name, resource="datapackage.json", row=exc.lineno, code="package-json-invalid",
                              detail=f"dòng {exc.lineno}, cột {exc.colno}: {exc.msg}")]
    except RecursionError:
        return None, [Problem(name, resource="datapackage.json", code="package-json-invalid", detail="lồng nhau quá sâu")]
    if _depth(descriptor) > MAX_DEPTH:  # valid JSON, but deep enough to exhaust recursion in copy or frictionless
        return None, [Problem(name, resource="datapackage.json", code="package-invalid",
                              detail=f"lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)")]
    if not isinstance(descriptor, dict):
        return None, [Problem(name, resource="datapackage.json", code="package-invalid", detail="phải là một đối tượng JSON {…}")]
    if not isinstance(descriptor.get("resources"), list) or not descriptor["resources"]:
        return None, [Problem(name, field="resources", code="package-invalid", detail="thiếu danh sách resources")]
    return descriptor, []


def _read_table(dataset: Dataset, resource: dict, text: str) -> tuple[Table | None, list[Problem]]:
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    fields = schema.get("fields") if isinstance(schema.get("fields"), list) else []
    fields = [f for f in fields if isinstance(f, dict)]
    try:
        # Blank lines are kept while reading, then dropped, so the index still counts every row as frictionless does
        # (header = row 1): a problem after a blank row gets the right row number.
        # index_col=False: when the first row has more cells than the header, pandas would otherwise make the first
        # column the index and every row number wrong (frictionless reports the extra cells).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False, engine="c",
                             skip_blank_lines=False, index_col=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None, []  # frictionless reports the same file with its row and column
    df.columns = [str(c) for c in df.columns]
    blank = df.eq("").all(axis=1)
    if blank.any():
        df = df[~blank]
    return Table(dataset.name, str(resource.get("name", "")), df, fields, schema), []


def _check_package(folder: Path, max_bytes: int, cache: Path | None = None) -> tuple[Dataset | None, list[Problem]]:
    descriptor, problems = load_descriptor(folder)
    if descriptor is None:
        return None, problems
    name = folder.name
    problems += metadata.check_name(name, descriptor)
    problems += metadata.check_required(name, descriptor)
    problems += metadata.check_translations(name, descriptor)
    problems += consistency.descriptor_problems(name, descriptor)
    problems += [Problem(name, resource=r, field=k, code=c, detail=d)
                 for r, k, text in metadata.descriptor_texts(descriptor) for c, d in text_problem(text)]
    remote = files.remote_references(name, descriptor)
    problems += remote
    dataset = Dataset(name, folder, descriptor)
    skip = set()
    seen = Counter()
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict):
            problems.append(Problem(name, field="resources", code="package-invalid", detail="mỗi resource phải là một đối tượng"))
            continue
        rname = str(resource.get("name", ""))
        seen[rname] += 1
        problems += metadata.check_resource(name, resource)
        found = files.remote_references(name, resource, rname)
        if found:
            problems += found
            skip.add(rname)  # frictionless would fetch it; our own rules still read the file
        path, found = files.resolve_resource_path(name, rname, folder, resource.get("path"))
        problems += found
        if path is None:
            skip.add(rname)
            continue
        text, found = files.read_text(name, rname, path, max_bytes)
        problems += found
        if text is None or any(p.code in ("text-not-nfc",) for p in found):
            skip.add(rname)
            continue
        data = text.encode("utf-8")
        dataset.files[rname], dataset.sizes[rname] = path, len(data)
        dataset.hashes[rname] = hashlib.sha256(data).hexdigest()
        table, found = _read_table(dataset, resource, text)
        problems += found
        if table is not None:
            dataset.tables[rname] = table
    problems += [Problem(name, resource=r, field="name", code="package-invalid", detail=f"tên resource '{r}' lặp lại")
                 for r, n in seen.items() if n > 1]
    if not remote and not any(p.code in ("package-invalid",) for p in problems):
        problems += _frictionless_cached(name, folder, descriptor, skip, dataset.hashes, cache)
    return dataset, problems


CACHE_VERSION = "1"


def _frictionless_cached(name: str, folder: Path, descriptor: dict, skip: set[str], hashes: dict[str, str],
                         cache: Path | None) -> list[Problem]:
    """frictionless' problems, from `cache` when this descriptor and these data bytes were checked before.
    The build passes <root>/.cache/frictionless (row-by-row checks take minutes on millions of rows); the validate
    command passes nothing and always checks."""
    if cache is None:
        return run_frictionless(name, folder, descriptor, skip)
    import frictionless

    recipe = json.dumps([CACHE_VERSION, frictionless.__version__, name, descriptor, sorted(skip), sorted(hashes.items())],
                        sort_keys=True, ensure_ascii=False, default=str)
    path = cache / f"{hashlib.sha256(recipe.encode('utf-8')).hexdigest()[:40]}.json"
    if path.is_file():
        return [Problem(**p) for p in json.loads(path.read_text(encoding="utf-8"))]
    found = run_frictionless(name, folder, descriptor, skip)
    write_atomic(path, json.dumps([{"dataset": p.dataset, "resource": p.resource, "row": p.row, "field": p.field,
                                    "code": p.code, "detail": p.detail} for p in found], ensure_ascii=False).encode("utf-8"))
    return found


INTERNAL = "lỗi nội bộ của trình kiểm tra"  # marks a Problem that stands for a bug of ours (tests look for it)


def _internal(dataset: str, resource: str, step: str, exc: Exception) -> Problem:
    return Problem(dataset, resource=resource, code="data-error",
                   detail=f"{INTERNAL} ({step}: {type(exc).__name__}: {exc}); hãy báo cho nhóm kỹ thuật"[:300])


def validate_datasets(folders: list[Path] | None = None, *, min_count: int = 5, max_bytes: int = files.MAX_FILE_BYTES,
                      today: date | None = None, cache: Path | None = None) -> Result:
    """Validate dataset folders (all of datasets/ by default) and return every problem, sorted.
    `cache`: a folder where frictionless' results are kept by a hash of the descriptor and the data bytes."""
    folders = dataset_folders() if folders is None else [Path(f) for f in folders]
    problems: list[Problem] = []
    datasets: dict[str, Dataset] = {}
    names = Counter()
    for folder in folders:
        if folder.is_symlink():  # everything inside it would count as inside the dataset, wherever it points
            problems.append(Problem(folder.name, code="path-unsafe", detail=f"'{folder.name}' là liên kết tượng trưng"))
            continue
        if not folder.is_dir():
            problems.append(Problem(folder.name, code="package-missing", detail=f"'{folder}' không phải thư mục"))
            continue
        try:
            dataset, found = _check_package(folder, max_bytes, cache)
        except (OSError, RecursionError, MemoryError) as exc:
            dataset, found = None, [Problem(folder.name, code="source-error", detail=f"{type(exc).__name__}: {exc}"[:200])]
        except Exception as exc:  # a bug of ours on input nobody foresaw: still a problem, never a traceback
            dataset, found = None, [_internal(folder.name, "", "datapackage", exc)]
        problems += found
        if dataset is not None:
            declared = dataset.descriptor.get("name")
            names[declared if isinstance(declared, str) else folder.name] += 1
            datasets[folder.name] = dataset
    problems += [Problem(n, code="duplicate-dataset-name", detail=f"{c} thư mục khai báo name = '{n}'")
                 for n, c in names.items() if c > 1]
    ctx = Context({n: d.tables for n, d in datasets.items()}, min_count=min_count, today=today or date.today())
    for dataset in datasets.values():
        for table in dataset.tables.values():
            for rule in RULES + CONSISTENCY_RULES:
                try:
                    problems += rule(table, ctx)
                except Exception as exc:  # as above: the other rules still run
                    problems.append(_internal(dataset.name, table.resource, rule.__name__, exc))
    return Result(sorted(set(problems), key=sort_key), datasets)
