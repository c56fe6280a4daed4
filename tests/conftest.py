"""Root test configuration: headless Qt and Agg before anything imports them."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
# The core speaks English in tests unless a test asks for another language (planner.i18n);
# the same for CLI subprocesses, whatever the developer's locale.
os.environ["PLANNER_LANG"] = "en"
if "PLANNER_DATA_DIR" not in os.environ:
    # Working copies, backups and recovery records of test runs never land in the user's app-data.
    import tempfile

    os.environ["PLANNER_DATA_DIR"] = tempfile.mkdtemp(prefix="planner-test-data-")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _hypothesis_profiles() -> None:
    """CI explores the same examples on every run (a red CI is then reproducible); local runs
    keep exploring new ones."""
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profiles()


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="run slow tests")


def pytest_collection_modifyitems(config, items):
    skip_slow = pytest.mark.skip(reason="slow: use --runslow")
    for item in items:
        if "tests/gui" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
        if "slow" in item.keywords and not config.getoption("--runslow"):
            item.add_marker(skip_slow)
