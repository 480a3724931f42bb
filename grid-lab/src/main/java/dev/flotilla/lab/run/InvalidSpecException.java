package dev.flotilla.lab.run;

/** An experiment spec was rejected; the message names the field (in its YAML spelling) and the bad value. */
public final class InvalidSpecException extends IllegalArgumentException {
    private final String field;

    /** A rejection of {@code value} in {@code field} because of {@code rule}. */
    public InvalidSpecException(String field, Object value, String rule) {
        super(field + " = " + (value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value)) + ": " + rule);
        this.field = field;
    }

    /** The rejected field, for example {@code nemesis.interval-seconds}. */
    public String field() {
        return field;
    }
}
