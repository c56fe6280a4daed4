"""Is a plan on a network share or in a synced folder? (RELIABILITY-MATRIX B7: warn the user.)"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smbfs", "afs", "9p", "sshfs", "davfs", "ncpfs"}
SYNC_ENV = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
SYNC_FOLDER_NAMES = ("OneDrive", "Dropbox", "Nutstore", "我的坚果云", "Google Drive", "iCloud Drive", "Box")


def _mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, fs type) from /proc/mounts text, longest mount point first."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].replace("\\040", " ")
            found.append((point, parts[2]))
    return sorted(found, key=lambda p: len(p[0]), reverse=True)


def _fs_type(path: str, mounts_text: str) -> str:
    for point, fstype in _mounts(mounts_text):
        if path == point or path.startswith(point.rstrip("/") + "/"):
            return fstype
    return ""


def classify(path: Path | str, *, mounts_text: str | None = None, env: dict | None = None,
             windows: bool | None = None) -> str:
    """'network', 'synced' or '' for a plan's path; arguments other than `path` are for tests."""
    env = dict(os.environ) if env is None else env
    windows = sys.platform.startswith("win") if windows is None else windows
    text = str(path)
    if windows:
        win = PureWindowsPath(text)
        if text.startswith("\\\\") or win.drive.startswith("\\\\"):
            return "network"
    else:
        if mounts_text is None:
            try:
                mounts_text = Path("/proc/mounts").read_text()
            except OSError:
                mounts_text = ""
        fstype = _fs_type(os.path.abspath(text), mounts_text)
        if fstype in NETWORK_FS or fstype.startswith("fuse.") and fstype != "fuse.portal":
            return "network"
    lowered = text.replace("\\", "/").lower()
    for name in SYNC_ENV:
        root = env.get(name)
        if root and lowered.startswith(root.replace("\\", "/").lower().rstrip("/") + "/"):
            return "synced"
    parts = {p.lower() for p in lowered.split("/")}
    if any(n.lower() in parts or any(p.startswith(n.lower() + " - ") for p in parts) for n in SYNC_FOLDER_NAMES):
        return "synced"
    return ""


def warning(kind: str) -> str:
    """The banner text for a plan's location ('' when nothing to say)."""
    if kind == "network":
        return ("This plan is on a network drive. Roadmap Planner edits a private copy and saves "
                "the whole file at once, but keep a local copy if the network is unreliable.")
    if kind == "synced":
        return ("This plan is in a synced folder (OneDrive, Dropbox, Nutstore ...). Avoid opening it "
                "on two computers at once: the sync client may keep only one version.")
    return ""
