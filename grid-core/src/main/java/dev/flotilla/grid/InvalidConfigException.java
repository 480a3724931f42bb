package dev.flotilla.grid;

/** A {@link GridConfig} value was rejected; the message names the field and the bad value. */
public final class InvalidConfigException extends IllegalArgumentException {
    private final String field;
    private final transient Object value;

    /** A rejection of {@code value} for {@code field}, because of {@code rule} (what a good value looks like). */
    public InvalidConfigException(String field, Object value, String rule) {
        super(field + " = " + render(value) + ": " + rule);
        this.field = field;
        this.value = value;
    }

    /** The configuration key that was rejected, in its YAML spelling (for example {@code map-defaults.backup-count}). */
    public String field() {
        return field;
    }

    /** The rejected value as it was given. */
    public Object value() {
        return value;
    }

    private static String render(Object value) {
        return value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
    }
}
