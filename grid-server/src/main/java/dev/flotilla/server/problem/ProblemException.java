package dev.flotilla.server.problem;

import dev.flotilla.client.protocol.ErrorCode;

/**
 * A request rejected by the server itself (bad parameter, header, body shape, absent key): becomes a problem+json
 * response with {@link #code()}. Carries no stack trace: it is control flow, not a bug.
 */
public final class ProblemException extends RuntimeException {
    private final ErrorCode code;
    private final Long currentVersion;
    private Integer retryAfterSeconds;

    /** A problem of that code; {@code detail} is shown to the caller as it is. */
    public ProblemException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    /** A 412 problem that tells the caller which version it found (0: absent). */
    public ProblemException(ErrorCode code, String detail, Long currentVersion) {
        super(detail, null, false, false);
        this.code = code;
        this.currentVersion = currentVersion;
    }

    /** The error code. */
    public ErrorCode code() {
        return code;
    }

    /** The same problem, answered with {@code Retry-After: seconds} (a refusal that will pass later). */
    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** The {@code Retry-After} seconds to answer with, or null for none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The version found, for precondition failures; null otherwise. */
    public Long currentVersion() {
        return currentVersion;
    }
}
