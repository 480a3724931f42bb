package dev.flotilla.lab.workload;

import dev.flotilla.client.FlotillaException;
import dev.flotilla.grid.GridException;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.HistoryRecorder;

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
 */
public final class ClientProcess {
    private final HistoryRecorder recorder;
    private final WorkloadClient client;
    private final IntSupplier processIds;
    private volatile int process;

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

    /** Runs one request and records it; returns how it completed (never INVOKE). */
    public EventType run(Request request) {
        int id = process;
        recorder.invoke(id, request.f(), request.key(), request.value());
        EventType type;
        Object value;
        try {
            Outcome outcome = client.apply(request);
            type = outcome.applied() ? EventType.OK : EventType.FAIL;
            value = outcome.value();
        } catch (GridException e) {
            type = e.definite() ? EventType.FAIL : EventType.INFO;
            value = request.value();
        } catch (FlotillaException e) {
            type = e.definite() ? EventType.FAIL : EventType.INFO;
            value = request.value();
        } catch (RuntimeException e) {
            // Unclassified: it may have been applied.
            type = EventType.INFO;
            value = request.value();
        }
        try {
            switch (type) {
                case OK -> recorder.ok(id, value);
                case FAIL -> recorder.fail(id, value);
                default -> recorder.info(id, value);
            }
        } catch (IllegalStateException abandoned) {
            // abandon() already closed this operation as info from another thread.
            type = EventType.INFO;
        }
        if (type == EventType.INFO && process == id) {
            process = processIds.getAsInt();
        }
        return type;
    }

    /**
     * Closes the operation in flight, if any, as info: used when a caller stops waiting for it. A completion that
     * arrives later is dropped, and the process continues (if ever) under a new id.
     */
    public void abandon() {
        int id = process;
        try {
            recorder.info(id, null);
            process = processIds.getAsInt();
        } catch (IllegalStateException nothingInFlight) {
            // It completed in time after all.
        }
    }
}
