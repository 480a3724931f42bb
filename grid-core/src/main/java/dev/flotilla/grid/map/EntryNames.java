package dev.flotilla.grid.map;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;

import java.util.regex.Pattern;

/** The rules for map names and keys, shared by the embedded API and the HTTP API. */
public final class EntryNames {
    /** Longest map name. */
    public static final int MAX_MAP_NAME_LENGTH = 64;
    /** Longest key, in characters. */
    public static final int MAX_KEY_LENGTH = 256;

    private static final Pattern MAP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private EntryNames() {
    }

    /**
     * Accepts 1-64 letters, digits, '_', '.' and '-', starting with a letter or digit.
     *
     * <p>Names starting with '_' are reserved for Flotilla's and Hazelcast's own maps.
     *
     * @throws GridException {@link GridFailure#INVALID_MAP_NAME}, definite
     */
    public static String requireMapName(String name) {
        if (name == null || name.isEmpty()) {
            throw new GridException(GridFailure.INVALID_MAP_NAME, "map name must not be empty");
        }
        if (name.length() > MAX_MAP_NAME_LENGTH) {
            throw new GridException(GridFailure.INVALID_MAP_NAME,
                    "map name is " + name.length() + " characters long; the limit is " + MAX_MAP_NAME_LENGTH);
        }
        if (!MAP_NAME.matcher(name).matches()) {
            throw new GridException(GridFailure.INVALID_MAP_NAME, "map name '" + printable(name)
                    + "' must be letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return name;
    }

    /**
     * Accepts 1-256 characters with no control characters and no '/'.
     *
     * @throws GridException {@link GridFailure#INVALID_KEY}, definite
     */
    public static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new GridException(GridFailure.INVALID_KEY, "key must not be empty");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new GridException(GridFailure.INVALID_KEY,
                    "key is " + key.length() + " characters long; the limit is " + MAX_KEY_LENGTH);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c) || c == '/' || Character.isSurrogate(c) && !validSurrogateAt(key, i)) {
                throw new GridException(GridFailure.INVALID_KEY,
                        "key has a forbidden character at position " + i + " (control characters and '/' are not allowed)");
            }
        }
        return key;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(MAX_MAP_NAME_LENGTH).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
