package dev.flotilla.client;

/**
 * A write may or may not have been applied, and retries could not tell: the last attempt timed out, lost its
 * connection, met a node failure that is not definite, or met a still-running earlier attempt. Never definite.
 *
 * <p>With an idempotency key the write was applied at most once; read the key (or retry the same call later with
 * the same key, within the node's window) to learn the outcome. {@link #getCause()} is the last attempt's failure.
 */
public class IndeterminateResultException extends FlotillaException {
    private final int attempts;
    private final String idempotencyKey;

    /** The outcome of {@code attempts} attempts is unknown; {@code last} is the final failure. */
    public IndeterminateResultException(int attempts, String idempotencyKey, FlotillaException last) {
        super(last.code(), false, last.status(), last.problem().orElse(null), "outcome unknown after " + attempts
                + " attempt(s)" + (idempotencyKey == null ? "" : " with Idempotency-Key " + idempotencyKey)
                + "; last failure: " + last.getMessage(), last);
        this.attempts = attempts;
        this.idempotencyKey = idempotencyKey;
    }

    /** For subclasses that describe the unknown outcome themselves. */
    protected IndeterminateResultException(String message, int attempts, String idempotencyKey, FlotillaException last) {
        super(last.code(), false, last.status(), last.problem().orElse(null), message, last);
        this.attempts = attempts;
        this.idempotencyKey = idempotencyKey;
    }

    /** How many attempts were made. */
    public int attempts() {
        return attempts;
    }

    /** The idempotency key the attempts carried, or null. */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
