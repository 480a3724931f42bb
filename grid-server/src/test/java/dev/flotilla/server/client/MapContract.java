package dev.flotilla.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The versioned-map semantics, written once and run against every way in: grid-core's embedded
 * {@code VersionedMap} and the HTTP client's {@code RemoteMap}. Each subclass supplies an {@link Adapter}.
 */
abstract class MapContract {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A document and its version, as either API reports it. */
    record Entry(JsonNode value, long version) {
    }

    /** A conditional operation found another version (0 = absent). */
    static final class Conflict extends RuntimeException {
        final long currentVersion;

        Conflict(long currentVersion) {
            super("conflict, current version " + currentVersion);
            this.currentVersion = currentVersion;
        }
    }

    /** One API, seen through the operations the contract checks; documents are JSON text. */
    interface Adapter {
        Optional<Entry> get(String map, String key);

        long put(String map, String key, String json);

        /** Throws {@link Conflict} when the key exists. */
        long putIfAbsent(String map, String key, String json);

        /** Throws {@link Conflict} when the version differs. */
        long compareAndSet(String map, String key, long expected, String json);

        boolean delete(String map, String key);

        /** Throws {@link Conflict} when the version differs. */
        void deleteIfVersion(String map, String key, long expected);

        Map<String, Entry> getAll(String map, List<String> keys);

        Map<String, Long> putAll(String map, Map<String, String> documents);
    }

    abstract Adapter adapter();

    private final String map = "contract-" + UUID.randomUUID().toString().substring(0, 8);

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void put_newKey_versionOneAndReadable() {
        assertThat(adapter().put(map, "k", "{\"a\":1}")).isEqualTo(1);

        assertThat(adapter().get(map, "k")).contains(new Entry(tree("{\"a\":1}"), 1));
    }

    @Test
    void put_existingKey_nextVersion() {
        adapter().put(map, "k", "1");

        assertThat(adapter().put(map, "k", "[1,2]")).isEqualTo(2);
        assertThat(adapter().get(map, "k")).contains(new Entry(tree("[1,2]"), 2));
    }

    @Test
    void get_absentKey_empty() {
        assertThat(adapter().get(map, "nothing")).isEmpty();
    }

    @Test
    void putIfAbsent_absentThenPresent_createsThenConflictsWithVersion() {
        assertThat(adapter().putIfAbsent(map, "k", "{}")).isEqualTo(1);

        Conflict conflict = catchThrowableOfType(() -> adapter().putIfAbsent(map, "k", "{\"b\":2}"), Conflict.class);

        assertThat(conflict.currentVersion).isEqualTo(1);
        assertThat(adapter().get(map, "k").orElseThrow().value()).isEqualTo(tree("{}"));
    }

    @Test
    void compareAndSet_matchingVersion_writes() {
        long v = adapter().put(map, "k", "\"a\"");

        assertThat(adapter().compareAndSet(map, "k", v, "\"b\"")).isEqualTo(v + 1);
    }

    @Test
    void compareAndSet_staleVersion_conflictAndNothingWritten() {
        adapter().put(map, "k", "\"a\"");
        adapter().put(map, "k", "\"b\"");

        Conflict conflict = catchThrowableOfType(() -> adapter().compareAndSet(map, "k", 1, "\"c\""), Conflict.class);

        assertThat(conflict.currentVersion).isEqualTo(2);
        assertThat(adapter().get(map, "k")).contains(new Entry(tree("\"b\""), 2));
    }

    @Test
    void compareAndSet_absentKey_conflictWithVersionZero() {
        Conflict conflict = catchThrowableOfType(() -> adapter().compareAndSet(map, "none", 3, "1"), Conflict.class);

        assertThat(conflict.currentVersion).isZero();
    }

    @Test
    void delete_presentThenAbsent_trueThenFalse() {
        adapter().put(map, "k", "1");

        assertThat(adapter().delete(map, "k")).isTrue();
        assertThat(adapter().delete(map, "k")).isFalse();
        assertThat(adapter().get(map, "k")).isEmpty();
    }

    @Test
    void delete_thenPut_versionStartsAgainAtOne() {
        adapter().put(map, "k", "1");
        adapter().put(map, "k", "2");
        adapter().delete(map, "k");

        assertThat(adapter().put(map, "k", "3")).isEqualTo(1);
    }

    @Test
    void deleteIfVersion_stale_conflictAndKept() {
        adapter().put(map, "k", "1");
        adapter().put(map, "k", "2");

        Conflict conflict = catchThrowableOfType(() -> adapter().deleteIfVersion(map, "k", 1), Conflict.class);

        assertThat(conflict.currentVersion).isEqualTo(2);
        assertThat(adapter().get(map, "k")).isPresent();
    }

    @Test
    void deleteIfVersion_matching_deleted() {
        long v = adapter().put(map, "k", "1");

        adapter().deleteIfVersion(map, "k", v);

        assertThat(adapter().get(map, "k")).isEmpty();
    }

    @Test
    void putAllThenGetAll_someMissing_foundWithVersionsAndMissingLeftOut() {
        adapter().put(map, "b", "0");

        Map<String, Long> versions = adapter().putAll(map, Map.of("a", "{\"x\":1}", "b", "{\"x\":2}"));
        Map<String, Entry> found = adapter().getAll(map, List.of("a", "b", "c"));

        assertThat(versions).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1L, "b", 2L));
        assertThat(found).containsOnlyKeys("a", "b");
        assertThat(found.get("b")).isEqualTo(new Entry(tree("{\"x\":2}"), 2));
    }

    @Test
    void put_unicodeKeyAndValue_roundTrips() {
        String key = "clé ü ☃ 100%";
        adapter().put(map, key, "{\"name\":\"Zoë ☃\"}");

        assertThat(adapter().get(map, key).orElseThrow().value().get("name").asText()).isEqualTo("Zoë ☃");
    }
}
