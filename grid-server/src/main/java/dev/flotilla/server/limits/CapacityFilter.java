package dev.flotilla.server.limits;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.server.problem.ProblemException;
import dev.flotilla.server.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Refuses writes while the node's heap is above its high-water mark ({@link MemoryGuard}), before any route runs:
 * {@code 503 capacity}, definite (nothing reached the grid), with {@code Retry-After}. Reads ({@code GET},
 * {@code HEAD}) and deletes (they free memory) pass. A {@code POST} of a batch that only reads is refused too: the
 * filter does not read bodies, which is the point of refusing early.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CapacityFilter {
    /** Seconds a refused client should wait: a few collections' worth. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final MemoryGuard memory;

    public CapacityFilter(MemoryGuard memory) {
        this.memory = memory;
    }

    /** The 503 for a write while above the mark; null lets the request through. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        boolean write = method == HttpMethod.PUT || method == HttpMethod.POST || method == HttpMethod.PATCH;
        if (!write || !memory.above()) {
            return null;
        }
        ProblemException refused = new ProblemException(ErrorCode.CAPACITY, "this node's old generation holds "
                + (memory.usedAfterGc() >> 20) + " MB after the last collection, above its high-water mark of "
                + (memory.highWaterBytes() >> 20) + " MB (flotilla-server.limits.memory-high-water-percent); "
                + "nothing was written. Reads still work; retry later or on another node")
                .retryAfter(RETRY_AFTER_SECONDS);
        return Problems.response(refused, request);
    }
}
