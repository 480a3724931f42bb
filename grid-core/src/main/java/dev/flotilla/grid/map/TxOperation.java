package dev.flotilla.grid.map;

import java.util.Locale;

/**
 * One operation of a map transaction ({@code Grid#transaction}): read, write or delete one key of a versioned map.
 *
 * <p>Build them with the static factories; the transaction validates every operation before it begins.
 *
 * @param kind      what the operation does
 * @param map       the versioned map's name
 * @param key       the key
 * @param json      the document to write (puts), the element to append (appends); null otherwise
 * @param ifVersion the version the key must have for the operation to apply: {@link #ANY_VERSION} for none, 0 for
 *                  "absent" (puts and appends only), a positive version otherwise; gets take {@link #ANY_VERSION}
 *                  only
 */
public record TxOperation(Kind kind, String map, String key, String json, long ifVersion) {
    /** {@link #ifVersion()} of an unconditional operation. */
    public static final long ANY_VERSION = -1;
    /** Most operations one transaction may hold. */
    public static final int MAX_OPERATIONS = 100;

    /** What an operation does. */
    public enum Kind {
        /** Reads the document and its version (version 0 and no document when absent). */
        GET,
        /** Writes a document; the version becomes the current one plus 1 (1 when absent). */
        PUT,
        /** Deletes the key; answers the deleted version (0 when it was absent). */
        DELETE,
        /**
         * Adds a JSON value as the last element of the JSON array stored at the key ({@code [value]} when absent);
         * the version is bumped as by a put. A present document that is not an array fails the transaction.
         */
        APPEND;

        /** The lower-case name used on the wire: {@code get}, {@code put}, {@code delete}, {@code append}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Reads {@code map}/{@code key}, locking it until the transaction ends. */
    public static TxOperation get(String map, String key) {
        return new TxOperation(Kind.GET, map, key, null, ANY_VERSION);
    }

    /** Writes {@code json} whatever version the key has. */
    public static TxOperation put(String map, String key, String json) {
        return new TxOperation(Kind.PUT, map, key, json, ANY_VERSION);
    }

    /** Writes {@code json} only if the key has version {@code ifVersion} (0: only if absent). */
    public static TxOperation put(String map, String key, String json, long ifVersion) {
        return new TxOperation(Kind.PUT, map, key, json, ifVersion);
    }

    /** Deletes the key whatever version it has (a no-op when absent). */
    public static TxOperation delete(String map, String key) {
        return new TxOperation(Kind.DELETE, map, key, null, ANY_VERSION);
    }

    /** Deletes the key only if it has version {@code ifVersion} (positive). */
    public static TxOperation delete(String map, String key, long ifVersion) {
        return new TxOperation(Kind.DELETE, map, key, null, ifVersion);
    }

    /** Appends {@code json} to the array at the key whatever version the key has. */
    public static TxOperation append(String map, String key, String json) {
        return new TxOperation(Kind.APPEND, map, key, json, ANY_VERSION);
    }
}
