import copy

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from ops.db_routers import REPLICA


@pytest.fixture
def replica(transactional_db, settings):
    """A second alias, `replica`, on the test database, with the router and its middleware on.

    A separate connection, as a real replica is: it sees only committed rows, so the tests that
    use it run in real transactions (django_db(transaction=True)).
    """
    replica_settings = copy.deepcopy(connections.settings[DEFAULT_DB_ALIAS])
    replica_settings["TEST"] = {**replica_settings.get("TEST", {}), "MIRROR": DEFAULT_DB_ALIAS}
    connections.settings[REPLICA] = replica_settings
    settings.DATABASE_ROUTERS = ["ops.db_routers.PrimaryReplicaRouter"]
    settings.MIDDLEWARE = ["ops.db_routers.ReplicaReadsMiddleware", *settings.MIDDLEWARE]
    # Connect now: the running test case refuses to open a connection to an alias that did not
    # exist when it started, and this one is added afterwards.
    connections[REPLICA].connect()
    try:
        yield connections[REPLICA]
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
