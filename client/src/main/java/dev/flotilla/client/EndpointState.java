package dev.flotilla.client;

/** What the client knows about one node. */
public enum EndpointState {
    /** {@code GET /health} answered 200 UP (or the node has not been probed yet): in rotation. */
    HEALTHY,
    /**
     * {@code GET /health} answered 503 {@code OUT_OF_SERVICE}: the node still serves data but partitions are
     * migrating or backups are behind. In rotation, but only used when no healthy node is left.
     */
    DEGRADED,
    /**
     * The node refused connections, timed out, or answered {@code DOWN}: out of rotation until a health probe
     * finds it up again (used only when every node is ejected).
     */
    EJECTED
}
