package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastInstance;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs asynchronous Hazelcast calls and hands their results to callers as classified, plain futures. */
public final class HazelcastCalls {
    private HazelcastCalls() {
    }

    /**
     * Runs a blocking Hazelcast call on the calling thread, with the same checks and classification as {@link #call}:
     * a stopped member fails definitely before anything is sent, every failure is classified by
     * {@link FailureClassifier}.
     */
    public static <T> T sync(HazelcastInstance hazelcast, Supplier<T> operation) {
        if (!hazelcast.getLifecycleService().isRunning()) {
            throw new GridException(GridFailure.NOT_RUNNING, "the local member is not running");
        }
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw FailureClassifier.classify(e);
        }
    }

    /**
     * Runs a Hazelcast call and completes our own future from the thread that completes Hazelcast's, so dependent
     * stages never land on Hazelcast's per-callback threads (see DESIGN.md section 9). Failures, thrown or
     * completed, are classified by {@link FailureClassifier}; a stopped member fails definitely before anything is
     * sent.
     */
    public static <R, T> CompletableFuture<T> call(HazelcastInstance hazelcast, Supplier<CompletionStage<R>> operation,
                                                   Function<R, T> mapping) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!hazelcast.getLifecycleService().isRunning()) {
            result.completeExceptionally(new GridException(GridFailure.NOT_RUNNING, "the local member is not running"));
            return result;
        }
        CompletionStage<R> stage;
        try {
            stage = operation.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(FailureClassifier.classify(e));
            return result;
        }
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(FailureClassifier.classify(failure));
                return;
            }
            try {
                result.complete(mapping.apply(value));
            } catch (RuntimeException e) {
                result.completeExceptionally(FailureClassifier.classify(e));
            }
        }, Runnable::run);
        return result;
    }
}
