package dev.flotilla.client;

import java.util.List;
import java.util.Map;

/**
 * A write sent in several batches ({@link RemoteMap#putAll}) failed part-way: some batches were applied, the failed
 * batch's outcome may be unknown, and the batches after it were not sent. Never definite.
 *
 * <p>{@link #written()} holds the new versions of the keys in the batches that were applied;
 * {@link #uncertain()} the keys of the failed batch when its outcome is unknown (empty when that batch surely
 * failed); {@link #notSent()} the keys never sent. {@link #getCause()} is the failed batch's failure; {@link #code()},
 * {@link #status()} and {@link #problem()} are its.
 */
public class PartialWriteException extends IndeterminateResultException {
    private final transient Map<String, Long> written;
    private final transient List<String> uncertain;
    private final transient List<String> notSent;

    /** Batch {@code failedBatch} (from 1) of {@code batches} failed with {@code failure}. */
    public PartialWriteException(int failedBatch, int batches, Map<String, Long> written, List<String> uncertain,
                                 List<String> notSent, FlotillaException failure) {
        super(describe(failedBatch, batches, written, uncertain, notSent, failure),
                failure instanceof IndeterminateResultException i ? i.attempts() : 1,
                failure instanceof IndeterminateResultException i ? i.idempotencyKey() : null, failure);
        this.written = Map.copyOf(written);
        this.uncertain = List.copyOf(uncertain);
        this.notSent = List.copyOf(notSent);
    }

    private static String describe(int failedBatch, int batches, Map<String, Long> written, List<String> uncertain,
                                   List<String> notSent, FlotillaException failure) {
        String applied = failedBatch == 1 ? "no batch was applied" : failedBatch == 2 ? "batch 1 was applied ("
                + written.size() + " keys)" : "batches 1-" + (failedBatch - 1) + " were applied (" + written.size() + " keys)";
        return "partly written: " + applied + "; batch " + failedBatch + " of " + batches + " (" + (uncertain.isEmpty()
                ? "not applied" : "outcome unknown, " + uncertain.size() + " keys") + ") failed: " + failure.getMessage()
                + "; " + notSent.size() + " keys in later batches were not sent";
    }

    /** The keys written by the applied batches, with their new versions. */
    public Map<String, Long> written() {
        return written;
    }

    /** The failed batch's keys when its outcome is unknown (each written at most once), else empty. */
    public List<String> uncertain() {
        return uncertain;
    }

    /** The keys of the batches after the failed one: never sent, surely not written by this call. */
    public List<String> notSent() {
        return notSent;
    }
}
