"""Slowing a burst of requests from one address, in Django's cache (Redis in production, memory elsewhere).

`Throttle(scope, limit=10, window=600).allow(address)` counts one attempt from `address` and says whether it may
go ahead: no more than about `limit` attempts in any `window` seconds. It is a sliding window from two fixed
ones (this window's count, and the last window's weighted by how much of it still overlaps, rounded up), so a
burst is slowed to the limit's pace rather than let through again all at once when a window turns over. Refused
attempts are not counted: someone who waits a few minutes gets through, however often they tried meanwhile.

The cache holds only counts, under a keyed hash of the address (salted with SECRET_KEY), expiring after two
windows; never the address, and nothing in the database. If the cache cannot be reached the attempt is
allowed: the throttle slows floods, it must not stop the service.
"""

import logging
import math
import time

from django.core.cache import cache
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)


def now() -> float:
    """The clock the throttle reads (the tests move it)."""
    return time.time()


class Throttle:
    def __init__(self, scope: str, *, limit: int, window: int):
        self.scope = scope
        self.limit = limit
        self.window = window

    def _keys(self, address: str | None, at: float) -> tuple[str, str]:
        digest = salted_hmac(f"common.throttle.{self.scope}", address or "unknown").hexdigest()[:32]
        bucket = int(at // self.window)
        return f"throttle:{self.scope}:{digest}:{bucket - 1}", f"throttle:{self.scope}:{digest}:{bucket}"

    def allow(self, address: str | None) -> bool:
        """Count one attempt from `address` (None: an address that could not be read, all counted together) if it
        may go ahead, and say whether it may."""
        at = now()
        previous, current = self._keys(address, at)
        try:
            counts = cache.get_many([previous, current])
            overlap = 1 - (at % self.window) / self.window
            if math.ceil(counts.get(previous, 0) * overlap) + counts.get(current, 0) >= self.limit:
                return False
            cache.add(current, 0, timeout=2 * self.window)
            cache.incr(current)
        except Exception:  # noqa: BLE001 - any cache failure (Redis down): allow, and say so without the address
            logger.warning("The %s throttle could not reach the cache: the attempt was allowed", self.scope)
        return True
