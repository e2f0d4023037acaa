"""Mutation testing (mutmut) of the code that decides what readers are told and what input is refused.

    python -m scripts.mutation                  # every module in MODULES (make mutation)
    python -m scripts.mutation progress fmt     # some of them (make mutation MODULE="progress fmt"), survivors shown

mutmut changes the code one small step at a time (`<` to `<=`, a string to another, an argument dropped) and runs
the module's tests against each change, a *mutant*. A mutant that no test notices has *survived*: a bug the tests
would let through. Prints, per module, a summary and `mutation-score-<module>: N` (the percentage of mutants killed),
then `mutation-score-total: N` over all the mutants run.

MODULES below is the one list of modules and, for each, the tests that cover it: fast tests only (unit tests and
small models), since they run once per mutant; tests that read a whole built site are marked `slow` by
tests/conftest.py and left out, and so are the browser tests. mutmut runs, for each mutant, only the listed tests
that call the changed function, in a copy of the project under .cache/mutation/<module>/ (each run starts afresh).

mutmut changes code inside functions and methods only: values set at module level (thresholds, tables, compiled
patterns) are not mutated, so the tests of what they decide have to be written by reading them.

A mutant that changes nothing a reader or a caller could ever see (an *equivalent* mutant) cannot be killed. It is
listed in EQUIVALENT (tests/mutation-equivalent.txt), one line each, as

    <fingerprint>  <where>  <why it changes nothing>

where <fingerprint> is printed beside every survivor (a hash of the function's name and the changed lines, so it
stays the same when other code moves), <where> is `file:function`, said for people, and <why> is required. A listed
mutant counts neither as killed nor as survived. A listed mutant that a test now kills is reported as such: remove
its line.
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from scripts.paths import CACHE, GENERATED_DIRS, GENERATED_FILES, ROOT


@dataclass(frozen=True)
class Module:
    path: str                # the file mutated, relative to the project
    tests: tuple[str, ...]   # the test files (or node ids) whose fast tests cover it
    why: str = ""            # what the module decides, for the reader of this table
    # False when a test's setup cannot be forked once used (vl-convert's JavaScript runtime hangs in a forked copy):
    # each mutant then runs in a process forked from one that has only imported the tests, not run them.
    fork_safe: bool = True


# The modules that decide what readers are told and what input is refused, and the fast tests of each.
MODULES: dict[str, Module] = {
    "decide": Module("scripts/model/decide.py",
                     ("tests/test_decide.py", "tests/test_truth.py"),
                     "status, latest value, comparison target"),
    "wording": Module("scripts/wording.py", ("tests/test_wording.py", "tests/test_truth.py"), "the sentences"),
    # The tests of tests/test_charts.py that read the shipped datasets take seconds each: only its fast ones here.
    "charts": Module("scripts/charts.py",
                     ("tests/test_chart_specs.py", "tests/test_chart_values.py",
                      *(f"tests/test_charts.py::{name}" for name in (
                          "test_the_layouts_differ_as_a_phone_needs",
                          "test_targets_far_apart_get_their_full_label_next_to_their_line",
                          "test_wrapped_lines_fit_keep_every_word_and_are_balanced",
                          "test_the_picture_offers_the_small_chart_to_small_screens_with_one_text_alternative",
                          "test_svg_size_reads_the_rendered_size"))),
                     "chart specs and their text description", fork_safe=False),
    "pages": Module("scripts/pages.py",
                    ("tests/test_page_decisions.py", "tests/test_page_text.py", "tests/test_truth.py", "tests/test_i18n.py",
                     "tests/test_language.py"),
                    "what each page says"),
    "progress": Module("scripts/progress.py", ("tests/test_progress.py", "tests/test_properties.py"),
                       "progress status towards a target"),
    "fmt": Module("scripts/fmt.py",
                  ("tests/test_fmt.py", "tests/test_properties.py", "tests/test_truth.py"),
                  "numbers, dates, escaping, links"),
    "rules": Module("scripts/validate/rules.py", ("tests/test_rules.py", "tests/validation/test_validation_corpus.py"),
                    "validation rules"),
    "consistency": Module("scripts/validate/consistency.py",
                          ("tests/test_consistency.py", "tests/validation/test_validation_corpus.py"),
                          "validation rules across fields"),
    "files": Module("scripts/validate/files.py",
                    ("tests/test_files.py", "tests/validation/test_validation_corpus.py", "tests/test_safe_paths.py"),
                    "which files are read, and how safely"),
}

EQUIVALENT = ROOT / "tests" / "mutation-equivalent.txt"
WORK = CACHE / "mutation"
# What the tests read besides the code and the tests (copied; generated pages under docs/ are left out).
DATA = ("datasets", "docs", "overrides", "mkdocs.yml")
# Each run of the tests gets its own temporary folder (--basetemp, below): pytest removes all but the newest few
# folders of /tmp/pytest-of-<user>, and mutmut runs the tests hundreds of times.
PYTEST_ARGS = ("-m", "not slow and not browser", "-p", "no:cacheprovider", "-W", "ignore")
KILLED = {"killed", "timeout", "caught by type check"}


@dataclass
class Mutant:
    name: str
    status: str
    fingerprint: str = ""
    where: str = ""
    diff: list[str] = field(default_factory=list)


@dataclass
class Result:
    module: str
    mutants: list[Mutant]
    seconds: float
    equivalent: set[str]

    def count(self) -> Counter:
        c = Counter()
        for m in self.mutants:
            c["equivalent" if m.fingerprint in self.equivalent and m.status not in KILLED
              else "killed" if m.status in KILLED else "survived"] += 1
        return c

    def survivors(self) -> list[Mutant]:
        return [m for m in self.mutants if m.status not in KILLED and m.fingerprint not in self.equivalent]


def read_equivalent(path: Path = EQUIVALENT) -> dict[str, str]:
    """fingerprint → the line that lists it. A line without a reason is an error: an equivalent mutant is a claim."""
    listed = {}
    if not path.exists():
        return listed
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 3:
            shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            raise SystemExit(f"{shown}:{number}: expected `<fingerprint>  <where>  <why>`: {line!r}")
        listed[parts[0]] = line
    return listed


def prepare(name: str, module: Module) -> Path:
    """A fresh folder that looks like the project to mutmut, with a setup.cfg naming the module and its tests."""
    work = WORK / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for link in ("scripts", "tests", "pyproject.toml"):  # mutmut copies these into work/mutants/
        (work / link).symlink_to(ROOT / link)
    # mutmut copies tests/ following symbolic links, but the validation corpus has cases that ARE links (a data file
    # that is a link must be refused): copied first as they are, mutmut's copy then rewrites each file in place.
    shutil.copytree(ROOT / "tests", work / "mutants" / "tests", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "screenshots"))
    skip = {f"docs/{p}" for p in GENERATED_DIRS + GENERATED_FILES}
    for item in DATA:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, work / item, ignore=lambda folder, names: [
                n for n in names if (Path(folder) / n).relative_to(ROOT).as_posix() in skip or n == "__pycache__"])
        elif source.exists():
            shutil.copy2(source, work / item)

    def lines(values) -> str:
        return "".join(f"\n    {v}" for v in values)

    (work / "setup.cfg").write_text(
        "[mutmut]\n"
        "source_paths = scripts\n"
        f"only_mutate = {module.path}\n"
        f"also_copy ={lines(DATA)}\n"
        f"pytest_add_cli_args_test_selection ={lines(module.tests)}\n"
        f"pytest_add_cli_args ={lines(PYTEST_ARGS + ('--basetemp', str(work / 'pytest-tmp')))}\n"
        + ("" if module.fork_safe else "process_isolation = forkserver\n") +
        "use_git_change_detection = false\n"
        "track_dependencies = false\n", encoding="utf-8")
    return work


def function_lines(path: Path) -> dict[str, int]:
    """'function' or 'Class.method' → the line of its `def`."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[node.name] = node.lineno
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found[f"{node.name}.{item.name}"] = item.lineno
    return found


