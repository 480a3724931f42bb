package dev.flotilla.grid.store;

import org.junit.jupiter.api.Timeout;

/** {@link PersistentMapContract} on H2 over TCP, the database {@code bin/flotilla cluster --persistent} starts. */
@Timeout(120)
class PersistentMapTest extends PersistentMapContract {

    @Override
    TestDatabase createDatabase() {
        return H2Server.create();
    }
}
