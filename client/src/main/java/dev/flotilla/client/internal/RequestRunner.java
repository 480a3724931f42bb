package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.IndeterminateResultException;
import dev.flotilla.client.RetryPolicy;
import dev.flotilla.client.protocol.Preconditions;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends a {@link Call} in attempts: picks a node not tried yet, sends, and on failure asks {@link RetryDecision}
 * whether to retry after a {@link Backoff}, fail, or report the outcome unknown
 * ({@link IndeterminateResultException}). Refused connections eject the node at once.
 */
final class RequestRunner {
    private final EndpointPool pool;
    private final HttpTransport transport;
    private final ProblemDecoder problems;
    private final RetryPolicy policy;
    private final Executor executor;

    RequestRunner(EndpointPool pool, HttpTransport transport, ProblemDecoder problems, RetryPolicy policy, Executor executor) {
        this.pool = pool;
        this.transport = transport;
        this.problems = problems;
        this.policy = policy;
        this.executor = executor;
    }

    /**
     * Completes with the first 2xx/304 answer, or fails with a {@link FlotillaException}.
     *
     * @param blocking send the first attempt on the calling thread (the synchronous API); retries after a backoff
     *                 run on the client's executor either way
     */
    CompletableFuture<Reply> run(Call call, boolean blocking) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        attempt(call, 1, new HashSet<>(), false, result, blocking);
        return result;
    }

    private void attempt(Call call, int attempt, Set<Endpoint> tried, boolean earlierUnknown, CompletableFuture<Reply> result,
                         boolean blocking) {
        Endpoint endpoint = pool.choose(tried);
        tried.add(endpoint);
        endpoint.begin();
        // Runs on the thread that completed the exchange: the HTTP client's executor (never its selector thread),
        // so no extra hop; the work here is light and never blocks.
        transport.send(endpoint, call, null, blocking).whenComplete((response, failure) -> {
            FlotillaException error;
            boolean replayed = false;
            if (failure != null) {
                error = unwrap(failure, endpoint);
                endpoint.end(false);
                if (error.code().equals(FlotillaException.CONNECT_FAILED)) {
                    endpoint.eject(error.getMessage());
                } else {
                    endpoint.failed(error.getMessage());
                }
            } else {
                endpoint.end(true);
                int status = response.statusCode();
                if (status < 400) {
                    result.complete(new Reply(status, response.headers(), response.body()));
                    return;
                }
                replayed = response.headers().firstValue(Preconditions.IDEMPOTENT_REPLAYED).isPresent();
                error = problems.decode(status, response.headers().firstValue("Content-Type").orElse(null),
                        response.body(), call.path());
            }
            decide(call, attempt, tried, earlierUnknown, result, error, replayed);
        });
    }

    private void decide(Call call, int attempt, Set<Endpoint> tried, boolean earlierUnknown, CompletableFuture<Reply> result,
                        FlotillaException error, boolean replayed) {
        boolean unknown = earlierUnknown || RetryDecision.leavesUnknown(call.kind(), error);
        switch (RetryDecision.after(call.kind(), error, replayed, earlierUnknown, attempt, policy.maxAttempts())) {
            case RETRY -> {
                Duration delay = Backoff.delay(policy, attempt, ThreadLocalRandom.current()::nextDouble);
                Executor later = CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor);
                later.execute(() -> attempt(call, attempt + 1, tried, unknown, result, true));
            }
            case FAIL -> result.completeExceptionally(error);
            case UNKNOWN -> result.completeExceptionally(new IndeterminateResultException(attempt, call.idempotencyKey(), error));
        }
    }

    private static FlotillaException unwrap(Throwable failure, Endpoint endpoint) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof FlotillaException f ? f : HttpTransport.classify(t, endpoint);
    }

    /** The request's answer as {@link HttpResponse} headers are read by callers. */
    static long etagVersion(Reply reply) {
        return Preconditions.parseEtag(reply.headers().firstValue(Preconditions.ETAG).orElse(null));
    }
}
