package dev.flotilla.bench.jmh;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import dev.flotilla.grid.idempotency.Claim;
import dev.flotilla.grid.idempotency.StoredResponse;
import dev.flotilla.grid.map.Versioned;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * grid-core's map hot paths, each beside the raw {@code IMap} operation it wraps, on one embedded member
 * ({@link LoadedMember}); subclasses choose the thread count. Names: {@code flotilla*} is the Flotilla path,
 * {@code raw*} its comparator.
 *
 * <p>Comparators: a Flotilla get is an {@code IMap.get} plus unwrapping the envelope; a Flotilla put is a
 * validated document written by an entry processor that reads and bumps the version, so its honest raw
 * comparator is {@link #rawSubmitToKey} (an entry processor that only stores the value), with {@code IMap.put} and
 * {@code IMap.set} for reference; a compare-and-set is compared with {@code IMap.replace(k, old, new)}; the
 * idempotent write (claim, write, complete, as grid-server's idempotent requests run it) with the plain write.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx1g", "--add-modules", "java.se",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
        "-Dhazelcast.shutdownhook.enabled=false", "-Dhazelcast.phone.home.enabled=false"})
public abstract class MapOperations {
    /** What an idempotent write records, about the size of a node's answer to a PUT. */
    private static final StoredResponse RESPONSE = new StoredResponse(200, "application/json", "\"2\"", null,
            "{\"map\":\"jmh-flotilla\",\"key\":\"key-00001\",\"version\":2}");

    private static final String BODY_DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    // --- reads

    @Benchmark
    public Optional<Versioned> flotillaGetAsync(LoadedMember member, KeySlice slice) {
        return member.flotilla.getAsync(slice.advance(member)).join();
    }

    @Benchmark
    public Optional<Versioned> flotillaGet(LoadedMember member, KeySlice slice) {
        return member.flotilla.get(slice.advance(member));
    }

    @Benchmark
    public HazelcastJsonValue rawGetAsync(LoadedMember member, KeySlice slice) {
        return member.raw.getAsync(slice.advance(member)).toCompletableFuture().join();
    }

    @Benchmark
    public HazelcastJsonValue rawGet(LoadedMember member, KeySlice slice) {
        return member.raw.get(slice.advance(member));
    }

    // --- writes

    @Benchmark
    public long flotillaPutAsync(LoadedMember member, KeySlice slice) {
        return member.flotilla.putAsync(slice.advance(member), slice.flip(member), null).join();
    }

    @Benchmark
    public Boolean rawSubmitToKey(LoadedMember member, KeySlice slice) {
        return member.raw.submitToKey(slice.advance(member), new StoreValue(slice.flip(member)))
                .toCompletableFuture().join();
    }

    @Benchmark
    public HazelcastJsonValue rawPutAsync(LoadedMember member, KeySlice slice) {
        return member.raw.putAsync(slice.advance(member), new HazelcastJsonValue(slice.flip(member)))
                .toCompletableFuture().join();
    }

    @Benchmark
    public HazelcastJsonValue rawPut(LoadedMember member, KeySlice slice) {
        return member.raw.put(slice.advance(member), new HazelcastJsonValue(slice.flip(member)));
    }

    @Benchmark
    public Void rawSetAsync(LoadedMember member, KeySlice slice) {
        return member.raw.setAsync(slice.advance(member), new HazelcastJsonValue(slice.flip(member)))
                .toCompletableFuture().join();
    }

    // --- compare-and-set

    @Benchmark
    public long flotillaCompareAndSet(LoadedMember member, KeySlice slice) {
        String key = slice.advance(member);
        long version = member.flotilla.compareAndSet(key, slice.versions[slice.slot], slice.flip(member));
        slice.versions[slice.slot] = version;
        return version;
    }

    @Benchmark
    public boolean rawReplace(LoadedMember member, KeySlice slice) {
        String key = slice.advance(member);
        HazelcastJsonValue next = new HazelcastJsonValue(slice.flip(member));
        boolean replaced = member.raw.replace(key, slice.rawValues[slice.slot], next);
        slice.rawValues[slice.slot] = next;
        return replaced;
    }

    // --- idempotency: the plain write to compare with is flotillaPutAsync

    @Benchmark
    public long flotillaIdempotentPut(LoadedMember member, KeySlice slice) {
        String key = slice.advance(member);
        // as grid-server's IdempotentRequests: its own claim id, a fingerprint of method, path, headers and body digest
        Claim claim = member.idempotency
                .claim(slice.nextIdempotencyKey(), fingerprint(key), UUID.randomUUID().toString()).join();
        if (claim.kind() != Claim.Kind.CLAIMED) {
            throw new IllegalStateException("a fresh idempotency key was not claimed: " + claim.kind());
        }
        long version = member.flotilla.putAsync(key, slice.flip(member), null).join();
        member.idempotency.complete(claim, RESPONSE).join();
        return version;
    }

    /** A fingerprint of the shape grid-server's idempotent requests build (the digest is a fixed stand-in). */
    static String fingerprint(String key) {
        return "PUT /maps/jmh-flotilla/" + key + " {} if-match=null if-none-match=null sha256=" + BODY_DIGEST;
    }

    /** The raw comparator of a versioned write: an entry processor that stores the value and nothing else. */
    static final class StoreValue implements EntryProcessor<String, HazelcastJsonValue, Boolean> {
        private final String document;

        StoreValue(String document) {
            this.document = document;
        }

        @Override
        public Boolean process(Map.Entry<String, HazelcastJsonValue> entry) {
            entry.setValue(new HazelcastJsonValue(document));
            return Boolean.TRUE;
        }
    }
}
