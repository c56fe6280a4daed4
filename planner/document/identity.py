"""What the document on disk looked like when we last opened or saved it (B4/B5).

Size and modification time are not enough: a program can rewrite a file in place with the same
size and put the old modification time back. The content hash decides: it is compared for
every file under `ALWAYS_HASH_BYTES` (a few milliseconds for a plan of thousands of tasks), and
for a bigger one whenever anything of its stat moved, the change time included (which no
program can set back).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass
from pathlib import Path

ALWAYS_HASH_BYTES = 50 * 2**20


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
    ctime_ns: int = 0  # 0 in manifests written before it was recorded

    @classmethod
    def of(cls, path: Path, sha256: str | None = None) -> "FileIdentity":
        st = os.stat(path)
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, sha256 or sha256_of(path), st.st_ctime_ns)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict | None) -> "FileIdentity | None":
        if not data:
            return None
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        try:
            return cls(**known)
        except TypeError:  # a damaged manifest: no identity rather than a crash
            return None

    def same_content(self, path: Path) -> bool:
        try:
            return sha256_of(path) == self.sha256
        except OSError:
            return False

    def change(self, path: Path) -> str:
        """'' if `path` still holds the content we recorded, else what happened to it."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return "deleted, renamed or moved"
        quick = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        unmoved = quick == (self.device, self.inode, self.size, self.mtime_ns, self.ctime_ns or st.st_ctime_ns)
        if unmoved and st.st_size >= ALWAYS_HASH_BYTES:
            return ""
        # Same bytes rewritten by a sync client (new inode, new times) are no change either.
        if st.st_size == self.size and self.same_content(path):
            return ""
        return "changed or replaced by another program"
