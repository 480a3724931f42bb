package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.VersionMismatchException;
import dev.flotilla.grid.map.EntryNames;
import dev.flotilla.grid.map.Versioned;
import dev.flotilla.grid.map.VersionedMap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@link VersionedMap} on an {@link IMap} of enveloped {@link HazelcastJsonValue}s. */
public final class HazelcastVersionedMap implements VersionedMap {
    private final HazelcastInstance hazelcast;
    private final IMap<String, HazelcastJsonValue> map;

    public HazelcastVersionedMap(HazelcastInstance hazelcast, String name) {
        this.hazelcast = hazelcast;
        this.map = hazelcast.getMap(EntryNames.requireMapName(name));
    }

    @Override
    public String name() {
        return map.getName();
    }

    @Override
    public CompletableFuture<Optional<Versioned>> getAsync(String key) {
        return call(() -> map.getAsync(EntryNames.requireKey(key)),
                stored -> Optional.ofNullable(Envelope.versioned(stored)));
    }

    /**
     * {@inheritDoc} <p>A blocking {@code IMap.get} on the calling thread: the same operation as {@link #getAsync}
     * (so the same guarantees, see {@link VersionedMap}), without a future to wait on.
     */
    @Override
    public Optional<Versioned> get(String key) {
        return Optional.ofNullable(Envelope.versioned(sync(() -> map.get(EntryNames.requireKey(key)))));
    }

    /**
     * {@inheritDoc} <p>A blocking {@code IMap.executeOnKey} on the calling thread: the same write as
     * {@link #putAsync} (so the same guarantees, see {@link VersionedMap}).
     */
    @Override
    public long put(String key, String json) {
        return writeSync(key, json, VersionedWrite.ANY_VERSION);
    }

    /**
     * {@inheritDoc} <p>A blocking {@code IMap.executeOnKey} on the calling thread: the same write as
     * {@link #compareAndSetAsync} (so the same guarantees, see {@link VersionedMap}).
     */
    @Override
    public long compareAndSet(String key, long expectedVersion, String json) {
        requireExpectedVersion(expectedVersion);
        return writeSync(key, json, expectedVersion);
    }

    @Override
    public CompletableFuture<Long> putAsync(String key, String json, Duration ttl) {
        return write(key, json, VersionedWrite.ANY_VERSION, ttl);
    }

    @Override
    public CompletableFuture<Long> compareAndSetAsync(String key, long expectedVersion, String json, Duration ttl) {
        try {
            requireExpectedVersion(expectedVersion);
        } catch (GridException e) {
            return CompletableFuture.failedFuture(e);
        }
        return write(key, json, expectedVersion, ttl);
    }

    private static void requireExpectedVersion(long expectedVersion) {
        if (expectedVersion < 0) {
            throw new GridException(GridFailure.INVALID_ARGUMENT,
                    "expected version must be 0 (absent) or positive, not " + expectedVersion);
        }
    }

    private long writeSync(String key, String json, long expectedVersion) {
        long result = sync(() -> map.executeOnKey(EntryNames.requireKey(key),
                new VersionedWrite(JsonDocuments.requireValid(json), expectedVersion, 0)));
        return checkedVersion(key, expectedVersion, result);
    }

    private CompletableFuture<Long> write(String key, String json, long expectedVersion, Duration ttl) {
        return call(() -> map.submitToKey(EntryNames.requireKey(key),
                        new VersionedWrite(JsonDocuments.requireValid(json), expectedVersion, ttlMillis(ttl))),
                result -> checkedVersion(key, expectedVersion, result));
    }

    /** The version a write answered, or the mismatch it reports (minus the current version). */
    private static long checkedVersion(String key, long expectedVersion, long result) {
        if (result <= 0) {
            throw new VersionMismatchException(key, expectedVersion, -result);
        }
        return result;
    }

    @Override
    public CompletableFuture<Optional<Long>> deleteAsync(String key) {
        return call(() -> map.submitToKey(EntryNames.requireKey(key), new VersionedDelete(VersionedWrite.ANY_VERSION)),
                result -> result > 0 ? Optional.of(result) : Optional.empty());
    }

    @Override
    public CompletableFuture<Long> deleteIfVersionAsync(String key, long expectedVersion) {
        if (expectedVersion <= 0) {
            return CompletableFuture.failedFuture(new GridException(GridFailure.INVALID_ARGUMENT,
                    "expected version must be positive, not " + expectedVersion));
        }
        return call(() -> map.submitToKey(EntryNames.requireKey(key), new VersionedDelete(expectedVersion)),
                result -> checkedVersion(key, expectedVersion, result));
    }

    @Override
    public CompletableFuture<Map<String, Versioned>> getAllAsync(Collection<String> keys) {
        List<String> checked;
        try {
            checked = keys.stream().distinct().map(EntryNames::requireKey).toList();
        } catch (GridException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<Optional<Versioned>>> reads = new ArrayList<>();
        checked.forEach(key -> reads.add(getAsync(key)));
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<String, Versioned> found = new LinkedHashMap<>();
            for (int i = 0; i < checked.size(); i++) {
                Optional<Versioned> read = reads.get(i).join();
                if (read.isPresent()) {
                    found.put(checked.get(i), read.get());
                }
            }
            return found;
        });
    }

    @Override
    public CompletableFuture<Map<String, Long>> putAllAsync(Map<String, String> documents, Duration ttl) {
        try {
            documents.forEach((key, json) -> {
                EntryNames.requireKey(key);
                JsonDocuments.requireValid(json);
            });
            ttlMillis(ttl);
        } catch (GridException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<String> keys = new ArrayList<>(documents.keySet());
        List<CompletableFuture<Long>> writes = new ArrayList<>();
        keys.forEach(key -> writes.add(putAsync(key, documents.get(key), ttl)));
        CompletableFuture<Map<String, Long>> result = new CompletableFuture<>();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure == null) {
                Map<String, Long> versions = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    versions.put(keys.get(i), writes.get(i).join());
                }
                result.complete(versions);
                return;
            }
            long failed = writes.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            boolean allFailedDefinitely = failed == writes.size() && writes.stream().allMatch(w ->
                    w.handle((v, t) -> FailureClassifier.classify(t).definite()).join());
            GridException cause = FailureClassifier.classify(failure);
            result.completeExceptionally(allFailedDefinitely ? cause : new GridException(
                    cause.definite() ? GridFailure.INTERNAL : cause.failure(),
                    failed + " of " + writes.size() + " writes failed (" + cause.getMessage()
                            + "); the others were or may have been applied", cause));
        });
        return result;
    }

    @Override
    public long localOwnedEntryCount() {
        return map.getLocalMapStats().getOwnedEntryCount();
    }

    private <R, T> CompletableFuture<T> call(java.util.function.Supplier<CompletionStage<R>> operation, Function<R, T> mapping) {
        return HazelcastCalls.call(hazelcast, operation, mapping);
    }

    private <T> T sync(java.util.function.Supplier<T> operation) {
        return HazelcastCalls.sync(hazelcast, operation);
    }

    private static long ttlMillis(Duration ttl) {
        if (ttl == null) {
            return 0;
        }
        if (ttl.isNegative()) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "time to live must not be negative");
        }
        return ttl.toMillis();
    }
}
