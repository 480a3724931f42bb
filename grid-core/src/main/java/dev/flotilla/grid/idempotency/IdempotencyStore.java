package dev.flotilla.grid.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.internal.HazelcastCalls;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The outcomes of requests that carry an idempotency key, kept in the grid for a bounded window, so that a retried
 * write is applied at most once whichever node receives the retry.
 *
 * <p>Protocol, per key: {@link #claim} stores an "in progress" marker with put-if-absent (one atomic step on the
 * key's partition), so of two concurrent requests with the same key exactly one gets {@link Claim.Kind#CLAIMED};
 * the other sees {@link Claim.Kind#IN_PROGRESS} and must apply nothing. The winner applies its write and then either
 * {@link #complete}s the claim with the response (replayed to every later request with the key) or
 * {@link #release}s it when the write surely did not take effect (so a retry may apply it). A key presented with
 * a different fingerprint (method, path, preconditions, body) is {@link Claim.Kind#KEY_REUSED}.
 *
 * <p>Records live in the IMap {@value #MAP_NAME} (the grid's default map settings: one synchronous backup unless
 * configured otherwise). A claim's "in progress" marker has a time to live of {@link #window()} from the claim;
 * {@link #complete} replaces it with the completed record, whose time to live is {@link #window()} again, counted
 * from the completion. Once its time to live ends a key is forgotten: the same request is then applied again.
 *
 * <p><b>Migration</b> (a member joins or leaves gracefully): records move with their partitions; a claim that meets
 * a moving partition is retried on the new owner, and a retried claim that finds its own marker counts as claimed.
 * <b>Member loss</b>: with a backup, records survive the crash of one member; without one (backup count 0), records
 * of the lost partitions are gone and a retry of their requests is applied again. A node that dies between claiming
 * and completing leaves the marker "in progress" until the window ends: retries get {@code IN_PROGRESS}, never a
 * second application. <b>Split brain</b>: each side keeps its own records; the same key retried on both sides is
 * applied once per side, and the merge keeps one side's record.
 *
 * <p>The futures complete on the Hazelcast thread that received the answer, which for a local partition is the
 * partition thread itself: dependent stages must not block and must not call the grid again on that thread (hop
 * to an executor first, for example with {@code thenComposeAsync(..., executor)}).
 */
public final class IdempotencyStore {
    /** The IMap holding the records; names starting with '_' are reserved for Flotilla's own maps. */
    public static final String MAP_NAME = "_flotilla.idempotency";
    /** The default window: how long a key is remembered after its claim, and again after its completion. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String IN_PROGRESS = "in-progress";
    static final String COMPLETED = "completed";

    private final HazelcastInstance hazelcast;
    private final IMap<String, String> records;
    private final Duration window;

    private IdempotencyStore(HazelcastInstance hazelcast, Duration window) {
        this.hazelcast = hazelcast;
        this.records = hazelcast.getMap(MAP_NAME);
        this.window = window;
    }

    /**
     * The store of this grid member, remembering each key for {@code window}.
     *
     * @throws GridException {@link GridFailure#INVALID_ARGUMENT} (definite) when the window is not 1 s to 7 days
     */
    public static IdempotencyStore of(Grid grid, Duration window) {
        if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(7)) > 0) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "idempotency window must be from 1 s to 7 days, not " + window);
        }
        return new IdempotencyStore(grid.hazelcast(), window);
    }

    /**
     * How long a key is remembered: an in-progress marker from its claim, a completed record from its completion.
     */
    public Duration window() {
        return window;
    }

    /**
     * Claims {@code key} for a request with that fingerprint, or tells what an earlier request with the key did.
     *
     * <p>Atomic per key (one entry operation); see the class comment for migration, member loss and split brain.
     * Fails with a {@link GridException}: definite when nothing was stored, otherwise the claim may or may not hold,
     * and the caller must not apply its write.
     */
    public CompletableFuture<Claim> claim(String key, String fingerprint) {
        return claim(key, fingerprint, UUID.randomUUID().toString());
    }

    /**
     * {@link #claim(String, String)} with a given claim id. The same id presented again stands for the same claim
     * retried (as Hazelcast retries an entry operation that met a migrating partition): it finds its own marker and
     * counts as {@link Claim.Kind#CLAIMED}.
     */
    public CompletableFuture<Claim> claim(String key, String fingerprint, String claimId) {
        String marker = encode(new StoredRecord(claimId, fingerprint, IN_PROGRESS, null));
        return call(() -> records.submitToKey(key, new ClaimProcessor(marker, window.toMillis())), existing -> {
            if (existing == null) {
                return new Claim(key, claimId, fingerprint, Claim.Kind.CLAIMED, null);
            }
            StoredRecord found = decode(existing);
            if (found.claimId().equals(claimId)) {
                return new Claim(key, claimId, fingerprint, Claim.Kind.CLAIMED, null); // our own retried claim
            }
            if (!found.fingerprint().equals(fingerprint)) {
                return new Claim(key, claimId, fingerprint, Claim.Kind.KEY_REUSED, null);
            }
            return COMPLETED.equals(found.state())
                    ? new Claim(key, claimId, fingerprint, Claim.Kind.COMPLETED, found.response())
                    : new Claim(key, claimId, fingerprint, Claim.Kind.IN_PROGRESS, null);
        });
    }

    /**
     * Records the outcome of a claimed request: while the key still holds this claim's "in progress" marker, replaces
     * it with the completed record, which lives {@link #window()} from now; every later request with the key (and
     * the same fingerprint) gets {@code response} until then.
     *
     * <p>One conditional step on the key's partition (an entry processor). Idempotent: completing again with the
     * same claim keeps the record first stored. When the key no longer holds this claim's marker (the marker's
     * window ended, and the key may have been claimed by another request since), nothing is stored and the future
     * still completes normally: the outcome is simply not remembered. If it fails, the record may or may not have
     * been stored; if it was not, the marker stays "in progress" and retries are told so until its window ends.
     */
    public CompletableFuture<Void> complete(Claim claim, StoredResponse response) {
        requireClaimed(claim);
        String record = encode(new StoredRecord(claim.claimId(), claim.fingerprint(), COMPLETED, response));
        return call(() -> records.submitToKey(claim.key(),
                new CompleteProcessor(claim.claimId(), record, window.toMillis())), ignored -> null);
    }

    /**
     * Frees a claimed key whose request surely did not take effect, so that a retry may apply it.
     *
     * <p>Removes the record only while it is still this claim's "in progress" marker (no other request can hold the
     * key then): a record this claim already completed stays, so its response is still replayed.
     */
    public CompletableFuture<Void> release(Claim claim) {
        requireClaimed(claim);
        return call(() -> records.submitToKey(claim.key(), new ReleaseProcessor(claim.claimId())), ignored -> null);
    }

    private static void requireClaimed(Claim claim) {
        if (claim == null || claim.kind() != Claim.Kind.CLAIMED) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "only a CLAIMED claim can be completed or released");
        }
    }

    private <R, T> CompletableFuture<T> call(Supplier<CompletionStage<R>> operation, Function<R, T> mapping) {
        return HazelcastCalls.call(hazelcast, operation, mapping);
    }

    private static String encode(StoredRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new GridException(GridFailure.INTERNAL, "could not encode an idempotency record", e);
        }
    }

    static StoredRecord decode(String text) {
        try {
            return JSON.readValue(text, StoredRecord.class);
        } catch (JsonProcessingException e) {
            throw new GridException(GridFailure.INTERNAL, "could not decode an idempotency record", e);
        }
    }

    /** The stored form of a record: the claim, the request's fingerprint, its state and, once completed, the response. */
    record StoredRecord(String claimId, String fingerprint, String state, StoredResponse response) {

        /** Whether this is the "in progress" marker of that claim. */
        boolean isMarkerOf(String claim) {
            return IN_PROGRESS.equals(state) && claimId != null && claimId.equals(claim);
        }

        /** The record, or null when the text is not a record (then it belongs to no claim). */
        static StoredRecord parseOrNull(String text) {
            if (text == null) {
                return null;
            }
            try {
                return decode(text);
            } catch (GridException notARecord) {
                return null;
            }
        }
    }
}
