package dev.flotilla.grid.store;

import org.junit.jupiter.api.Timeout;

/**
 * {@link PersistentMapContract} on a real PostgreSQL server ({@link PostgresServer}), the database production
 * clusters use: a fresh server in a temporary directory for each test.
 */
@Timeout(120)
class PostgresPersistentMapTest extends PersistentMapContract {

    @Override
    TestDatabase createDatabase() {
        return PostgresServer.create();
    }
}
