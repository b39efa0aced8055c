"""Sending a Celery task from a service, without failing the person's request when Redis is down.

Services (scrutiny.reports, scrutiny.challenges) send tasks; tasks (scrutiny.tasks) call the
modules below the services. So a service imports tasks and no task imports a service.
"""

import logging
import threading

from django.db import connections
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError

logger = logging.getLogger(__name__)

QUEUE_DOWN_ERRORS = (KombuOperationalError, RedisConnectionError, ConnectionError)
# At request time, try the broker twice at most, within about a second: a person is waiting.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


def send(task, *args, what: str) -> bool:
    """Send `task` with `args`; False, logged as `what`, if the broker cannot be reached."""
    try:
        task.apply_async(args=list(args), retry=True, retry_policy=RETRY_POLICY)
    except QUEUE_DOWN_ERRORS as error:
        logger.warning("%s: the broker is unreachable (%s)", what, type(error).__name__)
        return False
    return True


def run_in_a_thread(task, *args, name: str) -> threading.Thread:
    """Run `task` in process, in a thread of its own, and return at once (the embedded default, with no
    worker: see settings.REPORTS_BUILD_IN_A_THREAD). The thread closes its database connections at the end."""

    def run():
        try:
            task.apply(args=list(args))
        except Exception:
            logger.exception("%s failed in its thread", name)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread
