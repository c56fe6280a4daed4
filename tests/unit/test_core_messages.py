"""The core's message catalogue: complete, compiled, and used in the language asked for."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

import pytest

from planner import i18n
from planner.excel import values as cv

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "locale" / "zh_CN" / "LC_MESSAGES" / "planner.po"


def _catalog():
    from babel.messages.pofile import read_po

    with PO.open("rb") as fh:
        return read_po(fh, locale="zh_CN")


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_catalogue_is_current_with_the_sources_and_compiled():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, "run `python scripts/i18n.py`:\n" + done.stdout + done.stderr


def test_every_message_is_translated_and_keeps_its_placeholders():
    untranslated, fuzzy, broken = [], [], []
    for message in _catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(ids[0])
        elif message.fuzzy:
            fuzzy.append(ids[0])
        elif any(_fields(s) != _fields(ids[0]) for s in strings):
            broken.append(ids[0])
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"
    assert not broken, f"placeholders differ: {broken}"


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_a_bad_cell_is_explained_in_chinese_when_the_language_is_chinese(chinese):
    with pytest.raises(cv.CellError) as caught:
        cv.read_number("待定")
    assert str(caught.value) == "不是数字"


def test_named_values_fill_the_translated_sentence(chinese):
    assert i18n._("one of {choices} is expected", choices="R, A") == "应为以下之一：R, A"


def test_english_is_the_source_text():
    i18n.set_language("en")
    assert i18n._("not a number") == "not a number"


@pytest.mark.parametrize("name, expected", [
    ("zh_CN.UTF-8", "zh_CN"), ("zh", "zh_CN"), ("zh-Hans", "zh_CN"), ("en_US.UTF-8", "en"),
    ("C", "en"), ("", "en"), (None, "en")])
def test_locale_names_map_to_a_shipped_language(name, expected):
    assert i18n.normalise(name) == expected


def test_the_locale_decides_when_nothing_else_does(monkeypatch):
    for variable in ("PLANNER_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.language_from_environment() == "zh_CN"
    monkeypatch.setenv("PLANNER_LANG", "en")
    assert i18n.language_from_environment() == "en"
