package dev.flotilla.lab.workload;

import dev.flotilla.client.FlotillaException;
import dev.flotilla.grid.GridException;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.HistoryRecorder;

import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * One client worker's logical process: runs requests one at a time and records each as an invoke followed by
 * ok, fail or info.
 *
 * <p>The rules (DESIGN.md section 6): {@code fail} only when the operation surely did not take effect (the client
 * said so, or a {@link GridException} or {@link FlotillaException} is definite); anything else thrown is
 * {@code info}. After an {@code info} the logical process is finished forever, so the worker continues under a
 * new process id taken from the shared supplier. Not thread-safe: one worker thread uses one instance (only
 * {@link #abandon()} may be called from another thread).
 *
 * <p>A batch ({@link Request#isBatch()}) is one call over several keys that is not atomic. Each part is recorded
 * as its own operation under a fresh process id used for nothing else: all parts are invoked before the call and
 * completed after it, so each part's operation spans the whole call and per-key checking stays sound. The
 * worker's own process id is not used by a batch and does not change.
 */
public final class ClientProcess {
    private static final int[] NO_PARTS = new int[0];

    private final HistoryRecorder recorder;
    private final WorkloadClient client;
    private final IntSupplier processIds;
    private volatile int process;
    /** The process ids of the batch parts in flight, for {@link #abandon()}; empty between batches. */
    private volatile int[] partsInFlight = NO_PARTS;

    /** A process that records into {@code recorder}, runs through {@code client} and draws ids from {@code processIds}. */
    public ClientProcess(HistoryRecorder recorder, WorkloadClient client, IntSupplier processIds) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.client = Objects.requireNonNull(client, "client");
        this.processIds = Objects.requireNonNull(processIds, "processIds");
        this.process = processIds.getAsInt();
    }

    /** The current logical process id (it changes after an info). */
    public int process() {
        return process;
    }

    /**
     * Runs one request and records it; returns how it completed (never INVOKE). For a batch: info when any part
     * is info, else fail when any part failed, else ok.
     */
    public EventType run(Request request) {
        if (request.isBatch()) {
            return runBatch(request);
        }
        int id = process;
        recorder.invoke(id, request.f(), request.key(), request.value());
        EventType type;
        Object value;
        String error = null;
        try {
            Outcome outcome = client.apply(request);
            type = outcome.applied() ? EventType.OK : EventType.FAIL;
            value = outcome.value();
        } catch (RuntimeException e) {
            type = classify(e);
            value = request.value();
            error = errorCode(e);
        }
        type = complete(id, type, value, error);
        if (type == EventType.INFO && process == id) {
            process = processIds.getAsInt();
        }
        return type;
    }

    private EventType runBatch(Request batch) {
        List<Request> parts = batch.parts();
        int[] ids = new int[parts.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = processIds.getAsInt();
        }
        for (int i = 0; i < ids.length; i++) {
            recorder.invoke(ids[i], parts.get(i).f(), parts.get(i).key(), parts.get(i).value());
        }
        partsInFlight = ids;
        List<Outcome> outcomes = null;
        EventType thrown = null;
        String error = null;
        try {
            outcomes = client.applyBatch(batch);
            if (outcomes.size() != ids.length) {
                // A client bug, not a system answer: nobody knows which parts took effect.
                outcomes = null;
                thrown = EventType.INFO;
            }
        } catch (RuntimeException e) {
            thrown = classify(e);
            error = errorCode(e);
        }
        EventType worst = EventType.OK;
        for (int i = 0; i < ids.length; i++) {
            EventType type = thrown != null ? thrown
                    : outcomes.get(i).applied() ? EventType.OK : EventType.FAIL;
            Object value = thrown != null ? parts.get(i).value() : outcomes.get(i).value();
            type = complete(ids[i], type, value, thrown != null ? error : null);
            if (type == EventType.INFO || (type == EventType.FAIL && worst == EventType.OK)) {
                worst = type;
            }
        }
        partsInFlight = NO_PARTS;
        return worst;
    }

    /** A definite grid or client failure surely did not take effect; anything else may have. */
    private static EventType classify(RuntimeException e) {
        if (e instanceof GridException grid) {
            return grid.definite() ? EventType.FAIL : EventType.INFO;
        }
        if (e instanceof FlotillaException remote) {
            return remote.definite() ? EventType.FAIL : EventType.INFO;
        }
        return EventType.INFO;
    }

    /** The code the system refused or lost the call with ({@code no-quorum}, {@code timeout}, ...), or the exception's class. */
    private static String errorCode(RuntimeException e) {
        if (e instanceof GridException grid) {
            return grid.failure().code();
        }
        if (e instanceof FlotillaException remote && remote.code() != null) {
            return remote.code();
        }
        return e.getClass().getSimpleName();
    }

    /** Records the completion; returns INFO when {@link #abandon()} had already closed the operation. */
    private EventType complete(int id, EventType type, Object value, String error) {
        try {
            switch (type) {
                case OK -> recorder.ok(id, value);
                case FAIL -> recorder.fail(id, value, error);
                default -> recorder.info(id, value, error);
            }
            return type;
        } catch (IllegalStateException abandoned) {
            // abandon() already closed this operation as info from another thread.
            return EventType.INFO;
        }
    }

    /**
     * Closes the operation in flight, if any, as info: used when a caller stops waiting for it. A completion that
     * arrives later is dropped, and the process continues (if ever) under a new id. The parts of a batch in
     * flight are closed the same way; their ids are never used again anyway.
     */
    public void abandon() {
        for (int part : partsInFlight) {
            try {
                recorder.info(part, null);
            } catch (IllegalStateException completed) {
                // That part completed in time.
            }
        }
        int id = process;
        try {
            recorder.info(id, null);
            process = processIds.getAsInt();
        } catch (IllegalStateException nothingInFlight) {
            // It completed in time after all.
        }
    }
}
