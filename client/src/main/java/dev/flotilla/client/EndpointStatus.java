package dev.flotilla.client;

import java.net.URI;

/**
 * A snapshot of one node as the client sees it.
 *
 * @param uri         the node's base URI
 * @param state       in rotation, deprioritised, or ejected
 * @param outstanding requests from this client in flight to the node now
 * @param requests    requests this client has sent to the node so far
 * @param lastFailure the last transport failure or health verdict that ejected it, or null
 */
public record EndpointStatus(URI uri, EndpointState state, int outstanding, long requests, String lastFailure) {
}
