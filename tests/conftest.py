"""Shared test setup. Keep it small: fixtures used by one test file belong in that file."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `import scripts` works whatever the working directory
    sys.path.insert(0, str(ROOT))
