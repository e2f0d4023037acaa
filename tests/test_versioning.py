"""validate --base: changed data or schema needs a bumped version and a changelog entry. In a temporary git repo."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from scripts.cli import main
from scripts.paths import DATASETS
from scripts.validate.versioning import check_versions


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", *args], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(DATASETS, repo / "datasets", ignore=shutil.ignore_patterns("*.xlsx"))
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    git(repo, "add", "datasets")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def edit_json(path: Path, change) -> None:
    d = json.loads(path.read_text(encoding="utf-8"))
    change(d)
    path.write_text(json.dumps(d, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def change_a_value(repo: Path) -> None:
    csv = repo / "datasets/observations/data/observations.csv"
    text = csv.read_text(encoding="utf-8")
    assert ",5.4,,reported," in text
    csv.write_text(text.replace(",5.4,,reported,", ",5.5,,reported,", 1), encoding="utf-8")


def bump(version: str, entry: bool):
    def change(d):
        d["version"] = version
        if entry:
            d["changelog"].append({"version": version, "date": "2026-12-01", "description": "Sửa một giá trị.",
                                   "description_en": "Corrected a value."})
    return change


def relative(step: str) -> str:
    """A version of the observations dataset relative to its shipped one (so these tests outlive its next release)."""
    version = json.loads((DATASETS / "observations/datapackage.json").read_text(encoding="utf-8"))["version"]
    major, minor, patch = map(int, version.split("."))
    return {"minor": f"{major}.{minor + 1}.0", "patch": f"{major}.{minor}.{patch + 1}",
            "lower": f"{major - 1}.9.0"}[step]


def found(repo: Path, base: str = "main") -> set[tuple[str, str]]:
    return {(p.dataset, p.code) for p in check_versions(base, repo=repo)}


def test_nothing_changed_nothing_to_say(repo):
    assert found(repo) == set()


def test_changed_data_without_a_new_version(repo):
    change_a_value(repo)
    problems = check_versions("main", repo=repo)
    assert [(p.dataset, p.code, p.field) for p in problems] == [("observations", "version-not-bumped", "version")]
    assert "observations: dữ liệu" in problems[0].detail
    assert problems[0].detail_en.startswith("observations: data changed since main, but the version is ")


def test_new_version_without_its_changelog_entry(repo):
    change_a_value(repo)
    edit_json(repo / "datasets/observations/datapackage.json", bump(relative("minor"), entry=False))
    assert found(repo) == {("observations", "changelog-missing")}


def test_new_version_with_its_changelog_entry(repo):
    change_a_value(repo)
    edit_json(repo / "datasets/observations/datapackage.json", bump(relative("patch"), entry=True))
    assert found(repo) == set()


def test_a_lower_version_is_not_a_bump(repo):
    change_a_value(repo)
    edit_json(repo / "datasets/observations/datapackage.json", bump(relative("lower"), entry=True))
    assert found(repo) == {("observations", "version-not-bumped")}


def test_committed_changes_are_compared_with_the_base_ref(repo):
    git(repo, "switch", "-q", "-c", "cap-nhat")
    change_a_value(repo)
    git(repo, "commit", "-q", "-am", "change a value")
    assert found(repo, "main") == {("observations", "version-not-bumped")}
    assert found(repo, "HEAD") == set()


def test_schema_structure_counts_documentation_does_not(repo):
    pkg = repo / "datasets/documents/datapackage.json"

    def retitle(d):
        d["resources"][0]["schema"]["fields"][0]["description"] = "Mã văn bản (đã sửa lời)."
        d["description"] = d["description"] + " Sửa lời."
    edit_json(pkg, retitle)
    assert found(repo) == set()

    def constrain(d):
        d["resources"][0]["schema"]["fields"][1]["constraints"] = {"required": True}
    edit_json(pkg, constrain)
    problems = check_versions("main", repo=repo)
    assert [(p.dataset, p.code) for p in problems] == [("documents", "version-not-bumped")]
    assert "documents: lược đồ" in problems[0].detail
    assert "documents: schema changed since main" in problems[0].detail_en


def test_a_removed_resource_is_a_change(repo):
    pkg = repo / "datasets/programme-targets/datapackage.json"
    edit_json(pkg, lambda d: d["resources"][0].update(path="data/goals-renamed.csv"))
    assert found(repo) == {("programme-targets", "version-not-bumped")}


def test_a_new_dataset_needs_no_bump(repo):
    from scripts.scaffold import create_dataset

    folder, problems = create_dataset("so-lieu-moi", repo / "datasets")
    assert problems == [] and folder is not None
    assert found(repo) == set()


@pytest.mark.parametrize("base", ["no-such-branch", "-p", ""])
def test_an_unknown_base_is_a_problem(repo, base):
    assert found(repo, base) == {("datasets", "version-base-unknown")}


def test_outside_a_git_repository(tmp_path):
    shutil.copytree(DATASETS / "documents", tmp_path / "datasets" / "documents")
    assert {p.code for p in check_versions("main", repo=tmp_path)} == {"version-base-unknown"}


def test_cli_validate_base(repo, monkeypatch):
    """python -m scripts validate --base REF, run against the temporary repository."""
    monkeypatch.setattr(check_versions, "__defaults__", (None, repo))
    folders = [str(p) for p in sorted((repo / "datasets").iterdir())]
    out = CliRunner().invoke(main, ["validate", *folders, "--base", "main", "--format", "json"])
    assert out.exit_code == 0, out.output
    change_a_value(repo)
    out = CliRunner().invoke(main, ["validate", *folders, "--base", "main", "--format", "json"])
    assert out.exit_code == 1
    assert [(p["dataset"], p["code"]) for p in json.loads(out.output)["problems"]] == [
        ("observations", "version-not-bumped")]
    out = CliRunner().invoke(main, ["validate", *folders, "--base", "no-such-ref", "--format", "markdown"])
    assert out.exit_code == 1 and "version-base-unknown" in out.output
