"""Shared test setup. Keep it small: fixtures used by one test file belong in that file."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `import scripts` works whatever the working directory
    sys.path.insert(0, str(ROOT))


import os  # noqa: E402

import pytest  # noqa: E402

# The command line speaks the locale's language (English for an English locale, else Vietnamese): the tests read its
# Vietnamese unless they choose, whatever the machine's locale.
for _name in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


WHOLE_SITE_FIXTURES = {"built_site", "hostile_site"}  # each builds a whole site (once per run, but a minute)


def pytest_collection_modifyitems(items):
    """A test that reads a whole built site is `slow`, so that `-m "not slow"` (and mutation testing, which runs a
    module's tests once per mutant) leaves it out."""
    for item in items:
        if WHOLE_SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id):
    """The site built from the shipped datasets in a temporary copy of the project (once per test run), or, to run
    the site tests against another build (an older release, to see a test fail before its fix), the folder named by
    TEST_SITE."""
    import os

    from sitebuild import shared_site

    if os.environ.get("TEST_SITE"):
        return Path(os.environ["TEST_SITE"]).resolve()

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" else base
    return shared_site(shared / "shared-site")
