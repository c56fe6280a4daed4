"""The bundled sample plans: where they live and how they are rebuilt from the seed data."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from planner.resources import resource_path

SAMPLES: tuple[str, ...] = ("flagos", "otlp_rust", "okr")
"""Sample names; each is `resources/samples/<name>.plan`, built by `planner.samples.<name>`."""

_BUILDERS = {"flagos": "planner.samples.flagos", "otlp_rust": "planner.samples.otlp", "okr": "planner.samples.okr"}


def sample_path(name: str) -> Path:
    """The bundled sample plan `name` (works from a checkout and in a frozen build)."""
    if name not in SAMPLES:
        raise KeyError(f"unknown sample {name!r}; samples are {', '.join(SAMPLES)}")
    return resource_path("samples", f"{name}.plan")


def build_sample(name: str, target: Path) -> Path:
    """Build sample `name` into `target` (a .plan file); the same code gives the same bytes."""
    from planner.samples.writer import write_plan

    module = import_module(_BUILDERS[name])
    return write_plan(module.build(), Path(target))


def build_all(folder: Path | None = None) -> list[Path]:
    """Rebuild every sample into `folder` (default: the bundled resources/samples)."""
    folder = Path(folder) if folder is not None else resource_path("samples")
    return [build_sample(name, folder / f"{name}.plan") for name in SAMPLES]
