"""Validate dataset folders: frictionless plus the project's rules. Bad data never raises; it yields Problems.

    result = validate_datasets()          # every folder under datasets/
    result.problems                       # [] when everything may be published
    result.datasets["observations"]       # the validated packages, tables read once, for the build
"""
from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scripts.atomic import write_atomic
from scripts.paths import DATASETS
from scripts.problems import Problem, as_is, details, shown, sort_key, thousands
from scripts.validate import archive, consistency, files, metadata, reader
from scripts.validate import columnar as columnar_checks
from scripts.validate.consistency import RULES as CONSISTENCY_RULES
from scripts.validate.rules import RULES, Context, Table
from scripts.validate.tables import run_frictionless
from scripts.validate.text import CONTROL, MAX_CELL_CHARS, control, control_cells, control_detail, long_detail, text_problem
from scripts.sdmx.rules import RULES as SDMX_RULES


@dataclass
class Dataset:
    name: str
    folder: Path
    descriptor: dict
    tables: dict[str, Table] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    texts: dict[str, bytes] = field(default_factory=dict)  # README.md, LICENSE… as validated (files.dataset_texts)
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
MAX_DESCRIPTOR_BYTES = 2 * 1024 * 1024  # the shipped datapackage.json files are under 20 KB


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
        return None, [Problem(name, code="package-missing", **as_is(str(path.name)))]
    if not path.resolve().is_relative_to(folder.resolve()):
        return None, [Problem(name, resource="datapackage.json", code="path-unsafe",
                              **details("datapackage.json là liên kết tượng trưng trỏ ra ngoài thư mục bộ dữ liệu",
                                        "datapackage.json is a symbolic link that points outside the dataset folder"))]
    size = path.stat().st_size
    if size > MAX_DESCRIPTOR_BYTES:  # never read: a 200 MB description would be parsed, then copied into every page
        return None, [Problem(name, resource="datapackage.json", code="file-too-large",
                              **details(f"{thousands(size)} byte, giới hạn {thousands(MAX_DESCRIPTOR_BYTES)} byte",
                                        f"{size:,} bytes, the limit is {MAX_DESCRIPTOR_BYTES:,} bytes"))]
    raw = path.read_bytes()
    if raw.startswith(files.BOM):
        return None, [Problem(name, resource="datapackage.json", row=1, code="encoding-bom")]
    try:
        descriptor = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, [Problem(name, resource="datapackage.json", code="encoding-not-utf8", **as_is(str(exc)[:120]))]
    except json.JSONDecodeError as exc:
        return None, [Problem(name, resource="datapackage.json", row=exc.lineno, code="package-json-invalid",
                              **details(f"dòng {exc.lineno}, cột {exc.colno}: {exc.msg}",
                                        f"line {exc.lineno}, column {exc.colno}: {exc.msg}"))]
    except RecursionError:
        return None, [Problem(name, resource="datapackage.json", code="package-json-invalid",
                              **details("lồng nhau quá sâu", "nested too deeply"))]
    if _depth(descriptor) > MAX_DEPTH:  # valid JSON, but deep enough to exhaust recursion in copy or frictionless
        return None, [Problem(name, resource="datapackage.json", code="package-invalid",
                              **details(f"lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)",
                                        f"nested too deeply (more than {MAX_DEPTH} levels)"))]
    if not isinstance(descriptor, dict):
        return None, [Problem(name, resource="datapackage.json", code="package-invalid",
                              **details("phải là một đối tượng JSON {…}", "must be a JSON object {…}"))]
    if not isinstance(descriptor.get("resources"), list) or not descriptor["resources"]:
        return None, [Problem(name, field="resources", code="package-invalid",
                              **details("thiếu danh sách resources", "the list of resources is missing"))]
    problems = files.inline_references(name, descriptor, folder)  # a schema or dialect given as a path, read safely
    if _depth(descriptor) > MAX_DEPTH:
        return None, [Problem(name, resource="datapackage.json", code="package-invalid",
                              **details(f"lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)",
                                        f"nested too deeply (more than {MAX_DEPTH} levels)"))]
    return descriptor, problems + _descriptor_strings(name, descriptor)


