package dev.flotilla.server.tx;

import dev.flotilla.grid.guarantee.Guarantees;
import dev.flotilla.server.idempotency.IdempotentRequests;
import dev.flotilla.server.metrics.GridOperationTimers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the calls of the guarantee endpoints (accounts, transfers, registers, sets, counters) on grid-core's
 * {@link Guarantees}: on the blocking executor (guarantee calls block), answering the call's view as JSON.
 *
 * <p>A write first resolves its handle (mode, namespace, the mode's fit to the grid) and runs its argument checks,
 * then claims the {@code Idempotency-Key}: bad input is a definite 4xx that claims nothing and writes nothing. The
 * grid call itself is timed as {@code operation} (see {@link GridOperationTimers}).
 */
@Singleton
public class GuaranteeCalls {
    private final GuaranteeHandles guarantees;
    private final IdempotentRequests idempotent;
    private final ExecutorService blocking;
    private final GridOperationTimers timers;

    public GuaranteeCalls(GuaranteeHandles guarantees, IdempotentRequests idempotent,
                          @Named(TaskExecutors.BLOCKING) ExecutorService blocking, GridOperationTimers timers) {
        this.guarantees = guarantees;
        this.idempotent = idempotent;
        this.blocking = blocking;
        this.timers = timers;
    }

    /** Runs {@code read} on the handle of that mode and namespace; 200 with the view it returns. */
    CompletableFuture<HttpResponse<?>> read(String operation, @Nullable String mode, String namespace,
                                            Function<Guarantees, Object> read) {
        return CompletableFuture.supplyAsync(() -> {
            Guarantees g = guarantees.of(mode, namespace);
            return JsonBodies.ok(timers.guarantee(operation, g.mode(), () -> read.apply(g)));
        }, blocking);
    }

    /**
     * Checks the input with {@code check}, then runs {@code write} at most once per {@code Idempotency-Key}; 200
     * with the view it returns.
     */
    CompletableFuture<HttpResponse<?>> write(String operation, HttpRequest<?> request, @Nullable String idempotencyKey,
                                             String body, @Nullable String mode, String namespace, Consumer<Guarantees> check,
                                             Function<Guarantees, Object> write) {
        return CompletableFuture.supplyAsync(() -> {
            Guarantees g = guarantees.of(mode, namespace);
            check.accept(g);
            return g;
        }, blocking).thenCompose(g -> idempotent.run(request, idempotencyKey, body,
                () -> CompletableFuture.supplyAsync(() -> JsonBodies.ok(timers.guarantee(operation, g.mode(), () -> write.apply(g))),
                        blocking)));
    }
}
