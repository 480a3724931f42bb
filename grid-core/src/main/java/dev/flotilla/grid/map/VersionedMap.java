package dev.flotilla.grid.map;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.VersionMismatchException;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A map of JSON documents with a version per key, on a partitioned Hazelcast {@code IMap}.
 *
 * <p><b>Single-key operations</b> are atomic: each runs on the partition's owner as one entry operation, and the
 * version check of a conditional write happens in the same step as the write. They are linearizable while the
 * cluster is stable.
 *
 * <p><b>Migration</b> (a member joins or leaves gracefully): operations keep working; an operation that meets a
 * moving partition is retried by Hazelcast on the new owner. Every write carries an operation id stored with the
 * version, so a retry of a write that was already applied is recognised and answers the version it wrote: it is
 * not applied twice and a compare-and-set that succeeded is not reported as a mismatch. The check sees only the
 * key's latest write: a retry that arrives after another writer's write is applied again. A delete leaves
 * nothing to recognise, so a retried delete may report the key as absent (or a version mismatch with current
 * version 0) although it was the one that deleted it.
 *
 * <p><b>Member loss</b> (crash): with {@code backup-count} 1 or more, an acknowledged write survives the loss
 * of fewer members than its backup count plus one. Writes in flight to the lost member fail with a
 * non-definite {@link GridException} (they may or may not have been applied). With backup count 0, or with
 * only asynchronous backups, acknowledged writes on the lost member are gone.
 *
 * <p><b>Split brain</b>: each side keeps serving unless the map has split-brain protection
 * ({@code split-brain-min-size}), in which case a side with too few members rejects operations (definite
 * {@code no-quorum}), once it notices the split. When the sides merge, the map's merge policy keeps one side's
 * entry per key (by default the larger side's: {@code put-if-absent}): writes on the other side are lost.
 * {@code union} does not merge documents; it keeps them as {@code put-if-absent} does.
 *
 * <p>Documents are stored as {@code HazelcastJsonValue} of the form
 * {@code {"version":N,"op":"<write id>","value":<document>}},
 * so SQL and predicates can query them through the {@code value.} path. The async methods complete on the
 * Hazelcast thread that receives the answer: dependent stages must not block, and must not call the grid again
 * (Hazelcast refuses remote calls from its response threads): hop to an executor of your own first.
 */
public interface VersionedMap {

    /** Largest document accepted, in characters. */
    int MAX_DOCUMENT_CHARS = 1 << 20;

    /** The map's name. */
    String name();

    /** The document and its version, or empty when the key is absent (or expired). */
    CompletableFuture<Optional<Versioned>> getAsync(String key);

    /**
     * Writes {@code json} whatever is there; completes with the new version.
     *
     * @param ttl time to live, or {@code null}/{@link Duration#ZERO} for the map's default
     */
    CompletableFuture<Long> putAsync(String key, String json, Duration ttl);

    /**
     * Writes only if the key's version is {@code expectedVersion} ({@code 0}: only if absent); completes with the
     * new version, or fails with {@link VersionMismatchException} and writes nothing.
     */
    CompletableFuture<Long> compareAndSetAsync(String key, long expectedVersion, String json, Duration ttl);

    /** Writes only if the key is absent: {@code compareAndSetAsync(key, 0, json, ttl)}. */
    default CompletableFuture<Long> putIfAbsentAsync(String key, String json, Duration ttl) {
        return compareAndSetAsync(key, 0, json, ttl);
    }

    /** Deletes the key; completes with the deleted version, or empty when it was absent. */
    CompletableFuture<Optional<Long>> deleteAsync(String key);

    /**
     * Deletes only if the key's version is {@code expectedVersion}; completes with that version, or fails with
     * {@link VersionMismatchException} (current version 0 when absent) and deletes nothing.
     */
    CompletableFuture<Long> deleteIfVersionAsync(String key, long expectedVersion);

    /**
     * Reads many keys; absent keys are missing from the result. Each key is read atomically, the batch is not a
     * snapshot: a write may land between two keys' reads.
     */
    CompletableFuture<Map<String, Versioned>> getAllAsync(Collection<String> keys);

    /**
     * Writes many documents, each as {@link #putAsync}; completes with each key's new version.
     *
     * <p>Not atomic: when it fails, some entries may have been written (the exception is then not definite).
     * Every document is validated before anything is written.
     */
    CompletableFuture<Map<String, Long>> putAllAsync(Map<String, String> documents, Duration ttl);

    /** Entries owned by the local member (not backups). */
    long localOwnedEntryCount();

    /** {@link #getAsync}, waiting for the answer. */
    default Optional<Versioned> get(String key) {
        return await(getAsync(key));
    }

    /** {@link #putAsync} without TTL, waiting for the answer. */
    default long put(String key, String json) {
        return await(putAsync(key, json, null));
    }

    /** {@link #compareAndSetAsync} without TTL, waiting for the answer. */
    default long compareAndSet(String key, long expectedVersion, String json) {
        return await(compareAndSetAsync(key, expectedVersion, json, null));
    }

    /** {@link #putIfAbsentAsync} without TTL, waiting for the answer. */
    default long putIfAbsent(String key, String json) {
        return await(putIfAbsentAsync(key, json, null));
    }

    /** {@link #deleteAsync}, waiting for the answer. */
    default Optional<Long> delete(String key) {
        return await(deleteAsync(key));
    }

    /** {@link #getAllAsync}, waiting for the answer. */
    default Map<String, Versioned> getAll(Collection<String> keys) {
        return await(getAllAsync(keys));
    }

    /** {@link #putAllAsync} without TTL, waiting for the answer. */
    default Map<String, Long> putAll(Map<String, String> documents) {
        return await(putAllAsync(documents, null));
    }

    /** Waits for a future of this API and rethrows its {@link GridException} as it is. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridException(dev.flotilla.grid.GridFailure.INTERNAL, "interrupted while waiting", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GridException grid) {
                throw grid;
            }
            throw new GridException(dev.flotilla.grid.GridFailure.INTERNAL, "unexpected failure", cause);
        }
    }
}
