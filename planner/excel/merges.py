"""Merged ranges kept as ranges: which merge covers a cell, found without expanding any.

A sheet may hold thousands of merges covering millions of cells; expanding them cell by cell
is what made a 2.6 KB workbook hang an import. Here a lookup sweeps the rows: the merges
active on a row (those whose rows include it) are kept sorted by first column, so a lookup is
one binary search, and moving down the sheet only adds the merges that start and drops the
ones that end. Lookups in row order (how tables are read) cost O(log n) each; going back up
restarts the sweep, which stays correct, only slower.

Merges overlap in no file Excel or LibreOffice writes; `without_overlaps` drops the later of
two overlapping ranges (and says which), so every cell is covered by at most one merge.
"""

from __future__ import annotations

import bisect
import heapq

Range = tuple[int, int, int, int]  # r0, c0, r1, c1: 0-based, inclusive


def without_overlaps(merges: list[Range]) -> tuple[list[Range], list[tuple[Range, Range]]]:
    """The merges with every range overlapping an earlier-starting one removed, and the pairs dropped."""
    kept: list[Range] = []
    dropped: list[tuple[Range, Range]] = []
    active: list[tuple[int, int, Range]] = []  # (c0, c1, range) of merges whose rows reach the sweep row
    ending: list[tuple[int, Range]] = []  # heap of (r1, range)
    for rng in sorted(merges):
        r0, c0, r1, c1 = rng
        while ending and ending[0][0] < r0:
            _, gone = heapq.heappop(ending)
            active.remove((gone[1], gone[3], gone))
        i = bisect.bisect_left(active, (c0, -1, rng))
        clash = None
        if i < len(active) and active[i][0] <= c1:
            clash = active[i][2]
        elif i > 0 and active[i - 1][1] >= c0:
            clash = active[i - 1][2]
        if clash is not None:
            dropped.append((rng, clash))
            continue
        active.insert(i, (c0, c1, rng))
        heapq.heappush(ending, (r1, rng))
        kept.append(rng)
    return kept, dropped


class MergeIndex:
    """Lookups of non-overlapping merged ranges by cell (see the module docstring)."""

    def __init__(self, merges: list[Range]):
        self._merges = sorted(merges)
        self._restart()

    def _restart(self) -> None:
        self._next = 0  # first merge not yet entered into the sweep
        self._row = -1
        self._ending: list[tuple[int, int]] = []  # heap of (r1, index)
        self._active: list[int] = []  # indices, sorted by c0
        self._c0s: list[int] = []

    def __len__(self) -> int:
        return len(self._merges)

    def _move_to(self, r: int) -> None:
        if r < self._row:
            self._restart()
        if r == self._row:
            return
        changed = False
        merges = self._merges
        while self._next < len(merges) and merges[self._next][0] <= r:
            index = self._next
            self._next += 1
            if merges[index][2] >= r:
                heapq.heappush(self._ending, (merges[index][2], index))
                self._active.append(index)
                changed = True
        while self._ending and self._ending[0][0] < r:
            _, index = heapq.heappop(self._ending)
            self._active.remove(index)
            changed = True
        if changed:
            self._active.sort(key=lambda i: merges[i][1])
            self._c0s = [merges[i][1] for i in self._active]
        self._row = r

    def at(self, r: int, c: int) -> Range | None:
        """The merged range covering cell (r, c), or None."""
        if not self._merges:
            return None
        self._move_to(r)
        i = bisect.bisect_right(self._c0s, c) - 1
        if i < 0:
            return None
        rng = self._merges[self._active[i]]
        return rng if c <= rng[3] else None

    def ranges(self) -> list[Range]:
        return list(self._merges)
