package dev.flotilla.lab.workload;

import dev.flotilla.grid.map.Versioned;
import dev.flotilla.grid.map.VersionedMap;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link Documents} on grid-core's {@link VersionedMap}: each call is the map's blocking call of the same meaning. */
final class EmbeddedDocuments implements Documents {
    private final VersionedMap map;

    EmbeddedDocuments(VersionedMap map) {
        this.map = Objects.requireNonNull(map, "map");
    }

    @Override
    public Optional<Versioned> get(String key) {
        return map.get(key);
    }

    @Override
    public long put(String key, String json) {
        return map.put(key, json);
    }

    @Override
    public long compareAndSet(String key, long expectedVersion, String json) {
        return map.compareAndSet(key, expectedVersion, json);
    }

    @Override
    public long create(String key, String json) {
        return map.putIfAbsent(key, json);
    }

    @Override
    public boolean delete(String key) {
        return map.delete(key).isPresent();
    }

    @Override
    public void delete(String key, long expectedVersion) {
        VersionedMap.await(map.deleteIfVersionAsync(key, expectedVersion));
    }

    @Override
    public Map<String, Versioned> getAll(Collection<String> keys) {
        return map.getAll(keys);
    }

    @Override
    public Map<String, Long> putAll(Map<String, String> documents) {
        return map.putAll(documents);
    }
}
