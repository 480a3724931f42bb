package dev.flotilla.client;

import dev.flotilla.client.protocol.Problem;

/**
 * A conditional write or delete found another version than required ({@code version-mismatch} or
 * {@code precondition-failed}, HTTP 412); nothing was written. Always definite.
 */
public class VersionConflictException extends FlotillaException {
    private final long currentVersion;

    /** The conflict a node answered. */
    public VersionConflictException(Problem problem) {
        super(problem.code(), true, problem.status(), problem, problem.status() + " " + problem.code() + ": "
                + problem.detail(), null);
        this.currentVersion = problem.currentVersion() == null ? -1 : problem.currentVersion();
    }

    /** The version the node found (0 = absent), or -1 when it did not say. */
    public long currentVersion() {
        return currentVersion;
    }
}
