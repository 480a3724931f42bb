package dev.flotilla.lab.workload;

import dev.flotilla.client.RemoteMap;
import dev.flotilla.grid.map.Versioned;
import dev.flotilla.grid.map.VersionedMap;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The versioned document API as the documents workload calls it: one map of JSON documents with a version per
 * key, reached in-process ({@link #embedded}) or over HTTP ({@link #remote}).
 *
 * <p>Versions are grid-core's: 1 on a key's first write, one more per write, and a write after a delete starts
 * over at 1. Documents are JSON text. Every method blocks; failures are the underlying
 * {@link dev.flotilla.grid.GridException} or {@link dev.flotilla.client.FlotillaException}, unchanged, so
 * {@link ClientProcess} tells definite from unknown by their {@code definite()}. A conditional write or delete
 * that finds another version throws the definite mismatch ({@code VersionMismatchException},
 * {@code VersionConflictException}): the history records that it did not apply.
 */
public interface Documents {

    /** The document and its version, or empty when the key is absent. */
    Optional<Versioned> get(String key);

    /** Writes {@code json} whatever is there; returns the new version. */
    long put(String key, String json);

    /** Writes only if the key's version is {@code expectedVersion} (0: only if absent); returns the new version. */
    long compareAndSet(String key, long expectedVersion, String json);

    /** Writes only if the key is absent; returns the new version, 1. */
    long create(String key, String json);

    /** Deletes the key; true when it was there, false when it was absent. */
    boolean delete(String key);

    /** Deletes the key only if its version is {@code expectedVersion} (at least 1). */
    void delete(String key, long expectedVersion);

    /** Reads several keys in one call; absent keys are missing. Each key is read atomically; no snapshot. */
    Map<String, Versioned> getAll(Collection<String> keys);

    /** Writes several documents in one call, each as {@link #put}; returns each key's new version. Not atomic. */
    Map<String, Long> putAll(Map<String, String> documents);

    /** The document API of grid-core's {@link VersionedMap}, called in the lab's JVM. */
    static Documents embedded(VersionedMap map) {
        return new EmbeddedDocuments(map);
    }

    /** The document API over HTTP, through the product's client ({@link RemoteMap}). */
    static Documents remote(RemoteMap map) {
        return new RemoteDocuments(map);
    }
}
