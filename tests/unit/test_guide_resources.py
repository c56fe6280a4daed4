"""The user guide and the samples reach a frozen build: build.spec's datas carry them, and the resource
lookup finds them inside the bundle (sys._MEIPASS), as the frozen app and the installers do."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from planner import selftest
from planner.resources import resource_path, resources_root

ROOT = Path(__file__).resolve().parents[2]


def _spec_datas() -> list[tuple[str, str]]:
    """build.spec's resource datas, computed by the spec's own statement."""
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    statement = re.search(r"^datas = \[.*?\]\n(?=datas \+=)", spec, re.S | re.M)
    assert statement, "build.spec no longer lists resources/ in its datas"
    namespace = {"ROOT": ROOT, "Path": Path}
    exec(statement.group(0), namespace)  # noqa: S102 - our own spec file
    return namespace["datas"]


def test_build_spec_ships_the_guide_with_every_picture():
    shipped = {str(Path(dest) / Path(src).name).replace("\\", "/") for src, dest in _spec_datas()}
    guide = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "resources" / "guide").rglob("*") if p.is_file())
    assert any(p.endswith("zh_CN/index.html") for p in guide) and any(p.endswith("en/index.html") for p in guide)
    assert set(guide) <= shipped
    assert {f"resources/samples/{n}.plan" for n in ("flagos", "otlp_rust", "okr")} <= shipped


def test_the_guide_resolves_inside_a_frozen_bundle(tmp_path, monkeypatch):
    bundle = tmp_path / "_internal"
    for src, dest in _spec_datas():  # laid out as PyInstaller's COLLECT lays out the datas
        target = bundle / dest / Path(src).name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, target)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert resources_root() == bundle / "resources"
    assert selftest.guide_missing() == []
    assert selftest._resources().ok
    page = resource_path("guide", "zh_CN", "index.html")
    assert page.is_file() and page.is_relative_to(bundle)
    images = re.findall(r'<img[^>]*\ssrc="([^"]+)"', page.read_text(encoding="utf-8"))
    assert images and all((page.parent / src).is_file() for src in images)


def test_a_missing_picture_fails_the_self_test(tmp_path, monkeypatch):
    bundle = tmp_path / "_internal"
    shutil.copytree(ROOT / "resources" / "guide", bundle / "resources" / "guide")
    (bundle / "resources" / "guide" / "en" / "images" / "gantt.png").unlink()
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert selftest.guide_missing() == ["guide/en/images/gantt.png"]
