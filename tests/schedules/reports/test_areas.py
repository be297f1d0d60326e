"""Sharing counts down the region tree by population, and per-1,000 figures."""

from decimal import Decimal

import pytest

from schedules.reports.areas import Area, attribute, per_thousand, share

# P (10,000) ─┬─ D1 (6,000) ─┬─ C1 (1,000)
#             │              └─ C2 (2,000)  (3,000 of D1 in no listed commune)
#             ├─ D2 (3,000)
#             └─ D3 (no population)
TREE = [
    Area("0001", 10_000),
    Area("00010001", 6_000),
    Area("000100010001", 1_000),
    Area("000100010002", 2_000),
    Area("00010002", 3_000),
    Area("00010003", None),
]


def test_what_was_aimed_above_is_shared_by_population_and_nothing_is_lost():
    direct = {"0001": 1_000, "00010001": 600, "000100010001": 7, "00010003": 5}
    result = attribute(direct, TREE)
    # P's 1,000: 600 to D1, 300 to D2, 100 kept (P's people in no listed district).
    assert result.total["00010001"] == 600 + 600 + 7
    assert result.total["00010002"] == 300
    assert result.kept["0001"] == 100
    # D1's own 600 plus its 600 share: 1,200 split 1,000 : 2,000 of its 6,000.
    assert result.total["000100010001"] == 7 + 200
    assert result.total["000100010002"] == 400
    assert result.kept["00010001"] == 600
    # Without a population D3 gets no share, only what was aimed at it.
    assert result.total["00010003"] == 5
    # Totals never change: the province holds everything; each level plus what the
    # levels above kept adds up to it.
    assert result.total["0001"] == sum(direct.values())
    districts = sum(result.total[a.path] for a in TREE if len(a.path) == 8)
    assert districts + result.kept["0001"] == sum(direct.values())
    communes = result.total["000100010001"] + result.total["000100010002"]
    kept_above = result.kept["0001"] + result.kept["00010001"]
    others = result.total["00010002"] + result.total["00010003"]
    assert communes + others + kept_above == sum(direct.values())


@pytest.mark.parametrize("amount", [0, 1, 2, 7, 100, 999])
def test_shares_are_whole_numbers_that_add_up(amount):
    parts = {"a": 1, "b": 1, "c": 1}
    shares = share(amount, parts, 3)
    assert sum(shares.values()) == amount
    assert max(shares.values(), default=0) - min(shares.values(), default=0) <= 1


def test_per_thousand_needs_a_population():
    assert per_thousand(115, 159_200) == Decimal("0.7")
    assert per_thousand(115, None) is None
    assert per_thousand(115, 0) is None
