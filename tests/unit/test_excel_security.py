"""Hostile workbooks (RELIABILITY-MATRIX E1-E5, E7-E11, E13): refused with a clear message, within 5 s
and 300 MB, nothing imported; formula payloads never stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from planner.document import Project
from planner.dump import dump_project
from planner.errors import ImportRejected
from planner.excel.apply import apply_import
from planner.excel.preflight import preflight
from planner.excel.preview import read_workbooks
from planner.plan import load_plan

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
import make_workbooks as mw  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MB, BUDGET_S = 300, 5.0


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    """The hostile corpus (also the fuzz seed corpus), built once per run."""
    folder = tmp_path_factory.mktemp("hostile")
    files = {
        "E1_billion_laughs": mw.billion_laughs(),
        "E2_xxe_file": mw.external_entity("file:///etc/hostname"),
        "E2_xxe_http": mw.external_entity("http://127.0.0.1:9/x"),
        "E3_quadratic": mw.quadratic_blowup(),
        "E4_zip_bomb": mw.zip_bomb(256),
        "E5_lying_sizes": mw.lying_sizes(mw.zip_bomb(200)),
        "E7_entries": mw.many_entries(5000),
        "E8_dimension": mw.dimension_lie(),
        "E8_far_cell": mw.far_cell("XFD1048576"),
        "E8_crafted_ref": mw.far_cell("AAAAAAA1"),
        "E9_merges": mw.many_merges(50_000),
    }
    files.update({f"E11_{k}": v for k, v in mw.wrong_containers().items()})
    return {name: _write(folder, f"{name}.xlsx", data) for name, data in files.items()}


EXPECTED = {  # which refusal each file gets (the ImportRejected key)
    "E1_billion_laughs": "doctype", "E2_xxe_file": "doctype", "E2_xxe_http": "doctype", "E3_quadratic": "doctype",
    "E4_zip_bomb": "bomb", "E5_lying_sizes": "lying_size", "E7_entries": "entries", "E8_dimension": "dimension",
    "E8_far_cell": "area", "E8_crafted_ref": "far_cell", "E9_merges": "merges",
    "E11_xls": "xls", "E11_encrypted": "encrypted", "E11_xlsm": "xlsm", "E11_xlsb": "xlsb", "E11_csv": "csv",
    "E11_empty": "empty", "E11_truncated": "truncated", "E11_no_content_types": "no_content_types",
    "E11_encrypted_late_directory": "encrypted",
}

MESSAGES = {  # the words the user reads
    "E11_xls": ".xls", "E11_encrypted": "password", "E11_xlsm": "macro", "E11_xlsb": ".xlsb", "E11_csv": "CSV",
    "E11_empty": "empty", "E11_truncated": "damaged", "E11_no_content_types": "Content_Types",
    "E1_billion_laughs": "DOCTYPE", "E4_zip_bomb": "zip bomb", "E7_entries": "parts", "E9_merges": "merged",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_is_refused_before_parsing_with_its_own_message(hostile, name):
    with pytest.raises(ImportRejected) as info:
        preflight(hostile[name])
    assert info.value.key == EXPECTED[name]
    assert hostile[name].name in str(info.value)
    if name in MESSAGES:
        assert MESSAGES[name] in str(info.value)


def test_refusals_are_bounded_in_time_and_memory(hostile):
    """O6: every file in a child process with RLIMIT_AS, so a miss is a failure, not an OOM kill."""
    script = textwrap.dedent(f"""
        import json, resource, sys, time
        resource.setrlimit(resource.RLIMIT_AS, ({BUDGET_MB} * 2**20, {BUDGET_MB} * 2**20))
        from planner.excel.preview import read_workbooks
        out = {{}}
        for path in sys.argv[1:]:
            t = time.perf_counter()
            preview = read_workbooks([path])
            out[path] = [time.perf_counter() - t, preview.ok, [p.message for p in preview.problems.errors]]
        # VmHWM, not ru_maxrss: after fork+exec ru_maxrss still holds the parent's (pytest's) peak.
        hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
        out["rss_mb"] = int(hwm.split()[1]) / 1024
        print(json.dumps(out))
    """)
    paths = [str(p) for p in hostile.values()]
    proc = subprocess.run([sys.executable, "-c", script, *paths], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result.pop("rss_mb") < BUDGET_MB
    for path, (seconds, ok, errors) in result.items():
        assert not ok and errors, path
        assert seconds < BUDGET_S, (path, seconds)


def test_external_entity_content_appears_nowhere(hostile, tmp_path, monkeypatch):
    """E2: no network, and the file's content is in no problem text and no plan."""
    import socket

    def no_network(*_a, **_k):
        raise AssertionError("the importer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "\0"
    for name in ("E2_xxe_file", "E2_xxe_http"):
        preview = read_workbooks([hostile[name]])
        assert not preview.ok
        assert all(secret not in str(p) for p in preview.problems.items)


def test_a_rejected_file_among_good_ones_imports_nothing(hostile, tmp_path):
    """O4: a preview with a refused file cannot be applied; the plan is unchanged."""
    good = tmp_path / "good.xlsx"
    good.write_bytes(mw._base_xlsx())
    project = Project.new("p", __import__("datetime").date(2025, 1, 6))
    before = dump_project(project)
    preview = read_workbooks([good, hostile["E1_billion_laughs"]], project.read(load_plan))
    assert not preview.ok
    with pytest.raises(ImportRejected):
        project.run(apply_import, preview)
    assert dump_project(project) == before
    project.close()


def test_formula_payloads_are_never_stored(tmp_path):
    """E10: cached values are used and flagged; formula text (HYPERLINK, WEBSERVICE, DDE) is kept nowhere."""
    path = _write(tmp_path, "formulas.xlsx", mw.formula_payloads())
    preview = read_workbooks([path])
    warnings = [str(p) for p in preview.problems.items if p.level == "warning"]
    assert sum("holds a formula" in w for w in warnings) == 3
    assert any("links to other workbooks were ignored" in w for w in warnings)
    assert preview.ok
    project = Project.new("p", __import__("datetime").date(2025, 1, 6))
    project.run(apply_import, preview)
    text = json.dumps(dump_project(project), ensure_ascii=False)
    project.close()
    for payload in ("HYPERLINK", "WEBSERVICE", "cmd|", "evil.example"):
        assert payload not in text
    assert "click" in text and "dde" in text  # the cached values, as the user saw them


def test_import_is_disabled_without_a_hardened_xml_parser(monkeypatch, tmp_path):
    """E13: fail closed when openpyxl's defusedxml switch is off or defusedxml is missing."""
    import openpyxl

    path = _write(tmp_path, "ok.xlsx", mw._base_xlsx())
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(ImportRejected, match="disabled"):
        preflight(path)
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", True)
    monkeypatch.setitem(sys.modules, "defusedxml", None)
    with pytest.raises(ImportRejected, match="defusedxml"):
        preflight(path)


def test_the_app_refuses_import_in_a_frozen_build_without_defusedxml():
    """E13 end to end: a child process where defusedxml cannot be imported gets a clear refusal."""
    script = textwrap.dedent("""
        import sys
        sys.modules["defusedxml"] = None
        from planner.errors import ImportRejected
        from planner.excel.preflight import check_parser
        try:
            check_parser()
        except ImportRejected as exc:
            print("REFUSED", exc)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert "REFUSED Spreadsheet import is disabled" in proc.stdout, proc.stderr


@pytest.mark.slow
def test_full_size_bombs_are_refused_within_budget(tmp_path):
    """E4 at 1 GB inflated and E7 at 100,000 entries (the matrix's sizes)."""
    for name, data in (("bomb.xlsx", mw.zip_bomb(1024)), ("entries.xlsx", mw.many_entries(100_000))):
        path = _write(tmp_path, name, data)
        with pytest.raises(ImportRejected):
            preflight(path)
