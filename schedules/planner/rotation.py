"""Which region and which key message each next airing of one channel gets.

Region (rule 8): every target has a weighted share w x p (risk weight x population). An
airing goes to the target whose deficit against its share reaches half an airing first,
i.e. the smallest (airings + 1/2) / (w x p): the Sainte-Laguë divisor order, a weighted
round robin that keeps each target within about one airing of N x share / total share
after N airings, and needs only a heap. While some target has not yet had every message
the channel can carry for it, only such targets are eligible (rule 9 before rule 8).

Message (rules 5 and 9): for the chosen target, prefer a message whose variant has not
aired on this channel in the last REPEAT_DAYS days, then the message this target has had
least often, then the one whose variant aired longest ago. If the most-due target has
nothing fresh, the most-due target that has something fresh gets the airing instead.
So rule 5 comes first: listeners hear the channel, whatever region an airing is aimed
at. Rules 5 and 9 only pull apart when targets share variants (province-wide ones).

"Where capacity allows" for rule 8 therefore means, per channel with several targets:
its N airings give every target a quota N x share / total share of at least the number
of messages it can carry there (so the coverage floor never lifts a target above its
quota), and the rule-5 detour is not needed (each target has a fresh variant when due).
Then airings per head are proportional to weight within about one airing, so a region
of weight >= 2 (border; or ethnic minority + poor) gets at least twice the airings per
head of a weight-1 region. A channel covering one region cannot shift anything.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Mapping, Sequence

from schedules.planner.inputs import Variant

REPEAT_DAYS = 3
_NEVER = -(10**9)


class Rotation:
    """Rotation state of one channel; `next(day)` is deterministic given the seed."""

    def __init__(
        self,
        options: Mapping[str, Sequence[tuple[str, Variant]]],
        shares: Mapping[str, float],
        rng: random.Random,
    ) -> None:
        targets = sorted(options)
        rng.shuffle(targets)
        messages = sorted({m for opts in options.values() for m, _ in opts})
        rng.shuffle(messages)
        message_rank = {m: i for i, m in enumerate(messages)}
        variant_ids = sorted({v.id for opts in options.values() for _, v in opts})
        variant_index = {vid: i for i, vid in enumerate(variant_ids)}

        self.targets = targets
        # Per target: (message rank, message id, variant index, variant), in rank order.
        self.options = [
            sorted(
                (message_rank[m], m, variant_index[v.id], v) for m, v in options[target]
            )
            for target in targets
        ]
        # Variant index -> targets that would air it, for the freshness search.
        self.targets_of: list[list[int]] = [[] for _ in variant_ids]
        for target, opts in enumerate(self.options):
            for option in opts:
                self.targets_of[option[2]].append(target)
        self.shares = [max(shares[t], 1e-12) for t in targets]
        self.airings = [0] * len(targets)
        self.counts = [[0] * len(opts) for opts in self.options]
        self.uncovered = [len(opts) for opts in self.options]
        self.pending = sum(1 for n in self.uncovered if n)
        self.version = [0] * len(targets)
        self.last_day = [_NEVER] * len(variant_ids)
        self.last_seq = [-1] * len(variant_ids)
        self.seq = 0
        # Entries are (pass, target index, version); an entry is live while its version
        # is the target's current one (lazy deletion instead of decrease-key).
        first = [(0.5 / share, i, 0) for i, share in enumerate(self.shares)]
        self.due = list(first)
        self.due_uncovered = list(first)
        heapq.heapify(self.due)
        heapq.heapify(self.due_uncovered)

    def __bool__(self) -> bool:
        return bool(self.targets)

    def next(self, day: int) -> tuple[str, str, Variant]:
        """Target region, message id and variant of the next airing on day `day`."""
        target = 0 if len(self.targets) == 1 else self._next_target(day)
        choice = self._best_option(target, day)
        _, message_id, vindex, variant = self.options[target][choice]

        self.seq += 1
        self.last_day[vindex] = day
        self.last_seq[vindex] = self.seq
        self.airings[target] += 1
        self.version[target] += 1
        self.counts[target][choice] += 1
        if self.counts[target][choice] == 1:
            self.uncovered[target] -= 1
            if self.uncovered[target] == 0:
                self.pending -= 1
        if len(self.targets) > 1:
            entry = (
                (self.airings[target] + 0.5) / self.shares[target],
                target,
                self.version[target],
            )
            heapq.heappush(self.due, entry)
            if self.uncovered[target]:
                heapq.heappush(self.due_uncovered, entry)
        return self.targets[target], message_id, variant

    def _next_target(self, day: int) -> int:
        heap = self.due_uncovered if self.pending else self.due
        while heap[0][2] != self.version[heap[0][1]]:
            heapq.heappop(heap)
        top = heap[0][1]
        if self._has_fresh(top, day):
            return top
        # The most-due target would repeat a recent variant: take the most-due target
        # that can air a fresh one instead (still preferring targets that miss a
        # message), found through the fresh variants so the search costs nothing when
        # every variant is recent.
        best: tuple[bool, float, int] | None = None
        last_day = self.last_day
        for vindex, targets in enumerate(self.targets_of):
            if day - last_day[vindex] < REPEAT_DAYS:
                continue
            for target in targets:
                key = (
                    self.pending > 0 and not self.uncovered[target],
                    (self.airings[target] + 0.5) / self.shares[target],
                    target,
                )
                if best is None or key < best:
                    best = key
        return top if best is None else best[2]

    def _has_fresh(self, target: int, day: int) -> bool:
        last_day = self.last_day
        return any(day - last_day[o[2]] >= REPEAT_DAYS for o in self.options[target])

    def _best_option(self, target: int, day: int) -> int:
        last_day = self.last_day
        last_seq = self.last_seq
        counts = self.counts[target]
        best = 0
        best_key: tuple[bool, int, int] | None = None
        # Options are in message-rank order, so the first of equal keys wins the tie.
        for i, option in enumerate(self.options[target]):
            vindex = option[2]
            key = (day - last_day[vindex] < REPEAT_DAYS, counts[i], last_seq[vindex])
            if best_key is None or key < best_key:
                best, best_key = i, key
        return best
