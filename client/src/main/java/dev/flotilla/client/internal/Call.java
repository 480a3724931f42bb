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
 */
record Call(String method, String path, List<String> headers, String body, RetryDecision.Kind kind,
            String idempotencyKey) {
}