def _descriptor_strings(name: str, descriptor: dict) -> list[Problem]:
    """Every string in the descriptor, keys included, against what the pages and the XLSX writer can hold: no
    control character (tab and line breaks allowed), no U+2028/U+2029, no more than a spreadsheet cell's length."""
    problems = []
    stack = [(v, "", k) for k, v in descriptor.items() if k != "resources"] + [(k, "", k) for k in descriptor]
    stack += [(r, str(r.get("name", "")) if isinstance(r, dict) else "", "resources") for r in descriptor["resources"]]
    while stack:
        value, resource, key = stack.pop()
        if isinstance(value, dict):
            stack.extend((v, resource, k) for k, v in value.items())
            stack.extend((k, resource, key) for k in value)
        elif isinstance(value, list):
            stack.extend((v, resource, key) for v in value)
        elif isinstance(value, str):
            where = dict(resource=resource, field=key)
            if len(value) > MAX_CELL_CHARS:
                problems.append(Problem(name, **where, code="text-too-long", **long_detail(len(value))))
            if control.search(value):
                problems.append(Problem(name, **where, code="control-character", **control_detail(value)))
    return problems


def _referenced(value) -> dict | None:
    """A resource's schema or dialect as a dict. One given as a path was read safely and put inline when the
    descriptor was loaded (files.inline_references); one that could not be read is None, and its problem is said."""
    return value if isinstance(value, dict) else None


def _read_table(dataset: Dataset, resource: dict, fmt: str, data: bytes,
                text: str) -> tuple[Table | None, list[Problem], reader.Grid | None]:
    """The table as frictionless reads it (scripts/validate/reader.py), with the schema's fields for the rules, and
    the Arrow cells of a plain CSV for the columnar checks."""
    rname = str(resource.get("name", ""))
    schema = _referenced(resource.get("schema")) or {}
    dialect = _referenced(resource.get("dialect"))
    fields = schema.get("fields") if isinstance(schema.get("fields"), list) else []
    fields = [f for f in fields if isinstance(f, dict)]
    df, found, grid = reader.read_table(data, text, fmt, resource, dialect, schema or None)
    problems = [Problem(dataset.name, resource=rname, row=row, field=column, code=code, **detail)
                for code, row, column, detail in found]
    if df is None:
        return None, problems, None
    table = Table(dataset.name, rname, df, fields, schema)
    # A CSV cell is a piece of the text: no control character there, none in a cell (a Grid: in no distinct cell).
    if fmt == "json" or (grid.matches(CONTROL) if grid is not None else control.search(text)):
        problems += [table.problem(i, column, "control-character", **detail) for i, column, detail in control_cells(df)]
    return table, problems, grid


def _integrity(name: str, rname: str, resource: dict, data: bytes) -> list[Problem]:
    """The file against the size (bytes) and hash the descriptor declares: the check that a published file is the
    one described. frictionless knows md5 and sha256 ('sha256:…', or a bare md5), and so does this."""
    out = []
    declared = resource.get("bytes")
    if isinstance(declared, int) and not isinstance(declared, bool) and declared != len(data):
        out.append(Problem(name, resource=rname, field="bytes", code="bytes-mismatch",
                           **details(f"khai báo {thousands(declared)} byte, tệp có {thousands(len(data))} byte",
                                     f"declared {declared:,} bytes, the file has {len(data):,} bytes")))
    declared = resource.get("hash")
    if isinstance(declared, str) and declared:
        algorithm, _, expected = declared.rpartition(":") if ":" in declared else ("md5", "", declared)
        if algorithm in ("md5", "sha256"):
            actual = hashlib.new(algorithm, data).hexdigest()
            if actual != expected:
                out.append(Problem(name, resource=rname, field="hash", code="hash-mismatch",
                                   **details(f"khai báo {algorithm} {shown(expected, 80)}, tệp có {algorithm} {actual}",
                                             f"declared {algorithm} {shown(expected, 80)}, the file has {algorithm} {actual}")))
    return out


