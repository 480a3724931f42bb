package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a {@code POST /tx} transaction on a versioned map.
 *
 * @param op        {@code get}, {@code put} or {@code delete}
 * @param map       the map name
 * @param key       the key
 * @param value     the document to write ({@code put} only)
 * @param ifVersion optional precondition: the version the key must have (0 = absent); the whole transaction is
 *                  rolled back with {@code 412 version-mismatch} when it does not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TxOperation(String op, String map, String key, JsonNode value, Long ifVersion) {

    /** Reads the key inside the transaction (the key is locked until commit). */
    public static TxOperation get(String map, String key) {
        return new TxOperation("get", map, key, null, null);
    }

    /** Writes the document whatever the key's version. */
    public static TxOperation put(String map, String key, JsonNode value) {
        return new TxOperation("put", map, key, value, null);
    }

    /** Writes the document only if the key has version {@code ifVersion} (0: only if absent). */
    public static TxOperation put(String map, String key, JsonNode value, long ifVersion) {
        return new TxOperation("put", map, key, value, ifVersion);
    }

    /** Deletes the key (nothing happens when it is absent). */
    public static TxOperation delete(String map, String key) {
        return new TxOperation("delete", map, key, null, null);
    }

    /** Deletes the key only if it has version {@code ifVersion}. */
    public static TxOperation delete(String map, String key, long ifVersion) {
        return new TxOperation("delete", map, key, null, ifVersion);
    }
}
