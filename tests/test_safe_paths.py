"""No file outside its dataset is ever read or published (issue 15, finding 1).

README.md, LICENSE, a schema or dialect given as a path, and the data files all go through one safe-path function:
a symbolic link, or a path that resolves outside the dataset folder, is refused. The ZIP and site writers take only
what the validator accepted. The committed cases (tests/validation/cases/*-symlink-*, schema-path-*) pin the codes;
the tests here build what cannot be committed (a link to the repository's own .git/config) and check that nothing of
the outside file reaches a report or a download.
"""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from scripts import downloads
from scripts.context import Context
from scripts.paths import DATASETS
from scripts.validate import validate_datasets
from scripts.validate.files import safe_file

TOKEN = "SYNTHETIC-TOKEN-0123456789"
GIT_CONFIG = f'[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic {TOKEN}\n'

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


def repo_with_dataset(tmp_path: Path, name: str = "child-protection-channels") -> tuple[Path, Path]:
    """A repository-like folder: .git/config holding a (synthetic) token, and one shipped dataset copied in."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text(GIT_CONFIG, encoding="utf-8")
    folder = root / "datasets" / name
    shutil.copytree(DATASETS / name, folder)
    return root, folder


def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_a_readme_linked_to_git_config_is_refused(tmp_path):
    root, folder = repo_with_dataset(tmp_path)
    (folder / "README.md").unlink()
    (folder / "README.md").symlink_to("../../.git/config")
    result = validate_datasets([folder])
    assert [(p.code, p.resource) for p in result.problems] == [("path-unsafe", "README.md")]
    assert TOKEN not in repr(result.problems)
    assert "README.md" not in result.datasets[folder.name].texts


def test_the_zip_holds_the_readme_the_validator_read(tmp_path):
    """Swapping README.md for a link after validation changes nothing: the writers never open the folder again."""
    root, folder = repo_with_dataset(tmp_path)
    readme = (folder / "README.md").read_bytes()
    result = validate_datasets([folder])
    assert result.problems == []
    (folder / "README.md").unlink()
    (folder / "README.md").symlink_to("../../.git/config")
    ds = result.datasets[folder.name]
    members = zip_members(downloads.dataset_files(ds, CTX.site_url)[f"{ds.name}.zip"])
    assert members["README.md"] == readme
    assert not any(TOKEN.encode() in data for data in members.values())
    everything = zip_members(downloads.all_data_zip({ds.name: ds}, {ds.name: downloads.dataset_files(ds, CTX.site_url)}, CTX.site_url))
    assert not any(TOKEN.encode() in data for data in everything.values())


def test_a_schema_linked_out_of_the_folder_leaks_none_of_its_field_names(tmp_path):
    case = Path(__file__).parent / "validation" / "cases" / "schema-path-symlink-out"
    shutil.copytree(case, tmp_path / "case", symlinks=True)
    problems = validate_datasets([tmp_path / "case" / "ds"]).problems
    assert [(p.code, p.resource, p.field) for p in problems] == [("path-unsafe", "counts", "schema")]
    assert "outside_field_name" not in repr(problems)


def test_safe_file_refuses_every_way_out(tmp_path):
    folder = tmp_path / "ds"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "a.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "outside.csv").write_text("x\n", encoding="utf-8")
    (folder / "link.csv").symlink_to("data/a.csv")
    (folder / "linked-dir").symlink_to("data", target_is_directory=True)
    (folder / "out.csv").symlink_to("../outside.csv")

    def codes(rel):
        path, problems = safe_file("ds", folder, rel, resource="r", field="path")
        return path, [p.code for p in problems]

    assert codes("data/a.csv") == (folder / "data" / "a.csv", [])
    for rel in ("link.csv", "linked-dir/a.csv", "out.csv", "../outside.csv", "/etc/passwd", "https://x.invalid/a.csv",
                "data/../../outside.csv", "C:\\a.csv"):
        assert codes(rel) == (None, ["path-unsafe"]), rel
    assert codes("data") == (None, ["file-missing"])  # a folder is not a file
    assert codes("data/none.csv") == (None, ["file-missing"])
