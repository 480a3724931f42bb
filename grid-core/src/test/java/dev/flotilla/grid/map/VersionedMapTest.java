package dev.flotilla.grid.map;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.VersionMismatchException;
import dev.flotilla.grid.fixture.GridCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class VersionedMapTest {
    private static GridCluster cluster;
    private static Grid grid;

    @BeforeAll
    static void startMember() {
        cluster = GridCluster.create();
        grid = cluster.startMember();
    }

    @AfterAll
    static void stop() {
        try {
            cluster.assertHealthy();
        } finally {
            cluster.close();
        }
    }

    private static VersionedMap freshMap(TestInfo test) {
        return grid.map(test.getTestMethod().orElseThrow().getName().replace('_', '-'));
    }

    @Test
    void put_newKey_versionOneAndReadable(TestInfo test) {
        VersionedMap map = freshMap(test);

        assertThat(map.put("k", "{\"a\":1}")).isEqualTo(1);
        assertThat(map.get("k")).contains(new Versioned("{\"a\":1}", 1));
        assertThat(map.put("k", "[1,2]")).isEqualTo(2);
        assertThat(map.get("k")).contains(new Versioned("[1,2]", 2));
    }

    @Test
    void get_absentKey_empty(TestInfo test) {
        assertThat(freshMap(test).get("nothing")).isEmpty();
    }

    @Test
    void compareAndSet_matchingVersion_writes(TestInfo test) {
        VersionedMap map = freshMap(test);
        map.put("k", "1");

        assertThat(map.compareAndSet("k", 1, "2")).isEqualTo(2);
        assertThat(map.get("k")).contains(new Versioned("2", 2));
    }

    @Test
    void compareAndSet_staleVersion_mismatchAndUnchanged(TestInfo test) {
        VersionedMap map = freshMap(test);
        map.put("k", "1");
        map.put("k", "2");

        assertThatThrownBy(() -> map.compareAndSet("k", 1, "3"))
                .isInstanceOfSatisfying(VersionMismatchException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.currentVersion()).isEqualTo(2);
                    assertThat(e.definite()).isTrue();
                    assertThat(e.failure().code()).isEqualTo("version-mismatch");
                });
        assertThat(map.get("k")).contains(new Versioned("2", 2));
    }

    @Test
    void putIfAbsent_presentKey_mismatchAndUnchanged(TestInfo test) {
        VersionedMap map = freshMap(test);
        assertThat(map.putIfAbsent("k", "\"first\"")).isEqualTo(1);

        assertThatThrownBy(() -> map.putIfAbsent("k", "\"second\""))
                .isInstanceOfSatisfying(VersionMismatchException.class, e -> assertThat(e.currentVersion()).isEqualTo(1));
        assertThat(map.get("k")).contains(new Versioned("\"first\"", 1));
    }

    @Test
    void delete_presentThenAbsent_versionThenEmpty(TestInfo test) {
        VersionedMap map = freshMap(test);
        map.put("k", "1");
        map.put("k", "2");

        assertThat(map.delete("k")).contains(2L);
        assertThat(map.delete("k")).isEmpty();
        assertThat(map.get("k")).isEmpty();
        assertThat(map.put("k", "3")).as("a re-created key starts again at 1").isEqualTo(1);
    }

    @Test
    void deleteIfVersion_stale_mismatchAndKept(TestInfo test) {
        VersionedMap map = freshMap(test);
        map.put("k", "1");

        assertThatThrownBy(() -> VersionedMap.await(map.deleteIfVersionAsync("k", 5)))
                .isInstanceOf(VersionMismatchException.class);
        assertThat(map.get("k")).isPresent();
        assertThat(VersionedMap.await(map.deleteIfVersionAsync("k", 1))).isEqualTo(1);
        assertThat(map.get("k")).isEmpty();
    }

    @Test
    void put_malformedJson_definiteInvalidValueAndNothingWritten(TestInfo test) {
        VersionedMap map = freshMap(test);

        for (String bad : List.of("{\"a\":", "", "   ", "{} {}", "nope", "{'a':1}")) {
            assertThatThrownBy(() -> map.put("k", bad))
                    .as("value %s", bad)
                    .isInstanceOfSatisfying(GridException.class, e -> {
                        assertThat(e.failure()).isEqualTo(GridFailure.INVALID_VALUE);
                        assertThat(e.definite()).isTrue();
                    });
        }
        assertThat(map.get("k")).isEmpty();
        assertThat(map.localOwnedEntryCount()).isZero();
    }

    @Test
    void names_illegal_definiteInvalidNameOrKey() {
        assertThatThrownBy(() -> grid.map("")).hasMessage("map name must not be empty");
        assertThatThrownBy(() -> grid.map("a".repeat(65))).hasMessageContaining("the limit is 64");
        assertThatThrownBy(() -> grid.map("_internal")).isInstanceOfSatisfying(GridException.class,
                e -> assertThat(e.failure()).isEqualTo(GridFailure.INVALID_MAP_NAME));
        VersionedMap map = grid.map("names");
        assertThatThrownBy(() -> map.put("a/b", "1")).isInstanceOfSatisfying(GridException.class,
                e -> assertThat(e.failure()).isEqualTo(GridFailure.INVALID_KEY));
        assertThatThrownBy(() -> map.put("k\u0001", "1")).hasMessageContaining("position 1");
        assertThatThrownBy(() -> map.get("k".repeat(257))).hasMessageContaining("the limit is 256");
        assertThat(map.localOwnedEntryCount()).isZero();
    }

    @Test
    void putAll_oneBadDocument_nothingWritten(TestInfo test) {
        VersionedMap map = freshMap(test);
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("a", "1");
        documents.put("b", "{");

        assertThatThrownBy(() -> map.putAll(documents)).isInstanceOfSatisfying(GridException.class,
                e -> assertThat(e.definite()).isTrue());
        assertThat(map.getAll(List.of("a", "b"))).isEmpty();
    }

    @Test
    void getAll_someAbsent_onlyPresentReturned(TestInfo test) {
        VersionedMap map = freshMap(test);
        map.putAll(Map.of("a", "1", "b", "2"));

        assertThat(map.getAll(List.of("a", "b", "c"))).containsOnlyKeys("a", "b")
                .containsEntry("b", new Versioned("2", 1));
    }

    @Test
    void put_withTtl_expires(TestInfo test) {
        VersionedMap map = freshMap(test);
        VersionedMap.await(map.putAsync("short", "1", Duration.ofSeconds(1)));
        VersionedMap.await(map.putAsync("long", "1", Duration.ofMinutes(10)));

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> map.get("short").isEmpty());
        assertThat(map.get("long")).as("an entry with a longer TTL is still there").isPresent();
    }

    @Test
    void compareAndSet_concurrentWriters_exactlyOneWinsPerVersion(TestInfo test) throws Exception {
        VersionedMap map = freshMap(test);
        map.put("counter", "0");
        int threads = 4;
        int incrementsPerThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(CompletableFuture.supplyAsync(() -> {
                    int done = 0;
                    while (done < incrementsPerThread) {
                        Versioned current = map.get("counter").orElseThrow();
                        long next = Long.parseLong(current.json()) + 1;
                        try {
                            map.compareAndSet("counter", current.version(), Long.toString(next));
                            done++;
                        } catch (VersionMismatchException retry) {
                            // Lost the race: read again.
                        }
                    }
                    return done;
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }
        Optional<Versioned> result = map.get("counter");
        assertThat(result).contains(new Versioned(Integer.toString(threads * incrementsPerThread),
                threads * incrementsPerThread + 1));
    }

    @Test
    void operations_afterMemberStopped_definiteNotRunning() {
        GridCluster other = GridCluster.create();
        try {
            Grid lone = other.startMember();
            VersionedMap map = lone.map("gone");
            lone.terminate();

            assertThatThrownBy(() -> map.put("k", "1")).isInstanceOfSatisfying(GridException.class, e -> {
                assertThat(e.failure()).isEqualTo(GridFailure.NOT_RUNNING);
                assertThat(e.definite()).isTrue();
            });
        } finally {
            other.close();
        }
    }
}
