package dev.flotilla.grid.internal.store;

/**
 * A persistent map's database call failed. It travels from the member that ran the store (through Hazelcast's
 * operation response, so it is serializable) to the caller, where the failure classifier reads {@link #definite()}.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean definite;

    StoreException(String message, boolean definite, Throwable cause) {
        super(message, cause);
        this.definite = definite;
    }

    /** True only when the database surely did not apply the call (refused it, or was never reached). */
    public boolean definite() {
        return definite;
    }
}
