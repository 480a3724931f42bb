package dev.flotilla.grid;

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
}
