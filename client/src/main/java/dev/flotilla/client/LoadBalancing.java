package dev.flotilla.client;

/** How the client picks a node for each request, among the nodes in rotation. */
public enum LoadBalancing {
    /** Each request goes to the next node in turn: an even spread. */
    ROUND_ROBIN,
    /** Each request goes to the node with the fewest requests in flight from this client (ties in turn). */
    LEAST_OUTSTANDING
}
