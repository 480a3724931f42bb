package dev.flotilla.server.client;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.RawJson;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.client.VersionConflictException;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The map contract against the HTTP client's {@link RemoteMap}, through a real node. */
@Timeout(60)
class ClientMapContractTest extends MapContract {
    private static ServerNode node;
    private static FlotillaClient client;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        client = FlotillaClient.builder().endpoints(List.of(node.uri())).healthCheck(HealthCheck.disabled()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
    }

    @Override
    Adapter adapter() {
        return new Adapter() {
            private RemoteMap m(String name) {
                return client.map(name);
            }

            private static <T> T conflicts(Supplier<T> operation) {
                try {
                    return operation.get();
                } catch (VersionConflictException e) {
                    throw new Conflict(e.currentVersion());
                }
            }

            @Override
            public Optional<Entry> get(String map, String key) {
                return m(map).get(key).map(d -> new Entry(d.value(), d.version()));
            }

            @Override
            public long put(String map, String key, String json) {
                return m(map).put(key, RawJson.of(json));
            }

            @Override
            public long putIfAbsent(String map, String key, String json) {
                return conflicts(() -> m(map).putIfAbsent(key, RawJson.of(json)));
            }

            @Override
            public long compareAndSet(String map, String key, long expected, String json) {
                return conflicts(() -> m(map).compareAndSet(key, expected, RawJson.of(json)));
            }

            @Override
            public boolean delete(String map, String key) {
                return m(map).delete(key);
            }

            @Override
            public void deleteIfVersion(String map, String key, long expected) {
                conflicts(() -> {
                    m(map).delete(key, expected);
                    return null;
                });
            }

            @Override
            public Map<String, Entry> getAll(String map, List<String> keys) {
                Map<String, Entry> found = new LinkedHashMap<>();
                m(map).getAll(keys).forEach((k, d) -> found.put(k, new Entry(d.value(), d.version())));
                return found;
            }

            @Override
            public Map<String, Long> putAll(String map, Map<String, String> documents) {
                Map<String, Object> values = new LinkedHashMap<>();
                documents.forEach((k, json) -> values.put(k, RawJson.of(json)));
                return m(map).putAll(values);
            }
        };
    }
}
