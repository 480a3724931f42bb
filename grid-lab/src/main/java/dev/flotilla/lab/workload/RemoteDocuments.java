package dev.flotilla.lab.workload;

import dev.flotilla.client.Document;
import dev.flotilla.client.RawJson;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.grid.map.Versioned;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Documents} over HTTP through the product's {@link RemoteMap}: documents travel as {@link RawJson}, so the
 * node stores the text as sent; a read's document comes back as the node's JSON, written out as text again.
 */
final class RemoteDocuments implements Documents {
    private final RemoteMap map;

    RemoteDocuments(RemoteMap map) {
        this.map = Objects.requireNonNull(map, "map");
    }

    @Override
    public Optional<Versioned> get(String key) {
        return map.get(key).map(RemoteDocuments::versioned);
    }

    @Override
    public long put(String key, String json) {
        return map.put(key, RawJson.of(json));
    }

    @Override
    public long compareAndSet(String key, long expectedVersion, String json) {
        // The HTTP API has no If-Match "0": "only if absent" is If-None-Match: *.
        return expectedVersion == 0 ? create(key, json) : map.compareAndSet(key, expectedVersion, RawJson.of(json));
    }

    @Override
    public long create(String key, String json) {
        return map.putIfAbsent(key, RawJson.of(json));
    }

    @Override
    public boolean delete(String key) {
        return map.delete(key);
    }

    @Override
    public void delete(String key, long expectedVersion) {
        map.delete(key, expectedVersion);
    }

    @Override
    public Map<String, Versioned> getAll(Collection<String> keys) {
        Map<String, Versioned> found = new LinkedHashMap<>();
        map.getAll(keys).forEach((key, document) -> found.put(key, versioned(document)));
        return found;
    }

    @Override
    public Map<String, Long> putAll(Map<String, String> documents) {
        Map<String, RawJson> values = new LinkedHashMap<>();
        documents.forEach((key, json) -> values.put(key, RawJson.of(json)));
        return map.putAll(values);
    }

    private static Versioned versioned(Document document) {
        return new Versioned(document.value().toString(), document.version());
    }
}
