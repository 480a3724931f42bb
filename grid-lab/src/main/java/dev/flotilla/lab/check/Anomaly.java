package dev.flotilla.lab.check;

import java.util.Objects;

/**
 * One thing a checker found wrong or could not decide.
 *
 * @param kind a short stable tag, e.g. {@code nonlinearizable}, {@code lost}, {@code money}
 * @param message one human-readable line naming the operation indexes involved
 */
public record Anomaly(String kind, String message) {

    /** Validates that both fields are present. */
    public Anomaly {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
