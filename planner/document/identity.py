"""What the document on disk looked like when we last opened or saved it (B4/B5)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass
from pathlib import Path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class FileIdentity:
    device: int
    inode: int
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path, sha256: str | None = None) -> "FileIdentity":
        st = os.stat(path)
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, sha256 or sha256_of(path))

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict | None) -> "FileIdentity | None":
        return cls(**data) if data else None

    def change(self, path: Path) -> str:
        """'' if `path` still holds the content we recorded, else what happened to it."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return "deleted, renamed or moved"
        quick = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        if quick == (self.device, self.inode, self.size, self.mtime_ns):
            return ""
        # A sync client may rewrite identical bytes (new inode, new mtime): that is no change.
        if st.st_size == self.size and sha256_of(path) == self.sha256:
            return ""
        return "changed or replaced by another program"
