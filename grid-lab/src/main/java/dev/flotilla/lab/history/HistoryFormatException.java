package dev.flotilla.lab.history;

/** Thrown when a history is malformed or breaks a history rule; the message names the line or event index. */
public final class HistoryFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long line;

    HistoryFormatException(long line, String message, Throwable cause) {
        super(line > 0 ? "line " + line + ": " + message : message, cause);
        this.line = line;
    }

    HistoryFormatException(long line, String message) {
        this(line, message, null);
    }

    /** Returns the 1-based line number of the offending line, or 0 when the history did not come from a file. */
    public long line() {
        return line;
    }
}
