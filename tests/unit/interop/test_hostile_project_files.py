"""Hostile or broken project files are refused like hostile workbooks: one located message, nothing read."""

from __future__ import annotations

import pytest

from planner.errors import ImportRejected
from planner.interop import mpxj, mspdi
from planner.interop.formats import read_preview
from planner.interop.xmlsafe import XmlLimits, parse_file

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("body", [
    # billion laughs
    '<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Project><Name>&c;</Name></Project>',
    # external entity reading a local file
    '<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project><Name>&x;</Name></Project>',
    # external DTD
    '<!DOCTYPE Project SYSTEM "http://example.invalid/evil.dtd"><Project/>',
    # parameter entities
    '<!DOCTYPE Project [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]><Project/>',
], ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"])
def test_doctype_and_entities_are_refused(tmp_path, body):
    path = _write(tmp_path, "evil.xml", HEADER + body)
    with pytest.raises(ImportRejected) as info:
        mspdi.read(path)
    assert info.value.key == "doctype"
    assert "evil.xml" in str(info.value) and "refused" in str(info.value)


def test_a_file_over_the_byte_budget_is_refused_while_reading(tmp_path):
    """The budget is counted as the file streams in, whatever size anyone claims."""
    path = _write(tmp_path, "big.xml", HEADER + "<Project><Tasks>" + "<Task><UID>1</UID></Task>" * 50_000 + "</Tasks></Project>")
    with pytest.raises(ImportRejected) as info:
        parse_file(path, XmlLimits(max_bytes=256 * 1024))
    assert info.value.key == "xml_size"


def test_a_1_gb_duration_claim_is_a_located_error_not_a_crash(tmp_path):
    path = _write(tmp_path, "claims.xml", HEADER + '<Project xmlns="http://schemas.microsoft.com/project"><SaveVersion>14'
                  "</SaveVersion><Tasks><Task><UID>1</UID><Name>A</Name><Start>2025-01-06T08:00:00</Start>"
                  "<Finish>99999-01-06T17:00:00</Finish><Duration>PT1000000000H0M0S</Duration></Task></Tasks></Project>")
    preview = read_preview([path], None)
    assert not preview.ok
    assert any("Task 1" in p.column and "Finish" in p.column for p in preview.problems.errors)
    preview = read_preview([_write(tmp_path, "claims2.xml", HEADER + "<Project><SaveVersion>14</SaveVersion><Tasks><Task>"
                                   "<UID>1</UID><Name>A</Name><OutlineLevel>1</OutlineLevel><Start>2025-01-06T08:00:00"
                                   "</Start><Finish>2025-01-10T17:00:00</Finish><Duration>PT1000000000H0M0S</Duration>"
                                   "</Task></Tasks></Project>")], None)
    assert [p.column for p in preview.problems.errors] == ["Task 1 “A”, Duration"]


def test_deep_nesting_is_read_without_harm_and_element_floods_are_refused(tmp_path):
    deep = _write(tmp_path, "deep.xml", HEADER + "<Project>" + "<a>" * 100_000 + "</a>" * 100_000 + "</Project>")
    with pytest.raises(ImportRejected) as info:
        mspdi.read(deep)  # no recursion anywhere: it is simply no MS Project file
    assert info.value.key == "not_mspdi"
    flood = _write(tmp_path, "flood.xml", HEADER + "<Project>" + "<x/>" * 2000 + "</Project>")
    with pytest.raises(ImportRejected) as info:
        parse_file(flood, XmlLimits(max_elements=1000))
    assert info.value.key == "xml_elements"


@pytest.mark.parametrize("content,key", [
    (b"", "xml_syntax"),
    (b"PK\x03\x04 not xml at all", "xml_syntax"),
    (HEADER.encode() + b"<Project><Tasks><Task>", "xml_syntax"),
    (HEADER.encode() + b"<html><body>saved from a browser</body></html>", "not_mspdi"),
])
def test_broken_or_wrong_xml_says_so(tmp_path, content, key):
    path = tmp_path / "plan.xml"
    path.write_bytes(content)
    with pytest.raises(ImportRejected) as info:
        mspdi.read(path)
    assert info.value.key == key


def test_mpxj_refuses_a_file_that_is_no_project_and_an_oversized_one(tmp_path):
    junk = tmp_path / "plan.mpp"
    junk.write_bytes(b"\xd0\xcf\x11\xe0 this is not really an OLE file" * 10)
    with pytest.raises(ImportRejected) as info:
        mpxj.read(junk)
    assert info.value.key in ("not_a_project", "mpxj_failed") and "plan.mpp" in str(info.value)
    empty = tmp_path / "empty.gan"
    empty.write_bytes(b"")
    with pytest.raises(ImportRejected) as info:
        mpxj.read(empty)
    assert info.value.key == "empty"
    big = tmp_path / "big.mpp"
    with open(big, "wb") as fh:
        fh.truncate(mpxj.MAX_BYTES + 1)  # sparse: claims its size without using the disk
    with pytest.raises(ImportRejected) as info:
        mpxj.read(big)
    assert info.value.key == "too_large"


def test_links_to_missing_tasks_and_cycles_are_reported_with_the_task(tmp_path):
    tasks = "".join(f"<Task><UID>{n}</UID><ID>{n}</ID><Name>T{n}</Name><OutlineLevel>1</OutlineLevel>"
                    f"<Start>2025-01-06T08:00:00</Start><Finish>2025-01-10T17:00:00</Finish>"
                    f"<PredecessorLink><PredecessorUID>{p}</PredecessorUID><Type>1</Type></PredecessorLink></Task>"
                    for n, p in ((1, 2), (2, 1), (3, 99)))
    path = _write(tmp_path, "cycle.xml", HEADER + f"<Project><SaveVersion>14</SaveVersion><Tasks>{tasks}</Tasks></Project>")
    preview = read_preview([path], None)
    assert any("cycle" in p.message for p in preview.problems.errors)
    assert any("Task 3" in p.column and p.level == "warning" for p in preview.problems.items)
