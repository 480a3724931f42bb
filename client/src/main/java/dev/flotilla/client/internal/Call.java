package dev.flotilla.client.internal;

import java.util.List;

/**
 * One logical request, sent in one or more attempts.
 *
 * @param method         HTTP method
 * @param path           path and query, already percent-encoded
 * @param headers        extra headers as name, value pairs (preconditions, Idempotency-Key)
 * @param body           JSON body, or null
 * @param kind           what the request does, which decides what may be retried
 * @param idempotencyKey the key sent with it, or null
 * @param routingKey     the grid key whose partition owner should answer it (owner-aware routing), or null
 */
record Call(String method, String path, List<String> headers, String body, RetryDecision.Kind kind,
            String idempotencyKey, String routingKey) {

    /** A call placed by the balancer alone. */
    Call(String method, String path, List<String> headers, String body, RetryDecision.Kind kind, String idempotencyKey) {
        this(method, path, headers, body, kind, idempotencyKey, null);
    }

    /** This call, routed to the owner of {@code key}'s partition when routing is on. */
    Call routedBy(String key) {
        return new Call(method, path, headers, body, kind, idempotencyKey, key);
    }
}