def _check_package(folder: Path, max_bytes: int, cache: Path | None = None, publish: bool = True,
                   fast: bool = True) -> tuple[Dataset | None, list[Problem]]:
    descriptor, problems = load_descriptor(folder)
    if descriptor is None:
        return None, problems
    references = {p.resource for p in problems if p.resource}  # a schema or dialect that could not be read
    name = folder.name
    problems += metadata.check_name(name, descriptor)
    problems += metadata.check_required(name, descriptor)
    problems += metadata.check_translations(name, descriptor)
    problems += consistency.descriptor_problems(name, descriptor)
    problems += [Problem(name, resource=r, field=k, code=c, **as_is(d))
                 for r, k, text in metadata.descriptor_texts(descriptor) for c, d in text_problem(text)]
    remote = files.remote_references(name, descriptor)
    problems += remote
    texts, found = files.dataset_texts(name, folder)
    problems += found
    dataset = Dataset(name, folder, descriptor, texts=texts)
    skip, unread = set(references), set()
    grids: dict[str, reader.Grid] = {}
    seen = Counter()
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict):
            problems.append(Problem(name, field="resources", code="package-invalid",
                                    **details("mỗi resource phải là một đối tượng", "each resource must be an object")))
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
        fmt, why = reader.resource_format(resource, str(resource["path"]), publish)
        if why:  # never decoded as text: a workbook or an archive is not 'a file that is not UTF-8'
            problems.append(Problem(name, resource=rname, code="format-unsupported", **why))
            skip.add(rname)
            continue
        data, text, found = files.read_data(name, rname, path, max_bytes)
        if fmt == "json":  # line breaks between JSON values are whitespace, not rows
            found = [p for p in found if p.code != "line-endings-mixed"]
        problems += found
        if text is None or any(p.code in ("text-not-nfc",) for p in found):
            skip.add(rname)
            continue
        dataset.files[rname], dataset.sizes[rname] = path, len(data)
        dataset.hashes[rname] = hashlib.sha256(data).hexdigest()
        problems += _integrity(name, rname, resource, data)
        if fmt is None:
            continue  # the descriptor's format is not a string: frictionless reports it
        table, found, grid = _read_table(dataset, resource, fmt, data, text)
        problems += found
        if grid is not None and seen[rname] == 1:
            grids[rname] = grid
        if table is not None:
            dataset.tables[rname] = table
        elif any(p.code == "header-too-wide" for p in found):
            skip.add(rname)  # frictionless would build the whole header before it could say anything
        elif not found:
            unread.add(rname)
    problems += [Problem(name, resource=r, field="name", code="package-invalid",
                         **details(f"tên resource '{r}' lặp lại", f"resource name '{r}' repeats"))
                 for r, n in seen.items() if n > 1]
    if not remote and not any(p.code in ("package-invalid",) for p in problems):
        clean = columnar_checks.clean_resources(descriptor, grids, skip) if fast else set()
        problems += _frictionless_cached(name, folder, descriptor, skip, dataset.hashes, cache, clean)
    # A table the rules could not read is never published unchecked: frictionless says why, or this does.
    problems += [Problem(name, resource=r, code="source-error", **details(
                         "bảng không đọc được để kiểm tra theo các quy tắc của dự án (cột thông tin cá nhân, số nhỏ…)",
                         "the table could not be read to check it against the project's rules (personal data "
                         "columns, small counts…)")) for r in sorted(unread)
                 if not any(p.resource == r or (not p.resource and p.code != "dataset-absent") for p in problems)]
    return dataset, problems


