package dev.flotilla.server.idempotency;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Preconditions;
import dev.flotilla.client.protocol.Problem;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.idempotency.Claim;
import dev.flotilla.grid.idempotency.IdempotencyStore;
import dev.flotilla.grid.idempotency.StoredResponse;
import dev.flotilla.server.problem.ProblemException;
import dev.flotilla.server.problem.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a write that carries an {@code Idempotency-Key} at most once per key within the window
 * ({@code flotilla-server.idempotency.window}, 10 minutes by default), through grid-core's {@link IdempotencyStore}.
 *
 * <p>Per request: claim the key; if an earlier request with the same key and fingerprint completed, answer its
 * recorded response (status, ETag, Location, body) with {@code Idempotent-Replayed: true} and apply nothing; if
 * it is still running, answer {@code 409 request-in-progress}; if the key was used for another request, answer
 * {@code 422 idempotency-key-reused}. Otherwise apply the write, then record its outcome before answering:
 * a success and a non-definite failure are recorded (a retry learns the same), a definite failure frees the key
 * (nothing was applied, so a retry may apply it). The fingerprint is the method, the path, the query parameters, the
 * {@code If-Match}/{@code If-None-Match} headers and a SHA-256 of the body.
 */
@Singleton
public class IdempotentRequests {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentRequests.class);

    /** Claims tried per request when a claim fails without a definite answer. */
    static final int CLAIM_ATTEMPTS = 3;
    private static final long CLAIM_BACKOFF_MILLIS = 100;

    private final IdempotencyStore store;
    private final JsonMapper json;
    private final Executor executor;

    /**
     * @param executor where the steps after each grid call run: grid futures may complete on a partition thread,
     *                 which must not call the grid again
     */
    public IdempotentRequests(Grid grid, JsonMapper json, @Named(TaskExecutors.IO) Executor executor,
                              @Value("${flotilla-server.idempotency.window:10m}") Duration window) {
        this.store = IdempotencyStore.of(grid, window);
        this.json = json;
        this.executor = executor;
    }

    /** The window during which a key is remembered. */
    public Duration window() {
        return store.window();
    }

    /**
     * Runs {@code write} at most once for {@code key}; without a key, simply runs it.
     *
     * @param key  the request's {@code Idempotency-Key} header, or null
     * @param body the request body as received (part of the fingerprint), or null
     */
    public CompletableFuture<HttpResponse<?>> run(HttpRequest<?> request, @Nullable String key, @Nullable String body,
                                                  Supplier<? extends CompletableFuture<? extends HttpResponse<?>>> write) {
        if (key == null) {
            return start(write).thenApply(response -> response);
        }
        if (!Preconditions.isIdempotencyKey(key)) {
            throw new ProblemException(ErrorCode.INVALID_PARAMETER, Preconditions.IDEMPOTENCY_KEY + " must be 1-"
                    + Preconditions.MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters (a UUID is a good choice)");
        }
        String fingerprint = fingerprint(request, body);
        return claim(key, fingerprint).thenComposeAsync(claim -> switch (claim.kind()) {
            case COMPLETED -> CompletableFuture.completedFuture(replay(claim.response(), true));
            case IN_PROGRESS -> CompletableFuture.failedFuture(new ProblemException(ErrorCode.REQUEST_IN_PROGRESS,
                    "a request with this Idempotency-Key is still running (or its node stopped before recording the"
                            + " outcome); nothing was done: retry later to get its outcome"));
            case KEY_REUSED -> CompletableFuture.failedFuture(new ProblemException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used for a different request (method, path, precondition or body);"
                            + " nothing was done: use a new key for a new request"));
            case CLAIMED -> applyClaimed(request, claim, write);
        }, executor);
    }

    /**
     * Claims the key, retrying up to {@value #CLAIM_ATTEMPTS} times when a claim fails without a definite answer
     * (member lost, timeout). Every attempt presents the same claim id, so an attempt whose marker was stored
     * before its answer was lost is recognised by the next one as this request's own claim: the key does not stay
     * stuck "in progress", and the write still runs at most once. When every attempt fails, the answer keeps the
     * grid's non-definite code with a fixed detail: this request ran nothing, but the key may stay "in progress"
     * until the window ends.
     */
    private CompletableFuture<Claim> claim(String key, String fingerprint) {
        CompletableFuture<Claim> claimed = new CompletableFuture<>();
        claim(key, fingerprint, java.util.UUID.randomUUID().toString(), 1, claimed);
        return claimed;
    }

    private void claim(String key, String fingerprint, String claimId, int attempt, CompletableFuture<Claim> claimed) {
        CompletableFuture<Claim> call;
        try {
            call = store.claim(key, fingerprint, claimId);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((claim, failure) -> {
            if (failure == null) {
                claimed.complete(claim);
                return;
            }
            Throwable cause = unwrap(failure);
            if (!(cause instanceof GridException grid) || grid.definite()) {
                claimed.completeExceptionally(cause);
            } else if (attempt < CLAIM_ATTEMPTS) {
                // not from this (Hazelcast) thread: the next claim is sent from the executor, after a short pause
                CompletableFuture.runAsync(() -> claim(key, fingerprint, claimId, attempt + 1, claimed),
                        CompletableFuture.delayedExecutor(CLAIM_BACKOFF_MILLIS * attempt, TimeUnit.MILLISECONDS, executor));
            } else {
                LOG.warn("could not claim idempotency key {} after {} attempts", key, attempt, grid);
                ErrorCode code = ErrorCode.fromCode(grid.failure().code()).orElse(ErrorCode.INDETERMINATE);
                claimed.completeExceptionally(new ProblemException(code == ErrorCode.INTERNAL ? ErrorCode.INDETERMINATE : code,
                        "the Idempotency-Key could not be claimed, so this request applied nothing; the key may stay"
                                + " 'in progress' until the window ends, and whether an earlier request with this key"
                                + " was applied is not known"));
            }
        });
    }

    private CompletableFuture<HttpResponse<?>> applyClaimed(HttpRequest<?> request, Claim claim,
                                                            Supplier<? extends CompletableFuture<? extends HttpResponse<?>>> write) {
        CompletableFuture<HttpResponse<?>> result = new CompletableFuture<>();
        start(write).whenCompleteAsync((response, failure) -> {
            if (failure == null) {
                applied(claim, response, result);
            } else {
                failed(request, claim, unwrap(failure), result);
            }
        }, executor);
        return result;
    }

    /**
     * The write succeeded: record it, then answer it. Whatever fails while recording (capturing the response,
     * the store throwing or failing), the caller still gets the write's own response; the key then stays "in
     * progress" until the window ends (never freed: the write was applied).
     */
    private void applied(Claim claim, HttpResponse<?> response, CompletableFuture<HttpResponse<?>> result) {
        StoredResponse stored;
        CompletableFuture<Void> record;
        try {
            stored = capture(response);
            record = store.complete(claim, stored);
        } catch (RuntimeException e) {
            LOG.warn("write applied but its idempotency record could not be stored; retries of key {} will be told"
                    + " 'request-in-progress' until the window ends", claim.key(), e);
            result.complete(response);
            return;
        }
        record.whenComplete((ignored, recordFailure) -> {
            if (recordFailure != null) {
                LOG.warn("write applied but its idempotency record was not stored; retries of key {} will be"
                        + " told 'request-in-progress' until the window ends", claim.key(), recordFailure);
            }
            try {
                result.complete(replay(stored, false));
            } catch (RuntimeException e) {
                LOG.warn("could not rebuild the recorded response of idempotency key {}", claim.key(), e);
                result.complete(response);
            }
        });
    }

    /**
     * The write failed: free the key when the failure is definite, else record it, then answer the failure. If
     * the bookkeeping itself throws, the failure is still answered (best effort: the key may stay "in progress").
     */
    private void failed(HttpRequest<?> request, Claim claim, Throwable cause, CompletableFuture<HttpResponse<?>> result) {
        boolean definite = false;
        CompletableFuture<Void> record;
        try {
            Problem problem = problemOf(cause, request);
            definite = problem.definite();
            record = definite ? store.release(claim) : store.complete(claim, capture(Problems.response(problem)));
        } catch (RuntimeException e) {
            record = CompletableFuture.failedFuture(e);
        }
        boolean released = definite;
        record.whenComplete((ignored, recordFailure) -> {
            if (recordFailure != null) {
                LOG.warn("could not {} idempotency key {}", released ? "release" : "record the outcome of",
                        claim.key(), recordFailure);
            }
            result.completeExceptionally(cause);
        });
    }

    private static CompletableFuture<? extends HttpResponse<?>> start(
            Supplier<? extends CompletableFuture<? extends HttpResponse<?>>> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private StoredResponse capture(HttpResponse<?> response) {
        String body = null;
        String contentType = response.getContentType().map(MediaType::toString).orElse(null);
        Object value = response.getBody().orElse(null);
        if (value instanceof byte[] bytes) {
            body = new String(bytes, StandardCharsets.UTF_8);
        } else if (value != null) {
            try {
                body = new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            contentType = contentType == null ? MediaType.APPLICATION_JSON : contentType;
        }
        return new StoredResponse(response.code(), body == null ? null : contentType,
                response.getHeaders().get(Preconditions.ETAG), response.getHeaders().get(HttpHeaders.LOCATION), body);
    }

    private static MutableHttpResponse<?> replay(StoredResponse stored, boolean replayed) {
        MutableHttpResponse<byte[]> response = HttpResponse.status(HttpStatus.valueOf(stored.status()));
        if (stored.etag() != null) {
            response.header(Preconditions.ETAG, stored.etag());
        }
        if (stored.location() != null) {
            response.header(HttpHeaders.LOCATION, stored.location());
        }
        if (replayed) {
            response.header(Preconditions.IDEMPOTENT_REPLAYED, "true");
        }
        if (stored.body() != null) {
            response.contentType(stored.contentType() == null ? MediaType.APPLICATION_JSON : stored.contentType());
            response.body(stored.body().getBytes(StandardCharsets.UTF_8));
        }
        return response;
    }

    private static Problem problemOf(Throwable cause, HttpRequest<?> request) {
        if (cause instanceof ProblemException problem) {
            return Problems.of(problem, request);
        }
        if (cause instanceof GridException grid) {
            return Problems.of(grid, request);
        }
        return Problem.of(ErrorCode.INTERNAL, Problems.INTERNAL_DETAIL, request.getPath());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String fingerprint(HttpRequest<?> request, @Nullable String body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((body == null ? "" : body).getBytes(StandardCharsets.UTF_8));
            return request.getMethodName() + " " + request.getPath() + " " + new TreeMap<>(request.getParameters().asMap())
                    + " if-match=" + request.getHeaders().get(Preconditions.IF_MATCH)
                    + " if-none-match=" + request.getHeaders().get(Preconditions.IF_NONE_MATCH)
                    + " sha256=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
