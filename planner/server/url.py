"""`postgresql://user@host:port/database?plan=NAME`: a plan on a server, as the CLI and File > Open take it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from planner.errors import ValidationError
from planner.i18n import _

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def is_server_url(text) -> bool:
    return isinstance(text, str) and text.split("://", 1)[0].lower() in SCHEMES and "://" in text


@dataclass(frozen=True)
class ServerURL:
    dsn: str  # for psycopg: postgresql://user@host:port/db?other=options
    plan: str | None
    text: str  # as given, without a password
    raw: str = ""

    @property
    def sqlalchemy(self) -> str:
        return "postgresql+psycopg://" + self.dsn.split("://", 1)[1]

    @property
    def database(self) -> str:
        return urlsplit(self.dsn).path.lstrip("/") or "postgres"

    @property
    def user(self) -> str:
        return urlsplit(self.dsn).username or ""

    def with_plan(self, plan: str) -> "ServerURL":
        parts = urlsplit(self.raw or self.text)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "plan"] + [("plan", plan)]
        return parse(urlunsplit(parts._replace(query=urlencode(query))))


def parse(text: str) -> ServerURL:
    if not is_server_url(text):
        raise ValidationError(_("“{url}” is not a server address (postgresql://host/database?plan=NAME).", url=text),
                              where=text)
    parts = urlsplit(text)
    if not parts.hostname and not parts.path.strip("/"):
        raise ValidationError(_("“{url}” names no server or database (postgresql://host/database?plan=NAME).",
                                url=text), where=text)
    query = parse_qsl(parts.query)
    plan = next((v for k, v in query if k == "plan"), None)
    rest = urlencode([(k, v) for k, v in query if k != "plan"])
    dsn = urlunsplit(("postgresql", parts.netloc, parts.path, rest, ""))
    shown = parts.netloc.rsplit("@", 1)
    if len(shown) == 2 and ":" in shown[0]:
        shown[0] = shown[0].split(":", 1)[0] + ":***"
    shown_text = urlunsplit((parts.scheme, "@".join(shown), parts.path, parts.query, ""))
    return ServerURL(dsn=dsn, plan=plan or None, text=shown_text, raw=text)
