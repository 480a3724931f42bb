package dev.flotilla.grid;

/** A grid operation failed; {@link #failure()} says why and whether it surely did not take effect. */
public class GridException extends RuntimeException {
    private final GridFailure failure;

    /** A failure with a message for people; the message must not echo secrets or internal exception text. */
    public GridException(GridFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    /** A failure caused by an underlying exception, kept for logs. */
    public GridException(GridFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    /** The classified reason. */
    public GridFailure failure() {
        return failure;
    }

    /** Shorthand for {@code failure().definite()}: true only when the operation surely did not take effect. */
    public boolean definite() {
        return failure.definite();
    }
}
