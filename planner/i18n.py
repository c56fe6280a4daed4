"""The core's messages in the user's language: GNU gettext over `resources/locale`, named values.

Writing a message (every sentence a user can read: problem reasons, errors, warnings, change
descriptions, CLI output):

    from planner.i18n import _
    raise ValidationError(_("Task {task}: progress must be between 0% and 100%, not {value}.",
                            task=code, value=text), key="percent_range", where=code)

One call per whole sentence with named placeholders, so a translator sees the sentence and
can reorder its parts; never a sentence glued together from translated pieces. `N_` marks a
message that is translated later (`_(MESSAGE)` where it is shown); `ngettext` picks the form
for a count. Keep machine-readable codes beside messages (`Problem.code`, `PlannerError.key`).

The language is the UI's (the app calls `set_language`), else `--lang`/`PLANNER_LANG`, else the
locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`, as gettext orders them). Messages are
translated when they are made.

Maintaining the catalogue (`resources/locale/zh_CN/LC_MESSAGES/planner.po` and its `.mo`):
`python scripts/i18n.py` extracts every marked message from `planner/`, adds new ones to the
`.po` untranslated, drops those no longer used, and compiles the `.mo`; fill in the new
`msgstr`s and run it again. The suite fails on an untranslated or fuzzy entry, a placeholder a
translation lacks, or a `.mo` that is not the compiled `.po`.
"""

from __future__ import annotations

import gettext
import os

from planner.resources import resource_path

DOMAIN = "planner"
LANGUAGES = ("zh_CN", "en")
_state: dict[str, object] = {"language": None, "translation": gettext.NullTranslations()}


def normalise(name: str | None) -> str:
    """"zh", "zh_CN.UTF-8", "zh-Hans", "zh_TW" -> "zh_CN"; anything else -> "en"."""
    name = (name or "").strip().lower().replace("-", "_")
    return "zh_CN" if name.startswith("zh") else "en"


def language_from_environment() -> str:
    override = os.environ.get("PLANNER_LANG")
    if override:
        return normalise(override)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return normalise(value.split(":")[0])
    return "en"


def set_language(name: str | None) -> str:
    """Translate the core's messages into `name` from now on; returns the language used."""
    language = normalise(name)
    translation: gettext.NullTranslations = gettext.NullTranslations()
    if language != "en":
        try:
            translation = gettext.translation(DOMAIN, str(resource_path("locale")), [language])
        except OSError:  # a build without its catalogue still speaks English rather than failing
            translation = gettext.NullTranslations()
    _state["language"], _state["translation"] = language, translation
    return language


def language() -> str:
    if _state["language"] is None:
        set_language(language_from_environment())
    return str(_state["language"])


def _translation() -> gettext.NullTranslations:
    language()
    return _state["translation"]  # type: ignore[return-value]


def _(message: str, /, **values: object) -> str:
    text = _translation().gettext(message)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> str:
    text = _translation().ngettext(singular, plural, n)
    return text.format(n=n, **values)


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it yet."""
    return message
