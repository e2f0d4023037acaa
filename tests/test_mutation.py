"""The mutation-testing harness (scripts/mutation.py; `make mutation`, not run here): its table names real files,
the list of equivalent mutants is read strictly, and a listed mutant is neither killed nor survived."""
from __future__ import annotations

from collections import Counter

import pytest

from scripts import mutation
from scripts.mutation import EQUIVALENT, MODULES, Mutant, Result, fingerprint, function_of, read_equivalent
from scripts.paths import ROOT


def test_every_module_and_test_in_the_table_exists():
    for name, module in MODULES.items():
        assert (ROOT / module.path).is_file(), (name, module.path)
        for test in module.tests:
            assert (ROOT / test.split("::")[0]).is_file(), (name, test)


def test_the_committed_list_of_equivalent_mutants_reads():
    assert isinstance(read_equivalent(EQUIVALENT), dict)


def test_an_equivalent_mutant_without_a_reason_is_refused(tmp_path):
    listed = tmp_path / "equivalent.txt"
    listed.write_text("# comment\n\nabc123  scripts/x.py:f  the result is rounded before it is shown\n", "utf-8")
    assert list(read_equivalent(listed)) == ["abc123"]
    listed.write_text("abc123  scripts/x.py:f\n", "utf-8")
    with pytest.raises(SystemExit, match=r"equivalent.txt:1: expected"):
        read_equivalent(listed)


def test_a_listed_survivor_leaves_the_score_and_a_listed_killed_one_stays_killed():
    mutants = [Mutant("a", "killed", "k1"), Mutant("b", "killed", "k2"), Mutant("c", "survived", "s1"),
               Mutant("d", "survived", "s2"), Mutant("e", "no tests", "n1"), Mutant("f", "timeout", "t1")]
    result = Result("m", mutants, 1.0, {"s1", "k2"})
    assert result.count() == Counter(killed=3, survived=2, equivalent=1)
    assert [m.name for m in result.survivors()] == ["d", "e"]
    assert mutation.score(3, 3 + 2) == "60.0"
    assert mutation.score(0, 0) == "100.0"


def test_mutant_names_give_the_function_or_method():
    assert function_of("scripts.progress.x_assess__mutmut_12") == "assess"
    assert function_of("scripts.model.decide.xǁLatestǁarea_code__mutmut_3") == "Latest.area_code"


def test_the_same_change_to_a_repeated_line_gets_two_fingerprints_and_each_is_stable():
    change = ["- return 1", "+ return 2"]
    first, second = fingerprint("f", change, Counter()), None
    seen = Counter()
    assert fingerprint("f", change, seen) == first
    second = fingerprint("f", change, seen)
    assert second != first
    assert fingerprint("g", change, Counter()) != first  # the function's name is part of it


def test_the_copy_mutmut_tests_in_keeps_the_corpus_symbolic_links(tmp_path, monkeypatch):
    # a data file that IS a link must be refused; copied as a plain file, its case would fail for every mutant
    monkeypatch.setattr(mutation, "WORK", tmp_path)
    work = mutation.prepare("files", MODULES["files"])
    link = work / "mutants/tests/validation/cases/data-file-symlink-inside/data/counts.csv"
    assert link.is_symlink() and str(link.readlink()) == "real.csv"
    setup = (work / "setup.cfg").read_text(encoding="utf-8")
    assert "only_mutate = scripts/validate/files.py\n" in setup and "    tests/test_files.py\n" in setup