def _frictionless_cached(name: str, folder: Path, descriptor: dict, skip: set[str], hashes: dict[str, str],
                         cache: Path | None, clean: set[str]) -> list[Problem]:
    """frictionless' problems on the resources not found clean by the columnar checks, from `cache` when this
    descriptor and these data bytes were checked before. The build passes <root>/.cache/frictionless (row-by-row
    checks take minutes on millions of rows when a resource has problems); the validate command passes nothing and
    always checks."""
    if cache is None:
        return run_frictionless(name, folder, descriptor, skip, clean)
    from scripts.cache import code_digest  # the code and frictionless' version: never a stale answer

    recipe = json.dumps([code_digest(), name, descriptor, sorted(skip), sorted(hashes.items()),
                         sorted(clean)], sort_keys=True, ensure_ascii=False, default=str)
    path = cache / f"{hashlib.sha256(recipe.encode('utf-8')).hexdigest()[:40]}.json"
    if path.is_file():
        return [Problem(**p) for p in json.loads(path.read_text(encoding="utf-8"))]
    found = run_frictionless(name, folder, descriptor, skip, clean)
    write_atomic(path, json.dumps([{"dataset": p.dataset, "resource": p.resource, "row": p.row, "field": p.field,
                                    "code": p.code, "detail": p.detail, "detail_en": p.detail_en} for p in found],
                                   ensure_ascii=False).encode("utf-8"))
    return found


INTERNAL = "lỗi nội bộ của trình kiểm tra"  # marks a Problem that stands for a bug of ours (tests look for it)
INTERNAL_EN = "internal error of the validator"


def _internal(dataset: str, resource: str, step: str, exc: Exception) -> Problem:
    return Problem(dataset, resource=resource, code="data-error",
                   **details(f"{INTERNAL} ({step}: {type(exc).__name__}: {exc}); hãy báo cho nhóm kỹ thuật"[:300],
                             f"{INTERNAL_EN} ({step}: {type(exc).__name__}: {exc}); please tell the technical team"[:300]))


def _publishes(folder: Path) -> bool:
    """Whether a folder is a dataset of this repository (datasets/<name>), which the site publishes."""
    try:
        return folder.parent.resolve() == DATASETS.resolve()
    except OSError:
        return False


def validate_datasets(folders: list[Path] | None = None, *, min_count: int = 5, max_bytes: int = files.MAX_FILE_BYTES,
                      today: date | None = None, cache: Path | None = None, publish: bool | None = True,
                      columnar: bool | None = None) -> Result:
    """Validate dataset folders (all of datasets/ by default) and return every problem, sorted.
    `cache`: a folder where frictionless' results are kept by a hash of the descriptor and the data bytes.
    `columnar`: a resource the columnar checks (scripts/validate/columnar.py) find clean is not read by frictionless
    again; one where they find anything is, so the problems are the same either way. On by default; False, or the
    environment variable VALIDATE_COLUMNAR=0, has frictionless read every resource.
    `publish`: the datasets are to be published (the default, and what the build does): their tables must be in a
    format the site publishes (scripts/formats.py PUBLISHED); False reads every READABLE format, with every rule;
    None decides for each folder: published when it is in this repository's datasets/."""
    folders = dataset_folders() if folders is None else [Path(f) for f in folders]
    fast = columnar_checks.enabled(columnar)
    problems: list[Problem] = []
    datasets: dict[str, Dataset] = {}
    names = Counter()
    for folder in folders:
        if folder.is_symlink():  # everything inside it would count as inside the dataset, wherever it points
            problems.append(Problem(folder.name, code="path-unsafe", **details(
                f"'{folder.name}' là liên kết tượng trưng", f"'{folder.name}' is a symbolic link")))
            continue
        if not folder.is_dir():
            problems.append(Problem(folder.name, code="package-missing",
                                    **details(f"'{folder}' không phải thư mục", f"'{folder}' is not a folder")))
            continue
        try:
            dataset, found = _check_package(folder, max_bytes, cache, _publishes(folder) if publish is None else publish,
                                            fast)
        except (OSError, RecursionError, MemoryError) as exc:
            dataset, found = None, [Problem(folder.name, code="source-error",
                                            **as_is(f"{type(exc).__name__}: {exc}"[:200]))]
        except Exception as exc:  # a bug of ours on input nobody foresaw: still a problem, never a traceback
            dataset, found = None, [_internal(folder.name, "", "datapackage", exc)]
        problems += found
        if dataset is not None:
            declared = dataset.descriptor.get("name")
            names[declared if isinstance(declared, str) else folder.name] += 1
            datasets[folder.name] = dataset
    problems += [Problem(n, code="duplicate-dataset-name",
                         **details(f"{c} thư mục khai báo name = '{n}'", f"{c} folders declare name = '{n}'"))
                 for n, c in names.items() if c > 1]
    ctx = Context({n: d.tables for n, d in datasets.items()}, min_count=min_count, today=today or date.today())
    for dataset in datasets.values():
        for table in dataset.tables.values():
            for rule in RULES + CONSISTENCY_RULES + SDMX_RULES:
                try:
                    problems += rule(table, ctx)
                except Exception as exc:  # as above: the other rules still run
                    problems.append(_internal(dataset.name, table.resource, rule.__name__, exc))
    return Result(sorted(set(problems), key=sort_key), datasets)


