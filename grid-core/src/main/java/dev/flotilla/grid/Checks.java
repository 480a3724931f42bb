package dev.flotilla.grid;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Field checks shared by the config records; every failure names the field and the value. */
final class Checks {
    private Checks() {
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigException(field, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    static String notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(field, value, "must not be empty");
        }
        return value.strip();
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidConfigException(field, null, "must be set");
        }
        return value;
    }

    /** The kebab-case id of a config enum constant, as YAML spells it: {@code READ_WRITE} is {@code read-write}. */
    static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} whose {@link #id} is {@code value}; otherwise an error listing every valid id. */
    static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (id(constant).equals(value)) {
                return constant;
            }
        }
        throw new InvalidConfigException(field, value, "must be one of "
                + Arrays.stream(type.getEnumConstants()).map(Checks::id).collect(Collectors.joining(", ")));
    }
}
