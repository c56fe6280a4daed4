"""CI runs the README's two set-up commands exactly as the README prints them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_the_readme_prints_two_set_up_commands():
    commands = _quick_start_commands()
    assert len(commands) == 2, commands
    assert commands[0].startswith("bash scripts/setup.sh &&")
    assert commands[1].startswith("bash scripts/setup.sh --test &&")


def test_ci_runs_the_readme_commands_as_printed():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    start, test = _quick_start_commands()
    assert any(line.startswith(f"bash .ci/start_app.sh '{start}'") for line in ci.splitlines()), \
        "CI must start the app with the README's command"
    assert test in ci.splitlines(), "CI must run the README's test command as a line of its own"
    # The README's commands run on the clean clone, before the --dev extras are installed.
    lines = ci.splitlines()
    assert lines.index(test) < next(i for i, line in enumerate(lines) if "setup.sh --dev" in line)


def _requirement_closure(requirements: list[str]) -> set[str]:
    """Every distribution pip installs for `requirements`, from the installed metadata."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        name = req.name.lower().replace("_", "-")
        if name in seen or (req.marker and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        try:
            requires = distribution(name).requires or []
        except PackageNotFoundError:
            continue
        for sub in map(Requirement, requires):
            if not sub.marker or any(sub.marker.evaluate({"extra": e}) for e in req.extras | {""}):
                todo.append(sub)
    return seen


def test_the_test_extra_installs_every_package_the_suite_imports():
    """A fresh machine runs the README's test command with the `test` extra only."""
    import sys
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    installed = _requirement_closure(project["dependencies"] + project["optional-dependencies"]["test"])
    owners = packages_distributions()
    ours = {"planner", "ui", "tests", "benchmarks"} | {p.stem for p in (ROOT / "tests").rglob("*.py")}
    missing = {}
    for path in (ROOT / "tests").rglob("*.py"):
        for module in re.findall(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", path.read_text(encoding="utf-8"), re.M):
            if module in sys.stdlib_module_names or module in ours or module == "__future__":
                continue
            dists = {d.lower().replace("_", "-") for d in owners.get(module, [])}
            if not dists & installed:
                missing.setdefault(module, path.relative_to(ROOT).as_posix())
    assert not missing, f"imported by the tests but not installed by the test extra: {missing}"
