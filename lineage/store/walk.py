"""The bounded breadth-first walk every backend answers `Store.walk` with, level by level.

One level takes the links touching the frontier (leaving it DOWNSTREAM, entering it UPSTREAM,
either BOTH) in link order (untimed first, then timestamp, then id). Each link leads to its
endpoints across from the frontier; an id not reached yet is reached at this level, unless
`limit` ids besides the roots are reached already: then the walk is truncated and stops after
this level. A link is followed when both its endpoints are reached once it has been taken.

The bookkeeping lives here, once, so that the backends only differ in how they fetch a level's
links: the embedded store asks SQLite level by level, the Neo4j store fetches up to ten levels
in one statement and hands them over from memory. Either way the answer is the same, and it
depends on nothing but what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lineage.model import Direction, Link, link_order


class BreadthFirst:
    """A walk in progress: feed it each level's links with `step` until `done`."""

    def __init__(
        self,
        roots: Sequence[str],
        direction: Direction,
        limit: int,
        skipped_inferred_kinds: Iterable[str] = (),
    ) -> None:
        self.direction = direction
        self.limit = limit
        self.skipped = frozenset(skipped_inferred_kinds)
        self.depth: dict[str, int] = dict.fromkeys(roots, 0)
        self.roots = len(self.depth)
        self.frontier: list[str] = list(self.depth)
        self.followed: dict[str, Link] = {}
        self.level = 0
        self.truncated = False

    @property
    def done(self) -> bool:
        """Whether no further level can reach anything (frontier empty, or truncated)."""
        return self.truncated or not self.frontier

    def step(self, links: Iterable[Link]) -> None:
        """Take one level over `links`, which hold every link touching the frontier in the
        walk's direction (any others are ignored)."""
        self.level += 1
        at_frontier = set(self.frontier)
        self.frontier = []
        unique = {link.id: link for link in links if self._leaves(link, at_frontier)}
        for link in sorted(unique.values(), key=link_order):
            if link.inferred and link.kind in self.skipped:
                continue
            for neighbour in self._neighbours(link, at_frontier):
                if neighbour in self.depth:
                    continue
                if len(self.depth) - self.roots >= self.limit:
                    self.truncated = True
                    continue
                self.depth[neighbour] = self.level
                self.frontier.append(neighbour)
            if link.from_id in self.depth and link.to_id in self.depth:
                self.followed.setdefault(link.id, link)

    def _leaves(self, link: Link, frontier: set[str]) -> bool:
        """Whether `link` touches the frontier the way the walk goes."""
        if self.direction is Direction.DOWNSTREAM:
            return link.from_id in frontier
        if self.direction is Direction.UPSTREAM:
            return link.to_id in frontier
        return link.from_id in frontier or link.to_id in frontier

    def _neighbours(self, link: Link, frontier: set[str]) -> list[str]:
        """The endpoints this link leads to from the frontier, following the direction."""
        found: list[str] = []
        if self.direction is not Direction.UPSTREAM and link.from_id in frontier and link.to_id:
            found.append(link.to_id)
        if self.direction is not Direction.DOWNSTREAM and link.to_id in frontier and link.from_id:
            found.append(link.from_id)
        return found
