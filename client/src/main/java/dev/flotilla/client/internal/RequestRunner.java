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
import java.util.concurrent.RejectedExecutionException;
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
    private final PartitionRouter router;
    private volatile boolean closed;

    RequestRunner(EndpointPool pool, HttpTransport transport, ProblemDecoder problems, RetryPolicy policy, Executor executor) {
        this(pool, transport, problems, policy, executor, null);
    }

    /** @param router names the owner of a call's routing key, or null when owner-aware routing is off */
    RequestRunner(EndpointPool pool, HttpTransport transport, ProblemDecoder problems, RetryPolicy policy, Executor executor,
                  PartitionRouter router) {
        this.router = router;
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
     *                 run on the client's executor, blocking one of its threads only for a blocking call (an async
     *                 call's retries are sent with {@code sendAsync}, so no thread waits for them)
     */
    CompletableFuture<Reply> run(Call call, boolean blocking) {
        return run(call, null, blocking);
    }

    /** {@link #run(Call, boolean)} with a per-attempt timeout, or null for the client's request timeout. */
    CompletableFuture<Reply> run(Call call, Duration timeout, boolean blocking) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(closedError(call, 0, false, null));
            return result;
        }
        attempt(call, timeout, 1, new HashSet<>(), false, result, blocking);
        return result;
    }

    /** From now on no retry is sent: a pending one completes its call exceptionally instead. */
    void close() {
        closed = true;
    }

    private void attempt(Call call, Duration timeout, int attempt, Set<Endpoint> tried, boolean earlierUnknown,
                         CompletableFuture<Reply> result, boolean blocking) {
        Endpoint owner = router == null || call.routingKey() == null ? null : router.ownerOf(call.routingKey());
        Endpoint endpoint = pool.choose(tried, owner);
        tried.add(endpoint);
        endpoint.begin();
        // Runs on the thread that completed the exchange: the HTTP client's executor (never its selector thread),
        // so no extra hop; the work here is light and never blocks.
        transport.send(endpoint, call, timeout, blocking).whenComplete((response, failure) -> {
            FlotillaException error;
            boolean replayed = false;
            if (failure != null) {
                error = unwrap(failure, endpoint);
                endpoint.end(false);
                if (endpoint == owner) {
                    router.refreshSoon(); // the owner may be gone: its partitions have moved or will
                }
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
            decide(call, timeout, attempt, tried, earlierUnknown, result, error, replayed, blocking);
        });
    }

    private void decide(Call call, Duration timeout, int attempt, Set<Endpoint> tried, boolean earlierUnknown,
                        CompletableFuture<Reply> result, FlotillaException error, boolean replayed, boolean blocking) {
        boolean unknown = earlierUnknown || RetryDecision.leavesUnknown(call.kind(), error);
        switch (RetryDecision.after(call.kind(), error, replayed, earlierUnknown, attempt, policy.maxAttempts())) {
            case RETRY -> {
                Duration delay = Backoff.delay(policy, attempt, ThreadLocalRandom.current()::nextDouble);
                Runnable retry = () -> {
                    try {
                        attempt(call, timeout, attempt + 1, tried, unknown, result, blocking);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(unknown ? new IndeterminateResultException(attempt, call.idempotencyKey(),
                                HttpTransport.classify(e, null)) : e);
                    }
                };
                // The JDK's delayer thread hands the retry to the executor; when that executor was shut down (the
                // client closed, or a caller's executor stopped) the rejection would be lost there and the call
                // would never complete, so it completes the call here instead.
                Executor handOff = task -> {
                    if (closed) {
                        result.completeExceptionally(closedError(call, attempt, unknown, error));
                        return;
                    }
                    try {
                        executor.execute(task);
                    } catch (RejectedExecutionException e) {
                        result.completeExceptionally(closedError(call, attempt, unknown, error));
                    }
                };
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, handOff).execute(retry);
            }
            case FAIL -> result.completeExceptionally(error);
            case UNKNOWN -> result.completeExceptionally(new IndeterminateResultException(attempt, call.idempotencyKey(), error));
        }
    }

    /**
     * The failure of a call whose next attempt cannot be sent because the client (or its executor) was closed:
     * unknown when an earlier attempt may have been applied, otherwise definite.
     */
    private static FlotillaException closedError(Call call, int attempts, boolean unknown, FlotillaException last) {
        if (unknown) {
            return new IndeterminateResultException(attempts, call.idempotencyKey(), last);
        }
        String after = last == null ? "" : " after " + attempts + " attempt(s); last failure: " + last.getMessage();
        return new FlotillaException(FlotillaException.NO_ENDPOINT, true,
                "the client was closed (or its executor shut down) before " + call.method() + " " + call.path()
                        + " could be sent" + after, last);
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
