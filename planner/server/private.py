"""A private, throw-away PostgreSQL server in a folder of its own (tests, benchmarks, trying it out).

`initdb` into a temporary folder and `pg_ctl start` on a free loopback port; the socket lives
in the folder too, so nothing touches the machine's own cluster. PostgreSQL refuses to run as
root: as root the server runs as the `postgres` account the Debian package creates.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path | None:
    """The folder holding initdb/pg_ctl/postgres, or None if PostgreSQL is not installed."""
    for name in ("initdb", "pg_ctl"):
        found = shutil.which(name)
        if found:
            return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateServer:
    """`with PrivateServer() as srv: srv.url("plans")` -> postgresql://postgres@127.0.0.1:PORT/plans."""

    def __init__(self, folder: Path | None = None, port: int | None = None):
        bindir = binaries()
        if bindir is None:
            raise RuntimeError("PostgreSQL is not installed (no initdb found)")
        self.bindir = bindir
        self.folder = Path(folder or tempfile.mkdtemp(prefix="planner-pg-"))
        self.data = self.folder / "data"
        self.port = port or _free_port()
        self.as_root = os.geteuid() == 0
        self.superuser = "postgres"
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        os.chmod(self.folder, 0o700)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, cwd="/")

    def init(self) -> "PrivateServer":
        self._run("initdb", "-D", str(self.data), "-U", self.superuser, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "-N")
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as f:
            f.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                    f"unix_socket_directories = '{self.folder}'\nfsync = off\n"
                    "max_connections = 200\nshared_buffers = 64MB\n")
        return self

    def start(self) -> "PrivateServer":
        if not (self.data / "PG_VERSION").exists():
            self.init()
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self) -> None:
        self.stop()
        self.start()

    def url(self, database: str = "postgres", user: str | None = None, plan: str | None = None) -> str:
        tail = f"?plan={plan}" if plan else ""
        return f"postgresql://{user or self.superuser}@127.0.0.1:{self.port}/{database}{tail}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "PrivateServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.remove()
