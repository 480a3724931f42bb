package dev.flotilla.grid;

/**
 * Why a grid operation failed, with whether it surely did not take effect.
 *
 * <p>{@link #definite()} is true only when the operation surely did not happen (it was rejected before it ran);
 * a caller may then retry any operation freely. When it is false the operation may or may not have been applied,
 * and only an idempotent or conditional retry is safe. The codes are stable: grid-server puts them in the
 * {@code code} field of its problem+json errors.
 */
public enum GridFailure {
    /** A map name is empty, too long or has characters outside the allowed set. */
    INVALID_MAP_NAME("invalid-map-name", true),
    /** A key is empty, too long or has control characters. */
    INVALID_KEY("invalid-key", true),
    /** A value is not one well-formed JSON document. */
    INVALID_VALUE("invalid-json", true),
    /** An argument other than a name or value is out of range (a negative TTL, an empty batch, ...). */
    INVALID_ARGUMENT("invalid-argument", true),
    /** A conditional write found another version than the one expected; nothing was written. */
    VERSION_MISMATCH("version-mismatch", true),
    /** A transfer asked for more than its source account holds; nothing moved. */
    INSUFFICIENT_BALANCE("insufficient-balance", true),
    /** A lock the operation needs stayed held by someone else for the whole wait; the operation did not run. */
    LOCK_UNAVAILABLE("lock-unavailable", true),
    /**
     * The operation was refused because this side of the cluster is smaller than the map's split-brain protection
     * minimum ({@code split-brain-min-size}); checked by the partition owner before the operation runs.
     */
    NO_QUORUM("no-quorum", true),
    /** The local member is not running (not started yet, shutting down or terminated); nothing was sent. */
    NOT_RUNNING("member-not-running", true),
    /** The cluster has no member that can own data (for example only lite members); nothing was sent. */
    NO_DATA_MEMBER("no-data-member", true),
    /** The CP group the operation targets was destroyed; the operation was not applied. */
    CP_GROUP_DESTROYED("cp-group-destroyed", true),
    /**
     * A persistent map's database refused the write or could not be reached before anything was sent to it; the
     * write did not happen, in memory or in the database.
     */
    STORE_UNAVAILABLE("store-unavailable", true),
    /**
     * A write-behind map's queue is full (the database is behind or down); the write was refused before it was
     * applied.
     */
    STORE_QUEUE_FULL("store-queue-full", true),
    /**
     * A persistent map's database did not answer in time, or the connection broke mid-statement: the database may
     * hold the write even though memory does not (a later restart loads it).
     */
    STORE_TIMEOUT("store-timeout", false),
    /** No answer arrived in time: the operation may have been applied. */
    TIMEOUT("timeout", false),
    /** The member running the operation left or its connection dropped mid-call: the operation may have been applied. */
    MEMBER_LOST("member-lost", false),
    /** A CP (Raft) operation's outcome is unknown, for example its leader changed mid-call. */
    INDETERMINATE("indeterminate", false),
    /** Anything unclassified: treated as possibly applied. */
    INTERNAL("internal", false);

    private final String code;
    private final boolean definite;

    GridFailure(String code, boolean definite) {
        this.code = code;
        this.definite = definite;
    }

    /** The stable, kebab-case error code. */
    public String code() {
        return code;
    }

    /** True only when the operation surely did not take effect. */
    public boolean definite() {
        return definite;
    }
}
