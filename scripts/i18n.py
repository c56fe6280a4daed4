"""Update the core's message catalogue: extract from planner/, merge into each .po, compile the .mo.

    python scripts/i18n.py          update the .po files and compile them
    python scripts/i18n.py --check  change nothing; exit 1 if a .po or .mo is out of date

Entries are sorted and carry no source locations, so two branches that add messages touch
different lines of the .po and merge cleanly. Needs Babel (the `test` extra).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import babel.messages.catalog
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
# The header names no Babel version, so any Babel writes the same bytes.
babel.messages.catalog.VERSION = "(scripts/i18n.py)"
LOCALE = ROOT / "resources" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LANGUAGES = ("zh_CN",)
HEADER = "# Roadmap Planner: the core's messages (planner/). Updated by scripts/i18n.py; see planner/i18n.py."


def extract() -> Catalog:
    catalog = Catalog(project="Roadmap Planner", domain="planner")
    method_map = [("**.py", "python")]
    for _file, _line, message, comments, context in extract_from_dir(
            str(ROOT / "planner"), method_map, keywords=KEYWORDS, strip_comment_tags=True):
        catalog.add(message, None, [], auto_comments=comments, context=context)
    return catalog


def merged(template: Catalog, language: str) -> Catalog:
    po = LOCALE / language / "LC_MESSAGES" / "planner.po"
    if po.exists():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=language)
    else:
        catalog = Catalog(locale=language, project="Roadmap Planner", domain="planner")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.creation_date = catalog.revision_date = template.creation_date.replace(2026, 1, 1, 0, 0, 0)
    catalog.last_translator = catalog.language_team = ""
    catalog.version, catalog.msgid_bugs_address = "1", ""
    catalog.header_comment = HEADER
    catalog.fuzzy = False  # a fuzzy header is left out of the .mo, and with it the charset
    return catalog


def rendered(catalog: Catalog) -> tuple[bytes, bytes]:
    po, mo = io.BytesIO(), io.BytesIO()
    write_po(po, catalog, no_location=True, sort_output=True, width=100, omit_header=False)
    write_mo(mo, catalog)
    return po.getvalue(), mo.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    template = extract()
    stale = []
    for language in LANGUAGES:
        folder = LOCALE / language / "LC_MESSAGES"
        po_bytes, mo_bytes = rendered(merged(template, language))
        for path, data in ((folder / "planner.po", po_bytes), (folder / "planner.mo", mo_bytes)):
            if path.exists() and path.read_bytes() == data:
                continue
            stale.append(path)
            if not args.check:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    for path in stale:
        print(("out of date: " if args.check else "written: ") + str(path.relative_to(ROOT)))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
