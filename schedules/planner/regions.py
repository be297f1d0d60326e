"""The region tree, indexed once so every later question is a dictionary lookup.

Weight of a region = 1 + sum of the risk weights of its own flags (a region does not
inherit its parent's flags: copy them down when building the input if that is wanted).
Population of a region = its own figure, else the sum of its children's populations
(each found the same way) if it has children, else the planner's default (1 head unless
told otherwise); never less than 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from schedules.planner.inputs import DEFAULT_RISK_WEIGHTS, Region


class RegionTree:
    """Ancestors, depth, population and weight of every region, computed up front."""

    def __init__(
        self,
        regions: Iterable[Region],
        risk_weights: Mapping[str, float] = DEFAULT_RISK_WEIGHTS,
        default_population: int = 1,
    ) -> None:
        self.by_id: dict[str, Region] = {}
        for region in regions:
            if region.id in self.by_id:
                raise ValueError(f"region {region.id!r} is listed twice")
            self.by_id[region.id] = region
        for region in self.by_id.values():
            if region.parent_id is not None and region.parent_id not in self.by_id:
                raise ValueError(
                    f"region {region.id!r} has unknown parent {region.parent_id!r}"
                )
        # Nearest first; the root's tuple is empty.
        self._ancestors: dict[str, tuple[str, ...]] = {}
        for region_id in sorted(self.by_id):
            self._index_ancestors(region_id)
        self._ancestor_sets = {rid: frozenset(a) for rid, a in self._ancestors.items()}
        self.population: dict[str, int] = self._populations(default_population)
        self.weight: dict[str, float] = {
            rid: 1.0 + sum(risk_weights.get(flag, 0.0) for flag in sorted(r.flags))
            for rid, r in self.by_id.items()
        }

    def _index_ancestors(self, region_id: str) -> None:
        # Iterative so a deep tree cannot hit the recursion limit.
        chain: list[str] = []
        seen = {region_id}
        current = self.by_id[region_id].parent_id
        while current is not None:
            if current in self._ancestors:
                chain.append(current)
                chain.extend(self._ancestors[current])
                break
            if current in seen:
                raise ValueError(f"region tree has a cycle through {current!r}")
            seen.add(current)
            chain.append(current)
            current = self.by_id[current].parent_id
        self._ancestors[region_id] = tuple(chain)

    def _populations(self, default: int) -> dict[str, int]:
        result: dict[str, int] = {}
        children_sum: dict[str, int] = {}
        # Deepest first, so every child is settled before its parent reads it.
        for rid in sorted(self.by_id, key=lambda r: (-len(self._ancestors[r]), r)):
            own = self.by_id[rid].population
            if own is None:
                own = children_sum.get(rid, default)
            result[rid] = max(1, own)
            parent = self.by_id[rid].parent_id
            if parent is not None:
                children_sum[parent] = children_sum.get(parent, 0) + result[rid]
        return {rid: result[rid] for rid in sorted(result)}

    def __contains__(self, region_id: object) -> bool:
        return region_id in self.by_id

    def ancestors(self, region_id: str) -> tuple[str, ...]:
        """Ancestors of the region, nearest first."""
        return self._ancestors[region_id]

    def is_ancestor(self, ancestor: str, region_id: str) -> bool:
        return ancestor in self._ancestor_sets[region_id]

    def within(self, region_id: str, area: str) -> bool:
        """True when `region_id` is `area` itself or lies inside it."""
        return region_id == area or area in self._ancestor_sets[region_id]

    def related(self, a: str, b: str) -> bool:
        """Same region, or one is an ancestor of the other."""
        return a == b or a in self._ancestor_sets[b] or b in self._ancestor_sets[a]
