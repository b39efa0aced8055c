"""The world of the permission tables, built once per module instead of once per test.

A table is hundreds of requests, each of which only reads the world or, refused, must leave it as it was;
building the partnerships, personas and world afresh for each of them was most of the permission tests' time.
Here `shared` builds them once per module, inside a transaction rolled back after the module's last test.
Each test still runs in a transaction of its own (the `db` fixture's, a savepoint inside the module's), rolled
back after it, so what a POST one test is allowed to make is gone before the next test starts. `partnership`,
`other_partnership`, `health_agency`, `personas` and `world` override the root fixtures of those names with
copies of the module's objects, so what a test changes in memory (a `refresh_from_db()` after a POST, or
the `last_login` a sign-in sets) is not seen by the next test either.

A module adds to its world once by overriding `shared` at module scope (`def shared(shared)`, returning the
dictionary with more in `world`; see test_permissions_actions.py); a function-scoped fixture that takes
`world` (the root `report_world`) adds to it for each test. Transactional tests (`transactional_db`,
`live_server`) cannot run here: they would end the module's transaction. While a module runs, its tests can
reach the database, as `shared` holds it open for them.
"""

import copy

import pytest
from django.db import transaction

from tests.support import builders


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """The partnerships, agency, personas and world of the module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        framework = builders.bundled_framework()
        partnership = builders.build_partnership(framework)
        other_partnership = builders.build_other_partnership(framework)
        health_agency = builders.build_health_agency(partnership)
        personas = builders.build_personas(partnership, other_partnership, health_agency)
        yield {
            "partnership": partnership,
            "other_partnership": other_partnership,
            "health_agency": health_agency,
            "personas": personas,
            "world": builders.build_world(personas, partnership, other_partnership, health_agency),
        }
        transaction.set_rollback(True)


@pytest.fixture
def _shared_copy(shared, db):
    """This test's copy of the module's objects (one copy, so they still refer to each other), in the test's
    own transaction (`db`)."""
    return copy.deepcopy(shared)


@pytest.fixture
def partnership(_shared_copy):
    return _shared_copy["partnership"]


@pytest.fixture
def other_partnership(_shared_copy):
    return _shared_copy["other_partnership"]


@pytest.fixture
def health_agency(_shared_copy):
    return _shared_copy["health_agency"]


@pytest.fixture
def personas(_shared_copy):
    return _shared_copy["personas"]


@pytest.fixture
def world(_shared_copy):
    return _shared_copy["world"]
