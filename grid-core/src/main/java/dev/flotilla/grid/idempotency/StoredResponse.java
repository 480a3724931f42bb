package dev.flotilla.grid.idempotency;

/**
 * The outcome of the first application of an idempotent request, replayed to every retry with the same key.
 *
 * @param status      the HTTP status answered
 * @param contentType the response's content type, or null when it had no body
 * @param etag        the {@code ETag} header, or null
 * @param location    the {@code Location} header, or null
 * @param body        the response body as text (UTF-8 JSON), or null when it had none
 */
public record StoredResponse(int status, String contentType, String etag, String location, String body) {
}
