package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a {@link TransactionRequest}.
 *
 * @param op        {@code get}, {@code put}, {@code append} or {@code delete}
 * @param map       the map's name
 * @param key       the key
 * @param value     the document to write (puts), the element to add last to the key's JSON array (appends)
 * @param ifVersion the version the key must have, or null for none: 0 means "absent" (puts and appends only); a mismatch
 *                  fails the whole transaction with {@code 412 version-mismatch} and nothing is written
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransactionOperation(String op, String map, String key, JsonNode value, Long ifVersion) {
    /** Reads the key (locked until the transaction ends). */
    public static TransactionOperation get(String map, String key) {
        return new TransactionOperation("get", map, key, null, null);
    }

    /** Writes {@code value} whatever version the key has. */
    public static TransactionOperation put(String map, String key, JsonNode value) {
        return new TransactionOperation("put", map, key, value, null);
    }

    /** Writes {@code value} only if the key has version {@code ifVersion} (0: only if absent). */
    public static TransactionOperation put(String map, String key, JsonNode value, long ifVersion) {
        return new TransactionOperation("put", map, key, value, ifVersion);
    }

    /**
     * Adds {@code value} as the last element of the key's JSON array ({@code [value]} when absent); a present
     * document that is not an array fails the transaction with a definite {@code 400 invalid-argument}.
     */
    public static TransactionOperation append(String map, String key, JsonNode value) {
        return new TransactionOperation("append", map, key, value, null);
    }

    /** Deletes the key (a no-op when absent). */
    public static TransactionOperation delete(String map, String key) {
        return new TransactionOperation("delete", map, key, null, null);
    }

    /** Deletes the key only if it has version {@code ifVersion} (positive). */
    public static TransactionOperation delete(String map, String key, long ifVersion) {
        return new TransactionOperation("delete", map, key, null, ifVersion);
    }
}
