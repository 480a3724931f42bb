package dev.flotilla.grid;

/** A conditional write or delete found another version than expected; nothing was written. */
public final class VersionMismatchException extends GridException {
    private final long expectedVersion;
    private final long currentVersion;

    /** {@code currentVersion} 0 means the key was absent. */
    public VersionMismatchException(String key, long expectedVersion, long currentVersion) {
        this(expectedVersion, currentVersion, "key '" + key + "'");
    }

    /** A mismatch on a key of a named map (a transaction touches several maps); the message names both. */
    public VersionMismatchException(String map, String key, long expectedVersion, long currentVersion) {
        this(expectedVersion, currentVersion, "map '" + map + "', key '" + key + "'");
    }

    private VersionMismatchException(long expectedVersion, long currentVersion, String where) {
        super(GridFailure.VERSION_MISMATCH, describe(where, expectedVersion, currentVersion));
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    /** The version the caller expected; 0 means "absent". */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** The version found; 0 means the key was absent. */
    public long currentVersion() {
        return currentVersion;
    }

    private static String describe(String where, long expected, long current) {
        String want = expected == 0 ? "no entry" : "version " + expected;
        String found = current == 0 ? "no entry" : "version " + current;
        return where + ": expected " + want + " but found " + found;
    }
}
