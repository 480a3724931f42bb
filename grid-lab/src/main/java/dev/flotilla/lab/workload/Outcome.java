package dev.flotilla.lab.workload;

/**
 * How a request completed when the client got an answer.
 *
 * <p>A thrown exception is not an outcome: the recorder turns it into {@code fail} (definite) or {@code info}.
 *
 * @param applied true for ok (it surely took effect), false for fail (it surely did not, e.g. a cas that lost)
 * @param value   the completion value written to the history (what a read returned; null otherwise)
 */
public record Outcome(boolean applied, Object value) {

    /** The request took effect; {@code value} is what it returned (null when nothing). */
    public static Outcome ok(Object value) {
        return new Outcome(true, value);
    }

    /** The request surely did not take effect. */
    public static Outcome fail(Object value) {
        return new Outcome(false, value);
    }
}
