package dev.flotilla.server.client;

import dev.flotilla.grid.VersionMismatchException;
import dev.flotilla.grid.fixture.GridCluster;
import dev.flotilla.grid.map.Versioned;
import dev.flotilla.grid.map.VersionedMap;
import dev.flotilla.grid.Grid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The map contract against grid-core's embedded {@link VersionedMap}. */
@Timeout(60)
class EmbeddedMapContractTest extends MapContract {
    private static GridCluster cluster;
    private static Grid grid;

    @BeforeAll
    static void start() {
        cluster = GridCluster.create();
        grid = cluster.startMember();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Override
    Adapter adapter() {
        return new Adapter() {
            private VersionedMap m(String name) {
                return grid.map(name);
            }

            private static Entry entry(Versioned v) {
                return new Entry(tree(v.json()), v.version());
            }

            private static <T> T conflicts(Supplier<T> operation) {
                try {
                    return operation.get();
                } catch (VersionMismatchException e) {
                    throw new Conflict(e.currentVersion());
                }
            }

            @Override
            public Optional<Entry> get(String map, String key) {
                return m(map).get(key).map(v -> entry(v));
            }

            @Override
            public long put(String map, String key, String json) {
                return m(map).put(key, json);
            }

            @Override
            public long putIfAbsent(String map, String key, String json) {
                return conflicts(() -> m(map).putIfAbsent(key, json));
            }

            @Override
            public long compareAndSet(String map, String key, long expected, String json) {
                return conflicts(() -> m(map).compareAndSet(key, expected, json));
            }

            @Override
            public boolean delete(String map, String key) {
                return m(map).delete(key).isPresent();
            }

            @Override
            public void deleteIfVersion(String map, String key, long expected) {
                conflicts(() -> VersionedMap.await(m(map).deleteIfVersionAsync(key, expected)));
            }

            @Override
            public Map<String, Entry> getAll(String map, List<String> keys) {
                Map<String, Entry> found = new LinkedHashMap<>();
                m(map).getAll(keys).forEach((k, v) -> found.put(k, entry(v)));
                return found;
            }

            @Override
            public Map<String, Long> putAll(String map, Map<String, String> documents) {
                return m(map).putAll(documents);
            }
        };
    }
}
