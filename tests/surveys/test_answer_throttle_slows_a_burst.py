"""common/throttle.Throttle: about `limit` attempts per window per address, refused ones not counted, a burst
across the turn of a window not let through, other addresses unaffected, the address never in a cache key, and a
cache that cannot be reached lets the attempt through."""

import uuid

import pytest

from common import throttle
from common.throttle import Throttle


@pytest.fixture
def clock(monkeypatch):
    now = {"at": 3_000_000 * 60.0}
    monkeypatch.setattr(throttle, "now", lambda: now["at"])
    return now


@pytest.fixture
def limiter():
    return Throttle(f"test-{uuid.uuid4().hex}", limit=3, window=60)


def test_a_burst_is_slowed_to_the_limits_pace(limiter, clock):
    assert [limiter.allow("198.51.100.1") for _ in range(5)] == [True, True, True, False, False]
    assert limiter.allow("198.51.100.2") is True

    clock["at"] += 61  # into the next window: the last one's three still weigh almost three
    assert limiter.allow("198.51.100.1") is False
    clock["at"] += 30  # half way: they weigh two (rounded up)
    assert [limiter.allow("198.51.100.1") for _ in range(2)] == [True, False]
    clock["at"] += 120
    assert [limiter.allow("198.51.100.1") for _ in range(4)] == [True, True, True, False]


def test_the_address_is_not_in_the_cache_key(limiter, clock):
    keys = limiter._keys("198.51.100.1", clock["at"])

    assert all("198.51.100.1" not in key for key in keys)


def test_a_cache_that_cannot_be_reached_lets_the_attempt_through(limiter, clock, monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(throttle.cache, "get_many", down)

    assert limiter.allow("198.51.100.1") is True
    assert "198.51.100.1" not in caplog.text
