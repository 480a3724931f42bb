package dev.flotilla.server.metrics;

import dev.flotilla.grid.guarantee.GuaranteeMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Latency histograms of the grid calls this node makes, timed around the grid-core call only (not parsing, not the
 * idempotency claim, not the wait for a thread):
 * {@code flotilla_map_operation_duration_seconds{operation=get|put|remove,outcome}} and
 * {@code flotilla_guarantee_operation_duration_seconds{operation,mode,outcome}}, {@code outcome} being
 * {@code success} or {@code error} (any exception, a version mismatch included). Buckets: {@link ScrapeFilters}.
 * No map label: the per-map view is {@code flotilla_map_operations_total}.
 */
@Singleton
public class GridOperationTimers {
    static final String MAP_OPERATION = "flotilla.map.operation.duration";
    static final String GUARANTEE_OPERATION = "flotilla.guarantee.operation.duration";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    /** Map-call timers by operation: success at 0, error at 1 (found without building a key per call). */
    private final Map<String, Timer[]> mapTimers = new ConcurrentHashMap<>();

    public GridOperationTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Times a map call, from the call until its future completes. */
    public <T> CompletableFuture<T> map(String operation, Supplier<CompletableFuture<T>> call) {
        Timer[] outcomes = mapTimers.computeIfAbsent(operation,
                op -> new Timer[]{timer(MAP_OPERATION, op, null, true), timer(MAP_OPERATION, op, null, false)});
        long start = System.nanoTime();
        CompletableFuture<T> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            outcomes[1].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw e;
        }
        // runs on the thread that completes the future: recording is a few atomic adds
        future.whenComplete((value, failure) ->
                outcomes[failure == null ? 0 : 1].record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        return future;
    }

    /** Times a blocking guarantee-mode call on the calling thread. */
    public <T> T guarantee(String operation, GuaranteeMode mode, Supplier<T> call) {
        long start = System.nanoTime();
        boolean success = false;
        try {
            T result = call.get();
            success = true;
            return result;
        } finally {
            record(GUARANTEE_OPERATION, operation, mode, success, start);
        }
    }

    private void record(String name, String operation, GuaranteeMode mode, boolean success, long start) {
        String modeId = mode == null ? null : mode.id();
        timers.computeIfAbsent(name + ' ' + operation + ' ' + modeId + ' ' + success,
                k -> timer(name, operation, mode, success)).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String name, String operation, GuaranteeMode mode, boolean success) {
        Timer.Builder builder = Timer.builder(name).tag("operation", operation).tag("outcome", success ? "success" : "error");
        if (mode != null) {
            builder.tag("mode", mode.id());
        }
        return builder.description(mode == null ? "grid map calls made by this node"
                : "guarantee-mode calls made by this node").register(registry);
    }
}
