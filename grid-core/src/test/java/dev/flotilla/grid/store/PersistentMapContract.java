package dev.flotilla.grid.store;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.MapSettings;
import dev.flotilla.grid.Persistence;
import dev.flotilla.grid.StoreSettings;
import dev.flotilla.grid.VersionMismatchException;
import dev.flotilla.grid.fixture.GridCluster;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import dev.flotilla.grid.guarantee.Guarantees;
import dev.flotilla.grid.map.StoreStatistics;
import dev.flotilla.grid.map.Versioned;
import dev.flotilla.grid.map.VersionedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Persistent maps on real members and a real database server: what a full restart keeps, what a database outage
 * does to writes, and the write-behind queue. A subclass names the database ({@link #createDatabase()}); each test
 * gets a fresh one.
 */
abstract class PersistentMapContract {
    private TestDatabase database;
    private GridCluster cluster;

    /** A started database server with no data, closed after the test. */
    abstract TestDatabase createDatabase();

    @BeforeEach
    void startDatabase() {
        database = createDatabase();
    }

    @AfterEach
    void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    private GridCluster persistent(Persistence persistence, UnaryOperator<StoreSettings> store) {
        return GridCluster.create(builder -> builder.store(store.apply(database.settings()))
                .mapDefaults(MapSettings.DEFAULT.withPersistence(persistence)));
    }

    @Test
    void writeThrough_everyMemberStoppedAndStartedAgain_documentsVersionsAndGuaranteeMapsLoaded() {
        cluster = persistent(Persistence.WRITE_THROUGH, UnaryOperator.identity());
        cluster.startMembers(2);
        Grid first = cluster.running().get(0);
        VersionedMap docs = first.map("docs");
        Map<String, String> batch = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            batch.put("k" + i, "{\"n\":" + i + "}");
        }
        docs.putAll(batch);
        long updated = docs.put("k7", "{\"n\":\"seven\"}");
        docs.delete("k8");
        Guarantees guarantees = Guarantees.of(GuaranteeMode.fromId("atomic-key"), first, "lab");
        guarantees.set().add(5);
        guarantees.set().add(9);
        guarantees.register().write("r", 42);
        guarantees.counter().incrementBy(3);
        Map<String, Versioned> before = docs.getAll(batch.keySet());

        cluster.close();
        cluster = persistent(Persistence.WRITE_THROUGH, UnaryOperator.identity());
        cluster.startMembers(2);
        Grid restarted = cluster.running().get(1);
        VersionedMap reloaded = restarted.map("docs");

        assertThat(updated).isEqualTo(2);
        assertThat(reloaded.getAll(batch.keySet())).isEqualTo(before).hasSize(299).doesNotContainKey("k8");
        assertThat(reloaded.get("k7")).contains(new Versioned("{\"n\":\"seven\"}", 2));
        assertThatThrownBy(() -> reloaded.compareAndSet("k7", 1, "{}")).isInstanceOf(VersionMismatchException.class);
        assertThat(reloaded.compareAndSet("k7", 2, "{\"n\":7}")).isEqualTo(3);
        Guarantees after = Guarantees.of(GuaranteeMode.fromId("atomic-key"), restarted, "lab");
        assertThat(after.set().readAll()).containsExactly(5L, 9L);
        assertThat(after.register().read("r")).isEqualTo(42L);
        assertThat(after.counter().read()).isEqualTo(3L);
    }

    @Test
    void writeThrough_databaseDown_writeFailsDefiniteAndNothingChanges_thenWritesAgain() throws SQLException {
        cluster = persistent(Persistence.WRITE_THROUGH, s -> s.withTimeout(Duration.ofSeconds(2)));
        cluster.startMembers(2);
        VersionedMap docs = cluster.running().get(0).map("docs");
        docs.put("a", "{\"v\":1}");

        database.stop();
        // The first call may meet a pooled connection the stop broke: the write may have reached the database, so
        // that failure is not definite. Once the pool has dropped it, the database cannot be reached: definite.
        assertThatThrownBy(() -> docs.put("a", "{\"v\":2}")).isInstanceOf(GridException.class);
        assertThatThrownBy(() -> docs.put("a", "{\"v\":2}")).isInstanceOfSatisfying(GridException.class, e -> {
            assertThat(e.failure()).isEqualTo(GridFailure.STORE_UNAVAILABLE);
            assertThat(e.definite()).isTrue();
            assertThat(e.getMessage()).contains("docs").doesNotContain(database.settings().password());
        });
        assertThatThrownBy(() -> docs.put("fresh", "{}"))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.definite()).isTrue());
        assertThat(docs.get("a")).contains(new Versioned("{\"v\":1}", 1));
        assertThat(cluster.running().get(0).storeStatistics().storeFailures()
                + cluster.running().get(1).storeStatistics().storeFailures()).isPositive();

        database.start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> assertThat(docs.put("a", "{\"v\":3}")).isEqualTo(2));
        assertThat(storedVersion("docs", "a")).contains(2L);
        assertThat(storedVersion("docs", "fresh")).isEmpty();
    }

    @Test
    void writeThrough_databaseRefusesTheStatement_definiteAndMemoryUnchanged() throws SQLException {
        cluster = persistent(Persistence.WRITE_THROUGH, UnaryOperator.identity());
        cluster.startMembers(1);
        VersionedMap docs = cluster.running().get(0).map("docs");
        docs.put("capped", "{\"v\":1}");
        try (Connection connection = database.connect(); Statement alter = connection.createStatement()) {
            // The connection stays healthy; only this statement is refused, and the database rolled it back.
            alter.execute("ALTER TABLE " + table(connection, "docs")
                    + " ADD CONSTRAINT capped_at_one CHECK (k <> 'capped' OR version < 2)");
        }

        assertThatThrownBy(() -> docs.put("capped", "{\"v\":2}")).isInstanceOfSatisfying(GridException.class, e -> {
            assertThat(e.failure()).isEqualTo(GridFailure.STORE_UNAVAILABLE);
            assertThat(e.definite()).as(e.getMessage()).isTrue();
        });
        assertThat(docs.get("capped")).contains(new Versioned("{\"v\":1}", 1));
        assertThat(storedVersion("docs", "capped")).contains(1L);
        assertThat(docs.put("other", "{}")).as("the map still stores other keys").isEqualTo(1);
    }

    @Test
    void writeBehind_acknowledgedFromMemory_storedAfterTheDelay_queueDrains() throws SQLException {
        cluster = persistent(Persistence.WRITE_BEHIND.withWriteDelay(Duration.ofSeconds(2)), UnaryOperator.identity());
        Grid member = cluster.startMember();
        VersionedMap docs = member.map("docs");
        Map<String, String> batch = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            batch.put("k" + i, "{}");
        }
        docs.putAll(batch);

        StoreStatistics queued = member.storeStatistics();
        assertThat(queued.queuedEntries()).isEqualTo(50);
        assertThat(storedVersion("docs", "k1")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> member.storeStatistics().queuedEntries() == 0);
        assertThat(storedVersion("docs", "k1")).contains(1L);
        assertThat(storedCount("docs")).isEqualTo(50);
        assertThat(member.storeStatistics().lagSeconds()).isZero();
        assertThat(member.storeStatistics().stores()).isPositive();
    }

    @Test
    void writeBehind_withoutCoalescing_fullQueueRefusesWritesDefinitely() {
        cluster = persistent(Persistence.WRITE_BEHIND.withWriteCoalescing(false).withWriteDelay(Duration.ofSeconds(60)),
                s -> s.withWriteBehindQueueCapacity(20));
        Grid member = cluster.startMember();
        VersionedMap docs = member.map("docs");
        int accepted = 0;
        GridException refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            try {
                docs.put("k" + i, "{}");
                accepted++;
            } catch (GridException e) {
                refused = e;
            }
        }
        assertThat(refused).as("refused after %d writes", accepted).isNotNull();
        assertThat(refused.failure()).isEqualTo(GridFailure.STORE_QUEUE_FULL);
        assertThat(refused.definite()).isTrue();
        assertThat(docs.get("k" + accepted)).as("the refused write is not in memory").isEmpty();
        assertThat(accepted).isLessThanOrEqualTo(20);
    }

    private Optional<Long> storedVersion(String map, String key) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement("SELECT version FROM "
                     + table(connection, map) + " WHERE k = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    private long storedCount(String map) throws SQLException {
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table(connection, map))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The map's table, as the catalog names it. */
    private static String table(Connection connection, String map) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT table_name FROM flotilla_maps WHERE map_name = ?")) {
            select.setString(1, map);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("map %s in the catalog", map).isTrue();
                return rows.getString(1);
            }
        }
    }
}