def function_of(mutant_name: str) -> str:
    """scripts.progress.x_assess__mutmut_3 → 'assess'; ...xǁLatestǁyear__mutmut_1 → 'Latest.year'."""
    mangled = mutant_name.partition("__mutmut_")[0].rpartition(".")[2]
    if mangled.startswith("xǁ"):
        return ".".join(mangled[2:].split("ǁ"))
    return mangled.removeprefix("x_")


def fingerprint(function: str, changed: list[str], seen: Counter) -> str:
    """A short hash of the function's name and the changed lines; when the same change is made to a line repeated in
    the function, the second one's hash takes its rank too (mutmut numbers mutants in the order of the source)."""
    key = "\n".join([function, *changed])
    seen[key] += 1
    if seen[key] > 1:
        key += f"\n#{seen[key]}"
    return hashlib.sha256(key.encode()).hexdigest()[:10]


def describe(mutant: Mutant, module: Module, work: Path, defs: dict[str, int], seen: Counter) -> None:
    """Fill in the mutant's changed lines, fingerprint and place in the file."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    with contextlib.chdir(work):
        diff = get_diff_for_mutant(mutant.name, path=Path(module.path)).splitlines()
    function = function_of(mutant.name)
    changed, line, offset = [], None, 0
    for text in diff:
        if text.startswith(("---", "+++")):
            continue
        if text.startswith("@@"):
            offset = int(text.split()[1].split(",")[0].lstrip("-")) - 1
            continue
        if text.startswith(("-", "+")):
            changed.append(text[0] + " " + " ".join(text[1:].split()))
            if line is None:
                line = offset
        if not text.startswith("+"):
            offset += 1
    mutant.diff = changed
    mutant.fingerprint = fingerprint(function, changed, seen)
    start = defs.get(function)
    mutant.where = f"{module.path}:{start + (line or 0) if start else '?'} ({function})"


def run(name: str, module: Module, jobs: int, equivalent: dict[str, str]) -> Result:
    work = prepare(name, module)
    start = time.perf_counter()
    with open(work / "mutmut.log", "w", encoding="utf-8") as log:
        proc = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)], cwd=work,
                              stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    seconds = time.perf_counter() - start
    meta = work / "mutants" / f"{module.path}.meta"
    if proc.returncode != 0 or not meta.exists():
        tail = (work / "mutmut.log").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"mutmut failed on {name} (exit {proc.returncode}); the end of {work / 'mutmut.log'}:\n{tail}")

    from mutmut.stats import status_by_exit_code

    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    defs, seen = function_lines(ROOT / module.path), Counter()
    order = {function: rank for rank, function in enumerate(defs)}  # the order of the source
    mutants = sorted((Mutant(key, status_by_exit_code[code]) for key, code in codes.items()),
                     key=lambda m: (order.get(function_of(m.name), -1), int(m.name.rpartition("_")[2])))
    unchecked = [m.name for m in mutants if m.status == "not checked"]
    if unchecked:
        raise SystemExit(f"mutmut left {len(unchecked)} mutants of {name} unchecked, e.g. {unchecked[0]}")
    for mutant in mutants:  # every mutant, so that a listed one that is now killed is found
        describe(mutant, module, work, defs, seen)
    return Result(name, mutants, seconds, set(equivalent))


def score(killed: int, counted: int) -> str:
    return f"{100 * killed / counted:.1f}" if counted else "100.0"


def report(result: Result, show: bool, equivalent: dict[str, str], out=sys.stdout) -> None:
    c = result.count()
    survivors = result.survivors()
    no_test = sum(m.status == "no tests" for m in survivors)
    print(f"{result.module}: {len(result.mutants)} mutants, {c['killed']} killed, {c['survived']} survived "
          f"({no_test} reached by no test), {c['equivalent']} equivalent; {result.seconds:.0f} s", file=out)
    lines = []
    for m in survivors:
        lines.append(f"{m.status} {m.fingerprint}  {m.where}  {m.name}")
        lines.extend(f"    {d}" for d in m.diff)
    listing = WORK / result.module / "survivors.txt"
    listing.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    if show:
        for line in lines:
            print(f"  {line}", file=out)
    elif lines:
        print(f"  survivors: {listing.relative_to(ROOT)}", file=out)
    for m in result.mutants:
        if m.status in KILLED and m.fingerprint in equivalent:
            print(f"  killed, yet listed as equivalent: {equivalent[m.fingerprint]}", file=out)
    print(f"mutation-score-{result.module}: {score(c['killed'], c['killed'] + c['survived'])}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.mutation", description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"some of: {', '.join(MODULES)} (default: all)")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("MUTATION_JOBS", 1)),
                        help="mutants tested at once (default 1, or $MUTATION_JOBS)")
    parser.add_argument("--list", action="store_true", help="print the modules and their tests, and stop")
    args = parser.parse_args(argv)
    if args.list:
        for name, module in MODULES.items():
            print(f"{name}: {module.path} ({module.why}) — {' '.join(module.tests)}")
        return 0
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; one of: {', '.join(MODULES)}")
    names = args.modules or list(MODULES)
    equivalent = read_equivalent()
    results = []
    for name in names:
        print(f"mutation: {name} ({MODULES[name].path}) …", file=sys.stderr, flush=True)
        result = run(name, MODULES[name], args.jobs, equivalent)
        report(result, show=bool(args.modules), equivalent=equivalent)
        sys.stdout.flush()
        results.append(result)
    fingerprints = {m.fingerprint for r in results for m in r.mutants if m.fingerprint}
    if not args.modules:
        for fingerprint, line in equivalent.items():
            if fingerprint not in fingerprints:
                print(f"  listed as equivalent, but no such mutant any more: {line}")
    totals = sum((r.count() for r in results), Counter())
    print(f"mutation-score-total: {score(totals['killed'], totals['killed'] + totals['survived'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