def _rename_to_package(folder: Path) -> Path:
    """A dataset unpacked from '<anything>.zip' goes into a folder named as its datapackage.json says (the site's
    ZIPs are named so already), so a renamed download is not reported as name-mismatch."""
    try:
        declared = json.loads((folder / "datapackage.json").read_text(encoding="utf-8")).get("name")
    except (OSError, ValueError, AttributeError, RecursionError):
        return folder
    if isinstance(declared, str) and metadata.KEBAB.match(declared) and declared != folder.name:
        target = folder.with_name(declared)
        if not target.exists():
            return folder.rename(target)
    return folder


def discover(path: Path, work: Path) -> tuple[list[Path], list[Problem]]:
    """The dataset folders a path given to `validate` stands for: a dataset folder; a folder of datasets
    (datasets/, an unpacked all-data.zip, anywhere); a ZIP of either, unpacked safely into `work`."""
    if path.is_symlink() or not path.exists():
        return [path], []  # validate_datasets says why: a link, or nothing there
    if path.is_file():
        if path.suffix.lower() != ".zip" and not zipfile.is_zipfile(path):
            return [], [Problem(path.name, code="package-missing",
                                **details(f"'{path.name}' không phải thư mục bộ dữ liệu hay tệp ZIP",
                                          f"'{path.name}' is neither a dataset folder nor a ZIP file"))]
        dest = work / str(len(list(work.iterdir()))) / (path.stem or "zip")
        dest.mkdir(parents=True)
        try:
            archive.unpack(path, dest)
        except archive.ArchiveRefused as exc:
            return [], [exc.problem]
        if (dest / "datapackage.json").is_file():
            return [_rename_to_package(dest)], []
        return discover(dest, work)
    if path.is_dir() and not (path / "datapackage.json").exists():
        inside = [f for f in dataset_folders(path) if (f / "datapackage.json").exists() or f.is_symlink()]
        if inside:
            return inside, []
    return [path], []


def validate_paths(paths: list[Path], **options) -> Result:
    """Validate what `python -m scripts validate PATH…` is given: dataset folders, folders of datasets and ZIPs
    (what a person downloads from the site), all together so references between them resolve. A folder of this
    repository's datasets/ must be publishable; a copy from elsewhere may be in any readable format."""
    with tempfile.TemporaryDirectory(prefix="validate-") as tmp:
        folders, problems = [], []
        for path in paths:
            found, refused = discover(Path(path), Path(tmp))
            folders += found
            problems += refused
        result = validate_datasets(folders, publish=None, **options)
        return Result(sorted(set(problems) | set(result.problems), key=sort_key), result.datasets)
