package dev.flotilla.grid.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastJsonValue;
import dev.flotilla.grid.internal.Envelope;

/**
 * One stored entry's columns: what kind of value the map holds, and the value in a form a person can read in the
 * database. A versioned document keeps its version and operation id in columns of their own, so the envelope the
 * grid works with is rebuilt exactly on load.
 *
 * @param kind      {@link #DOCUMENT} (a versioned document), {@link #JSON} (any other JSON value), {@link #LONG},
 *                  {@link #LONGS} (a {@code long[]}, the grow-set's buckets) or {@link #TEXT}
 * @param version   the document's version; null for other kinds
 * @param operation the id of the write that produced the document; null for other kinds
 * @param value     the document, the JSON, the number, the JSON array of numbers or the text
 */
record StoredRow(String kind, Long version, Long operation, String value) {
    static final String DOCUMENT = "D";
    static final String JSON = "J";
    static final String LONG = "L";
    static final String LONGS = "A";
    static final String TEXT = "S";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The row for a value the grid holds; a type it cannot store is refused before anything is written. */
    static StoredRow of(String map, Object value) {
        if (value instanceof HazelcastJsonValue json) {
            return Envelope.isEnvelope(json)
                    ? new StoredRow(DOCUMENT, Envelope.version(json), Envelope.operationId(json), Envelope.document(json))
                    : new StoredRow(JSON, null, null, json.getValue());
        }
        if (value instanceof Long number) {
            return new StoredRow(LONG, null, null, number.toString());
        }
        if (value instanceof long[] numbers) {
            try {
                return new StoredRow(LONGS, null, null, MAPPER.writeValueAsString(numbers));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a long[] always serializes", e);
            }
        }
        if (value instanceof String text) {
            return new StoredRow(TEXT, null, null, text);
        }
        throw new StoreException("map '" + map + "' holds a " + (value == null ? "null" : value.getClass().getName())
                + " value, which a persistent map cannot store (documents, JSON, numbers and text only)", true, null);
    }

    /** The value the grid holds for this row. */
    Object value(String map) {
        return switch (kind) {
            case DOCUMENT -> Envelope.wrap(version, operation, value);
            case JSON -> new HazelcastJsonValue(value);
            case LONG -> Long.parseLong(value);
            case LONGS -> readLongs(map);
            case TEXT -> value;
            default -> throw new StoreException("map '" + map + "' has a stored row of unknown kind '" + kind + "'",
                    true, null);
        };
    }

    private long[] readLongs(String map) {
        try {
            return MAPPER.readValue(value, long[].class);
        } catch (JsonProcessingException e) {
            throw new StoreException("map '" + map + "' has a stored long[] that is not a JSON array of numbers",
                    true, e);
        }
    }
}
