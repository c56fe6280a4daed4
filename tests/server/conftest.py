"""A real, private PostgreSQL server for the server tests (initdb into a temporary folder).

Never a mock: the tests skip only when the PostgreSQL binaries are not installed at all
(scripts/setup.sh --test installs Debian's `postgresql`)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from planner.server.private import PrivateServer, binaries

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg():
    if binaries() is None:
        pytest.skip("PostgreSQL is not installed (scripts/setup.sh --test installs it)")
    srv = PrivateServer().start()
    srv.create_database("plans")
    yield srv
    srv.remove()


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory) -> Path:
    from planner.samples import build_sample

    return build_sample("flagos", tmp_path_factory.mktemp("sample") / "flagos.plan")


@pytest.fixture
def published(pg, sample_file):
    """A fresh copy of the FlagOS sample on the server; returns url(user=None) -> its address."""
    from planner.server.project import publish

    name = f"flagos-{next(_names)}"
    publish(sample_file, pg.url("plans"), name=name)

    def url(user: str | None = None) -> str:
        return pg.url("plans", user=user, plan=name)

    url.name = name
    return url
