package dev.flotilla.client.internal;

import java.net.http.HttpHeaders;

/**
 * A successful (2xx or 304) answer.
 *
 * @param status  the HTTP status
 * @param headers the response headers
 * @param body    the body bytes (empty when none)
 */
record Reply(int status, HttpHeaders headers, byte[] body) {
}
