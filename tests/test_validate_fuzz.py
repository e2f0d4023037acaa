"""Mutated datasets never make the validator raise, and never hit the safety net that stands for a bug of ours.

A case from the corpus is copied and every value in its datapackage.json is replaced, in turn, by a value of each
JSON type; or a few hostile tokens are inserted anywhere in its CSV (hypothesis, derandomized so a failure is
reproducible). Validation must end in problems with known codes.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.problems import CODES
from scripts.validate import INTERNAL, validate_datasets

CASES = Path(__file__).resolve().parent / "validation" / "cases"
BASE = "target-direction-mismatch"  # two resources, a primary key, a foreign key, enums: much to break
DESCRIPTOR = json.loads((CASES / BASE / "datapackage.json").read_text(encoding="utf-8"))
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def _paths(value, prefix=()):
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value[:2]) if isinstance(value, list) else ()
    for key, child in items:
        yield from _paths(child, prefix + (key,))


# One path per shape (resources/*/schema/fields/*/name …), the last one seen: the second resource, with its keys.
PATHS = list({tuple("*" if isinstance(k, int) else k for k in p): p for p in _paths(DESCRIPTOR) if p}.values())
TOKENS = ['"', ",", "\n", "\r", "\r\n", "=", "+cmd", "@", "<b>", "[x](y)", "NaN", "1e400", "", " ", "\t", "\x00",
          "\u2028", "e\u0301", "\ufeff", ";", "value", "national", "2031", "decrease", "9" * 40]


def _validate(mutate) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / BASE
        shutil.copytree(CASES / BASE, folder)
        mutate(folder)
        return validate_datasets([folder], today=date(2026, 6, 1)).problems


def _assert_clean(problems) -> None:
    assert {p.code for p in problems} <= set(CODES)
    internal = [p for p in problems if INTERNAL in p.detail]
    assert not internal, internal


CONFUSERS = [None, 5, "x", [5], {"a": [1]}]  # null, number, string, list, object where another is expected


@pytest.mark.parametrize("path", PATHS, ids=["/".join(map(str, p)) for p in PATHS])
def test_every_descriptor_value_replaced_by_every_json_type(path, tmp_path):
    """Systematic rather than random: the type confusions that used to raise were one path among seventy."""
    folders = []
    for n, value in enumerate(CONFUSERS):
        descriptor = json.loads(json.dumps(DESCRIPTOR))
        target = descriptor
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        folder = tmp_path / f"value-{n}"
        shutil.copytree(CASES / BASE, folder)
        (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        folders.append(folder)
    _assert_clean(validate_datasets(folders, today=date(2026, 6, 1)).problems)


@FUZZ
@given(name=st.sampled_from(["targets.csv", "indicators.csv"]),
       edits=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(TOKENS)), min_size=1, max_size=6))
def test_hostile_tokens_anywhere_in_a_csv(name, edits):
    def mutate(folder: Path) -> None:
        path = folder / "data" / name
        text = path.read_text(encoding="utf-8")
        for where, token in edits:
            at = int(where * len(text))
            text = text[:at] + token + text[at:]
        path.write_text(text, encoding="utf-8")

    _assert_clean(_validate(mutate))
